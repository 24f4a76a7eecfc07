# Root inputs shared by every environment. Environments differ only in terraform.tfvars.

variable "project" {
  type        = string
  description = "Short application name, used as the first part of resource names (e.g. trading)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.project))
    error_message = "project must be 2-15 characters: lower-case letters, digits and hyphens, starting with a letter."
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

variable "repository" {
  type        = string
  description = "Source repository of this configuration, recorded in the Repository tag."
}

variable "allowed_account_ids" {
  type        = list(string)
  description = "AWS account IDs the providers may act on (live mode). Offline plans do not enforce it."

  validation {
    condition     = length(var.allowed_account_ids) > 0 && alltrue([for id in var.allowed_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "allowed_account_ids must list at least one 12-digit AWS account ID."
  }
}

variable "primary_region" {
  type        = string
  description = "Region that starts as the writer and serves traffic."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.primary_region))
    error_message = "primary_region must be an AWS region name such as us-east-1."
  }
}

variable "secondary_region" {
  type        = string
  description = "Region that starts as the standby and takes over on failover. Must differ from primary_region."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.secondary_region))
    error_message = "secondary_region must be an AWS region name such as us-east-2."
  }

  validation {
    condition     = var.secondary_region != var.primary_region
    error_message = "secondary_region must differ from primary_region: a single region cannot survive its own loss."
  }
}

variable "network" {
  type = object({
    primary = object({
      vpc_cidr           = string
      availability_zones = list(string)
    })
    secondary = object({
      vpc_cidr           = string
      availability_zones = list(string)
    })
  })
  description = "VPC CIDR and the three availability zones of each region. The CIDRs must not overlap, so peering stays possible."

  validation {
    condition     = can(cidrhost(var.network.primary.vpc_cidr, 0)) && can(cidrhost(var.network.secondary.vpc_cidr, 0))
    error_message = "network.*.vpc_cidr must be valid IPv4 CIDR blocks."
  }

  validation {
    # Two CIDR blocks overlap exactly when one contains the other's network address.
    condition = !(
      cidrhost(var.network.primary.vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.network.secondary.vpc_cidr, 0), split("/", var.network.primary.vpc_cidr)[1]), 0) ||
      cidrhost(var.network.secondary.vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.network.primary.vpc_cidr, 0), split("/", var.network.secondary.vpc_cidr)[1]), 0)
    )
    error_message = "network.primary.vpc_cidr and network.secondary.vpc_cidr overlap: choose disjoint ranges."
  }

  validation {
    condition     = length(var.network.primary.availability_zones) == 3 && length(var.network.secondary.availability_zones) == 3
    error_message = "network.*.availability_zones must list exactly three zones per region."
  }
}

variable "rto_budget_seconds" {
  type        = number
  description = "Declared recovery-time budget for an unplanned failover; plan-lint fails the plan when the computed budget exceeds it."

  validation {
    condition     = var.rto_budget_seconds >= 60 && var.rto_budget_seconds <= 7200
    error_message = "rto_budget_seconds must be between 60 and 7200."
  }
}

variable "db_master_password" {
  type        = string
  description = "Aurora master password, used once to bootstrap the primary cluster. Ephemeral: never stored in plan or state. Supply it with TF_VAR_db_master_password."
  ephemeral   = true
  sensitive   = true
  nullable    = false

  validation {
    condition     = length(var.db_master_password) >= 16
    error_message = "db_master_password must be at least 16 characters."
  }
}

variable "zone_name" {
  type        = string
  description = "DNS zone that holds the shared API name."
}

variable "hosted_zone_id" {
  type        = string
  description = "Existing Route 53 hosted zone ID for zone_name; null creates the zone."
  default     = null
}

variable "account_id" {
  type        = string
  description = "AWS account that owns the resources. KMS key policies and trust policies name it; it is an input because looking it up needs STS, which offline plans cannot call. Must be one of allowed_account_ids."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }

  validation {
    condition     = contains(var.allowed_account_ids, var.account_id)
    error_message = "account_id must be one of allowed_account_ids: the providers refuse any other account."
  }
}

variable "bucket_name_prefix" {
  type        = string
  description = "Globally unique prefix of the S3 bucket names (\"<prefix>-<kind>-<region>\"). null uses \"<project>-<environment>-<account_id>\"."
  default     = null
}

variable "deletion_protection" {
  type        = bool
  description = "Deletion protection on the stateful data stores (the Aurora global cluster and the DynamoDB sessions table). true in prod."
}

