variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name, normally <project>-<environment>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "The region this instance serves and recovers into; the provider passed in must point at it (the state machine checks)."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "peer_region" {
  type        = string
  description = "The other region: the one this region's recovery fences and forwards platform events to."

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.peer_region)) && var.peer_region != var.region
    error_message = "peer_region must be an AWS region name other than region."
  }
}

variable "kms_key_arn" {
  type        = string
  description = "This region's customer-managed logs key: encrypts the log groups, the topic, the dead-letter queue and the function environment."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:${var.region}:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN in region (arn:aws:kms:<region>:<account>:key/<id>): a region's resources use only that region's key."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the state machine's and the region-fence function's log groups."

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "metrics_namespace" {
  type        = string
  description = "CloudWatch namespace of the platform's custom metrics (region-fence publishes there)."

  validation {
    condition     = can(regex("^[A-Za-z0-9/_.#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 characters of letters, digits and / _ . # : - and must not start with AWS/."
  }
}

variable "state_machine" {
  type = object({
    name          = string
    role_arn      = string
    template_file = string
    template_vars = object({
      environment                 = string
      global_cluster_id           = string
      target_cluster_arn          = string
      target_cluster_id           = string
      serving_parameter_name      = string
      rest_api_id                 = string
      stage_name                  = string
      validator_function_arn      = string
      peer_serving_parameter_name = string
      peer_queue_url              = string
      peer_cluster_arn            = string
      peer_rest_api_id            = string
      peer_stage_name             = string
      health_settle_seconds       = number
      lease_wait_seconds          = number
      require_approval            = bool
      approval_timeout_seconds    = number
      poll_interval_seconds       = number
      max_poll_attempts           = number
      execution_timeout_seconds   = number
    })
  })
  description = "The failover state machine: its name, its role (IAM is global, so the orchestrator creates it), the ASL template file and every template value except region, peer_region, fence_function_arn and topic_arn, which this module adds."

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,80}$", var.state_machine.name))
    error_message = "state_machine.name must be 1-80 letters, digits, hyphens or underscores."
  }

  validation {
    condition     = fileexists(var.state_machine.template_file)
    error_message = "state_machine.template_file must name an existing ASL template (the orchestrator's state-machine.asl.json)."
  }

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:rds:[a-z0-9-]+:[0-9]{12}:cluster:", var.state_machine.template_vars.target_cluster_arn))
    error_message = "state_machine.template_vars.target_cluster_arn must be an Aurora cluster ARN: failover targets a cluster ARN, not an identifier."
  }
}

variable "state_machine_role_policy_id" {
  type        = string
  description = "ID of the inline policy of the state machine's role. Only orders creation: the state machine waits for it, because CreateStateMachine checks the role's logging permissions."
}

variable "region_fence" {
  type = object({
    function_name              = string
    zip                        = string
    role_arn                   = string
    peer_serving_lease_seconds = number
  })
  description = "The region-fence function: its name (the same in both regions), the bundled zip (build/functions/region-fence.zip), its role (created by the orchestrator) and the peer's serving-flag lease, which its watchdog judges the peer's flag by."

  validation {
    condition     = var.region_fence.peer_serving_lease_seconds >= 90 && var.region_fence.peer_serving_lease_seconds <= 3600 && floor(var.region_fence.peer_serving_lease_seconds) == var.region_fence.peer_serving_lease_seconds
    error_message = "region_fence.peer_serving_lease_seconds must be the peer regional stack's serving_lease_seconds: a whole number from 90 to 3600."
  }

  validation {
    condition     = fileexists(var.region_fence.zip)
    error_message = "region_fence.zip points at a missing file: run `make build` (npm run build:functions), then plan again."
  }
}

variable "region_fence_role_policy_id" {
  type        = string
  description = "ID of the inline policy of the region-fence role. Only orders creation: the function waits for its permissions."
}

