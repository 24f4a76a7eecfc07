variable "bucket_name_prefix" {
  type        = string
  description = "Globally unique prefix of the bucket names: the buckets are {prefix}-config-{region} and {prefix}-audit-{region}, the region being the provider's."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*[a-z0-9]$", var.bucket_name_prefix))
    error_message = "bucket_name_prefix must use only lower-case letters, digits and hyphens, and start and end with a letter or digit (no dots: they break TLS for virtual-hosted bucket URLs)."
  }

  validation {
    condition     = !startswith(var.bucket_name_prefix, "xn--") && !startswith(var.bucket_name_prefix, "sthree-") && !startswith(var.bucket_name_prefix, "amzn-s3-demo-")
    error_message = "bucket_name_prefix must not start with xn--, sthree- or amzn-s3-demo-: S3 reserves these prefixes."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "ARN of this region's customer-managed data key (the primary key in the primary region, its replica in the secondary): default SSE-KMS key of both buckets."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias or a key ID."
  }
}

variable "audit_object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Default Object Lock retention of the audit bucket: mode COMPLIANCE or GOVERNANCE, and the number of days."

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.audit_object_lock.mode)
    error_message = "audit_object_lock.mode must be COMPLIANCE or GOVERNANCE."
  }

  validation {
    condition     = var.audit_object_lock.days >= 1 && var.audit_object_lock.days <= 36500 && floor(var.audit_object_lock.days) == var.audit_object_lock.days
    error_message = "audit_object_lock.days must be a whole number of days from 1 to 36500 (100 years)."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days after which noncurrent object versions expire in both buckets (Object Lock retention still applies first)."

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of days from 1 to 3650."
  }
}

variable "admin_role_arn" {
  type        = string
  description = "IAM role that alone may change the buckets' Object Lock, replication and lifecycle configuration and their policies (the bucket policies deny those changes to every other principal, and grant them to this role)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.admin_role_arn))
    error_message = "admin_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "policy_after" {
  type        = list(string)
  description = "IDs of what must exist before the bucket policies: the configurations the caller puts on these buckets (global-data: the replication configurations; once a policy is in place only admin_role_arn may change them), and the administration role when the caller creates it (S3 refuses a policy naming a principal that does not exist)."
  default     = []
}

variable "trail" {
  type = object({
    kms_key_arn    = string
    cloudtrail_arn = string
    account_id     = string
    object_lock = object({
      mode = string
      days = number
    })
  })
  description = "The account trail's log bucket in this region, {prefix}-trail-{region}, or null for none: its SSE-KMS key (this region's trail key), the ARN of the only trail its policy lets CloudTrail deliver for (aws:SourceArn), the account whose AWSLogs/<account>/ prefix it may write, and its default Object Lock retention."
  default     = null

  validation {
    condition     = var.trail == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.trail.kms_key_arn))
    error_message = "trail.kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), not an alias or a key ID."
  }

  validation {
    condition     = var.trail == null || can(regex("^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:[0-9]{12}:trail/[A-Za-z0-9._-]{3,128}$", var.trail.cloudtrail_arn))
    error_message = "trail.cloudtrail_arn must be a trail ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>)."
  }

  validation {
    condition     = var.trail == null || can(regex("^[0-9]{12}$", var.trail.account_id))
    error_message = "trail.account_id must be a 12-digit AWS account ID."
  }

  validation {
    condition     = var.trail == null || (contains(["COMPLIANCE", "GOVERNANCE"], try(var.trail.object_lock.mode, "")) && try(var.trail.object_lock.days >= 1 && var.trail.object_lock.days <= 36500 && floor(var.trail.object_lock.days) == var.trail.object_lock.days, false))
    error_message = "trail.object_lock must have mode COMPLIANCE or GOVERNANCE and a whole number of days from 1 to 36500."
  }
}
