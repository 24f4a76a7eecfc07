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
  fqdn              = var.regions[each.key].api_execute_hostname
  port              = 443
  resource_path     = "/${var.regions[each.key].api_stage_name}/health"
  enable_sni        = true
  request_interval  = local.health_check_interval_seconds
  failure_threshold = var.health_check_failure_threshold
  measure_latency   = true

  tags = { Name = "${var.name_prefix}-${var.regions[each.key].region}-health" }
}

# A certificate for the shared API name in each region (API Gateway needs one in its own region).
resource "aws_acm_certificate" "primary" {
  provider = aws.primary

  domain_name       = local.api_fqdn
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate" "secondary" {
  provider = aws.secondary

  domain_name       = local.api_fqdn
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  certificate_validation = {
    primary   = one(aws_acm_certificate.primary.domain_validation_options)
    secondary = one(aws_acm_certificate.secondary.domain_validation_options)
  }
}

# ACM gives the same validation CNAME for the same name in one account, so both regions usually write
# the same record; allow_overwrite lets the second write succeed instead of failing on "already exists".
resource "aws_route53_record" "certificate_validation" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.certificate_validation[each.key].resource_record_name
  type            = local.certificate_validation[each.key].resource_record_type
  records         = [local.certificate_validation[each.key].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "primary" {
  provider = aws.primary

  certificate_arn         = aws_acm_certificate.primary.arn
  validation_record_fqdns = [aws_route53_record.certificate_validation["primary"].fqdn]
}

resource "aws_acm_certificate_validation" "secondary" {
  provider = aws.secondary

  certificate_arn         = aws_acm_certificate.secondary.arn
  validation_record_fqdns = [aws_route53_record.certificate_validation["secondary"].fqdn]
}

resource "aws_api_gateway_domain_name" "primary" {
  provider = aws.primary

  domain_name              = local.api_fqdn
  regional_certificate_arn = aws_acm_certificate_validation.primary.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "secondary" {
  provider = aws.secondary

  domain_name              = local.api_fqdn
  regional_certificate_arn = aws_acm_certificate_validation.secondary.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "primary" {
  provider = aws.primary

  api_id      = var.regions.primary.api_id
  stage_name  = var.regions.primary.api_stage_name
  domain_name = aws_api_gateway_domain_name.primary.domain_name
}

resource "aws_api_gateway_base_path_mapping" "secondary" {
  provider = aws.secondary

  api_id      = var.regions.secondary.api_id
  stage_name  = var.regions.secondary.api_stage_name
  domain_name = aws_api_gateway_domain_name.secondary.domain_name
}

locals {
  custom_domains = {
    primary = {
      name    = aws_api_gateway_domain_name.primary.regional_domain_name
      zone_id = aws_api_gateway_domain_name.primary.regional_zone_id
    }
    secondary = {
      name    = aws_api_gateway_domain_name.secondary.regional_domain_name
      zone_id = aws_api_gateway_domain_name.secondary.regional_zone_id
    }
  }
}

# DNS failover: the PRIMARY record answers while its health check passes, the SECONDARY otherwise. No
# control-plane call moves traffic during recovery; the serving flags the state machine sets make
# /health fail in the fenced region and pass in the activated one.
# evaluate_target_health is false: an API Gateway domain has no health of its own that reflects the
# platform, and the explicit /health check (serving flag + dependencies) is the only signal wanted.
resource "aws_route53_record" "api" {
  for_each = local.region_keys
  provider = aws.primary

  zone_id         = local.zone_id
  name            = local.api_fqdn
  type            = "A"
  set_identifier  = "${var.name_prefix}-${var.regions[each.key].region}"
  health_check_id = aws_route53_health_check.regional[each.key].id

  failover_routing_policy {
    type = upper(each.key)
  }

  alias {
    name                   = local.custom_domains[each.key].name
    zone_id                = local.custom_domains[each.key].zone_id
    evaluate_target_health = false
  }
}
