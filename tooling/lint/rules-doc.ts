// docs/rules.md, generated from the rule registry (npm run --silent rules-doc; --check in make lint and
// the tests): each rule's own metadata and notes, family by family.
import { ALIAS_DNS_SECONDS, PROMOTION_SECONDS } from '../rto/budget.ts';
import type { Family } from './rule.ts';
import { FAMILIES, RULES } from './rules/index.ts';

const esc = (s: string) => s.replace(/\|/g, '\\|');

function section(family: Family): string[] {
  const out = [`## ${family.title}`, ''];
  for (const r of family.rules) {
    out.push(`### ${r.id} ${r.title} (${r.severity})`, '', `- **Checks:** ${r.checks}`, `- **Why:** ${r.why}`, `- **Fix:** ${r.fix}`,
      `- **Public scanners:** ${r.equivalents.length ? r.equivalents.join('; ') : 'none'}`, '');
    if (r.notes?.length) out.push(...r.notes, '');
  }
  if (family.notes?.length) out.push(...family.notes, '');
  return out;
}

export function renderRulesMarkdown(): string {
  const summary = RULES.map((r) => `| ${r.id} | ${r.severity} | ${esc(r.title)} | ${r.equivalents.length ? esc(r.equivalents.join('; ')) : 'none'} |`);
  const lines = [
    '# Lint rules',
    '',
    '<!-- Generated from the rule registry by `npm run --silent rules-doc`; a test fails when this file is stale. -->',
    '',
    '`plan-lint` reads `terraform show -json` output; `hcl-lint` reads `modules/` (inner modules included) and',
    '`environments/`. Each rule is one file, `tooling/lint/rules/<family>/<ID>.ts`, with its passing and failing',
    'cases in `tests/tooling/lint/rules/<family>/<ID>.test.ts` (see `tooling/lint/README.md`).',
    'Exit codes: 0 no finding at or above `--fail-on` (default high), 1 findings at or above it, 2 usage',
    'error or unreadable input. Severities: critical, high, medium, low, and info (notes that never fail).',
    '',
    '| ID | Severity | Rule | Public scanner equivalents |',
    '| --- | --- | --- | --- |',
    ...summary,
    '',
    '## RTO budget',
    '',
    'detection (health-check `request_interval` x `failure_threshold`, or the primary probe\'s alarm delay when',
    'automatic failover is on and that is longer; a manual start adds the on-call response time, which the',
    'budget names but cannot know) + orchestration (fixed waits +',
    'approval bound + one poll interval, from a known state machine definition, else the failover',
    'module\'s `rto_parameters`, else documented defaults) + promotion + DNS. Constants:',
    '',
    `- DNS for an alias record: ${ALIAS_DNS_SECONDS} s. Route 53 alias answers for AWS-managed regional endpoints carry`,
    '  a 60 s TTL that nobody can set; failover changes the answer at once, resolvers see it within that TTL.',
    '  Added to it: the SECONDARY record\'s health check turning healthy (interval x threshold), because the',
    '  secondary answers 503 until it is activated and Route 53 needs that many passing checks before it',
    '  answers with the SECONDARY record.',
    `- Aurora promotion: ${PROMOTION_SECONDS} s. AWS documents "typically minutes" for a global database failover`,
    '  (Aurora User Guide, recovering a global database from an unplanned outage); the budget takes 5 minutes.',
    '',
    'DR017 fails when the total exceeds the root variable `rto_budget_seconds`; DR018 and DR019 check that the',
    'poll loop and the execution timeout leave room for a documented promotion.',
    '',
    '## How resources are matched',
    '',
    'A companion (versioning, encryption, public access block, policy, ownership, replication, redrive, log',
    'group, event target) belongs to the resource its attribute points at. A value known at plan time is',
    'matched against names, ids and ARNs (same region first, since names repeat per region); a value known',
    'only after apply is followed through the configuration\'s expression `references`, including',
    '`for_each`/`count` keys (`aws_s3_bucket.this[each.key]` pairs with the same key), module inputs',
    '(`var.x` to the caller\'s expression) and module outputs. A value known to be null points nowhere.',
    'The plan JSON carries no `local` expressions, so a reference through a local resolves to nothing: such',
    'a check gives no verdict rather than a guess, and where a reference resolves to several candidates',
    'the rule passes when any candidate satisfies it. Rules therefore never report on ambiguity.',
    '',
    ...FAMILIES.flatMap(section),
  ];
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
