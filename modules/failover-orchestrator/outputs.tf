output "hosted_zone_id" {
  description = "Route 53 hosted zone that holds the failover records."
  value       = local.zone_id
}

output "name_servers" {
  description = "Name servers of the created hosted zone, to delegate zone_name to (null when an existing zone was given)."
  value       = var.hosted_zone_id == null ? aws_route53_zone.this[0].name_servers : null
}

output "api_fqdn" {
  description = "The shared API name clients use; Route 53 answers it with the healthy region."
  value       = local.api_fqdn
}

output "health_check_ids" {
  description = "Route 53 health check ID of each region's /health, keyed primary/secondary."
  value       = { for k in local.region_keys : k => aws_route53_health_check.regional[k].id }
}

output "health_check_ids_parameter" {
  description = "SSM parameter (written in both regions) that maps region name to health check ID, for the failover-validator."
  value       = local.health_check_ids_parameter.name
}

output "state_machine_arns" {
  description = "Failover state machine ARN in each region, keyed primary/secondary. Start the one in the region to activate."
  value       = local.deployed_state_machine_arns
}

output "operations_topic_arns" {
  description = "Operations SNS topic in each region (outcomes and token-free approval notices), keyed primary/secondary."
  value       = local.operations_topic_arns
}

output "approval_queues" {
  description = "The approval queue in each region (the waiting recoveries' task tokens), keyed primary/secondary, with the only roles that may read it."
  value = {
    for k in local.region_keys : k => merge(local.approval_queues[k], { readers = local.approval_reader_role_arns })
  }
}

output "region_fence_function_name" {
  description = "Name of the region-fence function (identical in both regions)."
  value       = local.region_fence_name
}

output "start_execution_commands" {
  description = "The exact AWS CLI command that starts a recovery into each region (replace MODE and REASON)."
  value = {
    for k, arn in local.deployed_state_machine_arns : k => format(
      "aws stepfunctions start-execution --region %s --state-machine-arn %s --input '{\"mode\":\"MODE\",\"targetRegion\":\"%s\",\"reason\":\"REASON\"}'",
      local.regions[k], arn, local.regions[k],
    )
  }
}

output "auto_failover" {
  description = "The automatic failover trigger in the secondary region, or null when auto_failover_enabled is false."
  value = var.auto_failover_enabled ? {
    region      = local.regions.secondary
    alarm_name  = aws_cloudwatch_metric_alarm.primary_unreachable[0].alarm_name
    probe_name  = module.secondary.peer_probe_function_name
    rule_name   = aws_cloudwatch_event_rule.primary_unreachable[0].name
    probe_every = "${local.probe_interval_seconds} s"
  } : null
}

output "rto_parameters" {
  description = "The figures the recovery-time budget is computed from (seconds unless named otherwise); plan-lint reads them from the plan because the rendered definition is unknown until apply."
  value = {
    health_check_interval        = local.health_check_interval_seconds
    failure_threshold            = var.health_check_failure_threshold
    detection_seconds            = local.health_check_interval_seconds * var.health_check_failure_threshold
    dns_alias_ttl_seconds        = local.dns_alias_ttl_seconds
    poll_interval_seconds        = var.poll_interval_seconds
    max_poll_attempts            = var.max_poll_attempts
    require_approval             = var.require_approval
    approval_timeout_seconds     = var.require_approval ? var.approval_timeout_seconds : 0
    approval_notice_seconds      = var.require_approval ? local.rto_figures.approval_notice_budget : 0
    execution_timeout_seconds    = local.execution_timeout_seconds
    promotion_seconds_documented = local.promotion_seconds_documented
    authority_change_seconds     = local.rto_figures.authority_change
    health_settle_seconds        = local.health_settle_seconds
    lease_wait_seconds           = local.lease_wait_seconds
    auto_failover_enabled        = var.auto_failover_enabled
    probe_interval_seconds       = local.probe_interval_seconds
    probe_failure_datapoints     = var.probe_failure_datapoints
    auto_detection_seconds       = local.probe_interval_seconds * var.probe_failure_datapoints
  }
}

output "recovery_control" {
  description = "The active-region authority: the ARC cluster (ARN and data-plane endpoints, to share it with another environment), the control panel and each region's routing control (keyed by region name)."
  value = {
    cluster_arn          = local.recovery_control_cluster_arn
    cluster_endpoints    = local.recovery_control_cluster_endpoints
    control_panel_arn    = aws_route53recoverycontrolconfig_control_panel.this.arn
    routing_control_arns = { for k in local.region_keys : local.regions[k] => local.routing_control_arns[k] }
  }
}

output "primary_view_name" {
  description = "TXT name whose failover answer is Route 53's view of the primary (healthy / unhealthy), read by primary-probe."
  value       = local.primary_view_name
}

output "recovery_roles" {
  description = "ARNs of the recovery operator and approver roles (null when their principal list is empty)."
  value = {
    operator = try(aws_iam_role.recovery["operator"].arn, null)
    approver = try(aws_iam_role.recovery["approver"].arn, null)
  }
}

output "recovery_guard_policy_json" {
  description = "Deny policy for a service control policy or permissions boundary attached outside this repository: only the state machines' and region-fence's roles (and break_glass_role_arns) may move the routing controls, set the serving flags, invoke region-fence, promote the global cluster; nobody sets the primary-unreachable alarm's state; only the approver role sends task success or failure."
  value       = data.aws_iam_policy_document.recovery_guard.json
}
