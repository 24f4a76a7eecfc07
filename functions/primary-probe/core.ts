// The canary behind automatic failover, in the secondary region. Two vantage points on the primary:
//   (a) its own GET of the primary's regional /health, with a short timeout. A 2xx is up; a 429 is the
//       probe being throttled by an API that answers, which is not down either.
//   (b) Route 53's health checkers, read through the DNS data plane: TXT failover records at
//       ROUTE53_VIEW_NAME, the PRIMARY one (value "healthy") carrying the primary's HTTPS health check,
//       the SECONDARY one "unhealthy" without one. The answer is "healthy" while Route 53 sees the
//       primary healthy.
// "Passive" (demoted on purpose) is the primary's routing control being Off on the authority (ARC).
// Outcomes:
//   healthy      - (a) is up; or (a) failed but Route 53's checkers see the primary healthy.
//   passive      - (a) failed and the primary's routing control is Off: not an outage.
//   unhealthy    - (a) failed AND (b) says unhealthy AND the routing control is On.
//   inconclusive - (a) failed and (b) or the routing control could not be read.
// Only healthy/unhealthy produce a PrimaryHealthy datapoint (1/0): the alarm treats missing data as
// not breaching, so neither a passive primary nor a blind probe counts towards a failover.
import { describeError } from '../shared/aws.ts';
import { readRoutingControl, type ArcEndpointClient } from '../shared/arc.ts';
import type { MetricSink } from '../shared/metrics.ts';

export type ProbeOutcome = 'healthy' | 'unhealthy' | 'passive' | 'inconclusive';
export type Route53View = 'healthy' | 'unhealthy' | 'unresolved';

export interface ProbeResult {
  outcome: ProbeOutcome;
  url: string;
  /** HTTP status of (a), when an answer arrived. */
  status?: number;
  /** Latency of (a). */
  latencyMs: number;
  detail: string;
  /** Whether (a), the probe's own GET, failed. */
  canaryFailed: boolean;
  /** (b), Route 53's view of the primary. */
  route53View: Route53View;
  /** The primary's routing control; read only when (a) failed. */
  routingControl?: 'On' | 'Off' | 'unknown';
}

export interface ProbeSettings {
  /** The primary's regional /health URL. */
  url: string;
  timeoutMs: number;
  /** DNS name of the TXT failover records. */
  route53ViewName: string;
  primaryRoutingControlArn: string;
}

