import { HCL010 } from '../../../../../tooling/lint/rules/hcl/HCL010.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL010, {
  passes: ['modules/good', 'modules/outer'],
  fails: {
    'modules/bad': ['modules/bad/main.tf'],
  },
});
