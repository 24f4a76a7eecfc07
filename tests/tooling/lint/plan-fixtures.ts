// The plan fixtures (tests/fixtures/plans/*.json, real `terraform show -json` output) and the small edits
// tests make to copies of them. Kept free of the lint engine so a rule's test loads only that rule.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../tooling/core/paths.ts';

export const fixtures = join(repoRoot, 'tests', 'fixtures', 'plans');

/** A fresh, mutable copy of a generated plan fixture. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8'));
}

/** The resource_changes entry of an address (throws when the fixture lacks it, so tests stay honest). */
export function change(doc: Record<string, any>, address: string): Record<string, any> {
  const rc = (doc.resource_changes as Record<string, any>[]).find((r) => r.address === address);
  if (!rc) throw new Error(`fixture has no ${address}`);
  return rc;
}

export function dropChange(doc: Record<string, any>, address: string): void {
  const before = doc.resource_changes.length;
  doc.resource_changes = doc.resource_changes.filter((r: { address: string }) => r.address !== address);
  if (doc.resource_changes.length !== before - 1) throw new Error(`fixture has no ${address}`);
}
