import { DR002 } from '../../../../../tooling/lint/rules/dr/DR002.ts';
import { describeRule } from '../describe-rule.ts';
import { dropChange } from '../../plan-fixtures.ts';

describeRule(DR002, {
  passes: ['good', 'good-prod', 'literal-names'],
  fails: {
    'dr-global': ['module.global.aws_rds_global_cluster.extra[0]'],
    'a two-region plan without a global cluster': {
      fixture: 'good',
      doc: (doc) => (dropChange(doc, 'module.global.aws_rds_global_cluster.this'), doc),
      addresses: ['(plan)'],
    },
  },
});
