import { DR005 } from '../../../../../tooling/lint/rules/dr/DR005.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR005, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.region_secondary.aws_rds_cluster.this'],
  },
});
