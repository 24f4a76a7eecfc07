// global-cluster: the global cluster is available, has exactly one writer and one member in each
// region of the pair, and every secondary is connected.
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import type { Topology } from '../topology.ts';

export function checkGlobalCluster(deps: ValidatorDeps, topology: Topology): ReadinessCheck {
  const problems: string[] = [];
  const writers = topology.members.filter((m) => m.isWriter);
  if (topology.status !== 'available') problems.push(`status is ${topology.status}`);
  if (writers.length !== 1) problems.push(`${writers.length} writer members (expected 1)`);
  for (const region of [deps.local.region, deps.peer.region]) {
    if (!topology.members.some((m) => m.region === region)) problems.push(`no member cluster in ${region}`);
  }
  const strangers = topology.members.filter((m) => m.region !== deps.local.region && m.region !== deps.peer.region);
  if (strangers.length > 0) problems.push(`unexpected member(s) in ${strangers.map((m) => m.region).join(', ')}`);
  for (const m of topology.members.filter((x) => !x.isWriter)) {
    // SynchronizationStatus is reported for secondaries; "pending-resync" cannot take a switchover.
    if (m.synchronizationStatus && m.synchronizationStatus !== 'connected') problems.push(`${m.clusterId} (${m.region}) is ${m.synchronizationStatus}`);
  }
  const layout = topology.members.map((m) => `${m.region}:${m.clusterId}${m.isWriter ? ' (writer)' : ''}`).join(', ');
  return {
    name: 'global-cluster',
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${deps.settings.globalClusterId} available; members ${layout}` : `${problems.join('; ')}; members ${layout || 'none'}`,
    writerRegion: topology.writer?.region ?? null,
  };
}
