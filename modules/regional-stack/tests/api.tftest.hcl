# POST /trades: IAM-signed, validated, straight into SQS. GET /health: the health function.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "trades_route_sends_to_sqs" {
  command = apply

  assert {
    condition     = aws_api_gateway_rest_api.this.endpoint_configuration[0].types == tolist(["REGIONAL"])
    error_message = "the API must be regional (Route 53 fails over between regional endpoints)"
  }

  assert {
    condition     = aws_api_gateway_method.trades_post.http_method == "POST" && aws_api_gateway_method.trades_post.authorization == "AWS_IAM"
    error_message = "POST /trades must require SigV4 (AWS_IAM)"
  }

  assert {
    condition     = aws_api_gateway_method.trades_post.request_validator_id == aws_api_gateway_request_validator.body.id && aws_api_gateway_request_validator.body.validate_request_body
    error_message = "POST /trades must validate the body before anything is queued"
  }

  assert {
    condition     = aws_api_gateway_method.trades_post.request_models["application/json"] == aws_api_gateway_model.trade_order.name
    error_message = "the body must be validated against the TradeOrder model"
  }

  assert {
    condition = (
      jsondecode(aws_api_gateway_model.trade_order.schema).additionalProperties == false &&
      toset(jsondecode(aws_api_gateway_model.trade_order.schema).required) == toset(["orderId", "userId", "symbol", "side", "quantity", "price", "timestamp"]) &&
      jsondecode(aws_api_gateway_model.trade_order.schema).properties.side.enum == ["BUY", "SELL"] &&
      jsondecode(aws_api_gateway_model.trade_order.schema).properties.quantity.exclusiveMinimum &&
      jsondecode(aws_api_gateway_model.trade_order.schema).properties.price.exclusiveMinimum
    )
    error_message = "the model must require every field, allow no others, restrict side and require positive quantity and price"
  }

  assert {
    condition     = aws_api_gateway_integration.trades_post.type == "AWS" && aws_api_gateway_integration.trades_post.integration_http_method == "POST"
    error_message = "POST /trades must be an AWS service integration (no function in front)"
  }

  assert {
    condition     = aws_api_gateway_integration.trades_post.uri == "arn:aws:apigateway:us-east-1:sqs:path/111122223333/${aws_sqs_queue.trade_orders.name}"
    error_message = "the integration must target this region's trade queue by account and name"
  }

  assert {
    condition     = aws_api_gateway_integration.trades_post.credentials == aws_iam_role.api_queue.arn
    error_message = "the integration must assume the send-only role"
  }

  assert {
    condition     = aws_api_gateway_integration.trades_post.request_templates["application/json"] == "#if($stageVariables.active == \"true\")Action=SendMessage&MessageBody=$util.urlEncode($input.body)#{else}Action=GetQueueAttributes&AttributeName.1=QueueArn#end" && aws_api_gateway_integration.trades_post.request_parameters["integration.request.header.Content-Type"] == "'application/x-www-form-urlencoded'"
    error_message = "the integration must form-encode SendMessage with the validated body only where the stage variable active is true, and otherwise a GetQueueAttributes that queues nothing"
  }

  assert {
    condition     = aws_api_gateway_integration.trades_post.passthrough_behavior == "NEVER"
    error_message = "bodies of other content types must be refused, not passed to SQS unvalidated"
  }

  assert {
    condition     = toset(keys(aws_api_gateway_method_response.trades_post)) == toset(["200", "400", "500", "503"]) && aws_api_gateway_integration_response.trades_post["200"].selection_pattern == null && aws_api_gateway_integration_response.trades_post["400"].selection_pattern == "4\\d{2}" && aws_api_gateway_integration_response.trades_post["500"].selection_pattern == "5\\d{2}"
    error_message = "SQS success maps to 200 and SQS 4xx/5xx to 400/500"
  }

  assert {
    condition     = strcontains(aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"], "SendMessageResult.MessageId")
    error_message = "a queued order must answer with its SQS MessageId"
  }

  assert {
    condition     = aws_api_gateway_gateway_response.bad_request_body.status_code == "400" && strcontains(aws_api_gateway_gateway_response.bad_request_body.response_templates["application/json"], "validationErrorString")
    error_message = "a body that fails validation must get 400 with the reason"
  }
}

