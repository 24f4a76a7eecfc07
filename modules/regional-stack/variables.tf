variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name, normally <project>-<environment>. Identical in both regions."

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

variable "role" {
  type        = string
  description = "Initial role of this region: primary (writer, processing on) or secondary (standby). Only initial defaults depend on it."

  validation {
    condition     = contains(["primary", "secondary"], var.role)
    error_message = "role must be primary or secondary."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of this region's VPC; split into three private subnets."

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be a valid IPv4 CIDR block of /24 or larger."
  }
}

variable "peer_vpc_cidr" {
  type        = string
  description = "CIDR block of the other region's VPC. Must not overlap vpc_cidr, so the regions can be peered later."

  validation {
    condition = !(
      cidrhost(var.vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.peer_vpc_cidr, 0), split("/", var.vpc_cidr)[1]), 0) ||
      cidrhost(var.peer_vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.vpc_cidr, 0), split("/", var.peer_vpc_cidr)[1]), 0)
    )
    error_message = "vpc_cidr and peer_vpc_cidr overlap: choose disjoint ranges."
  }
}

variable "availability_zone_ids" {
  type        = list(string)
  description = "Exactly three availability zone IDs of this region (e.g. use1-az1) for the private subnets. Zone IDs name the same physical zone in every account; zone names (us-east-1a) do not."

  validation {
    condition     = length(var.availability_zone_ids) == 3 && length(distinct(var.availability_zone_ids)) == 3
    error_message = "availability_zone_ids must list three distinct zone IDs."
  }

  validation {
    condition     = alltrue([for id in var.availability_zone_ids : can(regex("^[a-z]{2,}[0-9]+-az[0-9]+$", id))])
    error_message = "availability_zone_ids takes zone IDs such as use1-az1 (aws ec2 describe-availability-zones --query 'AvailabilityZones[].ZoneId'), not zone names such as us-east-1a: a zone name maps to a different physical zone in each account, so use the zone ID."
  }
}

variable "kms_key_arns" {
  type = object({
    database = string
    data     = string
    logs     = string
  })
  description = "This region's customer-managed keys from global-data (the replica keys in the secondary): database for Aurora, data for DynamoDB/S3 and function environment variables, logs for log groups, queues and the alarm topic."

  validation {
    condition     = alltrue([for arn in values(var.kms_key_arns) : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", arn))])
    error_message = "kms_key_arns.database, .data and .logs must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "ssm_prefix" {
  type        = string
  description = "Path prefix of this environment's SSM parameters, \"/<project>/<environment>\"; the module adds \"/<region>/serving\" and the endpoint parameters under it."

  validation {
    condition     = can(regex("^(/[a-zA-Z0-9_.-]+)+$", var.ssm_prefix))
    error_message = "ssm_prefix must be an absolute SSM path without a trailing slash, such as /trading/dev."
  }
}

variable "peer_region" {
  type        = string
  description = "Region of the other regional stack. The failover validator reads the peer's cluster, table and functions there."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.peer_region))
    error_message = "peer_region must be an AWS region name such as us-east-2."
  }
}

variable "global_cluster" {
  type = object({
    id              = string
    arn             = string
    engine          = string
    engine_version  = string
    writer_endpoint = string
    database_name   = string
  })
  description = "The Aurora global cluster from global-data. This region's member cluster joins it and takes its engine and version from it (set once, there)."

  validation {
    condition     = var.global_cluster.engine == "aurora-postgresql"
    error_message = "global_cluster.engine must be aurora-postgresql: the functions, parameter group and RPO parameter are PostgreSQL-specific."
  }

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+)*$", var.global_cluster.engine_version))
    error_message = "global_cluster.engine_version must be an Aurora PostgreSQL version such as 16.6."
  }

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.global_cluster.database_name))
    error_message = "global_cluster.database_name must be a PostgreSQL identifier: a letter, then up to 62 letters, digits or underscores."
  }
}

