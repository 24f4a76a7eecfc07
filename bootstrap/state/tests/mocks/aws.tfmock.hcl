# Defaults for both mocked aws providers. Mock values are otherwise random strings, which the provider
# rejects where it validates ARNs and policy JSON.
mock_data "aws_partition" {
  defaults = {
    partition  = "aws"
    dns_suffix = "amazonaws.com"
  }
}

mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::210987654321:role/trading-tfstate-210987654321-replication"
  }
}

mock_resource "aws_kms_key" {
  defaults = {
    arn = "arn:aws:kms:us-east-1:210987654321:key/00000000-0000-4000-8000-000000000001"
  }
}
