mock_resource "aws_route53_zone" {
  defaults = {
    zone_id      = "Z0123456789ABCDEFGHIJ"
    name_servers = ["ns-101.awsdns-12.com", "ns-702.awsdns-23.net", "ns-1203.awsdns-34.org", "ns-1804.awsdns-45.co.uk"]
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn    = "arn:aws:kms:us-east-1:210987654321:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
    key_id = "0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9"
  }
}

mock_resource "aws_route53_key_signing_key" {
  defaults = {
    ds_record = "dev.trading.acmemarkets.net. 3600 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:us-east-1:210987654321:log-group:/aws/route53/dev.trading.acmemarkets.net"
  }
}

mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}
