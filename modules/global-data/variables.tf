variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name, normally <project>-<environment>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name: dev, staging or prod."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account that owns the resources. Key policies, the CloudWatch Logs encryption context and the replication trust policy name it; it is an input because looking it up needs STS, which offline plans cannot call."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "bucket_name_prefix" {
  type        = string
  description = "Globally unique prefix of the S3 bucket names: each is named {prefix}-{kind}-{region}, kind being config or audit (e.g. trading-prod-111122223333-audit-us-east-1). Including the account ID keeps the prefix unique."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*[a-z0-9]$", var.bucket_name_prefix))
    error_message = "bucket_name_prefix must use only lower-case letters, digits and hyphens, and start and end with a letter or digit (no dots: they break TLS for virtual-hosted bucket URLs)."
  }

  validation {
    condition     = !startswith(var.bucket_name_prefix, "xn--") && !startswith(var.bucket_name_prefix, "sthree-") && !startswith(var.bucket_name_prefix, "amzn-s3-demo-")
    error_message = "bucket_name_prefix must not start with xn--, sthree- or amzn-s3-demo-: S3 reserves these prefixes."
  }
}

variable "aurora_engine_version" {
  type        = string
  description = "Aurora PostgreSQL engine version of the global cluster (major.minor). Member clusters take it from the global_cluster output, so this is the only place it is set."
  default     = "16.6"

  validation {
    condition     = can(regex("^1[3-7]\\.[0-9]+$", var.aurora_engine_version))
    error_message = "aurora_engine_version must be an Aurora PostgreSQL major.minor version from 13 to 17 that supports global databases, such as 16.6."
  }
}

variable "database_name" {
  type        = string
  description = "Name of the database created in the global cluster."
  default     = "trading"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name)) && !contains(["postgres", "rdsadmin", "template0", "template1"], var.database_name)
    error_message = "database_name must be 1-63 lower-case letters, digits or underscores starting with a letter, and not a reserved name (postgres, rdsadmin, template0, template1)."
  }
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection on the Aurora global cluster and the DynamoDB sessions table. Keep true in prod."
  default     = true
}

variable "audit_object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Default Object Lock retention of the audit buckets: mode COMPLIANCE (nobody, root included, can shorten it; use in prod) or GOVERNANCE (principals with s3:BypassGovernanceRetention can), and the number of days."

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
  description = "Days after which noncurrent object versions expire in every bucket (Object Lock retention still applies first)."
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of days from 1 to 3650."
  }
}

variable "key_admin_role_arn" {
  type        = string
  description = "IAM role that administers the KMS keys: the only principal that may disable, schedule the deletion of, or change the policy of a key (decision 006). Null: the module creates <name_prefix>-kms-key-admin, assumable with MFA by principals of this account."
  default     = null

  validation {
    condition     = var.key_admin_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.key_admin_role_arn))
    error_message = "key_admin_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "bucket_admin_role_arn" {
  type        = string
  description = "IAM role that alone may change the config and audit buckets' Object Lock, replication and lifecycle configuration and their bucket policies (the policies deny those changes to every other principal). Null: the key administrator (key_admin_role_arn, or the role this module creates), the same break-glass path as the keys. Changing replication also needs iam:PassRole on the replication roles, which that role's own identity policy must grant."
  default     = null

  validation {
    condition     = var.bucket_admin_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.bucket_admin_role_arn))
    error_message = "bucket_admin_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}

variable "trail_object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Default Object Lock retention of the trail buckets (the account trail's log files, trail.tf): mode COMPLIANCE or GOVERNANCE and the number of days. Null: the same as audit_object_lock, so the trail is kept as long as the records it accounts for."
  default     = null

  validation {
    condition     = var.trail_object_lock == null || contains(["COMPLIANCE", "GOVERNANCE"], try(var.trail_object_lock.mode, ""))
    error_message = "trail_object_lock.mode must be COMPLIANCE or GOVERNANCE."
  }

  validation {
    condition     = var.trail_object_lock == null || try(var.trail_object_lock.days >= 1 && var.trail_object_lock.days <= 36500 && floor(var.trail_object_lock.days) == var.trail_object_lock.days, false)
    error_message = "trail_object_lock.days must be a whole number of days from 1 to 36500 (100 years)."
  }
}

variable "trail_management_events" {
  type        = bool
  description = "Whether the account trail records management events (read and write). Set false only where an organization trail already records this account's management events: the trail then records only the audit buckets' data events, which an organization trail does not log unless its owner selects them, and a second copy of management events is billed. The trail itself is never optional: the audit buckets' object-level events are this module's evidence."
  default     = true
}
