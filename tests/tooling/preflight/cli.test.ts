// The preflight command: the table on stdout, exit 0 when every check passes, 1 when one fails, 2 on
// bad input (one line on stderr), and no AWS call unless it runs live.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import { describe, beforeEach, expect, it, vi } from 'vitest';
import { $ } from 'zx';
import { repoRoot } from '../../../tooling/core/paths.ts';
import type { CheckRow } from '../../../tooling/preflight/check.ts';
import { CHECKS } from '../../../tooling/preflight/checks/index.ts';
import { PRIMARY_PROBE_RESERVED as PROBE, REGION_FENCE_RESERVED as FENCE } from '../../../tooling/preflight/concurrency.ts';
import { preflightCommand } from '../../../tooling/preflight/cli.ts';
import { formatTable } from '../../../tooling/preflight/table.ts';
import { ACCOUNT, BACKEND, mockedClients, ZONE_ID, ZONE_NAME } from './fixtures.ts';

const READY_TFVARS = `project     = "trading"
environment = "dev"
repository  = "trading-platform-dr"
# 000000000000 was the placeholder; comments are not values.
allowed_account_ids = ["${ACCOUNT}"]
account_id          = "${ACCOUNT}"
primary_region   = "us-east-1"
secondary_region = "us-east-2"
network = {
  primary   = { vpc_cidr = "10.10.0.0/16", availability_zone_ids = ["use1-az1", "use1-az2", "use1-az4"] }
  secondary = { vpc_cidr = "10.11.0.0/16", availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"] }
}
zone_name      = "${ZONE_NAME}"
hosted_zone_id = "${ZONE_ID}"
regional_function_settings = {
  trade_processor    = { reserved_concurrency = 5 }
  health             = { reserved_concurrency = 2 }
  failover_validator = { reserved_concurrency = 2 }
}
failover = { require_approval = false, auto_failover_enabled = false }
`;

function repo(tfvars = READY_TFVARS): string {
  const root = mkdtempSync(join(tmpdir(), 'preflight-cli-'));
  const files: Record<string, string> = {
    'modules/global-data/variables.tf': 'variable "aurora_engine_version" {\n  default = "16.6"\n}\n',
    'environments/dev/terraform.tfvars': tfvars,
    'environments/dev/backend.hcl': `bucket = "${BACKEND.bucket}"\nkey    = "${BACKEND.key}"\nregion = "${BACKEND.region}"\n`,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
}

describe('preflight command', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);
  const deps = (root: string) => ({ clients: vi.fn(() => clients), root });

  it('prints every check as passed and exits 0 for a ready environment', async () => {
    const { io, out, err } = capture();
    const code = await preflightCommand(['--env', 'dev', '--live'], io, deps(repo()));
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^Preflight of dev \(us-east-1 and us-east-2\):\n\nCHECK +RESULT +HOW TO FIX\n/);
    for (const check of ['account', 'hosted zone', 'Lambda concurrency (us-east-1)', 'Lambda concurrency (us-east-2)', 'Aurora engine version (us-east-1)', 'Aurora engine version (us-east-2)', 'zone IDs (us-east-1)', 'zone IDs (us-east-2)', 'state bucket', 'placeholders']) {
      expect(text).toMatch(new RegExp(`^${check.replace(/[()]/g, '\\$&')} +PASS `, 'm'));
    }
    expect(text).toContain('All 10 checks passed.');
  });

  it('exits 1 when one check fails and still runs the others', async () => {
    mocks.lambda['us-east-2'].on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 } });
    const { io, out } = capture();
    const code = await preflightCommand(['--env', 'dev', '--live'], io, deps(repo()));
    expect(code).toBe(1);
    const text = out.join('');
    expect(text).toMatch(new RegExp(`^Lambda concurrency \\(us-east-2\\) +FAIL reserves ${9 + 1 + FENCE + PROBE} `, 'm'));
    expect(text).toMatch(/^state bucket +PASS /m);
    expect(text).toContain('1 of 10 checks failed.');
  });

  it('exits 1 for the shipped placeholders', async () => {
    const { io, out } = capture();
    const code = await preflightCommand(['--env', 'dev', '--live'], io, deps(repo(READY_TFVARS.replaceAll(ACCOUNT, '000000000000'))));
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/^placeholders +FAIL environments\/dev\/terraform\.tfvars: account_id =/m);
  });

  it('refuses to run without --live or LIVE=1, before reading anything or making a client', async () => {
    const { io, out, err } = capture();
    const d = deps('/nonexistent');
    const code = await preflightCommand(['--env', 'dev'], io, d);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['preflight: error: The preflight calls AWS (STS, Route 53, Lambda, RDS, EC2, S3) and public DNS with your credentials, so it only runs live: make preflight ENV=dev LIVE=1 (or add --live).\n']);
    expect(d.clients).not.toHaveBeenCalled();
  });

  it('runs with LIVE=1 from make instead of --live', async () => {
    const { io } = capture();
    expect(await preflightCommand(['--env', 'dev'], io, { ...deps(repo()), live: '1' })).toBe(0);
  });

  it.each([
    [['--env', 'qa', '--live'], 'preflight: error: Unknown environment "qa": use one of dev, staging, prod (for example ENV=dev).\n'],
    [['--live'], 'preflight: error: Unknown environment "": use one of dev, staging, prod (for example ENV=dev).\n'],
    [['--env', 'dev', '--live', '--region', 'x'], 'preflight: error: Unknown option --region: use --env, --live.\n'],
    [['--env', 'dev', 'extra', '--live'], 'preflight: error: Unexpected argument extra: use --env <env> --live.\n'],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const { io, err } = capture();
    expect(await preflightCommand(argv, io, deps(repo()))).toBe(2);
    expect(err).toEqual([message]);
  });

  it('exits 2 when the tfvars do not parse', async () => {
    const { io, err } = capture();
    expect(await preflightCommand(['--env', 'dev', '--live'], io, deps(repo('zone_name = "a\n')))).toBe(2);
    expect(err[0]).toMatch(/^preflight: error: environments\/dev\/terraform\.tfvars does not parse: /);
  });

  it('runs the checks in the documented order', () => {
    expect(CHECKS.map((c) => c.name)).toEqual(['account', 'hosted zone', 'Lambda concurrency', 'Aurora engine version', 'zone IDs', 'state bucket', 'placeholders']);
  });
});

describe('formatTable', () => {
  it('aligns the columns, wraps long cells inside them and counts failures', () => {
    const rows: CheckRow[] = [
      { check: 'account', ok: true, result: 'fine', fix: '' },
      { check: 'state bucket', ok: false, result: 'x '.repeat(40).trim(), fix: 'do this' },
    ];
    expect(formatTable(rows)).toBe([
      'CHECK         RESULT                                                        HOW TO FIX',
      '------------  ------------------------------------------------------------  ----------',
      'account       PASS fine                                                     -',
      'state bucket  FAIL x x x x x x x x x x x x x x x x x x x x x x x x x x x x  do this',
      '              x x x x x x x x x x x x',
      '',
      '1 of 2 checks failed.',
      '',
    ].join('\n'));
  });
});

describe('tooling/bin/preflight.ts', () => {
  it('refuses to run offline with one line and exit 2', async () => {
    const result = await $({ cwd: repoRoot, env: { ...process.env, LIVE: '' }, nothrow: true, quiet: true })`npx tsx tooling/bin/preflight.ts --env dev`;
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n').filter((l) => l.startsWith('preflight:'))).toEqual([expect.stringContaining('preflight: error: The preflight calls AWS')]);
  });
});
