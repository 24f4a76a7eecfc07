// The RTO budget (tooling/rto/budget.ts) computed once per run: DR017-DR020 report on it and the
// report prints it.
import type { RuleContext } from '../../plan/context.ts';
import { computeBudget, type ComputedBudget } from '../../../rto/budget.ts';

export function rtoBudget(ctx: RuleContext): ComputedBudget | null {
  return ctx.memo(rtoBudget, () => computeBudget(ctx));
}
