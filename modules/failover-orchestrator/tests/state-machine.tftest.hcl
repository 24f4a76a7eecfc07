# The failover state machine in every region: logging and tracing, a definition rendered from the one
# template with that region's cluster, fence target and topic, and the figures of rto_parameters.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "a_state_machine_in_every_region_promoting_its_own_cluster" {
  command = apply

  assert {
    condition = (
      jsondecode(module.primary.state_machine_definition).States.Failover.Parameters.TargetDbClusterIdentifier == "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1" &&
      jsondecode(module.secondary.state_machine_definition).States.Failover.Parameters.TargetDbClusterIdentifier == "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2" &&
      jsondecode(module.secondary.state_machine_definition).States.Failover.Parameters.GlobalClusterIdentifier == "trading-dev"
    )
    error_message = "each state machine must promote its own region's cluster ARN within the global cluster"
  }

  assert {
    condition = (
      jsondecode(module.secondary.state_machine_definition).States.FenceOldRegion.Parameters.Payload.region == "us-east-1" &&
      jsondecode(module.secondary.state_machine_definition).States.NotifyFailure.Parameters.TopicArn == module.secondary.operations_topic_arn &&
      jsondecode(module.primary.state_machine_definition).States.NotifyFailure.Parameters.TopicArn == module.primary.operations_topic_arn
    )
    error_message = "the secondary's state machine must fence the primary, and each must notify its own region's topic"
  }

  assert {
    condition = (
      jsondecode(module.primary.state_machine_definition).TimeoutSeconds == output.rto_parameters.execution_timeout_seconds &&
      jsondecode(module.secondary.state_machine_definition).TimeoutSeconds == output.rto_parameters.execution_timeout_seconds
    )
    error_message = "the execution timeout in the definition must be the one declared in rto_parameters"
  }

  assert {
    condition     = output.state_machine_arns == { primary = module.primary.state_machine_arn, secondary = module.secondary.state_machine_arn }
    error_message = "state_machine_arns must name each region's own state machine"
  }

  assert {
    condition = (
      jsondecode(module.secondary.state_machine_definition).States.FenceOldRegion.Next == "CheckFence" &&
      jsondecode(module.secondary.state_machine_definition).States.CheckFence.Default == "FenceFailed" &&
      jsondecode(module.secondary.state_machine_definition).States.RestoreOldRegion.Parameters.Payload.action == "restore" &&
      jsondecode(module.secondary.state_machine_definition).States.RestoreOldRegion.Parameters.Payload.region == "us-east-1" &&
      jsondecode(module.secondary.state_machine_definition).States.RestoreOldRegion.Parameters.FunctionName == jsondecode(module.secondary.state_machine_definition).States.FenceOldRegion.Parameters.FunctionName
    )
    error_message = "a switchover must fail closed on its fence, and the undo must restore the fenced region through the same fence function"
  }

  assert {
    condition = (
      jsondecode(module.primary.state_machine_definition).States.CheckPromotion.Choices[0].Variable == "$.poll.targetIsWriter" &&
      jsondecode(module.primary.state_machine_definition).States.RunValidator.Next == "CheckVerdict" &&
      jsondecode(module.primary.state_machine_definition).States.CheckVerdict.Default == "NotReady"
    )
    error_message = "the poll must end on the target being the writer, and only the validator's ready verdict may lead to success"
  }
}

run "logs_all_events_without_execution_data_and_traces" {
  command = apply

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  assert {
    condition = (
      !one(aws_sfn_state_machine.this.logging_configuration).include_execution_data && one(aws_sfn_state_machine.this.logging_configuration).level == "ALL" &&
      one(aws_sfn_state_machine.this.logging_configuration).log_destination == "${aws_cloudwatch_log_group.state_machine.arn}:*" &&
      one(aws_sfn_state_machine.this.tracing_configuration).enabled && aws_sfn_state_machine.this.type == "STANDARD"
    )
    error_message = "the state machine must log ALL events, without execution data (the approval's task token), to its log group and trace with X-Ray"
  }

  assert {
    condition = (
      jsondecode(aws_sfn_state_machine.this.definition).States.FenceOldRegion.Parameters.FunctionName == aws_lambda_function.region_fence.arn &&
      jsondecode(aws_sfn_state_machine.this.definition).States.FenceOldRegion.Parameters.Payload.region == "us-east-2" &&
      jsondecode(aws_sfn_state_machine.this.definition).States.NotifyFailure.Parameters.TopicArn == aws_sns_topic.operations.arn
    )
    error_message = "the definition must invoke this region's fence function against the peer and notify this region's topic"
  }

  assert {
    condition = (
      aws_lambda_function.region_fence.environment[0].variables.PEER_REGION == "us-east-2" &&
      aws_lambda_function.region_fence.runtime == "nodejs22.x" && aws_lambda_function.region_fence.tracing_config[0].mode == "Active" &&
      aws_lambda_function.region_fence.logging_config[0].log_group == aws_cloudwatch_log_group.region_fence.name
    )
    error_message = "region-fence fences the peer region, traced, logging to its own log group"
  }
}

run "approval_is_rendered_from_the_input" {
  command = apply

  variables {
    require_approval         = false
    approval_timeout_seconds = 900
  }

  assert {
    condition = (
      jsondecode(module.primary.state_machine_definition).States.Configure.Result.requireApproval == false &&
      jsondecode(module.primary.state_machine_definition).States.RequestApproval.TimeoutSeconds == 900
    )
    error_message = "require_approval and approval_timeout_seconds must reach the definition"
  }

  assert {
    condition     = output.rto_parameters.execution_timeout_seconds < 3600
    error_message = "without approval the execution timeout must not include the approval wait"
  }
}

run "rto_parameters_come_from_rto_figures_json" {
  command = plan

  assert {
    condition = (
      output.rto_parameters.health_check_interval == jsondecode(file("rto-figures.json")).health_check_interval.seconds &&
      output.rto_parameters.dns_alias_ttl_seconds == jsondecode(file("rto-figures.json")).dns_alias_ttl.seconds &&
      output.rto_parameters.promotion_seconds_documented == jsondecode(file("rto-figures.json")).promotion.seconds &&
      output.rto_parameters.probe_interval_seconds == jsondecode(file("rto-figures.json")).probe_interval.seconds &&
      output.rto_parameters.authority_change_seconds == jsondecode(file("rto-figures.json")).authority_change.seconds &&
      output.rto_parameters.health_settle_seconds == 40
    )
    error_message = "the documented figures must come from rto-figures.json"
  }

  assert {
    # Defaults: the 10 s approval notice and approval 1800 s, poll 20 s x 45 attempts, the lease wait 150 s + 10 s, the wait before
    # validation 10 s x 3 + 10 s.
    condition = output.rto_parameters.execution_timeout_seconds == (
      jsondecode(file("rto-figures.json")).preflight_budget.seconds + jsondecode(file("rto-figures.json")).approval_notice_budget.seconds + 1800 + jsondecode(file("rto-figures.json")).authority_budget.seconds +
      jsondecode(file("rto-figures.json")).fence_budget.seconds + jsondecode(file("rto-figures.json")).promotion_call_budget.seconds +
      (20 + jsondecode(file("rto-figures.json")).poll_attempt_overhead.seconds) * 45 + 160 + 40 +
      jsondecode(file("rto-figures.json")).activation_budget.seconds
    )
    error_message = "the execution timeout must be the sum of the phase budgets of rto-figures.json and the inputs"
  }
}
