output "region" {
  description = "Region this instance runs in."
  value       = local.region
}

output "vpc_id" {
  description = "ID of this region's VPC."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "IDs of the three private subnets."
  value       = [for s in aws_subnet.private : s.id]
}

output "api_id" {
  description = "ID of the regional REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "api_stage_name" {
  description = "Stage of the REST API that serves traffic (base path mappings point at it)."
  value       = aws_api_gateway_stage.this.stage_name
}

output "api_stage_arn" {
  description = "ARN of the API stage."
  value       = aws_api_gateway_stage.this.arn
}

output "api_execute_hostname" {
  description = "Regional execute-api host name, <api_id>.execute-api.<region>.<dns suffix>; Route 53 health checks probe /<stage>/health on it."
  value       = "${aws_api_gateway_rest_api.this.id}.execute-api.${local.region}.${local.dns_suffix}"
}

output "cluster_arn" {
  description = "ARN of this region's Aurora member cluster (the failover target when this region is secondary)."
  value       = aws_rds_cluster.this.arn
}

output "joinable_cluster_arn" {
  description = "ARN of this member cluster, known only once its instances exist. The secondary region's primary_cluster_arn takes it: a secondary member created before the primary's writer instance is available fails with \"InvalidParameterValue: The parameter MasterUsername must be provided\" (hashicorp/terraform-provider-aws#26030; the provider's documented example orders it after the instance, #26033)."
  value       = aws_rds_cluster.this.arn
  depends_on  = [aws_rds_cluster_instance.this]
}

output "db_migrator_result" {
  description = "What the db-migrator reported at its last run (JSON: migrations applied, users created, grants and revokes), or that it skipped this region."
  value       = aws_lambda_invocation.db_migrator.result
}

output "db_user_names" {
  description = "The functions' IAM database users the db-migrator creates (trade_processor, health)."
  value       = local.db_users
}

output "cluster_id" {
  description = "Identifier of this region's Aurora member cluster."
  value       = aws_rds_cluster.this.id
}

output "cluster_endpoint" {
  description = "Cluster (writer) endpoint of this region's member; it accepts writes only while this region is the global writer."
  value       = aws_rds_cluster.this.endpoint
}

output "trade_processor_function_name" {
  description = "Name of the trade-processor function (identical in both regions)."
  value       = aws_lambda_function.trade_processor.function_name
}

output "trade_processor_esm_uuid" {
  description = "UUID of the trade queue's event source mapping, which the orchestrator enables and disables."
  value       = aws_lambda_event_source_mapping.trade_processor.uuid
}

output "validator_function_name" {
  description = "Name of the failover-validator function (identical in both regions)."
  value       = aws_lambda_function.failover_validator.function_name
}

output "validator_function_arn" {
  description = "ARN of this region's failover-validator function."
  value       = aws_lambda_function.failover_validator.arn
}

output "health_function_name" {
  description = "Name of the health function (identical in both regions)."
  value       = aws_lambda_function.health.function_name
}

output "serving_parameter_name" {
  description = "Name of this region's serving flag (SSM String \"true\"/\"false\")."
  value       = aws_ssm_parameter.serving.name
}

output "serving_parameter_arn" {
  description = "ARN of this region's serving flag."
  value       = aws_ssm_parameter.serving.arn
}

output "alarm_topic_arn" {
  description = "ARN of this region's CMK-encrypted alarm topic."
  value       = aws_sns_topic.alarms.arn
}

output "trade_queue_arn" {
  description = "ARN of the trade-orders queue."
  value       = aws_sqs_queue.trade_orders.arn
}

output "serving_lease_seconds" {
  description = "How long a serving flag of \"true\" counts after it was written; the failover state machine waits it out before promoting when it could not fence this region."
  value       = var.serving_lease_seconds
}

output "trade_queue_url" {
  description = "URL of the trade-orders queue (the fence drains it before a switchover)."
  value       = aws_sqs_queue.trade_orders.url
}

output "dlq_arn" {
  description = "ARN of the trade-orders dead-letter queue."
  value       = aws_sqs_queue.dead_letter.arn
}
