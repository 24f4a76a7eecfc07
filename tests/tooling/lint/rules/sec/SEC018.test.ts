import { SEC018 } from '../../../../../tooling/lint/rules/sec/SEC018.ts';
import { describeRule, P, S, inBoth } from '../describe-rule.ts';

describeRule(SEC018, {
  // The same unprotected settings in a dev plan are not findings: the rule applies to prod only.
  passes: ['good', 'good-prod', 'sec'],
  fails: {
    // Each regional cluster twice: deletion protection off, and backups kept too briefly.
    'prod-unprotected': [
      'module.global.aws_dynamodb_table.sessions',
      'module.global.aws_rds_global_cluster.this',
      `${P}.aws_rds_cluster.this`,
      ...inBoth('aws_rds_cluster.this'),
      `${S}.aws_rds_cluster.this`,
    ],
  },
});
