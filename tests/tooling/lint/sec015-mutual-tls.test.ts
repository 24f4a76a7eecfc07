// SEC015's mutual TLS exception (decision 008): POST /trades may have authorization NONE only when its
// integration queues behind the client-certificate guard. The sec fixture's open POST gets an
// integration of the test's own; the finding goes away only with the guard in front of the only SendMessage.
import { describe, expect, it } from 'vitest';
import { CLIENT_CERT_GUARD } from '../../../tooling/lint/rules/sec/SEC015.ts';
import { change, fixture, lint, pairs } from './helpers.ts';

const P = 'module.region_primary';
const GUARDED = `${CLIENT_CERT_GUARD} && $stageVariables.active == "true")Action=SendMessage&MessageBody=$util.urlEncode($input.body)#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end`;

/** The sec fixture with the primary's POST /trades integration replaced by one with `template`. */
function withIntegration(template: string, resourceRef = 'aws_api_gateway_resource.trades') {
  const doc = fixture('sec');
  const method = change(doc, `${P}.aws_api_gateway_method.post_trades`);
  // The fixture has its own SQS integration for POST /trades: this one takes its place.
  doc.resource_changes = doc.resource_changes.filter((r: { address: string }) => r.address !== `${P}.aws_api_gateway_integration.post_trades`);
  const module = doc.configuration.root_module.module_calls.region_primary.module;
  module.resources = module.resources.filter((r: { address: string }) => r.address !== 'aws_api_gateway_integration.post_trades');
  doc.resource_changes.push({
    address: `${P}.aws_api_gateway_integration.post_trades`,
    module_address: P,
    mode: 'managed',
    type: 'aws_api_gateway_integration',
    name: 'post_trades',
    provider_name: method.provider_name,
    change: { actions: ['create'], before: null, after: { http_method: 'POST', type: 'AWS', request_templates: { 'application/json': template } }, after_unknown: { resource_id: true } },
  });
  const calls = doc.configuration.root_module.module_calls.region_primary.module.resources as Record<string, any>[];
  const methodConfig = calls.find((r) => r.address === 'aws_api_gateway_method.post_trades')!;
  methodConfig.expressions.resource_id = { references: [`${resourceRef}.id`, resourceRef] };
  calls.push({
    address: 'aws_api_gateway_integration.post_trades',
    mode: 'managed',
    type: 'aws_api_gateway_integration',
    name: 'post_trades',
    provider_config_key: methodConfig.provider_config_key,
    expressions: { resource_id: { references: [`${resourceRef}.id`, resourceRef] } },
    schema_version: 0,
  });
  return doc;
}

const findings = (doc: unknown) => pairs(lint(doc), 'SEC015');

describe('SEC015 and mutual TLS', () => {
  it('accepts NONE when the only SendMessage is behind the client-certificate guard', () => {
    expect(findings(withIntegration(GUARDED))).toEqual(['SEC015 module.region_secondary.aws_api_gateway_method.post_trades']);
  });

  it('flags NONE when the template queues without the guard', () => {
    const open = '#if($stageVariables.active == "true")Action=SendMessage&MessageBody=$util.urlEncode($input.body)#{else}Action=GetQueueAttributes#end';
    expect(findings(withIntegration(open))).toContain(`SEC015 ${P}.aws_api_gateway_method.post_trades`);
  });

  it('flags NONE when the else branch still queues', () => {
    const leaky = `${CLIENT_CERT_GUARD})Action=SendMessage&MessageBody=x#{else}Action=SendMessage&MessageBody=y#end`;
    expect(findings(withIntegration(leaky))).toContain(`SEC015 ${P}.aws_api_gateway_method.post_trades`);
  });

  it('flags NONE when the guarded integration belongs to another resource', () => {
    const doc = withIntegration(GUARDED);
    const calls = doc.configuration.root_module.module_calls.region_primary.module.resources as Record<string, any>[];
    calls.find((r) => r.address === 'aws_api_gateway_integration.post_trades')!.expressions.resource_id = { references: ['aws_api_gateway_resource.other.id', 'aws_api_gateway_resource.other'] };
    expect(findings(doc)).toContain(`SEC015 ${P}.aws_api_gateway_method.post_trades`);
  });
});
