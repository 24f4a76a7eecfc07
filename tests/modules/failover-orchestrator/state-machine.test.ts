// The failover state machine as Terraform renders it: one template, valid ASL, the right RDS calls,
// no Route 53 control plane, every failure notified, and no loop that can run forever.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import {
  cycles,
  exampleVariables,
  readStateMachineTemplate,
  renderStateMachine,
  renderTemplate,
  successors,
  TemplateError,
  templateVariables,
  unboundedReasons,
  validateDefinition,
  type AslDefinition,
  type AslState,
  type TemplateVars,
} from '../../../tooling/asl/template.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const moduleDir = join(repoRoot, 'modules', 'failover-orchestrator');
const template = readStateMachineTemplate();

// The two renderings Terraform produces: into the secondary (example values) and into the primary.
const secondaryVars = exampleVariables();
const primaryVars = exampleVariables({
  region: 'us-east-1',
  peer_region: 'us-east-2',
  target_cluster_arn: 'arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1',
  target_cluster_id: 'trading-dev-us-east-1',
  serving_parameter_name: '/trading/dev/us-east-1/serving',
  peer_queue_url: 'https://sqs.us-east-2.amazonaws.com/111122223333/trading-dev-trade-orders',
  peer_cluster_arn: 'arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2',
  rest_api_id: 'a1b2c3d4e5',
  stage_name: 'v1',
  peer_rest_api_id: 'b2c3d4e5f6',
  peer_stage_name: 'v1',
  health_settle_seconds: 100,
  lease_wait_seconds: 160,
  validator_function_arn: 'arn:aws:lambda:us-east-1:111122223333:function:trading-dev-failover-validator',
  fence_function_arn: 'arn:aws:lambda:us-east-1:111122223333:function:trading-dev-region-fence',
  probe_function_arn: 'arn:aws:lambda:us-east-1:111122223333:function:trading-dev-primary-probe',
  peer_serving_parameter_name: '/trading/dev/us-east-2/serving',
  topic_arn: 'arn:aws:sns:us-east-1:111122223333:trading-dev-operations',
  approval_queue_url: 'https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-failover-approvals',
  require_approval: true,
  approval_timeout_seconds: 900,
  poll_interval_seconds: 15,
  max_poll_attempts: 60,
  execution_timeout_seconds: 4000,
});
const renderings: [string, TemplateVars, AslDefinition][] = [
  ['into the secondary', secondaryVars, renderStateMachine(secondaryVars)],
  ['into the primary', primaryVars, renderStateMachine(primaryVars)],
];

function allStates(def: { States: Record<string, AslState> }, out: [string, AslState][] = []): [string, AslState][] {
  for (const [name, s] of Object.entries(def.States)) {
    out.push([name, s]);
    if (s.ItemProcessor) allStates(s.ItemProcessor, out);
  }
  return out;
}

const isNotify = (s: AslState) => s.Type === 'Task' && s.Resource === 'arn:aws:states:::sns:publish';

/** States reachable from `start` through Pass states only, ending at the first non-Pass state. */
function throughPasses(states: Record<string, AslState>, start: string): string[] {
  const path = [start];
  let current = states[start];
  while (current?.Type === 'Pass' && current.Next) {
    path.push(current.Next);
    current = states[current.Next];
  }
  return path;
}

// The undo: a failure before the promotion restores the old region, then notifies.
const UNDO = ['RestoreOldRegion', 'CheckRestore'];

/** Like throughPasses, but also through the undo (every branch of CheckRestore is followed by the caller). */
function throughUndo(states: Record<string, AslState>, start: string): string[] {
  const path = throughPasses(states, start);
  let end = path.at(-1)!;
  while (UNDO.includes(end)) {
    const s = states[end]!;
    const next = s.Type === 'Choice' ? s.Default! : s.Next!;
    path.push(...throughPasses(states, next));
    end = path.at(-1)!;
  }
  return path;
}

