# Query logging of the zone (scanner finding CKV2_AWS_39): every DNS query Route 53 answers for the zone
# goes to a CloudWatch Logs group in us-east-1, which Route 53 requires, named under /aws/route53/
# (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html). The same log is how the
# DNSSEC roll-out is watched for failing names (README.md).

resource "aws_cloudwatch_log_group" "query_log" {
  provider = aws.us_east_1

  name              = "/aws/route53/${var.zone_name}"
  retention_in_days = var.query_log_retention_days
}

# Route 53 writes as its service principal; the log group's resource policy is the only grant, limited
# to this account's zone (aws:SourceAccount, aws:SourceArn). CloudWatch Logs allows 10 resource policies
# per region, so one policy per zone, on this zone's log group only.
data "aws_iam_policy_document" "query_log" {
  statement {
    sid       = "Route53QueryLogging"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.query_log.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["route53.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.zone_arn]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "query_log" {
  provider = aws.us_east_1

  policy_name     = "route53-query-logging-${var.project}-${var.environment}"
  policy_document = data.aws_iam_policy_document.query_log.json
}

resource "aws_route53_query_log" "this" {
  zone_id                  = aws_route53_zone.this.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.query_log.arn

  # Route 53 checks at creation that it may write to the group.
  depends_on = [aws_cloudwatch_log_resource_policy.query_log]
}