variable "sessions_table" {
  type = object({
    name = string
    arn  = string
  })
  description = "The DynamoDB sessions global table: its name and the ARN of this region's replica."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/.+$", var.sessions_table.arn))
    error_message = "sessions_table.arn must be a DynamoDB table ARN in this region (arn:aws:dynamodb:<region>:<account>:table/<name>)."
  }
}

variable "config_bucket" {
  type = object({
    name = string
    arn  = string
  })
  description = "This region's config bucket from global-data."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$", var.config_bucket.arn))
    error_message = "config_bucket.arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>)."
  }
}

variable "audit_bucket" {
  type = object({
    name = string
    arn  = string
  })
  description = "This region's audit-log bucket from global-data; the trade processor writes trades/<yyyy>/<mm>/<dd>/<orderId>.json here."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$", var.audit_bucket.arn))
    error_message = "audit_bucket.arn must be an S3 bucket ARN (arn:aws:s3:::<bucket>)."
  }
}

variable "primary_cluster_arn" {
  type        = string
  description = "ARN of the primary region's member cluster, from its joinable_cluster_arn output. Null for the primary; required for the secondary, whose cluster references it so it is created only after the primary's cluster and writer instance exist."
  default     = null

  validation {
    condition     = (var.role == "primary") == (var.primary_cluster_arn == null)
    error_message = "primary_cluster_arn must be null when role = \"primary\" and set (module.region_primary.joinable_cluster_arn) when role = \"secondary\"."
  }

  validation {
    condition     = var.primary_cluster_arn == null || can(regex("^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:cluster:.+$", var.primary_cluster_arn))
    error_message = "primary_cluster_arn must be an RDS cluster ARN (arn:aws:rds:<region>:<account>:cluster:<id>)."
  }
}

variable "db_master_password" {
  type        = string
  description = "Aurora master password (write-only: never in plan or state). The primary's cluster is created with it; both regions keep it in an SSM SecureString for the db-migrator, so the region that is the writer after a failover can migrate too. The secondary's cluster joins without credentials."
  ephemeral   = true
  sensitive   = true

  validation {
    condition     = try(length(var.db_master_password) >= 16, false)
    error_message = "db_master_password must be set (at least 16 characters) in both regions: supply it with TF_VAR_db_master_password."
  }
}

variable "function_zips" {
  type = object({
    trade_processor    = string
    health             = string
    failover_validator = string
    db_migrator        = string
  })
  description = "Paths to the bundled function zips (build/functions/<name>.zip, from npm run build:functions)."

  validation {
    condition     = alltrue([for p in values(var.function_zips) : fileexists(p)])
    error_message = "A function zip in function_zips does not exist: run `npm run build:functions` (or `make build`) before planning."
  }
}

variable "db_migrations_dir" {
  type        = string
  description = "Directory of the schema migrations (NNN_name.sql) shipped in the db-migrator zip. Their digest is part of the migrator's invocation input, so a changed migration runs the migrator again at the next apply."

  validation {
    condition     = length(fileset(var.db_migrations_dir, "*.sql")) > 0
    error_message = "db_migrations_dir holds no *.sql migration: point it at functions/db-migrator/migrations."
  }
}

