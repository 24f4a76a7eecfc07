// The reference client's refusals of bad input, through the npm script a person types: one line on
// stderr, exit code 2, no stack trace, and no connection attempted.
// (package.json's script "client" is `tsx tooling/bin/client.ts`; tests/tooling/client/client.test.ts
// runs the same command in-process against a server.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { $ } from 'zx';
import { sharedUrlFrom, tradesUrl } from '../../../tooling/client/cli.ts';
import { prepareOrder } from '../../../tooling/client/order.ts';
import { backoffDelay } from '../../../tooling/client/backoff.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'client-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The bin as `npm run client` starts it (tsx tooling/bin/client.ts), from the directory that holds the
// files: relative paths are read from where the command was typed (INIT_CWD under npm).
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const bin = join(repoRoot, 'tooling', 'bin', 'client.ts');
const { INIT_CWD: _ignored, ...env } = process.env;
const client = (args: string[]) => $({ cwd: dir, env, nothrow: true, quiet: true })`${tsx} ${bin} ${args}`;

const ORDER = { userId: 'u-1', symbol: 'ACME', side: 'SELL', quantity: 3, price: 12, timestamp: '2026-01-05T09:30:00+01:00' };

describe('client submit (bad input)', () => {
  it.each([
    ['a missing file', 'missing.json', undefined, 'client: error: missing.json does not exist.'],
    ['invalid JSON', 'broken.json', '{"userId": ', 'client: error: broken.json is not valid JSON'],
    ['an order the processor refuses', 'short.json', JSON.stringify({ ...ORDER, side: 'HOLD', extra: 1 }), 'client: error: short.json is not a valid trade order: side must be "BUY" or "SELL"; unknown field(s) extra.'],
  ])('stops on %s before any connection', async (_what, file, content, expected) => {
    if (content !== undefined) writeFileSync(join(dir, file), content);
    // The URL would refuse a connection; the input check must come first.
    const result = await client(['submit', '--order', file, '--url', 'https://127.0.0.1:1']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(expected)).toBe(true);
  });

  it('refuses --cert without --key and a plain-http URL', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(ORDER));
    const a = await client(['submit', '--order', 'ok.json', '--cert', 'c.pem']);
    expect(a.stderr.trim()).toBe('client: error: --cert and --key go together: the client certificate and its private key.');
    const b = await client(['submit', '--order', 'ok.json', '--url', 'http://api.dev.trading.example.com']);
    expect(b.stderr.trim()).toBe('client: error: --url must be https (the API accepts nothing else), got http.');
  });
});

describe('client logic', () => {
  it('adds an orderId only when the file has none, and sends the processor-valid body', () => {
    const made = prepareOrder('o.json', JSON.stringify(ORDER), () => 'gen-1');
    expect(made).toEqual({ orderId: 'gen-1', generatedId: true, body: JSON.stringify({ orderId: 'gen-1', ...ORDER }) });
    const kept = prepareOrder('o.json', JSON.stringify({ ...ORDER, orderId: 'A-1' }), () => {
      throw new Error('must not generate');
    });
    expect(kept.orderId).toBe('A-1');
    expect(kept.generatedId).toBe(false);
  });

  it('derives the shared name from the environment and posts to /trades', () => {
    expect(sharedUrlFrom('f', { zone_name: 'prod.trading.example.com' })).toBe('https://api.prod.trading.example.com');
    expect(() => sharedUrlFrom('f', {})).toThrow('f: zone_name must be set to a DNS name (got null).');
    expect(tradesUrl('https://api.dev.trading.example.com/').href).toBe('https://api.dev.trading.example.com/trades');
  });

  it('backs off exponentially with full jitter, capped', () => {
    const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
    const top = (next: number) => backoffDelay(next, policy, () => 0.999999);
    expect([2, 3, 4, 5, 6, 7].map(top)).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(100);
  });
});
