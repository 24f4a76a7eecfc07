// The plan entry point's refusals: one sentence on stderr, exit code 2, no stack trace.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { repoRoot } from '../../../tooling/core/paths.ts';

const plan = (env: NodeJS.ProcessEnv, args: string[]) =>
  $({ cwd: repoRoot, env: { ...process.env, ...env }, nothrow: true, quiet: true })`npx tsx tooling/bin/plan.ts ${args}`;

describe('tooling/bin/plan.ts', () => {
  it('stops with one sentence when the provider mirror is empty', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-mirror-'));
    const result = await plan({ TF_PROVIDER_MIRROR: empty }, ['--env', 'dev']);
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`TF_PROVIDER_MIRROR=${empty} holds no registry.terraform.io/hashicorp/aws provider`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one sentence when Terraform is missing', async () => {
    const result = await plan({ TERRAFORM_BIN: 'terraform-that-does-not-exist' }, ['--env', 'dev']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('Terraform was not found');
  });

  it('names the valid environments for an unknown one', async () => {
    const result = await plan({}, ['--env', 'qa']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe('plan: error: Unknown environment "qa": use one of dev, staging, prod (for example ENV=dev).');
  });
});
