#!/usr/bin/env -S npx tsx
// make preflight ENV=<env> LIVE=1 (and the first step of make apply): checks against AWS and public DNS
// that the environment's apply can finish. Exit 0 all pass, 1 a check failed, 2 bad input.
import { processIo } from '../core/cli.ts';
import { awsClients } from '../preflight/clients.ts';
import { preflightCommand } from '../preflight/cli.ts';

process.exitCode = await preflightCommand(process.argv.slice(2), processIo, {
  clients: (env) => awsClients(env.regions.primary),
  live: process.env.LIVE,
});
