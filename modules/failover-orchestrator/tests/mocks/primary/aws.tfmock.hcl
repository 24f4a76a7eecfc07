# Mock values of the aws.primary provider (us-east-1) for every terraform test in this module. The
# provider still validates what the module passes on, so identifiers that feed other resources get
# well-formed ARNs in this region and account. Runs of modules/region with this provider get them too.

mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws" }
}

mock_data "aws_iam_policy_document" {
  defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
}

mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::111122223333:role/mock" }
}

mock_resource "aws_lambda_function" {
  defaults = { arn = "arn:aws:lambda:us-east-1:111122223333:function:trading-dev-region-fence" }
}

mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:us-east-1:111122223333:trading-dev-operations" }
}

mock_resource "aws_sfn_state_machine" {
  defaults = { arn = "arn:aws:states:us-east-1:111122223333:stateMachine:trading-dev-failover" }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:us-east-1:111122223333:log-group:mock" }
}

mock_resource "aws_sqs_queue" {
  defaults = { arn = "arn:aws:sqs:us-east-1:111122223333:mock" }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = { arn = "arn:aws:events:us-east-1:111122223333:rule/mock" }
}

mock_resource "aws_acm_certificate" {
  defaults = {
    arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000001"
    domain_validation_options = [{
      domain_name           = "api.dev.trading.example.com"
      resource_record_name  = "_x1.api.dev.trading.example.com."
      resource_record_type  = "CNAME"
      resource_record_value = "_x2.acm-validations.aws."
    }]
  }
}

mock_resource "aws_acm_certificate_validation" {
  defaults = { certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000001" }
}

mock_resource "aws_api_gateway_domain_name" {
  defaults = { regional_domain_name = "d-primary.execute-api.us-east-1.amazonaws.com", regional_zone_id = "Z1UJRXOUMOOFQ8" }
}

# Route 53 ARC (recovery-control.tf): well-formed ARNs, since health checks and IAM validate them.
mock_resource "aws_route53recoverycontrolconfig_cluster" {
  defaults = {
    arn = "arn:aws:route53-recovery-control::111122223333:cluster/mock-cluster"
    cluster_endpoints = [
      { endpoint = "https://host-aaaaaa.us-west-2.example.com/v1", region = "us-west-2" },
      { endpoint = "https://host-bbbbbb.eu-west-1.example.com/v1", region = "eu-west-1" },
    ]
  }
}

mock_resource "aws_route53recoverycontrolconfig_control_panel" {
  defaults = { arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel" }
}

mock_resource "aws_route53recoverycontrolconfig_routing_control" {
  defaults = { arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/mockcontrol" }
}
