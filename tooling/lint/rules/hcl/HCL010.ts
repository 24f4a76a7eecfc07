import type { HclValue } from '../../../terraform/hcl.ts';
import { defineRule } from '../../rule.ts';
import { hasKey } from './layout.ts';

export const HCL010 = defineRule({
  id: 'HCL010', family: 'HCL', target: 'hcl', severity: 'critical', title: 'No master_password attribute',
  checks: 'No master_password attribute anywhere (master_password_wo is the write-only replacement).',
  why: 'master_password lands in the plan and in state in plain text.',
  fix: 'Use master_password_wo with master_password_wo_version from an ephemeral variable.',
  equivalents: ['Checkov CKV_SECRET_* (partly)'],
  check(ctx) {
    for (const { rel, doc } of ctx.parsed) {
      if (hasKey(doc as HclValue, 'master_password')) {
        ctx.emit(HCL010, rel, null, `${rel} sets master_password, which lands in plan and state: use master_password_wo with master_password_wo_version.`);
      }
    }
  },
});
