import { defineRule } from '../../rule.ts';
import { moduleLiterals } from './literals.ts';

export const HCL007 = defineRule({
  id: 'HCL007', family: 'HCL', target: 'hcl', severity: 'high', title: 'No hard-coded account id in modules',
  checks: 'No 12-digit account id appears in module .tf files (tests and comments excluded).',
  why: 'Account ids differ per environment.',
  fix: 'Take it as an input or build ARNs from data.aws_partition and inputs.',
  equivalents: [],
  check(ctx) {
    for (const { file, accounts } of moduleLiterals(ctx)) {
      for (const a of accounts) ctx.emit(HCL007, file.rel, null, `${file.rel} hard-codes the account id ${a}: take it as an input.`);
    }
  },
});
