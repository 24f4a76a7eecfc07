// The RTO budget: from rto_parameters, from a known definition, from module defaults, from documented defaults.
import { describe, expect, it } from 'vitest';
import { aslFigures, PROMOTION_SECONDS } from '../../../tooling/rto/budget.ts';
import { change, fixture, lint, pairs } from '../lint/helpers.ts';

const DEFINITION = JSON.stringify({
  StartAt: 'Preflight',
  TimeoutSeconds: 4000,
  States: {
    Preflight: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:rds:describeGlobalClusters', Next: 'Settle' },
    Settle: { Type: 'Wait', Seconds: 10, Next: 'Notify' },
    Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', TimeoutSeconds: 10, Next: 'Approve' },
    Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', TimeoutSeconds: 600, Next: 'Promote' },
    Promote: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:rds:failoverGlobalCluster', Next: 'Poll' },
    Poll: { Type: 'Wait', Seconds: 30, Next: 'Check' },
    Check: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:rds:describeGlobalClusters', Next: 'Done?' },
    'Done?': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.writer', BooleanEquals: true, Next: 'Succeed' },
        { Variable: '$.attempts', NumericGreaterThanEquals: 40, Next: 'Fail' },
      ],
      Default: 'Poll',
    },
    Succeed: { Type: 'Succeed' },
    Fail: { Type: 'Fail' },
  },
});

describe('aslFigures', () => {
  it('separates fixed waits from the poll loop and reads its bound, the approval (with the notice before it) and execution timeouts', () => {
    expect(aslFigures(DEFINITION)).toEqual({
      fixedWaitSeconds: 10,
      pollIntervalSeconds: 30,
      maxPollAttempts: 40,
      approvalTimeoutSeconds: 610,
      executionTimeoutSeconds: 4000,
      notes: [],
    });
  });

  it('returns null for text that is not a state machine', () => {
    expect(aslFigures('{"not":"asl"}')).toBeNull();
    expect(aslFigures('not json')).toBeNull();
  });
});

describe('budget from the plan', () => {
  it('adds detection, orchestration, promotion and alias DNS from rto_parameters and the health checks', () => {
    const b = lint(fixture('good')).budget!;
    expect(b.parameterSource).toBe('rto_parameters');
    // Orchestration: the wait before validation (10 s x 3 + 10) + the authority change (10 s) + one
    // poll interval (30 s). DNS: 60 s alias caching + the SECONDARY record's check turning healthy (10 s x 3).
    expect([b.parts.detection.seconds, b.parts.orchestration.seconds, b.parts.promotion.seconds, b.parts.dns.seconds]).toEqual([30, 80, 300, 90]);
    expect(b.parts.dns.source).toContain('module.failover.aws_route53_health_check.this["secondary"] turning healthy: 10 s x 3');
    expect(b.totalSeconds).toBe(500);
    expect(b.budgetSeconds).toBe(900);
    expect(b.withinBudget).toBe(true);
    expect(b.ceilings).toEqual({ pollBoundSeconds: 600, executionTimeoutSeconds: 3600 });
  });

  it('prefers a definition known in the plan over rto_parameters', () => {
    const doc = fixture('good');
    for (const a of ['module.failover.aws_sfn_state_machine.primary', 'module.failover.aws_sfn_state_machine.secondary[0]']) {
      const rc = change(doc, a);
      rc.change.after.definition = DEFINITION;
      rc.change.after_unknown.definition = false;
    }
    const report = lint(doc);
    expect(report.budget!.parameterSource).toBe('definition');
    // Fixed waits 10 s + approval 600 s after its 10 s notice + authority change 10 s + one poll interval 30 s.
    expect(report.budget!.parts.orchestration.seconds).toBe(10 + 610 + 10 + 30);
    expect(report.budget!.totalSeconds).toBe(30 + 660 + PROMOTION_SECONDS + 90);
    expect(report.budget!.ceilings).toEqual({ pollBoundSeconds: 1200, executionTimeoutSeconds: 4000 });
    expect(pairs(report)).toEqual(['DR017 var.rto_budget_seconds']);
  });

  it('counts the approval notice of rto_parameters in the approval bound', () => {
    const withNotice = (notice: number) => {
      const doc = fixture('good');
      Object.assign(doc.planned_values.outputs.rto_parameters.value, { require_approval: true, approval_timeout_seconds: 900, approval_notice_seconds: notice });
      return lint(doc).budget!.parts.orchestration;
    };
    expect(withNotice(10).seconds - withNotice(0).seconds).toBe(10);
    expect(withNotice(10).source).toContain('approval bound 910 s');
  });

  it('falls back to the failover module\'s variable defaults, naming what it lacked', () => {
    const doc = fixture('good');
    delete doc.planned_values.outputs.rto_parameters;
    const b = lint(doc).budget!;
    expect(b.parameterSource).toBe('rto_parameters');
    expect(b.parts.detection.seconds).toBe(30);
    expect(b.notes.join(' ')).toContain('lacks poll_interval_seconds');
  });

  it('uses documented defaults with an info finding when the plan carries no figures at all', () => {
    const doc = fixture('good');
    delete doc.planned_values.outputs.rto_parameters;
    delete doc.configuration.root_module.module_calls.failover.module.outputs.rto_parameters;
    const report = lint(doc);
    expect(report.budget!.parameterSource).toBe('defaults');
    expect(pairs(report)).toEqual(['DR020 (plan)']);
    expect(report.summary.failed).toBe(false);
  });

  it('has no budget for a single-region plan without failover resources', () => {
    expect(lint(fixture('literal-names')).budget).toBeNull();
  });
});

describe('budget and the failover trigger', () => {
  const withTrigger = (auto: boolean, autoDetectionSeconds: number) => {
    const doc = fixture('good');
    Object.assign(doc.planned_values.outputs.rto_parameters.value, { auto_failover_enabled: auto, auto_detection_seconds: autoDetectionSeconds });
    return lint(doc).budget!;
  };

  it('counts the probe alarm as detection when automatic failover starts later than Route 53 detects', () => {
    const b = withTrigger(true, 180);
    expect(b.parts.detection.seconds).toBe(180);
    expect(b.parts.detection.source).toContain('automatic failover starts after the primary probe');
    expect(b.totalSeconds).toBe(180 + 80 + 300 + 90);
  });

  it('keeps the Route 53 figure when the probe alarms sooner', () => {
    expect(withTrigger(true, 20).parts.detection.seconds).toBe(30);
  });

  it('says that a manual start adds the on-call response time', () => {
    const b = withTrigger(false, 180);
    expect(b.parts.detection.seconds).toBe(30);
    expect(b.notes.join('\n')).toContain('Failover starts manually here: add the on-call response time');
  });
});
