// The serving flag: a reader cached at most 10 s (only successful reads), and the lease rule that
// health and the trade processor share.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { flagVerdict, servingFlagReader } from '../../../functions/shared/serving-flag.ts';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

const WRITTEN = new Date('2025-01-01T00:00:00Z');

describe('servingFlagReader', () => {
  it('returns the value and the write time, reuses a read for less than 10 s and reads again after', async () => {
    // Prepare
    let t = 0;
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: 'true', LastModifiedDate: WRITTEN } })
      .resolves({ Parameter: { Value: 'false', LastModifiedDate: new Date(WRITTEN.getTime() + 60_000) } });
    const read = servingFlagReader(new SSMClient({}), '/trading/dev/us-east-1/serving', { now: () => t });

    // Act and assess
    expect(await read()).toEqual({ value: 'true', lastModifiedMs: WRITTEN.getTime() });
    t = 9_999;
    expect(await read()).toEqual({ value: 'true', lastModifiedMs: WRITTEN.getTime() });
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    t = 10_000;
    expect(await read()).toEqual({ value: 'false', lastModifiedMs: WRITTEN.getTime() + 60_000 });
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
    expect(await read()).toEqual({ value: 'true', lastModifiedMs: undefined });
  });
});

describe('flagVerdict', () => {
  const at = (seconds: number) => WRITTEN.getTime() + seconds * 1000;
  const written = { value: 'true', lastModifiedMs: WRITTEN.getTime() };

  it('is active for "true" written at most the lease ago, exactly the lease included', () => {
    expect(flagVerdict(written, 150, at(0))).toEqual({ active: true, ageSeconds: 0 });
    expect(flagVerdict(written, 150, at(150))).toEqual({ active: true, ageSeconds: 150 });
  });

  it('is not active once the lease has run out', () => {
    expect(flagVerdict(written, 150, at(150.001))).toMatchObject({ active: false, reason: 'lease-expired' });
    expect(flagVerdict(written, 150, at(600))).toEqual({
      active: false,
      reason: 'lease-expired',
      detail: 'the serving flag is "true" but was last written 600 s ago, beyond its 150 s lease (no sync has confirmed this region with the authority since)',
      ageSeconds: 600,
    });
  });

  it('is not active without a write time: the lease cannot be shown to hold', () => {
    expect(flagVerdict({ value: 'true', lastModifiedMs: undefined }, 150, at(0))).toMatchObject({ active: false, reason: 'lease-expired' });
  });

  it('takes a write dated after the clock (skew) as just written', () => {
    expect(flagVerdict(written, 150, at(-5))).toEqual({ active: true, ageSeconds: 0 });
  });

  it.each([
    ['false', 'not-serving', 'the serving flag is "false"'],
    ['yes', 'flag-invalid', 'the serving flag is "yes", not "true" or "false"'],
    [undefined, 'flag-invalid', 'the serving flag is missing, not "true" or "false"'],
  ])('is not active for %s, however fresh', (value, reason, detail) => {
    expect(flagVerdict({ value, lastModifiedMs: WRITTEN.getTime() }, 150, at(1))).toMatchObject({ active: false, reason, detail });
  });
});
