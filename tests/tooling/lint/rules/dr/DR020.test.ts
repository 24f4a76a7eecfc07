import { DR020 } from '../../../../../tooling/lint/rules/dr/DR020.ts';
import { describeRule } from '../describe-rule.ts';

describeRule(DR020, {
  passes: [
    'good',
    {
      label: 'rto_parameters only as the failover module\'s inputs and defaults',
      fixture: 'good',
      doc: (doc) => (delete doc.planned_values.outputs.rto_parameters, doc),
    },
  ],
  fails: {
    'neither a known definition nor rto_parameters': {
      fixture: 'good',
      doc: (doc) => {
        delete doc.planned_values.outputs.rto_parameters;
        delete doc.configuration.root_module.module_calls.failover.module.outputs.rto_parameters;
        return doc;
      },
      addresses: ['(plan)'],
    },
  },
});
