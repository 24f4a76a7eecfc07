// Summarises a `terraform show -json` plan: resources per action, grouped by module instance and region.
import { configAddress, moduleOf } from './address.ts';
import type { ConfigModule, PlanDocument, ProviderConfig } from './plan-json.ts';

/**
 * Maps each configuration address (without instance keys) to the region of the provider it uses.
 * Regions come from the root provider blocks' `region` (a constant or a root variable reference).
 */
export function regionsByConfigAddress(plan: PlanDocument): Map<string, string> {
  const providers = plan.configuration?.provider_config ?? {};
  const regionOfKey = new Map<string, string>();
  for (const [key, cfg] of Object.entries(providers)) {
    const expr = cfg.expressions?.region;
    if (!expr) continue;
    if (typeof expr.constant_value === 'string') regionOfKey.set(key, expr.constant_value);
    const ref = expr.references?.find((r) => r.startsWith('var.'));
    const value = ref ? plan.variables?.[ref.slice(4)]?.value : undefined;
    if (typeof value === 'string') regionOfKey.set(key, value);
  }
  const out = new Map<string, string>();
  const walk = (mod: ConfigModule | undefined, prefix: string) => {
    if (!mod) return;
    for (const r of mod.resources ?? []) {
      const region = resolveProviderRegion(r.provider_config_key, providers, regionOfKey);
      if (region) out.set(prefix + r.address, region);
    }
    for (const [name, call] of Object.entries(mod.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(plan.configuration?.root_module, '');
  return out;
}

// A module's provider_config_key names the provider as the root passed it in (e.g. "aws.primary"),
// or as "<module>:aws" when the module got a provider without an alias mapping; follow until a root key.
function resolveProviderRegion(
  key: string | undefined,
  providers: Record<string, ProviderConfig>,
  regionOfKey: Map<string, string>,
): string | undefined {
  let current: string | undefined = key;
  for (let hops = 0; current && hops < 10; hops++) {
    const region = regionOfKey.get(current);
    if (region) return region;
    const cfg: ProviderConfig | undefined = providers[current];
    if (!cfg) return undefined;
    current = cfg.alias ? `${cfg.name}.${cfg.alias}` : undefined;
    if (current && !providers[current] && !regionOfKey.has(current)) return undefined;
  }
  return undefined;
}

export interface SummaryRow {
  module: string;
  region: string;
  create: number;
  update: number;
  replace: number;
  delete: number;
}

export function summarise(plan: PlanDocument): SummaryRow[] {
  const regions = regionsByConfigAddress(plan);
  const rows = new Map<string, SummaryRow>();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== 'managed') continue;
    const module = moduleOf(rc.address);
    const region = regions.get(configAddress(rc.address)) ?? '?';
    const key = `${module}\u0000${region}`;
    const row = rows.get(key) ?? { module, region, create: 0, update: 0, replace: 0, delete: 0 };
    const a = rc.change.actions;
    if (a.includes('create') && a.includes('delete')) row.replace++;
    else if (a.includes('create')) row.create++;
    else if (a.includes('update')) row.update++;
    else if (a.includes('delete')) row.delete++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((x, y) => x.module.localeCompare(y.module) || x.region.localeCompare(y.region));
}

export function formatSummary(rows: SummaryRow[]): string {
  const header = ['module', 'region', 'add', 'change', 'replace', 'destroy'];
  const body = rows.map((r) => [r.module, r.region, r.create, r.update, r.replace, r.delete].map(String));
  const total = rows.reduce((n, r) => n + r.create, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...body.map(line), `${total} resources to add`].join('\n');
}
