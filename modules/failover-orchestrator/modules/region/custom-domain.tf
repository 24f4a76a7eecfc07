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

locals {
  # The region in the key: the config buckets replicate both ways, so each region's copy arrives in the
  # other bucket too; distinct keys keep the replica from becoming the newest version of the object this
  # region's domain pins (decision 008).
  client_truststore_key = "mtls/${var.region}/client-truststore.pem"
}

# The truststore, in this region's config bucket: versioned, so the domain pins the version written
# here and a rotation is a new version. No kms_key_id: the bucket's default SSE-KMS key applies, the only
# one its policy allows (decision 007).
resource "aws_s3_object" "client_truststore" {
  count = var.client_truststore == null ? 0 : 1

  bucket       = var.client_truststore.bucket_name
  key          = local.client_truststore_key
  content      = var.client_truststore.pem
  content_type = "application/x-pem-file"
}

# Mutual TLS on the regional custom domain: the handshake requires a client certificate that chains to
# the truststore (https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html;
# truststoreUri and truststoreVersion:
# https://docs.aws.amazon.com/apigateway/latest/api/API_MutualTlsAuthenticationInput.html). Route 53's
# health checks do not use this domain: they probe the execute-api host name (../../dns.tf), which has
# no mutual TLS, because health checkers cannot present a certificate.
resource "aws_api_gateway_domain_name" "api" {
  domain_name              = var.api.fqdn
  regional_certificate_arn = aws_acm_certificate_validation.api.certificate_arn
  security_policy          = "TLS_1_2"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  dynamic "mutual_tls_authentication" {
    for_each = aws_s3_object.client_truststore
    content {
      truststore_uri     = "s3://${mutual_tls_authentication.value.bucket}/${mutual_tls_authentication.value.key}"
      truststore_version = mutual_tls_authentication.value.version_id
    }
  }
}

resource "aws_api_gateway_base_path_mapping" "api" {
  api_id      = var.api.id
  stage_name  = var.api.stage_name
  domain_name = aws_api_gateway_domain_name.api.domain_name
}
