import type { Instance } from '../../plan/index.ts';
import { str } from '../../plan/index.ts';
import { referencesAt, targetsOf, typeSet } from '../../plan/references.ts';
import { defineRule } from '../../rule.ts';

const RESOURCE_TYPES = typeSet('aws_api_gateway_resource');

/**
 * The client-certificate guard of a mutual TLS API (decision 008): the template's first directive
 * requires a non-empty certificate subject, which API Gateway sets only on a custom domain with mutual
 * TLS ("$!" renders a missing one as ""), and it is the only branch that writes to the queue.
 */
export const CLIENT_CERT_GUARD = '#if("$!context.identity.clientCert.subjectDN" != ""';

/** True when every request template of the method's integration queues only behind the guard. */
function gatedOnClientCertificate(integrations: Instance[], method: Instance): boolean {
  const resourceRefs = new Set(referencesAt(method, ['resource_id']));
  const mine = integrations.filter((i) =>
    i.module === method.module &&
    i.values.http_method === method.values.http_method &&
    referencesAt(i, ['resource_id']).some((r) => resourceRefs.has(r)));
  if (mine.length !== 1) return false;
  const templates = mine[0]!.values.request_templates;
  if (!templates || typeof templates !== 'object' || Array.isArray(templates)) return false;
  const values = Object.values(templates);
  return values.length > 0 && values.every((t) => {
    if (typeof t !== 'string' || !t.startsWith(CLIENT_CERT_GUARD)) return false;
    const cut = t.search(/#\{?else\}?/);
    return cut === -1 || !t.slice(cut).includes('Action=SendMessage');
  });
}

export const SEC015 = defineRule({
  id: 'SEC015', family: 'SEC', target: 'plan', severity: 'critical', title: 'No API method without authorization',
  checks: 'aws_api_gateway_method has authorization other than NONE; the exceptions are GET on the /health resource and a method whose integration queues only behind the mutual TLS client-certificate guard (decision 008).',
  why: 'POST /trades with NONE lets anyone enqueue orders.',
  fix: 'Use mutual TLS on the custom domain with the client-certificate guard in the request template (decision 008), or AWS_IAM / a Cognito or custom authorizer.',
  equivalents: ['Checkov CKV_AWS_59', 'Trivy AVD-AWS-0004'],
  check(ctx) {
    const integrations = ctx.managedOf('aws_api_gateway_integration');
    for (const m of ctx.managedOf('aws_api_gateway_method')) {
      if (m.values.authorization !== 'NONE') continue;
      if (m.values.http_method === 'GET') {
        const resources = targetsOf(ctx.index, m, ['resource_id'], RESOURCE_TYPES);
        const health = resources.some((r) => r.values.path_part === 'health' &&
          (r.values.path === '/health' || referencesAt(r, ['parent_id']).some((ref) => ref.endsWith('.root_resource_id'))));
        if (health) continue;
      }
      if (gatedOnClientCertificate(integrations, m)) continue;
      ctx.emit(SEC015, m.address, `${m.address} (${str(m.values.http_method) ?? '?'}) has authorization NONE: use mutual TLS with the client-certificate guard (decision 008) or AWS_IAM; only GET /health may be open.`);
    }
  },
});
