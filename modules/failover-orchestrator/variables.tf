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

variable "zone_name" {
  type        = string
  description = "DNS zone that holds the shared API name (e.g. trading.example.com)."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.zone_name))
    error_message = "zone_name must be a lower-case DNS name such as trading.example.com."
  }
}

variable "hosted_zone_id" {
  type        = string
  description = "ID of an existing Route 53 hosted zone for zone_name. Null creates the zone."
  default     = null

  validation {
    condition     = var.hosted_zone_id == null || can(regex("^Z[A-Z0-9]{1,31}$", var.hosted_zone_id))
    error_message = "hosted_zone_id must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ (or null to create the zone)."
  }
}

variable "api_subdomain" {
  type        = string
  description = "Label of the shared API name inside zone_name: clients call https://<api_subdomain>.<zone_name>."
  default     = "api"

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", var.api_subdomain))
    error_message = "api_subdomain must be one lower-case DNS label (letters, digits, hyphens), e.g. api."
  }
}

variable "ssm_prefix" {
  type        = string
  description = "SSM parameter prefix of the platform, /<project>/<environment>; the module writes <ssm_prefix>/health-check-ids in each region."

  validation {
    condition     = can(regex("^(/[a-zA-Z0-9_.-]+)+$", var.ssm_prefix))
    error_message = "ssm_prefix must be an SSM path such as /trading/dev (leading slash, no trailing slash)."
  }
}

variable "regional_stacks" {
  type = object({
    primary = object({
      region                 = string
      api_id                 = string
      api_stage_name         = string
      api_execute_hostname   = string
      cluster_arn            = string
      cluster_id             = string
      validator_function_arn = string
      serving_parameter_name = string
      serving_parameter_arn  = string
      trade_queue_arn        = string
      trade_queue_url        = string
      serving_lease_seconds  = number
    })
    secondary = object({
      region                 = string
      api_id                 = string
      api_stage_name         = string
      api_execute_hostname   = string
      cluster_arn            = string
      cluster_id             = string
      validator_function_arn = string
      serving_parameter_name = string
      serving_parameter_arn  = string
      trade_queue_arn        = string
      trade_queue_url        = string
      serving_lease_seconds  = number
    })
  })
  description = "The two regional stacks (regional-stack outputs; extra attributes are ignored). The primary starts as the writer."

  validation {
    condition     = var.regional_stacks.primary.region != var.regional_stacks.secondary.region
    error_message = "regional_stacks.primary.region and regional_stacks.secondary.region must differ: failover needs two regions."
  }

  validation {
    condition = alltrue([
      for r in [var.regional_stacks.primary, var.regional_stacks.secondary] :
      startswith(r.api_execute_hostname, "${r.api_id}.execute-api.${r.region}.")
    ])
    error_message = "regional_stacks.*.api_execute_hostname must be <api_id>.execute-api.<region>.<dns suffix>, the regional endpoint the health checks probe."
  }

  validation {
    condition = alltrue([
      for r in [var.regional_stacks.primary, var.regional_stacks.secondary] :
      can(regex("^arn:aws[a-z-]*:rds:${r.region}:[0-9]{12}:cluster:", r.cluster_arn))
    ])
    error_message = "regional_stacks.*.cluster_arn must be the ARN of an Aurora cluster in that region (arn:aws:rds:<region>:<account>:cluster:<id>); failover targets a cluster ARN, not an identifier."
  }
}

variable "global_cluster" {
  type = object({
    id  = string
    arn = string
  })
  description = "The Aurora global cluster (global-data output): its identifier for the RDS global-cluster APIs and its ARN for IAM."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:rds::[0-9]{12}:global-cluster:", var.global_cluster.arn))
    error_message = "global_cluster.arn must be a global cluster ARN (arn:aws:rds::<account>:global-cluster:<id>), not a regional cluster ARN."
  }
}

# One input per region, not one object: Terraform records a single reference list for a whole object
# expression, so only separate inputs let a reader (and plan-lint) see which region's key each resource gets.
variable "primary_kms_key_arn" {
  type        = string
  description = "The primary region's customer-managed logs key (global-data primary.kms_key_arns.logs): encrypts the primary's log groups, topic, queue and function environment."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:${var.regional_stacks.primary.region}:[0-9]{12}:key/", var.primary_kms_key_arn))
    error_message = "primary_kms_key_arn must be a KMS key ARN in regional_stacks.primary.region (arn:aws:kms:<primary region>:<account>:key/<id>): a region's resources use only that region's key."
  }
}

