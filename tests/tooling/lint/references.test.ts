// Companion matching: through references with for_each keys inside a module instantiated twice, by
// literal names, and never through a resource that is only being deleted.
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../tooling/lint/plan/index.ts';
import { resolveReferences, typeSet } from '../../../tooling/lint/plan/references.ts';
import { RuleContext } from '../../../tooling/lint/plan/context.ts';
import { change, dropChange, fixture, lint, pairs } from './helpers.ts';

const P = 'module.region_primary';
const S = 'module.region_secondary';

describe('companion resolution', () => {
  it('pairs each for_each companion with its own bucket in each module instance', () => {
    const ctx = new RuleContext(buildIndex(fixture('good')));
    const versioning = ctx.companions('aws_s3_bucket_versioning', ['bucket'], ['aws_s3_bucket']);
    for (const m of [P, S]) {
      for (const key of ['artifacts', 'reports']) {
        expect(versioning.get(`${m}.aws_s3_bucket.this["${key}"]`)?.map((c) => c.address)).toEqual([`${m}.aws_s3_bucket_versioning.this["${key}"]`]);
      }
    }
    expect(versioning.get('module.global.aws_s3_bucket.primary')?.map((c) => c.address)).toEqual(['module.global.aws_s3_bucket_versioning.primary']);
  });

  it('reports only the bucket whose companion is missing, in only that module instance', () => {
    const doc = fixture('good');
    dropChange(doc, `${S}.aws_s3_bucket_versioning.this["reports"]`);
    expect(pairs(lint(doc))).toEqual([`DR001 ${S}`, `OPS010 ${S}.aws_s3_bucket.this["reports"]`]);
  });

  it('matches companions by a literal bucket name and ignores companions being deleted', () => {
    expect(pairs(lint(fixture('literal-names')), 'OPS010')).toEqual(['OPS010 aws_s3_bucket.other']);
  });

  it('resolves replication destinations given as literal ARNs to the peer region bucket', () => {
    const doc = fixture('good');
    dropChange(doc, `${S}.aws_s3_bucket_replication_configuration.this["artifacts"]`);
    expect(pairs(lint(doc), 'DR00')).toEqual([
      `DR001 ${S}`,
      `DR008 ${S}.aws_s3_bucket.this["artifacts"]`,
      `DR009 ${P}.aws_s3_bucket.this["artifacts"]`,
    ]);
  });
});

describe('known values and computed defaults', () => {
  it('flags a DynamoDB replica whose known key ARN is in another region', () => {
    const doc = fixture('good');
    const table = change(doc, 'module.global.aws_dynamodb_table.sessions');
    table.change.after.replica[0].kms_key_arn = 'arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef';
    table.change.after_unknown.replica[0].kms_key_arn = false;
    expect(pairs(lint(doc))).toEqual(['DR016 module.global.aws_dynamodb_table.sessions']);
  });

  it('treats an unknown kms_key_id that the configuration never sets as the provider default', () => {
    const doc = fixture('good');
    const cluster = doc.configuration.root_module.module_calls.region_primary.module.resources.find(
      (r: { address: string }) => r.address === 'aws_rds_cluster.this');
    delete cluster.expressions.kms_key_id;
    // Each module call has its own copy of the configuration: only the primary's lost kms_key_id.
    expect(pairs(lint(doc))).toEqual([`SEC002 ${P}.aws_rds_cluster.this`]);
  });

  it('notes (info) instead of guessing when a policy is unknown and references no policy document', () => {
    const doc = fixture('good');
    const policy = doc.configuration.root_module.module_calls.region_primary.module.resources.find(
      (r: { address: string }) => r.address === 'aws_iam_role_policy.processor');
    policy.expressions.policy = { references: ['local.rendered'] };
    const rc = change(doc, `${P}.aws_iam_role_policy.processor`);
    delete rc.change.after.policy;
    rc.change.after_unknown.policy = true;
    const report = lint(doc);
    expect(pairs(report)).toEqual([`SEC019 ${P}.aws_iam_role_policy.processor`]);
    expect(report.summary.failed).toBe(false);
  });
});

