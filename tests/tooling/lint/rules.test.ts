// Every rule against real `terraform show -json` plans of tests/fixtures/plans/src: the good variants
// are clean, each defect variant reports exactly the listed rule IDs at exactly these addresses.
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../../tooling/lint/rules/index.ts';
import { fixture, lint, pairs } from './helpers.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';
const both = (rule: string, rest: string) => [`${rule} ${P}.${rest}`, `${rule} ${S}.${rest}`];

const EXPECTED: Record<string, string[]> = {
  good: [],
  'good-prod': [],
  dr: [
    `DR001 ${S}`,
    `DR004 ${S}.aws_rds_cluster.this`,
    `DR005 ${S}.aws_rds_cluster.this`,
    'DR007 module.global.aws_dynamodb_table.sessions',
    'DR008 module.global.aws_s3_bucket.secondary',
    'DR009 module.global.aws_s3_bucket.primary',
    'DR010 module.failover.aws_route53_record.primary',
    'DR011 module.failover.aws_route53_record.primary',
    'DR012 module.failover.aws_sfn_state_machine.primary',
    `DR013 ${S}.aws_lambda_function.validator`,
    `DR014 ${P}.aws_cloudwatch_metric_alarm.rpo_lag`,
    `DR015 ${S}.aws_sqs_queue.dlq`,
    'DR016 module.global.aws_s3_bucket_server_side_encryption_configuration.secondary_wrong_key[0]',
  ],
  'dr-global': [
    'DR002 module.global.aws_rds_global_cluster.extra[0]',
    'DR003 module.global.aws_rds_global_cluster.extra[0]',
    'DR003 module.global.aws_rds_global_cluster.extra[0]',
    'DR003 module.global.aws_rds_global_cluster.this',
    'DR006 module.global.aws_dynamodb_table.sessions',
  ],
  sec: [
    ...both('SEC001', 'aws_s3_bucket.this["reports"]'),
    ...both('SEC002', 'aws_rds_cluster.this'),
    'SEC003 module.global.aws_dynamodb_table.sessions',
    ...both('SEC004', 'aws_sqs_queue.orders'),
    ...both('SEC005', 'aws_sns_topic.alarms'),
    ...both('SEC006', 'aws_cloudwatch_log_group.processor'),
    ...both('SEC007', 'aws_lambda_function.processor'),
    ...both('SEC008', 'aws_ssm_parameter.default_key[0]'),
    'SEC009 module.global.aws_kms_key.this["database"]',
    ...both('SEC010', 'aws_s3_bucket.this["artifacts"]'),
    ...both('SEC011', 'aws_s3_bucket.this["reports"]'),
    ...both('SEC012', 'aws_s3_bucket.this["artifacts"]'),
    ...both('SEC013', 'aws_iam_role_policy.processor'),
    ...both('SEC014', 'aws_iam_role_policy.processor'),
    ...both('SEC015', 'aws_api_gateway_method.post_trades'),
    ...both('SEC016', 'aws_vpc_security_group_ingress_rule.db'),
    `SEC017 ${P}.aws_rds_cluster.this`,
    ...both('SEC017', 'aws_lambda_function.validator'),
    ...both('SEC017', 'aws_ssm_parameter.db_password[0]'),
  ],
  'prod-unprotected': [
    'SEC018 module.global.aws_dynamodb_table.sessions',
    'SEC018 module.global.aws_rds_global_cluster.this',
    ...both('SEC018', 'aws_rds_cluster.this'),
    ...both('SEC018', 'aws_rds_cluster.this'),
  ],
  ops: [
    ...both('OPS001', 'aws_sqs_queue.orders'),
    ...both('OPS002', 'aws_cloudwatch_log_group.processor'),
    ...both('OPS003', 'aws_sqs_queue.orders'),
    ...both('OPS004', 'aws_lambda_function.processor'),
    ...both('OPS005', 'aws_api_gateway_stage.this'),
    'OPS006 module.failover.aws_sfn_state_machine.primary',
    'OPS006 module.failover.aws_sfn_state_machine.secondary[0]',
    ...both('OPS007', 'aws_cloudwatch_metric_alarm.dlq'),
    ...both('OPS008', 'aws_cloudwatch_event_rule.orphan[0]'),
    ...both('OPS009', 'aws_lambda_function.health'),
    ...both('OPS010', 'aws_s3_bucket.this["reports"]'),
  ],
  budget: [
    'DR017 var.rto_budget_seconds',
    'DR018 module.failover.aws_sfn_state_machine.primary',
    'DR019 module.failover.aws_sfn_state_machine.primary',
  ],
};

describe.each(Object.entries(EXPECTED))('fixture %s', (name, expected) => {
  const report = lint(fixture(name), `${name}.json`);

  it('reports exactly the expected rule IDs at exactly these addresses', () => {
    expect(pairs(report)).toEqual([...expected].sort());
  });

  it('names the address and a fix in every message', () => {
    for (const f of report.findings) {
      if (f.address !== '(plan)' && !f.address.startsWith('var.')) expect(f.message).toContain(f.address);
      expect(f.message).toMatch(/:\s.+/);
    }
  });
});

describe('fixture coverage', () => {
  it('has a failing case for every plan rule that can fail a plan', () => {
    const covered = new Set(Object.values(EXPECTED).flat().map((p) => p.split(' ')[0]));
    // LINT* are covered by the suppressions suite; info rules (DR020, SEC019) by the budget and policy suites.
    const failing = rulesFor('plan').filter((r) => r.severity !== 'info').map((r) => r.id);
    expect(failing.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('checks a realistic number of resources in the good plan', () => {
    const report = lint(fixture('good'));
    expect(report.summary.checked).toBeGreaterThan(100);
    expect(report.budget?.parameterSource).toBe('rto_parameters');
  });
});
