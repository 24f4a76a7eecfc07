# Regional REST API. POST /trades is validated and sent straight to SQS (no function in the write
# path's front); GET /health invokes the health function. The shared custom domain, its
# certificate, its mutual TLS truststore and the failover records belong to the failover orchestrator.
#
# Clients authenticate with a client certificate checked by mutual TLS on the custom domain, not with
# SigV4: a SigV4 signature names one region and is refused by the other after a failover (decision 008,
# docs/decisions/008-region-independent-client-authentication.md). The switch below moves an
# environment from SigV4 to mutual TLS together with the orchestrator's truststore.

locals {
  api_stage_name = "v1"

  # Draft-04 JSON schema (the dialect API Gateway models use). It mirrors the trade processor's
  # record validation (functions/trade-processor/order.ts), so a body the API accepts is one the
  # processor stores instead of dead-lettering it.
  trade_order_schema = {
    "$schema"            = "http://json-schema.org/draft-04/schema#"
    title                = "TradeOrder"
    type                 = "object"
    additionalProperties = false
    required             = ["orderId", "userId", "symbol", "side", "quantity", "price", "timestamp"]
    properties = {
      orderId  = { type = "string", pattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$" }
      userId   = { type = "string", pattern = "^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$" }
      symbol   = { type = "string", pattern = "^[A-Z][A-Z0-9.-]{0,15}$" }
      side     = { type = "string", enum = ["BUY", "SELL"] }
      quantity = { type = "number", minimum = 0, exclusiveMinimum = true, maximum = 1e12 }
      price    = { type = "number", minimum = 0, exclusiveMinimum = true, maximum = 1e12 }
      # API Gateway ignores "format", so the ISO 8601 shape is a pattern.
      timestamp = { type = "string", pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$" }
    }
  }

  api_access_log_format = jsonencode({
    requestId         = "$context.requestId"
    extendedRequestId = "$context.extendedRequestId"
    requestTime       = "$context.requestTime"
    httpMethod        = "$context.httpMethod"
    resourcePath      = "$context.resourcePath"
    status            = "$context.status"
    protocol          = "$context.protocol"
    responseLength    = "$context.responseLength"
    sourceIp          = "$context.identity.sourceIp"
    caller            = "$context.identity.caller"
    userArn           = "$context.identity.userArn"
    # The mutual TLS identity (present on the custom domain only, and in the log also when the
    # handshake's certificate check fails):
    # https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
    clientCertSubjectDN    = "$context.identity.clientCert.subjectDN"
    clientCertIssuerDN     = "$context.identity.clientCert.issuerDN"
    clientCertSerialNumber = "$context.identity.clientCert.serialNumber"
    integrationStatus      = "$context.integration.status"
    integrationLatency     = "$context.integration.latency"
    errorMessage           = "$context.error.message"
    validationError        = "$context.error.validationErrorString"
    xrayTraceId            = "$context.xrayTraceId"
  })
}

resource "aws_api_gateway_rest_api" "this" {
  name        = "${var.name_prefix}-api"
  description = "Trading API (${local.region}): POST /trades to the trade-orders queue, GET /health"

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  # Stays enabled: the Route 53 health checks and the primary-probe reach GET /v1/health on the
  # execute-api host name without a certificate (modules/failover-orchestrator/dns.tf, triggers.tf),
  # and health checkers cannot present one. POST /trades is closed there by its request template,
  # which queues nothing without a client certificate (below). AWS's advice to disable it for mTLS:
  # https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html
  disable_execute_api_endpoint = false
}

resource "aws_api_gateway_resource" "trades" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "trades"
}

resource "aws_api_gateway_resource" "health" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "health"
}

resource "aws_api_gateway_model" "trade_order" {
  rest_api_id  = aws_api_gateway_rest_api.this.id
  name         = "TradeOrder"
  description  = "A trade order as the trade processor accepts it"
  content_type = "application/json"
  schema       = jsonencode(local.trade_order_schema)
}

resource "aws_api_gateway_request_validator" "body" {
  rest_api_id           = aws_api_gateway_rest_api.this.id
  name                  = "body"
  validate_request_body = true
}

# A body that fails the model gets 400 with the validator's reason; nothing reaches the queue.
resource "aws_api_gateway_gateway_response" "bad_request_body" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = "BAD_REQUEST_BODY"
  status_code   = "400"

  response_templates = {
    "application/json" = "{\"message\": \"Invalid trade order: $context.error.validationErrorString\", \"requestId\": \"$context.requestId\"}"
  }
}

