output "state_machine_arn" {
  description = "ARN of this region's failover state machine."
  value       = aws_sfn_state_machine.this.arn
}

output "state_machine_definition" {
  description = "The rendered definition of this region's state machine (unknown until apply in real plans)."
  value       = aws_sfn_state_machine.this.definition
}

output "region_fence_function_arn" {
  description = "ARN of this region's region-fence function (the state machine invokes it)."
  value       = aws_lambda_function.region_fence.arn
}

output "region_fence_log_group_arn" {
  description = "ARN of the region-fence function's log group (its role may write there)."
  value       = aws_cloudwatch_log_group.region_fence.arn
}

output "operations_topic_arn" {
  description = "ARN of this region's operations topic (notifications and approval requests)."
  value       = aws_sns_topic.operations.arn
}

output "events_dlq_arn" {
  description = "ARN of this region's EventBridge dead-letter queue; other targets in this region can use it too."
  value       = aws_sqs_queue.events_dlq.arn
}

output "certificate_validation" {
  description = "The DNS record that validates this region's certificate for the shared API name (name, type, value), to write in the zone."
  value = {
    name  = one(aws_acm_certificate.api.domain_validation_options).resource_record_name
    type  = one(aws_acm_certificate.api.domain_validation_options).resource_record_type
    value = one(aws_acm_certificate.api.domain_validation_options).resource_record_value
  }
}

output "custom_domain" {
  description = "This region's API Gateway regional domain for the shared API name: the regional domain name and hosted zone (the target of the region's failover alias record), and the API and stage its base path mapping serves."
  value = {
    name       = aws_api_gateway_domain_name.api.regional_domain_name
    zone_id    = aws_api_gateway_domain_name.api.regional_zone_id
    api_id     = aws_api_gateway_base_path_mapping.api.api_id
    stage_name = aws_api_gateway_base_path_mapping.api.stage_name
  }
}

output "health_check_ids_parameter" {
  description = "The SSM parameter written in this region for the failover-validator: name and value (JSON, region name to Route 53 health check ID)."
  value = {
    name = aws_ssm_parameter.health_check_ids.name
    # The provider marks every parameter value sensitive; this one is a plain String of health check IDs.
    value = nonsensitive(aws_ssm_parameter.health_check_ids.value)
  }
}

output "kms_key_arn" {
  description = "The key this region's log groups, topic, queue and function environment are encrypted with (this region's logs key, as passed in)."
  value       = var.kms_key_arn
}

output "region_fence_function_name" {
  description = "Name of this region's region-fence function (the first apply invokes the primary's to initialize the authority)."
  value       = aws_lambda_function.region_fence.function_name
}

output "region_fence_environment" {
  description = "The region-fence function's environment (the authority's endpoints and routing controls included), for the orchestrator's tests and for operators."
  value       = aws_lambda_function.region_fence.environment[0].variables
}

output "sync_input" {
  description = "The constant input of the minute sync rule: this region's own switches, global cluster and member cluster, and the watchdog's settings."
  value       = aws_cloudwatch_event_target.sync.input
}

output "authority_reclaimed_alarm" {
  description = "The alarm that pages the operations topic when this region's watchdog took the authority back (for the orchestrator's tests)."
  value = {
    metric_name         = aws_cloudwatch_metric_alarm.authority_reclaimed.metric_name
    dimensions          = aws_cloudwatch_metric_alarm.authority_reclaimed.dimensions
    comparison_operator = aws_cloudwatch_metric_alarm.authority_reclaimed.comparison_operator
    threshold           = aws_cloudwatch_metric_alarm.authority_reclaimed.threshold
    treat_missing_data  = aws_cloudwatch_metric_alarm.authority_reclaimed.treat_missing_data
    alarm_actions       = aws_cloudwatch_metric_alarm.authority_reclaimed.alarm_actions
  }
}

output "client_truststore" {
  description = "Mutual TLS of this region's custom domain: the truststore's S3 URI and pinned version (null without mutual TLS)."
  value = one([for m in aws_api_gateway_domain_name.api.mutual_tls_authentication : {
    uri     = m.truststore_uri
    version = m.truststore_version
  }])
}

output "operations_subscriptions" {
  description = "The operations topic's subscriptions: \"protocol:endpoint\" -> topic ARN (for the orchestrator's tests)."
  value       = { for k, s in aws_sns_topic_subscription.operations : k => s.topic_arn }
}

output "peer_probe_function_arn" {
  description = "ARN of this region's primary-probe, which probes the other region (the state machine's preflight invokes it)."
  value       = aws_lambda_function.peer_probe.arn
}

output "peer_probe_function_name" {
  description = "Name of this region's primary-probe (the automatic trigger's schedule runs it in the secondary)."
  value       = aws_lambda_function.peer_probe.function_name
}

output "peer_probe_log_group_arn" {
  description = "ARN of the probe's log group (its role may write there)."
  value       = aws_cloudwatch_log_group.peer_probe.arn
}

output "peer_probe" {
  description = "What this region's primary-probe checks of the other region (its environment), and the keys it and its log group use."
  value = {
    function_name        = aws_lambda_function.peer_probe.function_name
    environment          = aws_lambda_function.peer_probe.environment[0].variables
    kms_key_arn          = aws_lambda_function.peer_probe.kms_key_arn
    log_group_kms_key_id = aws_cloudwatch_log_group.peer_probe.kms_key_id
    runtime              = aws_lambda_function.peer_probe.runtime
    tracing_mode         = aws_lambda_function.peer_probe.tracing_config[0].mode
  }
}

output "approval_queue" {
  description = "The queue this region's recoveries leave their approval requests in (task tokens), readable only by approval_reader_role_arns."
  value       = { arn = aws_sqs_queue.approvals.arn, url = aws_sqs_queue.approvals.id, name = aws_sqs_queue.approvals.name }
}

output "async_failure_queue_arn" {
  description = "ARN of this region's queue of failed asynchronous invocations of region-fence and primary-probe (their roles may send there)."
  value       = aws_sqs_queue.async_failures.arn
}
