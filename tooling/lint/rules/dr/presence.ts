// "X in every region" (DR012-DR015): a region lacking X is reported at its own resource that needs X,
// else at X's counterpart in another region, else at the plan.
import type { Instance } from '../../plan/index.ts';
import { PLAN_ADDRESS, inRegion, type RuleContext } from '../../plan/context.ts';
import type { RuleInfo } from '../../types.ts';
import { str } from '../../plan/index.ts';

export function presence(
  ctx: RuleContext,
  rule: RuleInfo,
  what: string,
  have: Map<string, Instance[]>,
  fix: string,
  lacking?: (region: string) => Instance | undefined,
): void {
  const anyRegion = [...have.values()].flat().sort((a, b) => a.address.localeCompare(b.address));
  for (const region of ctx.index.regions) {
    if ((have.get(region) ?? []).length > 0) continue;
    const local = lacking?.(region);
    if (local) ctx.emit(rule, local.address, `${local.address} (${region}): no ${what} in ${region}: ${fix}`);
    else if (anyRegion[0]) ctx.emit(rule, anyRegion[0].address, `${anyRegion[0].address}${inRegion(anyRegion[0])} has no counterpart in ${region}: ${fix}`);
    else if (ctx.multiRegion) ctx.emit(rule, PLAN_ADDRESS, `No ${what} in ${region}: ${fix}`);
  }
}

export function byRegion(list: Instance[]): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  for (const i of list) if (i.region) out.set(i.region, [...(out.get(i.region) ?? []), i]);
  return out;
}

/** True when the resource's label, name or function_name matches. */
export function named(i: Instance, re: RegExp): boolean {
  return re.test(i.name) || re.test(str(i.values.name) ?? '') || re.test(str(i.values.function_name) ?? '');
}
