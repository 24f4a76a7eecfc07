output "regions" {
  description = "Region names of the primary and secondary stacks."
  value = {
    primary   = module.region_primary.region
    secondary = module.region_secondary.region
  }
}

output "hosted_zone_id" {
  description = "Route 53 hosted zone of the shared API name."
  value       = module.failover.hosted_zone_id
}

output "name_servers" {
  description = "Name servers to delegate zone_name to (null when an existing zone is used)."
  value       = module.failover.name_servers
}

output "api_fqdn" {
  description = "The shared API name; Route 53 failover answers it with the healthy region."
  value       = module.failover.api_fqdn
}

output "failover_state_machine_arns" {
  description = "Failover state machine in each region (primary/secondary); start the one in the region to activate (make failover)."
  value       = module.failover.state_machine_arns
}

output "failover_start_commands" {
  description = "AWS CLI command that starts a recovery into each region (replace MODE and REASON)."
  value       = module.failover.start_execution_commands
}

output "failover_rto_parameters" {
  description = "Figures of the recovery-time budget (detection, polling, approval, timeouts, documented promotion); plan-lint reads them because the state machine definition is unknown until apply."
  value       = module.failover.rto_parameters
}

output "health_check_ids" {
  description = "Route 53 health check of each region's /health (primary/secondary)."
  value       = module.failover.health_check_ids
}

output "database_writer_endpoint" {
  description = "Global writer endpoint of the Aurora global database: always resolves to the current writer region's cluster."
  value       = module.global_data.global_cluster.writer_endpoint
}

output "sessions_table_name" {
  description = "DynamoDB sessions global table (same name in both regions)."
  value       = module.global_data.sessions_table_name
}

output "buckets" {
  description = "Config and audit bucket names per region; each pair replicates both ways."
  value = {
    primary   = { config = module.global_data.primary.config_bucket.name, audit = module.global_data.primary.audit_bucket.name }
    secondary = { config = module.global_data.secondary.config_bucket.name, audit = module.global_data.secondary.audit_bucket.name }
  }
}

output "regional_stacks" {
  description = "Per-region serving handles: execute-api host and stage, Aurora member cluster ARN, serving flag parameter, trade processor event source mapping and alarm topic."
  value = {
    primary = {
      region                   = module.region_primary.region
      api_execute_hostname     = module.region_primary.api_execute_hostname
      api_stage_name           = module.region_primary.api_stage_name
      cluster_arn              = module.region_primary.cluster_arn
      serving_parameter_name   = module.region_primary.serving_parameter_name
      trade_processor_esm_uuid = module.region_primary.trade_processor_esm_uuid
      alarm_topic_arn          = module.region_primary.alarm_topic_arn
    }
    secondary = {
      region                   = module.region_secondary.region
      api_execute_hostname     = module.region_secondary.api_execute_hostname
      api_stage_name           = module.region_secondary.api_stage_name
      cluster_arn              = module.region_secondary.cluster_arn
      serving_parameter_name   = module.region_secondary.serving_parameter_name
      trade_processor_esm_uuid = module.region_secondary.trade_processor_esm_uuid
      alarm_topic_arn          = module.region_secondary.alarm_topic_arn
    }
  }
}

output "recovery_control_cluster_arn" {
  description = "The Route 53 ARC cluster holding this environment's routing controls; another environment can share it (its recovery_control_cluster_arn)."
  value       = module.failover.recovery_control.cluster_arn
}

output "recovery_control_cluster" {
  description = "The ARC cluster's ARN and data-plane endpoints: the values another environment sets as recovery_control_cluster_arn and recovery_control_cluster_endpoints to share it."
  value = {
    arn       = module.failover.recovery_control.cluster_arn
    endpoints = module.failover.recovery_control.cluster_endpoints
  }
}

output "routing_control_arns" {
  description = "The routing control of each region (keyed by region name): the active-region authority."
  value       = module.failover.recovery_control.routing_control_arns
}

output "recovery_guard_policy_json" {
  description = "Deny policy for the organization's service control policy or a permissions boundary (attached outside this repository): only the orchestration moves the active region, and only the approver role answers a waiting recovery (decision 009)."
  value       = module.failover.recovery_guard_policy_json
}

output "recovery_roles" {
  description = "The recovery operator and approver roles (null when their principal list is empty; decision 009)."
  value       = module.failover.recovery_roles
}
