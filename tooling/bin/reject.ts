#!/usr/bin/env -S npx tsx
// make reject ENV=<env> EXECUTION=<execution ARN> BY="<who>" REASON="<why>" LIVE=1
// Rejects the recovery EXECUTION: takes its task token from its region's approval queue (approver role
// only) and answers with SendTaskFailure there, error "Rejected": it ends with ApprovalNotGranted and
// changes nothing.
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { approvalCommand } from '../runbook/cli.ts';

process.exitCode = await approvalCommand('reject', process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