run "health_route_invokes_the_function" {
  command = apply

  assert {
    condition     = aws_api_gateway_method.health_get.http_method == "GET" && aws_api_gateway_method.health_get.authorization == "NONE"
    error_message = "GET /health is unauthenticated so Route 53 health checkers can call it"
  }

  assert {
    condition     = aws_api_gateway_integration.health_get.type == "AWS_PROXY" && aws_api_gateway_integration.health_get.uri == aws_lambda_function.health.invoke_arn
    error_message = "GET /health must proxy to the health function (never a MOCK)"
  }

  assert {
    condition     = aws_lambda_permission.health_api.principal == "apigateway.amazonaws.com" && aws_lambda_permission.health_api.source_arn == "${aws_api_gateway_rest_api.this.execution_arn}/v1/GET/health"
    error_message = "only this API's GET /health on the v1 stage may invoke the health function"
  }
}

run "stage_logs_traces_and_throttles" {
  command = apply

  variables {
    api_throttle = { rate_limit = 50, burst_limit = 75 }
  }

  assert {
    condition     = aws_api_gateway_stage.this.xray_tracing_enabled && aws_api_gateway_stage.this.deployment_id == aws_api_gateway_deployment.this.id
    error_message = "the stage must trace with X-Ray and serve the current deployment"
  }

  assert {
    condition     = aws_api_gateway_stage.this.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.api_access.arn && can(jsondecode(aws_api_gateway_stage.this.access_log_settings[0].format).requestId)
    error_message = "access logs must go to the module's log group in JSON"
  }

  assert {
    condition     = alltrue([for g in [aws_cloudwatch_log_group.api_access, aws_cloudwatch_log_group.api_execution] : g.kms_key_id == var.kms_key_arns.logs && g.retention_in_days == var.log_retention_days])
    error_message = "API log groups must use the logs key and expire"
  }

  assert {
    condition     = aws_cloudwatch_log_group.api_execution.name == "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/v1"
    error_message = "the execution log group must have the exact name API Gateway writes to"
  }

  assert {
    condition = (
      aws_api_gateway_method_settings.all.method_path == "*/*" &&
      aws_api_gateway_method_settings.all.settings[0].metrics_enabled &&
      aws_api_gateway_method_settings.all.settings[0].throttling_rate_limit == 50 &&
      aws_api_gateway_method_settings.all.settings[0].throttling_burst_limit == 75
    )
    error_message = "every method must publish metrics and be throttled with the configured limits"
  }

  assert {
    condition     = aws_api_gateway_account.this.cloudwatch_role_arn == aws_iam_role.api_cloudwatch.arn
    error_message = "the region's API Gateway account setting must name the CloudWatch role"
  }

  assert {
    condition     = length(aws_api_gateway_deployment.this.triggers.redeployment) == 40
    error_message = "the deployment must carry a hash of the API's shape so changes redeploy"
  }

  assert {
    condition     = output.api_execute_hostname == "${aws_api_gateway_rest_api.this.id}.execute-api.us-east-1.amazonaws.com" && output.api_stage_name == "v1"
    error_message = "the execute-api host name must be <api_id>.execute-api.<region>.amazonaws.com"
  }

  assert {
    condition     = aws_ssm_parameter.api_endpoint.name == "/trading/dev/us-east-1/api-endpoint" && aws_ssm_parameter.api_endpoint.value == aws_api_gateway_stage.this.invoke_url
    error_message = "the stage URL must be published under this region's prefix"
  }
}

run "inactive_region_answers_503_and_queues_nothing" {
  command = apply

  assert {
    condition     = aws_api_gateway_stage.this.variables == tomap({ active = "false" })
    error_message = "the stage variable active starts false (region-fence's sync turns the active region on)"
  }

  assert {
    condition = (
      strcontains(aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"], "#{else}#set($context.responseOverride.status = 503)") &&
      strcontains(aws_api_gateway_integration_response.trades_post["200"].response_templates["application/json"], jsonencode({ message = "us-east-1 is not the active region; retry, resolving the name again", region = "us-east-1" }))
    )
    error_message = "where active is not true the default response is overridden to 503, naming the region and telling the client to resolve the name again"
  }

  assert {
    condition     = contains(flatten([for st in data.aws_iam_policy_document.api_queue.statement : tolist(st.actions)]), "sqs:GetQueueAttributes")
    error_message = "the API role may call GetQueueAttributes, the not-active branch"
  }

  assert {
    condition = (
      aws_lambda_function.trade_processor.environment[0].variables.SERVING_PARAMETER == aws_ssm_parameter.serving.name &&
      aws_lambda_function.trade_processor.environment[0].variables.MAX_ORDER_AGE_SECONDS == "60"
    )
    error_message = "the trade processor reads its region's serving flag and the maximum order age"
  }
}
