import { SFN002 } from '../../../../../tooling/lint/rules/sfn/SFN002.ts';
import { describeRule } from '../describe-rule.ts';
import { at, replace, templateTree } from './template-tree.ts';

describeRule(SFN002, {
  passes: [
    '.',
    { label: 'the failover template', ...templateTree() },
  ],
  fails: {
    'the API\'s member name instead of Step Functions\' (DBClusterIdentifier)': {
      ...templateTree(replace('"DbClusterIdentifier": "${target_cluster_arn}"', '"DBClusterIdentifier": "${target_cluster_arn}"')),
      addresses: [at('DescribeTargetCluster')],
      messages: ['has no member DBClusterIdentifier; Step Functions names the member DBClusterIdentifier as DbClusterIdentifier'],
    },
    'a required member missing (switchoverGlobalCluster without TargetDbClusterIdentifier) and a nested member the model lacks (MetricStat.Metric.Dimension)': {
      ...templateTree(
        replace('"GlobalClusterIdentifier": "${global_cluster_id}",\n        "TargetDbClusterIdentifier": "${target_cluster_arn}"\n      },\n      "ResultPath": "$.promotion"', '"GlobalClusterIdentifier": "${global_cluster_id}"\n      },\n      "ResultPath": "$.promotion"', 1),
        replace('"Dimensions": [{ "Name": "DBClusterIdentifier"', '"Dimension": [{ "Name": "DBClusterIdentifier"'),
      ),
      addresses: [at('Switchover'), at('ReadRpoLag')],
      messages: ['SwitchoverGlobalCluster\'s input requires TargetDbClusterIdentifier', 'MetricDataQueries[0].MetricStat.Metric has no member Dimension'],
    },
    'a parameter lambda:invoke does not document (InvocationMode)': {
      ...templateTree(replace('"FunctionName": "${validator_function_arn}",', '"FunctionName": "${validator_function_arn}",\n        "InvocationMode": "RequestResponse",')),
      addresses: [at('RunValidator')],
    },
  },
});