variable "metrics_namespace" {
  type        = string
  description = "CloudWatch namespace the functions publish their EMF metrics to (POWERTOOLS_METRICS_NAMESPACE), e.g. trading/dev. The FailoverReady alarm reads it."

  validation {
    condition     = can(regex("^[A-Za-z0-9_./#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 characters of letters, digits and . _ / # : - and must not start with AWS/."
  }
}

variable "database" {
  type = object({
    min_capacity                = optional(number, 0.5)
    max_capacity                = optional(number, 4)
    instance_count              = optional(number, 1)
    backup_retention_days       = optional(number, 7)
    deletion_protection         = optional(bool, true)
    global_db_rpo_seconds       = optional(number)
    master_username             = optional(string, "trading_admin")
    master_password_version     = optional(number, 1)
    monitoring_interval_seconds = optional(number, 60)
  })
  description = "Aurora member cluster settings: Serverless v2 capacity (ACUs), db.serverless instance count, backup retention, deletion protection, the optional rds.global_db_rpo bound in seconds (null leaves it unset), the master user name, the version of the write-only master password (increment to rotate) and the Enhanced Monitoring interval of the instances."
  default     = {}

  validation {
    condition     = var.database.min_capacity >= 0.5 && var.database.max_capacity <= 256 && var.database.min_capacity <= var.database.max_capacity && var.database.min_capacity * 2 == floor(var.database.min_capacity * 2) && var.database.max_capacity * 2 == floor(var.database.max_capacity * 2)
    error_message = "database.min_capacity and max_capacity must be multiples of 0.5 ACU with 0.5 <= min_capacity <= max_capacity <= 256 (global database members cannot pause at 0)."
  }

  validation {
    condition     = var.database.instance_count >= 1 && var.database.instance_count <= 15 && floor(var.database.instance_count) == var.database.instance_count
    error_message = "database.instance_count must be a whole number from 1 to 15: each region needs at least one instance so its cluster can be promoted."
  }

  validation {
    condition     = var.database.backup_retention_days >= 7 && var.database.backup_retention_days <= 35 && floor(var.database.backup_retention_days) == var.database.backup_retention_days
    error_message = "database.backup_retention_days must be a whole number of days from 7 to 35."
  }

  validation {
    condition     = var.database.global_db_rpo_seconds == null || try(var.database.global_db_rpo_seconds >= 20 && floor(var.database.global_db_rpo_seconds) == var.database.global_db_rpo_seconds, false)
    error_message = "database.global_db_rpo_seconds must be null (not set) or a whole number of seconds of at least 20, the minimum Aurora accepts for rds.global_db_rpo."
  }

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.database.master_username)) && !contains(["postgres", "admin", "rdsadmin"], lower(var.database.master_username))
    error_message = "database.master_username must be a PostgreSQL identifier (a letter, then letters, digits or underscores) and not a reserved name (postgres, admin, rdsadmin)."
  }

  validation {
    condition     = var.database.master_password_version >= 1 && floor(var.database.master_password_version) == var.database.master_password_version
    error_message = "database.master_password_version must be a whole number of at least 1; increment it to apply a new master password."
  }

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.database.monitoring_interval_seconds)
    error_message = "database.monitoring_interval_seconds must be 1, 5, 10, 15, 30 or 60 (the Enhanced Monitoring intervals RDS accepts; 0, which turns it off, is not allowed)."
  }
}

variable "function_settings" {
  type = object({
    trade_processor = optional(object({
      memory_mb            = optional(number, 512)
      timeout_seconds      = optional(number, 30)
      reserved_concurrency = optional(number, 10)
    }), {})
    health = optional(object({
      memory_mb            = optional(number, 256)
      timeout_seconds      = optional(number, 10)
      reserved_concurrency = optional(number, 5)
    }), {})
    failover_validator = optional(object({
      memory_mb            = optional(number, 256)
      timeout_seconds      = optional(number, 60)
      reserved_concurrency = optional(number, 2)
    }), {})
  })
  description = "Memory (MB), timeout (s) and reserved concurrency of each function. The trade queue's visibility timeout is derived from the processor's timeout."
  default     = {}

  validation {
    condition = alltrue([for f in values(var.function_settings) :
      f.memory_mb >= 128 && f.memory_mb <= 10240 && f.timeout_seconds >= 1 && f.timeout_seconds <= 900 &&
    floor(f.memory_mb) == f.memory_mb && floor(f.timeout_seconds) == f.timeout_seconds])
    error_message = "function_settings.*.memory_mb must be a whole number from 128 to 10240 and timeout_seconds a whole number from 1 to 900."
  }

  validation {
    condition     = alltrue([for f in values(var.function_settings) : f.reserved_concurrency >= 1 && floor(f.reserved_concurrency) == f.reserved_concurrency])
    error_message = "function_settings.*.reserved_concurrency must be a whole number of at least 1 (0 would disable the function)."
  }

  validation {
    condition     = var.function_settings.trade_processor.reserved_concurrency >= 2
    error_message = "function_settings.trade_processor.reserved_concurrency must be at least 2: it also caps the SQS event source's maximum concurrency, whose minimum is 2."
  }

  validation {
    condition     = var.function_settings.health.timeout_seconds <= 29
    error_message = "function_settings.health.timeout_seconds must be at most 29: API Gateway stops waiting for an integration after 29 seconds."
  }
}

