# The state bootstrap: two buckets, replication both ways with the other bucket's key, one role
# limited to the two buckets, and backend.hcl lines for each environment and for the replica.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "replica"
  source = "./tests/mocks"
}

override_data {
  target = module.replica.data.aws_region.current
  values = { name = "us-east-2" }
}

override_resource {
  target = module.primary.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::trading-tfstate-210987654321-us-east-1", id = "trading-tfstate-210987654321-us-east-1" }
}

override_resource {
  target = module.replica.aws_s3_bucket.this
  values = { arn = "arn:aws:s3:::trading-tfstate-210987654321-us-east-2", id = "trading-tfstate-210987654321-us-east-2" }
}

override_resource {
  target = module.primary.aws_kms_key.this
  values = { arn = "arn:aws:kms:us-east-1:210987654321:key/00000000-0000-4000-8000-0000000000e1" }
}

override_resource {
  target = module.replica.aws_kms_key.this
  values = { arn = "arn:aws:kms:us-east-2:210987654321:key/00000000-0000-4000-8000-0000000000e2" }
}

variables {
  project      = "trading"
  account_id   = "210987654321"
  environments = ["dev", "staging"]
}

run "buckets_and_backend_lines" {
  command = apply

  assert {
    condition     = output.buckets.primary.name == "trading-tfstate-210987654321-us-east-1" && output.buckets.replica.name == "trading-tfstate-210987654321-us-east-2"
    error_message = "bucket names are <project>-tfstate-<account_id>-<region>"
  }

  assert {
    condition     = output.buckets.primary.region == "us-east-1" && output.buckets.replica.region == "us-east-2"
    error_message = "the replica lives in the replica region"
  }

  assert {
    condition     = output.backend_hcl["dev"] == <<-EOT
      bucket     = "trading-tfstate-210987654321-us-east-1"
      key        = "trading-platform/dev/terraform.tfstate"
      region     = "us-east-1"
      kms_key_id = "arn:aws:kms:us-east-1:210987654321:key/00000000-0000-4000-8000-0000000000e1"
    EOT
    error_message = "backend.hcl for dev names the primary bucket, the environment's key, its region and its KMS key"
  }

  assert {
    condition     = output.backend_hcl_replica["staging"] == <<-EOT
      bucket     = "trading-tfstate-210987654321-us-east-2"
      key        = "trading-platform/staging/terraform.tfstate"
      region     = "us-east-2"
      kms_key_id = "arn:aws:kms:us-east-2:210987654321:key/00000000-0000-4000-8000-0000000000e2"
    EOT
    error_message = "the replica's backend.hcl keeps the key and switches bucket, region and KMS key"
  }

  assert {
    condition     = keys(output.backend_hcl) == ["dev", "staging"]
    error_message = "one backend.hcl per environment in this account"
  }
}

run "replication_both_ways" {
  command = apply

  assert {
    condition = (
      aws_s3_bucket_replication_configuration.to_replica.bucket == "trading-tfstate-210987654321-us-east-1" &&
      aws_s3_bucket_replication_configuration.to_replica.rule[0].destination[0].bucket == "arn:aws:s3:::trading-tfstate-210987654321-us-east-2" &&
      aws_s3_bucket_replication_configuration.to_primary.bucket == "trading-tfstate-210987654321-us-east-2" &&
      aws_s3_bucket_replication_configuration.to_primary.rule[0].destination[0].bucket == "arn:aws:s3:::trading-tfstate-210987654321-us-east-1"
    )
    error_message = "each bucket replicates to the other"
  }

  assert {
    condition = (
      aws_s3_bucket_replication_configuration.to_replica.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == "arn:aws:kms:us-east-2:210987654321:key/00000000-0000-4000-8000-0000000000e2" &&
      aws_s3_bucket_replication_configuration.to_primary.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == "arn:aws:kms:us-east-1:210987654321:key/00000000-0000-4000-8000-0000000000e1"
    )
    error_message = "replicas are encrypted with the destination region's key, so they are readable when the source region is lost"
  }

  assert {
    condition = alltrue([for r in [aws_s3_bucket_replication_configuration.to_replica, aws_s3_bucket_replication_configuration.to_primary] :
      r.rule[0].status == "Enabled" && r.rule[0].delete_marker_replication[0].status == "Enabled" &&
      r.rule[0].source_selection_criteria[0].sse_kms_encrypted_objects[0].status == "Enabled" &&
      length(r.rule[0].filter) == 1 && r.rule[0].filter[0].prefix == null
    ])
    error_message = "the whole bucket replicates, KMS-encrypted objects included, and delete markers too (a released lock file must not stay in the replica)"
  }

  assert {
    condition = alltrue([for r in [aws_s3_bucket_replication_configuration.to_replica, aws_s3_bucket_replication_configuration.to_primary] :
      r.rule[0].destination[0].replication_time[0].time[0].minutes == 15 && r.rule[0].destination[0].metrics[0].status == "Enabled"
    ])
    error_message = "Replication Time Control (15 minutes) and its metrics are on by default"
  }

  assert {
    condition = (
      one([for c in data.aws_iam_policy_document.replication_trust.statement[0].condition : c.values if c.variable == "aws:SourceAccount"]) == tolist(["210987654321"]) &&
      toset(one([for c in data.aws_iam_policy_document.replication_trust.statement[0].condition : c.values if c.variable == "aws:SourceArn"])) == toset(["arn:aws:s3:::trading-tfstate-210987654321-us-east-1", "arn:aws:s3:::trading-tfstate-210987654321-us-east-2"])
    )
    error_message = "only the two state buckets of this account may hand S3 the replication role"
  }

  assert {
    condition     = toset([for s in data.aws_iam_policy_document.replication.statement : one([for c in s.condition : one(c.values) if c.variable == "kms:ViaService"]) if length(s.condition) > 0]) == toset(["s3.us-east-1.amazonaws.com", "s3.us-east-2.amazonaws.com"])
    error_message = "each key is usable by the role only through S3 in the key's region"
  }
}

run "without_replication_time_control" {
  command = plan

  variables {
    replication_time_control = false
  }

  assert {
    condition     = length(aws_s3_bucket_replication_configuration.to_replica.rule[0].destination[0].replication_time) == 0 && length(aws_s3_bucket_replication_configuration.to_replica.rule[0].destination[0].metrics) == 0
    error_message = "replication_time_control = false drops RTC and its metrics"
  }
}

run "bucket_name_prefix_wins" {
  command = plan

  variables {
    bucket_name_prefix = "acme-markets-tfstate"
  }

  assert {
    condition     = aws_iam_role.replication.name == "acme-markets-tfstate-replication"
    error_message = "bucket_name_prefix replaces <project>-tfstate-<account_id> in the names"
  }
}

run "same_region_refused" {
  command = plan

  variables {
    replica_region = "us-east-1"
  }

  expect_failures = [var.replica_region]
}

run "placeholder_account_refused" {
  command = plan

  variables {
    account_id = "000000000000"
  }

  expect_failures = [var.account_id]
}

run "unknown_environment_refused" {
  command = plan

  variables {
    environments = ["qa"]
  }

  expect_failures = [var.environments]
}
