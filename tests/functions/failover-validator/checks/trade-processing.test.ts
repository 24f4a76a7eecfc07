// trade-processing (functions/failover-validator/checks/trade-processing.ts), through the whole report.
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { PRIMARY, SECONDARY, check, failing, healthyPair } from '../fixtures.ts';

describe('trade-processing', () => {
  const pair = healthyPair();
  const { m } = pair;

  it.each([
    ['neither region', 'Disabled', 'Disabled', `trades are not processed in the writer region ${PRIMARY}: its event source mapping is not enabled; ${PRIMARY}: Disabled; ${SECONDARY}: Disabled`],
    ['only the region without the writer', 'Disabled', 'Enabled', `trades are not processed in the writer region ${PRIMARY}: its event source mapping is not enabled; ${PRIMARY}: Disabled; ${SECONDARY}: Enabled`],
  ])('is not ready when trade processing is enabled in %s', async (_case, localState, peerState, detail) => {
    // Prepare
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: localState }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: peerState }] });

    // Act
    const report = await validateReadiness(pair.deps);

    // Assess
    expect(failing(report)).toEqual(['trade-processing']);
    expect(check(report, 'trade-processing').detail).toBe(detail);
  });

  it('is ready with both mappings enabled: the processor, not the mapping, keeps the other region from committing', async () => {
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Enabled' }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Enabled' }] });

    const report = await validateReadiness(pair.deps);

    expect(check(report, 'trade-processing')).toMatchObject({ ok: true, detail: `${PRIMARY}: Enabled; ${SECONDARY}: Enabled` });
  });

  it('does not need the other region: an unreachable peer is reported, not failed', async () => {
    m.localLambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [{ State: 'Enabled' }] });
    m.peerLambda.on(ListEventSourceMappingsCommand).rejects(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' }));

    const report = await validateReadiness(pair.deps);

    expect(check(report, 'trade-processing').ok).toBe(true);
    expect(check(report, 'trade-processing').detail).toMatch(new RegExp(`^${PRIMARY}: Enabled; ${SECONDARY}: not read \\(`));
  });
});
