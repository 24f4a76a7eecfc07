// What the runbook reads from terraform.tfvars, and the names it derives (the plans suite checks the
// names against every environment's plan: tests/plans/runbook-names.test.ts).
import { describe, expect, it } from 'vitest';
import { checkAccount, loadRunbookEnvironment, regionResources, runbookEnvironmentFrom } from '../../../tooling/runbook/environment.ts';
import type { HclValue } from '../../../tooling/terraform/hcl.ts';
import { ACCOUNT, repoWith } from './world.ts';

const FILE = 'environments/prod/terraform.tfvars';
const vars = (overrides: { [k: string]: HclValue } = {}): HclValue => ({
  project: 'trading',
  environment: 'prod',
  allowed_account_ids: [ACCOUNT],
  account_id: ACCOUNT,
  primary_region: 'us-east-1',
  secondary_region: 'us-east-2',
  ...overrides,
});

describe('runbook environment', () => {
  it('reads the prefixes, regions, account and approval setting from the tfvars file', async () => {
    expect(await loadRunbookEnvironment('prod', repoWith())).toEqual({
      env: 'prod',
      file: FILE,
      namePrefix: 'trading-prod',
      ssmPrefix: '/trading/prod',
      regions: { primary: 'us-east-1', secondary: 'us-east-2' },
      accountId: ACCOUNT,
      allowedAccountIds: [ACCOUNT],
      requireApproval: true,
    });
  });

  it('takes require_approval as the variable does: true unless set to false', () => {
    expect(runbookEnvironmentFrom('prod', FILE, vars()).requireApproval).toBe(true);
    expect(runbookEnvironmentFrom('prod', FILE, vars({ failover: { require_approval: false } })).requireApproval).toBe(false);
  });

  it.each([
    ['another environment', vars({ environment: 'dev' }), 'environments/prod/terraform.tfvars says environment = "dev", not prod.'],
    ['one region twice', vars({ secondary_region: 'us-east-1' }), 'environments/prod/terraform.tfvars: primary_region and secondary_region are both us-east-1.'],
    ['no account', vars({ account_id: null }), 'environments/prod/terraform.tfvars: account_id must be set correctly (got null).'],
    ['no allowed accounts', vars({ allowed_account_ids: 'x' }), 'environments/prod/terraform.tfvars: allowed_account_ids must be a list of 12-digit account IDs.'],
  ])('refuses %s', (_label, values, message) => {
    expect(() => runbookEnvironmentFrom('prod', FILE, values)).toThrow(message);
  });

  it('derives the names of a region, in that region and account', () => {
    const e = runbookEnvironmentFrom('prod', FILE, vars());
    expect(regionResources(e, 'us-east-2', ACCOUNT)).toEqual({
      region: 'us-east-2',
      stateMachineArn: `arn:aws:states:us-east-2:${ACCOUNT}:stateMachine:trading-prod-failover`,
      regionFenceFunction: 'trading-prod-region-fence',
      servingParameter: '/trading/prod/us-east-2/serving',
      ordersQueueUrl: `https://sqs.us-east-2.amazonaws.com/${ACCOUNT}/trading-prod-trade-orders`,
      deadLetterQueueUrl: `https://sqs.us-east-2.amazonaws.com/${ACCOUNT}/trading-prod-trade-orders-dlq`,
      approvalQueueUrl: `https://sqs.us-east-2.amazonaws.com/${ACCOUNT}/trading-prod-failover-approvals`,
      clusterIdentifier: 'trading-prod-us-east-2',
    });
  });

  it('accepts only the environment account when it is also allowed', () => {
    const e = runbookEnvironmentFrom('prod', FILE, vars());
    expect(checkAccount(e, ACCOUNT, 'arn')).toBe(ACCOUNT);
    expect(() => checkAccount(e, undefined, undefined)).toThrow(`The credentials are for account unknown (caller), but prod is account ${ACCOUNT}`);
    const notAllowed = runbookEnvironmentFrom('prod', FILE, vars({ allowed_account_ids: ['999988887777'] }));
    expect(() => checkAccount(notAllowed, ACCOUNT, 'arn')).toThrow(`The credentials are for account ${ACCOUNT} (arn)`);
  });
});
