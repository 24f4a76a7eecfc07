// Every IAM policy document of a plan, read once per run for the API rules: identity and resource
// policies (the SEC family's list), role trust policies, KMS key policies, and the single action of
// each aws_lambda_permission. Each entry keeps the address the finding will name.
import type { Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import type { Statement } from '../../plan/policy.ts';
import { policyHolders, statementsOf } from '../sec/policies.ts';

export interface PolicyDocument {
  inst: Instance;
  /** An identity policy (what a principal may do); trust and resource policies are not. */
  identity: boolean;
  statements: Statement[];
}

export function policyDocuments(ctx: RuleContext): PolicyDocument[] {
  return ctx.memo(policyDocuments, () => {
    const out: PolicyDocument[] = [];
    const add = (inst: Instance, identity: boolean, path: string[]) => {
      const found = statementsOf(ctx, inst, path).statements;
      if (found?.length) out.push({ inst, identity, statements: found });
    };
    for (const { inst, identity, path } of policyHolders(ctx)) add(inst, identity, path);
    for (const role of ctx.managedOf('aws_iam_role')) add(role, false, ['assume_role_policy']);
    for (const key of ctx.managedOf('aws_kms_key', 'aws_kms_replica_key')) add(key, false, ['policy']);
    for (const p of ctx.managedOf('aws_lambda_permission')) {
      if (typeof p.values.action === 'string') out.push({ inst: p, identity: false, statements: [{ effect: 'Allow', actions: [p.values.action], notActions: false, resources: [], conditions: [], principals: [] }] });
    }
    return out;
  });
}