# --- POST /trades -> SQS SendMessage --------------------------------------------------------------

resource "aws_api_gateway_method" "trades_post" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_resource.trades.id
  http_method = "POST"
  # MUTUAL_TLS: the client certificate is the identity (mutual TLS on the custom domain), checked again
  # by the request template. No AWS_IAM second factor: its SigV4 check is what fails in the other region
  # after a failover (decision 008).
  authorization        = local.mutual_tls ? "NONE" : "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models       = { "application/json" = aws_api_gateway_model.trade_order.name }
}

resource "aws_api_gateway_integration" "trades_post" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_resource.trades.id
  http_method             = aws_api_gateway_method.trades_post.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  # SQS query-API path of this region's queue, path/<account>/<name>; the account comes from the
  # queue's own ARN (arn:aws:sqs:<region>:<account>:<name>).
  uri         = "arn:${local.partition}:apigateway:${local.region}:sqs:path/${split(":", aws_sqs_queue.trade_orders.arn)[4]}/${aws_sqs_queue.trade_orders.name}"
  credentials = aws_iam_role.api_queue.arn
  # Only application/json has a template; any other content type is refused (415) rather than
  # forwarded unvalidated.
  passthrough_behavior = "NEVER"

  request_parameters = {
    "integration.request.header.Content-Type" = "'application/x-www-form-urlencoded'"
  }

  # Only a request with a client certificate, in the active region, queues an order: the certificate's
  # subject must be non-empty (mutual TLS on the custom domain; "$!" renders a missing one as "", as on
  # the execute-api endpoint) and the stage variable `active` (the local mirror of the ARC authority,
  # written by region-fence) must be "true". Then SendMessage carries the body unchanged and the
  # certificate's subject and issuer as message attributes; otherwise a harmless GetQueueAttributes that
  # queues nothing, and the integration response answers 403 or 503. One line: VTL keeps the whitespace
  # between directives, and it would become part of the form body.
  # https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
  # https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
  request_templates = {
    "application/json" = local.mutual_tls ? local.trades_post_request_template_mtls : local.trades_post_request_template_iam
  }
}

locals {
  mutual_tls = var.client_authentication == "MUTUAL_TLS"

  # The guard SEC015 (plan-lint) looks for: a method without an authorizer must gate its queue write
  # on the client certificate.
  client_cert_present              = "\"$!context.identity.clientCert.subjectDN\" != \"\""
  trades_post_request_template_iam = "#if($stageVariables.active == \"true\")Action=SendMessage&MessageBody=$util.urlEncode($input.body)#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end"
  trades_post_request_template_mtls = join("", [
    "#if(${local.client_cert_present} && $stageVariables.active == \"true\")",
    "Action=SendMessage&MessageBody=$util.urlEncode($input.body)",
    "&MessageAttribute.1.Name=clientCertSubjectDN&MessageAttribute.1.Value.DataType=String",
    "&MessageAttribute.1.Value.StringValue=$util.urlEncode($context.identity.clientCert.subjectDN)",
    "&MessageAttribute.2.Name=clientCertIssuerDN&MessageAttribute.2.Value.DataType=String",
    "&MessageAttribute.2.Value.StringValue=$util.urlEncode($context.identity.clientCert.issuerDN)",
    "#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end",
  ])
}

locals {
  # The default (2xx) integration response: 403 without a client certificate (nothing was queued; the
  # caller used the execute-api endpoint or no certificate reached the template); the message ID when
  # the order was queued; otherwise the region is not active, so the status is overridden to 503 and
  # the client is told to resolve the name again (Route 53 answers with the active region):
  # https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
  trades_post_no_certificate_body = jsonencode({
    message = "A client certificate is required: call https://<the shared API name>/trades with mutual TLS."
  })
  trades_post_not_active_body = jsonencode({
    message = "${local.region} is not the active region; retry, resolving the name again"
    region  = local.region
  })
  trades_post_default_template = join("", [
    local.mutual_tls ? "#if(!(${local.client_cert_present}))#set($context.responseOverride.status = 403)${local.trades_post_no_certificate_body}#elseif" : "#if",
    "($stageVariables.active == \"true\")",
    "{\"messageId\": \"$input.path('$.SendMessageResponse.SendMessageResult.MessageId')\"}",
    "#{else}#set($context.responseOverride.status = 503)",
    local.trades_post_not_active_body,
    "#end",
  ])
}

