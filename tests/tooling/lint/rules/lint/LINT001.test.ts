import { LINT001 } from '../../../../../tooling/lint/rules/lint/LINT001.ts';
import type { Suppression } from '../../../../../tooling/lint/suppressions.ts';
import { describeRule } from '../describe-rule.ts';

const HEALTH = 'module.region_secondary.aws_lambda_function.health';
const entry = (expires: string): Suppression[] => [{ rule: 'OPS009', address: HEALTH, reason: 'Accepted until the log group lands.', owner: 'platform-team', decision: 'docs/decisions/002-functions-and-the-vpc.md', expires }];

describeRule(LINT001, {
  passes: [
    'good',
    { label: 'a suppression before its expiry date', fixture: 'ops', suppressions: entry('2025-12-31'), today: '2025-06-01' },
  ],
  fails: {
    'a suppression past its expiry date': {
      fixture: 'ops',
      suppressions: entry('2025-05-31'),
      today: '2025-06-01',
      addresses: [HEALTH],
      messages: ['Waiver lint-suppressions.json #1 (OPS009 module.region_secondary.aws_lambda_function.health) (owner platform-team, docs/decisions/002-functions-and-the-vpc.md) expired on 2025-05-31'],
    },
  },
});
