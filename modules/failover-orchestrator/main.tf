# The orchestrator decides and executes which region serves. Everything a region needs to recover on
# its own (state machine, fence function, topic, event forwarding, the regional custom domain) is the
# inner module modules/region, called once per region below, so the region being activated runs its
# own recovery even when the other region is gone. What spans both regions stays here: Route 53 (the
# zone, health checks, certificate validation records and failover records; Route 53 is global and
# uses the primary provider), the IAM roles (global, named after the region they serve), and the
# automatic trigger, which exists in the secondary only.

data "aws_partition" "current" {
  provider = aws.primary
}

locals {
  region_keys = toset(["primary", "secondary"])
  peer_of     = { primary = "secondary", secondary = "primary" }

  # Role -> region name, as everywhere else in this repository.
  regions = { for k in local.region_keys : k => var.regional_stacks[k].region }

  # Keyed by region name (not role): what the region module and the functions use to address either
  # region.
  api_stages = {
    for k in local.region_keys : local.regions[k] => {
      rest_api_id = var.regional_stacks[k].api_id
      stage_name  = var.regional_stacks[k].api_stage_name
    }
  }
  cluster_arns = { for k in local.region_keys : local.regions[k] => var.regional_stacks[k].cluster_arn }

  # Only the per-region IAM policies index the keys by region; each region's module names its own input.
  kms_key_arns = { primary = var.primary_kms_key_arn, secondary = var.secondary_kms_key_arn }

  partition = data.aws_partition.current.partition
  # No aws_caller_identity (it needs STS, and plans run offline): the account is read from an ARN the
  # regional stacks already produce.
  account_id = split(":", var.regional_stacks.primary.cluster_arn)[4]

  api_fqdn = "${var.api_subdomain}.${var.zone_name}"

  state_machine_name = "${var.name_prefix}-failover"
  region_fence_name  = "${var.name_prefix}-region-fence"
  primary_probe_name = "${var.name_prefix}-primary-probe"

  # ARNs that can be computed without a lookup (names are identical in both regions by contract).
  state_machine_arns = {
    for k in local.region_keys : k => "arn:${local.partition}:states:${local.regions[k]}:${local.account_id}:stateMachine:${local.state_machine_name}"
  }
  default_bus_arns = {
    for k in local.region_keys : k => "arn:${local.partition}:events:${local.regions[k]}:${local.account_id}:event-bus/default"
  }

  # The documented figures the recovery-time budget is made of, each with its citation, in one file
  # that plan-lint's budget and the drill read too (README.md, "Recovery objectives").
  rto_figures                   = { for name, figure in jsondecode(file("${path.module}/rto-figures.json")) : name => figure.seconds }
  health_check_interval_seconds = local.rto_figures.health_check_interval
  # The state machine waits this long after activation before it validates: the activated region's
  # HTTPS check needs failure_threshold passing checks, one request interval apart, to turn healthy.
  health_settle_seconds = local.health_check_interval_seconds * var.health_check_failure_threshold + 10
  # A failover that could not fence the old region waits out that region's serving-flag lease.
  lease_wait_seconds           = max(var.regional_stacks.primary.serving_lease_seconds, var.regional_stacks.secondary.serving_lease_seconds) + 10
  dns_alias_ttl_seconds        = local.rto_figures.dns_alias_ttl
  promotion_seconds_documented = local.rto_figures.promotion
  probe_interval_seconds       = local.rto_figures.probe_interval

  # Upper bounds of each phase in the state machine (state-machine.asl.json); rto-figures.json says
  # which task timeouts and retries each is made of.
  preflight_budget_seconds  = local.rto_figures.preflight_budget
  authority_budget_seconds  = local.rto_figures.authority_budget
  fence_budget_seconds      = local.rto_figures.fence_budget
  promotion_budget_seconds  = local.rto_figures.promotion_call_budget
  activation_budget_seconds = local.rto_figures.activation_budget
  poll_budget_seconds       = (var.poll_interval_seconds + local.rto_figures.poll_attempt_overhead) * var.max_poll_attempts
  approval_budget_seconds   = var.require_approval ? local.rto_figures.approval_notice_budget + var.approval_timeout_seconds : 0

  execution_timeout_seconds = (
    local.preflight_budget_seconds + local.approval_budget_seconds + local.authority_budget_seconds +
    local.fence_budget_seconds + local.promotion_budget_seconds + local.poll_budget_seconds +
    local.lease_wait_seconds + local.health_settle_seconds + local.activation_budget_seconds
  )
}

