import { HCL002 } from '../../../../../tooling/lint/rules/hcl/HCL002.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL002, {
  passes: ['modules/good', 'modules/broken'],
  fails: {
    'modules/unmarked': ['modules/unmarked/README.md'],
    'modules/outer': ['modules/outer/modules/inner/modules/deep/README.md'],
  },
});
