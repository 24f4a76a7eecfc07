import { defineRule } from '../../rule.ts';
import { policyHolders, statementsOf, wildcardActions } from './policies.ts';

/**
 * Actions that support no resource-level permissions, so Resource "*" is the only valid form
 * (AWS Service Authorization Reference: the action lists no resource type). Each entry says why.
 */
export const UNSCOPABLE_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['xray:puttracesegments', 'X-Ray trace upload has no resource type (AWSXRayDaemonWriteAccess uses "*").'],
  ['xray:puttelemetryrecords', 'X-Ray telemetry upload has no resource type.'],
  ['xray:getsamplingrules', 'Read by the X-Ray SDK for sampling; no resource type.'],
  ['xray:getsamplingtargets', 'Read by the X-Ray SDK for sampling; no resource type.'],
  ['xray:getsamplingstatisticsummaries', 'X-Ray sampling statistics; no resource type.'],
  ['ec2:createnetworkinterface', 'Lambda creates the VPC ENIs on the function\'s behalf; AWSLambdaVPCAccessExecutionRole grants it on "*".'],
  ['ec2:describenetworkinterfaces', 'Describe calls have no resource type.'],
  ['ec2:describesubnets', 'Describe calls have no resource type; AWSLambdaVPCAccessExecutionRole grants it on "*" for VPC functions.'],
  ['ec2:deletenetworkinterface', 'Paired with CreateNetworkInterface for Lambda VPC ENIs (AWSLambdaVPCAccessExecutionRole).'],
  ['ec2:assignprivateipaddresses', 'Lambda VPC ENI management (AWSLambdaVPCAccessExecutionRole).'],
  ['ec2:unassignprivateipaddresses', 'Lambda VPC ENI management (AWSLambdaVPCAccessExecutionRole).'],
  ['cloudwatch:putmetricdata', 'No resource type; scope with the cloudwatch:namespace condition key instead.'],
  ['cloudwatch:getmetricdata', 'No resource type.'],
  ['cloudwatch:getmetricstatistics', 'No resource type.'],
  ['cloudwatch:listmetrics', 'No resource type.'],
  ['logs:createlogdelivery', 'Vended-log delivery (Step Functions, API Gateway logging) supports no resource-level permissions.'],
  ['logs:getlogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:updatelogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:deletelogdelivery', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:listlogdeliveries', 'Vended-log delivery; no resource-level permissions.'],
  ['logs:putresourcepolicy', 'Needed by vended-log delivery; account-level resource policy.'],
  ['logs:describeresourcepolicies', 'Needed by vended-log delivery; account-level.'],
  ['logs:describeloggroups', 'Listing call; required by Step Functions log delivery setup.'],
  ['lambda:listeventsourcemappings', 'List call; no resource type (the mapping is then addressed by UUID).'],
  ['states:sendtasksuccess', 'Task tokens are not resources; no resource type.'],
  ['states:sendtaskfailure', 'Task tokens are not resources; no resource type.'],
  ['states:sendtaskheartbeat', 'Task tokens are not resources; no resource type.'],
  ['ssm:describeparameters', 'List call; no resource type.'],
  ['sts:getcalleridentity', 'Needs no permission at all; harmless on "*".'],
]);

const cell = (s: string) => s.replace(/\|/g, '\\|');

export const SEC014 = defineRule({
  id: 'SEC014', family: 'SEC', target: 'plan', severity: 'high', title: 'Resource "*" only for unscopable actions',
  checks: 'An identity-policy Allow statement with Resource "*" lists only actions that support no resource-level permissions (an allowlist in code, justified per action).',
  why: 'Resource "*" on a scopable action reaches every resource of that type in the account, including the other environment\'s.',
  fix: 'Name the ARNs (this region\'s table, bucket, queue ...) or move the action to its own statement if it is unscopable.',
  equivalents: ['Checkov CKV_AWS_355'],
  notes: [
    '#### Actions allowed on Resource "*"',
    '',
    '| Action | Why it cannot be scoped |',
    '| --- | --- |',
    ...[...UNSCOPABLE_ACTIONS].map(([a, why]) => `| \`${a}\` | ${cell(why)} |`),
  ],
  check(ctx) {
    for (const { inst, identity, path } of policyHolders(ctx)) {
      if (!identity) continue;
      for (const s of statementsOf(ctx, inst, path).statements ?? []) {
        if (s.effect !== 'Allow' || s.notActions || !s.resources.includes('*')) continue;
        const wild = wildcardActions(s.actions);
        const scopable = s.actions.filter((a) => !wild.includes(a) && !UNSCOPABLE_ACTIONS.has(a.toLowerCase()));
        if (scopable.length) {
          ctx.emit(SEC014, inst.address, `${inst.address} allows ${scopable.join(', ')} on Resource "*": name the resource ARNs (only unscopable actions may use "*").`);
        }
      }
    }
  },
});
