import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executionTimeoutSeconds, parseFigures, RTO_FIGURES, RTO_FIGURES_FILE } from '../../../tooling/rto/figures.ts';

describe('rto-figures.json', () => {
  it('gives every figure a number and a citation (a public URL or a file of this repository)', () => {
    for (const [name, f] of Object.entries(RTO_FIGURES)) {
      expect(f.seconds, name).toBeGreaterThan(0);
      expect(f.source, name).toMatch(/https:\/\/docs\.aws\.amazon\.com\/|^modules\/[a-z-]+\/[\w.-]+:/);
    }
  });

  it('refuses a figure without seconds or source, naming it', () => {
    const doc = JSON.parse(readFileSync(RTO_FIGURES_FILE, 'utf8'));
    delete doc.promotion.source;
    expect(() => parseFigures(JSON.stringify(doc), 'x.json')).toThrow('x.json needs "promotion": { "seconds": <number >= 0>, "source": "<citation>" }.');
    expect(() => parseFigures('{', 'x.json')).toThrow(/^x\.json is not JSON: /);
  });
});

describe('executionTimeoutSeconds', () => {
  it('adds the phase budgets, the wait before validation, the approval bound only with approval, and the poll attempts with their overhead', () => {
    const figures = parseFigures(readFileSync(RTO_FIGURES_FILE, 'utf8'));
    const settle = figures.health_check_interval.seconds * 3 + 10;
    const phases = figures.preflight_budget.seconds + figures.authority_budget.seconds + figures.fence_budget.seconds + figures.promotion_call_budget.seconds + 160 + settle + figures.activation_budget.seconds;
    const base = { requireApproval: false, approvalTimeoutSeconds: 900, pollIntervalSeconds: 30, maxPollAttempts: 20, healthCheckFailureThreshold: 3 };
    expect(executionTimeoutSeconds(base, figures)).toBe(phases + (30 + figures.poll_attempt_overhead.seconds) * 20);
    expect(executionTimeoutSeconds({ ...base, requireApproval: true }, figures)).toBe(phases + figures.approval_notice_budget.seconds + 900 + (30 + figures.poll_attempt_overhead.seconds) * 20);
  });
});
