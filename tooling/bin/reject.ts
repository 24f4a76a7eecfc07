#!/usr/bin/env -S npx tsx
// make reject ENV=<env> REGION=<region> TOKEN='<task token>' BY="<who>" REASON="<why>" LIVE=1
// Rejects the recovery that waits for this token in REGION's state machine (SendTaskFailure there,
// error "Rejected"): it ends with ApprovalNotGranted and changes nothing.
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { approvalCommand } from '../runbook/cli.ts';

process.exitCode = await approvalCommand('reject', process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
