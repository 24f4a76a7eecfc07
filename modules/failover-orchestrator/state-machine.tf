# The failover state machine, deployed in EVERY region: the region being activated runs its own
# recovery, so it never depends on the region it recovers from. The definition exists only in
# state-machine.asl.json; the drill (tooling/drill.ts) and the tests render the same file.
locals {
  state_machine_template = "${path.module}/state-machine.asl.json"

  # Every value the template uses; tooling/lib/asl.ts renders the file with the same names. The
  # fence function and topic ARNs are unknown until apply, which also keeps the provider from
  # validating the definition through the AWS API during offline plans.
  state_machine_vars = {
    for k in local.region_keys : k => {
      region                             = var.regions[k].region
      peer_region                        = var.regions[local.peer_key[k]].region
      global_cluster_id                  = var.global_cluster.id
      target_cluster_arn                 = var.regions[k].cluster_arn
      target_cluster_id                  = var.regions[k].cluster_id
      serving_parameter_name             = var.regions[k].serving_parameter_name
      event_source_mapping_uuid          = var.regions[k].trade_processor_esm_uuid
      validator_function_arn             = var.regions[k].validator_function_arn
      fence_function_arn                 = local.region_fence_arns[k]
      peer_serving_parameter_name        = var.regions[local.peer_key[k]].serving_parameter_name
      peer_trade_processor_function_name = var.regions[local.peer_key[k]].trade_processor_function_name
      topic_arn                          = local.operations_topic_arns[k]
      require_approval                   = var.require_approval
      approval_timeout_seconds           = var.approval_timeout_seconds
      poll_interval_seconds              = var.poll_interval_seconds
      max_poll_attempts                  = var.max_poll_attempts
      execution_timeout_seconds          = local.execution_timeout_seconds
    }
  }
}

resource "aws_cloudwatch_log_group" "state_machine_primary" {
  provider = aws.primary

  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.primary_kms_key_arn
}

resource "aws_cloudwatch_log_group" "state_machine_secondary" {
  provider = aws.secondary

  name              = "/aws/vendedlogs/states/${local.state_machine_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.secondary_kms_key_arn
}

resource "aws_sfn_state_machine" "primary" {
  provider = aws.primary

  name       = local.state_machine_name
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine["primary"].arn
  definition = templatefile(local.state_machine_template, local.state_machine_vars["primary"])

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine_primary.arn}:*"
    include_execution_data = true
    level                  = "ALL"
  }

  tracing_configuration {
    enabled = true
  }

  lifecycle {
    precondition {
      condition     = local.provider_regions_match
      error_message = "The aws.primary/aws.secondary providers must point at regions.primary.region/regions.secondary.region; otherwise each state machine would run in the wrong region."
    }
  }

  depends_on = [aws_iam_role_policy.state_machine]
}

resource "aws_sfn_state_machine" "secondary" {
  provider = aws.secondary

  name       = local.state_machine_name
  type       = "STANDARD"
  role_arn   = aws_iam_role.state_machine["secondary"].arn
  definition = templatefile(local.state_machine_template, local.state_machine_vars["secondary"])

  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine_secondary.arn}:*"
    include_execution_data = true
    level                  = "ALL"
  }

  tracing_configuration {
    enabled = true
  }

  lifecycle {
    precondition {
      condition     = local.provider_regions_match
      error_message = "The aws.primary/aws.secondary providers must point at regions.primary.region/regions.secondary.region; otherwise each state machine would run in the wrong region."
    }
  }

  depends_on = [aws_iam_role_policy.state_machine]
}

locals {
  state_machines = {
    primary   = aws_sfn_state_machine.primary
    secondary = aws_sfn_state_machine.secondary
  }
}
