// Plans whose policies are unknown at plan time and reference no aws_iam_policy_document (through a
// local, which the plan JSON does not carry): SEC011, SEC013 and SEC014 give no verdict, SEC019 notes it.
import { change } from '../../plan-fixtures.ts';

export const P = 'module.region_primary';

const primaryResource = (doc: Record<string, any>, address: string) =>
  doc.configuration.root_module.module_calls.region_primary.module.resources.find((r: { address: string }) => r.address === address);

/** The primary stack's role policy. */
export function unknownRolePolicy(doc: Record<string, any>): Record<string, any> {
  primaryResource(doc, 'aws_iam_role_policy.processor').expressions.policy = { references: ['local.rendered'] };
  const rc = change(doc, `${P}.aws_iam_role_policy.processor`);
  delete rc.change.after.policy;
  rc.change.after_unknown.policy = true;
  return doc;
}

/** The primary stack's bucket policies (their JSON is already unknown in the fixture). */
export function unknownBucketPolicies(doc: Record<string, any>): Record<string, any> {
  primaryResource(doc, 'aws_s3_bucket_policy.this').expressions.policy = { references: ['local.rendered', 'each.key'] };
  return doc;
}