export interface ProbeDeps {
  fetch: typeof fetch;
  /** node:dns/promises resolveTxt (or a Resolver's), injected so tests need no network. */
  resolveTxt: (name: string) => Promise<string[][]>;
  /** Data-plane clients of the ARC cluster, one per endpoint, tried in order. */
  arc: readonly ArcEndpointClient[];
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

/** (b): the TXT answer, "healthy" or "unhealthy"; anything else, or no answer in time, is unresolved. */
async function route53View(deps: ProbeDeps): Promise<{ view: Route53View; detail: string }> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no DNS answer within ${deps.settings.timeoutMs} ms`)), deps.settings.timeoutMs);
  });
  try {
    const records = await Promise.race([deps.resolveTxt(deps.settings.route53ViewName), deadline]);
    const values = records.map((chunks) => chunks.join(''));
    if (values.length === 1 && (values[0] === 'healthy' || values[0] === 'unhealthy')) return { view: values[0], detail: `Route 53 view: ${values[0]}` };
    return { view: 'unresolved', detail: `Route 53 view unresolved: unexpected TXT answer ${JSON.stringify(values)}` };
  } catch (error) {
    return { view: 'unresolved', detail: `Route 53 view unresolved: ${describeError(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

export async function probePrimary(deps: ProbeDeps): Promise<ProbeResult> {
  const viewing = route53View(deps);
  const started = deps.now();
  const answer = await get(deps);
  const latencyMs = Math.max(0, Math.round(deps.now() - started));
  const view = await viewing;
  const up = answer.status !== undefined && ((answer.status >= 200 && answer.status < 300) || answer.status === 429);
  const base = { url: deps.settings.url, latencyMs, ...(answer.status !== undefined ? { status: answer.status } : {}), canaryFailed: !up, route53View: view.view };
  if (up) {
    const throttled = answer.status === 429 ? ' (throttled: the primary answers, it is not down)' : '';
    return { ...base, outcome: 'healthy', detail: `${answer.detail}${throttled}; ${view.detail}` };
  }
  const control = await readRoutingControl(deps.arc, deps.settings.primaryRoutingControlArn);
  const routingControl = control.ok ? control.value : 'unknown';
  const detail = `${answer.detail}; ${view.detail}; routing control ${control.ok ? control.value : `unreadable (${control.error})`}`;
  const result = { ...base, routingControl } as const;
  if (routingControl === 'Off') return { ...result, outcome: 'passive', detail: `${detail}: demoted on purpose, not an outage` };
  if (view.view === 'unresolved' || routingControl === 'unknown') return { ...result, outcome: 'inconclusive', detail: `${detail}: no failover datapoint` };
  if (view.view === 'healthy') return { ...result, outcome: 'healthy', detail: `${detail}: Route 53's checkers see the primary healthy` };
  return { ...result, outcome: 'unhealthy', detail };
}

/** The datapoints the alarms read (see the header). */
export function recordProbe(result: ProbeResult, metrics: MetricSink): void {
  metrics.addMetric('PrimaryProbeLatency', 'Milliseconds', result.latencyMs);
  metrics.addMetric('CanaryFailed', 'Count', result.canaryFailed ? 1 : 0);
  if (result.route53View !== 'unresolved') metrics.addMetric('Route53ViewUnhealthy', 'Count', result.route53View === 'unhealthy' ? 1 : 0);
  if (result.outcome === 'passive') metrics.addMetric('PrimaryPassive', 'Count', 1);
  else if (result.outcome === 'healthy' || result.outcome === 'unhealthy') metrics.addMetric('PrimaryHealthy', 'Count', result.outcome === 'healthy' ? 1 : 0);
}

// --- Preflight of a data-loss failover ------------------------------------------------------------------
// The state machine of the region being activated invokes this function (its own region's copy, which
// probes the OTHER region) before a failover with AllowDataLoss. It re-reads the same two vantage points
// as the scheduled probe, now, not what the alarm saw minutes ago:
//   healthy   - the own GET is up (2xx or 429), or Route 53's checkers see the region healthy: it serves,
//               and a failover would throw away what it has not replicated yet.
//   unhealthy - the own GET failed AND Route 53's view says unhealthy: both vantage points agree.
//   unknown   - the own GET failed and Route 53's view could not be read: cannot tell.
// The routing control is not read: a region whose control is Off answers 503 on /health (the authority
// does not name it), so its HTTPS check, and the view, say unhealthy already.
export type PeerVerdict = 'healthy' | 'unhealthy' | 'unknown';

export interface PeerAssessment {
  verdict: PeerVerdict;
  url: string;
  status?: number;
  canaryFailed: boolean;
  route53View: Route53View;
  detail: string;
}

export function judgePeer(canaryUp: boolean, view: Route53View): PeerVerdict {
  if (canaryUp || view === 'healthy') return 'healthy';
  return view === 'unhealthy' ? 'unhealthy' : 'unknown';
}

export async function assessPeer(deps: Omit<ProbeDeps, 'arc'>): Promise<PeerAssessment> {
  const full = deps as ProbeDeps;
  const [answer, view] = await Promise.all([get(full), route53View(full)]);
  const up = answer.status !== undefined && ((answer.status >= 200 && answer.status < 300) || answer.status === 429);
  const verdict = judgePeer(up, view.view);
  const because = {
    healthy: up ? 'its /health answers' : "Route 53's checkers see it healthy",
    unhealthy: 'its /health fails from here and Route 53\'s checkers see it unhealthy',
    unknown: "its /health fails from here and Route 53's view could not be read: cannot tell",
  }[verdict];
  return {
    verdict,
    url: deps.settings.url,
    ...(answer.status !== undefined ? { status: answer.status } : {}),
    canaryFailed: !up,
    route53View: view.view,
    detail: `${verdict}: ${because} (${answer.detail}; ${view.detail})`,
  };
}

/** The state machine's invocation: {"action": "assess"}. Anything else is the scheduled probe. */
export function isAssessRequest(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { action?: unknown }).action === 'assess';
}
