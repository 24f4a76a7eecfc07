// The lifecycle mode of `npm run --silent drill`: which scenarios to run, with which figures, and how
// to print them. Bad input is a UserError (one line, exit 2); the exit code is 1 when any invariant is
// violated, 0 when all hold.
import { basename } from 'node:path';
import { UserError } from '../../core/errors.ts';
import { lifecycleFigures } from './figures.ts';
import { compareWithKnownFailures, loadKnownFailures, type KnownFailure } from './known-failures.ts';
import { figuresTable, formatHuman, formatMarkdown, toJson } from './report.ts';
import { checkRegions, loadScenarioFile, shippedScenarioFiles, type Scenario } from './scenario.ts';
import { runLifecycle, type LifecycleResult } from './simulate.ts';
import { LIFECYCLE_TIMING } from './timing.ts';

export type Format = 'human' | 'json' | 'markdown';

export interface LifecycleRequest {
  /** A scenario file given on the command line, or shipped scenarios (by name; empty: all). */
  file?: string;
  names: string[];
  /** Overrides every scenario's env. */
  env?: string;
  format: Format;
  timing: boolean;
}

export function shippedScenarios(): Scenario[] {
  return shippedScenarioFiles().map((f) => loadScenarioFile(f));
}

/** Runs one scenario with its figures (the env's plan or tfvars, or the module defaults). */
export async function runScenarioFile(scenario: Scenario, envOverride?: string): Promise<LifecycleResult> {
  const figures = await lifecycleFigures(envOverride ?? scenario.env ?? null);
  checkRegions(scenario, [figures.regions.primary, figures.regions.secondary]);
  return runLifecycle(scenario, figures);
}

export async function runLifecycleCli(req: LifecycleRequest, print: (s: string) => void): Promise<number> {
  let scenarios: Scenario[];
  if (req.file !== undefined) {
    scenarios = [loadScenarioFile(req.file)];
  } else {
    const shipped = shippedScenarios();
    scenarios = shipped;
    if (req.names.length) {
      scenarios = req.names.map((name) => {
        const s = shipped.find((x) => x.name === name);
        if (!s) throw new UserError(`Unknown lifecycle scenario "${name}": choose one of ${shipped.map((x) => x.name).join(', ')}, or give --scenario-file <file>.`);
        return s;
      });
    }
  }
  // Figures and regions are checked for every scenario before the first one runs.
  for (const s of scenarios) {
    const figures = await lifecycleFigures(req.env ?? s.env ?? null);
    checkRegions(s, [figures.regions.primary, figures.regions.secondary]);
  }
  const known: KnownFailure[] = req.file === undefined ? loadKnownFailures() : [];
  if (req.format === 'human') {
    print(`Lifecycle drill: ${scenarios.length} scenario(s)${req.file ? ` from ${basename(req.file)}` : ''}\n`);
    if (req.timing) print(`${timingTable()}\n`);
  }
  if (req.format === 'markdown') print('## Lifecycle drill\n');
  let violated = 0;
  const results: LifecycleResult[] = [];
  for (const s of scenarios) {
    const result = await runScenarioFile(s, req.env);
    results.push(result);
    if (!result.ok) violated++;
    if (req.format === 'json') print(JSON.stringify(toJson(result)));
    else if (req.format === 'markdown') print(`${formatMarkdown(result, known)}\n`);
    else print(`${formatHuman(result, known)}\n`);
  }
  if (req.format === 'markdown' && results.length > 1) print(`### Figures\n\n\`\`\`\n${figuresTable(results)}\n\`\`\`\n`);
  if (req.format === 'human') {
    print(`${figuresTable(results)}\n`);
    print(`${scenarios.length - violated}/${scenarios.length} scenarios hold every invariant.`);
    if (known.length) {
      const c = compareWithKnownFailures(results.map((r) => ({ scenario: r.scenario.name, invariants: r.invariants })), known);
      print(`Known failures (tooling/drill/scenarios/known-failures.json): ${known.length - c.unmatched.length} listed for these scenarios; ${c.unexpected.length} violation(s) not listed; ${c.nowHolding.length} listed but now holding.`);
      for (const u of c.unexpected) print(`  not listed: ${u.scenario} / ${u.invariant}`);
      for (const h of c.nowHolding) print(`  now holds, remove it from the list: ${h.scenario} / ${h.invariant} (issue ${h.issue})`);
    }
  }
  return violated ? 1 : 0;
}

function timingTable(): string {
  const rows = Object.entries(LIFECYCLE_TIMING).map(([k, t]) => `  ${k.padEnd(28)} ${String(t.seconds).padStart(6)} s  ${t.source}`);
  return ['Lifecycle timing (simulated seconds, with sources):', ...rows].join('\n');
}
