import { SFN001 } from '../../../../../tooling/lint/rules/sfn/SFN001.ts';
import { describeRule } from '../describe-rule.ts';
import { at, replace, templateTree } from './template-tree.ts';

describeRule(SFN001, {
  passes: [
    '.',
    { label: 'the failover template', ...templateTree() },
  ],
  fails: {
    'an action cased as the SDK for Java v2 request class (describeDbClusters)': {
      ...templateTree(replace('aws-sdk:rds:describeDBClusters', 'aws-sdk:rds:describeDbClusters')),
      addresses: [at('DescribeTargetCluster')],
      messages: ['has no operation "describeDbClusters"; the model names it describeDBClusters'],
    },
    'an operation RDS does not have (failoverGlobalClusters), a service Step Functions does not name (cloudwatchmetrics), an optimised integration that is not documented (lambda:invok)': {
      ...templateTree(
        replace('aws-sdk:rds:failoverGlobalCluster"', 'aws-sdk:rds:failoverGlobalClusters"'),
        replace('aws-sdk:cloudwatch:getMetricData', 'aws-sdk:cloudwatchmetrics:getMetricData'),
        replace('"arn:aws:states:::lambda:invoke",\n      "Parameters": {\n        "FunctionName": "${validator_function_arn}"', '"arn:aws:states:::lambda:invok",\n      "Parameters": {\n        "FunctionName": "${validator_function_arn}"'),
      ),
      addresses: [at('Failover'), at('ReadRpoLag'), at('RunValidator')],
      messages: ['no AWS SDK service is named "cloudwatchmetrics"', 'lambda:invok is not an optimised integration'],
    },
    'a partition that does not exist (arn:aws-east:)': {
      ...templateTree(replace('arn:aws:states:::aws-sdk:rds:switchoverGlobalCluster', 'arn:aws-east:states:::aws-sdk:rds:switchoverGlobalCluster')),
      addresses: [at('Switchover')],
    },
  },
});
