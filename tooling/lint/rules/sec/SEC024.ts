import { getAll, type Instance, type Json, type Obj } from '../../plan/index.ts';
import { targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const STAGES = typeSet('aws_api_gateway_stage');
const ACLS = typeSet('aws_wafv2_web_acl');

interface AclRule {
  managedByAws: boolean;
  rateBased: boolean;
  /** The rule only counts (override_action count, or action count): it blocks nothing. */
  counting: boolean;
}

const has = (v: Json | undefined, path: string[]) => getAll(v, path).some((x) => x !== null && typeof x === 'object');

/** The ACL's rules from its `rule` blocks, or from `rule_json` (the WAFV2 API's Rules shape) when known. */
function rulesOf(acl: Instance): AclRule[] {
  const out: AclRule[] = getAll(acl.values, ['rule']).filter((r): r is Obj => !!r && typeof r === 'object' && !Array.isArray(r)).map((r) => ({
    managedByAws: getAll(r, ['statement', 'managed_rule_group_statement', 'vendor_name']).includes('AWS'),
    rateBased: has(r, ['statement', 'rate_based_statement']),
    counting: has(r, ['override_action', 'count']) || has(r, ['action', 'count']),
  }));
  const json = acl.values.rule_json;
  if (typeof json === 'string' && json.trim()) {
    try {
      const rules = JSON.parse(json) as unknown;
      for (const r of Array.isArray(rules) ? rules : []) {
        const rule = r as Record<string, any>;
        out.push({
          managedByAws: rule?.Statement?.ManagedRuleGroupStatement?.VendorName === 'AWS',
          rateBased: !!rule?.Statement?.RateBasedStatement,
          counting: !!rule?.OverrideAction?.Count || !!rule?.Action?.Count,
        });
      }
    } catch {
      // Not JSON: the provider refuses it at plan time; nothing to read.
    }
  }
  return out;
}

/** What the ACL lacks of the protection SEC024 asks for (empty when it has it all). */
function gaps(acl: Instance): string[] {
  const out: string[] = [];
  if (acl.values.scope !== 'REGIONAL') out.push(`scope ${String(acl.values.scope ?? 'unset')} instead of REGIONAL`);
  const rules = rulesOf(acl);
  if (!rules.some((r) => r.managedByAws && !r.counting)) out.push('an AWS managed rule group (vendor_name "AWS", override_action none)');
  if (!rules.some((r) => r.rateBased && !r.counting)) out.push('a rate-based rule that blocks');
  return out;
}

export const SEC024 = defineRule({
  id: 'SEC024', family: 'SEC', target: 'plan', severity: 'medium', title: 'API stages behind a regional WAF web ACL',
  checks: 'Every aws_api_gateway_stage is the resource_arn of an aws_wafv2_web_acl_association (by known ARN, or, unknown at plan time, by the configuration reference to the stage) whose web ACL has scope REGIONAL, at least one rule with an AWS managed rule group (vendor_name "AWS") that is not overridden to count, and a rate-based rule whose action is not count. Rules are read from `rule` blocks and from `rule_json`. An association with a web ACL that is not in the plan cannot be checked and is not reported.',
  why: 'The API is on the internet in both regions. Mutual TLS keeps unauthenticated orders out of the queue, but every request still costs a TLS handshake, a template evaluation and the stage\'s throttle budget, which legitimate clients share: a flood from a few addresses can use up that budget and reject real orders with 429 in the serving region. A rate-based rule stops such a source at the edge of the region; AWS managed rules drop known exploit and bad-input patterns before they reach API Gateway.',
  fix: 'Associate the stage with a REGIONAL aws_wafv2_web_acl (aws_wafv2_web_acl_association, resource_arn = the stage\'s arn) that has an AWS managed rule group (e.g. AWSManagedRulesCommonRuleSet, AWSManagedRulesKnownBadInputsRuleSet) and a rate_based_statement rule with action block (modules/regional-stack/waf.tf).',
  equivalents: ['Checkov CKV2_AWS_29 (a web ACL association only)', 'AWS Security Hub APIGateway.4 (same)'],
  notes: [
    'Severity medium: mutual TLS already keeps unauthenticated requests from queueing orders; what is lost without WAF is availability under a flood and early filtering.',
    'Web ACLs for REST API stages: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html (a regional web ACL, associated with the stage ARN).'],
  check(ctx) {
    const byStage = new Map<string, Instance[]>();
    for (const a of ctx.managedOf('aws_wafv2_web_acl_association')) {
      for (const stage of targetsOf(ctx.index, a, ['resource_arn'], STAGES)) byStage.set(stage.address, [...(byStage.get(stage.address) ?? []), a]);
    }
    for (const stage of ctx.managedOf('aws_api_gateway_stage')) {
      const associations = byStage.get(stage.address) ?? [];
      if (!associations.length) {
        ctx.emit(SEC024, stage.address, `${stage.address} is associated with no WAF web ACL: add an aws_wafv2_web_acl_association of the stage with a REGIONAL web ACL that has an AWS managed rule group and a rate-based rule.`);
        continue;
      }
      const acls = associations.flatMap((a) => targetsOf(ctx.index, a, ['web_acl_arn'], ACLS));
      // A web ACL from outside the plan (e.g. Firewall Manager's) cannot be read here.
      if (!acls.length) continue;
      const verdicts = acls.map((acl) => ({ acl, gaps: gaps(acl) }));
      if (verdicts.some((v) => v.gaps.length === 0)) continue;
      const detail = verdicts.map((v) => `${v.acl.address} lacks ${v.gaps.join(' and ')}`).join('; ');
      ctx.emit(SEC024, stage.address, `${stage.address} is behind a web ACL that does not protect it (${detail}): give the ACL an AWS managed rule group and a blocking rate-based rule, scope REGIONAL.`);
    }
  },
});
