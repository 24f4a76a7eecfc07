mock_provider "aws" {}

variables {
  name_prefix        = "trading-dev"
  environment        = "dev"
  role               = "primary"
  vpc_cidr           = "10.10.0.0/16"
  peer_vpc_cidr      = "10.11.0.0/16"
  availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
  kms_key_arns = {
    database = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000001"
    data     = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000002"
    logs     = "arn:aws:kms:us-east-1:111122223333:key/mrk-00000000000000000000000000000003"
  }
}

run "subnets_span_three_zones" {
  command = plan

  assert {
    condition     = length(aws_subnet.private) == 3 && length(distinct([for s in aws_subnet.private : s.availability_zone])) == 3
    error_message = "expected one private subnet in each of the three zones"
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : cidrhost(s.cidr_block, 0) == cidrhost(cidrsubnet(var.vpc_cidr, 2, index(var.availability_zones, s.availability_zone)), 0)])
    error_message = "subnets must be carved from the VPC CIDR in zone order"
  }
}

run "rejects_overlapping_peer_cidr" {
  command = plan

  variables {
    peer_vpc_cidr = "10.10.128.0/17"
  }

  expect_failures = [var.peer_vpc_cidr]
}

run "rejects_unknown_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}

run "rejects_unknown_role" {
  command = plan

  variables {
    role = "tertiary"
  }

  expect_failures = [var.role]
}

run "rejects_two_subnets_in_one_zone" {
  command = plan

  variables {
    availability_zones = ["us-east-1a", "us-east-1a", "us-east-1c"]
  }

  expect_failures = [var.availability_zones]
}
