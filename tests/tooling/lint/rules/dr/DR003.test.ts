import { DR003 } from '../../../../../tooling/lint/rules/dr/DR003.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR003, {
  passes: ['good', 'good-prod'],
  fails: {
    // The extra global cluster has no member in either region; the real one lost its secondary member.
    'dr-global': [
      'module.global.aws_rds_global_cluster.extra[0]',
      'module.global.aws_rds_global_cluster.extra[0]',
      'module.global.aws_rds_global_cluster.this',
    ],
  },
});
