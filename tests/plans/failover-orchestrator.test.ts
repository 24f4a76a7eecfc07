// The failover orchestrator as planned: DNS failover pairs with health checks, a state machine in
// every region whose definition comes from the one template (unknown until apply, so it is rendered
// here from the plan's own figures and checked), event rules that all have targets, and the automatic
// trigger only where an environment turns it on.
import { describe, expect, it } from 'vitest';
import { exampleVariables, renderStateMachine, validateDefinition } from '../../tooling/asl/template.ts';
import { regionsByConfigAddress } from '../../tooling/terraform/plan-summary.ts';
import { loadPlan, managed, variable } from './load.ts';
import { configAddress, moduleOf } from '../../tooling/terraform/address.ts';
import { type PlanDocument, type ResourceChange } from '../../tooling/terraform/plan-json.ts';
import { executionTimeoutSeconds } from '../../tooling/rto/figures.ts';

interface ConfigExpression {
  constant_value?: unknown;
  references?: string[];
}
interface ConfigResource {
  address: string;
  expressions?: Record<string, ConfigExpression | Record<string, ConfigExpression>[]>;
}

const MODULE = 'module.failover';

interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { expressions?: Record<string, ConfigExpression>; module: ConfigModule }>;
}

function failoverModule(plan: PlanDocument): ConfigModule | undefined {
  return ((plan.configuration?.root_module ?? {}) as ConfigModule).module_calls?.failover?.module;
}

/** The orchestrator's resource blocks and those of its per-region modules, addressed relative to module.failover. */
function failoverConfig(plan: PlanDocument): ConfigResource[] {
  const walk = (mod: ConfigModule | undefined, prefix: string): ConfigResource[] => [
    ...(mod?.resources ?? []).map((r) => ({ ...r, address: prefix + r.address })),
    ...Object.entries(mod?.module_calls ?? {}).flatMap(([name, call]) => walk(call.module, `${prefix}module.${name}.`)),
  ];
  return walk(failoverModule(plan), '');
}

/** References of an input expression of the orchestrator's call of its module for one region. */
function regionInput(plan: PlanDocument, region: string, input: string): string[] {
  return failoverModule(plan)?.module_calls?.[region]?.expressions?.[input]?.references ?? [];
}

/** The region role (primary or secondary) of a resource in module.failover.module.<role>. */
const roleOf = (r: ResourceChange) => moduleOf(r.address).slice(`${MODULE}.module.`.length);

function of(plan: PlanDocument, type: string): ResourceChange[] {
  return managed(plan).filter((r) => r.type === type && (moduleOf(r.address) === MODULE || moduleOf(r.address).startsWith(`${MODULE}.module.`)));
}

function rtoParameters(plan: PlanDocument): Record<string, number | boolean> {
  const outputs = (plan.planned_values as { outputs?: Record<string, { value?: Record<string, number | boolean> }> } | undefined)?.outputs;
  const value = outputs?.failover_rto_parameters?.value;
  if (!value) throw new Error('the plan has no failover_rto_parameters output');
  return value;
}

