// A scripted game day for the tests: a fake clock that only moves when every task waits on it, the
// runbook tests' mocked AWS account (tests/tooling/runbook/world.ts) plus S3 and API Gateway, a DNS
// resolver and an API that follow a script of each switchover (relative to its StartExecution):
//   +20 s  the old region's API is fenced (503)            +85 s  the target's API serves
//   +95 s  Route 53 answers with the target                +60 s  the target's cluster is the writer
//   +120 s the execution ends (outcome from the script)    orders are processed 12 s after they are acknowledged
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DescribeGlobalClustersCommand } from '@aws-sdk/client-rds';
import { GetRoutingControlStateCommand } from '@aws-sdk/client-route53-recovery-cluster';
import { S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { SendResult } from '../../../tooling/client/submit.ts';
import type { LifecycleJson } from '../../../tooling/drill/lifecycle/report.ts';
import { awsGamedayClients, type GamedayPorts } from '../../../tooling/gameday/ports.ts';
import { ACCOUNT, awsError, awsWorld, PRIMARY, SECONDARY, unreachable } from '../runbook/world.ts';

export { ACCOUNT, PRIMARY, SECONDARY };

export const START = Date.parse('2026-11-29T16:00:00.000Z');
export const HOST = 'api.dev.trading.example.com';

export const TFVARS = `
project     = "trading"
environment = "dev"
allowed_account_ids = ["${ACCOUNT}"]
account_id          = "${ACCOUNT}"
primary_region   = "${PRIMARY}"
secondary_region = "${SECONDARY}"
zone_name = "dev.trading.example.com"
rto_budget_seconds = 900
failover = {
  require_approval      = false
  auto_failover_enabled = false
}
`;

/** A repository root with environments/<env>/terraform.tfvars for dev and prod. */
export function repoRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'gameday-'));
  for (const env of ['dev', 'prod']) {
    mkdirSync(join(root, 'environments', env), { recursive: true });
    writeFileSync(join(root, 'environments', env, 'terraform.tfvars'), TFVARS.replace('environment = "dev"', `environment = "${env}"`));
  }
  return root;
}

/** A client certificate and key the CLI reads (content is only checked to be PEM). */
export function tlsFiles(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'client.pem');
  const key = join(dir, 'client.key');
  writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
  return { cert, key };
}

