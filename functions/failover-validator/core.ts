// Failover readiness: every check reads live state from AWS in this region and in the peer region,
// nothing is assumed or hard-coded. A region that does not answer fails the checks that need it,
// with a detail naming the region and the call; it never aborts the report.
//
// One file per check in checks/, named after the check; region calls (regions.ts) and the global
// cluster's topology (topology.ts) are shared by them.
import type { ReadinessCheck, ValidatorDeps } from './check.ts';
import { checkDynamodbReplicas } from './checks/dynamodb-replicas.ts';
import { checkDynamodbReplicationLatency } from './checks/dynamodb-replication-latency.ts';
import { checkEngineVersions } from './checks/engine-versions.ts';
import { checkGlobalCluster } from './checks/global-cluster.ts';
import { checkRoute53HealthChecks } from './checks/route53-health-checks.ts';
import { checkRpoLag } from './checks/rpo-lag.ts';
import { checkS3FailedReplication } from './checks/s3-failed-replication.ts';
import { checkS3Replication } from './checks/s3-replication.ts';
import { checkTradeProcessing } from './checks/trade-processing.ts';
import { failed } from './regions.ts';
import { describeTopology, type Topology } from './topology.ts';

export type { ReadinessCheck, RegionClients, ValidatorDeps, ValidatorSettings } from './check.ts';

export interface ReadinessReport {
  ready: boolean;
  region: string;
  checkedAt: string;
  checks: ReadinessCheck[];
}

export async function validateReadiness(deps: ValidatorDeps): Promise<ReadinessReport> {
  const now = (deps.now ?? (() => new Date()))();
  let topology: Topology | undefined;
  let topologyError: unknown;
  try {
    topology = await describeTopology(deps);
  } catch (error) {
    topologyError = error;
  }
  const clusterChecks: Promise<ReadinessCheck[]> = topology
    ? Promise.all([checkGlobalCluster(deps, topology), checkEngineVersions(deps, topology), checkRpoLag(deps, topology, now)])
    : Promise.resolve(
        ['global-cluster', 'engine-versions', 'rpo-lag'].map((name) =>
          name === 'global-cluster' ? failed(name, topologyError) : { name, ok: false, detail: 'global cluster could not be described (see global-cluster)' },
        ),
      );
  // s3-failed-replication measures the rules s3-replication found.
  const s3Checks = checkS3Replication(deps).then(async ({ check, rules }) => [check, await checkS3FailedReplication(deps, rules, now)]);
  const groups = await Promise.all([
    clusterChecks,
    checkDynamodbReplicas(deps).then((c) => [c]),
    checkDynamodbReplicationLatency(deps, now).then((c) => [c]),
    s3Checks,
    checkRoute53HealthChecks(deps, topology).then((c) => [c]),
    checkTradeProcessing(deps, topology).then((c) => [c]),
  ]);
  const checks = groups.flat();
  const ready = checks.every((c) => c.ok);
  deps.metrics?.addMetric('FailoverReady', 'Count', ready ? 1 : 0);
  return { ready, region: deps.local.region, checkedAt: now.toISOString(), checks };
}
