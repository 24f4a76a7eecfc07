import { HCL009 } from '../../../../../tooling/lint/rules/hcl/HCL009.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL009, {
  passes: ['modules/good', 'modules/outer', 'environments/shared'],
  fails: {
    'modules/bad': ['modules/bad/versions.tf:terraform.required_version'],
  },
});