/** Virtual time: sleep() registers a timer; run() fires the earliest timer whenever nothing else can move. */
export class FakeClock {
  t = START;
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> => new Promise((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));
  /** Seconds since START. */
  since(): number {
    return (this.t - START) / 1000;
  }
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    while (!done) {
      for (let i = 0; i < 6 && !done; i++) await new Promise((r) => setImmediate(r));
      if (done) break;
      // Real I/O before the first sleep (reading and parsing the tfvars) finishes outside the microtask queue.
      for (let waited = 0; !this.timers.length && !done && waited < 5_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
      if (done) break;
      if (!this.timers.length) throw new Error('nothing left to wait for, and the game day has not ended');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    return work;
  }
}

export interface LegScript {
  /** The execution's outcome at +120 s. */
  outcome: { status: 'SUCCEEDED'; ready: boolean } | { status: 'FAILED'; error: string; cause: string };
}

const regionalName = (region: string) => `d-${region === PRIMARY ? 'aaaa1111' : 'bbbb2222'}.execute-api.${region}.amazonaws.com`;
const addressOf = (region: string) => (region === PRIMARY ? ['3.210.1.10', '3.210.1.11'] : ['18.220.2.20', '18.220.2.21']);
const clusterArn = (region: string) => `arn:aws:rds:${region}:${ACCOUNT}:cluster:trading-dev-${region}`;
const CONTROL = {
  [PRIMARY]: `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/0a1b2c3d4e5f/routingcontrol/aa11bb22cc33`,
  [SECONDARY]: `arn:aws:route53-recovery-control::${ACCOUNT}:controlpanel/0a1b2c3d4e5f/routingcontrol/dd44ee55ff66`,
};
const ENDPOINTS = [
  { endpoint: 'https://host-aaaa.us-west-2.example.com/v1', region: 'us-west-2' },
  { endpoint: 'https://host-bbbb.eu-west-1.example.com/v1', region: 'eu-west-1' },
];

export interface Start {
  at: number;
  from: string;
  target: string;
  script: LegScript;
}

export function gamedayWorld() {
  const aws = awsWorld();
  const s3 = mockClient(S3Client);
  const apigw = mockClient(APIGatewayClient);
  const clock = new FakeClock();
  const starts: Start[] = [];
  const legs: LegScript[] = [];
  /** orderId -> where and when the processor writes its audit object; absent: never processed. */
  const processed = new Map<string, { region: string; at: number }>();
  /** Orders acknowledged in these windows (seconds since START) are never processed. */
  const dropWindows: { from: number; to: number }[] = [];
  /** region -> seconds since START from which every call to it fails. */
  const outages = new Map<string, number>();
  const transportCalls: { t: number; region: string; status: number | string }[] = [];
  let authorityOverride: Record<string, 'On' | 'Off'> | null = null;
  let writerOverride: string | null = null;
  let running: { name: string; executionArn: string }[] = [];

  const t = () => clock.since();
  const isDown = (region: string) => outages.has(region) && t() >= outages.get(region)!;
  const latest = () => [...starts].reverse().find((s) => s.at <= t());
  /** The failed leg undoes its fence: the old region serves again once the execution has ended. */
  const failedAndOver = (s: Start) => s.script.outcome.status === 'FAILED' && t() >= s.at + 120;
  function serving(region: string): boolean {
    if (isDown(region)) return false;
    const s = latest();
    if (!s) return region === PRIMARY;
    if (s.script.outcome.status === 'FAILED') return region === s.from && (t() < s.at + 20 || failedAndOver(s));
    if (t() < s.at + 20) return region === s.from;
    return t() >= s.at + 85 && region === s.target;
  }
  function dnsRegion(): string {
    const s = latest();
    if (!s) return PRIMARY;
    if (s.script.outcome.status === 'FAILED') return s.from;
    return t() < s.at + 95 ? s.from : s.target;
  }
  function writer(): string {
    if (writerOverride) return writerOverride;
    const s = latest();
    if (!s) return PRIMARY;
    if (s.script.outcome.status === 'FAILED') return s.from;
    return t() < s.at + 60 ? s.from : s.target;
  }

  function install(): void {
    aws.reset();
    // aws.reset() clears the down set; outages are applied per call below.
    aws.answer('sts', GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/gameday/alice` }));
    aws.answer('lambda', GetFunctionConfigurationCommand, (input: { FunctionName: string }) => ({
      FunctionName: input.FunctionName,
      Environment: { Variables: { ARC_CLUSTER_ENDPOINTS: JSON.stringify(ENDPOINTS), ROUTING_CONTROL_ARNS: JSON.stringify(CONTROL) } },
    }));
    aws.answer('arc', GetRoutingControlStateCommand, (input: { RoutingControlArn: string }) => {
      const region = Object.entries(CONTROL).find(([, arn]) => arn === input.RoutingControlArn)?.[0];
      if (!region) throw awsError('ResourceNotFoundException', 'no such routing control');
      const states = authorityOverride ?? { [PRIMARY]: writer() === PRIMARY ? 'On' : 'Off', [SECONDARY]: writer() === SECONDARY ? 'On' : 'Off' };
      return { RoutingControlArn: input.RoutingControlArn, RoutingControlState: states[region] };
    });
    aws.answer('rds', DescribeGlobalClustersCommand, (input: { GlobalClusterIdentifier: string }) => ({
      GlobalClusters: [{ GlobalClusterIdentifier: input.GlobalClusterIdentifier, Status: 'available', GlobalClusterMembers: [PRIMARY, SECONDARY].map((r) => ({ DBClusterArn: clusterArn(r), IsWriter: r === writer() })) }],
    }));
    aws.answer('sfn', ListExecutionsCommand, (_input: unknown, region: string) => ({ executions: running.filter((e) => e.executionArn.includes(`:${region}:`)).map((e) => ({ ...e, startDate: new Date(START) })) }));
    aws.answer('sfn', StartExecutionCommand, (input: { stateMachineArn: string; name: string }, region: string) => {
      const script = legs[starts.length];
      if (!script) throw new Error(`the test scripts no leg ${starts.length + 1}`);
      starts.push({ at: t(), from: region === PRIMARY ? SECONDARY : PRIMARY, target: region, script });
      return { executionArn: `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:${input.name}`, startDate: new Date(clock.now()) };
    });
    aws.answer('sfn', DescribeExecutionCommand, (input: { executionArn: string }) => {
      const s = starts.find((x) => input.executionArn.includes(`:${x.target}:`) && x.at <= t() && starts.indexOf(x) === starts.length - 1) ?? starts.find((x) => input.executionArn.includes(`:${x.target}:`));
      if (!s || t() < s.at + 120) return { executionArn: input.executionArn, status: 'RUNNING' };
      const o = s.script.outcome;
      return o.status === 'SUCCEEDED'
        ? { executionArn: input.executionArn, status: 'SUCCEEDED', output: JSON.stringify({ mode: 'switchover', validation: { report: { ready: o.ready, checks: [{ name: 'rpo-lag', ok: o.ready, detail: 'x' }] } } }) }
        : { executionArn: input.executionArn, status: 'FAILED', error: o.error, cause: o.cause };
    });
    for (const [mock, service] of [[s3, 's3'], [apigw, 'apigateway']] as const) {
      mock.reset();
      mock.callsFake(async (input: Record<string, unknown>, getClient: () => { config: { region: () => Promise<string> } }) => {
        const command = (mock.send.lastCall?.args[0] as { constructor: { name: string } } | undefined)?.constructor.name ?? 'unknown';
        const region = await getClient().config.region();
        aws.calls.push({ service, region, command, input });
        if (isDown(region)) throw unreachable(region);
        if (command === 'GetDomainNameCommand') return { domainName: HOST, regionalDomainName: regionalName(region), endpointConfiguration: { types: ['REGIONAL'] } };
        if (command === 'HeadObjectCommand') {
          const key = String(input.Key);
          const id = /^trades\/\d{4}\/\d{2}\/\d{2}\/(.+)\.json$/.exec(key)?.[1];
          const p = id ? processed.get(id) : undefined;
          if (p && t() >= p.at && region === p.region) return { ReplicationStatus: 'COMPLETED' };
          if (p && t() >= p.at + 20 && region !== p.region) return { ReplicationStatus: 'REPLICA' };
          throw Object.assign(new Error('Not Found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
        }
        throw new Error(`the test does not answer ${service} ${command}`);
      });
    }
  }
  install();

  // Outages for the runbook world's clients: its own `down` set is consulted per call, so keep it in step with the clock.
  const syncDown = () => {
    for (const [region, from] of outages) if (t() >= from) aws.down.add(region);
  };

  const transport = async (body: string): Promise<SendResult> => {
    syncDown();
    const region = dnsRegion();
    if (isDown(region)) {
      transportCalls.push({ t: t(), region, status: 'ECONNREFUSED' });
      return { kind: 'failure', failure: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED ${addressOf(region)[0]}:443`, afterHandshake: false } };
    }
    if (!serving(region)) {
      transportCalls.push({ t: t(), region, status: 503 });
      return { kind: 'response', status: 503, body: '{"message":"This region is not active"}' };
    }
    const orderId = (JSON.parse(body) as { orderId: string }).orderId;
    transportCalls.push({ t: t(), region, status: 200 });
    if (!dropWindows.some((w) => t() >= w.from && t() < w.to) && !processed.has(orderId)) processed.set(orderId, { region, at: t() + 12 });
    return { kind: 'response', status: 200, body: JSON.stringify({ messageId: `m-${orderId}` }) };
  };

  const dns = {
    resolve4: async (host: string) => {
      syncDown();
      const region = host === HOST ? dnsRegion() : host === regionalName(PRIMARY) ? PRIMARY : host === regionalName(SECONDARY) ? SECONDARY : null;
      if (!region) throw Object.assign(new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return addressOf(region).map((address) => ({ address, ttl: 5 }));
    },
  };

  const log: string[] = [];
  const ports = (drill: LifecycleJson | null = DRILL): GamedayPorts => ({
    clients: (() => {
      const c = awsGamedayClients();
      // Every region's client checks the outage script before it calls.
      const wrap = <T extends { send: (...a: any[]) => any }>(make: (r: string) => T) => (region: string) => {
        const client = make(region);
        syncDown();
        return client;
      };
      return { ...c, sts: wrap(c.sts), sfn: wrap(c.sfn), rds: wrap(c.rds), lambda: wrap(c.lambda), s3: wrap(c.s3), apigateway: wrap(c.apigateway) };
    })(),
    dns,
    transport,
    clock,
    random: () => 0.5,
    drill: async () => drill,
    log: (line) => void log.push(line),
  });

  return {
    aws,
    clock,
    starts,
    legs,
    processed,
    dropWindows,
    outages,
    transportCalls,
    log,
    ports,
    setAuthority(states: Record<string, 'On' | 'Off'> | null) {
      authorityOverride = states;
    },
    setWriter(region: string | null) {
      writerOverride = region;
    },
    setRunning(list: { name: string; executionArn: string }[]) {
      running = list;
    },
    reset() {
      starts.length = 0;
      legs.length = 0;
      processed.clear();
      dropWindows.length = 0;
      outages.clear();
      transportCalls.length = 0;
      log.length = 0;
      authorityOverride = null;
      writerOverride = null;
      running = [];
      clock.t = START;
      install();
    },
    restore() {
      aws.restore();
      s3.restore();
      apigw.restore();
    },
  };
}

