import { SEC025 } from '../../../../../tooling/lint/rules/sec/SEC025.ts';
import { change, dropChange } from '../../plan-fixtures.ts';
import { describeRule } from '../describe-rule.ts';

const TRAIL = 'module.global.aws_cloudtrail.this';
const PRIMARY = 'module.global.aws_s3_bucket.primary';
const SECONDARY = 'module.global.aws_s3_bucket.secondary';

const trail = (doc: Record<string, any>) => change(doc, TRAIL).change.after;

/** The trail's data event selector (planned values). */
function dataSelector(doc: Record<string, any>): Record<string, any> {
  const sel = trail(doc).advanced_event_selector.find((s: any) => s.field_selector.some((f: any) => f.field === 'eventCategory' && f.equals?.includes('Data')));
  if (!sel) throw new Error('fixture trail has no data event selector');
  return sel;
}

describeRule(SEC025, {
  passes: [
    'good',
    'good-prod',
    {
      label: 'a basic event selector naming both audit buckets by known ARN',
      fixture: 'good',
      doc: (doc) => {
        const t = trail(doc);
        t.advanced_event_selector = [];
        t.event_selector = [{ read_write_type: 'All', include_management_events: true, exclude_management_event_sources: [], data_resource: [
          { type: 'AWS::S3::Object', values: ['arn:aws:s3:::fixture-dev-state-us-east-1/', 'arn:aws:s3:::fixture-dev-state-us-east-2/'] },
        ] }];
        return doc;
      },
    },
    {
      label: 'data events for every S3 object (no resources.ARN filter)',
      fixture: 'good',
      doc: (doc) => {
        const sel = dataSelector(doc);
        sel.field_selector = sel.field_selector.filter((f: any) => f.field !== 'resources.ARN');
        doc.configuration.root_module.module_calls.global.module.resources.find((r: { address: string }) => r.address === 'aws_cloudtrail.this').expressions.advanced_event_selector = [];
        return doc;
      },
    },
  ],
  fails: {
    // trail_weak: single-region, unvalidated, no key, and the secondary audit bucket left out.
    sec: [TRAIL, SECONDARY],
    'no trail at all': {
      fixture: 'good',
      doc: (doc) => {
        dropChange(doc, TRAIL);
        return doc;
      },
      addresses: [PRIMARY, SECONDARY],
      messages: ['is an audit bucket (Object Lock) but no CloudTrail trail in this plan records its object-level events'],
    },
    'read-only data events (writes are not recorded)': {
      fixture: 'good',
      doc: (doc) => {
        dataSelector(doc).field_selector.push({ field: 'readOnly', equals: ['true'], ends_with: null, not_ends_with: null, not_equals: null, not_starts_with: null, starts_with: null });
        return doc;
      },
      addresses: [PRIMARY, SECONDARY],
    },
    'a single-region trail in us-east-1 (the us-east-2 audit bucket is not recorded)': {
      fixture: 'good',
      doc: (doc) => {
        trail(doc).is_multi_region_trail = false;
        return doc;
      },
      addresses: [TRAIL, SECONDARY],
      messages: ['set is_multi_region_trail = true'],
    },
    'log file validation off': {
      fixture: 'good',
      doc: (doc) => {
        trail(doc).enable_log_file_validation = false;
        return doc;
      },
      addresses: [TRAIL],
      messages: ['set enable_log_file_validation = true.'],
    },
  },
});
