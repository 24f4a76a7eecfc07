import { defineRule } from '../../rule.ts';
import { taskProblems } from './tasks.ts';

export const SFN003 = defineRule({
  id: 'SFN003', family: 'SFN', target: 'hcl', severity: 'high', title: 'Result paths exist in the output shape',
  checks: 'Every JSONPath into a Task\'s result (its ResultSelector, and the Choice variables, Parameters, ItemsPath and Map item paths of later states that read what it wrote at its ResultPath) names members of the operation\'s output shape under Step Functions\' naming (DbClusters, DbClusterArn, GlobalClusterMembers).',
  why: 'A path to a member that does not exist fails the state (States.Runtime), or, guarded by IsPresent, silently takes the wrong branch: a recovery that decides on a field AWS never sends.',
  fix: 'Read the member as the output shape names it, in Pascal case (tooling/aws-models/README.md).',
  equivalents: [],
  check(ctx) {
    for (const p of taskProblems(ctx)) if (p.kind === 'result') ctx.emit(SFN003, p.file, p.block, p.message);
  },
});
