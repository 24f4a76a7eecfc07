// The canary behind automatic failover: from the secondary region, GET the primary's regional
// /health with a short timeout. Three outcomes:
//   healthy   - a 2xx answer.
//   passive   - no 2xx, but the primary's serving flag reads "false": it was demoted on purpose (a
//               switchover or an earlier failover), which is not an outage and must not start one.
//   unhealthy - no 2xx and the primary should be serving (flag "true"), or its flag cannot be read
//               (the region is unreachable).
// Only healthy/unhealthy produce a PrimaryHealthy datapoint (1/0); the alarm treats missing data as
// not breaching, so a passive primary never counts towards a failover.
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { describeError } from '../shared/aws.ts';
import type { MetricSink } from '../shared/metrics.ts';

export type ProbeOutcome = 'healthy' | 'unhealthy' | 'passive';

export interface ProbeResult {
  outcome: ProbeOutcome;
  url: string;
  /** HTTP status, when an answer arrived. */
  status?: number;
  latencyMs: number;
  detail: string;
}

export interface ProbeSettings {
  /** The primary's regional /health URL. */
  url: string;
  timeoutMs: number;
  /** The primary's serving flag (SSM parameter name). */
  servingParameter: string;
}

export interface ProbeDeps {
  fetch: typeof fetch;
  /** SSM client in the PRIMARY region, to read its serving flag when /health fails. */
  primarySsm: Pick<SSMClient, 'send'>;
  now: () => number;
  settings: ProbeSettings;
}

async function get(deps: ProbeDeps): Promise<{ status?: number; detail: string }> {
  try {
    const res = await deps.fetch(deps.settings.url, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'trading-primary-probe' },
      signal: AbortSignal.timeout(deps.settings.timeoutMs),
      redirect: 'manual',
    });
    // Drain the body so the connection is released; its content is logged, not interpreted.
    const body = (await res.text()).slice(0, 500);
    return { status: res.status, detail: `HTTP ${res.status}${body ? `: ${body}` : ''}` };
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return { detail: `no answer within ${deps.settings.timeoutMs} ms` };
    return { detail: `request failed: ${describeError((error as { cause?: unknown })?.cause ?? error)}` };
  }
}

async function servingFlag(deps: ProbeDeps): Promise<{ value?: string; error?: string }> {
  try {
    const out = await deps.primarySsm.send(new GetParameterCommand({ Name: deps.settings.servingParameter }));
    return { value: out.Parameter?.Value };
  } catch (error) {
    return { error: describeError(error) };
  }
}

export async function probePrimary(deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.now();
  const answer = await get(deps);
  const latencyMs = Math.max(0, Math.round(deps.now() - started));
  const base = { url: deps.settings.url, latencyMs, ...(answer.status !== undefined ? { status: answer.status } : {}) };
  if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) {
    return { ...base, outcome: 'healthy', detail: answer.detail };
  }
  const flag = await servingFlag(deps);
  if (flag.value === 'false') {
    return { ...base, outcome: 'passive', detail: `${answer.detail}; serving flag is "false": demoted on purpose, not an outage` };
  }
  const why = flag.error ? `serving flag unreadable (${flag.error})` : `serving flag is "${flag.value ?? 'missing'}"`;
  return { ...base, outcome: 'unhealthy', detail: `${answer.detail}; ${why}` };
}

/** The datapoints the alarm reads: PrimaryHealthy only for healthy/unhealthy (see the header). */
export function recordProbe(result: ProbeResult, metrics: MetricSink): void {
  metrics.addMetric('PrimaryProbeLatency', 'Milliseconds', result.latencyMs);
  if (result.outcome === 'passive') {
    metrics.addMetric('PrimaryPassive', 'Count', 1);
    return;
  }
  metrics.addMetric('PrimaryHealthy', 'Count', result.outcome === 'healthy' ? 1 : 0);
}
