import { HCL008 } from '../../../../../tooling/lint/rules/hcl/HCL008.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL008, {
  passes: ['modules/good', 'environments/shared'],
  fails: {
    'modules/bad': ['modules/bad/versions.tf:terraform.required_providers.aws'],
    'modules/outer': ['modules/outer/modules/inner/modules/deep/versions.tf:terraform.required_providers.aws'],
  },
});
