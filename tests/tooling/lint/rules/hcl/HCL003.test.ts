import { HCL003 } from '../../../../../tooling/lint/rules/hcl/HCL003.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL003, {
  passes: ['modules/good', 'environments/shared'],
  fails: {
    'modules/bad': ['modules/bad/variables.tf:variable.untyped'],
    'modules/outer': ['modules/outer/modules/inner/variables.tf:variable.untyped_inner'],
  },
});
