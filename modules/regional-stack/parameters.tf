# SSM parameters: the serving flag the health function reads and the failover orchestrator flips,
# and this region's endpoints for operators and tooling. None of them holds a secret.

resource "aws_ssm_parameter" "serving" {
  name            = local.serving_parameter_name
  description     = "Whether ${local.region} serves traffic: /health answers 503 while this is false"
  type            = "String"
  allowed_pattern = "^(true|false)$"
  value           = var.role == "primary" ? "true" : "false"

  lifecycle {
    # Only the initial value comes from the role; the failover orchestrator owns the flag after
    # creation, and re-applying must not undo a failover.
    ignore_changes = [value]
  }
}

resource "aws_ssm_parameter" "api_endpoint" {
  name        = "${var.ssm_prefix}/${local.region}/api-endpoint"
  description = "Invoke URL of the ${local.region} API stage (the regional execute-api name)"
  type        = "String"
  value       = aws_api_gateway_stage.this.invoke_url
}

resource "aws_ssm_parameter" "db_writer_endpoint" {
  name        = "${var.ssm_prefix}/${local.region}/db-writer-endpoint"
  description = "Cluster (writer) endpoint of the ${local.region} Aurora member; it accepts writes only while this region is the global writer"
  type        = "String"
  value       = aws_rds_cluster.this.endpoint
}
