// The AWS SDK v3 clients the runbook commands call, always bound to one named region (never the default
// region of the shell, which during an outage may well be the region that is gone). Made once per
// region; injected so the tests pass the same factory with mocked clients.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { createArcClients, type ArcEndpoint, type ArcEndpointClient } from '../../functions/shared/arc.ts';
import { clientConfig } from '../../functions/shared/aws.ts';

export interface RunbookClients {
  sts(region: string): STSClient;
  sfn(region: string): SFNClient;
  lambda(region: string): LambdaClient;
  rds(region: string): RDSClient;
  cloudwatch(region: string): CloudWatchClient;
  ssm(region: string): SSMClient;
  sqs(region: string): SQSClient;
  /** One Route 53 ARC data-plane client per cluster endpoint, each with the endpoint's own region. */
  arc(endpoints: readonly ArcEndpoint[]): ArcEndpointClient[];
}

function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    let c = made.get(region);
    if (!c) made.set(region, (c = make(region)));
    return c;
  };
}

/**
 * Real clients from the default credential chain. A region that is down must cost seconds, not the
 * SDK's default of minutes: 3 s to connect, 10 s per request, two attempts.
 *
 * STS is called at its regional endpoint (sts.<region>.amazonaws.com), the SDK v3 default, never the
 * global sts.amazonaws.com, which is served from us-east-1.
 */
export function awsRunbookClients(): RunbookClients {
  const config = (region: string) => clientConfig({ region, maxAttempts: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
  return {
    sts: perRegion((region) => new STSClient(config(region))),
    sfn: perRegion((region) => new SFNClient(config(region))),
    lambda: perRegion((region) => new LambdaClient(config(region))),
    rds: perRegion((region) => new RDSClient(config(region))),
    cloudwatch: perRegion((region) => new CloudWatchClient(config(region))),
    ssm: perRegion((region) => new SSMClient(config(region))),
    sqs: perRegion((region) => new SQSClient(config(region))),
    arc: (endpoints) => createArcClients(endpoints),
  };
}
