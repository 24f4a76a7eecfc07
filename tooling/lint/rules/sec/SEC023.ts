import type { Instance } from '../../plan/index.ts';
import { attrState } from '../../plan/index.ts';
import type { Statement } from '../../plan/policy.ts';
import type { RuleContext } from '../../plan/context.ts';
import { resolveReferences, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';
import { statementsOf } from './policies.ts';

const DOCS = typeSet('data.aws_iam_policy_document');
/** Endpoint types that take a policy (a Gateway Load Balancer endpoint has none). */
const WITH_POLICY = new Set(['Gateway', 'Interface']);

/** "*" or every action of one service: through an endpoint of that service, the same thing. */
const everyAction = (s: Statement) => s.notActions || s.actions.some((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));

/** An unconditional Allow of every action to every principal: the full-access default's meaning. */
const fullAccess = (s: Statement) => s.effect === 'Allow' && s.principals.includes('*') && everyAction(s) && s.conditions.length === 0;

/**
 * 'default' when the endpoint leaves the policy to AWS; else its statements, or null when unknowable. A
 * policy unknown at plan time whose referenced documents are all known did not take them (a conditional
 * that chose null), so it is the default too.
 */
function endpointPolicy(ctx: RuleContext, e: Instance): Statement[] | 'default' | null {
  const state = attrState(e, ['policy']);
  if (state === 'known') return statementsOf(ctx, e).statements;
  const configured = e.config?.expressions?.policy !== undefined;
  if (state === 'null') return 'default';
  // Unknown (or absent from a partial plan) and not in the configuration: the provider's computed default.
  if (!configured) return e.config ? 'default' : null;
  if (state === 'absent') return null;
  const docs = resolveReferences(ctx.index, e, ['policy'], DOCS);
  if (docs.length && docs.every((d) => typeof d.values.json === 'string' && d.values.json !== '')) return 'default';
  return statementsOf(ctx, e).statements;
}

export const SEC023 = defineRule({
  id: 'SEC023', family: 'SEC', target: 'plan', severity: 'medium', title: 'VPC endpoints carry a restrictive policy',
  checks: 'Every Gateway or Interface aws_vpc_endpoint sets `policy`, and no statement of it is an unconditional Allow of "*" (or of every action of a service, or a NotAction) for principal "*". An Allow of every action narrowed by a condition (aws:PrincipalAccount, aws:ResourceAccount, aws:PrincipalOrgID) is a data perimeter, not full access, and passes.',
  why: 'Without a policy AWS attaches full access: any principal may call any action on any resource through the endpoint, so a compromised function can copy trades and audit records to another account\'s bucket or queue over the private network, where no NAT or egress filter sees it.',
  fix: 'Set the endpoint\'s policy to the actions the in-VPC functions call on this stack\'s resources, for principals and resources of this account (modules/regional-stack/network.tf, data.aws_iam_policy_document.endpoint).',
  equivalents: [],
  notes: [
    'Severity medium: the endpoint only widens what a principal already inside the VPC can do; it is the exfiltration path after a function is compromised, not a way in.',
    'Endpoint policies: https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html (the default policy allows full access).'],
  check(ctx) {
    for (const e of ctx.managedOf('aws_vpc_endpoint')) {
      const type = typeof e.values.vpc_endpoint_type === 'string' ? e.values.vpc_endpoint_type : 'Gateway';
      if (!WITH_POLICY.has(type)) continue;
      const service = typeof e.values.service_name === 'string' ? ` (${e.values.service_name})` : '';
      const policy = endpointPolicy(ctx, e);
      if (policy === 'default') {
        ctx.emit(SEC023, e.address, `${e.address}${service} has no policy, so AWS's default allows every action on every resource to every principal: set policy to the calls this VPC makes, for this account's principals and resources.`);
        continue;
      }
      // A policy unknown at plan time gives no verdict (SEC019's rule).
      if (!policy) continue;
      if (policy.some(fullAccess)) {
        ctx.emit(SEC023, e.address, `${e.address}${service} policy allows every action to principal "*" with no condition (full access): list the actions and resources this VPC uses, or add an aws:PrincipalAccount / aws:ResourceAccount condition.`);
      }
    }
  },
});
