# Shared mock data for the terraform tests. The provider still validates what the module passes on,
# so identifiers that feed other resources get well-formed ARNs in the primary's region and account.

mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
}

mock_data "aws_iam_policy_document" {
  defaults = { json = "{}" }
}

mock_resource "aws_vpc" {
  defaults = {
    id  = "vpc-0123456789abcdef0"
    arn = "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0123456789abcdef0"
  }
}

mock_resource "aws_vpc_endpoint" {
  defaults = { prefix_list_id = "pl-0123456789abcdef0" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::111122223333:role/mock-role" }
}

mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:us-east-1:111122223333:trading-dev-trade-orders"
    url = "https://sqs.us-east-1.amazonaws.com/111122223333/trading-dev-trade-orders"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:us-east-1:111122223333:log-group:/mock" }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn        = "arn:aws:lambda:us-east-1:111122223333:function:mock"
    invoke_arn = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111122223333:function:mock/invocations"
  }
}

mock_resource "aws_lambda_event_source_mapping" {
  defaults = { uuid = "00000000-0000-0000-0000-000000000001" }
}

mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:us-east-1:111122223333:trading-dev-alarms" }
}

mock_resource "aws_rds_cluster" {
  defaults = {
    arn                 = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    cluster_resource_id = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    endpoint            = "trading-dev-us-east-1.cluster-c0ffee.us-east-1.rds.amazonaws.com"
  }
}

mock_resource "aws_api_gateway_rest_api" {
  defaults = {
    id               = "a1b2c3d4e5"
    root_resource_id = "r00t0000"
    execution_arn    = "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5"
  }
}

mock_resource "aws_api_gateway_stage" {
  defaults = {
    arn        = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/v1"
    invoke_url = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v1"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = { arn = "arn:aws:events:us-east-1:111122223333:rule/trading-dev-failover-validator" }
}

mock_resource "aws_ssm_parameter" {
  defaults = { arn = "arn:aws:ssm:us-east-1:111122223333:parameter/trading/dev/us-east-1/serving" }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = { arn = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/trading-dev-api/00000000-0000-0000-0000-000000000001" }
}

mock_resource "aws_backup_vault" {
  defaults = { arn = "arn:aws:backup:us-east-1:111122223333:backup-vault:trading-dev-us-east-1" }
}

mock_resource "aws_backup_plan" {
  defaults = { id = "00000000-0000-0000-0000-0000000000b1", arn = "arn:aws:backup:us-east-1:111122223333:backup-plan:00000000-0000-0000-0000-0000000000b1" }
}
