// The active-region authority: Route 53 Application Recovery Controller (ARC) routing controls, one per
// region, read and set through the cluster's data plane. The cluster has several regional endpoints
// (none necessarily in our regions); a caller tries them in turn until one answers, as AWS advises
// (https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.update.api.html). region-fence
// sets the controls; primary-probe reads the primary's.
//
// An endpoint that times out, throttles or fails inside AWS is skipped for the next one. An answer that
// every endpoint would give the same way ends the walk: ConflictException (a safety rule refused the
// change), ValidationException, AccessDeniedException, ResourceNotFoundException,
// ServiceLimitExceededException.
import { GetRoutingControlStateCommand, Route53RecoveryClusterClient, UpdateRoutingControlStatesCommand } from '@aws-sdk/client-route53-recovery-cluster';
import * as z from 'zod';
import { REGION_NAME, clientConfig, describeError } from './aws.ts';
import { json } from './env.ts';

export type RoutingControlState = 'On' | 'Off';

/** One regional endpoint of the cluster (`cluster_endpoints[]` of the Terraform cluster resource). */
export interface ArcEndpoint {
  endpoint: string;
  region: string;
}

/** A data-plane client bound to one cluster endpoint. */
export interface ArcEndpointClient extends ArcEndpoint {
  client: Pick<Route53RecoveryClusterClient, 'send'>;
}

/** One endpoint tried: no error when it answered. */
export interface ArcAttempt {
  endpoint: string;
  region: string;
  error?: string;
}

export type ArcOutcome<T> =
  | { ok: true; value: T; endpoint: string; attempts: ArcAttempt[] }
  | {
      ok: false;
      attempts: ArcAttempt[];
      error: string;
      /** True when an endpoint gave an answer every endpoint would give (e.g. a safety rule's ConflictException). */
      definitive: boolean;
    };

/** Errors that are the cluster's answer, not an endpoint's trouble: the next endpoint would say the same. */
export const DEFINITIVE_ERRORS: ReadonlySet<string> = new Set([
  'ConflictException',
  'ValidationException',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'ServiceLimitExceededException',
]);

/** arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>. */
export const ROUTING_CONTROL_ARN = /^arn:aws[a-z-]*:route53-recovery-control::\d{12}:controlpanel\/[0-9a-z]+\/routingcontrol\/[0-9a-z]+$/;

/** zod: a routing control ARN. */
export const routingControlArn = () =>
  z.string().trim().regex(ROUTING_CONTROL_ARN, 'must be a routing control ARN, arn:aws:route53-recovery-control::<account>:controlpanel/<id>/routingcontrol/<id>');

/** zod: ARC_CLUSTER_ENDPOINTS, a JSON array of the cluster's endpoints, at least one. */
export const arcClusterEndpoints = () =>
  json(
    z
      .array(
        z.object({
          endpoint: z.url({ protocol: /^https$/, error: 'must be the https URL of a cluster endpoint' }),
          region: z.string().regex(REGION_NAME, 'must be an AWS region name such as us-west-2'),
        }),
        'must be a JSON array of {"endpoint","region"}',
      )
      .min(1, 'must list at least one cluster endpoint'),
    '[{"endpoint":"https://<host>/v1","region":"us-west-2"}, ...], the cluster_endpoints of the ARC cluster',
  );

export interface ArcClientOptions {
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Wraps each client (the handlers pass tracer.captureAWSv3Client). */
  wrap?: (client: Route53RecoveryClusterClient) => Route53RecoveryClusterClient;
}

/**
 * One client per cluster endpoint, in the configured order, built with the endpoint's own region and
 * URL. One attempt each with short timeouts: the next endpoint is the retry.
 */
export function createArcClients(endpoints: readonly ArcEndpoint[], options: ArcClientOptions = {}): ArcEndpointClient[] {
  const wrap = options.wrap ?? ((c) => c);
  return endpoints.map((e) => ({
    endpoint: e.endpoint,
    region: e.region,
    client: wrap(
      new Route53RecoveryClusterClient({
        ...clientConfig({
          region: e.region,
          maxAttempts: 1,
          connectionTimeoutMs: options.connectionTimeoutMs ?? 1_500,
          requestTimeoutMs: options.requestTimeoutMs ?? 3_000,
        }),
        endpoint: e.endpoint,
      }),
    ),
  }));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

/** Runs `call` on each endpoint in order until one answers or one gives a definitive error. */
export async function onFirstEndpoint<T>(endpoints: readonly ArcEndpointClient[], call: (client: ArcEndpointClient['client']) => Promise<T>): Promise<ArcOutcome<T>> {
  const attempts: ArcAttempt[] = [];
  if (endpoints.length === 0) return { ok: false, attempts, error: 'no cluster endpoint is configured', definitive: false };
  let last = '';
  for (const e of endpoints) {
    try {
      const value = await call(e.client);
      attempts.push({ endpoint: e.endpoint, region: e.region });
      return { ok: true, value, endpoint: e.endpoint, attempts };
    } catch (error) {
      last = describeError(error);
      attempts.push({ endpoint: e.endpoint, region: e.region, error: last });
      if (DEFINITIVE_ERRORS.has(errorName(error))) return { ok: false, attempts, error: last, definitive: true };
    }
  }
  return { ok: false, attempts, error: `no cluster endpoint answered (${attempts.length} tried; last: ${last})`, definitive: false };
}

/** The state of one routing control. */
export function readRoutingControl(endpoints: readonly ArcEndpointClient[], routingControlArn: string): Promise<ArcOutcome<RoutingControlState>> {
  return onFirstEndpoint(endpoints, async (client) => {
    const out = await client.send(new GetRoutingControlStateCommand({ RoutingControlArn: routingControlArn }));
    const state = out.RoutingControlState;
    if (state !== 'On' && state !== 'Off') throw new Error(`the endpoint answered an unknown state "${String(state)}" for ${routingControlArn}`);
    return state;
  });
}

/** Sets several routing controls in one atomic batch (UpdateRoutingControlStates): all change, or none. */
export function updateRoutingControls(
  endpoints: readonly ArcEndpointClient[],
  states: readonly { arn: string; state: RoutingControlState }[],
): Promise<ArcOutcome<void>> {
  return onFirstEndpoint(endpoints, async (client) => {
    await client.send(
      new UpdateRoutingControlStatesCommand({
        UpdateRoutingControlStateEntries: states.map((s) => ({ RoutingControlArn: s.arn, RoutingControlState: s.state })),
      }),
    );
  });
}
