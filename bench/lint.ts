#!/usr/bin/env -S npx tsx
// npm run bench:lint: plan-lint time on synthetic plans of 1,000 and 10,000 resources, next to the time
// to merely JSON.parse the same file. The synthetic plans replicate the regional stacks of a real plan
// (build/plans/dev.json when it exists, else the good fixture) under new module instances, so every
// rule, reference and companion lookup does real work. Target: 10,000 resources < 2 s and < 5x parse.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lintPlan } from '../tooling/lint/engine.ts';
import { readPlanFile } from '../tooling/lint/plan/load.ts';
import { repoRoot } from '../tooling/core/paths.ts';
import { moduleSteps, splitAddress } from '../tooling/terraform/address.ts';

type Doc = Record<string, any>;

function pickSource(): string {
  const dev = join(repoRoot, 'build', 'plans', 'dev.json');
  return process.env.BENCH_PLAN ?? (existsSync(dev) ? dev : join(repoRoot, 'tests', 'fixtures', 'plans', 'good.json'));
}

/** Copies every module call's resources under `<call>_copy<i>` until the plan has `target` managed resources. */
export function synthesize(base: Doc, target: number): Doc {
  const doc: Doc = structuredClone(base);
  const calls = doc.configuration?.root_module?.module_calls ?? {};
  const managed = (doc.resource_changes as Doc[]).filter((r) => r.mode === 'managed');
  const byCall = new Map<string, Doc[]>();
  for (const rc of doc.resource_changes as Doc[]) {
    const call = moduleSteps(splitAddress(rc.address).module)[0]?.replace(/^module\.|\[.*$/g, '');
    if (call && calls[call]) byCall.set(call, [...(byCall.get(call) ?? []), rc]);
  }
  const seeds = [...byCall.entries()].filter(([, list]) => list.some((r) => r.mode === 'managed'));
  if (seeds.length === 0) throw new Error('the source plan has no module instances to replicate');
  let count = managed.length;
  for (let i = 1; count < target; i++) {
    for (const [call, list] of seeds) {
      if (count >= target) break;
      const name = `${call}_copy${i}`;
      calls[name] = calls[call];
      for (const rc of list) {
        const copy = structuredClone(rc);
        copy.address = copy.address.replace(`module.${call}.`, `module.${name}.`).replace(`module.${call}[`, `module.${name}[`);
        if (copy.module_address) copy.module_address = copy.module_address.replace(`module.${call}`, `module.${name}`);
        // Names must stay distinct, or value lookups would see thousands of same-named twins.
        const after = copy.change?.after;
        for (const k of ['name', 'bucket', 'function_name', 'cluster_identifier', 'identifier']) {
          if (after && typeof after[k] === 'string') after[k] = `${after[k]}-c${i}`;
        }
        (doc.resource_changes as Doc[]).push(copy);
        if (copy.mode === 'managed') count++;
      }
    }
  }
  return doc;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void, runs: number): number {
  fn(); // warm-up: JIT and caches
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

const source = pickSource();
const base = readPlanFile(source) as Doc;
const dir = mkdtempSync(join(tmpdir(), 'bench-lint-'));
console.log(`source: ${relative(repoRoot, source) || source}`);
console.log('resources   file MB   JSON.parse ms   plan-lint ms (read+parse+lint)   ratio   lint-only ms');
try {
  for (const target of [1_000, 10_000]) {
    const doc = synthesize(base, target);
    const file = join(dir, `plan-${target}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const mb = statSync(file).size / 1e6;
    const runs = target >= 10_000 ? 5 : 9;
    const parseMs = time(() => JSON.parse(readFileSync(file, 'utf8')), runs);
    let checked = 0;
    const lintMs = time(() => {
      checked = lintPlan(readPlanFile(file), { input: file }).summary.checked;
    }, runs);
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    // lintPlan never mutates the document, so one parsed copy serves every run.
    const lintOnly = time(() => lintPlan(parsed, { input: file }), 3);
    console.log(
      `${String(checked).padStart(9)}   ${mb.toFixed(1).padStart(7)}   ${parseMs.toFixed(1).padStart(13)}   ${lintMs.toFixed(1).padStart(30)}   ${(lintMs / parseMs).toFixed(1).padStart(5)}x   ${lintOnly.toFixed(1).padStart(12)}`,
    );
    if (target === 10_000) {
      const met = lintMs < 2000 && lintMs / parseMs < 5;
      console.log(`target at 10,000 resources (< 2000 ms and < 5x JSON.parse): ${met ? 'met' : 'MISSED'}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
