# Private-only network: no internet or NAT gateway. The in-VPC functions reach S3 and DynamoDB
# through gateway endpoints and the other AWS APIs they call through interface endpoints.

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${var.name_prefix}-${local.region}" }

  lifecycle {
    precondition {
      condition     = var.peer_region != data.aws_region.current.name
      error_message = "peer_region equals this stack's own region: the peer must be the other region of the pair."
    }
  }
}

resource "aws_subnet" "private" {
  for_each = { for i, id in var.availability_zone_ids : id => i }

  vpc_id               = aws_vpc.this.id
  availability_zone_id = each.key
  cidr_block           = cidrsubnet(var.vpc_cidr, 2, each.value)

  tags = { Name = "${var.name_prefix}-private-${each.key}" }

  lifecycle {
    precondition {
      condition     = startswith(each.key, "${local.zone_id_prefix}-az")
      error_message = "Zone ID ${each.key} is not in ${local.region}: this region's zone IDs start with ${local.zone_id_prefix}-az (aws ec2 describe-availability-zones --region ${local.region} --query 'AvailabilityZones[].ZoneId')."
    }
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name_prefix}-private" }
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}

# Strips the rules AWS puts on every VPC's default security group, so nothing that lands in it by
# accident can talk to anything.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  tags = { Name = "${var.name_prefix}-default-deny" }
}

resource "aws_security_group" "lambda" {
  name        = "${var.name_prefix}-lambda"
  description = "trade-processor and health functions: egress to Aurora, the VPC endpoints and the S3/DynamoDB prefix lists only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name_prefix}-lambda" }
}

resource "aws_security_group" "endpoints" {
  name        = "${var.name_prefix}-endpoints"
  description = "Interface VPC endpoints: HTTPS from the function security group only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name_prefix}-endpoints" }
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_lambda" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the functions"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.lambda.id
}

resource "aws_vpc_security_group_egress_rule" "lambda_to_endpoints" {
  security_group_id            = aws_security_group.lambda.id
  description                  = "HTTPS to the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id
}

resource "aws_vpc_security_group_egress_rule" "lambda_to_gateway_endpoints" {
  for_each = aws_vpc_endpoint.gateway

  security_group_id = aws_security_group.lambda.id
  description       = "HTTPS to ${each.key} through its gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = each.value.prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "lambda_to_database" {
  security_group_id            = aws_security_group.lambda.id
  description                  = "PostgreSQL to the Aurora cluster"
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
  referenced_security_group_id = aws_security_group.database.id
}

# What the in-VPC functions (trade-processor, health, db-migrator) call through each endpoint: the
# only actions and resources the endpoint lets through, instead of the default full-access policy. A
# new call in one of those functions needs its line here (decision 002's table), as it needs its
# endpoint. The Lambda service itself polls and deletes the trade queue's messages outside the VPC;
# the processor only hands refused records back (ChangeMessageVisibilityBatch).
locals {
  endpoint_access = {
    s3 = {
      # trade-processor: audit records and the rejection records of stale orders.
      actions   = ["s3:PutObject"]
      resources = ["${var.audit_bucket.arn}/trades/*", "${var.audit_bucket.arn}/rejected/*"]
    }
    dynamodb = {
      # trade-processor upserts sessions; health describes the table.
      actions   = ["dynamodb:UpdateItem", "dynamodb:DescribeTable"]
      resources = [var.sessions_table.arn]
    }
    ssm = {
      # trade-processor and health read the serving flag; db-migrator reads the master password.
      actions   = ["ssm:GetParameter"]
      resources = [aws_ssm_parameter.serving.arn, aws_ssm_parameter.db_master_password.arn]
    }
    sqs = {
      # health probes the queue; trade-processor returns refused records to it.
      actions   = ["sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
      resources = [aws_sqs_queue.trade_orders.arn]
    }
  }
}

# An endpoint policy limits what any principal may do through the endpoint; it grants nothing by
# itself (the roles' IAM policies still decide). Principals and resources of this account only, so a
# compromised function cannot carry data out to another account's bucket, table or queue through the
# endpoint. Endpoint policies:
# https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
# aws:PrincipalAccount and aws:ResourceAccount:
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount
# Gateway endpoint policies for S3 and DynamoDB:
# https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html#vpc-endpoints-policies-s3
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/vpc-endpoints-dynamodb.html
data "aws_iam_policy_document" "endpoint" {
  for_each = local.endpoint_access

  statement {
    sid       = "ThisStackOnly"
    actions   = each.value.actions
    resources = each.value.resources

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_vpc_endpoint" "gateway" {
  for_each = toset(["s3", "dynamodb"])

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  policy            = data.aws_iam_policy_document.endpoint[each.key].json

  tags = { Name = "${var.name_prefix}-${each.key}" }
}

# Interface endpoints only for the APIs the in-VPC function code calls (see
# docs/decisions/002-functions-and-the-vpc.md): the health function reads the serving flag (ssm)
# and probes the trade queue (sqs); the db-migrator reads the master password parameter (ssm). Nothing else is needed: S3 and DynamoDB use the gateway
# endpoints, S3 and DynamoDB call KMS themselves, Lambda decrypts environment variables before the
# code starts, RDS IAM tokens are signed locally, and Lambda's own X-Ray daemon and log delivery
# do not use the function's network interface.
resource "aws_vpc_endpoint" "interface" {
  for_each = toset(["ssm", "sqs"])

  vpc_id              = aws_vpc.this.id
  service_name        = "com.amazonaws.${local.region}.${each.key}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [for s in aws_subnet.private : s.id]
  security_group_ids  = [aws_security_group.endpoints.id]
  policy              = data.aws_iam_policy_document.endpoint[each.key].json

  tags = { Name = "${var.name_prefix}-${each.key}" }
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/aws/vpc/${var.name_prefix}/flow-logs"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

resource "aws_flow_log" "this" {
  vpc_id                   = aws_vpc.this.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60

  tags = { Name = "${var.name_prefix}-${local.region}" }
}