describe.each(['dev', 'prod'] as const)('%s failover orchestrator', (env) => {
  const plan = loadPlan(env);
  const regions = regionsByConfigAddress(plan);
  const primary = variable<string>(plan, 'primary_region');
  const secondary = variable<string>(plan, 'secondary_region');
  const regionOf = (r: ResourceChange) => regions.get(configAddress(r.address));

  it('deploys one state machine in each region, logging every event without execution data (the approval token) and tracing', () => {
    const machines = of(plan, 'aws_sfn_state_machine');
    expect(machines.map(regionOf).sort()).toEqual([primary, secondary].sort());
    for (const sm of machines) {
      const after = sm.change.after!;
      expect(after.logging_configuration, sm.address).toEqual([expect.objectContaining({ include_execution_data: false, level: 'ALL' })]);
      expect(after.tracing_configuration, sm.address).toEqual([{ enabled: true }]);
      expect(after.type).toBe('STANDARD');
    }
  });

  it('takes each definition from the template only, unknown until apply (no offline API validation)', () => {
    for (const sm of of(plan, 'aws_sfn_state_machine')) {
      expect(sm.change.after_unknown?.definition, sm.address).toBe(true);
      const config = failoverConfig(plan).find((r) => r.address === configAddress(sm.address).slice(MODULE.length + 1))!;
      const refs = (config.expressions!.definition as ConfigExpression).references;
      // The region's module renders the one template with the orchestrator's values for that region
      // plus its own fence function and topic.
      expect(refs).toEqual(expect.arrayContaining(['var.state_machine.template_file', 'var.state_machine.template_vars', 'aws_lambda_function.region_fence.arn', 'aws_sns_topic.operations.arn']));
      expect(regionInput(plan, roleOf(sm), 'state_machine')).toEqual(expect.arrayContaining(['local.state_machine_template', `local.state_machine_vars.${roleOf(sm)}`]));
    }
  });

  it('renders, from the plan\'s own figures, a valid definition that promotes with the global id and never touches Route 53', () => {
    const rto = rtoParameters(plan);
    const globalCluster = managed(plan).find((r) => r.type === 'aws_rds_global_cluster')!;
    const figures = {
      requireApproval: rto.require_approval as boolean,
      approvalTimeoutSeconds: rto.require_approval ? (rto.approval_timeout_seconds as number) : 1800,
      pollIntervalSeconds: rto.poll_interval_seconds as number,
      maxPollAttempts: rto.max_poll_attempts as number,
      healthCheckFailureThreshold: rto.failure_threshold as number,
    };
    // The TypeScript mirror of the module's timeout arithmetic must agree with Terraform's.
    expect(rto.execution_timeout_seconds).toBe(executionTimeoutSeconds(figures));
    const vars = exampleVariables({
      region: secondary,
      peer_region: primary,
      global_cluster_id: String(globalCluster.change.after!.global_cluster_identifier),
      require_approval: figures.requireApproval,
      approval_timeout_seconds: figures.approvalTimeoutSeconds,
      poll_interval_seconds: figures.pollIntervalSeconds,
      max_poll_attempts: figures.maxPollAttempts,
      execution_timeout_seconds: rto.execution_timeout_seconds as number,
    });
    const def = renderStateMachine(vars);
    const validation = validateDefinition(def);
    expect(validation.errors).toEqual([]);
    expect(validation.isValid).toBe(true);
    const text = JSON.stringify(def);
    expect(text).toContain('arn:aws:states:::aws-sdk:rds:failoverGlobalCluster');
    expect(text).toContain('arn:aws:states:::aws-sdk:rds:switchoverGlobalCluster');
    expect(text.toLowerCase()).not.toContain('changeresourcerecordsets');
    expect(def.States.Failover!.Parameters).toEqual({
      GlobalClusterIdentifier: `${env === 'dev' ? 'trading-dev' : 'trading-prod'}-global`,
      TargetDbClusterIdentifier: vars.target_cluster_arn,
      AllowDataLoss: true,
    });
  });

  it('has one PRIMARY and one SECONDARY alias record for the API name, each following its routing control check', () => {
    const api = of(plan, 'aws_route53_record').filter((r) => r.change.after?.type === 'A' && ((r.change.after?.failover_routing_policy as unknown[]) ?? []).length > 0);
    expect(api.map((r) => (r.change.after!.failover_routing_policy as { type: string }[])[0]!.type).sort()).toEqual(['PRIMARY', 'SECONDARY']);
    const config = failoverConfig(plan).find((r) => r.address === 'aws_route53_record.api')!;
    // The routing control alone: an AND with /health lets both records be unhealthy (decision 004).
    expect((config.expressions!.health_check_id as ConfigExpression).references).toContain('aws_route53_health_check.routing_control');
    expect((config.expressions!.health_check_id as ConfigExpression).references).not.toContain('aws_route53_health_check.regional');
    for (const r of api) {
      const after = r.change.after!;
      expect(after.name).toBe(`api.${env}.trading.example.com`);
      expect(r.change.after_unknown?.health_check_id, r.address).toBe(true);
      expect(after.alias, r.address).toEqual([expect.objectContaining({ evaluate_target_health: false })]);
      expect(after.records ?? null).toBeNull();
    }
    // Route 53's view of each region for the other region's probe: TXT failover pairs, only the PRIMARY one checked.
    const views = of(plan, 'aws_route53_record').filter((r) => r.change.after?.type === 'TXT' && ((r.change.after?.failover_routing_policy as unknown[]) ?? []).length > 0);
    for (const name of ['primary-view', 'secondary-view']) {
      const view = views.filter((r) => r.change.after!.name === `${name}.api.${env}.trading.example.com`);
      expect(view.map((r) => [(r.change.after!.failover_routing_policy as { type: string }[])[0]!.type, r.change.after!.records]).sort()).toEqual([
        ['PRIMARY', ['healthy']],
        ['SECONDARY', ['unhealthy']],
      ]);
    }
    expect(views).toHaveLength(4);
  });

  it('checks each region over HTTPS every 10 s on its own stage\'s /health, and follows each routing control', () => {
    const checks = of(plan, 'aws_route53_health_check');
    const https = checks.filter((c) => c.change.after?.type === 'HTTPS');
    const controls = checks.filter((c) => c.change.after?.type === 'RECOVERY_CONTROL');
    expect(https).toHaveLength(2);
    expect(controls).toHaveLength(2);
    expect(checks).toHaveLength(4);
    for (const c of https) {
      expect(c.change.after).toMatchObject({ type: 'HTTPS', port: 443, request_interval: 10, failure_threshold: 3, measure_latency: true, enable_sni: true });
      expect(c.change.after!.resource_path).toMatch(/^\/[A-Za-z0-9_-]+\/health$/);
      // The regional execute-api hostname (API id unknown until apply), never the failover name.
      expect(c.change.after_unknown?.fqdn, c.address).toBe(true);
    }
    for (const c of controls) expect(c.change.after_unknown?.routing_control_arn, c.address).toBe(true);
  });

  it('gives every EventBridge rule in the plan at least one target', () => {
    const key = (r: ResourceChange, name: unknown) => `${moduleOf(r.address)}|${regionOf(r)}|${String(name)}`;
    const targets = new Set(managed(plan).filter((r) => r.type === 'aws_cloudwatch_event_target').map((t) => key(t, t.change.after!.rule)));
    const rules = managed(plan).filter((r) => r.type === 'aws_cloudwatch_event_rule');
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const rule of rules) expect(targets.has(key(rule, rule.change.after!.name)), rule.address).toBe(true);
  });

  it('forwards platform events to the other region\'s default bus with a role and a dead-letter queue', () => {
    const forward = of(plan, 'aws_cloudwatch_event_target').filter((x) => x.name === 'forward');
    expect(forward.map(regionOf).sort()).toEqual([primary, secondary].sort());
    for (const t of forward) {
      const config = failoverConfig(plan).find((r) => r.address === configAddress(t.address).slice(MODULE.length + 1))!;
      expect((config.expressions!.arn as ConfigExpression).references, t.address).toContain('var.event_forwarding.peer_bus_arn');
      expect(t.change.after_unknown?.role_arn, t.address).toBe(true);
      expect(t.change.after!.dead_letter_config, t.address).toHaveLength(1);
      expect(t.change.after_unknown?.dead_letter_config, t.address).toEqual([{ arn: true }]);
    }
    // The other region: the primary's rule targets the secondary's bus and vice versa.
    expect(regionInput(plan, 'primary', 'event_forwarding')).toContain('local.default_bus_arns.secondary');
    expect(regionInput(plan, 'secondary', 'event_forwarding')).toContain('local.default_bus_arns.primary');
    for (const rule of of(plan, 'aws_cloudwatch_event_rule').filter((x) => x.name === 'forward')) {
      expect(JSON.parse(String(rule.change.after!.event_pattern))).toEqual({ source: ['trading.platform'], region: [regionOf(rule)] });
    }
  });

  it('starts nothing automatically: no probe schedule, alarm or trigger rule', () => {
    expect(rtoParameters(plan).auto_failover_enabled).toBe(false);
    expect(managed(plan).filter((r) => /primary_unreachable|probe_schedule|failover_trigger/.test(r.address))).toEqual([]);
  });

  it('has a probe of the other region in each region, for the failover preflight', () => {
    const regions = regionsByConfigAddress(plan);
    const probes = managed(plan).filter((r) => r.type === 'aws_lambda_function' && /\.peer_probe$/.test(configAddress(r.address)));
    expect(probes.map((r) => regions.get(configAddress(r.address))).sort()).toEqual([primary, secondary].sort());
    for (const p of probes) expect(p.change.after!.function_name).toBe(`trading-${env}-primary-probe`);
  });

  it('writes the health-check-ids parameter in both regions for the validator', () => {
    const params = of(plan, 'aws_ssm_parameter');
    expect(params.map(regionOf).sort()).toEqual([primary, secondary].sort());
    for (const p of params) expect(p.change.after!.name).toBe(`/trading/${env}/health-check-ids`);
  });

  it('encrypts its topics, queues and log groups with the region\'s customer-managed key', () => {
    for (const type of ['aws_sns_topic', 'aws_sqs_queue']) {
      for (const r of of(plan, type)) expect(r.change.after_unknown?.kms_master_key_id, r.address).toBe(true);
    }
    for (const r of of(plan, 'aws_cloudwatch_log_group')) expect(r.change.after_unknown?.kms_key_id, r.address).toBe(true);
  });
});