# One call per region: provider 5.x has no per-resource region and Terraform 1.11 cannot for_each over
# providers. The two calls take the same inputs from their own region's stack, key and roles, so they
# plan the same resources (plan-lint DR001 compares them).
module "primary" {
  source    = "./modules/region"
  providers = { aws = aws.primary }

  name_prefix        = var.name_prefix
  region             = local.regions.primary
  peer_region        = local.regions.secondary
  kms_key_arn        = var.primary_kms_key_arn
  log_retention_days = var.log_retention_days
  metrics_namespace  = var.metrics_namespace

  state_machine = {
    name          = local.state_machine_name
    role_arn      = aws_iam_role.state_machine["primary"].arn
    template_file = local.state_machine_template
    template_vars = local.state_machine_vars.primary
  }
  state_machine_role_policy_id = aws_iam_role_policy.state_machine["primary"].id

  region_fence = {
    function_name = local.region_fence_name
    zip           = var.function_zips.region_fence
    role_arn      = aws_iam_role.region_fence["primary"].arn
    # The watchdog reads the peer's serving flag against the peer's lease.
    peer_serving_lease_seconds = var.regional_stacks.secondary.serving_lease_seconds
  }
  region_fence_role_policy_id = aws_iam_role_policy.region_fence["primary"].id

  peer_probe = {
    function_name   = local.primary_probe_name
    zip             = var.function_zips.primary_probe
    role_arn        = aws_iam_role.primary_probe["primary"].arn
    health_hostname = var.regional_stacks.secondary.api_execute_hostname
    view_name       = local.region_view_names.secondary
    timeout_ms      = var.probe_timeout_ms
  }
  peer_probe_role_policy_id = aws_iam_role_policy.primary_probe["primary"].id
  operations_subscriptions  = var.operations_subscriptions
  approval_reader_role_arns = local.approval_reader_role_arns

  # Each region's truststore in its own config bucket: either domain can be created or rotated while the
  # other region is down.
  client_truststore = var.client_truststore == null ? null : {
    bucket_name = var.client_truststore.primary_bucket
    pem         = var.client_truststore.pem
  }

  event_forwarding = {
    peer_bus_arn              = local.default_bus_arns.secondary
    role_arn                  = aws_iam_role.event_forwarder["primary"].arn
    other_dead_letter_sources = []
  }

  api = {
    fqdn       = local.api_fqdn
    id         = var.regional_stacks.primary.api_id
    stage_name = var.regional_stacks.primary.api_stage_name
  }
  certificate_validation_record_fqdns = [aws_route53_record.certificate_validation["primary"].fqdn]

  health_check_ids_parameter = local.health_check_ids_parameter

  api_stages            = local.api_stages
  cluster_arns          = local.cluster_arns
  health_settle_seconds = local.health_settle_seconds

  authority = {
    cluster_endpoints    = local.recovery_control_cluster_endpoints
    routing_control_arns = { for k in local.region_keys : local.regions[k] => local.routing_control_arns[k] }
  }
}

module "secondary" {
  source    = "./modules/region"
  providers = { aws = aws.secondary }

  name_prefix        = var.name_prefix
  region             = local.regions.secondary
  peer_region        = local.regions.primary
  kms_key_arn        = var.secondary_kms_key_arn
  log_retention_days = var.log_retention_days
  metrics_namespace  = var.metrics_namespace