resource "aws_api_gateway_method_response" "trades_post" {
  for_each = toset(concat(["200", "400", "500", "503"], local.mutual_tls ? ["403"] : []))

  rest_api_id     = aws_api_gateway_rest_api.this.id
  resource_id     = aws_api_gateway_resource.trades.id
  http_method     = aws_api_gateway_method.trades_post.http_method
  status_code     = each.key
  response_models = { "application/json" = "Empty" }
}

resource "aws_api_gateway_integration_response" "trades_post" {
  # For AWS integrations the selection pattern matches the service's HTTP status; "" is the default.
  for_each = {
    "200" = { pattern = "", template = local.trades_post_default_template }
    "400" = { pattern = "4\\d{2}", template = "{\"message\": \"The queue rejected the order.\", \"requestId\": \"$context.requestId\"}" }
    "500" = { pattern = "5\\d{2}", template = "{\"message\": \"The order could not be queued; retry.\", \"requestId\": \"$context.requestId\"}" }
  }

  rest_api_id        = aws_api_gateway_rest_api.this.id
  resource_id        = aws_api_gateway_resource.trades.id
  http_method        = aws_api_gateway_method.trades_post.http_method
  status_code        = aws_api_gateway_method_response.trades_post[each.key].status_code
  selection_pattern  = each.value.pattern == "" ? null : each.value.pattern
  response_templates = { "application/json" = each.value.template }

  depends_on = [aws_api_gateway_integration.trades_post]
}

# --- GET /health -> health function ---------------------------------------------------------------

resource "aws_api_gateway_method" "health_get" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_resource.health.id
  http_method = "GET"
  # Unauthenticated on purpose: Route 53 health checkers cannot sign requests, and the response
  # reveals only readiness (status, region and named checks), never data.
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "health_get" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_resource.health.id
  http_method             = aws_api_gateway_method.health_get.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_function.health.invoke_arn
}

resource "aws_lambda_permission" "health_api" {
  statement_id  = "AllowApiGatewayHealth"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.health.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/${local.api_stage_name}/GET/health"
}

# --- Deployment and stage -------------------------------------------------------------------------

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "Trading API ${local.region}"

  # Any change to the API's shape creates a new deployment; the stage then moves to it.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.trades,
      aws_api_gateway_resource.health,
      aws_api_gateway_model.trade_order,
      aws_api_gateway_request_validator.body,
      aws_api_gateway_gateway_response.bad_request_body,
      aws_api_gateway_method.trades_post,
      aws_api_gateway_integration.trades_post,
      aws_api_gateway_method_response.trades_post,
      aws_api_gateway_integration_response.trades_post,
      aws_api_gateway_method.health_get,
      aws_api_gateway_integration.health_get,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name_prefix}-api/access"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

# API Gateway writes execution logs to this fixed name; creating it first gives it retention and
# the CMK instead of a never-expiring unencrypted group.
resource "aws_cloudwatch_log_group" "api_execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${local.api_stage_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = local.api_stage_name
  xray_tracing_enabled = true

  # The local mirror of the active-region authority that the POST /trades templates read. Off in both
  # regions at creation: region-fence's minute sync turns it on in the region the authority names (and
  # whose cluster is the writer) within a minute.
  variables = {
    active = "false"
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = local.api_access_log_format
  }

  # Stage logging needs the account's CloudWatch role in this region.
  depends_on = [aws_api_gateway_account.this]

  lifecycle {
    # The region-fence function owns `active` (UpdateStage, patch /variables/active) and changes it with
    # the authority; an apply must not put back the creation value and switch the active region off.
    ignore_changes = [variables]
  }
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = "ERROR"
    data_trace_enabled     = false
    throttling_rate_limit  = var.api_throttle.rate_limit
    throttling_burst_limit = var.api_throttle.burst_limit
  }

  depends_on = [aws_cloudwatch_log_group.api_execution]
}

# The CloudWatch role is an account setting of API Gateway in each region, not a property of one
# API. Each regional stack sets it for its own region (it is required for the access and execution
# logs above). Environments that share an account and region share this setting: the role allows
# every API Gateway log group in the region, so whichever environment applied last serves all.
resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.api_cloudwatch.arn
}