describe('approval and automatic failover per environment', () => {
  it('requires approval in prod only', () => {
    expect(rtoParameters(loadPlan('prod')).require_approval).toBe(true);
    expect(rtoParameters(loadPlan('dev')).require_approval).toBe(false);
  });

  it('runs the canary, alarm and trigger in the secondary region where staging turns them on', () => {
    const plan = loadPlan('staging');
    const regions = regionsByConfigAddress(plan);
    const secondary = variable<string>(plan, 'secondary_region');
    const auto = managed(plan).filter((r) => /primary_unreachable|probe_schedule/.test(r.address) && r.type !== 'aws_iam_role' && r.type !== 'aws_iam_role_policy');
    expect(auto.map((r) => r.type).sort()).toEqual([
      'aws_cloudwatch_event_rule',
      'aws_cloudwatch_event_rule',
      'aws_cloudwatch_event_target',
      'aws_cloudwatch_event_target',
      'aws_cloudwatch_metric_alarm',
      'aws_lambda_permission',
    ]);
    for (const r of auto) expect(regions.get(configAddress(r.address)), r.address).toBe(secondary);
    const trigger = managed(plan).find((r) => r.address === 'module.failover.aws_cloudwatch_event_target.primary_unreachable[0]')!;
    expect(JSON.parse(String(trigger.change.after!.input))).toEqual(expect.objectContaining({ mode: 'failover', targetRegion: secondary, trigger: 'alarm' }));
    expect(JSON.parse(String(trigger.change.after!.input))).not.toHaveProperty('force');
  });
});

