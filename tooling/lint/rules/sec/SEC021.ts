import type { ConfigExpression, Instance } from '../../plan/index.ts';
import type { Statement } from '../../plan/policy.ts';
import type { RuleContext } from '../../plan/context.ts';
import { refList, resolveExpression, resolveReferences, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { conditionValues } from './conditions.ts';
import { covers, statementsOf } from './policies.ts';

const QUEUES = typeSet('aws_sqs_queue');
const ROLES = typeSet('aws_iam_role');
/** Conditions that exempt principals from a Deny. Anything else in the statement narrows when it applies. */
const EXEMPTION = /^(arnnotequals|arnnotlike|stringnotequals|stringnotlike)(ifexists)?$/i;
// SendMessageBatch is authorised as sqs:SendMessage
// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
const SEND = 'sqs:SendMessage';

interface TradeQueue {
  queue: Instance;
  integrations: Instance[];
  roles: Instance[];
  /** Role ARNs the integrations name literally. */
  roleArns: string[];
}

/** The queue an AWS integration sends to: `arn:aws:apigateway:<region>:sqs:path/<account>/<queue name>`. */
function queuesOf(ctx: RuleContext, integration: Instance): Instance[] {
  const uri = integration.values.uri;
  if (typeof uri === 'string') {
    const m = /:sqs:path\/[^/]+\/([^/?]+)/.exec(uri);
    if (!m) return [];
    const named = ctx.managedOf('aws_sqs_queue').filter((q) => q.values.name === m[1]);
    const local = named.filter((q) => q.region === integration.region);
    return local.length ? local : named;
  }
  return resolveReferences(ctx.index, integration, ['uri'], QUEUES);
}

/** Queues that an API Gateway AWS-service integration sends to, with the roles it sends as. */
function tradeQueues(ctx: RuleContext): TradeQueue[] {
  const byQueue = new Map<string, TradeQueue>();
  for (const integration of ctx.managedOf('aws_api_gateway_integration')) {
    if (integration.values.type !== 'AWS') continue;
    const queues = queuesOf(ctx, integration);
    if (!queues.length) continue;
    const roles = targetsOf(ctx.index, integration, ['credentials'], ROLES);
    const arn = integration.values.credentials;
    for (const queue of queues) {
      const entry = byQueue.get(queue.address) ?? { queue, integrations: [], roles: [], roleArns: [] };
      entry.integrations.push(integration);
      for (const r of roles) if (!entry.roles.includes(r)) entry.roles.push(r);
      if (typeof arn === 'string' && !entry.roleArns.includes(arn)) entry.roleArns.push(arn);
      byQueue.set(queue.address, entry);
    }
  }
  return [...byQueue.values()];
}

/**
 * aws_sqs_queue_policy instances per queue. A policy of a for_each over several queues
 * (`queue_url = each.value`) is matched to the queue its key names, else to every queue of the map.
 */
function queuePolicies(ctx: RuleContext): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  const add = (queue: Instance, policy: Instance) => out.set(queue.address, [...(out.get(queue.address) ?? []), policy]);
  for (const policy of ctx.managedOf('aws_sqs_queue_policy')) {
    let queues = targetsOf(ctx.index, policy, ['queue_url'], QUEUES);
    if (!queues.length && refList(policy.config?.expressions?.queue_url as ConfigExpression | undefined).some((r) => r.startsWith('each.'))) {
      const candidates = resolveExpression(ctx.index, policy, policy.config?.for_each_expression, QUEUES);
      const named = candidates.filter((q) => q.name === policy.key);
      queues = named.length ? named : candidates;
    }
    for (const q of queues) add(q, policy);
  }
  return out;
}

const roleLabel = (t: TradeQueue) => {
  const names = t.roles.map((r) => (typeof r.values.name === 'string' ? r.values.name : r.address));
  return (names.length ? names : t.roleArns).join(', ') || 'the integration role';
};

/** Does one exemption value name the API's integration role? */
function namesRole(value: string, t: TradeQueue): boolean {
  if (t.roleArns.includes(value)) return true;
  return t.roles.some((r) => {
    if (r.values.arn === value) return true;
    const name = r.values.name;
    const path = typeof r.values.path === 'string' ? r.values.path : '/';
    return typeof name === 'string' && new RegExp(`^arn:aws[a-z-]*:iam::\\d{12}:role${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${name}$`).test(value);
  });
}

