// Lambda concurrency: in each region, unreserved concurrency (plus what this environment already
// holds) minus the environment's reservations leaves the 100 AWS keeps unreserved.
import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../tooling/preflight/check.ts';
import { lambdaConcurrency } from '../../../tooling/preflight/checks/lambda-concurrency.ts';
import { DB_MIGRATOR_RESERVED as MIGRATOR, PRIMARY_PROBE_RESERVED as PROBE, REGION_FENCE_RESERVED as FENCE } from '../../../tooling/preflight/concurrency.ts';
import { awsError, environment, mockedClients, notFound } from './fixtures.ts';

describe('Lambda concurrency check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it(`passes in both regions and shows the sum (5 + 2 + 2 + migrator ${MIGRATOR} + fence ${FENCE} + probe ${PROBE})`, async () => {
    const rows = await lambdaConcurrency.run(environment(), clients);
    expect(rows.map((r) => [r.check, r.ok])).toEqual([['Lambda concurrency (us-east-1)', true], ['Lambda concurrency (us-east-2)', true]]);
    expect(rows[0]!.result).toBe(`reserves ${9 + MIGRATOR + FENCE + PROBE} (trade-processor 5 + health 2 + failover-validator 2 + db-migrator ${MIGRATOR} + region-fence ${FENCE} + primary-probe ${PROBE}); quota 1000, unreserved 1000, 100 must stay unreserved`);
    expect(mocks.lambda['us-east-2']).toHaveReceivedCommandWith(GetFunctionConcurrencyCommand, { FunctionName: 'trading-dev-trade-processor' });
  });

  it('fails for a new account\'s quota of 10 and gives the quota to request in that region', async () => {
    mocks.lambda['us-east-2'].on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 10, UnreservedConcurrentExecutions: 10 } });
    const rows = await lambdaConcurrency.run(environment(), clients);
    expect(rows[0]!.ok).toBe(true);
    expect(rows[1]).toMatchObject({ check: 'Lambda concurrency (us-east-2)', ok: false });
    // quota + 100 + needed - available = 10 + 100 + (9 + migrator + fence + probe) - 10
    expect(rows[1]!.fix).toContain(`aws service-quotas request-service-quota-increase --region us-east-2 --service-code lambda --quota-code L-B99A9384 --desired-value ${109 + MIGRATOR + FENCE + PROBE}`);
  });

  it('fails when other reservations leave less than 100 after this environment\'s', async () => {
    mocks.lambda['us-east-1'].on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 110 } });
    const [row] = await lambdaConcurrency.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: expect.stringContaining('quota 1000, unreserved 110') });
    expect(row!.fix).toContain(`--desired-value ${1000 + 100 + 9 + MIGRATOR + FENCE + PROBE - 110}`);
  });

  it('counts the reservations the environment already holds on a later apply', async () => {
    mocks.lambda['us-east-1'].on(GetAccountSettingsCommand).resolves({ AccountLimit: { ConcurrentExecutions: 120, UnreservedConcurrentExecutions: 109 } });
    mocks.lambda['us-east-1'].on(GetFunctionConcurrencyCommand).callsFake((input: { FunctionName?: string }) =>
      input.FunctionName === 'trading-dev-region-fence' ? Promise.reject(notFound(input.FunctionName)) : Promise.resolve({ ReservedConcurrentExecutions: input.FunctionName === 'trading-dev-trade-processor' ? 5 : input.FunctionName === 'trading-dev-db-migrator' ? MIGRATOR : input.FunctionName === 'trading-dev-primary-probe' ? PROBE : 2 }));
    const [row] = await lambdaConcurrency.run(environment(), clients);
    // 109 unreserved + held - (held + fence) needed >= 100 while the fence reserves at most 9
    expect(row).toMatchObject({ ok: true, result: expect.stringContaining(`unreserved 109 + ${9 + MIGRATOR + PROBE} already held by this environment`) });
  });

  it('counts the primary probe in both regions, with or without automatic failover', async () => {
    const rows = await lambdaConcurrency.run(environment({ failover: { require_approval: false, auto_failover_enabled: true } }), clients);
    for (const row of rows) expect(row.result).toMatch(new RegExp(`^reserves ${9 + MIGRATOR + FENCE + PROBE} \\(.* \\+ region-fence ${FENCE} \\+ primary-probe ${PROBE}\\)`));
  });

  it('becomes a failing row naming the Lambda actions when a call is refused', async () => {
    mocks.lambda['us-east-1'].on(GetFunctionConcurrencyCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: lambda:GetFunctionConcurrency'));
    const rows = await runChecks([lambdaConcurrency], environment(), clients);
    expect(rows).toEqual([expect.objectContaining({ ok: false, result: expect.stringContaining('AccessDeniedException'), fix: expect.stringContaining('lambda:GetAccountSettings, lambda:GetFunctionConcurrency') })]);
  });
});
