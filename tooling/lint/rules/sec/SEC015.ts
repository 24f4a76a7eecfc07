import { str } from '../../plan/index.ts';
import { referencesAt, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const RESOURCE_TYPES = typeSet('aws_api_gateway_resource');

export const SEC015 = defineRule({
  id: 'SEC015', family: 'SEC', target: 'plan', severity: 'critical', title: 'No API method without authorization',
  checks: 'aws_api_gateway_method has authorization other than NONE; the one exception is GET on the /health resource.',
  why: 'POST /trades with NONE lets anyone enqueue orders.',
  fix: 'Use AWS_IAM (or a Cognito/custom authorizer).',
  equivalents: ['Checkov CKV_AWS_59', 'Trivy AVD-AWS-0004'],
  check(ctx) {
    for (const m of ctx.managedOf('aws_api_gateway_method')) {
      if (m.values.authorization !== 'NONE') continue;
      if (m.values.http_method === 'GET') {
        const resources = targetsOf(ctx.index, m, ['resource_id'], RESOURCE_TYPES);
        const health = resources.some((r) => r.values.path_part === 'health' &&
          (r.values.path === '/health' || referencesAt(r, ['parent_id']).some((ref) => ref.endsWith('.root_resource_id'))));
        if (health) continue;
      }
      ctx.emit(SEC015, m.address, `${m.address} (${str(m.values.http_method) ?? '?'}) has authorization NONE: use AWS_IAM; only GET /health may be open.`);
    }
  },
});
