import { SEC017 } from '../../../../../tooling/lint/rules/sec/SEC017.ts';
import { describeRule, P, inBoth } from '../describe-rule.ts';

describeRule(SEC017, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_rds_cluster.this`,
      ...inBoth('aws_lambda_function.validator'),
      ...inBoth('aws_ssm_parameter.db_password[0]'),
    ],
  },
});
