// The state bucket backend.hcl names is reachable with these credentials, from its region, and
// versioned (the S3 backend's lock file and any recovery of an overwritten state rely on it).
import { GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { describeError, fail, pass, type PreflightCheck } from '../check.ts';

const CHECK = 'state bucket';

export const stateBucket: PreflightCheck = {
  name: CHECK,
  actions: ['s3:GetBucketVersioning'],
  async run(env, clients) {
    const b = env.backend;
    if (!b) {
      return [fail(CHECK, `${env.files.backend} does not exist`, `run make bootstrap-state LIVE=1 once per account (docs/first-deployment.md), then write its backend_hcl output for ${env.env} to ${env.files.backend}`)];
    }
    let status: string | undefined;
    try {
      status = (await clients.s3(b.region).send(new GetBucketVersioningCommand({ Bucket: b.bucket }))).Status;
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      const fix = name === 'NoSuchBucket'
        ? `create it with make bootstrap-state LIVE=1, or correct bucket in ${env.files.backend}`
        : name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed'
          ? `set region in ${env.files.backend} to the bucket's region (aws s3api get-bucket-location --bucket ${b.bucket})`
          : `use credentials that may read s3://${b.bucket} (s3:GetBucketVersioning, s3:ListBucket, s3:GetObject, s3:PutObject, s3:DeleteObject)`;
      return [fail(CHECK, `s3://${b.bucket} in ${b.region} is not reachable (${describeError(err)})`, fix)];
    }
    if (status !== 'Enabled') {
      return [fail(CHECK, `s3://${b.bucket} is reachable but versioning is ${status ?? 'off'}`,
        `aws s3api put-bucket-versioning --region ${b.region} --bucket ${b.bucket} --versioning-configuration Status=Enabled (bootstrap/state creates it versioned)`)];
    }
    return [pass(CHECK, `s3://${b.bucket} (${b.region}) is reachable and versioned`)];
  },
};
