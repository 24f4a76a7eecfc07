// Region names and account ids written into module files (HCL006, HCL007), found in one walk per file.
import type { HclValue } from '../../../terraform/hcl.ts';
import type { HclContext, HclFile } from '../../hcl/context.ts';
import { configStrings } from './layout.ts';

export const REGION_PATTERN = /\b(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/;
export const ACCOUNT_PATTERN = /(?<![\d.])\d{12}(?![\d.])/;

export interface ModuleLiterals {
  file: HclFile;
  /** Sorted, each once. */
  regions: string[];
  accounts: string[];
}

/** Each parsed module file with the regions and account ids its configuration (not its prose) names. */
export function moduleLiterals(ctx: HclContext): ModuleLiterals[] {
  return ctx.memo(moduleLiterals, () => ctx.parsed.filter((f) => f.unit.kind === 'module').map((file) => {
    const regions = new Set<string>();
    const accounts = new Set<string>();
    for (const s of configStrings(file.doc as HclValue)) {
      const r = REGION_PATTERN.exec(s);
      if (r) regions.add(r[0]);
      const a = ACCOUNT_PATTERN.exec(s);
      if (a) accounts.add(a[0]);
    }
    return { file, regions: [...regions].sort(), accounts: [...accounts].sort() };
  }));
}
