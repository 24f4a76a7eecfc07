import { HCL001 } from '../../../../../tooling/lint/rules/hcl/HCL001.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL001, {
  passes: ['modules/good', 'environments/shared'],
  fails: {
    'modules/bad': ['modules/bad/README.md', 'modules/bad/outputs.tf'],
    // Inner modules follow the same layout.
    'modules/outer': ['modules/outer/modules/inner/outputs.tf'],
  },
});
