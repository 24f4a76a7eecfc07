import { HCL007 } from '../../../../../tooling/lint/rules/hcl/HCL007.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL007, {
  passes: ['modules/good', 'modules/outer'],
  fails: {
    'modules/bad': { paths: ['modules/bad'], addresses: ['modules/bad/main.tf'], messages: ['hard-codes the account id 123456789012'] },
  },
});
