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
      vpc_cidr              = string
      availability_zone_ids = list(string)
    })
    secondary = object({
      vpc_cidr              = string
      availability_zone_ids = list(string)
    })
  })
  description = "VPC CIDR and the three availability zone IDs (e.g. use1-az1; the same physical zone in every account, unlike us-east-1a) of each region. The CIDRs must not overlap, so peering stays possible."

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
    condition     = length(var.network.primary.availability_zone_ids) == 3 && length(var.network.secondary.availability_zone_ids) == 3
    error_message = "network.*.availability_zone_ids must list exactly three zone IDs per region."
  }

  validation {
    # The zone ID prefix is the region's short form: us-east-1 -> use1, us-east-2 -> use2.
    condition = alltrue(flatten([for role, region in { primary = var.primary_region, secondary = var.secondary_region } : [
      for id in var.network[role].availability_zone_ids : startswith(id, "${join("", concat([split("-", region)[0]], [for w in slice(split("-", region), 1, length(split("-", region)) - 1) : lookup({ north = "n", south = "s", east = "e", west = "w", central = "c", northeast = "ne", southeast = "se", northwest = "nw", southwest = "sw", gov = "g" }, w, w)], [split("-", region)[length(split("-", region)) - 1]]))}-az")
    ]]))
    error_message = "network.*.availability_zone_ids must be zone IDs of that region (use1-az1 for us-east-1, use2-az1 for us-east-2), not zone names such as us-east-1a: zone names map to different physical zones in each account, so use the zone ID (aws ec2 describe-availability-zones --region <region> --query 'AvailabilityZones[].ZoneId')."
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

variable "zone_name" {
  type        = string
  description = "DNS zone that holds the shared API name."
}

variable "hosted_zone_id" {
  type        = string
  description = "The environment's existing, delegated Route 53 hosted zone for zone_name (make bootstrap-dns prints it). Required for a live plan; offline plans may leave it null, and the plan then shows a zone of its own."
  default     = null

  validation {
    condition     = var.hosted_zone_id == null || can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ."
  }

  validation {
    condition     = var.offline || var.hosted_zone_id != null
    error_message = "A live plan needs the environment's existing, delegated hosted zone: run `make bootstrap-dns ENV=${var.environment} LIVE=1`, add the NS records it prints to the parent zone, and set hosted_zone_id in environments/${var.environment}/terraform.tfvars to the zone ID it prints. (The apply would otherwise create a new zone and wait 75 minutes for a certificate validation that cannot succeed before the delegation.)"
  }
}

variable "offline" {
  type        = bool
  description = "True only in offline plans: the offline override (offline_override.tf, written by the plan tool) sets it. Live plans leave it false, and then need hosted_zone_id."
  default     = false
  nullable    = false
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
  description = "Aurora member clusters of both regions: Serverless v2 capacity (ACUs), db.serverless instances per region (default 1, as in regional-stack: enough for the secondary to be promoted; 2 adds a reader to fail over to inside the region), backup retention (days, 7-35), the optional rds.global_db_rpo bound in seconds (null leaves it unset; it blocks commits on the writer when no secondary keeps up), and the write-only master password version (default 1; increment it to generate and write a new password at the next apply). Deletion protection follows deletion_protection."
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
  description = "Retention of the regional stacks' log groups (functions, API, VPC flow logs, the Aurora PostgreSQL log); a CloudWatch Logs retention value."
}

variable "failover" {
  type = object({
    require_approval               = bool
    auto_failover_enabled          = bool
    approval_timeout_seconds       = optional(number, 1800)
    probe_failure_datapoints       = optional(number, 3)
    health_check_failure_threshold = optional(number, 3)
    operator_principal_arns        = optional(list(string), [])
    approver_principal_arns        = optional(list(string), [])
    break_glass_role_arns          = optional(list(string), [])
  })
  description = "Failover orchestration: a human approval step (task token) before fencing and promotion, automatic failover from the secondary's canary (off: manual start only), and who may start (operator_principal_arns) and approve (approver_principal_arns, never the same principals) a recovery with MFA, each through its own role; break_glass_role_arns are exempt from the recovery guard policy (decision 009). The failover-orchestrator module validates them."
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

variable "client_truststore_file" {
  type        = string
  description = "PEM bundle, relative to the environment's directory, of the CAs whose client certificates POST /trades accepts (mutual TLS on both regions' custom domains, decision 008; docs/client-authentication.md)."
  default     = "client-truststore.pem"
  nullable    = false

  # The committed files are placeholders whose CA keys were discarded: no client could connect.
  validation {
    condition = var.offline || !contains([
      "b9103d1ee83e8aaa59c5a530c28e16ad3c77d5d01466bbb8d35da7bcf20a881a",
      "94975e7cdf09c2caa2634bb37d1caa10b7814e1052c821464b7de4f00ed5b52b",
      "f4d1c5f9b035513921e052c6a0c98ec0c58459ecfa18382c5656a8b5f89e8240",
    ], filesha256("${path.root}/${var.client_truststore_file}"))
    error_message = "client_truststore_file is still the committed placeholder (its CA key was discarded, so no client could connect): put the firm's client CA bundle in environments/${var.environment}/client-truststore.pem before a live plan (docs/client-authentication.md)."
  }
}
