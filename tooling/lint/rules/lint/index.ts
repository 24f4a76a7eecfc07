// LINT: the suppressions file itself. Its rules run after the plan's findings met the suppressions.
import { defineFamily } from '../../rule.ts';
import { LINT001 } from './LINT001.ts';
import { LINT002 } from './LINT002.ts';

export const LINT = defineFamily({
  id: 'LINT', title: 'Waivers (LINT)', tool: 'plan-lint', category: 'reliability',
  rules: [LINT001, LINT002],
  notes: [
    'Waivers live in `lint-suppressions.json`: `{"suppressions": [{"rule" (the check ID), "address" (the resource:',
    'an address or glob, `*` and `?`), "reason", "owner" (a team slug or an e-mail address), "expires" (YYYY-MM-DD),',
    '"decision" (its decision record, `docs/decisions/NNN-title.md`), "environments" (optional list)}]}`. The file is',
    'validated before linting: a missing or malformed field, an unknown field or a decision record that does not',
    'exist is a usage error (exit 2) naming the entry. plan-lint lists every waiver in scope with the findings it',
    'suppressed (human, markdown and JSON reports; SARIF results with an accepted external suppression). An',
    'expired waiver fails the run (exit 1) at any `--fail-on`.',
  ],
});