  state_machine = {
    name          = local.state_machine_name
    role_arn      = aws_iam_role.state_machine["secondary"].arn
    template_file = local.state_machine_template
    template_vars = local.state_machine_vars.secondary
  }
  state_machine_role_policy_id = aws_iam_role_policy.state_machine["secondary"].id

  region_fence = {
    function_name = local.region_fence_name
    zip           = var.function_zips.region_fence
    role_arn      = aws_iam_role.region_fence["secondary"].arn
    # The watchdog reads the peer's serving flag against the peer's lease.
    peer_serving_lease_seconds = var.regional_stacks.primary.serving_lease_seconds
  }
  region_fence_role_policy_id = aws_iam_role_policy.region_fence["secondary"].id

  peer_probe = {
    function_name   = local.primary_probe_name
    zip             = var.function_zips.primary_probe
    role_arn        = aws_iam_role.primary_probe["secondary"].arn
    health_hostname = var.regional_stacks.primary.api_execute_hostname
    view_name       = local.region_view_names.primary
    timeout_ms      = var.probe_timeout_ms
  }
  peer_probe_role_policy_id = aws_iam_role_policy.primary_probe["secondary"].id
  operations_subscriptions  = var.operations_subscriptions
  approval_reader_role_arns = local.approval_reader_role_arns

  # Each region's truststore in its own config bucket: either domain can be created or rotated while the
  # other region is down.
  client_truststore = var.client_truststore == null ? null : {
    bucket_name = var.client_truststore.secondary_bucket
    pem         = var.client_truststore.pem
  }

  event_forwarding = {
    peer_bus_arn = local.default_bus_arns.primary
    role_arn     = aws_iam_role.event_forwarder["secondary"].arn
    # The automatic failover trigger (triggers.tf) dead-letters into the secondary's queue.
    other_dead_letter_sources = aws_cloudwatch_event_rule.primary_unreachable[*].arn
  }

  api = {
    fqdn       = local.api_fqdn
    id         = var.regional_stacks.secondary.api_id
    stage_name = var.regional_stacks.secondary.api_stage_name
  }
  certificate_validation_record_fqdns = [aws_route53_record.certificate_validation["secondary"].fqdn]

  health_check_ids_parameter = local.health_check_ids_parameter

  api_stages            = local.api_stages
  cluster_arns          = local.cluster_arns
  health_settle_seconds = local.health_settle_seconds

  authority = {
    cluster_endpoints    = local.recovery_control_cluster_endpoints
    routing_control_arns = { for k in local.region_keys : local.regions[k] => local.routing_control_arns[k] }
  }
}

# Each region's module outputs, by role, for the blocks here that iterate over both regions. One local
# per output: a local naming a whole module would depend on all of its outputs.
locals {
  region_fence_arns = {
    primary   = module.primary.region_fence_function_arn
    secondary = module.secondary.region_fence_function_arn
  }
  peer_probe_arns = {
    primary   = module.primary.peer_probe_function_arn
    secondary = module.secondary.peer_probe_function_arn
  }
  peer_probe_log_group_arns = {
    primary   = module.primary.peer_probe_log_group_arn
    secondary = module.secondary.peer_probe_log_group_arn
  }
  region_fence_log_group_arns = {
    primary   = module.primary.region_fence_log_group_arn
    secondary = module.secondary.region_fence_log_group_arn
  }
  operations_topic_arns = {
    primary   = module.primary.operations_topic_arn
    secondary = module.secondary.operations_topic_arn
  }
  approval_queues = {
    primary   = module.primary.approval_queue
    secondary = module.secondary.approval_queue
  }
  deployed_state_machine_arns = {
    primary   = module.primary.state_machine_arn
    secondary = module.secondary.state_machine_arn
  }
  certificate_validation = {
    primary   = module.primary.certificate_validation
    secondary = module.secondary.certificate_validation
  }
  custom_domains = {
    primary   = module.primary.custom_domain
    secondary = module.secondary.custom_domain
  }
  async_failure_queue_arns = {
    primary   = module.primary.async_failure_queue_arn
    secondary = module.secondary.async_failure_queue_arn
  }
}