/** Why statement `s` is not the guard, or null when it denies SendMessage to everyone but the API's role. */
function notTheGuard(ctx: RuleContext, s: Statement, t: TradeQueue): string | null {
  if (s.effect !== 'Deny' || !covers(s, SEND)) return `it does not deny ${SEND}`;
  if (!s.principals.includes('*')) return 'its Deny is not for principal "*"';
  const queueArn = t.queue.values.arn;
  const resources = s.resources;
  if (typeof queueArn === 'string' && resources.length && resources.every((r) => r !== null && r !== '*' && r !== queueArn)) return 'its Deny names other resources than this queue';
  if (!s.conditions.length) return 'its Deny has no aws:PrincipalArn exemption, so it refuses the API too';
  for (const c of s.conditions) {
    if (!EXEMPTION.test(c.test) || c.variable.toLowerCase() !== 'aws:principalarn') return `its Deny applies only when ${c.test} ${c.variable} ${JSON.stringify(c.values)}, so other requests are not refused`;
    const v = conditionValues(ctx, s, c, ROLES);
    const strangers = v.known.filter((value) => !namesRole(value, t));
    if (strangers.length) return `its Deny also exempts ${strangers.join(', ')}`;
    const otherRoles = v.targets.filter((r) => !t.roles.includes(r));
    if (otherRoles.length) return `its Deny also exempts ${otherRoles.map((r) => r.address).join(', ')}`;
    if (v.unknown && v.traced && !v.targets.length && !v.known.length) return 'its exemption references no role of this plan';
  }
  return null;
}

export const SEC021 = defineRule({
  id: 'SEC021', family: 'SEC', target: 'plan', severity: 'high', title: 'Trade queue accepts orders only from the API',
  checks: 'A queue that an API Gateway AWS integration sends to (its uri is an `sqs:path/...` of the queue) has a queue policy (aws_sqs_queue_policy or the queue\'s own policy) with a Deny of sqs:SendMessage for principal "*" whose only conditions exempt the integration\'s credentials role by aws:PrincipalArn (ArnNotEquals, ArnNotLike, StringNotEquals or StringNotLike, IfExists allowed). A Deny with another condition, or exempting another principal, is too narrow. An exemption value unknown at plan time must reference the integration\'s role; one that the plan does not trace (a dynamic statement) is accepted, the module\'s own tests check it.',
  why: 'An order has to pass POST /trades: its request model, its client-certificate guard and the 503 of a passive region (design §3). Any principal holding sqs:SendMessage in IAM could otherwise inject an order straight into the queue, with no validation and into a region that is not serving. An explicit Deny in the queue policy beats every IAM Allow.',
  fix: 'Add to the queue policy a Deny of sqs:SendMessage for principal "*" with ArnNotEquals aws:PrincipalArn = the integration role\'s ARN (modules/regional-stack/queues.tf, DenySendExceptApiIntegrationRole).',
  equivalents: ['Checkov CKV_AWS_72 (SQS policy without wildcard actions; not who may send)', 'Trivy AVD-AWS-0097 (same)'],
  notes: ['Severity high: the injection needs only an IAM grant that is common in an account (sqs:* for operators or other workloads), and an order that skips the API is executed as a real trade.'],
  check(ctx) {
    const policies = queuePolicies(ctx);
    for (const t of tradeQueues(ctx)) {
      const q = t.queue;
      const holders: { inst: Instance; path: string[] }[] = (policies.get(q.address) ?? []).map((inst) => ({ inst, path: ['policy'] }));
      if (typeof q.values.policy === 'string' || q.config?.expressions?.policy) holders.push({ inst: q, path: ['policy'] });
      const guard = `deny ${SEND} to "*" unless aws:PrincipalArn is the integration role (${roleLabel(t)})`;
      if (!holders.length) {
        ctx.emit(SEC021, q.address, `${q.address} is sent to by ${t.integrations.map((i) => i.address).join(', ')} but has no queue policy: add one that must ${guard}.`);
        continue;
      }
      const found = holders.map((h) => statementsOf(ctx, h.inst, h.path).statements);
      // A policy unknown at plan time gives no verdict (SEC019's rule).
      if (found.some((s) => s === null)) continue;
      const statements = found.flat() as Statement[];
      const reasons = statements.map((s) => notTheGuard(ctx, s, t));
      if (reasons.includes(null)) continue;
      const denies = statements.map((s, i) => ({ s, why: reasons[i]! })).filter(({ s }) => s.effect === 'Deny' && covers(s, SEND));
      const why = denies.length ? denies.map((d) => d.why).join('; ') : `no statement denies ${SEND}`;
      ctx.emit(SEC021, q.address, `${q.address} queue policy lets principals other than the API send orders (${why}): ${guard}.`);
    }
  },
});
