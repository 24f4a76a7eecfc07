# The regional custom domain for the shared API name: API Gateway needs a certificate in its own
# region. The validation record goes into the zone, which the orchestrator owns (Route 53 is global);
# it reads certificate_validation and passes the record's FQDN back.
resource "aws_acm_certificate" "api" {
  domain_name       = var.api.fqdn
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_acm_certificate_validation" "api" {
  certificate_arn         = aws_acm_certificate.api.arn
  validation_record_fqdns = var.certificate_validation_record_fqdns
}

resource "aws_api_gateway_domain_name" "api" {
  domain_name              = var.api.fqdn
  regional_certificate_arn = aws_acm_certificate_validation.api.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "api" {
  api_id      = var.api.id
  stage_name  = var.api.stage_name
  domain_name = aws_api_gateway_domain_name.api.domain_name
}
