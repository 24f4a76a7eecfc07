# POST /trades under mutual TLS (decision 008): no SigV4 authorizer, the request template queues only
# with a client certificate in the active region and carries its subject and issuer as message
# attributes, and a request without a certificate (the execute-api endpoint) gets 403. The default stays
# AWS_IAM until an environment wires its truststore (api.tftest.hcl covers that).
mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  client_authentication = "MUTUAL_TLS"
}

run "mutual_tls_replaces_sigv4_on_post_trades" {
  command = apply

  assert {
    condition     = aws_api_gateway_method.trades_post.authorization == "NONE" && aws_api_gateway_method.trades_post.http_method == "POST"
    error_message = "under MUTUAL_TLS, POST /trades has no SigV4 authorizer (a signature names one region)"
  }

  assert {
    condition     = aws_api_gateway_method.trades_post.request_validator_id == aws_api_gateway_request_validator.body.id
    error_message = "the body is still validated against the trade order model"
  }

  assert {
    condition     = aws_api_gateway_method.health_get.authorization == "NONE" && aws_api_gateway_rest_api.this.disable_execute_api_endpoint == false
    error_message = "GET /health stays open on the execute-api endpoint, which stays enabled for the Route 53 health checks and the primary-probe"
  }
}

run "only_a_request_with_a_client_certificate_in_the_active_region_is_queued" {
  command = apply

  assert {
    condition = aws_api_gateway_integration.trades_post.request_templates["application/json"] == join("", [
      "#if(\"$!context.identity.clientCert.subjectDN\" != \"\" && $stageVariables.active == \"true\")",
      "Action=SendMessage&MessageBody=$util.urlEncode($input.body)",
      "&MessageAttribute.1.Name=clientCertSubjectDN&MessageAttribute.1.Value.DataType=String",
      "&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.identity.clientCert.subjectDN)",
      "&MessageAttribute.2.Name=clientCertIssuerDN&MessageAttribute.2.Value.DataType=String",
      "&MessageAttribute.2.Value.StringValue=$util.urlEncode($context.identity.clientCert.issuerDN)",
      "#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end",
    ])
    error_message = "SendMessage only with a non-empty client certificate subject and active = true, the body unchanged and the subject and issuer as message attributes; otherwise GetQueueAttributes, which queues nothing"
  }

  assert {
    condition = startswith(
      aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"],
      "#if(!(\"$!context.identity.clientCert.subjectDN\" != \"\"))#set($context.responseOverride.status = 403)",
    )
    error_message = "without a client certificate the default response is overridden to 403 before anything else"
  }

  assert {
    condition = (
      strcontains(aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"], "#elseif($stageVariables.active == \"true\"){\"messageId\"") &&
      strcontains(aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"], "#{else}#set($context.responseOverride.status = 503)")
    )
    error_message = "with a certificate, the message ID where active and 503 where not"
  }

  assert {
    condition     = toset(keys(aws_api_gateway_method_response.trades_post)) == toset(["200", "400", "403", "500", "503"])
    error_message = "the method declares the 403 it can answer"
  }

  assert {
    condition = (
      jsondecode(aws_api_gateway_stage.this.access_log_settings[0].format).clientCertSubjectDN == "$context.identity.clientCert.subjectDN" &&
      jsondecode(aws_api_gateway_stage.this.access_log_settings[0].format).clientCertSerialNumber == "$context.identity.clientCert.serialNumber"
    )
    error_message = "the access log records the client certificate's subject and serial number"
  }
}

run "sigv4_remains_the_default_until_the_truststore_is_wired" {
  command = plan

  variables {
    client_authentication = "AWS_IAM"
  }

  assert {
    condition     = aws_api_gateway_method.trades_post.authorization == "AWS_IAM" && !strcontains(aws_api_gateway_integration.trades_post.request_templates["application/json"], "clientCert")
    error_message = "AWS_IAM keeps SigV4 and the template without the certificate gate"
  }
}

run "refuses_an_unknown_authentication" {
  command = plan

  variables {
    client_authentication = "NONE"
  }

  expect_failures = [var.client_authentication]
}
