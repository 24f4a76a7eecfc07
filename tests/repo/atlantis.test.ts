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
  plan_requirements?: string[];
  autoplan: { enabled: boolean; when_modified: string[] };
}

const config = YAML.parse(readFileSync(join(repoRoot, 'atlantis.yaml'), 'utf8')) as {
  version: number;
  projects: Project[];
  workflows?: unknown;
};

// The server-side repo config shipped as an example: what a pull request cannot change.
const server = YAML.parse(readFileSync(join(repoRoot, 'docs', 'atlantis', 'repos.yaml'), 'utf8')) as {
  repos: {
    id: string;
    branch: string;
    apply_requirements: string[];
    allowed_overrides: string[];
    allowed_workflows: string[];
    allow_custom_workflows: boolean;
  }[];
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

  it('replans dev and staging when the environment, the shared composition, a module or a function changes; prod only on request, after approval', () => {
    for (const p of config.projects) {
      const watched = p.autoplan.when_modified;
      expect(p.autoplan.enabled).toBe(p.name !== 'prod');
      expect(p.plan_requirements ?? []).toEqual(p.name === 'prod' ? ['approved'] : []);
      for (const pattern of ['*.tf', '.terraform.lock.hcl', '../shared/*.tf', '../../modules/**/*.tf', '../../functions/**']) {
        expect(watched, `${p.name} watches ${pattern}`).toContain(pattern);
      }
      // Patterns are relative to the project dir; a repo-root pattern would never match.
      expect(watched.every((w) => !w.startsWith('modules/') && !w.startsWith('environments/'))).toBe(true);
    }
  });

  it('defines no workflow of its own: the server\'s, which a pull request cannot change', () => {
    expect(config.workflows).toBeUndefined();
    for (const p of config.projects) expect(server.repos[0]!.allowed_workflows).toContain(p.workflow);
  });
});

describe('docs/atlantis/repos.yaml (server side)', () => {
  it('allows no custom workflow, only picking the shipped one and prod\'s plan approval, and applies only approved, mergeable, up-to-date pull requests', () => {
    const repo = server.repos[0]!;
    expect(server.repos).toHaveLength(1);
    expect(repo.allow_custom_workflows).toBe(false);
    expect([...repo.allowed_overrides].sort()).toEqual(['plan_requirements', 'workflow']);
    expect(repo.allowed_workflows).toEqual(Object.keys(server.workflows));
    expect([...repo.apply_requirements].sort()).toEqual(['approved', 'mergeable', 'undiverged']);
    expect(repo.branch).toBe('/^main$/');
  });

  it('installs dependencies without running their install scripts', () => {
    for (const wf of Object.values(server.workflows)) {
      const runs = JSON.stringify(wf.plan.steps);
      expect(runs).toContain('npm ci --ignore-scripts');
      expect(runs).not.toMatch(/npm (ci|install)(?! --ignore-scripts)/);
    }
  });

  it('builds, plans to $PLANFILE, writes $SHOWFILE and lints it as markdown', () => {
    for (const p of config.projects) {
      const wf = server.workflows[p.workflow];
      expect(wf, `workflow ${p.workflow}`).toBeDefined();
      const steps = JSON.stringify(wf!.plan.steps);
      const order = ['build:functions', '"plan"', 'terraform show -json \\"$PLANFILE\\" > \\"$SHOWFILE\\"', 'plan-lint -- \\"$SHOWFILE\\" --format markdown'];
      const positions = order.map((needle) => steps.indexOf(needle));
      expect(positions.every((n) => n >= 0), `${steps}`).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('plans with the environment\'s read-only plan profile and applies with its apply profile, set before any other step, and no stage sets a TF_VAR_ secret', () => {
    for (const wf of Object.values(server.workflows)) {
      for (const [stage, steps] of [['plan', wf.plan.steps], ['apply', wf.apply.steps]] as const) {
        const first = steps[0] as { env?: { name: string; command: string } };
        expect(first.env?.name, `${stage} starts by choosing its credentials`).toBe('AWS_PROFILE');
        expect(first.env?.command).toBe(`echo "trading-\${PROJECT_NAME}-${stage}"`);
        expect(JSON.stringify(steps)).not.toContain('TF_VAR_');
      }
    }
  });
});
