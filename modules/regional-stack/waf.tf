# The web ACL in front of this region's API stage (scanner finding CKV2_AWS_29; threat 3 of
# docs/threat-model.md). It covers both ways in: the custom domain (mutual TLS) and the execute-api
# host name the Route 53 health checks and the primary-probe call.
#
# Rule order: the per-address rate rule first, so a flood is answered 429 before anything else
# inspects it; then AWS's IP reputation list, known bad inputs and the core rule set.
# Managed rule groups: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
# Rate-based rules: https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html

locals {
  waf_name = "${var.name_prefix}-api"

  waf_rate_limited_body = jsonencode({
    message = "Too many requests from this address; retry with exponential backoff."
  })

  # Core rule set rules whose block would refuse valid orders, counted instead (each still labels the
  # request and shows in the rule's CloudWatch metric and the WAF log):
  # - NoUserAgent_HEADER blocks a request without a User-Agent header. Programmatic clients often send
  #   none: the reference client (tooling/client/https.ts, node:https) sets only content-type,
  #   content-length and connection, so every order it sends would be refused with 403.
  # The other rules were checked against a valid order, a JSON body of under 1 KB whose every field
  # the request model restricts to [A-Za-z0-9_.@:+-] (api.tf): no "<", "/", "../", "://" or script
  # keyword can pass the model, so the XSS, LFI, RFI and SSRF body rules cannot match one;
  # SizeRestrictions_BODY (over 8 KB) cannot either. They stay blocking.
  # https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
  waf_common_rule_set_count = ["NoUserAgent_HEADER"]

  # Priority, vendor and name of each managed group. Known bad inputs (Log4j, Java deserialization,
  # localhost Host header, PROPFIND, exploitable paths) and the IP reputation list (Amazon threat
  # intelligence; its DDoS list counts by default) have no rule that a valid order matches.
  waf_managed_rule_groups = {
    AWSManagedRulesAmazonIpReputationList = { priority = 1, count = [] }
    AWSManagedRulesKnownBadInputsRuleSet  = { priority = 2, count = [] }
    AWSManagedRulesCommonRuleSet          = { priority = 3, count = local.waf_common_rule_set_count }
  }
}

resource "aws_wafv2_web_acl" "this" {
  name        = local.waf_name
  description = "Trading API in ${local.region}: per-address rate limit (429) and AWS managed rules"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  custom_response_body {
    key          = "rate_limited"
    content      = local.waf_rate_limited_body
    content_type = "APPLICATION_JSON"
  }

  # Per client address, over 5 minutes, on every path including /health.
  # - Aggregation key IP: mutual TLS ends at API Gateway's custom domain, so WAF never sees the client
  #   certificate, and every header is chosen by the caller: a client that rotates a header value
  #   would get a fresh budget per value. The source address of the TCP connection cannot be chosen
  #   that way. Regional API Gateway receives the connection itself (no CloudFront or proxy in
  #   front), so the address is the client's and X-Forwarded-For is not trusted. Clients behind one
  #   NAT share a budget; waf_rate_limit is sized for that.
  # - 429, not WAF's default 403: the primary-probe counts 429 as "not down" (threat 3), so a flood
  #   that throttles /health cannot produce the failover signal, and clients retry 429 with backoff.
  # - /health is not exempt: an exempt /health would let one address exhaust the health function's
  #   reserved concurrency, and API Gateway's 5xx then reads as "down" to Route 53 and the probe.
  #   Route 53's checkers stay far below the limit: each checker sends one request per interval
  #   (10 s, modules/failover-orchestrator) per health check, 30 per 5 minutes, and the probe one a
  #   minute (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html,
  #   "Request interval"); waf_rate_limit's validation keeps the limit at least 100.
  rule {
    name     = "rate-per-client-ip"
    priority = 0

    action {
      block {
        custom_response {
          response_code            = 429
          custom_response_body_key = "rate_limited"
        }
      }
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        evaluation_window_sec = 300
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.waf_name}-rate-per-client-ip"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = local.waf_managed_rule_groups
    content {
      name     = rule.key
      priority = rule.value.priority

      # The group's own actions apply (override_action none); single rules are counted below.
      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.key

          dynamic "rule_action_override" {
            for_each = rule.value.count
            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.waf_name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.waf_name
    sampled_requests_enabled   = true
  }
}

# resource_arn is the stage's ARN (arn:aws:apigateway:<region>::/restapis/<id>/stages/<stage>):
# https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html
resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this.arn
}

# --- Logging --------------------------------------------------------------------------------------

# WAF logs only to a destination whose name starts with aws-waf-logs-
# (https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html). Retention and the logs
# key as every other log group; the logs key admits CloudWatch Logs for this account's log groups.
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${local.waf_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

# WAF delivers through CloudWatch Logs' log delivery service. Left to itself, WAF adds each log group
# to one account-wide resource policy (AWSWAF-LOGS), which grows past its size limit in accounts with
# many web ACLs (the provider's documented warning on aws_wafv2_web_acl_logging_configuration); this
# policy covers only this log group, for deliveries of this account.
data "aws_iam_policy_document" "waf_log_delivery" {
  statement {
    sid       = "WafLogDelivery"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.waf.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["delivery.logs.${local.dns_suffix}"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "waf" {
  policy_name     = "${local.waf_name}-waf-log-delivery"
  policy_document = data.aws_iam_policy_document.waf_log_delivery.json
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  # WAF logs never contain the request body. Of the headers, only credentials are redacted: the SigV4
  # Authorization header and the session token of an AWS_IAM caller. Address, URI, method, the other
  # headers, and the matching rules and labels stay for investigation.
  # https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html
  redacted_fields {
    single_header {
      name = "authorization"
    }
  }

  redacted_fields {
    single_header {
      name = "x-amz-security-token"
    }
  }

  depends_on = [aws_cloudwatch_log_resource_policy.waf]
}
