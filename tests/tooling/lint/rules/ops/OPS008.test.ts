import { OPS008 } from '../../../../../tooling/lint/rules/ops/OPS008.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(OPS008, {
  passes: ['good', 'good-prod'],
  fails: {
    ops: [`${P}.aws_cloudwatch_event_rule.orphan[0]`, `${S}.aws_cloudwatch_event_rule.orphan[0]`],
  },
});
