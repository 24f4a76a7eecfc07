#!/usr/bin/env -S npx tsx
// make failover ENV=<env> MODE=switchover|failover TARGET=<region> REASON="..." LIVE=1
// Starts a recovery with the TARGET region's state machine, found by the modules' naming convention
// from environments/<env>/terraform.tfvars and the account STS names in TARGET: no Terraform state, and
// no call to the region being left. Never runs offline.
import { processIo } from '../core/cli.ts';
import { awsRunbookClients } from '../runbook/clients.ts';
import { failoverCommand } from '../runbook/cli.ts';

process.exitCode = await failoverCommand(process.argv.slice(2), processIo, { clients: awsRunbookClients, live: process.env.LIVE });
