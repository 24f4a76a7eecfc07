import { SEC017 } from '../../../../../tooling/lint/rules/sec/SEC017.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC017, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_rds_cluster.this`,
      `${P}.aws_lambda_function.validator`,
      `${S}.aws_lambda_function.validator`,
      `${P}.aws_ssm_parameter.db_password[0]`,
      `${S}.aws_ssm_parameter.db_password[0]`,
    ],
  },
});
