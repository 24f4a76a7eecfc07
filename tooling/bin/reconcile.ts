#!/usr/bin/env -S npx tsx
// make reconcile ENV=<env> LIVE=1 [REGION=<region now active>] [SINCE=<ISO time>] [COPY_SNAPSHOT=1]: the
// orders acknowledged before an unplanned failover that the new writer lacks (docs/reconcile.md).
import { processIo } from '../core/cli.ts';
import { awsReconcileClients, reconcileCommand } from '../reconcile/command.ts';

process.exitCode = await reconcileCommand(process.argv.slice(2), processIo, { clients: awsReconcileClients, live: process.env.LIVE });
