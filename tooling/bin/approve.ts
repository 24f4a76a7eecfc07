#!/usr/bin/env -S npx tsx
// make approve ENV=<env> REGION=<region> TOKEN='<task token>' BY="<who>" REASON="<why>" LIVE=1
// Approves the recovery that waits for this token in REGION's state machine (SendTaskSuccess there).
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { approvalCommand } from '../runbook/cli.ts';

process.exitCode = await approvalCommand('approve', process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
