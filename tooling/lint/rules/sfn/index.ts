// SFN: the state machine templates of the modules against the AWS API models: integrations, parameters,
// result paths and error names, under Step Functions' naming (tooling/aws-models/README.md). hcl-lint
// runs it, because the definition in an offline plan is unknown by design.
import { defineFamily } from '../../rule.ts';
import { SFN001 } from './SFN001.ts';
import { SFN002 } from './SFN002.ts';
import { SFN003 } from './SFN003.ts';
import { SFN004 } from './SFN004.ts';
import { SFN005 } from './SFN005.ts';

export const SFN = defineFamily({
  id: 'SFN', title: 'Step Functions templates against the AWS API models (SFN, hcl-lint)', tool: 'hcl-lint', category: 'reliability',
  rules: [SFN001, SFN002, SFN003, SFN004, SFN005],
});
