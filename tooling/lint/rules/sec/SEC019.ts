import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';
import { policyHolders, statementsOf } from './policies.ts';

export const SEC019 = defineRule({
  id: 'SEC019', family: 'SEC', target: 'plan', severity: 'info', title: 'Policy unknown at plan time',
  checks: 'Notes an IAM policy whose JSON is unknown in the plan and cannot be traced to a policy document.',
  why: 'Nothing is reported as a violation without evidence.',
  fix: 'Build policies with data.aws_iam_policy_document so their statements are visible at plan time.',
  equivalents: [],
  check(ctx) {
    // A bucket's policy: SEC011 (TLS only) gives no verdict on it.
    for (const { companions } of bucketsWith(ctx, 'aws_s3_bucket_policy')) {
      for (const p of companions) {
        const found = statementsOf(ctx, p);
        if (found.statements === null) ctx.emit(SEC019, p.address, `${p.address}: ${found.reason}; the TLS-only check was skipped.`);
      }
    }
    // An identity policy: SEC013 and SEC014 give no verdict on it.
    for (const { inst, identity, path } of policyHolders(ctx)) {
      if (!identity) continue;
      const found = statementsOf(ctx, inst, path);
      if (found.statements === null) ctx.emit(SEC019, inst.address, `${inst.address}: ${found.reason}; IAM checks skipped for it.`);
    }
  },
});
