import { defineRule } from '../../rule.ts';
import { taskProblems } from './tasks.ts';

export const SFN002 = defineRule({
  id: 'SFN002', family: 'SFN', target: 'hcl', severity: 'high', title: 'Task parameters exist in the input shape',
  checks: 'Every Parameters key of an AWS SDK Task is a member of the operation\'s input shape under Step Functions\' naming (the SDK for Java v2 member name in Pascal case, e.g. DbClusterIdentifier), static nested objects and lists included, and every required member is given; an optimised integration takes only the parameters its Step Functions page documents.',
  why: 'A misspelt parameter fails the call at run time (States.Runtime or a validation error) in the middle of a recovery.',
  fix: 'Use the member names of the API model in Pascal case (tooling/aws-models/README.md).',
  equivalents: [],
  check(ctx) {
    for (const p of taskProblems(ctx)) if (p.kind === 'parameter') ctx.emit(SFN002, p.file, p.block, p.message);
  },
});
