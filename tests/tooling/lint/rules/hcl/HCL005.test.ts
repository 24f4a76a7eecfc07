import { HCL005 } from '../../../../../tooling/lint/rules/hcl/HCL005.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL005, {
  passes: ['modules/good'],
  fails: {
    'modules/bad': ['modules/bad/main.tf:provider.aws'],
    'modules/outer': ['modules/outer/modules/inner/main.tf:provider.aws'],
  },
});