variable "event_forwarding" {
  type = object({
    peer_bus_arn              = string
    role_arn                  = string
    other_dead_letter_sources = list(string)
  })
  description = "Forwarding of trading.platform events: the other region's default event bus, the role EventBridge assumes to put events there, and the ARNs of any other EventBridge rules in this region allowed to dead-letter into this region's queue (the automatic failover trigger in the secondary)."

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:events:${var.peer_region}:[0-9]{12}:event-bus/", var.event_forwarding.peer_bus_arn))
    error_message = "event_forwarding.peer_bus_arn must be the ARN of an EventBridge event bus in peer_region: each region forwards to the other region's bus."
  }
}

variable "api" {
  type = object({
    fqdn       = string
    id         = string
    stage_name = string
  })
  description = "The shared API name (<api_subdomain>.<zone_name>) and this region's REST API and stage it maps to."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.api.fqdn))
    error_message = "api.fqdn must be a lower-case DNS name such as api.trading.example.com."
  }
}

variable "certificate_validation_record_fqdns" {
  type        = list(string)
  description = "FQDNs of the DNS validation records of this region's certificate, which the orchestrator writes in the zone (from the certificate_validation output)."
}

variable "health_check_ids_parameter" {
  type = object({
    name  = string
    value = string
  })
  description = "SSM parameter the failover-validator reads: its name (<ssm_prefix>/health-check-ids) and its JSON value mapping region name to Route 53 health check ID."

  validation {
    condition     = can(regex("^(/[a-zA-Z0-9_.-]+)+$", var.health_check_ids_parameter.name))
    error_message = "health_check_ids_parameter.name must be an SSM path such as /trading/dev/health-check-ids."
  }
}

variable "api_stages" {
  type = map(object({
    rest_api_id = string
    stage_name  = string
  }))
  description = "Both regions' REST API and stage, keyed by region name: the stage variable `active` the region-fence function switches (its own region's in sync, the peer's in fence and restore)."

  validation {
    condition     = length(var.api_stages) == 2 && contains(keys(var.api_stages), var.region) && contains(keys(var.api_stages), var.peer_region)
    error_message = "api_stages must have exactly two entries, keyed by region and peer_region."
  }

  validation {
    condition     = alltrue([for s in values(var.api_stages) : can(regex("^[a-z0-9]{10}$", s.rest_api_id)) && can(regex("^[A-Za-z0-9_-]{1,128}$", s.stage_name))])
    error_message = "api_stages.*.rest_api_id must be a REST API ID (10 lower-case letters and digits) and stage_name a stage name (letters, digits, - and _)."
  }
}

variable "health_settle_seconds" {
  type        = number
  description = "Seconds the state machine waits after activation before it validates: the Route 53 HTTPS check's request interval times its failure threshold, plus 10 s, so the activated region's check can turn healthy first."

  validation {
    condition     = var.health_settle_seconds >= 10 && var.health_settle_seconds <= 600 && floor(var.health_settle_seconds) == var.health_settle_seconds
    error_message = "health_settle_seconds must be a whole number from 10 to 600 (at most 30 s x 10 failures + 10)."
  }
}

variable "cluster_arns" {
  type        = map(string)
  description = "Both regions' Aurora member cluster ARNs, keyed by region name: the state machine's writer check and the region-fence sync (DescribeGlobalClusters member DBClusterArn) name the cluster by ARN."

  validation {
    condition     = length(var.cluster_arns) == 2 && alltrue([for r, arn in var.cluster_arns : can(regex("^arn:aws[a-z-]*:rds:${r}:[0-9]{12}:cluster:", arn))])
    error_message = "cluster_arns must map both region names to an Aurora cluster ARN in that region (arn:aws:rds:<region>:<account>:cluster:<id>)."
  }

  validation {
    condition     = contains(keys(var.cluster_arns), var.region) && contains(keys(var.cluster_arns), var.peer_region)
    error_message = "cluster_arns must be keyed by region and peer_region."
  }
}

