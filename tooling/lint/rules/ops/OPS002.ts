import { getAll } from '../../plan/index.ts';
import { isSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

export const OPS002 = defineRule({
  id: 'OPS002', family: 'OPS', target: 'plan', severity: 'medium', title: 'Log retention set',
  checks: 'aws_cloudwatch_log_group has retention_in_days > 0.',
  why: 'Logs kept forever cost money and keep data beyond its purpose.',
  fix: 'Set retention_in_days.',
  equivalents: ['Checkov CKV_AWS_66'],
  check(ctx) {
    for (const lg of ctx.managedOf('aws_cloudwatch_log_group')) {
      const days = lg.values.retention_in_days;
      if (!(typeof days === 'number' && days > 0) && !(getAll(lg.unknown, ['retention_in_days']).includes(true) && isSet(lg, ['retention_in_days']))) {
        ctx.emit(OPS002, lg.address, `${lg.address} keeps logs forever: set retention_in_days.`);
      }
    }
  },
});
