#!/usr/bin/env -S npx tsx
// make approve ENV=<env> EXECUTION=<execution ARN> BY="<who>" REASON="<why>" LIVE=1
// Approves the recovery EXECUTION: takes its task token from its region's approval queue (approver role
// only) and answers with SendTaskSuccess there.
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { approvalCommand } from '../runbook/cli.ts';

process.exitCode = await approvalCommand('approve', process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
