// LINT: the suppressions file itself. Its rules run after the plan's findings met the suppressions.
import { defineFamily } from '../../rule.ts';
import { LINT001 } from './LINT001.ts';
import { LINT002 } from './LINT002.ts';

export const LINT = defineFamily({
  id: 'LINT', title: 'Suppressions (LINT)', tool: 'plan-lint', category: 'reliability',
  rules: [LINT001, LINT002],
  notes: [
    'Suppressions live in `lint-suppressions.json`: `{"suppressions": [{"rule", "address" (glob, `*` and `?`),',
    '"reason", "expires" (YYYY-MM-DD), "environments" (optional list)}]}`. A suppression without a reason is',
    'a usage error (exit 2).',
  ],
});
