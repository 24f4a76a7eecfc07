# The failover state machine of this region: the region being activated runs its own recovery, so it
# never depends on the region it recovers from. The definition is the orchestrator's template
# (state-machine.asl.json), rendered here with this region's fence function, probe, topic and approval
# queue; those ARNs are unknown until apply, which also keeps the provider from validating the
# definition through the AWS API during offline plans.
resource "aws_cloudwatch_log_group" "state_machine" {
  name              = "/aws/vendedlogs/states/${var.state_machine.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_sfn_state_machine" "this" {
  name     = var.state_machine.name
  type     = "STANDARD"
  role_arn = var.state_machine.role_arn
  definition = templatefile(var.state_machine.template_file, merge(var.state_machine.template_vars, {
    region             = var.region
    peer_region        = var.peer_region
    fence_function_arn = aws_lambda_function.region_fence.arn
    probe_function_arn = aws_lambda_function.peer_probe.arn
    topic_arn          = aws_sns_topic.operations.arn
    approval_queue_url = aws_sqs_queue.approvals.id
  }))

  # Every event is logged, without its input and output: RequestApproval's parameters carry the task
  # token (the message it leaves in the approval queue), and whoever holds it can approve a recovery. The execution history keeps the data for
  # states:GetExecutionHistory. "include_execution_data: Determines whether execution data is included
  # in your log" (https://docs.aws.amazon.com/step-functions/latest/apireference/API_LoggingConfiguration.html).
  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.state_machine.arn}:*"
    include_execution_data = false
    level                  = "ALL"
  }

  tracing_configuration {
    enabled = true
  }

  lifecycle {
    precondition {
      condition     = data.aws_region.current.name == var.region
      error_message = "The provider passed in points at ${data.aws_region.current.name}, but region is ${var.region}: the state machine would run in the wrong region."
    }
  }

  # CreateStateMachine checks the role's logging permissions, so the role's policy comes first.
  depends_on = [var.state_machine_role_policy_id]
}
