// Timings of the lifecycle simulation beyond the state machine's own calls (those are the drill's
// TIMING_MODEL). Each figure is documented (with its source) or a labelled assumption; the README's
// "The lifecycle drill" section lists them.
import { RTO_FIGURES } from '../../rto/figures.ts';
import { TIMING_MODEL, type Timing } from '../timing.ts';

export const LIFECYCLE_TIMING = {
  healthCheckInterval: RTO_FIGURES.health_check_interval,
  dnsAliasTtl: RTO_FIGURES.dns_alias_ttl,
  probeInterval: RTO_FIGURES.probe_interval,
  promotion: RTO_FIGURES.promotion,
  replicationLag: {
    seconds: 1,
    source: 'assumption: Aurora global database storage replication is documented as typically under a second (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html); 1 s until a replication-lag fault sets it',
  },
  fenceOnReturn: {
    seconds: 30,
    source: 'assumption: an old primary that could not be fenced during a failover stops taking writes this long after its region is reachable again; AWS documents the fencing as best effort and says writes "might be momentarily accepted in the old primary Region" (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html#aurora-global-database-failover.managed-unplanned)',
  },
  resync: {
    seconds: 900,
    source: 'assumption: a returned old primary is rebuilt from the new primary and rejoins as a secondary (same page as above); the rebuild time depends on the volume, 900 s assumed, during which it is pending-resync and cannot take a switchover',
  },
  esmPoll: {
    seconds: 1,
    source: 'assumption: the SQS event source long-polls continuously; the processor is invoked once a second with what is visible (up to batch_size)',
  },
  peerCallTimeout: {
    seconds: 2 * 3,
    source: 'functions/region-fence/handler.ts: two attempts with a 3 s connect timeout for each call into an unreachable peer (the fence makes its calls one after the other: stage, queue depth, flag)',
  },
  arcEndpointTimeout: {
    seconds: 1.5,
    source: 'functions/shared/arc.ts createArcClients: one attempt per cluster endpoint with a 1,500 ms connection timeout; an endpoint that does not answer costs this much before the next is tried',
  },
  syncSchedule: {
    seconds: 60,
    source: 'the region-fence sync runs from an EventBridge rule every minute in each region (rate(1 minute)); the drill fires it at second 30 of each minute in the primary and 45 in the secondary (assumption: the rule\'s phase is not configurable), and not while the region is down',
  },
  clientRetry: {
    seconds: 5,
    source: 'assumption: a client whose order is refused (503) or not answered retries the same order every 5 s, resolving the name again through its caching resolver, and gives up (the order is refused, not acknowledged) once the next try would be more than 30 s after the first',
  },
  dynamodbReplicationLatency: {
    seconds: 0.8,
    source: 'assumption: DynamoDB global table ReplicationLatency reported to the validator (it only feeds the readiness report)',
  },
} as const satisfies Record<string, Timing>;

/** Route 53's checkers are modelled as one, probing every interval; resolvers cache answers for the alias TTL. */
export const CLIENT_RESOLVERS = 4;

/** A refused order is tried again until this long after its first try (LIFECYCLE_TIMING.clientRetry). */
export const CLIENT_GIVE_UP_SECONDS = 30;
