// An AWS account for the runbook tests, behind aws-sdk-client-mock: every client class is mocked at its
// prototype, each call is answered by the region its client is configured with, and a region that is
// "down" rejects every call as a network failure would. So the tests drive the real client factory
// (tooling/runbook/clients.ts) and can see which region each call went to. A command the test did not
// answer rejects too, so an unexpected call cannot pass unnoticed.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import type { Io } from '../../../tooling/core/cli.ts';

export const ACCOUNT = '210987654321';
export const PRIMARY = 'us-east-1';
export const SECONDARY = 'us-east-2';

/** environments/prod/terraform.tfvars of the test repository: only what the runbook reads, and an unrelated block. */
export const TFVARS = `
project     = "trading"
environment = "prod"
allowed_account_ids = ["${ACCOUNT}"]
account_id          = "${ACCOUNT}"
primary_region   = "${PRIMARY}"
secondary_region = "${SECONDARY}"
network = {
  primary   = { vpc_cidr = "10.30.0.0/16", availability_zone_ids = ["use1-az1"] }
  secondary = { vpc_cidr = "10.31.0.0/16", availability_zone_ids = ["use2-az1"] }
}
failover = {
  require_approval         = true
  approval_timeout_seconds = 900
}
`;

/** A repository root holding environments/prod/terraform.tfvars (and only that). */
export function repoWith(tfvars = TFVARS): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-'));
  mkdirSync(join(root, 'environments', 'prod'), { recursive: true });
  writeFileSync(join(root, 'environments', 'prod', 'terraform.tfvars'), tfvars);
  return root;
}

export interface Call {
  service: string;
  region: string;
  command: string;
  input: Record<string, unknown>;
}

type Answer = (input: any, region: string) => unknown;

const CLASSES = {
  sts: STSClient,
  sfn: SFNClient,
  lambda: LambdaClient,
  rds: RDSClient,
  cloudwatch: CloudWatchClient,
  ssm: SSMClient,
  sqs: SQSClient,
  arc: Route53RecoveryClusterClient,
} as const;
export type Service = keyof typeof CLASSES;

/** The error the SDK raises when a region's endpoint does not answer. */
export function unreachable(region: string): Error {
  return Object.assign(new Error(`connect ETIMEDOUT ${region} endpoint (3000 ms)`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/**
 * The mocked account. `down` regions reject every call; `answer(service, Command, fn)` sets what a
 * command returns, per region. `calls` lists every call made, with its region, in order.
 */
export function awsWorld() {
  const down = new Set<string>();
  const calls: Call[] = [];
  const answers = new Map<string, Answer>();
  const mocks = Object.fromEntries(Object.entries(CLASSES).map(([service, cls]) => [service, mockClient(cls as never)])) as Record<Service, AwsStub<any, any, any>>;

  function install(): void {
    for (const [service, mock] of Object.entries(mocks)) {
      mock.reset();
      mock.callsFake(async (input: Record<string, unknown>, getClient: () => { config: { region: () => Promise<string> } }) => {
        // The command's name is not passed to the fake: find it from the spy's last call.
        const last = mock.send.lastCall;
        const command = (last?.args[0] as { constructor: { name: string } } | undefined)?.constructor.name ?? 'unknown';
        const region = await getClient().config.region();
        calls.push({ service, region, command, input });
        if (down.has(region)) throw unreachable(region);
        const fn = answers.get(`${service}:${command}`);
        if (!fn) throw new Error(`the test does not answer ${service} ${command} in ${region}`);
        return fn(input, region);
      });
    }
  }
  install();

  return {
    calls,
    down,
    mocks,
    answer(service: Service, command: { name: string }, fn: Answer): void {
      answers.set(`${service}:${command.name}`, fn);
    },
    /** Forget the answers and the calls (afterEach). */
    reset(): void {
      answers.clear();
      down.clear();
      calls.length = 0;
      install();
    },
    restore(): void {
      for (const mock of Object.values(mocks)) mock.restore();
    },
    regionsCalled(): string[] {
      return [...new Set(calls.map((c) => c.region))];
    },
  };
}

/** Captures what a command writes. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: (s) => void (out += s), stderr: (s) => void (err += s), out: () => out, err: () => err };
}
