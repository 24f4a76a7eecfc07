# The orchestrator decides and executes which region serves. Route 53 is global (its resources use the
# primary provider); everything a region needs to recover on its own (state machine, fence function,
# topic, event forwarding) exists once in each region, so the region being activated runs its own
# recovery even when the other region is gone.

data "aws_partition" "current" {
  provider = aws.primary
}

data "aws_region" "primary" {
  provider = aws.primary
}

data "aws_region" "secondary" {
  provider = aws.secondary
}

locals {
  region_keys = toset(["primary", "secondary"])
  peer_key    = { primary = "secondary", secondary = "primary" }

  # Only the per-region IAM policies index the keys by region; encrypted resources name their own input.
  kms_key_arns = { primary = var.primary_kms_key_arn, secondary = var.secondary_kms_key_arn }

  partition = data.aws_partition.current.partition
  # No aws_caller_identity (it needs STS, and plans run offline): the account is read from an ARN the
  # regional stacks already produce.
  account_id = split(":", var.regions.primary.cluster_arn)[4]

  api_fqdn = "${var.api_subdomain}.${var.zone_name}"

  state_machine_name = "${var.name_prefix}-failover"
  region_fence_name  = "${var.name_prefix}-region-fence"
  primary_probe_name = "${var.name_prefix}-primary-probe"

  # ARNs that can be computed without a lookup (names are identical in both regions by contract).
  state_machine_arns = {
    for k in local.region_keys : k => "arn:${local.partition}:states:${var.regions[k].region}:${local.account_id}:stateMachine:${local.state_machine_name}"
  }
  trade_processor_arns = {
    for k in local.region_keys : k => "arn:${local.partition}:lambda:${var.regions[k].region}:${local.account_id}:function:${var.regions[k].trade_processor_function_name}"
  }
  default_bus_arns = {
    for k in local.region_keys : k => "arn:${local.partition}:events:${var.regions[k].region}:${local.account_id}:event-bus/default"
  }

  # Provider and configured region must agree, or every regional resource lands in the wrong place.
  provider_regions_match = (
    data.aws_region.primary.name == var.regions.primary.region &&
    data.aws_region.secondary.name == var.regions.secondary.region
  )

  # The documented figures the recovery-time budget is made of (README "Recovery objectives").
  health_check_interval_seconds = 10
  # Route 53 answers alias records with the target's TTL; API Gateway regional domain names use 60 s.
  dns_alias_ttl_seconds = 60
  # AWS: a managed cross-region failover of an Aurora global database "typically" completes in a few
  # minutes (Aurora User Guide, aurora-global-database-disaster-recovery). 300 s stands for "a few minutes".
  promotion_seconds_documented = 300
  probe_interval_seconds       = 60

  # Upper bounds of each phase in the state machine (state-machine.asl.json). Task timeouts and retry
  # budgets there are fixed; keep these sums in step with them.
  preflight_budget_seconds  = 3 * 60 # three read-only calls, 60 s timeout each
  fence_budget_seconds      = 3 * 60 # region-fence: 60 s timeout, two retries
  promotion_budget_seconds  = 20 + 40 + 80 + 160 + 60
  activation_budget_seconds = 2 * 60 + 300 + 2 * 60 # two SDK calls, validator (300 s), notification
  poll_budget_seconds       = var.poll_interval_seconds * var.max_poll_attempts + var.max_poll_attempts * 10
  approval_budget_seconds   = var.require_approval ? var.approval_timeout_seconds : 0

  execution_timeout_seconds = (
    local.preflight_budget_seconds + local.approval_budget_seconds + local.fence_budget_seconds +
    local.promotion_budget_seconds + local.poll_budget_seconds + local.activation_budget_seconds
  )
}
