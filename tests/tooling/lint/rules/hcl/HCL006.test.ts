import { HCL006 } from '../../../../../tooling/lint/rules/hcl/HCL006.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL006, {
  // The good module names a region in a description and a validation message: prose is not configuration.
  passes: ['modules/good', 'modules/outer'],
  fails: {
    // Only main.tf: the region in tests/regions.tftest.hcl is test input.
    'modules/bad': { paths: ['modules/bad'], addresses: ['modules/bad/main.tf'], messages: ['hard-codes the region eu-west-1'] },
  },
});
