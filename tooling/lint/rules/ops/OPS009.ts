import { block, str } from '../../plan/index.ts';
import { resolveReferences, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const FUNCTION_TYPES = typeSet('aws_lambda_function');
const LOG_GROUP_TYPES = typeSet('aws_cloudwatch_log_group');

export const OPS009 = defineRule({
  id: 'OPS009', family: 'OPS', target: 'plan', severity: 'medium', title: 'Functions have a managed log group',
  checks: 'Each aws_lambda_function has an aws_cloudwatch_log_group named /aws/lambda/<function_name> or set in logging_config.',
  why: 'Otherwise Lambda creates the group itself: no retention, no CMK, not in state.',
  fix: 'Declare the log group (retention, kms_key_id) next to the function.',
  equivalents: [],
  check(ctx) {
    const groups = ctx.managedOf('aws_cloudwatch_log_group');
    const groupNames = new Set(groups.map((g) => str(g.values.name)).filter(Boolean));
    const referenced = new Set<string>();
    for (const g of groups) for (const f of resolveReferences(ctx.index, g, ['name'], FUNCTION_TYPES)) referenced.add(f.address);
    for (const f of ctx.managedOf('aws_lambda_function')) {
      const fn = str(f.values.function_name);
      const configured = str(block(f.values, ['logging_config'])?.log_group);
      const ok = (fn && groupNames.has(`/aws/lambda/${fn}`)) || (configured && groupNames.has(configured)) || referenced.has(f.address) ||
        resolveReferences(ctx.index, f, ['logging_config', 'log_group'], LOG_GROUP_TYPES).length > 0;
      if (!ok) ctx.emit(OPS009, f.address, `${f.address} has no managed log group: declare aws_cloudwatch_log_group "/aws/lambda/${fn ?? '<function_name>'}" with retention and kms_key_id.`);
    }
  },
});
