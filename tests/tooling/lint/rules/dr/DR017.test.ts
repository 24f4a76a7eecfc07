import { DR017 } from '../../../../../tooling/lint/rules/dr/DR017.ts';
import { describeRule } from '../describe-rule.ts';
import { change } from '../../plan-fixtures.ts';

// A definition known at plan time with a 600 s approval step: orchestration 10 + 600 + 30 s.
const DEFINITION = JSON.stringify({
  StartAt: 'Settle',
  TimeoutSeconds: 4000,
  States: {
    Settle: { Type: 'Wait', Seconds: 10, Next: 'Approve' },
    Approve: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', TimeoutSeconds: 600, Next: 'Poll' },
    Poll: { Type: 'Wait', Seconds: 30, Next: 'Done?' },
    'Done?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.attempts', NumericGreaterThanEquals: 40, Next: 'Succeed' }],
      Default: 'Poll',
    },
    Succeed: { Type: 'Succeed' },
  },
});

describeRule(DR017, {
  passes: ['good', 'good-prod'],
  fails: {
    budget: ['var.rto_budget_seconds'],
    'a known definition whose approval step outlasts the budget': {
      fixture: 'good',
      doc: (doc) => {
        for (const a of ['module.failover.aws_sfn_state_machine.primary', 'module.failover.aws_sfn_state_machine.secondary[0]']) {
          const rc = change(doc, a);
          rc.change.after.definition = DEFINITION;
          rc.change.after_unknown.definition = false;
        }
        return doc;
      },
      addresses: ['var.rto_budget_seconds'],
      messages: ['orchestration 650', 'exceeds rto_budget_seconds = 900'],
    },
  },
});
