import type { Statement } from '../../plan/policy.ts';
import { defineRule } from '../../rule.ts';
import { bucketsWith } from './buckets.ts';
import { statementsOf } from './policies.ts';

function isTlsDeny(s: Statement): boolean {
  return s.effect === 'Deny' && s.conditions.some((c) =>
    c.test.toLowerCase() === 'bool' && c.variable.toLowerCase() === 'aws:securetransport' && c.values.map((v) => v.toLowerCase()).includes('false'));
}

export const SEC011 = defineRule({
  id: 'SEC011', family: 'SEC', target: 'plan', severity: 'high', title: 'TLS-only bucket policy',
  checks: 'Each bucket has an aws_s3_bucket_policy with a Deny statement conditioned on aws:SecureTransport = false.',
  why: 'Without it, clients may read and write over plain HTTP.',
  fix: 'Add a Deny s3:* statement for the bucket and its objects with Bool aws:SecureTransport false.',
  equivalents: [],
  check(ctx) {
    for (const { bucket: b, companions: pols } of bucketsWith(ctx, 'aws_s3_bucket_policy')) {
      if (pols.length === 0) {
        ctx.emit(SEC011, b.address, `${b.address} has no bucket policy: add a TLS-only policy (Deny s3:* when aws:SecureTransport is false).`);
        continue;
      }
      // A policy unknown at plan time gives no verdict (SEC019 notes it).
      const found = pols.map((p) => statementsOf(ctx, p).statements);
      const unknown = found.some((s) => s === null);
      const tls = found.some((s) => s !== null && s.some(isTlsDeny));
      if (!tls && !unknown) ctx.emit(SEC011, b.address, `${b.address} bucket policy does not deny insecure transport: add a Deny statement with Bool aws:SecureTransport = false.`);
    }
  },
});
