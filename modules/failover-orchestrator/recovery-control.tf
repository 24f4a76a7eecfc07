# The active-region authority: Route 53 Application Recovery Controller routing controls, one per region,
# in one control panel per environment. Route 53 follows them (each failover record carries its region's
# RECOVERY_CONTROL check), and each region's region-fence function mirrors them into the local switches
# (the serving flag, with its lease, and the API stage variable). Changing a routing control state is a call to the cluster's data plane, which has
# endpoints in five regions, so it works while either of our regions is down and involves no Route 53
# control-plane call:
# https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.update.api.html
#
# ARC's configuration API is served from us-west-2 whatever the provider's region (the provider routes
# it there); the resources are created through the primary provider only because one is needed:
# https://docs.aws.amazon.com/r53recovery/latest/dg/introduction-regions-routing.html

# A cluster costs USD 2.50 an hour (https://aws.amazon.com/application-recovery-controller/pricing/),
# so environments may share one: recovery_control_cluster_arn (with its endpoints) skips this one.
resource "aws_route53recoverycontrolconfig_cluster" "this" {
  count    = var.recovery_control_cluster_arn == null ? 1 : 0
  provider = aws.primary

  name = var.name_prefix
}

locals {
  recovery_control_cluster_arn = var.recovery_control_cluster_arn == null ? aws_route53recoverycontrolconfig_cluster.this[0].arn : var.recovery_control_cluster_arn

  # What the functions need to reach the data plane: every endpoint with its region (the SDK client is
  # built for that region and endpoint, and a caller tries them in turn until one answers:
  # https://docs.aws.amazon.com/r53recovery/latest/dg/route53-arc-best-practices.html).
  recovery_control_cluster_endpoints = var.recovery_control_cluster_arn == null ? [
    for e in aws_route53recoverycontrolconfig_cluster.this[0].cluster_endpoints : { endpoint = e.endpoint, region = e.region }
  ] : var.recovery_control_cluster_endpoints
  arc_cluster_endpoints_json = jsonencode(local.recovery_control_cluster_endpoints)

  routing_control_arns = { for k in local.region_keys : k => aws_route53recoverycontrolconfig_routing_control.region[k].arn }
  # Keyed by region name, as the functions address regions (ROUTING_CONTROL_ARNS).
  routing_control_arns_json = jsonencode({ for k in local.region_keys : local.regions[k] => local.routing_control_arns[k] })
}

resource "aws_route53recoverycontrolconfig_control_panel" "this" {
  provider = aws.primary

  name        = var.name_prefix
  cluster_arn = local.recovery_control_cluster_arn
}

resource "aws_route53recoverycontrolconfig_routing_control" "region" {
  for_each = local.region_keys
  provider = aws.primary

  name              = "${var.name_prefix}-${local.regions[each.key]}"
  cluster_arn       = local.recovery_control_cluster_arn
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.this.arn
}

# "Exactly one region On" as two assertion rules over both controls: at least one On, and (inverted)
# not at least two On. The data plane refuses a state change that breaks either rule, so no caller can
# leave the platform with no active region or with two.
# https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.safety-rules.html
# Inverted is "logical negation of the rule":
# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-route53recoverycontrol-safetyrule-ruleconfig.html
resource "aws_route53recoverycontrolconfig_safety_rule" "at_least_one_on" {
  provider = aws.primary

  name              = "${var.name_prefix}-at-least-one-on"
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.this.arn
  asserted_controls = [for k in sort(tolist(local.region_keys)) : local.routing_control_arns[k]]
  wait_period_ms    = 5000

  rule_config {
    type      = "ATLEAST"
    threshold = 1
    inverted  = false
  }
}

resource "aws_route53recoverycontrolconfig_safety_rule" "not_both_on" {
  provider = aws.primary

  name              = "${var.name_prefix}-not-both-on"
  control_panel_arn = aws_route53recoverycontrolconfig_control_panel.this.arn
  asserted_controls = [for k in sort(tolist(local.region_keys)) : local.routing_control_arns[k]]
  wait_period_ms    = 5000

  rule_config {
    type      = "ATLEAST"
    threshold = 2
    inverted  = true
  }
}

# A RECOVERY_CONTROL health check is healthy exactly while its routing control is On:
# https://docs.aws.amazon.com/r53recovery/latest/dg/routing-control.create.html
# The failover records follow these checks alone. With exactly one control On, exactly one record is
# healthy. An AND with the /health check would let both records be unhealthy (the active region not yet
# the writer during a promotion, or its database down), and Route 53 then answers as if all were
# healthy, that is with PRIMARY, which may be a region returning with stale switches:
# https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-problems.html
# Serving also needs the writer; the region enforces that (the API's stage variable, the processor's
# gate), and the /health checks stay for the probe's view, the validator and alarms.
resource "aws_route53_health_check" "routing_control" {
  for_each = local.region_keys
  provider = aws.primary

  type                = "RECOVERY_CONTROL"
  routing_control_arn = local.routing_control_arns[each.key]

  tags = { Name = "${var.name_prefix}-${local.regions[each.key]}-routing-control" }
}

# A new environment starts with both routing controls Off (ARC's initial state), which the safety rules
# allow but which serves nothing. The first apply turns the primary On through its region-fence
# function's `initialize` action, which changes nothing unless both controls are Off, so a later
# authority (after a failover) is never flipped back. lifecycle_scope CREATE_ONLY invokes only when this
# resource is created; the input is constant, so later applies neither replace nor re-invoke it:
# https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/lambda_invocation
resource "aws_lambda_invocation" "initialize_authority" {
  provider = aws.primary

  function_name   = module.primary.region_fence_function_name
  lifecycle_scope = "CREATE_ONLY"
  input = jsonencode({
    action = "initialize"
    region = local.regions.primary
  })

  # Both controls and the rules that bind them exist before the first state change.
  depends_on = [
    aws_route53recoverycontrolconfig_safety_rule.at_least_one_on,
    aws_route53recoverycontrolconfig_safety_rule.not_both_on,
  ]
}
