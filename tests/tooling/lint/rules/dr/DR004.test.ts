import { DR004 } from '../../../../../tooling/lint/rules/dr/DR004.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR004, {
  passes: ['good', 'good-prod'],
  fails: {
    dr: ['module.region_secondary.aws_rds_cluster.this'],
  },
});
