import { SFN005 } from '../../../../../tooling/lint/rules/sfn/SFN005.ts';
import { describeRule } from '../describe-rule.ts';
import { at, replace, templateTree } from './template-tree.ts';

describeRule(SFN005, {
  passes: [
    '.',
    { label: 'the failover template: the token goes to the approval queue, the notice carries none', ...templateTree() },
  ],
  fails: {
    'the approval request published to the operations topic (sns:publish.waitForTaskToken)': {
      ...templateTree(replace('"Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",\n      "Parameters": {\n        "QueueUrl": "${approval_queue_url}",\n        "MessageBody": {', '"Resource": "arn:aws:states:::sns:publish.waitForTaskToken",\n      "Parameters": {\n        "TopicArn": "${topic_arn}",\n        "Message": {', 1)),
      addresses: [at('RequestApproval')],
      messages: ['passes $$.Task.Token to arn:aws:states:::sns:publish.waitForTaskToken'],
    },
    'the token copied into the token-free notice': {
      ...templateTree(replace("States.JsonToString($.preflight.rpoLag), $$.Execution.Id)", "States.JsonToString($.preflight.rpoLag), $$.Task.Token)", 1)),
      addresses: [at('NotifyApprovers')],
      messages: ['passes $$.Task.Token to arn:aws:states:::sns:publish'],
    },
  },
});
