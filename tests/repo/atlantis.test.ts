// Atlantis publishes no JSON schema, so the repo config's shape is checked here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YAML } from 'zx';
import { ENVIRONMENTS } from '../../tooling/terraform/workspace.ts';
import { repoRoot } from '../../tooling/core/paths.ts';

interface Project {
  name: string;
  dir: string;
  workflow: string;
  depends_on?: string[];
  autoplan: { enabled: boolean; when_modified: string[] };
}

const config = YAML.parse(readFileSync(join(repoRoot, 'atlantis.yaml'), 'utf8')) as {
  version: number;
  projects: Project[];
  workflows: Record<string, { plan: { steps: unknown[] }; apply: { steps: unknown[] } }>;
};

describe('atlantis.yaml', () => {
  it('is version 3 with one project per environment directory', () => {
    expect(config.version).toBe(3);
    expect(config.projects.map((p) => p.name).sort()).toEqual([...ENVIRONMENTS].sort());
    for (const p of config.projects) {
      expect(p.dir).toBe(`environments/${p.name}`);
      expect(existsSync(join(repoRoot, p.dir, 'main.tf'))).toBe(true);
    }
  });

  it('orders promotion dev -> staging -> prod', () => {
    const byName = Object.fromEntries(config.projects.map((p) => [p.name, p]));
    expect(byName.prod?.depends_on).toEqual(['staging']);
    expect(byName.staging?.depends_on).toEqual(['dev']);
  });

  it('replans when the environment, the shared composition, a module or a function changes', () => {
    for (const p of config.projects) {
      const watched = p.autoplan.when_modified;
      expect(p.autoplan.enabled).toBe(true);
      for (const pattern of ['*.tf', '.terraform.lock.hcl', '../shared/*.tf', '../../modules/**/*.tf', '../../functions/**']) {
        expect(watched, `${p.name} watches ${pattern}`).toContain(pattern);
      }
      // Patterns are relative to the project dir; a repo-root pattern would never match.
      expect(watched.every((w) => !w.startsWith('modules/') && !w.startsWith('environments/'))).toBe(true);
    }
  });

  it('builds, plans to $PLANFILE, writes $SHOWFILE and lints it as markdown', () => {
    for (const p of config.projects) {
      const wf = config.workflows[p.workflow];
      expect(wf, `workflow ${p.workflow}`).toBeDefined();
      const steps = JSON.stringify(wf!.plan.steps);
      const order = ['build:functions', '"plan"', 'terraform show -json \\"$PLANFILE\\" > \\"$SHOWFILE\\"', 'plan-lint -- \\"$SHOWFILE\\" --format markdown'];
      const positions = order.map((needle) => steps.indexOf(needle));
      expect(positions.every((n) => n >= 0), `${steps}`).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });
});
