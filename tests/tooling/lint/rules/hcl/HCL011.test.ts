import { HCL011 } from '../../../../../tooling/lint/rules/hcl/HCL011.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(HCL011, {
  passes: ['modules/good', 'modules/bad'],
  fails: {
    'modules/broken': { paths: ['modules/broken'], addresses: ['modules/broken/main.tf'], messages: [/modules\/broken\/main\.tf:\d+,\d+/] },
  },
});