/** The lifecycle drill's figures for planned-switchover-and-failback, as `npm run drill -- --lifecycle --format json` printed them. */
export const DRILL: LifecycleJson = {
  scenario: 'planned-switchover-and-failback',
  ok: true,
  invariants: [],
  orders: { submitted: 7200, acknowledged: 6059, refusedNotAcknowledged: 1141, processed: 6059, rejected: 0, rejectedStale: 0, stranded: 0, lostInFailover: 0, processedTwice: 0, processedByNonWriter: 0 },
  availability: { unavailableSeconds: 630.5, longestGapSeconds: 315.5 },
  rtoSeconds: null,
  refenceSeconds: null,
  refences: [],
  timeline: [
    { t: 0, region: 'route53', what: 'answers us-east-1 (PRIMARY us-east-1 healthy, SECONDARY us-east-2 unhealthy)' },
    { t: 300, region: 'us-east-2', what: 'operator starts the state machine in us-east-2: switchover (execution drill-us-east-2-1)' },
    { t: 310, region: 'route53', what: 'answers us-east-2' },
    { t: 2100, region: 'us-east-1', what: 'operator starts the state machine in us-east-1: switchover (execution drill-us-east-1-2)' },
    { t: 2110, region: 'route53', what: 'answers us-east-1' },
  ],
};
