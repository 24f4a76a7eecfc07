// SEC rules: encryption with customer-managed keys, public access, IAM scope, authorization, open
// ingress, plaintext secrets, and production protection.
import { block, getAll, str, type Instance, type Obj } from '../plan/index.ts';
import { policyStatements, type Statement } from '../plan/policy.ts';
import { expressionsAt, isSet, referencesAt, targetsOf, typeSet } from '../plan/references.ts';
import { RuleContext, inRegion } from '../plan/context.ts';

/**
 * Actions that support no resource-level permissions, so Resource "*" is the only valid form
 * (AWS Service Authorization Reference: the action lists no resource type). Each entry says why.
 */
export const UNSCOPABLE_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['xray:puttracesegments', 'X-Ray trace upload has no resource type (AWSXRayDaemonWriteAccess uses "*").'],
  ['xray:puttelemetryrecords', 'X-Ray telemetry upload has no resource type.'],
  ['xray:getsamplingrules', 'Read by the X-Ray SDK for sampling; no resource type.'],
  ['xray:getsamplingtargets', 'Read by the X-Ray SDK for sampling; no resource type.'],
  ['xray:getsamplingstatisticsummaries', 'X-Ray sampling statistics; no resource type.'],
  ['ec2:createnetworkinterface', 'Lambda creates the VPC ENIs on the function\'s behalf; AWSLambdaVPCAccessExecutionRole grants it on "*".'],
  ['ec2:describenetworkinterfaces', 'Describe calls have no resource type.'],
  ['ec2:describesubnets', 'Describe calls have no resource type; AWSLambdaVPCAccessExecutionRole grants it on "*" for VPC functions.'],
  ['ec2:deletenetworkinterface', 'Paired with CreateNetworkInterface for Lambda VPC ENIs (AWSLambdaVPCAccessExecutionRole).'],
  ['ec2:assignprivateipaddresses', 'Lambda VPC ENI management (AWSLambdaVPCAccessExecutionRole).'],
  ['ec2:unassignprivateipaddresses', 'Lambda VPC ENI management (AWSLambdaVPCAccessExecutionRole).'],
  ['cloudwatch:putmetricdata', 'No resource type; scope with the cloudwatch:namespace condition key instead.'],
  ['cloudwatch:getmetricdata', 'No resource type.'],
  ['cloudwatch:getmetricstatistics', 'No resource type.'],
  ['cloudwatch:listmetrics', 'No resource type.'],
  ['logs:createlogdelivery', 'Vended-log delivery (Step Functions, API Gateway logging) supports no resource-level permissions.'],
  ['logs:getlogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:updatelogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:deletelogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:listlogdeliveries', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:putresourcepolicy', 'Needed by vended-log delivery; account-level resource policy.'],
  ['logs:describeresourcepolicies', 'Needed by vended-log delivery; account-level.'],
  ['logs:describeloggroups', 'Listing call; required by Step Functions log delivery setup.'],
  ['lambda:listeventsourcemappings', 'List call; no resource type (the mapping is then addressed by UUID).'],
  ['states:sendtasksuccess', 'Task tokens are not resources; no resource type.'],
  ['states:sendtaskfailure', 'Task tokens are not resources; no resource type.'],
  ['states:sendtaskheartbeat', 'Task tokens are not resources; no resource type.'],
  ['ssm:describeparameters', 'List call; no resource type.'],
  ['sts:getcalleridentity', 'Needs no permission at all; harmless on "*".'],
]);

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;
const REFERENCE_NAME = /(_ARN|_NAME|_PARAMETER|_PARAM|_ID|_IDS|_PATH|_URL|_TTL|_SECONDS|_MS|_ENABLED)$/i;
const REFERENCE_VALUE = /^(arn:|\/|\{\{resolve:|ssm:|secretsmanager:)/;

export function secRules(ctx: RuleContext): void {
  s3(ctx);
  encryption(ctx);
  iam(ctx);
  apiAuthorization(ctx);
  openIngress(ctx);
  secrets(ctx);
  prodProtection(ctx);
}

function s3(ctx: RuleContext): void {
  const buckets = ctx.managedOf('aws_s3_bucket');
  const sse = ctx.companions('aws_s3_bucket_server_side_encryption_configuration', ['bucket'], ['aws_s3_bucket']);
  const pab = ctx.companions('aws_s3_bucket_public_access_block', ['bucket'], ['aws_s3_bucket']);
  const policies = ctx.companions('aws_s3_bucket_policy', ['bucket'], ['aws_s3_bucket']);
  const ownership = ctx.companions('aws_s3_bucket_ownership_controls', ['bucket'], ['aws_s3_bucket']);
  for (const b of buckets) {
    // SEC001
    const sseCfgs = sse.get(b.address) ?? [];
    const cmk = sseCfgs.some((c) =>
      getAll(c.values, ['rule', 'apply_server_side_encryption_by_default']).some((d) => {
        const o = d as Obj;
        const alg = str(o?.sse_algorithm);
        const keySet = isSet(c, ['rule', 'apply_server_side_encryption_by_default', 'kms_master_key_id']);
        return (alg === 'aws:kms' || alg === 'aws:kms:dsse') && keySet;
      }));
    if (!cmk) {
      ctx.emit('SEC001', b.address, sseCfgs.length
        ? `${b.address} is not encrypted with a customer-managed key: set sse_algorithm = "aws:kms" and kms_master_key_id in ${sseCfgs[0]!.address}.`
        : `${b.address} has no aws_s3_bucket_server_side_encryption_configuration: add one with aws:kms and the region's key.`);
    }
    // SEC010
    const blocks = pab.get(b.address) ?? [];
    const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    if (blocks.length === 0) {
      ctx.emit('SEC010', b.address, `${b.address} has no aws_s3_bucket_public_access_block: add one with all four flags true.`);
    } else {
      const off = flags.filter((f) => !blocks.some((p) => p.values[f] === true));
      if (off.length) ctx.emit('SEC010', b.address, `${b.address} public access block leaves ${off.join(', ')} off: set all four flags to true.`);
    }
    // SEC011
    const pols = policies.get(b.address) ?? [];
    if (pols.length === 0) {
      ctx.emit('SEC011', b.address, `${b.address} has no bucket policy: add a TLS-only policy (Deny s3:* when aws:SecureTransport is false).`);
    } else {
      let unknown = false;
      let tls = false;
      for (const p of pols) {
        const found = policyStatements(ctx.index, p);
        if (found.statements === null) {
          unknown = true;
          ctx.emit('SEC019', p.address, `${p.address}: ${found.reason}; the TLS-only check was skipped.`);
        } else if (found.statements.some(isTlsDeny)) tls = true;
      }
      if (!tls && !unknown) ctx.emit('SEC011', b.address, `${b.address} bucket policy does not deny insecure transport: add a Deny statement with Bool aws:SecureTransport = false.`);
    }
    // SEC012
    const own = ownership.get(b.address) ?? [];
    const enforced = own.some((o) => getAll(o.values, ['rule', 'object_ownership']).includes('BucketOwnerEnforced'));
    if (!enforced) {
      ctx.emit('SEC012', b.address, own.length
        ? `${b.address} ownership controls are not BucketOwnerEnforced: set rule { object_ownership = "BucketOwnerEnforced" }.`
        : `${b.address} has no aws_s3_bucket_ownership_controls: add one with BucketOwnerEnforced.`);
    }
  }
}

function isTlsDeny(s: Statement): boolean {
  return s.effect === 'Deny' && s.conditions.some((c) =>
    c.test.toLowerCase() === 'bool' && c.variable.toLowerCase() === 'aws:securetransport' && c.values.map((v) => v.toLowerCase()).includes('false'));
}

function encryption(ctx: RuleContext): void {
  for (const c of ctx.managedOf('aws_rds_cluster')) {
    const encrypted = c.values.storage_encrypted === true;
    if (!encrypted || !isSet(c, ['kms_key_id'])) {
      ctx.emit('SEC002', c.address, !encrypted
        ? `${c.address} has storage_encrypted off: set storage_encrypted = true with the region's database key in kms_key_id.`
        : `${c.address} uses the default RDS key: set kms_key_id to the region's database key.`);
    }
  }
  for (const g of ctx.managedOf('aws_rds_global_cluster')) {
    if (g.values.storage_encrypted !== true && !(g.values.source_db_cluster_identifier)) {
      ctx.emit('SEC002', g.address, `${g.address} has storage_encrypted off: set storage_encrypted = true (members then need kms_key_id).`);
    }
  }
  for (const t of ctx.managedOf('aws_dynamodb_table')) {
    const sse = block(t.values, ['server_side_encryption']);
    if (sse?.enabled !== true || !isSet(t, ['server_side_encryption', 'kms_key_arn'])) {
      ctx.emit('SEC003', t.address, `${t.address} is not encrypted with a customer-managed key: set server_side_encryption { enabled = true, kms_key_arn = <region key> }.`);
    }
    getAll(t.values, ['replica']).forEach((r, i) => {
      const o = r as Obj;
      const unknown = getAll(t.unknown, ['replica'])[i];
      const arnUnknown = !!unknown && typeof unknown === 'object' && !Array.isArray(unknown) && (unknown as Obj).kms_key_arn === true &&
        expressionsAt(t, ['replica', 'kms_key_arn']).length > 0;
      if (!(typeof o?.kms_key_arn === 'string' && o.kms_key_arn) && !arnUnknown) {
        ctx.emit('SEC003', t.address, `${t.address} replica in ${str(o?.region_name) ?? '?'} has no kms_key_arn: give it that region's key.`);
      }
    });
  }
  const simple: [string, string, string, string][] = [
    ['aws_sqs_queue', 'kms_master_key_id', 'SEC004', 'set kms_master_key_id to the region\'s queue key'],
    ['aws_sns_topic', 'kms_master_key_id', 'SEC005', 'set kms_master_key_id to the region\'s key'],
    ['aws_cloudwatch_log_group', 'kms_key_id', 'SEC006', 'set kms_key_id to the region\'s logs key'],
  ];
  for (const [type, attr, rule, fix] of simple) {
    for (const i of ctx.managedOf(type)) {
      if (!isSet(i, [attr])) ctx.emit(rule, i.address, `${i.address} has no ${attr}: ${fix}.`);
    }
  }
  for (const f of ctx.managedOf('aws_lambda_function')) {
    const vars = getAll(f.values, ['environment', 'variables']);
    const hasVars = vars.some((v) => v && typeof v === 'object' && Object.keys(v).length > 0) || getAll(f.unknown, ['environment', 'variables']).includes(true);
    if (hasVars && !isSet(f, ['kms_key_arn'])) {
      ctx.emit('SEC007', f.address, `${f.address} has environment variables but no kms_key_arn: set kms_key_arn to the region's key.`);
    }
  }
  for (const p of ctx.managedOf('aws_ssm_parameter')) {
    if (p.values.type === 'SecureString' && !isSet(p, ['key_id'])) {
      ctx.emit('SEC008', p.address, `${p.address} is a SecureString on the default aws/ssm key: set key_id to the region's key.`);
    }
  }
  for (const k of ctx.managedOf('aws_kms_key')) {
    const spec = str(k.values.customer_master_key_spec) ?? 'SYMMETRIC_DEFAULT';
    if (spec === 'SYMMETRIC_DEFAULT' && k.values.enable_key_rotation !== true) {
      ctx.emit('SEC009', k.address, `${k.address} has key rotation off: set enable_key_rotation = true.`);
    }
  }
}

const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const RESOURCE_POLICY_TYPES = ['aws_s3_bucket_policy', 'aws_sns_topic_policy', 'aws_sqs_queue_policy', 'aws_cloudwatch_event_bus_policy'];

function iam(ctx: RuleContext): void {
  const check = (inst: Instance, identity: boolean, path: string[]) => {
    const found = policyStatements(ctx.index, inst, path);
    if (found.statements === null) {
      if (identity) ctx.emit('SEC019', inst.address, `${inst.address}: ${found.reason}; IAM checks skipped for it.`);
      return;
    }
    for (const s of found.statements) {
      if (s.effect !== 'Allow') continue;
      const wild = s.actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
      if (s.notActions) {
        ctx.emit('SEC013', inst.address, `${inst.address} allows NotAction [${s.actions.join(', ')}]: that grants every other action; list the actions instead.`);
      } else if (wild.length) {
        ctx.emit('SEC013', inst.address, `${inst.address} allows ${wild.map((w) => `"${w}"`).join(', ')}: list the specific actions the principal needs.`);
      }
      if (identity && !s.notActions && s.resources.includes('*')) {
        const scopable = s.actions.filter((a) => !wild.includes(a) && !UNSCOPABLE_ACTIONS.has(a.toLowerCase()));
        if (scopable.length) {
          ctx.emit('SEC014', inst.address, `${inst.address} allows ${scopable.join(', ')} on Resource "*": name the resource ARNs (only unscopable actions may use "*").`);
        }
      }
    }
  };
  for (const i of ctx.managedOf(...IDENTITY_POLICY_TYPES)) check(i, true, ['policy']);
  for (const role of ctx.managedOf('aws_iam_role')) {
    if (getAll(role.values, ['inline_policy', 'policy']).some((p) => typeof p === 'string' && p)) check(role, true, ['inline_policy', 'policy']);
  }
  for (const i of ctx.managedOf(...RESOURCE_POLICY_TYPES)) check(i, false, ['policy']);
}

function apiAuthorization(ctx: RuleContext): void {
  const resourceTypes = typeSet('aws_api_gateway_resource');
  for (const m of ctx.managedOf('aws_api_gateway_method')) {
    if (m.values.authorization !== 'NONE') continue;
    if (m.values.http_method === 'GET') {
      const resources = targetsOf(ctx.index, m, ['resource_id'], resourceTypes);
      const health = resources.some((r) => r.values.path_part === 'health' &&
        (r.values.path === '/health' || referencesAt(r, ['parent_id']).some((ref) => ref.endsWith('.root_resource_id'))));
      if (health) continue;
    }
    ctx.emit('SEC015', m.address, `${m.address} (${str(m.values.http_method) ?? '?'}) has authorization NONE: use AWS_IAM; only GET /health may be open.`);
  }
}

function openIngress(ctx: RuleContext): void {
  const open = (v: unknown) => v === '0.0.0.0/0' || v === '::/0';
  for (const sg of ctx.managedOf('aws_security_group')) {
    for (const ingress of getAll(sg.values, ['ingress'])) {
      const o = ingress as Obj;
      const cidrs = [...getAll(o, ['cidr_blocks']), ...getAll(o, ['ipv6_cidr_blocks'])].filter(open);
      if (cidrs.length) ctx.emit('SEC016', sg.address, `${sg.address} allows ingress from ${cidrs.join(', ')} on ports ${o.from_port}-${o.to_port}: allow a source security group instead.`);
    }
  }
  for (const r of ctx.managedOf('aws_security_group_rule')) {
    if (r.values.type !== 'ingress') continue;
    const cidrs = [...getAll(r.values, ['cidr_blocks']), ...getAll(r.values, ['ipv6_cidr_blocks'])].filter(open);
    if (cidrs.length) ctx.emit('SEC016', r.address, `${r.address} allows ingress from ${cidrs.join(', ')}: use source_security_group_id instead.`);
  }
  for (const r of ctx.managedOf('aws_vpc_security_group_ingress_rule')) {
    const cidrs = [r.values.cidr_ipv4, r.values.cidr_ipv6].filter(open);
    if (cidrs.length) ctx.emit('SEC016', r.address, `${r.address} allows ingress from ${cidrs.join(', ')}: use referenced_security_group_id instead.`);
  }
}

function secrets(ctx: RuleContext): void {
  for (const inst of ctx.index.managed) {
    const pw = inst.values.master_password;
    if ((typeof pw === 'string' && pw !== '') || (getAll(inst.unknown, ['master_password']).includes(true) && expressionsAt(inst, ['master_password']).length > 0)) {
      ctx.emit('SEC017', inst.address, `${inst.address} sets master_password, which is stored in plan and state: use master_password_wo with master_password_wo_version from an ephemeral input.`);
    }
  }
  for (const f of ctx.managedOf('aws_lambda_function')) {
    for (const vars of getAll(f.values, ['environment', 'variables'])) {
      if (!vars || typeof vars !== 'object' || Array.isArray(vars)) continue;
      for (const [name, value] of Object.entries(vars)) {
        if (typeof value !== 'string' || value === '') continue;
        const secretName = SECRET_NAME.test(name) && !REFERENCE_NAME.test(name) && !REFERENCE_VALUE.test(value);
        const accessKey = /\bAKIA[0-9A-Z]{16}\b/.test(value);
        if (secretName || accessKey) {
          ctx.emit('SEC017', f.address, `${f.address}${inRegion(f)} environment variable ${name} holds a literal secret: pass a Secrets Manager or SecureString name and read it at run time.`);
        }
      }
    }
  }
  for (const p of ctx.managedOf('aws_ssm_parameter')) {
    const name = str(p.values.name) ?? p.name;
    const last = name.split('/').pop() ?? name;
    if (p.values.type === 'String' && SECRET_NAME.test(last)) {
      ctx.emit('SEC017', p.address, `${p.address} stores ${name} as a plain String: use type SecureString with the region's key.`);
    }
  }
}

function prodProtection(ctx: RuleContext): void {
  if (ctx.index.variables.environment !== 'prod') return;
  for (const c of ctx.managedOf('aws_rds_cluster')) {
    if (c.values.deletion_protection !== true) ctx.emit('SEC018', c.address, `${c.address} has deletion_protection off in prod: set it from the environment input.`);
    const days = c.values.backup_retention_period;
    if (typeof days !== 'number' || days < 7) ctx.emit('SEC018', c.address, `${c.address} keeps backups ${typeof days === 'number' ? `${days} day(s)` : 'for the default 1 day'} in prod: set backup_retention_period >= 7.`);
  }
  for (const g of ctx.managedOf('aws_rds_global_cluster')) {
    if (g.values.deletion_protection !== true) ctx.emit('SEC018', g.address, `${g.address} has deletion_protection off in prod: set deletion_protection = true.`);
  }
  for (const t of ctx.managedOf('aws_dynamodb_table')) {
    if (t.values.deletion_protection_enabled !== true) ctx.emit('SEC018', t.address, `${t.address} has deletion_protection_enabled off in prod: set it to true.`);
  }
}
