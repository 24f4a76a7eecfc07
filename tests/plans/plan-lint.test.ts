// plan-lint over the three environment plans at --fail-on low: clean, or every remaining finding carries
// a justified, unexpired suppression in lint-suppressions.json.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../tooling/lint/engine.ts';
import { formatBudgetLines } from '../../tooling/lint/format/human.ts';
import { readSuppressions } from '../../tooling/lint/suppressions.ts';
import { severityRank } from '../../tooling/lint/types.ts';
import { ENVIRONMENTS, planPaths } from '../../tooling/terraform/workspace.ts';
import { loadPlan } from './load.ts';
import { repoRoot } from '../../tooling/core/paths.ts';

const suppressionsFile = join(repoRoot, 'lint-suppressions.json');
const suppressions = readSuppressions(suppressionsFile);

describe.each(ENVIRONMENTS)('plan-lint %s', (env) => {
  const report = lintPlan(loadPlan(env), {
    input: planPaths(env).json,
    failOn: 'low',
    suppressions,
    suppressionsFile: 'lint-suppressions.json',
  });

  it('has no finding at or above low that is not suppressed with a reason', () => {
    const failing = report.findings
      .filter((f) => severityRank(f.severity) >= severityRank('low'))
      .map((f) => `${f.rule} ${f.address}: ${f.message}`);
    expect(failing).toEqual([]);
  });

  it('computes an RTO budget within the declared rto_budget_seconds', () => {
    expect(report.budget, 'the plan has no failover records or state machines to budget').not.toBeNull();
    expect(report.budget!.budgetSeconds).toBeGreaterThan(0);
    expect(report.budget!.withinBudget, formatBudgetLines(report.budget!).join('\n')).toBe(true);
  });
});

// DR016 must reach a verdict on the real composition: the regional stacks take their keys through a
// module input wired from a global-data output, and that chain has to lead to the key resources.
describe('plan-lint DR016 on the dev composition', () => {
  const S = 'module.region_secondary';
  const dr016 = (doc: unknown) =>
    lintPlan(doc, { input: 'dev.json' }).findings.filter((f) => f.rule === 'DR016').map((f) => f.address).sort();

  it('reports no cross-region key on the plan as composed', () => {
    expect(dr016(loadPlan('dev'))).toEqual([]);
  });

  it('reports every secondary-stack resource once the secondary is wired to the primary keys', () => {
    const doc = structuredClone(loadPlan('dev')) as Record<string, any>;
    const calls = doc.configuration.root_module.module_calls;
    // The one change: the secondary stack gets exactly the expression the primary stack uses.
    calls.region_secondary.expressions.kms_key_arns = structuredClone(calls.region_primary.expressions.kms_key_arns);
    const found = dr016(doc);
    expect(found).toEqual(expect.arrayContaining([
      `${S}.aws_sqs_queue.trade_orders`,
      `${S}.aws_sqs_queue.dead_letter`,
      `${S}.aws_cloudwatch_log_group.api_access`,
      `${S}.aws_cloudwatch_log_group.function["trade_processor"]`,
      `${S}.aws_lambda_function.trade_processor`,
      `${S}.aws_rds_cluster.this`,
    ]));
    // Exactly the secondary's managed resources whose key attributes come from var.kms_key_arns.
    const own = (calls.region_secondary.module.resources as Record<string, any>[])
      .filter((r) => r.mode === 'managed' && Object.values(r.expressions ?? {}).some((e: any) =>
        (e?.references ?? []).some((ref: unknown) => typeof ref === 'string' && ref.startsWith('var.kms_key_arns'))))
      .map((r) => `${S}.${r.address}`);
    const expected = (doc.resource_changes as Record<string, any>[])
      .filter((rc) => own.includes(rc.address.replace(/\[[^\]]*\]$/, '')))
      .map((rc) => rc.address as string);
    expect(expected.length).toBeGreaterThanOrEqual(12);
    expect(found).toEqual([...new Set(expected)].sort());
  });
});

// The same proof for the orchestrator, which takes one key input per region: wiring the secondary's
// input to the primary's key output must make DR016 name exactly the secondary's encrypted resources.
describe('plan-lint DR016 on the failover orchestrator in the dev composition', () => {
  const F = 'module.failover';
  const dr016 = (doc: unknown) =>
    lintPlan(doc, { input: 'dev.json' }).findings.filter((f) => f.rule === 'DR016').map((f) => f.address).sort();
  // Planned addresses of the orchestrator's managed resources whose attributes reference the variable,
  // in the orchestrator itself or in its per-region modules (through the inputs the variable feeds).
  const usersOf = (doc: Record<string, any>, variable: string) => {
    const own: string[] = [];
    const walk = (mod: Record<string, any>, prefix: string, vars: string[]) => {
      const uses = (e: any) => (e?.references ?? []).some((ref: unknown) => typeof ref === 'string' && vars.some((v) => ref === v || ref.startsWith(`${v}.`)));
      for (const r of (mod.resources ?? []) as Record<string, any>[]) {
        if (r.mode === 'managed' && Object.values(r.expressions ?? {}).some(uses)) own.push(`${prefix}${r.address}`);
      }
      for (const [name, call] of Object.entries((mod.module_calls ?? {}) as Record<string, any>)) {
        walk(call.module, `${prefix}module.${name}.`, Object.entries(call.expressions ?? {}).filter(([, e]) => uses(e)).map(([input]) => `var.${input}`));
      }
    };
    walk(doc.configuration.root_module.module_calls.failover.module, `${F}.`, [variable]);
    return [...new Set((doc.resource_changes as Record<string, any>[])
      .map((rc) => rc.address as string)
      .filter((address) => own.includes(address.replace(/\[[^\]]*\]$/, ''))))].sort();
  };

  it('reports no cross-region key in the orchestrator as composed', () => {
    expect(dr016(loadPlan('dev')).filter((a) => a.startsWith(`${F}.`))).toEqual([]);
  });

  it('reports every secondary-region resource once the secondary key input is wired to the primary key', () => {
    const doc = structuredClone(loadPlan('dev')) as Record<string, any>;
    const call = doc.configuration.root_module.module_calls.failover;
    // The one change: the secondary key input gets exactly the expression of the primary key input.
    call.expressions.secondary_kms_key_arn = structuredClone(call.expressions.primary_kms_key_arn);
    const found = dr016(doc);
    expect(found).toEqual(expect.arrayContaining([
      `${F}.module.secondary.aws_cloudwatch_log_group.state_machine`,
      `${F}.module.secondary.aws_cloudwatch_log_group.region_fence`,
      `${F}.module.secondary.aws_lambda_function.region_fence`,
      `${F}.module.secondary.aws_sns_topic.operations`,
      `${F}.module.secondary.aws_sqs_queue.events_dlq`,
    ]));
    const expected = usersOf(doc, 'var.secondary_kms_key_arn');
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(found).toEqual(expected);
  });

  it('reports every primary-region resource once the primary key input is wired to the secondary key', () => {
    const doc = structuredClone(loadPlan('dev')) as Record<string, any>;
    const call = doc.configuration.root_module.module_calls.failover;
    call.expressions.primary_kms_key_arn = structuredClone(call.expressions.secondary_kms_key_arn);
    const found = dr016(doc);
    expect(found).toContain(`${F}.module.primary.aws_sns_topic.operations`);
    const expected = usersOf(doc, 'var.primary_kms_key_arn');
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(found).toEqual(expected);
  });
});