variable "trade_queue" {
  type = object({
    max_receive_count                  = optional(number, 5)
    batch_size                         = optional(number, 10)
    maximum_batching_window_in_seconds = optional(number, 0)
  })
  description = "trade-orders queue and its event source: receives before a message moves to the DLQ, records per batch, and how long to gather a batch."
  default     = {}

  validation {
    condition     = var.trade_queue.max_receive_count >= 1 && var.trade_queue.max_receive_count <= 1000 && floor(var.trade_queue.max_receive_count) == var.trade_queue.max_receive_count
    error_message = "trade_queue.max_receive_count must be a whole number from 1 to 1000."
  }

  validation {
    condition     = var.trade_queue.batch_size >= 1 && var.trade_queue.batch_size <= 10000 && floor(var.trade_queue.batch_size) == var.trade_queue.batch_size
    error_message = "trade_queue.batch_size must be a whole number from 1 to 10000."
  }

  validation {
    condition     = var.trade_queue.maximum_batching_window_in_seconds >= 0 && var.trade_queue.maximum_batching_window_in_seconds <= 300
    error_message = "trade_queue.maximum_batching_window_in_seconds must be from 0 to 300."
  }

  validation {
    condition     = var.trade_queue.batch_size <= 10 || var.trade_queue.maximum_batching_window_in_seconds >= 1
    error_message = "trade_queue.batch_size above 10 needs maximum_batching_window_in_seconds of at least 1 (an SQS event source rule)."
  }
}

variable "api_throttle" {
  type = object({
    rate_limit  = optional(number, 100)
    burst_limit = optional(number, 200)
  })
  description = "Stage-wide API Gateway throttling: steady-state requests per second and burst."
  default     = {}

  validation {
    condition     = var.api_throttle.rate_limit > 0 && var.api_throttle.burst_limit >= 1 && floor(var.api_throttle.burst_limit) == var.api_throttle.burst_limit
    error_message = "api_throttle.rate_limit must be positive and burst_limit a whole number of at least 1."
  }
}

