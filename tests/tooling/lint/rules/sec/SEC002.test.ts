import { SEC002 } from '../../../../../tooling/lint/rules/sec/SEC002.ts';
import { describeRule, inBoth } from '../describe-rule.ts';

describeRule(SEC002, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: inBoth('aws_rds_cluster.this'),
  },
});