describe('the template and Terraform agree', () => {
  it('references exactly the variables state-machine.tf and the region module pass to templatefile()', () => {
    const tf = readFileSync(join(moduleDir, 'state-machine.tf'), 'utf8');
    const block = /state_machine_vars = \{\n\s+for k in local\.region_keys : k => \{\n([\s\S]*?)\n\s{4}\}\n\s{2}\}/.exec(tf);
    expect(block, 'state_machine_vars block in state-machine.tf').not.toBeNull();
    // modules/region adds the values of the region's own resources.
    const inner = readFileSync(join(moduleDir, 'modules', 'region', 'state-machine.tf'), 'utf8');
    const merged = /templatefile\(var\.state_machine\.template_file, merge\(var\.state_machine\.template_vars, \{\n([\s\S]*?)\n\s+\}\)\)/.exec(inner);
    expect(merged, 'templatefile(..., merge(...)) in modules/region/state-machine.tf').not.toBeNull();
    const passed = [...block![1]!.matchAll(/^\s+(\w+)\s+=/gm), ...merged![1]!.matchAll(/^\s+(\w+)\s+=/gm)].map((m) => m[1]).sort();
    expect(templateVariables(template).sort()).toEqual(passed);
    expect(Object.keys(secondaryVars).sort()).toEqual(passed);
  });

  it('gives every state machine its definition from the template file only', () => {
    const inner = readFileSync(join(moduleDir, 'modules', 'region', 'state-machine.tf'), 'utf8');
    const machines = [...inner.matchAll(/resource "aws_sfn_state_machine" "(\w+)" \{([\s\S]*?)\n\}/g)];
    expect(machines.map((m) => m[1])).toEqual(['this']);
    expect(machines[0]![2]).toMatch(/definition = templatefile\(var\.state_machine\.template_file, merge\(var\.state_machine\.template_vars,/);
    const parent = readdirSync(moduleDir).filter((f) => f.endsWith('.tf')).map((f) => readFileSync(join(moduleDir, f), 'utf8')).join('\n');
    expect(parent).not.toContain('resource "aws_sfn_state_machine"');
    expect(parent).toContain('state_machine_template = "${path.module}/state-machine.asl.json"');
    for (const k of ['primary', 'secondary']) expect(parent).toMatch(new RegExp(`template_file\\s+= local\\.state_machine_template[\\s\\S]*?template_vars\\s+= local\\.state_machine_vars\\.${k}`));
    expect(parent + inner).not.toMatch(/"StartAt"|StartAt\s*=/);
  });

  it('renders byte for byte what terraform templatefile() renders', async () => {
    // terraform console needs no configuration or provider for a built-in function.
    const dir = mkdtempSync(join(tmpdir(), 'tf-console-'));
    try {
      const hcl = Object.entries(secondaryVars).map(([k, v]) => `${k} = ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`).join(', ');
      const expr = `base64encode(templatefile(${JSON.stringify(join(moduleDir, 'state-machine.asl.json'))}, { ${hcl} }))`;
      const out = await $({ cwd: dir, input: expr, quiet: true, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } })`terraform console`;
      const rendered = Buffer.from(JSON.parse(out.stdout.trim()) as string, 'base64').toString('utf8');
      expect(renderTemplate(template, secondaryVars)).toBe(rendered);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('templatefile() rendering', () => {
  it('interpolates strings, numbers and bools as Terraform does, and honours escapes', () => {
    const out = renderTemplate('${a}|${ b }|${c}|${d}|$${literal}|%%{ x }', { a: 'x', b: 20, c: true, d: 2.5, unused: 'ignored' });
    expect(out).toBe('x|20|true|2.5|${literal}|%{ x }');
  });

  it('names the missing key like templatefile() does', () => {
    expect(() => renderTemplate('{\n"a": "${missing}"}', {})).toThrow(new TemplateError('Invalid value for "vars" parameter: vars map does not contain key "missing", referenced at line 2.'));
  });

  it.each([
    ['a directive', '%{ if x }y%{ endif }', /directives .* are not supported/],
    ['an expression', '${upper(x)}', /is not a plain variable reference/],
    ['an unterminated interpolation', '"${x', /unterminated interpolation/],
  ])('refuses %s instead of rendering it differently', (_name, source, message) => {
    expect(() => renderTemplate(source, { x: 'v' })).toThrow(message);
  });

  it('refuses null and collection values', () => {
    expect(() => renderTemplate('${x}', { x: null })).toThrow(/value of "x" is null/);
    expect(() => renderTemplate('${x}', { x: ['a'] })).toThrow(/is a list/);
  });
});

describe.each(renderings)('the rendered definition %s', (_label, vars, def) => {
  const states = def.States;
  const tasks = allStates(def).filter(([, s]) => s.Type === 'Task');
  const text = JSON.stringify(def);

  it('passes asl-validator with ARN and path checks', () => {
    const result = validateDefinition(def);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('is JSONPath only (the local runner ignores JSONata)', () => {
    expect(text).not.toMatch(/"QueryLanguage"|"Assign"|"Arguments"|"Output"|\{%/);
  });

  it('fails over with failoverGlobalCluster, AllowDataLoss, on the global id and the target cluster ARN', () => {
    const failover = tasks.filter(([, s]) => s.Resource === 'arn:aws:states:::aws-sdk:rds:failoverGlobalCluster');
    expect(failover).toHaveLength(1);
    expect(failover[0]![1].Parameters).toEqual({
      GlobalClusterIdentifier: vars.global_cluster_id,
      TargetDbClusterIdentifier: vars.target_cluster_arn,
      AllowDataLoss: true,
    });
    expect(String(vars.target_cluster_arn)).toMatch(/^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:/);
  });

  it('switches over with switchoverGlobalCluster on the same identifiers and no data loss', () => {
    const switchover = tasks.filter(([, s]) => s.Resource === 'arn:aws:states:::aws-sdk:rds:switchoverGlobalCluster');
    expect(switchover).toHaveLength(1);
    expect(switchover[0]![1].Parameters).toEqual({ GlobalClusterIdentifier: vars.global_cluster_id, TargetDbClusterIdentifier: vars.target_cluster_arn });
  });

  it('retries both promotions on throttling and invalid-state faults, named as Step Functions names them', () => {
    for (const name of ['Failover', 'Switchover']) {
      const errors = (states[name]!.Retry ?? []).flatMap((r) => r.ErrorEquals);
      expect(errors).toEqual(expect.arrayContaining(['Rds.InvalidGlobalClusterStateException', 'Rds.InvalidDbClusterStateException', 'Rds.RdsException']));
    }
    const sdkErrors = tasks.flatMap(([, s]) => (s.Retry ?? []).flatMap((r) => r.ErrorEquals)).filter((e) => !e.startsWith('States.'));
    for (const e of sdkErrors) expect(e).toMatch(/^(Rds|Ssm|Lambda|CloudWatch)\.[A-Z][A-Za-z]+(Exception)?$/);
    for (const e of sdkErrors.filter((x) => !x.startsWith('Lambda.'))) expect(e).toMatch(/Exception$/);
  });

  it('never calls the Route 53 control plane', () => {
    expect(text.toLowerCase()).not.toContain('changeresourcerecordsets');
    expect(tasks.filter(([, s]) => String(s.Resource).includes('route53'))).toEqual([]);
  });

  it('only activates its own region, and fences only the other one', () => {
    const target = (states.ValidateInput!.Choices![0] as { And: Record<string, unknown>[] }).And;
    expect(target).toContainEqual({ Variable: '$.targetRegion', StringEquals: vars.region });
    expect(states.Authorize!.Parameters).toMatchObject({ FunctionName: vars.fence_function_arn, Payload: { action: 'authorize', region: vars.region } });
    expect(states.FenceOldRegion!.Parameters).toMatchObject({
      FunctionName: vars.fence_function_arn,
      Payload: {
        action: 'fence',
        region: vars.peer_region,
        servingParameter: vars.peer_serving_parameter_name,
        restApiId: vars.peer_rest_api_id,
        stageName: vars.peer_stage_name,
        queueUrl: vars.peer_queue_url,
        globalClusterId: vars.global_cluster_id,
        peerClusterArn: vars.peer_cluster_arn,
      },
    });
    expect(states.Activate!.Parameters).toMatchObject({
      FunctionName: vars.fence_function_arn,
      Payload: {
        action: 'sync',
        region: vars.region,
        servingParameter: vars.serving_parameter_name,
        restApiId: vars.rest_api_id,
        stageName: vars.stage_name,
        globalClusterId: vars.global_cluster_id,
        clusterArn: vars.target_cluster_arn,
      },
    });
    expect(states.RunValidator!.Parameters).toMatchObject({ FunctionName: vars.validator_function_arn });
  });

  it('notifies only its own region\'s topic, by a real ARN', () => {
    const sns = tasks.filter(([, s]) => String(s.Resource).startsWith('arn:aws:states:::sns:publish'));
    expect(sns.length).toBeGreaterThanOrEqual(3);
    for (const [, s] of sns) expect(s.Parameters!.TopicArn).toBe(vars.topic_arn);
    expect(String(vars.topic_arn)).toMatch(new RegExp(`^arn:aws:sns:${vars.region}:\\d{12}:`));
    expect(text).not.toMatch(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:\*:/);
  });

  it('bounds the execution and every task', () => {
    expect(def.TimeoutSeconds).toBe(vars.execution_timeout_seconds);
    for (const [name, s] of tasks) expect(s.TimeoutSeconds, name).toBeGreaterThan(0);
  });

  it('asks for approval with the task token in its own approval queue only, bounded by the approval timeout', () => {
    expect(states.Configure!.Result).toMatchObject({ requireApproval: vars.require_approval });
    expect(states.RequireApproval!.Choices![0]).toMatchObject({ BooleanEquals: true, Next: 'NotifyApprovers' });
    const approval = states.RequestApproval!;
    expect(approval.Resource).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    expect(approval.TimeoutSeconds).toBe(vars.approval_timeout_seconds);
    expect(approval.Parameters!.QueueUrl).toBe(vars.approval_queue_url);
    expect(String(vars.approval_queue_url)).toMatch(new RegExp(`^https://sqs\\.${vars.region}\\.amazonaws\\.com/\\d{12}/`));
    // make approve finds the request by execution and answers with its token (tooling/runbook/approval.ts).
    expect(approval.Parameters!.MessageBody).toMatchObject({ 'taskToken.$': '$$.Task.Token', 'executionArn.$': '$$.Execution.Id' });
    expect(approval.Catch![0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'ApprovalTimedOut' });
    // The notice every topic subscriber reads names the execution, never the token.
    const notice = states.NotifyApprovers!;
    expect(notice).toMatchObject({ Resource: 'arn:aws:states:::sns:publish', Next: 'RequestApproval' });
    expect(JSON.stringify(notice)).not.toContain('Task.Token');
    expect(String(notice.Parameters!['Message.$'])).toContain('EXECUTION={}');
  });

  it('catches every task: failures notify then Fail; best-effort steps go on', () => {
    const bestEffort: Record<string, string> = { FenceOldRegion: 'CheckFence', ReadRpoLag: 'RequireApproval', AssessPeerHealth: 'DecideDataLoss', NotifyApprovers: 'RequestApproval' };
    for (const [name, s] of Object.entries(states).filter(([, x]) => x.Type === 'Task')) {
      const all = (s.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));
      expect(all, `${name} has a States.ALL catcher`).toBeDefined();
      const path = throughUndo(states, all!.Next);
      const end = path[path.length - 1]!;
      if (bestEffort[name]) {
        expect(path, name).toContain(bestEffort[name]);
      } else if (isNotify(s)) {
        expect(states[end]!.Type, `${name}'s own failure ends the execution`).toBe('Fail');
      } else {
        expect(isNotify(states[end]!), `${name}'s failure path ${path.join(' -> ')} notifies`).toBe(true);
        expect(states[states[end]!.Next!]!.Type).toBe('Fail');
      }
    }
  });

  it('notifies before every Fail: a Fail is only ever reached from a notification task', () => {
    for (const [name] of Object.entries(states).filter(([, x]) => x.Type === 'Fail')) {
      const preds = Object.entries(states).filter(([, x]) => successors(x).includes(name));
      expect(preds.length, name).toBeGreaterThan(0);
      for (const [pred, p] of preds) expect(isNotify(p), `${pred} -> ${name}`).toBe(true);
    }
    // And every rejection (a Choice that refuses to go on) goes through a notification first.
    for (const [name, s] of Object.entries(states).filter(([, x]) => x.Type === 'Pass')) {
      const end = throughPasses(states, name).at(-1)!;
      expect(states[end]!.Type, `${name} leads to ${end}`).not.toBe('Fail');
    }
  });

  it('has exactly one loop, and it is bounded by max_poll_attempts', () => {
    const loops = cycles(states);
    expect(loops).toEqual([['WaitForPromotion', 'DescribePromotion', 'ClassifyPromotedMembers', 'CountPollAttempt', 'CheckPromotion']]);
    for (const loop of loops) expect(unboundedReasons(states, loop)).toEqual([]);
    const bound = states.CheckPromotion!.Choices!.find((r) => 'NumericGreaterThanEquals' in r);
    expect(bound).toEqual({ Variable: '$.poll.attempt', NumericGreaterThanEquals: vars.max_poll_attempts, Next: 'PromotionTimedOut' });
    expect(states.StartPolling!).toMatchObject({ Result: { attempt: 0 }, ResultPath: '$.poll' });
    for (const [, s] of allStates(def)) if (s.ItemProcessor) expect(cycles(s.ItemProcessor.States)).toEqual([]);
  });
});

describe.each(renderings)('failure semantics %s', (_label, vars, def) => {
  const states = def.States;
  const fenceChoices = states.CheckFence!.Choices!;

  it('goes on when the fence says fenced; a failover that could not fence first waits out the lease; a switchover fails closed', () => {
    expect(states.FenceOldRegion!.Next).toBe('CheckFence');
    expect(states.RecordFenceFailure!.Next).toBe('CheckFence');
    expect(states.RecordFenceFailure!.Parameters).toMatchObject({ result: { fenced: false } });
    expect(fenceChoices[0]).toEqual({
      And: [
        { Variable: '$.fence.result.fenced', IsPresent: true },
        { Variable: '$.fence.result.fenced', IsBoolean: true },
        { Variable: '$.fence.result.fenced', BooleanEquals: true },
      ],
      Next: 'ChooseMode',
    });
    expect(fenceChoices[1]).toEqual({ Variable: '$.mode', StringEquals: 'failover', Next: 'WaitOutTheLease' });
    expect(fenceChoices).toHaveLength(2);
    // The old region may have renewed its lease just before the authority moved; after the wait it
    // can no longer commit as the writer, so the promotion throws nothing of it away.
    expect(states.WaitOutTheLease).toMatchObject({ Type: 'Wait', Seconds: vars.lease_wait_seconds, Next: 'ChooseMode' });
    expect(states.CheckFence!.Default).toBe('FenceFailed');
    // Fail closed: no way from a failed fence to a promotion.
    expect(throughUndo(states, 'FenceFailed')).toEqual(['FenceFailed', 'RestoreOldRegion', 'CheckRestore', 'RestoreIncomplete', 'NotifyFailure']);
    expect(states.CheckRestore!.Choices!.map((c) => c.Next)).toEqual(['NotifyFailure']);
  });

  it('undoes the fence with the same function, action restore, on the same target', () => {
    const fence = states.FenceOldRegion!.Parameters as { FunctionName: string; Payload: Record<string, unknown> };
    const restore = states.RestoreOldRegion!.Parameters as { FunctionName: string; Payload: Record<string, unknown> };
    expect(fence.Payload.action).toBe('fence');
    expect(restore.FunctionName).toBe(fence.FunctionName);
    expect(restore.Payload).toEqual({ ...fence.Payload, action: 'restore', 'ownPromotionTimedOut.$': '$.config.ownPromotionTimedOut' });
    for (const pass of ['RestoreIncomplete', 'RestoreFailed']) expect(String(states[pass]!.Parameters!['cause.$'])).toContain(`aws lambda invoke --region ${vars.region} --function-name ${vars.fence_function_arn} with the RestoreOldRegion payload`);
  });

  it('restores the old region only before a promotion is accepted', () => {
    const into = Object.entries(states).filter(([, s]) => successors(s).includes('RestoreOldRegion')).map(([n]) => n).sort();
    // The poll timing out with the old region still the writer means no promotion happened: the
    // authority goes back to it, or nobody would serve.
    expect(into).toEqual(['FenceFailed', 'MarkOwnPromotionTimedOut', 'PromotionFailed']);
    expect(states.OldRegionStillWriter!.Next).toBe('MarkOwnPromotionTimedOut');
    // Only there may the run's own pending promotion not block the restore.
    expect(states.MarkOwnPromotionTimedOut).toMatchObject({ Type: 'Pass', Result: true, ResultPath: '$.config.ownPromotionTimedOut' });
    expect(states.Configure!.Result).toMatchObject({ ownPromotionTimedOut: false });
    expect((states.RestoreOldRegion!.Parameters as { Payload: Record<string, unknown> }).Payload['ownPromotionTimedOut.$']).toBe('$.config.ownPromotionTimedOut');
    expect(states.Switchover!.Catch!.at(-1)!.Next).toBe('PromotionFailed');
    expect(states.Failover!.Catch!.at(-1)!.Next).toBe('PromotionFailed');
    expect(states.PromotionTimedOut!.Choices).toEqual([{ Variable: '$.poll.otherIsWriter', BooleanEquals: true, Next: 'OldRegionStillWriter' }]);
    // After the promotion nothing restores the old region.
    for (const name of ['ActivationFailed', 'ActivationIncomplete', 'ValidationFailed', 'NotReady', 'PromotionNotCompleted', 'PollFailed']) expect(throughPasses(states, name).at(-1), name).toBe('NotifyFailure');
  });

  it('moves the authority before anything else changes, and stops with nothing changed if it cannot', () => {
    expect(states.RequireApproval!.Default).toBe('Authorize');
    expect(states.RequestApproval!.Next).toBe('Authorize');
    expect(states.Authorize!.Next).toBe('CheckAuthority');
    expect(states.CheckAuthority!.Choices).toEqual([
      {
        And: [
          { Variable: '$.authority.result.authorized', IsPresent: true },
          { Variable: '$.authority.result.authorized', IsBoolean: true },
          { Variable: '$.authority.result.authorized', BooleanEquals: true },
        ],
        Next: 'FenceOldRegion',
      },
    ]);
    // Neither a refusal nor an error of the authority change reaches the fence, a promotion or the undo.
    expect(throughPasses(states, states.CheckAuthority!.Default!)).toEqual(['AuthorityRefused', 'NotifyFailure']);
    expect(throughPasses(states, states.Authorize!.Catch!.at(-1)!.Next)).toEqual(['AuthorityNotChanged', 'NotifyFailure']);
    const intoFence = Object.entries(states).filter(([, s]) => successors(s).includes('FenceOldRegion')).map(([n]) => n);
    expect(intoFence).toEqual(['CheckAuthority']);
  });

  it('activates through the sync, which must report the region active and its switches in agreement', () => {
    expect(states.CheckActivation!.Choices).toHaveLength(1);
    const rule = JSON.stringify(states.CheckActivation!.Choices![0]);
    for (const field of ['$.activation.result.active', '$.activation.result.synced']) expect(rule).toContain(`{"Variable":"${field}","BooleanEquals":true}`);
    expect(states.CheckActivation!.Choices![0]!.Next).toBe('WaitForHealthCheck');
    expect(throughPasses(states, states.CheckActivation!.Default!)).toEqual(['ActivationIncomplete', 'NotifyFailure']);
    // The validator reads Route 53's view of the new region, which needs threshold x interval to turn.
    expect(states.WaitForHealthCheck).toMatchObject({ Type: 'Wait', Seconds: vars.health_settle_seconds, Next: 'RunValidator' });
    const intoValidator = Object.entries(states).filter(([, s]) => successors(s).includes('RunValidator')).map(([n]) => n);
    expect(intoValidator).toEqual(['WaitForHealthCheck']);
  });

  it('ends the poll on the target being the writer member, not on a global status', () => {
    const check = states.CheckPromotion!.Choices!;
    expect(check[0]).toEqual({ Variable: '$.poll.targetIsWriter', BooleanEquals: true, Next: 'Activate' });
    expect(JSON.stringify(states.CheckPromotion!.Choices)).not.toMatch(/status/i);
    expect(JSON.stringify(states.CountPollAttempt)).not.toContain('Status');
    const member = JSON.stringify(states.ClassifyPromotedMembers!.ItemProcessor!.States.ClassifyPromotedMember);
    expect(member).toContain(`"StringEquals":"${vars.target_cluster_arn}"`);
    expect(member).toContain('"Variable":"$.IsWriter"');
  });

  it('cites where AWS documents the promotion calls', () => {
    for (const name of ['Switchover', 'Failover']) expect(states[name]!.Comment).toContain('https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html');
    expect(states.Failover!.Comment).toContain('https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_FailoverGlobalCluster.html');
  });

  it('succeeds only on the validator\'s ready verdict, and otherwise fails with its report', () => {
    expect(states.RunValidator!.Next).toBe('CheckVerdict');
    expect(states.CheckVerdict!.Choices).toHaveLength(1);
    expect(states.CheckVerdict!.Choices![0]!.Next).toBe('NotifySuccess');
    expect(states.CheckVerdict!.Default).toBe('NotReady');
    expect(String(states.NotReady!.Parameters!['cause.$'])).toContain('$.validation.report');
    const intoSuccess = Object.entries(states).filter(([, s]) => successors(s).includes('NotifySuccess')).map(([n]) => n);
    expect(intoSuccess).toEqual(['CheckVerdict']);
  });
});

describe.each(renderings)('a data-loss failover while the old region is healthy %s', (_label, vars, def) => {
  const states = def.States;
  type Rule = { Variable?: string; StringEquals?: string; BooleanEquals?: boolean; And?: Rule[]; Next?: string };
  const leaves = (r: Rule): Rule[] => (r.And ? r.And.flatMap(leaves) : [r]);
  const ruleTo = (state: string, next: string) => (states[state]!.Choices as Rule[]).filter((r) => r.Next === next).flatMap(leaves);

  it('asks the probe in its own region, before any change, only for a failover', () => {
    expect(states.AssessPeerHealth!.Parameters).toEqual({ FunctionName: vars.probe_function_arn, Payload: { action: 'assess' } });
    expect(String(vars.probe_function_arn)).toMatch(new RegExp(`^arn:aws:lambda:${vars.region}:\\d{12}:function:`));
    expect(ruleTo('CheckPreflight', 'AssessPeerHealth')).toMatchObject([{ Variable: '$.mode', StringEquals: 'failover', Next: 'AssessPeerHealth' }]);
    expect(states.AssessPeerHealth!.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.peerHealthError', Next: 'RecordPeerHealthUnknown' }]);
    expect(states.RecordPeerHealthUnknown!.Parameters).toMatchObject({ result: { verdict: 'unknown' } });
  });

  it('refuses a healthy old region unless forced, and an unknown one only for an alarm start', () => {
    const choices = states.DecideDataLoss!.Choices as Rule[];
    expect(choices.map((c) => c.Next)).toEqual(['RecordForce', 'PrimaryHealthy', 'ReadRpoLag', 'PrimaryHealthUnknown']);
    expect(ruleTo('DecideDataLoss', 'RecordForce')).toEqual(expect.arrayContaining([
      { Variable: '$.preflight.peerHealth.result.verdict', StringEquals: 'healthy' },
      { Variable: '$.force', BooleanEquals: true },
    ]));
    expect(ruleTo('DecideDataLoss', 'PrimaryHealthy')).toContainEqual({ Variable: '$.preflight.peerHealth.result.verdict', StringEquals: 'healthy' });
    expect(ruleTo('DecideDataLoss', 'ReadRpoLag')).toContainEqual({ Variable: '$.preflight.peerHealth.result.verdict', StringEquals: 'unhealthy' });
    expect(ruleTo('DecideDataLoss', 'PrimaryHealthUnknown')).toContainEqual({ Variable: '$.trigger', StringEquals: 'alarm' });
    expect(states.DecideDataLoss!.Default).toBe('ReadRpoLag');
    for (const refusal of ['PrimaryHealthy', 'PrimaryHealthUnknown']) {
      expect(states[refusal]!.Parameters).toMatchObject({ stage: 'preflight', error: refusal });
      expect(throughPasses(states, refusal).at(-1)).toBe('NotifyFailure');
    }
    expect(String(states.PrimaryHealthy!.Parameters!['cause.$'])).toContain('FORCE=1 FORCE_REASON=');
  });

  it('records the override and its reason in the execution state that the output and notifications carry', () => {
    expect(states.RecordForce!).toMatchObject({ ResultPath: '$.override', Next: 'ReadRpoLag', Parameters: { forced: true, 'reason.$': '$.forceReason' } });
    expect(String(states.NotifySuccess!.Parameters!['Message.$'])).toContain('States.JsonToString($)');
  });

  it('refuses force on an alarm start and force without a reason, as invalid input', () => {
    const rules = states.ValidateOptions!.Choices as Rule[];
    expect(rules.every((r) => r.Next === 'RejectForce')).toBe(true);
    expect(rules.map((r) => leaves(r))).toContainEqual(expect.arrayContaining([
      { Variable: '$.trigger', StringEquals: 'alarm' },
      { Variable: '$.force', BooleanEquals: true },
    ]));
    expect(states.ValidateOptions!.Default).toBe('Configure');
    expect(throughPasses(states, 'RejectForce').at(-1)).toBe('NotifyFailure');
  });
});

describe('the loop check itself', () => {
  const def = renderStateMachine(secondaryVars);
  const loop = cycles(def.States)[0]!;

  it('reports a loop without a bound', () => {
    const states = structuredClone(def.States);
    states.CheckPromotion!.Choices = states.CheckPromotion!.Choices!.filter((r) => !('NumericGreaterThanEquals' in r));
    expect(unboundedReasons(states, loop)).toEqual([`cycle ${loop.join(' -> ')} has no Choice that leaves it when a counter reaches a limit`]);
  });

  it('reports a bound on a counter that nothing increments', () => {
    const states = structuredClone(def.States);
    states.CountPollAttempt!.Parameters!['attempt.$'] = '$.poll.attempt';
    expect(unboundedReasons(states, loop)[0]).toMatch(/checks \$\.poll\.attempt but no Pass in it increments that counter/);
  });

  it('finds a self-loop', () => {
    expect(cycles({ A: { Type: 'Wait', Seconds: 1, Next: 'A' } })).toEqual([['A']]);
  });
});

