// Where the shared name points, measured with real lookups. Each sample resolves the shared name and
// both regions' regional endpoints (the API Gateway regional domain names the failover alias records
// target) through the same resolver, and names the region whose current addresses the answer shares.
// The next lookup waits for the answer's TTL (at least 1 s), as a client's cache would: looking up more
// often would only read the resolver's cache. A Route 53 alias answers with the target's addresses,
// which API Gateway rotates, so both sides are resolved at the same moment rather than remembered.
import type { Clock, DnsPort } from './ports.ts';

export interface DnsSample {
  /** Seconds since the start of the game day. */
  t: number;
  /** The region the answer points to; null when it matches neither (or both) or the lookup failed. */
  region: string | null;
  addresses: string[];
  ttl: number;
  error?: string;
}

export class DnsWatcher {
  readonly samples: DnsSample[] = [];
  private stopped = false;
  private readonly known = new Map<string, Set<string>>();

  constructor(
    private readonly host: string,
    /** region -> regional domain name of the shared name's custom domain in that region. */
    private readonly regional: Record<string, string>,
    private readonly dns: DnsPort,
    private readonly clock: Clock,
    private readonly since: () => number,
    private readonly note: (region: string, what: string) => void,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  /** The region each regional endpoint resolves to now; keeps the last known addresses when a lookup fails. */
  private async refreshRegional(): Promise<void> {
    await Promise.all(
      Object.entries(this.regional).map(async ([region, name]) => {
        try {
          const records = await this.dns.resolve4(name);
          if (records.length) this.known.set(region, new Set(records.map((r) => r.address)));
        } catch {
          // The previous addresses stay: a regional name that does not resolve says nothing new.
        }
      }),
    );
  }

  async sample(): Promise<DnsSample> {
    const [shared] = await Promise.all([this.dns.resolve4(this.host).then((r) => ({ records: r }), (e: unknown) => ({ error: e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}` : String(e) })), this.refreshRegional()]);
    const t = this.since();
    if ('error' in shared) return this.record({ t, region: null, addresses: [], ttl: 0, error: shared.error });
    const addresses = shared.records.map((r) => r.address).sort();
    const matches = [...this.known].filter(([, set]) => addresses.some((a) => set.has(a))).map(([region]) => region);
    const ttl = shared.records.length ? Math.min(...shared.records.map((r) => r.ttl)) : 0;
    return this.record({ t, region: matches.length === 1 ? matches[0]! : null, addresses, ttl });
  }

  private record(s: DnsSample): DnsSample {
    const last = this.samples[this.samples.length - 1];
    this.samples.push(s);
    if (!last || last.region !== s.region || Boolean(last.error) !== Boolean(s.error)) {
      const what = s.error
        ? `${this.host} does not resolve (${s.error})`
        : s.region
          ? `${this.host} resolves to ${s.region} (${s.addresses.join(', ')}; TTL ${s.ttl} s)`
          : `${this.host} resolves to addresses of neither regional endpoint (${s.addresses.join(', ') || 'none'})`;
      this.note('dns', what);
    }
    return s;
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      const s = await this.sample();
      if (this.stopped) break;
      await this.clock.sleep(Math.max(1, s.error ? 5 : s.ttl) * 1000);
    }
  }

  /** The first sample at or after `from` (seconds) pointing to `region`. */
  firstAt(region: string, from: number): DnsSample | undefined {
    return this.samples.find((s) => s.t >= from && s.region === region);
  }
}
