import { defineRule } from '../../rule.ts';
import { taskProblems } from './tasks.ts';

export const SFN004 = defineRule({
  id: 'SFN004', family: 'SFN', target: 'hcl', severity: 'high', title: 'Retry and Catch name errors the task can raise',
  checks: 'Every ErrorEquals name of a Task is a States.* error, or an error the integration can report under Step Functions\' naming: <Service>.<SDK for Java v2 exception> for each error shape the service models, or the service\'s generic <Service>.<Service>Exception and <Service>.SdkClientException; for lambda:invoke the documented Lambda.* names and the function\'s own error types.',
  why: 'A Retry or Catch on a name that is never raised never matches: the retry the recovery relies on (a busy global cluster, throttling) does not happen and the task fails at once.',
  fix: 'Use the name Step Functions reports: an error shape ...Fault becomes ...Exception (Rds.InvalidGlobalClusterStateException), acronyms are cased as words (Rds.DbClusterNotFoundException), and an error the service does not model (RDS throttling) arrives as the generic <Service>.<Service>Exception.',
  equivalents: [],
  check(ctx) {
    for (const p of taskProblems(ctx)) if (p.kind === 'error') ctx.emit(SFN004, p.file, p.block, p.message);
  },
});