variable "authority" {
  type = object({
    cluster_endpoints = list(object({
      endpoint = string
      region   = string
    }))
    routing_control_arns = map(string)
  })
  description = "The active-region authority the region-fence function reads and moves: the ARC cluster's data-plane endpoints (tried in order) and the routing control of each region, keyed by region name."

  validation {
    condition     = length(var.authority.routing_control_arns) == 2 && contains(keys(var.authority.routing_control_arns), var.region) && contains(keys(var.authority.routing_control_arns), var.peer_region)
    error_message = "authority.routing_control_arns must be keyed by exactly region and peer_region."
  }
}

variable "operations_subscriptions" {
  type = list(object({
    protocol = string
    endpoint = string
  }))
  description = "Subscribers of this region's operations topic (recovery outcomes, approval requests, the watchdog and sync alarms): email addresses or HTTPS endpoints."
  default     = []
  nullable    = false

  validation {
    condition     = alltrue([for s in var.operations_subscriptions : contains(["email", "https"], s.protocol)])
    error_message = "operations_subscriptions: each protocol must be \"email\" or \"https\"."
  }
}

variable "client_truststore" {
  type = object({
    bucket_name = string
    pem         = string
  })
  description = "Mutual TLS for the custom domain (decision 008): this region's config bucket (the truststore must not live in the other region, which may be down when this domain is created or rotated) and the PEM bundle of the CAs whose client certificates are accepted. Null leaves the domain without mutual TLS (the transition from SigV4)."
  default     = null

  validation {
    condition = var.client_truststore == null ? true : (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.client_truststore.bucket_name)) &&
      length(regexall("-----BEGIN CERTIFICATE-----", var.client_truststore.pem)) > 0 &&
      length(regexall("-----BEGIN CERTIFICATE-----", var.client_truststore.pem)) == length(regexall("-----END CERTIFICATE-----", var.client_truststore.pem)) &&
      length(regexall("-----BEGIN ", var.client_truststore.pem)) == length(regexall("-----BEGIN CERTIFICATE-----", var.client_truststore.pem))
    )
    error_message = "client_truststore must name an S3 bucket and hold one or more PEM CERTIFICATE blocks and nothing else (no private key, no certificate request)."
  }
}

variable "peer_probe" {
  type = object({
    function_name   = string
    zip             = string
    role_arn        = string
    health_hostname = string
    view_name       = string
    timeout_ms      = number
  })
  description = "primary-probe in this region, probing the other region: its name (the same in both regions), the bundled zip (build/functions/primary-probe.zip), its role (created by the orchestrator), the other region's execute-api hostname, the DNS name of Route 53's view of the other region (TXT failover records) and the probe's timeout in ms."

  validation {
    condition     = var.peer_probe.timeout_ms >= 100 && var.peer_probe.timeout_ms <= 20000
    error_message = "peer_probe.timeout_ms must be between 100 and 20000 ms."
  }

  validation {
    condition     = fileexists(var.peer_probe.zip)
    error_message = "peer_probe.zip points at a missing file: run `make build` (npm run build:functions), then plan again."
  }
}

variable "peer_probe_role_policy_id" {
  type        = string
  description = "ID of the inline policy of the probe's role. Only orders creation: the function waits for its permissions."
}

variable "approval_reader_role_arns" {
  type        = list(string)
  description = "The only roles that may read, hide or delete this region's approval requests (the task tokens): the recovery approver role and the break-glass roles. Everyone else is denied by the queue policy."

  validation {
    condition     = length(var.approval_reader_role_arns) > 0 && alltrue([for a in var.approval_reader_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", a))])
    error_message = "approval_reader_role_arns must list at least one IAM role ARN (arn:aws:iam::<account>:role/<name>), without wildcards: with none, no one could answer a recovery."
  }
}
