// The AWS SDK v3 clients and the DNS resolver the checks call, injected so tests pass mocks. Regional
// clients are made once per region.
import { Resolver } from 'node:dns/promises';
import { EC2Client } from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';

export interface NsResolver {
  /** The NS records public DNS answers for `name` (node:dns/promises resolveNs). */
  resolveNs(name: string): Promise<string[]>;
}

export interface PreflightClients {
  sts: STSClient;
  route53: Route53Client;
  lambda(region: string): LambdaClient;
  rds(region: string): RDSClient;
  ec2(region: string): EC2Client;
  s3(region: string): S3Client;
  dns: NsResolver;
}

function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    let c = made.get(region);
    if (!c) made.set(region, (c = make(region)));
    return c;
  };
}

/** Real clients from the default credential chain (AWS_PROFILE, SSO, environment variables...). */
export function awsClients(primaryRegion: string): PreflightClients {
  return {
    sts: new STSClient({ region: primaryRegion }),
    // Route 53 is global; its API endpoint is in us-east-1 for the aws partition.
    route53: new Route53Client({ region: 'us-east-1' }),
    lambda: perRegion((region) => new LambdaClient({ region })),
    rds: perRegion((region) => new RDSClient({ region })),
    ec2: perRegion((region) => new EC2Client({ region })),
    s3: perRegion((region) => new S3Client({ region })),
    dns: new Resolver({ timeout: 5000, tries: 2 }),
  };
}
