// tf:validate, tf:test and docs find the bootstrap roots and their inner modules.
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../tooling/core/paths.ts';
import { bootstrapDirs, bootstrapName } from '../../../tooling/terraform/modules.ts';

describe('bootstrapDirs', () => {
  it('lists each root followed by its inner modules, with short names', () => {
    const dirs = bootstrapDirs();
    expect(dirs.map((d) => relative(repoRoot, d))).toEqual(['bootstrap/dns', 'bootstrap/state', 'bootstrap/state/modules/bucket']);
    expect(dirs.map((d) => bootstrapName(d))).toEqual(['bootstrap/dns', 'bootstrap/state', 'bootstrap/state/bucket']);
  });

  it('is empty without a bootstrap directory', () => {
    expect(bootstrapDirs(join(repoRoot, 'docs'))).toEqual([]);
  });
});
