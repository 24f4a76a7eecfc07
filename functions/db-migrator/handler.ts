// Invoked by Terraform at apply (aws_lambda_invocation in modules/regional-stack/migrator.tf), in the
// VPC next to the cluster. Reads the master password from its SSM SecureString at run time (it never
// passes through plan, state or the environment), then runs the core: migrations and the functions'
// users, in one transaction. A thrown error is a FunctionError, which fails the apply.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import pg from 'pg';
import { clientConfig } from '../shared/aws.ts';
import { loadConfig } from '../shared/config.ts';
import { instrument } from '../shared/instrument.ts';
import { logger, tracer } from '../shared/powertools.ts';
import { configSchema } from './config.ts';
import { runMigrator, type MigratorClient, type MigratorReport } from './core.ts';
import { loadMigrations } from './migrate.ts';

const config = loadConfig(configSchema);
const migrations = loadMigrations(new URL('./migrations/', import.meta.url));
const ssm = tracer.captureAWSv3Client(new SSMClient(clientConfig()));

async function masterPassword(): Promise<string> {
  if (config.DB_AUTH === 'password') return config.DB_PASSWORD!;
  const out = await ssm.send(new GetParameterCommand({ Name: config.DB_MASTER_PASSWORD_PARAMETER!, WithDecryption: true }));
  const value = out.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${config.DB_MASTER_PASSWORD_PARAMETER} has no value`);
  return value;
}

async function connect(): Promise<MigratorClient> {
  const client = new pg.Client({
    host: config.DB_HOST,
    port: config.DB_PORT,
    database: config.DB_NAME,
    user: config.DB_MASTER_USER,
    password: await masterPassword(),
    // Aurora's certificate chains to the RDS CA (NODE_EXTRA_CA_CERTS, set by the regional stack).
    ssl: config.DB_SSL ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: 10_000,
    statement_timeout: config.STATEMENT_TIMEOUT_MS,
    application_name: 'db-migrator',
  });
  // A connection that dies mid-run must fail the run, not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return client as unknown as MigratorClient;
}

export const handler = instrument(
  (event: unknown, _context: Context): Promise<MigratorReport> =>
    runMigrator(event, {
      connect,
      migrations,
      settings: { database: config.DB_NAME, processorUser: config.PROCESSOR_DB_USER, healthUser: config.HEALTH_DB_USER },
      logger,
    }),
);
