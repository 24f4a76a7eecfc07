import { SFN003 } from '../../../../../tooling/lint/rules/sfn/SFN003.ts';
import { describeRule } from '../describe-rule.ts';
import { at, replace, templateTree } from './template-tree.ts';

describeRule(SFN003, {
  passes: [
    '.',
    { label: 'the failover template', ...templateTree() },
  ],
  fails: {
    'the API\'s member name in a ResultSelector ($.DBClusters[0])': {
      ...templateTree(replace('"cluster.$": "$.DbClusters[0]"', '"cluster.$": "$.DBClusters[0]"')),
      addresses: [at('DescribeTargetCluster')],
      messages: ['has no member DBClusters; Step Functions names the member DBClusters as DbClusters'],
    },
    'a member of a list item read in a Map ($.DBClusterArn) and a field the output does not have (FailoverState.State)': {
      ...templateTree(
        replace('{ "Variable": "$.DbClusterArn", "IsPresent": true },\n                  { "Variable": "$.DbClusterArn", "StringEquals": "${target_cluster_arn}" },\n                  { "Variable": "$.IsWriter", "IsPresent": true }', '{ "Variable": "$.DBClusterArn", "IsPresent": true },\n                  { "Variable": "$.DbClusterArn", "StringEquals": "${target_cluster_arn}" },\n                  { "Variable": "$.IsWriter", "IsPresent": true }', 2),
        replace('{ "Variable": "$.preflight.global.cluster.FailoverState.Status", "IsPresent": true }', '{ "Variable": "$.preflight.global.cluster.FailoverState.State", "IsPresent": true }'),
      ),
      addresses: [at('ClassifyMembers.ItemProcessor.States.ClassifyMember'), at('ClassifyPromotedMembers.ItemProcessor.States.ClassifyPromotedMember'), at('CheckPreflight')],
      messages: ['has no member DBClusterArn', 'has no member State'],
    },
    'an index into a structure ($.GlobalCluster[0] of failoverGlobalCluster\'s result)': {
      ...templateTree(replace('"cluster.$": "$.GlobalClusters[0]"\n      },\n      "ResultPath": "$.poll.global"', '"cluster.$": "$.GlobalClusters[0][0]"\n      },\n      "ResultPath": "$.poll.global"')),
      addresses: [at('DescribePromotion')],
    },
  },
});
