# Mutual TLS on each region's custom domain (decision 008): the truststore PEM is written into that
# region's own config bucket under a key naming the region, and the domain pins the version written.
# Without a truststore the domain has no mutual TLS (the transition from SigV4).
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

variables {
  truststore_pem = "-----BEGIN CERTIFICATE-----\nMIIBfakeclientCA1\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nMIIBfakeclientCA2\n-----END CERTIFICATE-----\n"
}

run "the_domain_requires_certificates_from_this_regions_truststore" {
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
    client_truststore = {
      bucket_name = "trading-dev-111122223333-config-us-east-2"
      pem         = var.truststore_pem
    }
  }

  override_resource {
    target = aws_s3_object.client_truststore
    values = { version_id = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" }
  }

  assert {
    condition = (
      aws_s3_object.client_truststore[0].bucket == "trading-dev-111122223333-config-us-east-2" &&
      aws_s3_object.client_truststore[0].key == "mtls/us-east-2/client-truststore.pem" &&
      aws_s3_object.client_truststore[0].content == var.truststore_pem &&
      aws_s3_object.client_truststore[0].content_type == "application/x-pem-file"
    )
    error_message = "the truststore goes into this region's config bucket, under a key naming the region, as given"
  }

  assert {
    condition = (
      one(aws_api_gateway_domain_name.api.mutual_tls_authentication).truststore_uri == "s3://trading-dev-111122223333-config-us-east-2/mtls/us-east-2/client-truststore.pem" &&
      one(aws_api_gateway_domain_name.api.mutual_tls_authentication).truststore_version == "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"
    )
    error_message = "the domain requires client certificates from that object, pinned to the version just written"
  }

  assert {
    condition     = output.client_truststore == { uri = "s3://trading-dev-111122223333-config-us-east-2/mtls/us-east-2/client-truststore.pem", version = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" }
    error_message = "the module reports the truststore its domain uses"
  }

  assert {
    condition     = aws_api_gateway_domain_name.api.security_policy == "TLS_1_2" && aws_api_gateway_base_path_mapping.api.api_id == "f6g7h8i9j0"
    error_message = "the domain keeps TLS 1.2 and its mapping to this region's API"
  }
}

run "without_a_truststore_the_domain_has_no_mutual_tls" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  assert {
    condition     = length(aws_s3_object.client_truststore) == 0 && length(aws_api_gateway_domain_name.api.mutual_tls_authentication) == 0
    error_message = "no truststore object and no mutual TLS when client_truststore is null"
  }
}

run "refuses_a_truststore_with_a_private_key" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  variables {
    client_truststore = {
      bucket_name = "trading-dev-111122223333-config-us-east-1"
      pem         = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n"
    }
  }

  expect_failures = [var.client_truststore]
}

run "refuses_a_truststore_without_a_certificate" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  variables {
    client_truststore = {
      bucket_name = "trading-dev-111122223333-config-us-east-1"
      pem         = "not a certificate"
    }
  }

  expect_failures = [var.client_truststore]
}
