#!/usr/bin/env -S npx tsx
// npm run --silent drill -- [--scenario <name> | --all] [--env <env>] [--timing]
//   Runs the failover state machine's template locally against scripted AWS answers and prints each
//   scenario's timeline and RTO estimate. Exits 1 when a scenario's outcome differs from its expectation.
// npm run --silent drill -- --lifecycle [--scenario <name> | --all] [--env <env>] [--format human|json|markdown] [--timing]
// npm run --silent drill -- --scenario-file <file> [--env <env>] [--format human|json|markdown]
//   The lifecycle drill: both regions, clients, Route 53, Aurora and the state machine over a whole
//   scenario (tooling/drill/scenarios/*.json, or a file of your own), checked against the invariants.
//   Exits 1 when any invariant is violated, 2 on bad input.
import { runCli } from '../core/cli.ts';
import { drillCommand } from '../drill/cli.ts';

await runCli('drill', () => drillCommand(process.argv.slice(2), (s) => console.log(s)));