variable "secondary_kms_key_arn" {
  type        = string
  description = "The secondary region's customer-managed logs key (global-data secondary.kms_key_arns.logs, the replica): encrypts the secondary's log groups, topic, queue and function environments."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:${var.regional_stacks.secondary.region}:[0-9]{12}:key/", var.secondary_kms_key_arn))
    error_message = "secondary_kms_key_arn must be a KMS key ARN in regional_stacks.secondary.region (arn:aws:kms:<secondary region>:<account>:key/<id>): a region's resources use only that region's key."
  }
}

variable "function_zips" {
  type = object({
    region_fence  = string
    primary_probe = string
  })
  description = "Paths of the bundled functions (build/functions/<name>.zip); build them with `make build` before planning."

  validation {
    condition     = fileexists(var.function_zips.region_fence) && fileexists(var.function_zips.primary_probe)
    error_message = "function_zips points at a missing file: run `make build` (npm run build:functions) to create build/functions/*.zip, then plan again."
  }
}

variable "metrics_namespace" {
  type        = string
  description = "CloudWatch namespace of the platform's custom metrics (the probe's PrimaryHealthy metric is published here)."

  validation {
    condition     = can(regex("^[A-Za-z0-9/_.#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 characters of letters, digits and / _ . # : - and must not start with AWS/."
  }
}

variable "health_check_failure_threshold" {
  type        = number
  description = "Consecutive failed Route 53 checks (one health_check_interval of rto-figures.json apart, 10 s) before a region's record is unhealthy; detection time is the interval times this."
  default     = 3

  validation {
    condition     = var.health_check_failure_threshold >= 1 && var.health_check_failure_threshold <= 10 && floor(var.health_check_failure_threshold) == var.health_check_failure_threshold
    error_message = "health_check_failure_threshold must be a whole number from 1 to 10 (Route 53's limits)."
  }
}

variable "require_approval" {
  type        = bool
  description = "Pause every execution for a human decision (task token sent to the operations topic) before fencing and promotion."
  default     = true
}

variable "approval_timeout_seconds" {
  type        = number
  description = "How long an execution waits for approval before it notifies and fails."
  default     = 1800

  validation {
    condition     = var.approval_timeout_seconds >= 60 && var.approval_timeout_seconds <= 86400 && floor(var.approval_timeout_seconds) == var.approval_timeout_seconds
    error_message = "approval_timeout_seconds must be a whole number of seconds from 60 to 86400."
  }
}

variable "poll_interval_seconds" {
  type        = number
  description = "Wait between checks of the global cluster while the promotion runs."
  default     = 20

  validation {
    condition     = var.poll_interval_seconds >= 5 && var.poll_interval_seconds <= 300 && floor(var.poll_interval_seconds) == var.poll_interval_seconds
    error_message = "poll_interval_seconds must be a whole number from 5 to 300."
  }
}

variable "max_poll_attempts" {
  type        = number
  description = "Checks of the global cluster before the promotion is declared stuck (notify and fail); poll_interval_seconds times this bounds the wait."
  default     = 45

  validation {
    condition     = var.max_poll_attempts >= 1 && var.max_poll_attempts <= 500 && floor(var.max_poll_attempts) == var.max_poll_attempts
    error_message = "max_poll_attempts must be a whole number from 1 to 500."
  }

  validation {
    # Aurora documents cross-region promotion in minutes (rto-figures.json promotion); a shorter bound
    # fails healthy promotions.
    condition     = var.max_poll_attempts * var.poll_interval_seconds >= local.promotion_seconds_documented
    error_message = "max_poll_attempts * poll_interval_seconds must be at least ${local.promotion_seconds_documented} seconds (rto-figures.json promotion): a cross-region Aurora promotion typically takes a few minutes."
  }
}

variable "auto_failover_enabled" {
  type        = bool
  description = "Start a failover automatically when the canary in the secondary region sees the primary's /health fail for probe_failure_datapoints consecutive minutes. Off: failover is manual only."
  default     = false
}

variable "probe_failure_datapoints" {
  type        = number
  description = "Consecutive failed one-minute probes of the primary (from the secondary) that start an automatic failover."
  default     = 3

  validation {
    condition     = var.probe_failure_datapoints >= 2 && var.probe_failure_datapoints <= 30 && floor(var.probe_failure_datapoints) == var.probe_failure_datapoints
    error_message = "probe_failure_datapoints must be a whole number from 2 to 30: one failed probe is not a sustained outage."
  }
}

variable "probe_timeout_ms" {
  type        = number
  description = "Timeout of one probe request to the other region's /health (and of the DNS query of Route 53's view, made at the same time). At most 15000: the state machine's preflight gives the probe 20 s (AssessPeerHealth)."
  default     = 5000

  validation {
    condition     = var.probe_timeout_ms >= 500 && var.probe_timeout_ms <= 15000
    error_message = "probe_timeout_ms must be from 500 to 15000: the failover preflight (AssessPeerHealth) waits 20 s for the probe."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the orchestrator's log groups (state machine and functions)."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "recovery_control_cluster_arn" {
  type        = string
  description = "ARN of an existing Route 53 ARC cluster to hold this environment's control panel (e.g. dev's, shared by staging: a cluster costs USD 2.50 an hour). Null creates a cluster for this environment. Set together with recovery_control_cluster_endpoints."
  default     = null

  validation {
    condition     = var.recovery_control_cluster_arn == null || can(regex("^arn:aws[a-z-]*:route53-recovery-control::[0-9]{12}:cluster/[0-9a-z-]+$", var.recovery_control_cluster_arn))
    error_message = "recovery_control_cluster_arn must be an ARC cluster ARN (arn:aws:route53-recovery-control::<account>:cluster/<id>), or null to create a cluster."
  }
}

# The provider (5.100) has no data source for an ARC cluster, so a shared cluster's endpoints cannot be
# looked up from its ARN; they are an input next to it (the creating environment's output
# recovery_control_cluster). The functions need them: every data-plane call goes to one of them.
variable "recovery_control_cluster_endpoints" {
  type = list(object({
    endpoint = string
    region   = string
  }))
  description = "Data-plane endpoints of the cluster named by recovery_control_cluster_arn (its cluster_endpoints: endpoint URL and region). Required with recovery_control_cluster_arn, null otherwise."
  default     = null

  validation {
    condition     = (var.recovery_control_cluster_arn == null) == (var.recovery_control_cluster_endpoints == null)
    error_message = "recovery_control_cluster_endpoints must be set exactly when recovery_control_cluster_arn is: the functions reach a shared cluster only through its endpoints."
  }

  validation {
    condition = var.recovery_control_cluster_endpoints == null || (
      length(coalesce(var.recovery_control_cluster_endpoints, [])) > 0 &&
      alltrue([
        for e in coalesce(var.recovery_control_cluster_endpoints, []) :
        can(regex("^https://[a-z0-9.-]+(/.*)?$", e.endpoint)) && can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", e.region))
      ])
    )
    error_message = "recovery_control_cluster_endpoints must list at least one endpoint, each an https URL with its AWS region name."
  }
}

variable "operations_subscriptions" {
  type = list(object({
    protocol = string
    endpoint = string
  }))
  description = "Subscribers of both regions' operations topics (recovery outcomes, approval requests, the watchdog and sync alarms): email addresses or HTTPS endpoints. A recovery that needs approval waits for one of them."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.operations_subscriptions : contains(["email", "https"], s.protocol)])
    error_message = "operations_subscriptions: each protocol must be \"email\" or \"https\"."
  }
}

