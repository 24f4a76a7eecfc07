resource "aws_route53_zone" "this" {
  count    = var.hosted_zone_id == null ? 1 : 0
  provider = aws.primary

  name    = var.zone_name
  comment = "${var.name_prefix} shared API name"
}

locals {
  zone_id = var.hosted_zone_id == null ? aws_route53_zone.this[0].zone_id : var.hosted_zone_id
}

# Each region's own /health on its regional execute-api hostname, never the shared name: a check on the
# failover name would follow DNS to whichever region is answering and could never fail the primary.
resource "aws_route53_health_check" "regional" {
  for_each = local.region_keys
  provider = aws.primary

  type              = "HTTPS"
  fqdn              = var.regional_stacks[each.key].api_execute_hostname
  port              = 443
  resource_path     = "/${var.regional_stacks[each.key].api_stage_name}/health"
  enable_sni        = true
  request_interval  = local.health_check_interval_seconds
  failure_threshold = var.health_check_failure_threshold
  measure_latency   = true

  tags = { Name = "${var.name_prefix}-${local.regions[each.key]}-health" }
}

# Each region's certificate, its validation and the regional custom domain live in that region's
# module (modules/region); the validation records belong to the zone, so they are written here.

# ACM gives the same validation CNAME for the same name in one account, so both regions usually write
# the same record; allow_overwrite lets the second write succeed instead of failing on "already exists".
resource "aws_route53_record" "certificate_validation" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.certificate_validation[each.key].name
  type            = local.certificate_validation[each.key].type
  records         = [local.certificate_validation[each.key].value]
  ttl             = 300
  allow_overwrite = true
}

# DNS failover: the PRIMARY record answers while the primary's routing control is On (its RECOVERY_CONTROL
# check; recovery-control.tf says why not also /health), the SECONDARY while the secondary's is. No
# Route 53 control-plane call moves traffic during recovery: the state machine changes routing control
# states through the ARC data plane, and Route 53 follows them.
# evaluate_target_health is false: an API Gateway domain has no health of its own that reflects the
# platform; the routing control is the only signal wanted.
resource "aws_route53_record" "api" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.api_fqdn
  type            = "A"
  set_identifier  = "${var.name_prefix}-${local.regions[each.key]}"
  health_check_id = aws_route53_health_check.routing_control[each.key].id

  failover_routing_policy {
    type = upper(each.key)
  }

  alias {
    name                   = local.custom_domains[each.key].name
    zone_id                = local.custom_domains[each.key].zone_id
    evaluate_target_health = false
  }
}

locals {
  # Written in both regions (modules/region) for the failover-validator (HEALTH_CHECK_IDS_PARAMETER).
  health_check_ids_parameter = {
    name = "${var.ssm_prefix}/health-check-ids"
    value = jsonencode({
      for k in local.region_keys : local.regions[k] => aws_route53_health_check.regional[k].id
    })
  }
}

# Route 53's view of each region, for the primary-probe in the other region (the automatic trigger's
# canary in the secondary, and every state machine's preflight of a failover): a TXT failover pair whose
# PRIMARY record ("healthy") carries that region's HTTPS /health check and whose SECONDARY record
# ("unhealthy") carries none, so it answers whenever Route 53's health checkers, from their several
# regions, see that region fail. Reading it is a DNS query (data plane), a vantage point outside both
# regions. A SECONDARY record without a health check is always considered healthy:
# https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html
# The short TTL bounds how long a resolver keeps a stale answer.
locals {
  primary_view_name = "primary-view.${local.api_fqdn}"
  region_view_names = {
    primary   = local.primary_view_name
    secondary = "secondary-view.${local.api_fqdn}"
  }
  primary_view_answer = {
    primary   = "healthy"
    secondary = "unhealthy"
  }
}

resource "aws_route53_record" "primary_view" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.primary_view_name
  type            = "TXT"
  ttl             = 10
  records         = [local.primary_view_answer[each.key]]
  set_identifier  = "${var.name_prefix}-primary-view-${each.key}"
  health_check_id = each.key == "primary" ? aws_route53_health_check.regional["primary"].id : null

  failover_routing_policy {
    type = upper(each.key)
  }
}

# The same pair for the secondary region (its /health check on the PRIMARY record).
resource "aws_route53_record" "secondary_view" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.region_view_names.secondary
  type            = "TXT"
  ttl             = 10
  records         = [local.primary_view_answer[each.key]]
  set_identifier  = "${var.name_prefix}-secondary-view-${each.key}"
  health_check_id = each.key == "primary" ? aws_route53_health_check.regional["secondary"].id : null

  failover_routing_policy {
    type = upper(each.key)
  }
}
