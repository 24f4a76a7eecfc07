import { SEC005 } from '../../../../../tooling/lint/rules/sec/SEC005.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC005, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_sns_topic.alarms`,
      `${S}.aws_sns_topic.alarms`,
    ],
  },
});