variable "alarm_thresholds" {
  type = object({
    processor_errors                 = optional(number, 1)
    processor_throttles              = optional(number, 1)
    api_5xx_rate                     = optional(number, 0.01)
    api_p99_latency_ms               = optional(number, 2000)
    rpo_lag_seconds                  = optional(number, 60)
    replication_latency_threshold_ms = optional(number, 5000)
  })
  description = "Alarm thresholds: processor errors and throttles per 5 minutes, API 5XX rate as a fraction of requests (0.01 = 1%), API p99 latency (ms), Aurora global RPO lag (s; the validator uses it too) and the DynamoDB replication latency the validator tolerates (ms)."
  default     = {}

  validation {
    condition     = var.alarm_thresholds.processor_errors >= 1 && var.alarm_thresholds.processor_throttles >= 1
    error_message = "alarm_thresholds.processor_errors and processor_throttles must be at least 1."
  }

  validation {
    condition     = var.alarm_thresholds.api_5xx_rate > 0 && var.alarm_thresholds.api_5xx_rate < 1
    error_message = "alarm_thresholds.api_5xx_rate is a fraction of requests: more than 0 and less than 1 (0.01 = 1%)."
  }

  validation {
    condition     = var.alarm_thresholds.api_p99_latency_ms > 0 && var.alarm_thresholds.api_p99_latency_ms <= 29000
    error_message = "alarm_thresholds.api_p99_latency_ms must be positive and at most 29000 (the API Gateway integration timeout)."
  }

  validation {
    condition = (
      var.alarm_thresholds.rpo_lag_seconds >= 1 && var.alarm_thresholds.rpo_lag_seconds <= 3600 && floor(var.alarm_thresholds.rpo_lag_seconds) == var.alarm_thresholds.rpo_lag_seconds &&
      var.alarm_thresholds.replication_latency_threshold_ms >= 1 && var.alarm_thresholds.replication_latency_threshold_ms <= 3600000 && floor(var.alarm_thresholds.replication_latency_threshold_ms) == var.alarm_thresholds.replication_latency_threshold_ms
    )
    error_message = "alarm_thresholds.rpo_lag_seconds must be a whole number from 1 to 3600 and replication_latency_threshold_ms a whole number from 1 to 3600000 (the validator's accepted ranges)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of every log group the module creates (function, API access and execution, VPC flow logs, the Aurora PostgreSQL log)."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "log_level" {
  type        = string
  description = "LOG_LEVEL of every function (Powertools Logger)."
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARN", "ERROR"], var.log_level)
    error_message = "log_level must be DEBUG, INFO, WARN or ERROR."
  }
}

variable "session_ttl_seconds" {
  type        = number
  description = "Lifetime of a trading session item in DynamoDB (SESSION_TTL_SECONDS of the trade processor)."
  default     = 86400

  validation {
    condition     = var.session_ttl_seconds >= 60 && var.session_ttl_seconds <= 31536000 && floor(var.session_ttl_seconds) == var.session_ttl_seconds
    error_message = "session_ttl_seconds must be a whole number from 60 (one minute) to 31536000 (one year)."
  }
}

variable "max_order_age_seconds" {
  type        = number
  description = "Oldest order the trade processor executes (MAX_ORDER_AGE_SECONDS), counted from the order's timestamp; an older one is rejected and kept as a rejection record, never executed late."
  default     = 60

  validation {
    condition     = var.max_order_age_seconds >= 1 && var.max_order_age_seconds <= 3600 && floor(var.max_order_age_seconds) == var.max_order_age_seconds
    error_message = "max_order_age_seconds must be a whole number of seconds from 1 to 3600."
  }
}

variable "serving_lease_seconds" {
  type        = number
  description = "How long a serving flag of \"true\" counts after it was written (SERVING_LEASE_SECONDS of the trade processor and health). The region-fence sync rewrites it every minute while the region is active; a region that returns after a longer outage commits nothing until its sync has asked the authority. A failover that could not fence the old region waits this long plus 10 s before it promotes."
  default     = 150

  validation {
    condition     = var.serving_lease_seconds >= 90 && var.serving_lease_seconds <= 3600 && floor(var.serving_lease_seconds) == var.serving_lease_seconds
    error_message = "serving_lease_seconds must be a whole number from 90 (one and a half syncs) to 3600."
  }
}

variable "health_check" {
  type = object({
    flag_cache_seconds = optional(number, 5)
    probe_timeout_ms   = optional(number, 1000)
  })
  description = "Health function tuning: how long it caches the serving flag, and the timeout of each dependency probe."
  default     = {}

  validation {
    condition     = var.health_check.flag_cache_seconds >= 0 && var.health_check.flag_cache_seconds <= 60
    error_message = "health_check.flag_cache_seconds must be from 0 to 60: a longer cache delays fencing a region after failover."
  }

  validation {
    condition     = var.health_check.probe_timeout_ms >= 100 && var.health_check.probe_timeout_ms <= 5000
    error_message = "health_check.probe_timeout_ms must be from 100 to 5000: Route 53 health checkers wait at most a few seconds for /health."
  }
}

variable "alarm_subscriptions" {
  type = list(object({
    protocol = string
    endpoint = string
  }))
  description = "Subscribers of this region's alarm topic: email addresses or HTTPS endpoints (the composition passes notification_subscriptions). Each must confirm its subscription."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.alarm_subscriptions : contains(["email", "https"], s.protocol)])
    error_message = "alarm_subscriptions: each protocol must be \"email\" or \"https\"."
  }
}

