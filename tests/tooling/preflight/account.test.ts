// account: the credentials' account is account_id and in allowed_account_ids.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../tooling/preflight/check.ts';
import { account } from '../../../tooling/preflight/checks/account.ts';
import { ACCOUNT, awsError, environment, mockedClients } from './fixtures.ts';

describe('account check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it('passes when the caller is in account_id, which allowed_account_ids lists', async () => {
    // Act
    const rows = await account.run(environment(), clients);
    // Assess
    expect(rows).toEqual([expect.objectContaining({ check: 'account', ok: true, result: expect.stringContaining(`${ACCOUNT} (arn:aws:sts::${ACCOUNT}:assumed-role/platform-admin/jane)`) })]);
    expect(mocks.sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 1);
  });

  it('fails for credentials of another account and says which account to use', async () => {
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: '999988887777', Arn: 'arn:aws:iam::999988887777:user/ci' });
    const [row] = await account.run(environment(), clients);
    expect(row).toMatchObject({ ok: false });
    expect(row!.result).toBe(`the credentials are for account 999988887777 (arn:aws:iam::999988887777:user/ci), not in allowed_account_ids [${ACCOUNT}] and not account_id ${ACCOUNT}`);
    expect(row!.fix).toContain(`use credentials for account ${ACCOUNT}`);
  });

  it('fails when the account is allowed but is not account_id', async () => {
    const env = environment({ allowed_account_ids: [ACCOUNT, '999988887777'] });
    mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: '999988887777' });
    const [row] = await account.run(env, clients);
    expect(row).toMatchObject({ ok: false, result: expect.stringMatching(/999988887777 .*, not account_id 210987654321$/) });
  });

  it('becomes a failing row naming sts:GetCallerIdentity when the call is refused', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired'));
    const rows = await runChecks([account], environment(), clients);
    expect(rows).toEqual([{
      check: 'account',
      ok: false,
      result: 'could not check: ExpiredToken: The security token included in the request is expired',
      fix: expect.stringContaining('allow sts:GetCallerIdentity'),
    }]);
  });
});
