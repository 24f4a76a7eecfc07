import { OPS007 } from '../../../../../tooling/lint/rules/ops/OPS007.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS007, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_cloudwatch_metric_alarm.dlq`, `${S}.aws_cloudwatch_metric_alarm.dlq`],
  },
});
