// The regional stacks as planned for dev and prod: one module instantiated identically in both
// regions, with the write path, health path, functions, Aurora member, network and alarms the design
// requires. Values unknown until apply are checked through the configuration's references.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan, managed, variable } from './load.ts';
import { repoRoot } from '../../tooling/core/paths.ts';
import { type PlanDocument, type ResourceChange } from '../../tooling/terraform/plan-json.ts';
import { moduleOf } from '../../tooling/terraform/address.ts';

const STACKS = ['region_primary', 'region_secondary'] as const;
type Stack = (typeof STACKS)[number];

// Actions AWS evaluates only against Resource "*" (no resource-level permissions).
const UNSCOPABLE_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'cloudwatch:GetMetricData',
  'lambda:ListEventSourceMappings',
]);

interface ConfigExpression {
  constant_value?: unknown;
  references?: string[];
}
interface ConfigResource {
  address: string;
  expressions?: Record<string, ConfigExpression | ConfigExpression[]>;
  depends_on?: string[];
}
interface ConfigModule {
  resources?: ConfigResource[];
  outputs?: Record<string, { expression?: ConfigExpression; depends_on?: string[] }>;
  module_calls?: Record<string, { expressions?: Record<string, ConfigExpression>; module: ConfigModule }>;
}
interface Statement {
  effect: string | null;
  actions: string[] | null;
  resources: (string | null)[] | null;
}

const after = (rc: ResourceChange): Record<string, any> => rc.change.after ?? {};
const unknown = (rc: ResourceChange): Record<string, any> => (rc.change.after_unknown ?? {}) as Record<string, any>;

function inStack(plan: PlanDocument, stack: Stack): ResourceChange[] {
  return managed(plan).filter((r) => moduleOf(r.address) === `module.${stack}`);
}

function one(plan: PlanDocument, stack: Stack, address: string): ResourceChange {
  const found = inStack(plan, stack).filter((r) => r.address === `module.${stack}.${address}`);
  expect(found, `module.${stack}.${address}`).toHaveLength(1);
  return found[0]!;
}

function rootModule(plan: PlanDocument): ConfigModule {
  return (plan.configuration as { root_module?: ConfigModule } | undefined)?.root_module ?? {};
}

/** The references of one argument of a resource in the regional-stack module's configuration. */
function references(plan: PlanDocument, stack: Stack, address: string, argument: string): string[] {
  const resource = rootModule(plan).module_calls?.[stack]?.module.resources?.find((r) => r.address === address);
  const expr = resource?.expressions?.[argument];
  if (!expr || Array.isArray(expr)) throw new Error(`no expression ${argument} on ${stack}.${address}`);
  return expr.references ?? [];
}

/** A value that is either known and non-empty in the plan, or unknown until apply. */
function setOrPending(rc: ResourceChange, key: string): boolean {
  const value = after(rc)[key];
  return (typeof value === 'string' && value.length > 0) || unknown(rc)[key] === true;
}

