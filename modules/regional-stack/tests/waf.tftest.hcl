# The web ACL in front of the API stage (waf.tf): a per-address rate rule that answers 429 (threat 3:
# throttling must never read as "down"), AWS managed rules with the one rule that refuses valid orders
# counted, and logs to an aws-waf-logs- group without credentials.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "rate_rule_answers_429_per_client_address_on_every_path" {
  command = apply

  variables {
    waf_rate_limit = 1200
  }

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "REGIONAL" && length(one(aws_wafv2_web_acl.this.default_action).allow) == 1
    error_message = "the web ACL is regional and lets through what no rule blocks"
  }

  assert {
    condition = (
      one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).priority == 0
      && one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).statement).rate_based_statement).limit == 1200
      && one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).statement).rate_based_statement).aggregate_key_type == "IP"
      && one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).statement).rate_based_statement).evaluation_window_sec == 300
      && length(one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).statement).rate_based_statement).scope_down_statement) == 0
    )
    error_message = "the first rule must limit each client IP to waf_rate_limit requests per 5 minutes, on every path (no scope-down that would exempt /health)"
  }

  assert {
    condition = (
      one(one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).action).block).custom_response).response_code == 429
      && one(one(one(one([for r in aws_wafv2_web_acl.this.rule : r if r.name == "rate-per-client-ip"]).action).block).custom_response).custom_response_body_key == "rate_limited"
    )
    error_message = "the rate rule must block with 429 (the probe counts 429 as not down), not WAF's default 403"
  }

  assert {
    condition = length([for b in aws_wafv2_web_acl.this.custom_response_body : b if b.key == "rate_limited"
      && b.content_type == "APPLICATION_JSON"
      && can(jsondecode(b.content).message)
    ]) == 1
    error_message = "the 429 carries a JSON body, as every other answer of the API"
  }

  assert {
    condition     = aws_wafv2_web_acl_association.api.resource_arn == aws_api_gateway_stage.this.arn && aws_wafv2_web_acl_association.api.web_acl_arn == aws_wafv2_web_acl.this.arn
    error_message = "the web ACL must be associated with this region's API stage"
  }
}

run "managed_rule_groups_count_only_what_refuses_valid_orders" {
  command = apply

  assert {
    condition = { for r in aws_wafv2_web_acl.this.rule : r.name => r.priority if r.name != "rate-per-client-ip" } == {
      AWSManagedRulesAmazonIpReputationList = 1
      AWSManagedRulesKnownBadInputsRuleSet  = 2
      AWSManagedRulesCommonRuleSet          = 3
    }
    error_message = "the IP reputation list, known bad inputs and the core rule set run after the rate rule, in that order"
  }

  assert {
    condition = alltrue([for r in aws_wafv2_web_acl.this.rule :
      one(one(r.statement).managed_rule_group_statement).vendor_name == "AWS"
      && one(one(r.statement).managed_rule_group_statement).name == r.name
      && length(one(r.override_action).none) == 1
      if r.name != "rate-per-client-ip"
    ])
    error_message = "each managed group is AWS's, with its own actions in force (override none, never count for a whole group)"
  }

  assert {
    condition = {
      for r in aws_wafv2_web_acl.this.rule : r.name => [for o in one(one(r.statement).managed_rule_group_statement).rule_action_override : o.name if length(one(o.action_to_use).count) == 1]
      if r.name != "rate-per-client-ip"
      } == {
      AWSManagedRulesAmazonIpReputationList = []
      AWSManagedRulesKnownBadInputsRuleSet  = []
      AWSManagedRulesCommonRuleSet          = ["NoUserAgent_HEADER"]
    }
    error_message = "only the core rule set's NoUserAgent_HEADER is counted (the reference client sends no User-Agent); every other managed rule blocks"
  }
}

run "logs_to_an_encrypted_aws_waf_logs_group_without_credentials" {
  command = apply

  variables {
    log_retention_days = 90
  }

  assert {
    condition     = startswith(aws_cloudwatch_log_group.waf.name, "aws-waf-logs-") && aws_cloudwatch_log_group.waf.retention_in_days == 90 && aws_cloudwatch_log_group.waf.kms_key_id == var.kms_key_arns.logs
    error_message = "WAF logs only to a group named aws-waf-logs-..., kept log_retention_days and encrypted with the logs key"
  }

  assert {
    condition     = aws_wafv2_web_acl_logging_configuration.this.resource_arn == aws_wafv2_web_acl.this.arn && aws_wafv2_web_acl_logging_configuration.this.log_destination_configs == toset([aws_cloudwatch_log_group.waf.arn])
    error_message = "the web ACL logs to that group"
  }

  assert {
    condition = (
      toset([for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : one(f.single_header).name]) == toset(["authorization", "x-amz-security-token"])
      && alltrue([for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : length(f.method) == 0 && length(f.uri_path) == 0 && length(f.query_string) == 0])
    )
    error_message = "only the credential headers are redacted: address, method, URI and the other headers stay for investigation"
  }

  assert {
    condition     = length(aws_wafv2_web_acl_logging_configuration.this.logging_filter) == 0
    error_message = "every request is logged, allowed ones too"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.waf_log_delivery.statement : st
      if st.principals == toset([{ type = "Service", identifiers = toset(["delivery.logs.amazonaws.com"]) }])
      && st.resources == toset(["${aws_cloudwatch_log_group.waf.arn}:*"])
      && contains([for c in st.condition : c.variable], "aws:SourceAccount")
      && contains([for c in st.condition : c.variable], "aws:SourceArn")
    ]) == 1 && aws_cloudwatch_log_resource_policy.waf.policy_document == data.aws_iam_policy_document.waf_log_delivery.json
    error_message = "the log delivery service may write only to the WAF log group, for this account (its own resource policy, not WAF's shared AWSWAF-LOGS)"
  }
}

run "rejects_a_rate_limit_near_the_health_checkers_rate" {
  command = plan

  variables {
    waf_rate_limit = 50
  }

  expect_failures = [var.waf_rate_limit]
}
