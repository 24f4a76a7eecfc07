// state bucket: backend.hcl exists and names a bucket these credentials reach, in its region, versioned.
import { GetBucketVersioningCommand, NoSuchBucket } from '@aws-sdk/client-s3';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { stateBucket } from '../../../tooling/preflight/checks/state-bucket.ts';
import { awsError, BACKEND, environment, mockedClients } from './fixtures.ts';

describe('state bucket check', () => {
  const { clients, mocks, ready } = mockedClients();
  beforeEach(ready);

  it('passes for a reachable, versioned bucket, asked in backend.hcl\'s region', async () => {
    const rows = await stateBucket.run(environment(), clients);
    expect(rows).toEqual([expect.objectContaining({ ok: true, result: `s3://${BACKEND.bucket} (us-east-1) is reachable and versioned` })]);
    expect(mocks.s3['us-east-1']).toHaveReceivedCommandWith(GetBucketVersioningCommand, { Bucket: BACKEND.bucket });
    expect(mocks.s3['us-east-2']).not.toHaveReceivedAnyCommand();
  });

  it('asks the replica\'s region when backend.hcl points at the replica', async () => {
    const rows = await stateBucket.run(environment({}, { ...BACKEND, bucket: 'acme-markets-tfstate-use2', region: 'us-east-2' }), clients);
    expect(rows[0]!.ok).toBe(true);
    expect(mocks.s3['us-east-2']).toHaveReceivedCommandWith(GetBucketVersioningCommand, { Bucket: 'acme-markets-tfstate-use2' });
  });

  it('fails without backend.hcl and says how to make one', async () => {
    const [row] = await stateBucket.run(environment({}, null), clients);
    expect(row).toMatchObject({ ok: false, result: 'environments/dev/backend.hcl does not exist', fix: expect.stringContaining('make bootstrap-state LIVE=1') });
  });

  it.each([
    ['Suspended', 'Suspended'],
    [undefined, 'off'],
  ])('fails when versioning is %s', async (status, shown) => {
    mocks.s3['us-east-1'].on(GetBucketVersioningCommand).resolves(status ? { Status: status as 'Suspended' } : {});
    const [row] = await stateBucket.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: `s3://${BACKEND.bucket} is reachable but versioning is ${shown}`, fix: expect.stringContaining('put-bucket-versioning') });
  });

  it.each([
    [new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: {} }), /make bootstrap-state LIVE=1/],
    [awsError('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.'), /set region in environments\/dev\/backend\.hcl to the bucket's region/],
    [awsError('AccessDenied', 'Access Denied'), /use credentials that may read/],
  ])('fails when the bucket is not reachable (%s)', async (error, fix) => {
    mocks.s3['us-east-1'].on(GetBucketVersioningCommand).rejects(error);
    const [row] = await stateBucket.run(environment(), clients);
    expect(row).toMatchObject({ ok: false, result: expect.stringMatching(new RegExp(`^s3://${BACKEND.bucket} in us-east-1 is not reachable \\(${error.name}: `)) });
    expect(row!.fix).toMatch(fix);
  });
});
