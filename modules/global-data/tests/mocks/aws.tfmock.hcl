# Shared defaults for both mocked aws providers (every test file sources this directory for
# aws.primary and aws.secondary). Mock values are otherwise random strings, which the provider rejects
# where it validates ARNs and policy JSON. Values are generated at plan time (override_during = plan)
# so plan-mode runs can compare them.

# The regions: us-east-1 unless an override below names the secondary's data sources. Runs of the
# regional-buckets module on its own read data.aws_region.current, us-east-1 by default.
mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

override_data {
  target = data.aws_region.primary
  values = { name = "us-east-1" }
}

override_data {
  target = data.aws_region.secondary
  values = { name = "us-east-2" }
}

override_data {
  target = module.secondary_buckets.data.aws_region.current
  values = { name = "us-east-2" }
}

mock_data "aws_partition" {
  defaults = {
    partition  = "aws"
    dns_suffix = "amazonaws.com"
  }
}

mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_resource "aws_kms_key" {
  override_during = plan
  defaults = {
    arn    = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000001"
    key_id = "mrk-00000000000000000000000000000001"
  }
}

mock_resource "aws_kms_replica_key" {
  override_during = plan
  defaults = {
    arn    = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000001"
    key_id = "mrk-00000000000000000000000000000001"
  }
}

mock_resource "aws_iam_role" {
  override_during = plan
  defaults = {
    arn = "arn:aws:iam::111122223333:role/mock-s3-replication"
  }
}

mock_resource "aws_s3_bucket" {
  override_during = plan
  defaults = {
    arn = "arn:aws:s3:::mock-bucket"
  }
}

mock_resource "aws_dynamodb_table" {
  override_during = plan
  defaults = {
    arn = "arn:aws:dynamodb:us-east-1:111122223333:table/trading-dev-sessions"
  }
}

mock_resource "aws_rds_global_cluster" {
  override_during = plan
  defaults = {
    arn      = "arn:aws:rds::111122223333:global-cluster:trading-dev-global"
    endpoint = "trading-dev-global.global-abc123.global.rds.amazonaws.com"
  }
}

# Distinct ARNs per key and bucket, so a test notices when a resource picks the wrong domain's key,
# the other region's key, or the wrong peer bucket.
override_resource {
  target          = aws_kms_key.this["database"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-database", key_id = "mrk-database" }
}

override_resource {
  target          = aws_kms_key.this["data"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-data", key_id = "mrk-data" }
}

override_resource {
  target          = aws_kms_key.this["logs"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-logs", key_id = "mrk-logs" }
}

override_resource {
  target          = aws_kms_replica_key.this["database"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-database", key_id = "mrk-database" }
}

override_resource {
  target          = aws_kms_replica_key.this["data"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-data", key_id = "mrk-data" }
}

override_resource {
  target          = aws_kms_replica_key.this["logs"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-logs", key_id = "mrk-logs" }
}

override_resource {
  target          = module.primary_buckets.aws_s3_bucket.this["config"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-primary-config" }
}

override_resource {
  target          = module.primary_buckets.aws_s3_bucket.this["audit"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-primary-audit" }
}

override_resource {
  target          = module.secondary_buckets.aws_s3_bucket.this["config"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-secondary-config" }
}

override_resource {
  target          = module.secondary_buckets.aws_s3_bucket.this["audit"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-secondary-audit" }
}

override_resource {
  target          = aws_iam_role.replication["primary"]
  override_during = plan
  values          = { arn = "arn:aws:iam::111122223333:role/mock-us-east-1-s3-replication" }
}

override_resource {
  target          = aws_iam_role.replication["secondary"]
  override_during = plan
  values          = { arn = "arn:aws:iam::111122223333:role/mock-us-east-2-s3-replication" }
}

override_resource {
  target          = aws_kms_key.this["trail"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-1:111122223333:key/mrk-trail", key_id = "mrk-trail" }
}

override_resource {
  target          = aws_kms_replica_key.this["trail"]
  override_during = plan
  values          = { arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-trail", key_id = "mrk-trail" }
}

override_resource {
  target          = module.primary_buckets.aws_s3_bucket.this["trail"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-primary-trail" }
}

override_resource {
  target          = module.secondary_buckets.aws_s3_bucket.this["trail"]
  override_during = plan
  values          = { arn = "arn:aws:s3:::mock-secondary-trail" }
}

# The trail's real ARN is what the bucket and key policies name (trail.tf checks it after apply).
mock_resource "aws_cloudtrail" {
  override_during = plan
  defaults = {
    arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/trading-dev-trail"
  }
}
