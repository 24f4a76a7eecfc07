#!/usr/bin/env -S npx tsx
// npm run --silent client -- submit --order order.json [--env dev] [--url https://...] [--cert c.pem --key k.pem] [--ca ca.pem]
// The reference client of POST /trades over mutual TLS (docs/client-authentication.md).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processIo } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { clientCommand } from '../client/cli.ts';
import { httpsSend } from '../client/https.ts';
import { parseHcl, type HclValue } from '../terraform/hcl.ts';

// npm runs scripts from the package root; INIT_CWD is where the command was typed, which is what
// relative --order, --cert, --key and --ca paths mean.
const cwd = process.env.INIT_CWD ?? process.cwd();

function readText(path: string): string {
  const full = resolve(cwd, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${path} does not exist.` : `${path} cannot be read (${code ?? String(err)}).`);
  }
}

process.exitCode = await clientCommand(process.argv.slice(2), processIo, {
  readText,
  loadTfvars: async (env) => {
    const file = `environments/${env}/terraform.tfvars`;
    const path = join(repoRoot, file);
    if (!existsSync(path)) throw new UserError(`${file} does not exist.`);
    return { file, values: (await parseHcl(file, readFileSync(path, 'utf8'))) as HclValue };
  },
  transport: httpsSend,
  sleep: (ms) => sleep(ms),
  random: Math.random,
  newId: randomUUID,
});