variable "client_truststore" {
  type = object({
    pem              = string
    primary_bucket   = string
    secondary_bucket = string
  })
  description = "Mutual TLS on both regions' custom domains (decision 008): the PEM bundle of the CAs whose client certificates POST /trades accepts, and each region's config bucket, where that region's copy is written. Null leaves the domains without mutual TLS."
  default     = null
}

variable "operator_principal_arns" {
  type        = list(string)
  description = "IAM users or roles (ARNs, this or another account) that may assume the recovery operator role with MFA: start and stop recoveries, read status. Empty: no operator role."
  default     = []

  validation {
    condition     = alltrue([for a in var.operator_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "operator_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:user/<name> or :role/<name>), without wildcards and not an account root."
  }

  validation {
    condition     = length(setintersection(toset(var.operator_principal_arns), toset(var.approver_principal_arns))) == 0
    error_message = "operator_principal_arns and approver_principal_arns overlap: the principal who starts a recovery must not approve it. Remove each shared ARN from one of the two lists."
  }
}

variable "approver_principal_arns" {
  type        = list(string)
  description = "IAM users or roles (ARNs) that may assume the recovery approver role with MFA: approve or reject a waiting recovery. Must not share an ARN with operator_principal_arns. Empty: no approver role."
  default     = []

  validation {
    condition     = alltrue([for a in var.approver_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "approver_principal_arns must be IAM user or role ARNs (arn:aws:iam::<account>:user/<name> or :role/<name>), without wildcards and not an account root."
  }
}

variable "break_glass_role_arns" {
  type        = list(string)
  description = "IAM roles exempt from recovery_guard_policy_json (an emergency role used when the orchestration itself is broken)."
  default     = []

  validation {
    condition     = alltrue([for a in var.break_glass_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "break_glass_role_arns must be IAM role ARNs (arn:aws:iam::<account>:role/<name>), without wildcards."
  }
}
