// docs/rules.md is generated from the rule registry: fail when someone edits one without the other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../tooling/lint/rules/index.ts';
import { renderRulesMarkdown } from '../../../tooling/lint/rules-doc.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

describe('docs/rules.md', () => {
  it('is current with the rule registry (regenerate: npm run --silent rules-doc)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'rules.md'), 'utf8')).toBe(renderRulesMarkdown());
  });

  it('documents every rule with checks, why, fix and equivalents', () => {
    const md = renderRulesMarkdown();
    for (const r of RULES) {
      expect(md).toContain(`### ${r.id} ${r.title} (${r.severity})`);
      expect(r.checks.length && r.why.length && r.fix.length).toBeGreaterThan(0);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
