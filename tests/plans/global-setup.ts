// Plans all three environments once per test run (offline) and leaves build/plans/<env>.json
// for the suites. Set PLANS_REUSE=1 to reuse existing plan files while iterating on tests.
import { existsSync } from 'node:fs';
import { ENVIRONMENTS, planAndShow, planPaths, prepare } from '../../tooling/lib/terraform.ts';

export default async function setup(): Promise<void> {
  if (process.env.PLANS_REUSE === '1' && ENVIRONMENTS.every((e) => existsSync(planPaths(e).json))) return;
  // Sequential: each plan loads the ~700 MB provider twice; running three at once on two cores is slower.
  for (const env of ENVIRONMENTS) {
    const ws = await prepare(env, 'offline');
    await planAndShow(ws);
  }
}
