import { defineRule } from '../../rule.ts';
import { taskProblems } from './tasks.ts';

export const SFN001 = defineRule({
  id: 'SFN001', family: 'SFN', target: 'hcl', severity: 'high', title: 'Task resources name real integrations',
  checks: 'Every Task of a state machine template (`*.asl.json` in a module, rendered as Terraform renders it) names `arn:<partition>:states:::aws-sdk:<service>:<action>` with an operation of that service\'s AWS API model (aws-sdk apis/*.min.json), or a documented optimised integration (lambda:invoke, sns:publish, sqs:sendMessage, with .waitForTaskToken), in a known partition.',
  why: 'Step Functions refuses a definition with an unknown integration only when it is deployed; offline plans keep the definition unknown, so nothing else would notice before apply.',
  fix: 'Use the service\'s SDK client name in lower case and the operation name with a lower-case first letter (rds:describeDBClusters), as tooling/aws-models/README.md describes.',
  equivalents: ['asl-validator checkArn (format only)'],
  check(ctx) {
    for (const p of taskProblems(ctx)) if (p.kind === 'resource') ctx.emit(SFN001, p.file, p.block || null, p.message);
  },
});
