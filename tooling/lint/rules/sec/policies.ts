// The IAM and resource policies of a plan and their statements (SEC011, SEC013, SEC014, SEC019), each
// policy read once per run.
import type { Instance } from '../../plan/index.ts';
import type { RuleContext } from '../../plan/context.ts';
import { policyStatements, type PolicyLookup, type Statement } from '../../plan/policy.ts';
import { getAll } from '../../plan/index.ts';

const IDENTITY_POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];
const RESOURCE_POLICY_TYPES = ['aws_s3_bucket_policy', 'aws_sns_topic_policy', 'aws_sqs_queue_policy', 'aws_cloudwatch_event_bus_policy'];

/** Statements of `inst`'s policy attribute at `path`, or why they are unknown; memoised per run. */
export function statementsOf(ctx: RuleContext, inst: Instance, path: string[] = ['policy']): PolicyLookup {
  const cache = ctx.memo(statementsOf, () => new Map<string, PolicyLookup>());
  const key = `${inst.address}|${path.join('.')}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = policyStatements(ctx.index, inst, path)));
  return found;
}

export interface PolicyHolder {
  inst: Instance;
  /** An identity policy (what a principal may do) rather than a resource policy. */
  identity: boolean;
  path: string[];
}

/** Identity policies (role, user, group, managed and inline role policies) and resource policies. */
export function policyHolders(ctx: RuleContext): PolicyHolder[] {
  return ctx.memo(policyHolders, () => {
    const out: PolicyHolder[] = [];
    for (const inst of ctx.managedOf(...IDENTITY_POLICY_TYPES)) out.push({ inst, identity: true, path: ['policy'] });
    for (const role of ctx.managedOf('aws_iam_role')) {
      if (getAll(role.values, ['inline_policy', 'policy']).some((p) => typeof p === 'string' && p)) out.push({ inst: role, identity: true, path: ['inline_policy', 'policy'] });
    }
    for (const inst of ctx.managedOf(...RESOURCE_POLICY_TYPES)) out.push({ inst, identity: false, path: ['policy'] });
    return out;
  });
}

/** Allow statements with wildcard actions: "*" or a whole service ("svc:*"). */
export function wildcardActions(actions: string[]): string[] {
  return actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
}

/** IAM action matching: `pattern` may hold `*` wildcards; case-insensitive, as IAM compares actions. */
export function actionMatches(pattern: string, action: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(action);
}

/** True when the statement applies to `action` (through Action, or by leaving it out of NotAction). */
export function covers(s: Statement, action: string): boolean {
  return s.notActions ? !s.actions.some((a) => actionMatches(a, action)) : s.actions.some((a) => actionMatches(a, action));
}