variable "audit_object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Default Object Lock retention of the audit buckets: mode COMPLIANCE (prod: nobody can shorten it) or GOVERNANCE, and days."
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days after which noncurrent object versions expire in the config and audit buckets."
  default     = 90
}

variable "regional_database" {
  type = object({
    min_capacity            = number
    max_capacity            = number
    backup_retention_days   = number
    global_db_rpo_seconds   = optional(number)
    master_password_version = optional(number)
    instance_count          = optional(number, 1)
  })
  description = "Aurora member clusters of both regions: Serverless v2 capacity (ACUs), db.serverless instances per region (default 1, as in regional-stack: enough for the secondary to be promoted; 2 adds a reader to fail over to inside the region), backup retention (days, 7-35), the optional rds.global_db_rpo bound in seconds (null leaves it unset; it blocks commits on the writer when no secondary keeps up), and the write-only master password version (default 1; increment to apply a new TF_VAR_db_master_password). Deletion protection follows deletion_protection."
}

variable "regional_function_settings" {
  type = object({
    trade_processor = optional(object({
      memory_mb            = optional(number)
      timeout_seconds      = optional(number)
      reserved_concurrency = optional(number)
    }), {})
    health = optional(object({
      memory_mb            = optional(number)
      timeout_seconds      = optional(number)
      reserved_concurrency = optional(number)
    }), {})
    failover_validator = optional(object({
      memory_mb            = optional(number)
      timeout_seconds      = optional(number)
      reserved_concurrency = optional(number)
    }), {})
  })
  description = "Per-function memory (MB), timeout (s) and reserved concurrency in each region; unset values take the regional-stack defaults (see its README)."
  default     = {}
}

variable "regional_api_throttle" {
  type = object({
    rate_limit  = number
    burst_limit = number
  })
  description = "Stage-wide throttling of each regional API: steady requests per second and burst."
}

variable "regional_alarm_thresholds" {
  type = object({
    processor_errors                 = optional(number)
    processor_throttles              = optional(number)
    api_5xx_rate                     = optional(number)
    api_p99_latency_ms               = optional(number)
    rpo_lag_seconds                  = optional(number)
    replication_latency_threshold_ms = optional(number)
  })
  description = "Regional alarm thresholds (unset values take the regional-stack defaults): processor errors/throttles per 5 min, API 5XX rate (fraction), API p99 latency (ms), Aurora RPO lag (s) and DynamoDB replication latency (ms) the validator tolerates."
  default     = {}
}

variable "regional_log_retention_days" {
  type        = number
  description = "Retention of the regional stacks' log groups (functions, API, VPC flow logs); a CloudWatch Logs retention value."
}

variable "failover" {
  type = object({
    require_approval               = bool
    auto_failover_enabled          = bool
    approval_timeout_seconds       = optional(number, 1800)
    probe_failure_datapoints       = optional(number, 3)
    health_check_failure_threshold = optional(number, 3)
  })
  description = "Failover orchestration: a human approval step (task token) before fencing and promotion, and automatic failover from the secondary's canary (off: manual start only). The failover-orchestrator module validates the numbers."
}

variable "recovery_control_cluster_arn" {
  type        = string
  description = "ARN of an existing Route 53 ARC cluster for this environment's control panel (e.g. dev's output recovery_control_cluster, shared by staging). Null creates a cluster (USD 2.50 an hour). Set with recovery_control_cluster_endpoints."
  default     = null

  validation {
    condition     = var.recovery_control_cluster_arn == null || can(regex("^arn:aws[a-z-]*:route53-recovery-control::[0-9]{12}:cluster/[0-9a-z-]+$", var.recovery_control_cluster_arn))
    error_message = "recovery_control_cluster_arn must be an ARC cluster ARN (arn:aws:route53-recovery-control::<account>:cluster/<id>), or null to create a cluster."
  }
}

variable "recovery_control_cluster_endpoints" {
  type = list(object({
    endpoint = string
    region   = string
  }))
  description = "Data-plane endpoints of the cluster named by recovery_control_cluster_arn (the owning environment's output recovery_control_cluster.endpoints). Required with it, null otherwise; the failover-orchestrator module validates them."
  default     = null
}

variable "max_order_age_seconds" {
  type        = number
  description = "Oldest order (from its timestamp) the trade processor executes; older orders are rejected and kept as rejection records, never executed late."
  default     = 60

  validation {
    condition     = var.max_order_age_seconds >= 1 && var.max_order_age_seconds <= 3600 && floor(var.max_order_age_seconds) == var.max_order_age_seconds
    error_message = "max_order_age_seconds must be a whole number of seconds from 1 to 3600."
  }
}
