import { SEC024 } from '../../../../../tooling/lint/rules/sec/SEC024.ts';
import { change, dropChange } from '../../plan-fixtures.ts';
import { describeRule, inBoth, P } from '../describe-rule.ts';

const STAGE = `${P}.aws_api_gateway_stage.this`;
const ACL = `${P}.aws_wafv2_web_acl.api`;

/** The primary web ACL's planned values. */
const acl = (doc: Record<string, any>) => change(doc, ACL).change.after;
const ruleNamed = (doc: Record<string, any>, name: string) => {
  const rule = acl(doc).rule.find((r: { name: string }) => r.name === name);
  if (!rule) throw new Error(`fixture ACL has no rule ${name}`);
  return rule;
};

describeRule(SEC024, {
  passes: [
    'good',
    'good-prod',
    {
      label: 'rules given as rule_json (the WAFV2 API shape)',
      fixture: 'good',
      doc: (doc) => {
        const values = acl(doc);
        values.rule = [];
        values.rule_json = JSON.stringify([
          { Name: 'aws-bad-inputs', Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } }, VisibilityConfig: {} },
          { Name: 'rate', Priority: 2, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } }, VisibilityConfig: {} },
        ]);
        return doc;
      },
    },
  ],
  fails: {
    // waf_weak: the ACL has no rate-based rule.
    sec: inBoth('aws_api_gateway_stage.this'),
    'a stage with no web ACL association': {
      fixture: 'good',
      doc: (doc) => {
        dropChange(doc, `${P}.aws_wafv2_web_acl_association.api`);
        return doc;
      },
      addresses: [STAGE],
      messages: ['is associated with no WAF web ACL'],
    },
    'AWS managed rules overridden to count': {
      fixture: 'good',
      doc: (doc) => {
        ruleNamed(doc, 'aws-common').override_action = [{ count: [{}], none: [] }];
        return doc;
      },
      addresses: [STAGE],
      messages: ['lacks an AWS managed rule group (vendor_name "AWS", override_action none)'],
    },
    'a rate-based rule that only counts': {
      fixture: 'good',
      doc: (doc) => {
        ruleNamed(doc, 'rate-per-ip').action = [{ allow: [], block: [], captcha: [], challenge: [], count: [{ custom_request_handling: [] }] }];
        return doc;
      },
      addresses: [STAGE],
      messages: ['lacks a rate-based rule that blocks'],
    },
    'a CLOUDFRONT-scoped web ACL': {
      fixture: 'good',
      doc: (doc) => {
        acl(doc).scope = 'CLOUDFRONT';
        return doc;
      },
      addresses: [STAGE],
      messages: ['scope CLOUDFRONT instead of REGIONAL'],
    },
  },
});
