import { HCL004 } from '../../../../../tooling/lint/rules/hcl/HCL004.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL004, {
  passes: ['modules/good', 'modules/outer', 'environments/shared'],
  fails: {
    'modules/bad': ['modules/bad/variables.tf:variable.undocumented'],
  },
});
