// Damaged plan documents (subtrees replaced by null, numbers, strings, lists) are either refused as
// not-a-plan or linted: plan-lint never fails with an internal error on them. Seeded, so deterministic.
import { describe, expect, it } from 'vitest';
import { lintPlan } from '../../../tooling/lint/engine.ts';
import { validatePlanShape } from '../../../tooling/lint/plan/load.ts';
import { fixture } from './helpers.ts';
import { UserError } from '../../../tooling/core/errors.ts';

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every [parent, key] pair in the document, so a damage site can be drawn uniformly. */
function sites(node: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(node)) node.forEach((v, i) => (out.push([node, i]), sites(v, out)));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) (out.push([node as Record<string, unknown>, k]), sites(v, out));
  return out;
}

const REPLACEMENTS: unknown[] = [null, 0, 'x', [], {}, [null], { address: 1 }, true];

describe('damaged plan documents', () => {
  it('are refused with a usage error or linted, never an internal error (300 seeded mutations)', () => {
    const base = fixture('sec');
    const rand = mulberry32(20250101);
    let linted = 0;
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const doc = structuredClone(base);
      const all = sites(doc);
      for (let n = 0; n < 3; n++) {
        const [parent, key] = all[Math.floor(rand() * all.length)]!;
        (parent as Record<string | number, unknown>)[key] = REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)];
      }
      try {
        validatePlanShape(doc, 'damaged.json');
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        refused++;
        continue;
      }
      expect(() => lintPlan(doc, { input: 'damaged.json' })).not.toThrow();
      linted++;
    }
    expect(linted).toBeGreaterThan(200);
    expect(refused + linted).toBe(300);
  });
});
