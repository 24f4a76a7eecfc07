# The failover state machine, deployed in EVERY region by modules/region: the region being activated
# runs its own recovery, so it never depends on the region it recovers from. The definition exists only
# in state-machine.asl.json; the drill (tooling/bin/drill.ts) and the tests render the same file.
locals {
  state_machine_template = "${path.module}/state-machine.asl.json"

  # Every value the template uses except those of the region's own resources (region, peer_region,
  # fence_function_arn, probe_function_arn, topic_arn, approval_queue_url), which modules/region adds;
  # tooling/asl/template.ts renders the file with the same names.
  state_machine_vars = {
    for k in local.region_keys : k => {
      environment                 = var.environment
      global_cluster_id           = var.global_cluster.id
      target_cluster_arn          = var.regional_stacks[k].cluster_arn
      target_cluster_id           = var.regional_stacks[k].cluster_id
      serving_parameter_name      = var.regional_stacks[k].serving_parameter_name
      rest_api_id                 = var.regional_stacks[k].api_id
      stage_name                  = var.regional_stacks[k].api_stage_name
      peer_rest_api_id            = var.regional_stacks[local.peer_of[k]].api_id
      peer_stage_name             = var.regional_stacks[local.peer_of[k]].api_stage_name
      health_settle_seconds       = local.health_settle_seconds
      lease_wait_seconds          = var.regional_stacks[local.peer_of[k]].serving_lease_seconds + 10
      validator_function_arn      = var.regional_stacks[k].validator_function_arn
      peer_serving_parameter_name = var.regional_stacks[local.peer_of[k]].serving_parameter_name
      peer_queue_url              = var.regional_stacks[local.peer_of[k]].trade_queue_url
      peer_cluster_arn            = var.regional_stacks[local.peer_of[k]].cluster_arn
      require_approval            = var.require_approval
      approval_timeout_seconds    = var.approval_timeout_seconds
      poll_interval_seconds       = var.poll_interval_seconds
      max_poll_attempts           = var.max_poll_attempts
      execution_timeout_seconds   = local.execution_timeout_seconds
    }
  }
}
