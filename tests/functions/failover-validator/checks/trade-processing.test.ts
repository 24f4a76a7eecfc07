// trade-processing (functions/failover-validator/checks/trade-processing.ts), through the whole report.
import { ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { validateReadiness } from '../../../../functions/failover-validator/core.ts';
import { PRIMARY, SECONDARY, check, failing, healthyPair } from '../fixtures.ts';

describe('trade-processing', () => {
  const pair = healthyPair();
  const { m } = pair;

  it.each([
    ['both regions', 'Enabled', 'Enabled', `2 regions process trades (expected exactly 1); ${PRIMARY}: Enabled; ${SECONDARY}: Enabled`],
    ['neither region', 'Disabled', 'Disabled', `0 regions process trades (expected exactly 1); ${PRIMARY}: Disabled; ${SECONDARY}: Disabled`],
    ['only the region without the writer', 'Disabled', 'Enabled', `trades are processed in ${SECONDARY} but the writer cluster is in ${PRIMARY}; ${PRIMARY}: Disabled; ${SECONDARY}: Enabled`],
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
});
