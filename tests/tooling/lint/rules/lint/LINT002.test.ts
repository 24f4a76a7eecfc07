import { LINT002 } from '../../../../../tooling/lint/rules/lint/LINT002.ts';
import { describeRule } from '../describe-rule.ts';

const reason = 'Left over from a removed module.';

describeRule(LINT002, {
  passes: [
    'good',
    {
      label: 'a suppression that matches findings (by glob)',
      fixture: 'ops',
      suppressions: [{ rule: 'OPS009', address: 'module.region_*.aws_lambda_function.health', reason, owner: 'platform-team', decision: 'docs/decisions/002-functions-and-the-vpc.md', expires: '2030-01-01' }],
    },
    {
      label: 'an expired suppression (LINT001 reports it)',
      fixture: 'good',
      suppressions: [{ rule: 'SEC016', address: 'module.nowhere.*', reason, owner: 'platform-team', decision: 'docs/decisions/002-functions-and-the-vpc.md', expires: '2024-12-31' }],
    },
    {
      label: 'a suppression scoped to another environment',
      fixture: 'good',
      suppressions: [{ rule: 'SEC018', address: 'module.global.*', reason, owner: 'platform-team', decision: 'docs/decisions/002-functions-and-the-vpc.md', expires: '2030-01-01', environments: ['prod'] }],
    },
  ],
  fails: {
    'a suppression that matches nothing': {
      fixture: 'good',
      suppressions: [{ rule: 'SEC016', address: 'module.nowhere.*', reason, owner: 'platform-team', decision: 'docs/decisions/002-functions-and-the-vpc.md', expires: '2030-01-01' }],
      addresses: ['module.nowhere.*'],
      messages: ['matches no finding: delete it, or scope it with environments.'],
    },
  },
});
