// A module tree for the SFN rule tests: one module holding the real failover template, or a copy with
// one real-world mistake written into it, linted as hcl-lint lints the repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStateMachineTemplate } from '../../../../../tooling/asl/template.ts';

// One directory per test process, removed when it exits.
let base: string | undefined;
const baseDir = () => {
  if (!base) {
    const dir = mkdtempSync(join(tmpdir(), 'sfn-rule-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    base = dir;
  }
  return base;
};

export const MODULE = 'modules/orchestrator';
export const FILE = `${MODULE}/state-machine.asl.json`;
export const at = (state: string) => `${FILE}:States.${state}`;

/** Replaces `from` (which must occur `count` times) in the template source. */
export function replace(from: string, to: string, count?: number): (source: string) => string {
  return (source) => {
    const n = source.split(from).length - 1;
    if (n === 0 || (count !== undefined && n !== count)) throw new Error(`the template has ${n} occurrence(s) of ${from}`);
    return source.split(from).join(to);
  };
}

/** `{ root, paths }` for describeRule: a tree whose one module has the (edited) template. */
export function templateTree(...edits: ((source: string) => string)[]): { root: () => string; paths: string[] } {
  return {
    root: () => {
      const root = mkdtempSync(join(baseDir(), 'tree-'));
      mkdirSync(join(root, MODULE), { recursive: true });
      writeFileSync(join(root, MODULE, 'main.tf'), 'locals {\n  state_machine_template = "${path.module}/state-machine.asl.json"\n}\n');
      writeFileSync(join(root, FILE), edits.reduce((s, e) => e(s), readStateMachineTemplate()));
      return root;
    },
    paths: [MODULE],
  };
}
