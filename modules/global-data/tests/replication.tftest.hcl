# Two-way replication: every bucket (config, audit, trail) replicates to its kind in the other region with its direction's
# role, RTC and metrics at 15 minutes, replica modification sync and the destination's own key.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "every_bucket_replicates_to_its_peer" {
  command = plan

  assert {
    condition     = keys(aws_s3_bucket_replication_configuration.primary) == ["audit", "config", "trail"] && keys(aws_s3_bucket_replication_configuration.secondary) == ["audit", "config", "trail"]
    error_message = "all six buckets need a replication configuration (every kind, both directions)"
  }

  assert {
    condition = alltrue([for k, r in aws_s3_bucket_replication_configuration.primary :
      r.role == "arn:aws:iam::111122223333:role/mock-us-east-1-s3-replication"
      && r.rule[0].destination[0].bucket == "arn:aws:s3:::mock-secondary-${k}"
    ])
    error_message = "primary buckets must replicate to the same kind in the secondary with the primary-to-secondary role"
  }

  assert {
    condition = alltrue([for k, r in aws_s3_bucket_replication_configuration.secondary :
      r.role == "arn:aws:iam::111122223333:role/mock-us-east-2-s3-replication"
      && r.rule[0].destination[0].bucket == "arn:aws:s3:::mock-primary-${k}"
    ])
    error_message = "secondary buckets must replicate back to the same kind in the primary with their own role"
  }

  assert {
    condition = alltrue([for k, r in aws_s3_bucket_replication_configuration.primary :
    r.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == (k == "trail" ? "arn:aws:kms:us-east-2:111122223333:key/mrk-trail" : "arn:aws:kms:us-east-2:111122223333:key/mrk-data")])
    error_message = "replicas written to the secondary must be encrypted with the secondary's key of their kind (data; trail for the trail bucket)"
  }

  assert {
    condition = alltrue([for k, r in aws_s3_bucket_replication_configuration.secondary :
    r.rule[0].destination[0].encryption_configuration[0].replica_kms_key_id == (k == "trail" ? "arn:aws:kms:us-east-1:111122223333:key/mrk-trail" : "arn:aws:kms:us-east-1:111122223333:key/mrk-data")])
    error_message = "replicas written to the primary must be encrypted with the primary's key of their kind (data; trail for the trail bucket)"
  }
}

run "rules_have_rtc_metrics_and_two_way_sync" {
  command = plan

  assert {
    condition = alltrue([for r in concat(values(aws_s3_bucket_replication_configuration.primary), values(aws_s3_bucket_replication_configuration.secondary)) :
      length(r.rule) == 1
      && r.rule[0].status == "Enabled"
      && r.rule[0].destination[0].replication_time[0].status == "Enabled"
      && r.rule[0].destination[0].replication_time[0].time[0].minutes == 15
      && r.rule[0].destination[0].metrics[0].status == "Enabled"
      && r.rule[0].destination[0].metrics[0].event_threshold[0].minutes == 15
    ])
    error_message = "every rule needs RTC and replication metrics at 15 minutes"
  }

  assert {
    condition = alltrue([for r in concat(values(aws_s3_bucket_replication_configuration.primary), values(aws_s3_bucket_replication_configuration.secondary)) :
      r.rule[0].source_selection_criteria[0].replica_modifications[0].status == "Enabled"
      && r.rule[0].source_selection_criteria[0].sse_kms_encrypted_objects[0].status == "Enabled"
    ])
    error_message = "every rule needs replica modification sync and must select SSE-KMS objects"
  }

  assert {
    condition = (
      aws_s3_bucket_replication_configuration.primary["config"].rule[0].delete_marker_replication[0].status == "Enabled"
      && aws_s3_bucket_replication_configuration.secondary["config"].rule[0].delete_marker_replication[0].status == "Enabled"
      && aws_s3_bucket_replication_configuration.primary["audit"].rule[0].delete_marker_replication[0].status == "Disabled"
      && aws_s3_bucket_replication_configuration.secondary["audit"].rule[0].delete_marker_replication[0].status == "Disabled"
      && aws_s3_bucket_replication_configuration.primary["trail"].rule[0].delete_marker_replication[0].status == "Disabled"
      && aws_s3_bucket_replication_configuration.secondary["trail"].rule[0].delete_marker_replication[0].status == "Disabled"
    )
    error_message = "config buckets replicate delete markers; audit and trail buckets must not"
  }
}

run "one_least_privilege_role_per_direction" {
  command = plan

  assert {
    condition     = aws_iam_role.replication["primary"].name == "trading-dev-us-east-1-s3-replication" && aws_iam_role.replication["secondary"].name == "trading-dev-us-east-2-s3-replication"
    error_message = "role names must carry the source region (IAM names are global)"
  }

  assert {
    condition     = alltrue([for k, p in aws_iam_role_policy.replication : p.policy == data.aws_iam_policy_document.replication[k].json && p.role == aws_iam_role.replication[k].id])
    error_message = "each role must get its own direction's policy"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.replication["primary"].statement : s if s.sid == "ReadSourceObjectLock"]).resources == toset(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-1/*", "arn:aws:s3:::trading-dev-111122223333-trail-us-east-1/*"]) && toset(one([for s in data.aws_iam_policy_document.replication["primary"].statement : s if s.sid == "ReadSourceObjectLock"]).actions) == toset(["s3:GetObjectRetention", "s3:GetObjectLegalHold"])
    error_message = "Object Lock reads must be granted on the source audit and trail buckets only"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.replication["secondary"].statement : s if s.sid == "WriteReplicas"]).resources == toset(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-1/*", "arn:aws:s3:::trading-dev-111122223333-config-us-east-1/*", "arn:aws:s3:::trading-dev-111122223333-trail-us-east-1/*"])
    error_message = "the secondary-to-primary role may write replicas only into the primary buckets"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.replication["primary"].statement : s if s.sid == "WriteDeleteMarkers"]).resources == toset(["arn:aws:s3:::trading-dev-111122223333-config-us-east-2/*"])
    error_message = "s3:ReplicateDelete must be limited to the config bucket, whose delete markers replicate"
  }

  assert {
    condition     = one([for s in data.aws_iam_policy_document.replication["primary"].statement : s if s.sid == "DecryptSource"]).resources == toset(["arn:aws:kms:us-east-1:111122223333:key/mrk-data", "arn:aws:kms:us-east-1:111122223333:key/mrk-trail"]) && one([for s in data.aws_iam_policy_document.replication["primary"].statement : s if s.sid == "EncryptReplicas"]).resources == toset(["arn:aws:kms:us-east-2:111122223333:key/mrk-data", "arn:aws:kms:us-east-2:111122223333:key/mrk-trail"])
    error_message = "a direction decrypts with its source region's data and trail keys and encrypts with the destination's"
  }

  assert {
    condition     = contains(one([for c in one([for s in data.aws_iam_policy_document.replication["secondary"].statement : s if s.sid == "DecryptSource"]).condition : c if c.variable == "kms:ViaService"]).values, "s3.us-east-2.amazonaws.com")
    error_message = "source decryption must go through S3 in the source region"
  }

  assert {
    condition     = toset(one([for c in one(data.aws_iam_policy_document.replication_trust["secondary"].statement).condition : c if c.variable == "aws:SourceArn"]).values) == toset(["arn:aws:s3:::trading-dev-111122223333-audit-us-east-2", "arn:aws:s3:::trading-dev-111122223333-config-us-east-2", "arn:aws:s3:::trading-dev-111122223333-trail-us-east-2"])
    error_message = "only the direction's source buckets may assume its role"
  }
}
