// The serving flag reader: at most 10 s old, and only successful reads are cached.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { servingFlagReader } from '../../../functions/shared/serving-flag.ts';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

describe('servingFlagReader', () => {
  it('reuses a read for less than 10 s and reads again after', async () => {
    // Prepare
    let t = 0;
    ssm.on(GetParameterCommand).resolvesOnce({ Parameter: { Value: 'true' } }).resolves({ Parameter: { Value: 'false' } });
    const read = servingFlagReader(new SSMClient({}), '/trading/dev/us-east-1/serving', { now: () => t });

    // Act and assess
    expect(await read()).toBe('true');
    t = 9_999;
    expect(await read()).toBe('true');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    t = 10_000;
    expect(await read()).toBe('false');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/trading/dev/us-east-1/serving' });
  });

  it('never caches longer than 10 s, whatever it is asked', async () => {
    let t = 0;
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'true' } });
    const read = servingFlagReader(new SSMClient({}), '/p', { now: () => t, maxAgeMs: 60_000 });

    await read();
    t = 10_000;
    await read();

    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it('does not cache a failed read', async () => {
    const t = 0;
    ssm.on(GetParameterCommand).rejectsOnce(new Error('throttled')).resolves({ Parameter: { Value: 'true' } });
    const read = servingFlagReader(new SSMClient({}), '/p', { now: () => t });

    await expect(read()).rejects.toThrow('throttled');
    expect(await read()).toBe('true');
  });
});
