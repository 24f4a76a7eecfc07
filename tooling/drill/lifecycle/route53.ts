// Route 53 as the clients meet it: per region two health checks, and the failover alias records.
//
// The checks (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-types.html):
//   - a RECOVERY_CONTROL check of the region's ARC routing control (RecoveryControlCheck): healthy
//     while the control is On. AWS publishes no figure for how soon it follows a change of the
//     control; the drill models it as following at Route 53's next evaluation, one request interval
//     (10 s) at most, which is an assumption. The region's failover record follows this check alone:
//     with exactly one control On (the safety rules), exactly one record is healthy, so the rule that
//     answers PRIMARY when every record is unhealthy
//     (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html) never hands
//     traffic to a region the authority does not name;
//   - the HTTPS check of the region's /health (HealthCheck below): the probe's view records, the
//     validator and the alarms read it; DNS does not.
//
// Health checks (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html
// and https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html#health-checks-creating-values-failure-threshold):
// every request interval the endpoint is probed; its status changes only after `failure threshold`
// consecutive results the other way (in both directions). Route 53 runs many checkers and calls the
// endpoint healthy when more than 18% of them do; they all probe the same regional endpoint from
// outside both regions, so the drill models them as one.
//
// Failover records (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html#dns-failover-types-active-passive
// and https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html):
// PRIMARY while it is healthy; SECONDARY when PRIMARY is unhealthy and SECONDARY is healthy; PRIMARY
// again when both are unhealthy (Route 53 then treats all records as healthy).
//
// Clients reach the API name through caching resolvers that keep an answer for the alias record's
// TTL (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html).

export class HealthCheck {
  healthy: boolean;
  private streak = 0;

  constructor(
    readonly region: string,
    initiallyHealthy: boolean,
    private readonly threshold: number,
  ) {
    this.healthy = initiallyHealthy;
  }

  /** Records one probe result; returns true when the status changed. */
  record(ok: boolean): boolean {
    if (ok === this.healthy) {
      this.streak = 0;
      return false;
    }
    this.streak++;
    if (this.streak < this.threshold) return false;
    this.healthy = ok;
    this.streak = 0;
    return true;
  }
}

/** The RECOVERY_CONTROL check: follows the routing control's state at each evaluation. */
export class RecoveryControlCheck {
  healthy: boolean;

  constructor(
    readonly region: string,
    initiallyOn: boolean,
  ) {
    this.healthy = initiallyOn;
  }

  /** One evaluation against the control's state; returns true when the status changed. */
  record(on: boolean): boolean {
    const changed = on !== this.healthy;
    this.healthy = on;
    return changed;
  }
}

/**
 * The view TXT records the primary-probe resolves (contract: a PRIMARY TXT record `healthy` with the
 * primary's HTTPS health check, a SECONDARY TXT record `unhealthy` without one). Failover routing
 * answers PRIMARY while its check is healthy, else SECONDARY (which has no check, so it is healthy).
 */
export function route53ViewAnswer(primaryHttpsHealthy: boolean): 'healthy' | 'unhealthy' {
  return primaryHttpsHealthy ? 'healthy' : 'unhealthy';
}

/** The failover routing rule for a PRIMARY and a SECONDARY record, each with its health check. */
export function failoverAnswer(primary: { region: string; healthy: boolean }, secondary: { region: string; healthy: boolean }): string {
  if (primary.healthy) return primary.region;
  if (secondary.healthy) return secondary.region;
  return primary.region;
}

/** A caching resolver: answers from its cache until the TTL runs out, then asks Route 53 again. */
export class Resolver {
  private answer: string | null = null;
  private expiresAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ttlSeconds: number,
    /** Seconds into the first TTL at which this resolver's cached answer was fetched (staggers the resolvers). */
    phase: number,
    initial: string,
  ) {
    this.answer = initial;
    this.expiresAt = ttlSeconds - phase;
  }

  resolve(now: number, ask: () => string): string {
    if (this.answer === null || now >= this.expiresAt) {
      this.answer = ask();
      this.expiresAt = now + this.ttlSeconds;
    }
    return this.answer;
  }
}