variable "client_authentication" {
  type        = string
  description = "How POST /trades authenticates: MUTUAL_TLS (the client certificate checked on the custom domain, whose truststore the failover orchestrator sets; no authorizer, and the request template queues nothing without a certificate) or AWS_IAM (SigV4, which names one region: the transitional setting until the truststore is wired in)."
  default     = "AWS_IAM"
  nullable    = false

  validation {
    condition     = contains(["MUTUAL_TLS", "AWS_IAM"], var.client_authentication)
    error_message = "client_authentication must be MUTUAL_TLS or AWS_IAM."
  }
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests one client address may send in 5 minutes, on any path, before the web ACL answers 429 (waf.tf). Route 53's health checkers send 30 per 5 minutes per address and health check at the 10 s interval; the primary-probe 5."
  default     = 3000
  nullable    = false

  validation {
    condition     = var.waf_rate_limit >= 100 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be a whole number from 100 to 2000000000: below 100 the Route 53 health checkers (30 requests per 5 minutes per address and health check) come too close to the limit, and a checker answered 429 counts the region as down."
  }
}

variable "backup" {
  type = object({
    schedule            = optional(string, "cron(0 5 ? * * *)")
    retention_days      = optional(number, 35)
    min_retention_days  = optional(number, 7)
    vault_lock_mode     = optional(string)
    changeable_for_days = optional(number, 3)
  })
  description = "AWS Backup of this region's Aurora member (backup.tf): the daily schedule (UTC), how long recovery points are kept, the Vault Lock minimum retention, the lock mode (GOVERNANCE or COMPLIANCE; null means COMPLIANCE in prod and GOVERNANCE elsewhere) and, in compliance mode, the days during which the lock can still be removed before it becomes permanent."
  default     = {}
  nullable    = false

  validation {
    condition     = var.backup.vault_lock_mode == null || contains(["GOVERNANCE", "COMPLIANCE"], coalesce(var.backup.vault_lock_mode, "-"))
    error_message = "backup.vault_lock_mode must be GOVERNANCE, COMPLIANCE or null (COMPLIANCE in prod, GOVERNANCE elsewhere)."
  }

  validation {
    condition     = var.backup.changeable_for_days >= 3 && var.backup.changeable_for_days <= 36500 && floor(var.backup.changeable_for_days) == var.backup.changeable_for_days
    error_message = "backup.changeable_for_days must be a whole number of days from 3 (the AWS minimum grace time of a compliance lock) to 36500."
  }

  validation {
    condition = (
      var.backup.min_retention_days >= 1 && floor(var.backup.min_retention_days) == var.backup.min_retention_days
      && var.backup.retention_days >= var.backup.min_retention_days && var.backup.retention_days <= 36500 && floor(var.backup.retention_days) == var.backup.retention_days
    )
    error_message = "backup.retention_days must be a whole number of days from backup.min_retention_days (at least 1) to 36500: Vault Lock refuses a recovery point kept shorter than its minimum."
  }

  validation {
    condition     = can(regex("^cron\\(.+\\)$", var.backup.schedule))
    error_message = "backup.schedule must be an AWS Backup cron expression such as cron(0 5 ? * * *) (UTC)."
  }
}

variable "serving_flag_writer_role_arns" {
  type        = list(string)
  description = "IAM roles whose writes of this region's serving flag raise no security alarm (security-events.tf). Null means region-fence of both regions, as the failover orchestrator names them (<name_prefix>-<region>-region-fence)."
  default     = null

  validation {
    condition     = var.serving_flag_writer_role_arns == null || try(length(var.serving_flag_writer_role_arns) >= 1 && alltrue([for a in var.serving_flag_writer_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", a))]), false)
    error_message = "serving_flag_writer_role_arns must be null or a non-empty list of IAM role ARNs (arn:aws:iam::<account>:role/<name>)."
  }
}
