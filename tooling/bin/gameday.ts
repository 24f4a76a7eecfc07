#!/usr/bin/env -S npx tsx
// make gameday ENV=<env> LIVE=1 [FORCE=1] CERT=<client.pem> KEY=<client.key> [CA=<ca.pem>]
// A measured game day: switchover into the secondary and back under a steady order load through the
// reference client, with real DNS lookups, the executions' outcomes and the audit objects as evidence;
// writes build/gameday/gameday-<env>-<timestamp>.md and .json. Never runs offline; prod needs FORCE=1.
import { Resolver } from 'node:dns/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { processIo } from '../core/cli.ts';
import { tradesUrl } from '../client/cli.ts';
import { httpsSend } from '../client/https.ts';
import { join } from 'node:path';
import { runScenarioFile } from '../drill/lifecycle/cli.ts';
import { toJson } from '../drill/lifecycle/report.ts';
import { loadScenarioFile, SCENARIOS_DIR } from '../drill/lifecycle/scenario.ts';
import { gamedayCommand } from '../gameday/cli.ts';
import { awsGamedayClients } from '../gameday/ports.ts';
import { DRILL_SCENARIO } from '../gameday/report.ts';

const resolver = new Resolver({ timeout: 3_000, tries: 2 });

process.exitCode = await gamedayCommand(process.argv.slice(2), processIo, {
  live: process.env.LIVE,
  force: process.env.FORCE,
  cwd: process.env.INIT_CWD ?? process.cwd(),
  ports: (env, tls) => ({
    clients: awsGamedayClients(),
    dns: { resolve4: (host) => resolver.resolve4(host, { ttl: true }) },
    transport: httpsSend({ url: tradesUrl(env.sharedUrl), ...tls, timeoutMs: 10_000 }),
    clock: { now: () => Date.now(), sleep: (ms) => sleep(ms) },
    random: Math.random,
    // Only the matching scenario is loaded and run (about 6 s), with this environment's figures.
    drill: async () => toJson(await runScenarioFile(loadScenarioFile(join(SCENARIOS_DIR, `${DRILL_SCENARIO}.json`)), env.env)),
    log: (line) => process.stderr.write(`gameday: ${line}\n`),
  }),
});