describe.each(['dev', 'prod'] as const)('regional stacks in the %s plan', (env) => {
  const plan = loadPlan(env);

  it('instantiates the same multiset of resource types in both regions', () => {
    const census = (stack: Stack) => {
      const counts: Record<string, number> = {};
      for (const r of inStack(plan, stack)) counts[r.type] = (counts[r.type] ?? 0) + 1;
      return counts;
    };
    expect(Object.keys(census('region_primary')).length).toBeGreaterThan(30);
    expect(census('region_secondary')).toEqual(census('region_primary'));
  });

  describe.each(STACKS)('%s', (stack) => {
    it('POST /trades needs a client certificate (mutual TLS, no SigV4), validates the body and sends straight to this region\'s queue', () => {
      const method = one(plan, stack, 'aws_api_gateway_method.trades_post');
      // No authorizer: the custom domain checks the certificate, and the template queues only with one.
      expect(after(method)).toMatchObject({ http_method: 'POST', authorization: 'NONE' });
      expect(references(plan, stack, 'aws_api_gateway_method.trades_post', 'resource_id')).toContain('aws_api_gateway_resource.trades.id');
      expect(references(plan, stack, 'aws_api_gateway_method.trades_post', 'request_validator_id')).toContain('aws_api_gateway_request_validator.body.id');
      expect(after(one(plan, stack, 'aws_api_gateway_resource.trades')).path_part).toBe('trades');
      expect(after(one(plan, stack, 'aws_api_gateway_request_validator.body')).validate_request_body).toBe(true);

      const integration = one(plan, stack, 'aws_api_gateway_integration.trades_post');
      expect(after(integration)).toMatchObject({ type: 'AWS', integration_http_method: 'POST', passthrough_behavior: 'NEVER' });
      // Sends only while this region is active (stage variable `active`, set by region-fence); otherwise a
      // read-only call that the integration response turns into a 503, so nothing is queued.
      // The certificate's subject and issuer travel with the order as message attributes.
      expect(after(integration).request_templates['application/json']).toBe(
        [
          '#if("$!context.identity.clientCert.subjectDN" != "" && $stageVariables.active == "true")',
          'Action=SendMessage&MessageBody=$util.urlEncode($input.body)',
          '&MessageAttribute.1.Name=clientCertSubjectDN&MessageAttribute.1.Value.DataType=String',
          '&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.identity.clientCert.subjectDN)',
          '&MessageAttribute.2.Name=clientCertIssuerDN&MessageAttribute.2.Value.DataType=String',
          '&MessageAttribute.2.Value.StringValue=$util.urlEncode($context.identity.clientCert.issuerDN)',
          '#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end',
        ].join(''),
      );
      // The URI embeds the account from the queue's ARN, so it is only known after apply.
      expect(unknown(integration).uri).toBe(true);
      expect(references(plan, stack, 'aws_api_gateway_integration.trades_post', 'uri')).toEqual(
        expect.arrayContaining(['aws_sqs_queue.trade_orders.arn', 'aws_sqs_queue.trade_orders.name']),
      );
    });

    it('GET /health is the only unauthenticated method and proxies to the health function', () => {
      const method = one(plan, stack, 'aws_api_gateway_method.health_get');
      expect(after(method)).toMatchObject({ http_method: 'GET', authorization: 'NONE' });
      const integration = one(plan, stack, 'aws_api_gateway_integration.health_get');
      expect(after(integration).type).toBe('AWS_PROXY');
      expect(references(plan, stack, 'aws_api_gateway_integration.health_get', 'uri')).toContain('aws_lambda_function.health.invoke_arn');
    });

    it('runs every function on nodejs22.x/arm64 with tracing, reserved concurrency and an encrypted, expiring log group', () => {
      const functions = inStack(plan, stack).filter((r) => r.type === 'aws_lambda_function');
      expect(functions.map((f) => after(f).function_name).sort()).toEqual(
        ['db-migrator', 'failover-validator', 'health', 'trade-processor'].map((n) => `trading-${env}-${n}`),
      );
      const groups = new Map(inStack(plan, stack).filter((r) => r.type === 'aws_cloudwatch_log_group').map((g) => [after(g).name, g]));
      for (const f of functions) {
        const a = after(f);
        expect(a, f.address).toMatchObject({ runtime: 'nodejs22.x', architectures: ['arm64'], tracing_config: [{ mode: 'Active' }] });
        expect(a.reserved_concurrent_executions, f.address).toBeGreaterThan(0);
        expect(setOrPending(f, 'kms_key_arn'), `${f.address} environment key`).toBe(true);
        const group = groups.get(`/aws/lambda/${a.function_name}`);
        expect(group, `log group of ${a.function_name}`).toBeDefined();
        expect(after(group!).retention_in_days).toBeGreaterThan(0);
        expect(setOrPending(group!, 'kms_key_id'), `${group!.address} key`).toBe(true);
        expect(a.logging_config[0].log_group).toBe(after(group!).name);
      }
      const inVpc = functions.filter((f) => (after(f).vpc_config ?? []).length === 1).map((f) => after(f).function_name).sort();
      expect(inVpc).toEqual([`trading-${env}-db-migrator`, `trading-${env}-health`, `trading-${env}-trade-processor`]);
    });

    it('enables the trade processor mapping in both regions (the processor is the gate) and serves only in the primary', () => {
      const esm = one(plan, stack, 'aws_lambda_event_source_mapping.trade_processor');
      expect(after(esm).enabled).toBe(true);
      expect(after(esm).function_response_types).toEqual(['ReportBatchItemFailures']);
      expect(after(one(plan, stack, 'aws_ssm_parameter.serving')).value).toBe(stack === 'region_primary' ? 'true' : 'false');
    });

    it('has one encrypted, IAM-authenticated Aurora member joined to the global cluster, with instances', () => {
      const clusters = inStack(plan, stack).filter((r) => r.type === 'aws_rds_cluster');
      expect(clusters).toHaveLength(1);
      const cluster = clusters[0]!;
      const a = after(cluster);
      expect(a).toMatchObject({ storage_encrypted: true, iam_database_authentication_enabled: true, enabled_cloudwatch_logs_exports: ['postgresql'] });
      expect(a.backup_retention_period).toBeGreaterThanOrEqual(7);
      expect(setOrPending(cluster, 'kms_key_id')).toBe(true);
      expect(references(plan, stack, 'aws_rds_cluster.this', 'kms_key_id')).toContain('var.kms_key_arns.database');
      expect(references(plan, stack, 'aws_rds_cluster.this', 'global_cluster_identifier')).toContain('var.global_cluster.id');
      expect(rootModule(plan).module_calls?.[stack]?.expressions?.global_cluster?.references).toContain('module.global_data.global_cluster');
      expect(a.deletion_protection).toBe(variable<boolean>(plan, 'deletion_protection'));
      if (env === 'prod') expect(a.deletion_protection).toBe(true);

      const instances = inStack(plan, stack).filter((r) => r.type === 'aws_rds_cluster_instance');
      expect(instances.length).toBeGreaterThanOrEqual(1);
      for (const i of instances) expect(after(i).instance_class).toBe('db.serverless');
    });

    it('turns on Enhanced Monitoring on every Aurora instance through a role only RDS monitoring assumes', () => {
      const instances = inStack(plan, stack).filter((r) => r.type === 'aws_rds_cluster_instance');
      for (const i of instances) expect(after(i).monitoring_interval, i.address).toBe(60);
      expect(references(plan, stack, 'aws_rds_cluster_instance.this', 'monitoring_role_arn')).toContain('aws_iam_role.rds_monitoring.arn');
      // The trust policy names this account (unknown until apply offline): checked through the configuration.
      expect(references(plan, stack, 'aws_iam_role.rds_monitoring', 'assume_role_policy')).toContain('data.aws_iam_policy_document.rds_monitoring_assume.json');
      const trust = rootModule(plan).module_calls?.[stack]?.module.resources?.find((r) => r.address === 'data.aws_iam_policy_document.rds_monitoring_assume');
      const trustText = JSON.stringify(trust?.expressions);
      for (const needle of ['monitoring.rds.amazonaws.com', 'aws:SourceAccount', 'aws:SourceArn']) expect(trustText).toContain(needle);
      expect(after(one(plan, stack, 'aws_iam_role_policy_attachment.rds_monitoring')).policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
    });

    it('creates the PostgreSQL log group, with retention and the logs key, before the cluster exports to it', () => {
      const cluster = one(plan, stack, 'aws_rds_cluster.this');
      const group = one(plan, stack, 'aws_cloudwatch_log_group.database');
      expect(after(group).name).toBe(`/aws/rds/cluster/${after(cluster).cluster_identifier}/postgresql`);
      expect(after(group).retention_in_days).toBe(variable<number>(plan, 'regional_log_retention_days'));
      expect(references(plan, stack, 'aws_cloudwatch_log_group.database', 'kms_key_id')).toContain('var.kms_key_arns.logs');
      const config = rootModule(plan).module_calls?.[stack]?.module.resources?.find((r) => r.address === 'aws_rds_cluster.this');
      expect(config?.depends_on).toContain('aws_cloudwatch_log_group.database');
    });

    it('gives every VPC endpoint its own policy document instead of the full-access default', () => {
      const endpoints = inStack(plan, stack).filter((r) => r.type === 'aws_vpc_endpoint');
      expect(endpoints).toHaveLength(4);
      for (const e of endpoints) {
        const name = e.address.slice(`module.${stack}.`.length).replace(/\[.*$/, '');
        expect(setOrPending(e, 'policy'), e.address).toBe(true);
        expect(references(plan, stack, name, 'policy'), e.address).toContain('data.aws_iam_policy_document.endpoint');
      }
    });

    it('creates only the primary member with the master user and the database', () => {
      const cluster = one(plan, stack, 'aws_rds_cluster.this');
      if (stack === 'region_primary') {
        expect(after(cluster).master_username).toEqual(expect.any(String));
        expect(after(cluster).master_password_wo_version).toBeGreaterThanOrEqual(1);
      } else {
        // Unset optional-computed arguments: AWS fills them from the global cluster.
        expect(unknown(cluster).master_username).toBe(true);
        expect(unknown(cluster).database_name).toBe(true);
        expect(after(cluster).master_password_wo_version ?? null).toBeNull();
      }
    });

    it('encrypts every queue and dead-letters the trade queue', () => {
      const queues = inStack(plan, stack).filter((r) => r.type === 'aws_sqs_queue');
      expect(queues.map((q) => q.address.slice(`module.${stack}.`.length)).sort()).toEqual([
        'aws_sqs_queue.async_failures',
        'aws_sqs_queue.dead_letter',
        'aws_sqs_queue.trade_orders',
      ]);
      for (const q of queues) expect(setOrPending(q, 'kms_master_key_id'), q.address).toBe(true);
      const trade = one(plan, stack, 'aws_sqs_queue.trade_orders');
      expect(references(plan, stack, 'aws_sqs_queue.trade_orders', 'redrive_policy')).toContain('aws_sqs_queue.dead_letter.arn');
      const processor = one(plan, stack, 'aws_lambda_function.trade_processor');
      expect(after(trade).visibility_timeout_seconds).toBeGreaterThanOrEqual(6 * after(processor).timeout);
    });

    it('reaches S3 and DynamoDB through gateway endpoints and logs VPC flows', () => {
      const region = variable<string>(plan, stack === 'region_primary' ? 'primary_region' : 'secondary_region');
      const gateways = inStack(plan, stack)
        .filter((r) => r.type === 'aws_vpc_endpoint' && after(r).vpc_endpoint_type === 'Gateway')
        .map((r) => after(r).service_name)
        .sort();
      expect(gateways).toEqual([`com.amazonaws.${region}.dynamodb`, `com.amazonaws.${region}.s3`]);
      const flowLogs = inStack(plan, stack).filter((r) => r.type === 'aws_flow_log');
      expect(flowLogs).toHaveLength(1);
      expect(after(flowLogs[0]!).traffic_type).toBe('ALL');
      expect(inStack(plan, stack).some((r) => r.type === 'aws_nat_gateway' || r.type === 'aws_internet_gateway')).toBe(false);
    });

    it('puts a web ACL on the API stage whose per-address rate rule answers 429 and logs to an encrypted aws-waf-logs- group', () => {
      const acl = one(plan, stack, 'aws_wafv2_web_acl.this');
      expect(after(acl).scope).toBe('REGIONAL');
      const rules = after(acl).rule as Record<string, any>[];
      const rate = rules.find((r) => r.name === 'rate-per-client-ip');
      expect(rate?.priority).toBe(0);
      expect(rate?.statement[0].rate_based_statement[0]).toMatchObject({ aggregate_key_type: 'IP', evaluation_window_sec: 300, scope_down_statement: [] });
      expect(rate?.statement[0].rate_based_statement[0].limit).toBeGreaterThanOrEqual(100);
      expect(rate?.action[0].block[0].custom_response[0].response_code).toBe(429);
      const managed = rules.filter((r) => r !== rate).map((r) => r.statement[0].managed_rule_group_statement[0].name).sort();
      expect(managed).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
      expect(references(plan, stack, 'aws_wafv2_web_acl_association.api', 'resource_arn')).toContain('aws_api_gateway_stage.this.arn');

      const group = one(plan, stack, 'aws_cloudwatch_log_group.waf');
      expect(after(group).name).toMatch(/^aws-waf-logs-/);
      expect(after(group).retention_in_days).toBe(variable<number>(plan, 'regional_log_retention_days'));
      expect(references(plan, stack, 'aws_cloudwatch_log_group.waf', 'kms_key_id')).toContain('var.kms_key_arns.logs');
      const logging = one(plan, stack, 'aws_wafv2_web_acl_logging_configuration.this');
      expect(references(plan, stack, 'aws_wafv2_web_acl_logging_configuration.this', 'log_destination_configs')).toContain('aws_cloudwatch_log_group.waf.arn');
      expect((after(logging).redacted_fields as Record<string, any>[]).map((f) => f.single_header[0].name).sort()).toEqual(['authorization', 'x-amz-security-token']);
    });

    it('sends the failed events of the asynchronously invoked validator to an encrypted queue that alarms', () => {
      const configs = inStack(plan, stack).filter((r) => r.type === 'aws_lambda_function_event_invoke_config');
      expect(configs.map((c) => c.address)).toEqual([`module.${stack}.aws_lambda_function_event_invoke_config.this["failover_validator"]`]);
      expect(after(configs[0]!).function_name).toBe(`trading-${env}-failover-validator`);
      const config = rootModule(plan).module_calls?.[stack]?.module.resources?.find((r) => r.address === 'aws_lambda_function_event_invoke_config.this');
      expect(JSON.stringify(config?.expressions?.destination_config)).toContain('aws_sqs_queue.async_failures.arn');
      const queue = one(plan, stack, 'aws_sqs_queue.async_failures');
      expect(after(queue).message_retention_seconds).toBe(14 * 24 * 3600);
      expect(references(plan, stack, 'aws_sqs_queue.async_failures', 'kms_master_key_id')).toContain('var.kms_key_arns.logs');
      const alarm = one(plan, stack, 'aws_cloudwatch_metric_alarm.async_failures_depth');
      expect(after(alarm)).toMatchObject({ namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', threshold: 0, comparison_operator: 'GreaterThanThreshold' });
      expect(after(alarm).dimensions.QueueName).toBe(after(queue).name);
    });

    it('backs up its own Aurora member daily into a locked vault: compliance in prod, governance elsewhere', () => {
      const vault = one(plan, stack, 'aws_backup_vault.this');
      expect(references(plan, stack, 'aws_backup_vault.this', 'kms_key_arn')).toContain('var.kms_key_arns.database');
      const lock = one(plan, stack, 'aws_backup_vault_lock_configuration.this');
      expect(after(lock).backup_vault_name).toBe(after(vault).name);
      expect(after(lock).min_retention_days).toBeGreaterThanOrEqual(1);
      if (env === 'prod') expect(after(lock).changeable_for_days).toBeGreaterThanOrEqual(3);
      else expect(after(lock).changeable_for_days ?? null).toBeNull();
      expect(references(plan, stack, 'aws_backup_selection.aurora', 'resources')).toContain('aws_rds_cluster.this.arn');
      const rule = (after(one(plan, stack, 'aws_backup_plan.this')).rule as Record<string, any>[])[0]!;
      expect(rule.target_vault_name).toBe(after(vault).name);
      expect(rule.lifecycle[0].delete_after).toBeGreaterThanOrEqual(after(lock).min_retention_days);
      expect(after(one(plan, stack, 'aws_iam_role_policy_attachment.backup')).policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup');
      expect(JSON.parse(after(one(plan, stack, 'aws_cloudwatch_event_rule.backup_job_failed')).event_pattern as string).detail.state).toEqual(['FAILED', 'ABORTED', 'EXPIRED']);
    });

    it('alarms on the sensitive management calls CloudTrail records in this region', () => {
      const rules = inStack(plan, stack).filter((r) => r.type === 'aws_cloudwatch_event_rule' && r.address.includes('.security['));
      expect(rules.map((r) => r.index).sort()).toEqual(['alarm-state-forced', 'bucket-configuration', 'kms-key-administration', 'routing-control-state', 'serving-flag-written', 'trade-queue-attributes']);
      // Patterns that name account-specific values (the region-fence roles, the queue URL) are known only
      // at apply offline; the others are checked here, those through the configuration's references.
      const patterns = Object.fromEntries(
        rules.filter((r) => typeof after(r).event_pattern === 'string').map((r) => [r.index as string, JSON.parse(after(r).event_pattern as string) as Record<string, any>]),
      );
      for (const r of rules) expect(typeof after(r).event_pattern === 'string' || unknown(r).event_pattern === true, r.address).toBe(true);
      for (const p of Object.values(patterns)) expect(p['detail-type']).toEqual(['AWS API Call via CloudTrail']);
      expect(patterns['kms-key-administration']!.detail.eventName).toEqual(expect.arrayContaining(['ScheduleKeyDeletion', 'DisableKey', 'PutKeyPolicy']));
      expect(patterns['bucket-configuration']!.detail.requestParameters.bucketName).toHaveLength(2);
      expect(references(plan, stack, 'aws_cloudwatch_event_rule.security', 'event_pattern')).toContain('each.value.pattern');
      const targets = inStack(plan, stack).filter((r) => r.type === 'aws_cloudwatch_event_target' && r.address.includes('.security['));
      expect(targets).toHaveLength(rules.length);
      expect(references(plan, stack, 'aws_cloudwatch_event_target.security', 'arn')).toContain('aws_sns_topic.alarms.arn');
    });

    it('lets only CloudWatch alarms and EventBridge rules of this account publish to the alarm topic', () => {
      expect(references(plan, stack, 'aws_sns_topic_policy.alarms', 'arn')).toContain('aws_sns_topic.alarms.arn');
      expect(references(plan, stack, 'aws_sns_topic_policy.alarms', 'policy')).toContain('data.aws_iam_policy_document.alarm_topic.json');
      const doc = inStack(plan, stack).find((r) => r.address === `module.${stack}.data.aws_iam_policy_document.alarm_topic`);
      // Read at plan time when its inputs are known, else at apply; then the configuration says what it holds.
      const statements = (doc ? (after(doc).statement as Record<string, any>[] | undefined) : undefined) ?? [];
      if (statements.length) {
        const publishers = statements.filter((st) => (st.effect ?? 'Allow') === 'Allow' && (st.actions as string[]).includes('sns:Publish'));
        expect(publishers.flatMap((st) => st.principals[0].identifiers).sort()).toEqual(['cloudwatch.amazonaws.com', 'events.amazonaws.com']);
        for (const st of publishers) expect((st.condition as { variable: string }[]).map((c) => c.variable).sort()).toEqual(['aws:SourceAccount', 'aws:SourceArn']);
        const deny = statements.filter((st) => st.effect === 'Deny');
        expect(deny).toHaveLength(1);
        expect(deny[0]!.condition[0]).toMatchObject({ test: 'Bool', variable: 'aws:PrincipalIsAWSService', values: ['false'] });
      } else {
        const config = rootModule(plan).module_calls?.[stack]?.module.resources?.find((r) => r.address === 'data.aws_iam_policy_document.alarm_topic');
        const text = JSON.stringify(config?.expressions);
        for (const needle of ['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'aws:PrincipalIsAWSService', 'aws:SourceAccount', 'aws:SourceArn']) expect(text).toContain(needle);
      }
    });

    it('alarms on RPO lag and DLQ depth, with actions', () => {
      const alarms = inStack(plan, stack).filter((r) => r.type === 'aws_cloudwatch_metric_alarm');
      // The topic ARN is unknown until apply: the actions must then come from this stack's topic.
      const hasActions = (a: ResourceChange) =>
        (after(a).alarm_actions ?? []).length > 0 ||
        (unknown(a).alarm_actions === true && references(plan, stack, a.address.slice(`module.${stack}.`.length), 'alarm_actions').includes('aws_sns_topic.alarms.arn'));
      const rpo = alarms.filter((a) => after(a).metric_name === 'AuroraGlobalDBRPOLag');
      expect(rpo).toHaveLength(1);
      expect(after(rpo[0]!).dimensions.DBClusterIdentifier).toBe(after(one(plan, stack, 'aws_rds_cluster.this')).cluster_identifier);
      const dlqName = after(one(plan, stack, 'aws_sqs_queue.dead_letter')).name;
      const dlq = alarms.filter((a) => after(a).metric_name === 'ApproximateNumberOfMessagesVisible' && after(a).dimensions?.QueueName === dlqName);
      expect(dlq).toHaveLength(1);
      for (const a of alarms) expect(hasActions(a), a.address).toBe(true);
    });
  });

  it('uses the same engine and version in both members as the global cluster', () => {
    const global = managed(plan).filter((r) => r.type === 'aws_rds_global_cluster');
    expect(global).toHaveLength(1);
    for (const stack of STACKS) {
      const a = after(one(plan, stack, 'aws_rds_cluster.this'));
      expect([a.engine, a.engine_version]).toEqual([after(global[0]!).engine, after(global[0]!).engine_version]);
    }
  });

  it('creates the secondary member only after the primary\'s writer instance (terraform-provider-aws#26030)', () => {
    // The secondary's primary_cluster_arn is the primary stack's joinable_cluster_arn, an output that
    // depends on the primary's instances: without that order AWS refuses the secondary with
    // "InvalidParameterValue: The parameter MasterUsername must be provided".
    const calls = rootModule(plan).module_calls ?? {};
    expect(calls.region_secondary?.expressions?.primary_cluster_arn?.references).toContain('module.region_primary.joinable_cluster_arn');
    const output = calls.region_primary?.module.outputs?.joinable_cluster_arn;
    expect(output?.depends_on).toContain('aws_rds_cluster_instance.this');
    expect(output?.expression?.references).toContain('aws_rds_cluster.this.arn');
  });

  it('migrates the database at apply in the primary only, with the digest of the shipped migrations', () => {
    const input = (stack: Stack) => JSON.parse(after(one(plan, stack, 'aws_lambda_invocation.db_migrator')).input as string) as { apply: boolean; migrationsSha256: string };
    expect(input('region_primary').apply).toBe(true);
    expect(input('region_secondary').apply).toBe(false);
    expect(input('region_primary').migrationsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(input('region_secondary').migrationsSha256).toBe(input('region_primary').migrationsSha256);
    const esm = rootModule(plan).module_calls?.region_primary?.module.resources?.find((r) => r.address === 'aws_lambda_event_source_mapping.trade_processor') as { depends_on?: string[] } | undefined;
    expect(esm?.depends_on).toContain('aws_lambda_invocation.db_migrator');
  });

  it('places the subnets by zone ID', () => {
    for (const stack of STACKS) {
      const prefix = stack === 'region_primary' ? 'use1-az' : 'use2-az';
      const subnets = inStack(plan, stack).filter((r) => r.type === 'aws_subnet');
      expect(subnets).toHaveLength(3);
      for (const s of subnets) {
        expect(after(s).availability_zone_id, s.address).toMatch(new RegExp(`^${prefix}\\d+$`));
      }
    }
  });

  it('never carries a plain master password', () => {
    expect(plan.variables?.db_master_password?.value ?? null).toBeNull();
    const leaks: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (value === null || typeof value !== 'object') return;
      for (const [k, v] of Object.entries(value)) {
        // sensitive_values holds true/false markers; a leak is an actual value.
        if (/password/i.test(k) && !/_version$/.test(k) && (typeof v === 'string' || typeof v === 'number')) leaks.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
    };
    for (const r of plan.resource_changes ?? []) walk(r.change.after, r.address);
    walk(plan.planned_values, 'planned_values');
    expect(leaks).toEqual([]);
  });

  it('opens no security group to the internet', () => {
    const open: string[] = [];
    const world = (v: unknown) => v === '0.0.0.0/0' || v === '::/0';
    for (const r of managed(plan)) {
      const a = after(r);
      if (r.type === 'aws_vpc_security_group_ingress_rule' && (world(a.cidr_ipv4) || world(a.cidr_ipv6))) open.push(r.address);
      if (r.type === 'aws_security_group_rule' && a.type === 'ingress' && [...(a.cidr_blocks ?? []), ...(a.ipv6_cidr_blocks ?? [])].some(world)) open.push(r.address);
      if (r.type === 'aws_security_group' || r.type === 'aws_default_security_group') {
        for (const rule of a.ingress ?? []) if ([...(rule.cidr_blocks ?? []), ...(rule.ipv6_cidr_blocks ?? [])].some(world)) open.push(r.address);
      }
    }
    expect(open).toEqual([]);
    for (const stack of STACKS) {
      const dflt = one(plan, stack, 'aws_default_security_group.this');
      expect([after(dflt).ingress ?? [], after(dflt).egress ?? []]).toEqual([[], []]);
    }
  });

  it('grants no Action "*" and Resource "*" only to unscopable actions', () => {
    const docs = (plan.resource_changes ?? []).filter(
      (r) => r.mode === 'data' && r.type === 'aws_iam_policy_document' && STACKS.some((s) => moduleOf(r.address) === `module.${s}`),
    );
    expect(docs.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const d of docs) {
      for (const s of (after(d).statement ?? []) as Statement[]) {
        if ((s.effect ?? 'Allow') !== 'Allow') continue;
        const actions = s.actions ?? [];
        for (const a of actions) if (a === '*' || a.endsWith(':*')) problems.push(`${d.address}: action ${a}`);
        if ((s.resources ?? []).includes('*')) {
          for (const a of actions) if (!UNSCOPABLE_ACTIONS.has(a)) problems.push(`${d.address}: ${a} on Resource "*"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the methods without an authorizer', () => {
  it('are the health check and POST /trades behind mutual TLS on both custom domains, in every plan, and the health method\'s source says why', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) {
      const plan = loadPlan(env);
      const none = managed(plan)
        .filter((r) => r.type === 'aws_api_gateway_method' && after(r).authorization === 'NONE')
        .map((r) => r.address)
        .sort();
      expect(none).toEqual([
        'module.region_primary.aws_api_gateway_method.health_get',
        'module.region_primary.aws_api_gateway_method.trades_post',
        'module.region_secondary.aws_api_gateway_method.health_get',
        'module.region_secondary.aws_api_gateway_method.trades_post',
      ]);
      const domains = managed(plan).filter((r) => r.type === 'aws_api_gateway_domain_name');
      expect(domains).toHaveLength(2);
      for (const d of domains) expect((after(d).mutual_tls_authentication as unknown[]).length, `${env} ${d.address}`).toBe(1);
    }
    const source = readFileSync(join(repoRoot, 'modules', 'regional-stack', 'api.tf'), 'utf8');
    const block = /resource "aws_api_gateway_method" "health_get" \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    expect(block).toMatch(/#[^\n]*Route 53 health checkers cannot sign requests[\s\S]*authorization = "NONE"/);
  });
});
