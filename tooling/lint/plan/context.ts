// What every plan rule gets: the index, a finding sink, and shared lookups built once per run.
import type { Instance, PlanIndex } from './index.ts';
import { targetsOf, typeSet } from './references.ts';
import type { Finding, RuleInfo } from '../types.ts';

export const PLAN_ADDRESS = '(plan)';

export class RuleContext {
  readonly findings: Finding[] = [];
  private companionCache = new Map<string, Map<string, Instance[]>>();
  private memos = new Map<unknown, unknown>();

  constructor(readonly index: PlanIndex) {}

  /** Records a finding of `rule` (its own severity) at `address`. */
  emit(rule: Pick<RuleInfo, 'id' | 'severity'>, address: string, message: string): void {
    this.findings.push({ rule: rule.id, severity: rule.severity, address, message });
  }

  /**
   * A computation several rules share (the global-cluster membership, the RTO budget), done once per
   * run: the first call computes, later calls with the same key get the same value.
   */
  memo<T>(key: object, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  managedOf(...types: string[]): Instance[] {
    return types.flatMap((t) => (this.index.byType.get(t) ?? []).filter((i) => i.mode === 'managed'));
  }

  get multiRegion(): boolean {
    return this.index.regions.length >= 2;
  }

  /**
   * Companion resources of `companionType` grouped by the address of what their `attr` points at
   * (e.g. aws_s3_bucket_versioning by the bucket named in `bucket`). Built once per pair.
   */
  companions(companionType: string, attr: string[], targetTypes: string[]): Map<string, Instance[]> {
    const key = `${companionType}|${attr.join('.')}|${targetTypes.join(',')}`;
    let map = this.companionCache.get(key);
    if (!map) {
      map = new Map();
      const types = typeSet(...targetTypes);
      for (const c of this.managedOf(companionType)) {
        for (const t of targetsOf(this.index, c, attr, types)) {
          const list = map.get(t.address);
          if (list) list.push(c);
          else map.set(t.address, [c]);
        }
      }
      this.companionCache.set(key, map);
    }
    return map;
  }
}

/** Human form of a resource's region for messages. */
export function inRegion(inst: Instance): string {
  return inst.region ? ` (${inst.region})` : '';
}
