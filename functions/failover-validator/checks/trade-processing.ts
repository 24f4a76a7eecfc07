// trade-processing: the trade processor's event source mappings in both regions: exactly one region
// processes trades, and it is the writer's.
import { listEventSourceMappings } from '../../shared/lambda.ts';
import type { ReadinessCheck, ValidatorDeps } from '../check.ts';
import { call } from '../regions.ts';
import type { Topology } from '../topology.ts';

/**
 * Processing counts as on in these mapping states (Enabling will be on in seconds). Transitional
 * states (Creating, Updating, Disabling) count as off and are named in the detail.
 */
const ESM_ON_STATES = new Set(['Enabled', 'Enabling']);

export async function checkTradeProcessing(deps: ValidatorDeps, topology: Topology | undefined): Promise<ReadinessCheck> {
  const name = 'trade-processing';
  const fn = deps.settings.tradeProcessorFunction;
  const regions = await Promise.all(
    [deps.local, deps.peer].map(async (clients) => {
      try {
        const mappings = await call(clients.region, `lambda:ListEventSourceMappings(${fn})`, () => listEventSourceMappings(clients.lambda, fn));
        const states = mappings.map((m) => m.State ?? 'unknown');
        return { region: clients.region, on: states.some((s) => ESM_ON_STATES.has(s)), text: `${clients.region}: ${states.length ? states.join(', ') : 'no event source mapping'}` };
      } catch (error) {
        return { region: clients.region, error: (error as Error).message };
      }
    }),
  );
  const errors = regions.flatMap((r) => ('error' in r ? [r.error!] : []));
  const on = regions.filter((r) => 'on' in r && r.on).map((r) => r.region);
  const text = regions.flatMap((r) => ('text' in r ? [r.text!] : [])).join('; ');
  const problems: string[] = [];
  if (errors.length > 0) problems.push(`cannot confirm that exactly one region processes trades: ${errors.join('; ')}`);
  else if (on.length !== 1) problems.push(`${on.length} regions process trades (expected exactly 1)`);
  const writer = topology?.writer?.region;
  if (errors.length === 0 && on.length === 1 && writer && on[0] !== writer) problems.push(`trades are processed in ${on[0]} but the writer cluster is in ${writer}`);
  return { name, ok: problems.length === 0, detail: [...problems, text].filter(Boolean).join('; '), processingRegions: on };
}
