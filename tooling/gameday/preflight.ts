// The game day starts only from the normal state, read the way `make status` reads it
// (tooling/runbook/status.ts collectStatus): the authority (Route 53 ARC routing controls) names the
// primary, the primary's cluster is the global writer with no switchover or failover under way, and no
// recovery execution runs in either region. Any other state is a refusal naming the fact that is wrong:
// a game day on a platform that is already moving would measure the wrong thing, or make it worse.
import { GetDomainNameCommand } from '@aws-sdk/client-api-gateway';
import { UserError } from '../core/errors.ts';
import { checkAccount } from '../runbook/environment.ts';
import { collectStatus, type StatusReport } from '../runbook/status.ts';
import type { GamedayEnvironment } from './environment.ts';
import type { GamedayClients } from './ports.ts';

export function requireNormalState(env: GamedayEnvironment, report: StatusReport): void {
  const { primary } = env.regions;
  const answered = report.regions.filter((r) => r.account.ok);
  if (!answered.length) throw new UserError(`Neither region answered STS (${report.regions.map((r) => `${r.region}: ${r.account.ok ? 'ok' : r.account.error}`).join('; ')}): check the credentials; a game day needs both regions.`);
  for (const r of report.regions) if (r.account.ok) checkAccount(env, r.account.value, `STS in ${r.region}`);
  const down = report.regions.filter((r) => !r.reachable).map((r) => r.region);
  if (down.length) throw new UserError(`${down.join(' and ')} did not answer: a game day starts with both regions healthy (make status ENV=${env.env} LIVE=1).`);
  if (!report.authority.ok) throw new UserError(`The authority could not be read (${report.authority.error}): a game day starts only when it names the primary ${primary}.`);
  if (report.authority.value.active !== primary) {
    const states = Object.entries(report.authority.value.states).map(([r, s]) => `${r} ${s}`).join(', ');
    throw new UserError(`The authority is not on the primary: the routing controls say ${states}, and a game day starts only when ${primary} alone is On.`);
  }
  if (!report.writer.ok) throw new UserError(`The global database writer could not be read (${report.writer.error}): a game day starts only when ${primary} is the writer.`);
  if (report.writer.value.region !== primary) throw new UserError(`The primary is not the writer: the global database writer is ${report.writer.value.region ?? 'none'}, not ${primary}.`);
  if (report.writer.value.operation) throw new UserError(`The global database is in a ${report.writer.value.operation}: wait for it to finish.`);
  for (const r of report.regions) {
    if (!r.runningExecutions.ok) throw new UserError(`The recoveries running in ${r.region} could not be listed (${r.runningExecutions.error}): a game day starts only when none runs.`);
    const running = r.runningExecutions.value;
    if (running.length) throw new UserError(`A recovery is running in ${r.region} (${running.map((e) => e.name).join(', ')}): a game day starts only when none runs; follow it with make status ENV=${env.env} LIVE=1.`);
  }
}

/** Reads the status from both regions and refuses anything but the normal state. */
export async function checkNormalState(env: GamedayEnvironment, clients: GamedayClients, now: Date): Promise<StatusReport> {
  const report = await collectStatus(env, clients, now);
  requireNormalState(env, report);
  return report;
}

/**
 * Each region's regional endpoint of the shared name (API Gateway GetDomainName: regionalDomainName,
 * the target of that region's failover alias record), read before anything moves so that a region
 * lost later is still recognisable in DNS answers.
 */
export async function regionalEndpoints(env: GamedayEnvironment, clients: GamedayClients): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const region of [env.regions.primary, env.regions.secondary]) {
    let name: string | undefined;
    try {
      name = (await clients.apigateway(region).send(new GetDomainNameCommand({ domainName: env.sharedHost }))).regionalDomainName;
    } catch (error) {
      throw new UserError(`API Gateway in ${region} did not give the custom domain ${env.sharedHost} (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}): is ${env.env} applied with this zone_name?`);
    }
    if (!name) throw new UserError(`The custom domain ${env.sharedHost} in ${region} has no regional domain name: it must be a REGIONAL endpoint (modules/failover-orchestrator).`);
    out[region] = name;
  }
  return out;
}
