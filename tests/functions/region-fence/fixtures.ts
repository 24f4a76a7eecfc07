// Shared fixtures of the region-fence tests: the pair us-east-2 (own) / us-east-1 (peer), an ARC
// cluster of three endpoints, each with its own mocked client instance, and request payloads.
import type { DescribeGlobalClustersCommandOutput, FailoverStatus } from '@aws-sdk/client-rds';
import { Route53RecoveryClusterClient } from '@aws-sdk/client-route53-recovery-cluster';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import type { ArcEndpointClient } from '../../../functions/shared/arc.ts';
import type { Authority } from '../../../functions/region-fence/core.ts';

export const OWN = 'us-east-2';
export const PEER = 'us-east-1';
export const ARNS = {
  [OWN]: 'arn:aws:route53-recovery-control::111122223333:controlpanel/0123456789abcdef/routingcontrol/aaaa1111bbbb2222',
  [PEER]: 'arn:aws:route53-recovery-control::111122223333:controlpanel/0123456789abcdef/routingcontrol/cccc3333dddd4444',
};
export const ENDPOINTS = [
  { endpoint: 'https://host-aaaaaa.us-west-2.example.com/v1', region: 'us-west-2' },
  { endpoint: 'https://host-bbbbbb.ap-northeast-1.example.com/v1', region: 'ap-northeast-1' },
  { endpoint: 'https://host-cccccc.eu-west-1.example.com/v1', region: 'eu-west-1' },
];

export interface MockedArc {
  clients: ArcEndpointClient[];
  /** One stub per endpoint, in order. */
  stubs: AwsClientStub<Route53RecoveryClusterClient>[];
}

/** One real client per endpoint, each mocked on its own, so a test can take one endpoint down. */
export function mockedArc(): MockedArc {
  const clients = ENDPOINTS.map((e) => ({ ...e, client: new Route53RecoveryClusterClient({ region: e.region, endpoint: e.endpoint }) }));
  const stubs = clients.map((c) => mockClient(c.client as Route53RecoveryClusterClient));
  return { clients, stubs };
}

export function authorityOf(arc: MockedArc): Authority {
  return { arc: arc.clients, routingControlArns: ARNS };
}

/** What an endpoint that does not answer raises. */
export function unreachable(): Error {
  const error = new Error('connect ETIMEDOUT 3.5.0.1:443');
  error.name = 'TimeoutError';
  return error;
}

/** An error with an AWS error name. */
export function awsError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export const fenceRequest = {
  action: 'fence' as const,
  region: PEER,
  servingParameter: '/trading/dev/us-east-1/serving',
  restApiId: 'a1b2c3d4e5',
  stageName: 'v1',
  queueUrl: 'https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders',
  reason: 'drill',
  executionId: 'arn:aws:states:us-east-2:111122223333:execution:trading-dev-failover:x',
};

export const PEER_CLUSTER_ARN = 'arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1';
export const OWN_CLUSTER_ARN = 'arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2';

export const restoreRequest = {
  action: 'restore' as const,
  region: PEER,
  servingParameter: '/trading/dev/us-east-1/serving',
  restApiId: 'a1b2c3d4e5',
  stageName: 'v1',
  globalClusterId: 'trading-dev',
  peerClusterArn: PEER_CLUSTER_ARN,
  ownPromotionTimedOut: false,
  reason: 'drill',
  executionId: 'arn:aws:states:us-east-2:111122223333:execution:trading-dev-failover:x',
};

export const syncRequest = {
  action: 'sync' as const,
  region: OWN,
  servingParameter: '/trading/dev/us-east-2/serving',
  restApiId: 'f6g7h8i9j0',
  stageName: 'v1',
  globalClusterId: 'trading-dev',
  clusterArn: OWN_CLUSTER_ARN,
};

/** A DescribeGlobalClusters answer: which member is the writer, and the FailoverState if any. */
export function globalCluster(
  writerArn: string | undefined,
  failoverState?: { Status: string; FromDbClusterArn?: string; ToDbClusterArn?: string; IsDataLossAllowed?: boolean },
): Omit<DescribeGlobalClustersCommandOutput, '$metadata'> {
  return {
    GlobalClusters: [
      {
        GlobalClusterIdentifier: 'trading-dev',
        GlobalClusterMembers: [
          { DBClusterArn: PEER_CLUSTER_ARN, IsWriter: writerArn === PEER_CLUSTER_ARN },
          { DBClusterArn: OWN_CLUSTER_ARN, IsWriter: writerArn === OWN_CLUSTER_ARN },
        ],
        // Status as RDS sends it: a string, which may be one the SDK's enum does not list (switching-over).
        ...(failoverState ? { FailoverState: { ...failoverState, Status: failoverState.Status as FailoverStatus } } : {}),
      },
    ],
  };
}
