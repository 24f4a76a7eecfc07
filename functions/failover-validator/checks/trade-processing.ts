// trade-processing: the writer region's trade processor has an enabled event source mapping. Both
// regions' mappings stay enabled by design: the processor itself commits nothing where its serving flag
// is not active or its cluster is not the writer (docs/decisions/004). The other region's state is
// reported only, and it may be unreachable after a failover.
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
  const on = regions.filter((r) => 'on' in r && r.on).map((r) => r.region);
  const text = regions.flatMap((r) => ('text' in r ? [r.text!] : [])).join('; ');
  const problems: string[] = [];
  const writer = topology?.writer?.region;
  const atWriter = regions.find((r) => r.region === writer);
  if (!writer) problems.push('the writer region is unknown (see global-cluster), so the processor that must run is unknown');
  else if (!atWriter || 'error' in atWriter) problems.push(`cannot confirm that trades are processed in the writer region ${writer}: ${atWriter && 'error' in atWriter ? atWriter.error : 'no answer'}`);
  else if (!atWriter.on) problems.push(`trades are not processed in the writer region ${writer}: its event source mapping is not enabled`);
  // The other region's mapping is reported, and so is a failure to read it, but neither decides.
  const others = regions.filter((r) => r.region !== writer && 'error' in r).map((r) => `${r.region}: not read (${r.error})`);
  return { name, ok: problems.length === 0, detail: [...problems, text, ...others].filter(Boolean).join('; '), processingRegions: on };
}
