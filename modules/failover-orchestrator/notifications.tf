# One operations topic per region: each region's state machine reports to its own topic, so a
# notification never depends on the region that may be down.
resource "aws_sns_topic" "operations_primary" {
  provider = aws.primary

  name              = "${var.name_prefix}-operations"
  kms_master_key_id = var.primary_kms_key_arn
}

resource "aws_sns_topic" "operations_secondary" {
  provider = aws.secondary

  name              = "${var.name_prefix}-operations"
  kms_master_key_id = var.secondary_kms_key_arn
}

locals {
  operations_topic_arns = {
    primary   = aws_sns_topic.operations_primary.arn
    secondary = aws_sns_topic.operations_secondary.arn
  }

  # Read by the failover-validator in each region (HEALTH_CHECK_IDS_PARAMETER).
  health_check_ids_parameter = "${var.ssm_prefix}/health-check-ids"
  health_check_ids = jsonencode({
    for k in local.region_keys : var.regions[k].region => aws_route53_health_check.regional[k].id
  })
}

resource "aws_ssm_parameter" "health_check_ids_primary" {
  provider = aws.primary

  name        = local.health_check_ids_parameter
  description = "Route 53 health check ID of each region's /health, keyed by region (JSON)."
  type        = "String"
  value       = local.health_check_ids
}

resource "aws_ssm_parameter" "health_check_ids_secondary" {
  provider = aws.secondary

  name        = local.health_check_ids_parameter
  description = "Route 53 health check ID of each region's /health, keyed by region (JSON)."
  type        = "String"
  value       = local.health_check_ids
}
