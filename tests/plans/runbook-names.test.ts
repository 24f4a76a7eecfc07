// The runbook finds resources without Terraform state, by the naming convention in
// tooling/runbook/environment.ts. Every name it derives from an environment's terraform.tfvars must be
// the name the environment's plan gives that resource, in that region: a rename in a module breaks this
// test instead of the runbook on the day of an outage.
import { describe, expect, it } from 'vitest';
import { configAddress } from '../../tooling/terraform/address.ts';
import type { ResourceChange } from '../../tooling/terraform/plan-json.ts';
import { regionsByConfigAddress } from '../../tooling/terraform/plan-summary.ts';
import { ENVIRONMENTS } from '../../tooling/terraform/workspace.ts';
import { globalClusterId, loadRunbookEnvironment, regionResources, regionsOf } from '../../tooling/runbook/environment.ts';
import { loadPlan, managed } from './load.ts';

describe.each(ENVIRONMENTS)('%s: the runbook names what the plan creates', (env) => {
  const plan = loadPlan(env);
  const regions = regionsByConfigAddress(plan);
  /** "<region> <name>" of every planned resource of a type, by the attribute that names it. */
  const named = (type: string, attribute: string) =>
    managed(plan)
      .filter((r: ResourceChange) => r.type === type)
      .map((r) => `${regions.get(configAddress(r.address)) ?? '?'} ${String(r.change.after?.[attribute])}`);

  it('derives the state machine, region-fence, serving flag, queue (orders, dead letters, approvals) and cluster names of both regions', async () => {
    const e = await loadRunbookEnvironment(env);
    for (const region of regionsOf(e)) {
      const r = regionResources(e, region, e.accountId);
      expect(named('aws_sfn_state_machine', 'name')).toContain(`${region} ${r.stateMachineArn.split(':').at(-1)}`);
      expect(named('aws_lambda_function', 'function_name')).toContain(`${region} ${r.regionFenceFunction}`);
      expect(named('aws_ssm_parameter', 'name')).toContain(`${region} ${r.servingParameter}`);
      expect(named('aws_sqs_queue', 'name')).toEqual(
        expect.arrayContaining([r.ordersQueueUrl, r.deadLetterQueueUrl, r.approvalQueueUrl].map((url) => `${region} ${url.split('/').at(-1)}`)),
      );
      expect(named('aws_rds_cluster', 'cluster_identifier')).toContain(`${region} ${r.clusterIdentifier}`);
    }
    expect(named('aws_rds_global_cluster', 'global_cluster_identifier').map((n) => n.split(' ')[1])).toEqual([globalClusterId(e)]);
  });
});