// A regional stack takes its keys as a module input that the root wires from a sibling module's
// output: var.kms_key_arns.logs -> the call's expression (module.keys.<output>...) -> that output's
// expression in module.keys -> the key resources and their regions.
describe('references through a sibling module output', () => {
  const SQS = 'module.stack.aws_sqs_queue.this';
  const resource = (address: string, type: string, provider: string, expressions: Record<string, unknown> = {}) => ({
    address, mode: 'managed', type, name: 'this', provider_config_key: provider, expressions,
  });
  const created = (address: string, type: string, index?: string) => ({
    address, mode: 'managed', type, name: 'this', ...(index ? { index } : {}),
    change: { actions: ['create'], before: null, after: {}, after_unknown: { arn: true, kms_master_key_id: true } },
  });
  function plan(stackKeys: string[], outputs: Record<string, string[]>) {
    return {
      format_version: '1.2',
      resource_changes: [
        ...['data', 'logs'].flatMap((d) => [
          created(`module.keys.aws_kms_key.this["${d}"]`, 'aws_kms_key', d),
          created(`module.keys.aws_kms_replica_key.this["${d}"]`, 'aws_kms_replica_key', d),
        ]),
        created(SQS, 'aws_sqs_queue'),
      ],
      configuration: {
        provider_config: {
          'aws.primary': { name: 'aws', alias: 'primary', expressions: { region: { constant_value: 'us-east-1' } } },
          'aws.secondary': { name: 'aws', alias: 'secondary', expressions: { region: { constant_value: 'us-east-2' } } },
        },
        root_module: {
          module_calls: {
            keys: {
              source: './keys',
              module: {
                resources: [
                  resource('aws_kms_key.this', 'aws_kms_key', 'aws.primary'),
                  resource('aws_kms_replica_key.this', 'aws_kms_replica_key', 'aws.secondary', { primary_key_arn: { references: ['aws_kms_key.this'] } }),
                ],
                outputs: Object.fromEntries(Object.entries(outputs).map(([name, refs]) => [name, { expression: { references: refs } }])),
              },
            },
            stack: {
              source: './stack',
              expressions: { kms_key_arns: { references: stackKeys } },
              module: {
                resources: [resource('aws_sqs_queue.this', 'aws_sqs_queue', 'aws.secondary', { kms_master_key_id: { references: ['var.kms_key_arns.logs', 'var.kms_key_arns'] } })],
                variables: { kms_key_arns: { description: 'keys' } },
              },
            },
          },
        },
      },
    };
  }
  const perRegion = { primary: ['aws_kms_key.this'], secondary: ['aws_kms_replica_key.this'] };
  const wiredTo = (output: string) => [`module.keys.${output}.kms_key_arns`, `module.keys.${output}`, 'module.keys'];
  const keysOf = (doc: unknown) => {
    const index = buildIndex(doc);
    return resolveReferences(index, index.byAddress.get(SQS)!, ['kms_master_key_id'], typeSet('aws_kms_key', 'aws_kms_replica_key'))
      .map((k) => `${k.address} ${k.region}`).sort();
  };

  it('follows the input into the producing module and reaches only that output\'s keys', () => {
    expect(keysOf(plan(wiredTo('secondary'), perRegion))).toEqual([
      'module.keys.aws_kms_replica_key.this["data"] us-east-2',
      'module.keys.aws_kms_replica_key.this["logs"] us-east-2',
    ]);
  });

  it('reports DR016 when the stack is wired to the other region\'s output, and not otherwise', () => {
    expect(pairs(lint(plan(wiredTo('primary'), perRegion)), 'DR016')).toEqual([`DR016 ${SQS}`]);
    expect(pairs(lint(plan(wiredTo('secondary'), perRegion)), 'DR016')).toEqual([]);
  });

  it('reaches no verdict through an output over both regions or over locals', () => {
    expect(pairs(lint(plan(wiredTo('regions'), { regions: ['aws_kms_key.this', 'aws_kms_replica_key.this'] })), 'DR016')).toEqual([]);
    expect(keysOf(plan(wiredTo('regions'), { regions: ['local.kms_key_arns'] }))).toEqual([]);
  });
});
