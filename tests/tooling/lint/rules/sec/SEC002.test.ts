import { SEC002 } from '../../../../../tooling/lint/rules/sec/SEC002.ts';
import { describeRule } from '../describe-rule.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describeRule(SEC002, {
  passes: ['good', 'good-prod'],
  fails: {
    sec: [
      `${P}.aws_rds_cluster.this`,
      `${S}.aws_rds_cluster.this`,
    ],
  },
});
