import { SFN004 } from '../../../../../tooling/lint/rules/sfn/SFN004.ts';
import { describeRule } from '../describe-rule.ts';
import { at, replace, templateTree } from './template-tree.ts';

describeRule(SFN004, {
  passes: [
    '.',
    { label: 'the failover template', ...templateTree() },
    { label: 'a modelled error with a Fault shape, cased the Java v2 way (Rds.DbClusterNotFoundException)', ...templateTree(replace('"Rds.RdsException"', '"Rds.DbClusterNotFoundException"', 2)) },
  ],
  fails: {
    'the Java-suffix form (Rds.InvalidGlobalClusterStateFaultException)': {
      ...templateTree(replace('"Rds.InvalidGlobalClusterStateException"', '"Rds.InvalidGlobalClusterStateFaultException"', 2)),
      addresses: [at('Switchover'), at('Failover')],
      messages: ['the model\'s error InvalidGlobalClusterStateFault is reported as Rds.InvalidGlobalClusterStateException'],
    },
    'an error RDS does not model (Rds.ThrottlingException) and acronyms kept upper case (Rds.InvalidDBClusterStateException)': {
      ...templateTree(replace('"Rds.RdsException"', '"Rds.ThrottlingException"', 2), replace('"Rds.InvalidDbClusterStateException"', '"Rds.InvalidDBClusterStateException"', 2)),
      addresses: [at('Switchover'), at('Failover'), at('Switchover'), at('Failover')],
      messages: ['Rds models no such error', 'is reported as Rds.InvalidDbClusterStateException'],
    },
    'a States name that does not exist (States.Timout) and a Lambda name the integration does not report (Lambda.AWSLambdaFault)': {
      ...templateTree(replace('"ErrorEquals": ["States.Timeout"]', '"ErrorEquals": ["States.Timout"]'), replace('"Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],\n          "IntervalSeconds": 2,\n          "MaxAttempts": 2,\n          "BackoffRate": 2\n        }\n      ],\n      "Catch": [\n        { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "ValidationFailed" }', '"Lambda.AWSLambdaFault", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],\n          "IntervalSeconds": 2,\n          "MaxAttempts": 2,\n          "BackoffRate": 2\n        }\n      ],\n      "Catch": [\n        { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "ValidationFailed" }')),
      addresses: [at('RequestApproval'), at('RunValidator')],
    },
  },
});
