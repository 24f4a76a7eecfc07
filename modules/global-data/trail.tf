# The account's audit trail (issue 15, threat 7 of docs/threat-model.md): one multi-region trail homed in
# the primary region, with log file validation, encrypted with the trail key (kms.tf), delivering to
# the primary's trail bucket (modules/regional-buckets, kind "trail": versioned, Object Lock, TLS-only,
# owner-enforced, private, with the bucket policy AWS documents for CloudTrail).
#
# It records management events (read and write, unless an organization trail already does:
# trail_management_events) and the S3 object-level data events of the audit buckets of BOTH regions:
# a multi-region trail logs data events for buckets in every region. The regional stacks' security
# EventBridge rules match CloudTrail's management events, so this trail must exist before those rules
# can fire: its ARN is the trail output.
#
# Losing the home region. A multi-region trail's log files from every region go to the one bucket in
# its home region, so while the primary is down no region's events are delivered, and AWS documents no
# buffering for that case: the outage window may have no log files at all. What is already delivered
# survives: the trail bucket replicates to its peer in the secondary (replication.tf, RTC 15 min), so
# log files up to about 15 minutes before the loss are readable there while the primary is gone, under
# the same Object Lock. The surviving region's CloudTrail Event history keeps its own management
# events for 90 days (not its data events), and its EventBridge rules keep receiving them.
#
# A second trail homed in the secondary would keep delivering through an outage. It costs a second
# copy of every management event, which AWS bills ($2.00 per 100,000; the first copy is free, and this
# account's KMS calls alone are management events in the millions a month), plus the audit buckets'
# data events again ($0.10 per 100,000), https://aws.amazon.com/cloudtrail/pricing/. The replicated
# bucket costs the replica storage and inter-region transfer of a few GB of compressed logs a month.
# Chosen: the replicated bucket. The outage gap is recorded in docs/threat-model.md; the second trail is
# the fix if an auditor asks for delivery during a regional outage.

locals {
  # Computed, not read from the trail: the bucket and key policies name the trail before it exists.
  trail_name = "${var.name_prefix}-trail"
  trail_arn  = "arn:${local.partition}:cloudtrail:${local.regions.primary}:${var.account_id}:trail/${local.trail_name}"

  # The trail's log files are kept at least as long as the audit records they account for.
  trail_object_lock = coalesce(var.trail_object_lock, var.audit_object_lock)
}

resource "aws_cloudtrail" "this" {
  provider = aws.primary

  name                          = local.trail_name
  s3_bucket_name                = module.primary_buckets.trail_bucket.name
  kms_key_id                    = aws_kms_key.this["trail"].arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true

  dynamic "advanced_event_selector" {
    for_each = var.trail_management_events ? [1] : []
    content {
      name = "Management events, read and write"

      field_selector {
        field  = "eventCategory"
        equals = ["Management"]
      }
    }
  }

  advanced_event_selector {
    name = "Object-level events of the audit buckets in both regions"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }

    # Every object ARN in a bucket starts with "<bucket ARN>/". Built from the bucket names, which are
    # known at plan time (the ARN attribute is not), so the plan shows the prefixes and plan-lint
    # (SEC025) matches them to the audit buckets by value.
    field_selector {
      field = "resources.ARN"
      starts_with = [
        "arn:${local.partition}:s3:::${module.primary_buckets.audit_bucket.name}/",
        "arn:${local.partition}:s3:::${module.secondary_buckets.audit_bucket.name}/",
      ]
    }
  }

  # CreateTrail checks that the bucket policy lets CloudTrail write (InsufficientS3BucketPolicyException)
  # and that the key policy lets it encrypt; the key's policy is set when the key is created.
  depends_on = [module.primary_buckets]

  lifecycle {
    postcondition {
      condition     = self.arn == local.trail_arn
      error_message = "The trail's ARN ${self.arn} differs from ${local.trail_arn}, which the trail bucket and trail key policies name: CloudTrail's delivery would be refused."
    }
  }
}
