#!/usr/bin/env -S npx tsx
// make status ENV=<env> LIVE=1 [JSON=1]: the authority, the writer, replication lag, serving flags,
// running recoveries and queue depths, from whichever region answers. Exit 0 when a region answered.
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { statusCommand } from '../runbook/cli.ts';

process.exitCode = await statusCommand(process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
