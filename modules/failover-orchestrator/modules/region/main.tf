# Everything ONE region needs to run its own recovery and serve the shared API name: the failover
# state machine and its log group, the region-fence function, the cross-region event forwarding
# with its dead-letter queue and alarm, the operations topic, the health-check-ids parameter, and the
# regional custom domain (certificate, validation, domain name, base path mapping). The
# failover-orchestrator module calls it once per region with a plain `aws` provider; what spans both
# regions (Route 53 zone, health checks and failover records, the global IAM roles, the automatic
# trigger in the secondary) stays in the orchestrator.

data "aws_region" "current" {}

locals {
  function_runtime = {
    runtime       = "nodejs22.x"
    architectures = ["arm64"]
    handler       = "index.handler"
  }
}

# The operations topic: this region's state machine reports to its own topic, so a notification never
# depends on the region that may be down.
resource "aws_sns_topic" "operations" {
  name              = "${var.name_prefix}-operations"
  kms_master_key_id = var.kms_key_arn
}

# Keyed by protocol and endpoint, so reordering the list replaces nothing.
resource "aws_sns_topic_subscription" "operations" {
  for_each = { for s in var.operations_subscriptions : "${s.protocol}:${s.endpoint}" => s }

  topic_arn = aws_sns_topic.operations.arn
  protocol  = each.value.protocol
  endpoint  = each.value.endpoint
}

# Read by the failover-validator in this region (HEALTH_CHECK_IDS_PARAMETER).
resource "aws_ssm_parameter" "health_check_ids" {
  name        = var.health_check_ids_parameter.name
  description = "Route 53 health check ID of each region's /health, keyed by region (JSON)."
  type        = "String"
  value       = var.health_check_ids_parameter.value
}
