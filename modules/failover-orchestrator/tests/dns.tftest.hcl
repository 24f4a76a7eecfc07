# DNS failover: a health check on each region's own /health, one PRIMARY and one SECONDARY alias record
# each carrying its region's check and pointing at its region's custom domain, the zone created or
# reused, and the health-check-ids parameter for the validator.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "health_checks_probe_each_regional_endpoint_every_10_seconds" {
  command = plan

  assert {
    condition     = length(aws_route53_health_check.regional) == 2
    error_message = "one health check per region"
  }

  assert {
    condition = alltrue([
      for k, hc in aws_route53_health_check.regional :
      hc.type == "HTTPS" && hc.port == 443 && hc.request_interval == 10 && hc.failure_threshold == 3 && hc.measure_latency
    ])
    error_message = "health checks must be HTTPS on 443, every 10 s, threshold 3 by default, measuring latency"
  }

  assert {
    condition = (
      aws_route53_health_check.regional["primary"].fqdn == "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com" &&
      aws_route53_health_check.regional["secondary"].fqdn == "f6g7h8i9j0.execute-api.us-east-2.amazonaws.com" &&
      aws_route53_health_check.regional["primary"].resource_path == "/v1/health"
    )
    error_message = "each health check must probe its own region's execute-api hostname at /<stage>/health, never the failover name"
  }
}

run "failover_records_pair_a_health_check_with_each_regional_domain" {
  command = apply

  assert {
    condition = (
      one(aws_route53_record.api["primary"].failover_routing_policy).type == "PRIMARY" &&
      one(aws_route53_record.api["secondary"].failover_routing_policy).type == "SECONDARY"
    )
    error_message = "one PRIMARY and one SECONDARY failover record"
  }

  assert {
    condition = alltrue([
      for k, r in aws_route53_record.api :
      r.name == "api.dev.trading.example.com" && r.type == "A" && r.health_check_id == aws_route53_health_check.routing_control[k].id
    ])
    error_message = "each failover record must be an A record for the API name carrying its own region's routing control check"
  }

  assert {
    condition = (
      one(aws_route53_record.api["primary"].alias).name == "d-primary.execute-api.us-east-1.amazonaws.com" &&
      one(aws_route53_record.api["secondary"].alias).name == "d-secondary.execute-api.us-east-2.amazonaws.com" &&
      one(aws_route53_record.api["secondary"].alias).zone_id == "ZOJJZC49E0EPZ"
    )
    error_message = "each failover record must alias its own region's custom domain"
  }

  assert {
    condition = (
      module.primary.custom_domain.api_id == "a1b2c3d4e5" &&
      module.secondary.custom_domain.api_id == "f6g7h8i9j0" && module.secondary.custom_domain.stage_name == "v1"
    )
    error_message = "each region's custom domain must map to its own region's API and stage"
  }

  assert {
    condition = (
      aws_route53_record.certificate_validation["secondary"].name == "_x1.api.dev.trading.example.com." &&
      aws_route53_record.certificate_validation["secondary"].type == "CNAME" &&
      aws_route53_record.certificate_validation["secondary"].records == toset(["_x2.acm-validations.aws."])
    )
    error_message = "each region's certificate must be validated by a record in the zone"
  }

  assert {
    condition = (
      jsondecode(module.secondary.health_check_ids_parameter.value)["us-east-1"] == aws_route53_health_check.regional["primary"].id &&
      module.primary.health_check_ids_parameter == module.secondary.health_check_ids_parameter &&
      module.primary.health_check_ids_parameter.name == output.health_check_ids_parameter
    )
    error_message = "the health-check-ids parameter must map region names to health check IDs, the same in both regions"
  }
}

run "regional_custom_domain_with_tls_1_2" {
  command = apply

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.secondary
  }

  variables {
    region      = "us-east-2"
    peer_region = "us-east-1"
    kms_key_arn = "arn:aws:kms:us-east-2:111122223333:key/mrk-00000000000000000000000000000003"
    event_forwarding = {
      peer_bus_arn              = "arn:aws:events:us-east-1:111122223333:event-bus/default"
      role_arn                  = "arn:aws:iam::111122223333:role/trading-dev-us-east-2-event-forwarder"
      other_dead_letter_sources = []
    }
    api = {
      fqdn       = "api.dev.trading.example.com"
      id         = "f6g7h8i9j0"
      stage_name = "v1"
    }
  }

  assert {
    condition = (
      aws_api_gateway_domain_name.api.security_policy == "TLS_1_2" &&
      one(aws_api_gateway_domain_name.api.endpoint_configuration).types == tolist(["REGIONAL"]) &&
      aws_api_gateway_domain_name.api.domain_name == "api.dev.trading.example.com"
    )
    error_message = "a regional custom domain for the shared API name with TLS 1.2"
  }

  assert {
    condition     = aws_api_gateway_base_path_mapping.api.api_id == "f6g7h8i9j0" && aws_api_gateway_base_path_mapping.api.stage_name == "v1"
    error_message = "the custom domain must map to this region's API and stage"
  }

  assert {
    condition = (
      aws_acm_certificate.api.domain_name == "api.dev.trading.example.com" && aws_acm_certificate.api.validation_method == "DNS" &&
      aws_acm_certificate_validation.api.validation_record_fqdns == toset(["_x1.api.dev.trading.example.com"]) &&
      aws_api_gateway_domain_name.api.regional_certificate_arn == aws_acm_certificate_validation.api.certificate_arn
    )
    error_message = "the domain must use this region's DNS-validated certificate"
  }

  assert {
    condition     = aws_ssm_parameter.health_check_ids.name == "/trading/dev/health-check-ids" && jsondecode(aws_ssm_parameter.health_check_ids.value)["us-east-2"] == "hc-secondary"
    error_message = "the health-check-ids parameter is written as given"
  }
}

run "creates_the_zone_when_none_is_given" {
  command = plan

  assert {
    condition     = length(aws_route53_zone.this) == 1 && aws_route53_zone.this[0].name == "dev.trading.example.com"
    error_message = "the module must create the hosted zone when hosted_zone_id is null"
  }
}

run "uses_an_existing_zone" {
  command = plan

  variables {
    hosted_zone_id = "Z0123456789ABCDEFGHIJ"
  }

  assert {
    condition     = length(aws_route53_zone.this) == 0 && output.hosted_zone_id == "Z0123456789ABCDEFGHIJ" && aws_route53_record.api["primary"].zone_id == "Z0123456789ABCDEFGHIJ"
    error_message = "an existing zone id must be used as is, with no zone created"
  }
}