describe('the watchdog in each region', () => {
  // The sync rule's input (the watchdog's settings) is unknown until apply; terraform test checks it.
  it.each(['dev', 'staging', 'prod'] as const)('%s: a reclaim in either region pages that region\'s operations topic at once', (env) => {
    const plan = loadPlan(env);
    const regions = regionsByConfigAddress(plan);
    const alarms = managed(plan).filter((r) => /\.aws_cloudwatch_metric_alarm\.authority_reclaimed$/.test(r.address));
    expect(alarms.map((a) => regions.get(configAddress(a.address))).sort()).toEqual([...new Set(regions.values())].sort());
    for (const alarm of alarms) {
      const region = regions.get(configAddress(alarm.address))!;
      expect(alarm.change.after).toMatchObject({ metric_name: 'AuthorityReclaimed', dimensions: { service: 'region-fence', TargetRegion: region }, threshold: 1, evaluation_periods: 1 });
    }
  });
});

describe('who may publish to the operations topics', () => {
  it.each(['dev', 'prod'] as const)('%s: in each region only CloudWatch alarms of this account and the state machine role publish; every other publisher is denied', (env) => {
    const plan = loadPlan(env);
    const policies = of(plan, 'aws_sns_topic_policy').filter((r) => r.address.endsWith('.aws_sns_topic_policy.operations'));
    expect(policies.map(roleOf).sort()).toEqual(['primary', 'secondary']);
    for (const region of ['primary', 'secondary']) {
      const config = failoverConfig(plan);
      const policy = config.find((r) => r.address === `module.${region}.aws_sns_topic_policy.operations`);
      expect((policy?.expressions?.arn as ConfigExpression).references).toContain('aws_sns_topic.operations.arn');
      expect((policy?.expressions?.policy as ConfigExpression).references).toContain('data.aws_iam_policy_document.operations_topic.json');
      const doc = config.find((r) => r.address === `module.${region}.data.aws_iam_policy_document.operations_topic`);
      const statements = (doc?.expressions?.statement ?? []) as Record<string, any>[];
      const bySid: Record<string, any> = Object.fromEntries(statements.map((s) => [s.sid.constant_value as string, s]));
      expect(Object.keys(bySid).sort()).toEqual(['AccountManagesAndSubscribes', 'CloudWatchAlarmsPublish', 'DenyPublishExceptAlarmsAndStateMachine', 'StateMachinePublishes']);
      expect(bySid.CloudWatchAlarmsPublish.principals[0].identifiers.constant_value).toEqual(['cloudwatch.amazonaws.com']);
      expect(bySid.CloudWatchAlarmsPublish.condition.map((c: any) => c.variable.constant_value).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
      expect(bySid.StateMachinePublishes.principals[0].identifiers.references).toContain('var.state_machine.role_arn');
      const deny = bySid.DenyPublishExceptAlarmsAndStateMachine;
      expect(deny.effect.constant_value).toBe('Deny');
      expect(deny.actions.constant_value).toEqual(['sns:Publish']);
      expect(deny.condition.map((c: any) => [c.test.constant_value, c.variable.constant_value])).toEqual([
        ['Bool', 'aws:PrincipalIsAWSService'],
        ['ArnNotEquals', 'aws:PrincipalArn'],
      ]);
      expect(deny.condition[1].values.references).toContain('var.state_machine.role_arn');
      // The module passes each region its own state machine's role.
      expect(regionInput(plan, region, 'state_machine').join(' ')).toContain('aws_iam_role.state_machine');
    }
  });
});
