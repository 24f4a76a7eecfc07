// One passing environment and one set of mocked clients (a mock per client instance, so the two
// regions answer separately). Tests change one input or one answer and look at the row it makes.
import { DescribeAvailabilityZonesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { DescribeDBEngineVersionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { vi } from 'vitest';
import type { PreflightClients } from '../../../tooling/preflight/clients.ts';
import { environmentFrom, type PreflightEnvironment } from '../../../tooling/preflight/environment.ts';
import type { HclValue } from '../../../tooling/terraform/hcl.ts';

export const ACCOUNT = '210987654321';
export const ZONE_ID = 'Z0123456789ABCDEFGHIJ';
export const ZONE_NAME = 'dev.trading.acmemarkets.net';
export const NAME_SERVERS = ['ns-101.awsdns-12.com', 'ns-702.awsdns-23.net', 'ns-1203.awsdns-34.org', 'ns-1804.awsdns-45.co.uk'];
export const REGIONS = ['us-east-1', 'us-east-2'] as const;

export const ZONES: Record<string, { ZoneName: string; ZoneId: string }[]> = {
  'us-east-1': [['a', 'use1-az6'], ['b', 'use1-az1'], ['c', 'use1-az2'], ['d', 'use1-az4']].map(([s, id]) => ({ ZoneName: `us-east-1${s}`, ZoneId: id! })),
  'us-east-2': [['a', 'use2-az1'], ['b', 'use2-az2'], ['c', 'use2-az3']].map(([s, id]) => ({ ZoneName: `us-east-2${s}`, ZoneId: id! })),
};

export function tfvars(overrides: { [k: string]: HclValue } = {}): { [k: string]: HclValue } {
  return {
    project: 'trading',
    environment: 'dev',
    repository: 'trading-platform-dr',
    allowed_account_ids: [ACCOUNT],
    account_id: ACCOUNT,
    primary_region: 'us-east-1',
    secondary_region: 'us-east-2',
    network: {
      primary: { vpc_cidr: '10.10.0.0/16', availability_zone_ids: ['use1-az1', 'use1-az2', 'use1-az4'] },
      secondary: { vpc_cidr: '10.11.0.0/16', availability_zone_ids: ['use2-az1', 'use2-az2', 'use2-az3'] },
    },
    zone_name: ZONE_NAME,
    hosted_zone_id: ZONE_ID,
    regional_function_settings: {
      trade_processor: { reserved_concurrency: 5 },
      health: { reserved_concurrency: 2 },
      failover_validator: { reserved_concurrency: 2 },
    },
    failover: { require_approval: false, auto_failover_enabled: false },
    ...overrides,
  };
}

export const BACKEND = { bucket: 'acme-markets-tfstate-use1', key: 'trading-platform/dev/terraform.tfstate', region: 'us-east-1' };

export function environment(overrides: { [k: string]: HclValue } = {}, backend: { [k: string]: HclValue } | null = BACKEND): PreflightEnvironment {
  return environmentFrom('dev', {
    tfvars: { file: 'environments/dev/terraform.tfvars', values: tfvars(overrides) },
    backend: backend && { file: 'environments/dev/backend.hcl', values: backend },
    engineVersionDefault: { value: '16.6', source: 'modules/global-data/variables.tf (aurora_engine_version default)' },
  });
}

export function notFound(name: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `Function not found: arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`, $metadata: {} });
}

export function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** Clients that answer as a ready account: every check passes with environment(). */
export function mockedClients() {
  const sts = new STSClient({ region: 'us-east-1' });
  const route53 = new Route53Client({ region: 'us-east-1' });
  const regional = Object.fromEntries(REGIONS.map((r) => [r, {
    lambda: new LambdaClient({ region: r }),
    rds: new RDSClient({ region: r }),
    ec2: new EC2Client({ region: r }),
    s3: new S3Client({ region: r }),
  }])) as Record<string, { lambda: LambdaClient; rds: RDSClient; ec2: EC2Client; s3: S3Client }>;
  const at = (r: string) => {
    const c = regional[r];
    if (!c) throw new Error(`no mocked clients for ${r}`);
    return c;
  };
  const resolveNs = vi.fn(async (_name: string) => NAME_SERVERS.map((n) => `${n}.`));
  const clients: PreflightClients = {
    sts,
    route53,
    lambda: (r) => at(r).lambda,
    rds: (r) => at(r).rds,
    ec2: (r) => at(r).ec2,
    s3: (r) => at(r).s3,
    dns: { resolveNs },
  };
  const mocks = {
    sts: mockClient(sts),
    route53: mockClient(route53),
    lambda: { 'us-east-1': mockClient(at('us-east-1').lambda), 'us-east-2': mockClient(at('us-east-2').lambda) },
    rds: { 'us-east-1': mockClient(at('us-east-1').rds), 'us-east-2': mockClient(at('us-east-2').rds) },
    ec2: { 'us-east-1': mockClient(at('us-east-1').ec2), 'us-east-2': mockClient(at('us-east-2').ec2) },
    s3: { 'us-east-1': mockClient(at('us-east-1').s3), 'us-east-2': mockClient(at('us-east-2').s3) },
    resolveNs,
  };
  const ready = () => {
    mocks.sts.reset();
    mocks.route53.reset();
    resolveNs.mockReset();
    resolveNs.mockImplementation(async () => NAME_SERVERS.map((n) => `${n}.`));
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/platform-admin/jane`, UserId: 'AROAEXAMPLEID:jane' });
    mocks.route53.on(GetHostedZoneCommand).resolves({
      HostedZone: { Id: `/hostedzone/${ZONE_ID}`, Name: `${ZONE_NAME}.`, CallerReference: 'bootstrap-dns', Config: { PrivateZone: false } },
      DelegationSet: { NameServers: NAME_SERVERS },
    });
    for (const r of REGIONS) {
      mocks.lambda[r].reset();
      mocks.lambda[r].on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } });
      mocks.lambda[r].on(GetFunctionConcurrencyCommand).callsFake((input: { FunctionName?: string }) => Promise.reject(notFound(input.FunctionName ?? '')));
      mocks.rds[r].reset();
      mocks.rds[r].on(DescribeDBEngineVersionsCommand).resolves({ DBEngineVersions: [{ Engine: 'aurora-postgresql', EngineVersion: '16.6', SupportsGlobalDatabases: true, Status: 'available' }] });
      mocks.ec2[r].reset();
      mocks.ec2[r].on(DescribeAvailabilityZonesCommand).resolves({
        AvailabilityZones: ZONES[r]!.map((z) => ({ ...z, RegionName: r, State: 'available', ZoneType: 'availability-zone' })),
      });
      mocks.s3[r].reset();
      mocks.s3[r].on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    }
  };
  ready();
  return { clients, mocks, ready };
}
