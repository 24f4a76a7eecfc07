// Everything the game day touches outside its own logic, passed in so that the sequence and the
// measurements run the same against AWS (tooling/bin/gameday.ts) and against mocks with a fake clock
// (tests/tooling/gameday). Time is only ever read from `clock.now()` and waited for with `clock.sleep`.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { S3Client } from '@aws-sdk/client-s3';
import { clientConfig } from '../../functions/shared/aws.ts';
import type { SendResult } from '../client/submit.ts';
import type { LifecycleJson } from '../drill/lifecycle/report.ts';
import { awsRunbookClients, type RunbookClients } from '../runbook/clients.ts';

/** The runbook's clients (one per named region) plus the two reads only the game day makes. */
export interface GamedayClients extends RunbookClients {
  /** HeadObject of audit objects: where an order was processed. */
  s3(region: string): S3Client;
  /** GetDomainName of the shared name: each region's regional endpoint, to tell DNS answers apart. */
  apigateway(region: string): APIGatewayClient;
}

/** One A-record answer of a real resolver (node:dns Resolver#resolve4 with { ttl: true }). */
export interface DnsRecord {
  address: string;
  ttl: number;
}

export interface DnsPort {
  resolve4(host: string): Promise<DnsRecord[]>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface GamedayPorts {
  clients: GamedayClients;
  dns: DnsPort;
  /** One POST of an order body on a new connection (tooling/client/https.ts httpsSend in use). */
  transport: (body: string) => Promise<SendResult>;
  clock: Clock;
  random: () => number;
  /** The lifecycle drill's result for planned-switchover-and-failback, the figures the game day is set beside. */
  drill: () => Promise<LifecycleJson | null>;
  /** Progress lines for the operator (stderr). */
  log: (line: string) => void;
}

function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    let c = made.get(region);
    if (!c) made.set(region, (c = make(region)));
    return c;
  };
}

/** Real clients, each bound to one region, with the runbook's short timeouts (a region that is gone costs seconds). */
export function awsGamedayClients(): GamedayClients {
  const config = (region: string) => clientConfig({ region, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
  return {
    ...awsRunbookClients(),
    s3: perRegion((region) => new S3Client(config(region))),
    apigateway: perRegion((region) => new APIGatewayClient(config(region))),
  };
}
