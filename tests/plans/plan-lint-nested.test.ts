// plan-lint through a second level of module calls: global-data and the failover orchestrator each call
// one inner module per region (module.global_data.module.<role>_buckets, module.failover.module.<role>).
// DR016 must follow a key reference from a resource in an inner module through the inner module's input,
// the outer module's input and the root, and DR001 must compare the two instances of each inner module.
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../tooling/lint/engine.ts';
import { loadPlan } from './load.ts';

const findings = (doc: unknown, rule: string) =>
  lintPlan(doc, { input: 'dev.json' }).findings.filter((f) => f.rule === rule).map((f) => f.address).sort();

type Doc = Record<string, any>;
const innerCalls = (doc: Doc, outer: string) => doc.configuration.root_module.module_calls[outer].module.module_calls as Record<string, Doc>;

describe('plan-lint DR016 through inner modules (dev)', () => {
  it('reports nothing on the plan as composed', () => {
    expect(findings(loadPlan('dev'), 'DR016')).toEqual([]);
  });

  it('reports the secondary buckets once their module is given the primary data key', () => {
    const doc = structuredClone(loadPlan('dev')) as Doc;
    const calls = innerCalls(doc, 'global_data');
    // The one change: the secondary's bucket module gets exactly the key expressions of the primary's,
    // the data key and the trail key. (Each bucket's key is a conditional over both inputs, so a rule
    // that sees one of them in each region has no single region to judge.)
    calls.secondary_buckets!.expressions.kms_key_arn = structuredClone(calls.primary_buckets!.expressions.kms_key_arn);
    calls.secondary_buckets!.expressions.trail = structuredClone(calls.primary_buckets!.expressions.trail);
    expect(findings(doc, 'DR016')).toEqual([
      'module.global_data.module.secondary_buckets.aws_s3_bucket_server_side_encryption_configuration.this["audit"]',
      'module.global_data.module.secondary_buckets.aws_s3_bucket_server_side_encryption_configuration.this["config"]',
      'module.global_data.module.secondary_buckets.aws_s3_bucket_server_side_encryption_configuration.this["trail"]',
    ]);
  });

  it('reports the primary region\'s orchestrator resources once its module is given the secondary key input', () => {
    const doc = structuredClone(loadPlan('dev')) as Doc;
    const calls = innerCalls(doc, 'failover');
    calls.primary!.expressions.kms_key_arn = structuredClone(calls.secondary!.expressions.kms_key_arn);
    const P = 'module.failover.module.primary';
    expect(findings(doc, 'DR016')).toEqual([
      `${P}.aws_cloudwatch_log_group.peer_probe`,
      `${P}.aws_cloudwatch_log_group.region_fence`,
      `${P}.aws_cloudwatch_log_group.state_machine`,
      `${P}.aws_lambda_function.peer_probe`,
      `${P}.aws_lambda_function.region_fence`,
      `${P}.aws_sns_topic.operations`,
      `${P}.aws_sqs_queue.approvals`,
      `${P}.aws_sqs_queue.async_failures`,
      `${P}.aws_sqs_queue.events_dlq`,
    ]);
  });
});

describe('plan-lint DR001 on the two instances of each inner module (dev)', () => {
  it('finds the instances symmetric as composed', () => {
    expect(findings(loadPlan('dev'), 'DR001')).toEqual([]);
  });

  it.each([
    ['global-data\'s bucket modules', ['module.global_data.module.primary_buckets', 'module.global_data.module.secondary_buckets'], 'module.global_data.module.secondary_buckets.aws_s3_bucket_policy.this["audit"]'],
    ['the orchestrator\'s region modules', ['module.failover.module.primary', 'module.failover.module.secondary'], 'module.failover.module.primary.aws_cloudwatch_metric_alarm.events_dlq'],
  ])('reports %s when one instance plans a resource fewer than the other', (_name, pair, dropped) => {
    const doc = structuredClone(loadPlan('dev')) as Doc;
    const before = (doc.resource_changes as Doc[]).length;
    doc.resource_changes = (doc.resource_changes as Doc[]).filter((rc) => rc.address !== dropped);
    expect((doc.resource_changes as Doc[]).length).toBe(before - 1);
    // DR001 names the instance that differs from the first of the pair (sorted by address).
    expect(findings(doc, 'DR001').filter((address) => pair.includes(address))).toHaveLength(1);
  });
});
