# Private-only network: endpoints instead of NAT, locked-down security groups, encrypted flow logs.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "private_network" {
  command = apply

  assert {
    condition     = toset([for e in aws_vpc_endpoint.gateway : e.service_name]) == toset(["com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.dynamodb"])
    error_message = "S3 and DynamoDB must be reached through gateway endpoints of this region"
  }

  assert {
    condition     = alltrue([for e in aws_vpc_endpoint.gateway : e.vpc_endpoint_type == "Gateway" && e.route_table_ids == toset([aws_route_table.private.id])])
    error_message = "gateway endpoints must be attached to the private route table"
  }

  assert {
    condition     = length(aws_route_table_association.private) == 3 && alltrue([for a in aws_route_table_association.private : a.route_table_id == aws_route_table.private.id])
    error_message = "every private subnet must use the route table that carries the gateway endpoints"
  }

  assert {
    condition     = toset([for e in aws_vpc_endpoint.interface : e.service_name]) == toset(["com.amazonaws.us-east-1.ssm", "com.amazonaws.us-east-1.sqs"])
    error_message = "the in-VPC functions call SSM and SQS, so exactly those need interface endpoints"
  }

  assert {
    condition = alltrue([for e in aws_vpc_endpoint.interface :
      e.private_dns_enabled && length(e.subnet_ids) == 3 && e.security_group_ids == toset([aws_security_group.endpoints.id])
    ])
    error_message = "interface endpoints need private DNS (so SDK default endpoints resolve to them), all three subnets and the endpoint security group"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.endpoints_from_lambda.referenced_security_group_id == aws_security_group.lambda.id && aws_vpc_security_group_ingress_rule.endpoints_from_lambda.from_port == 443 && aws_vpc_security_group_ingress_rule.endpoints_from_lambda.cidr_ipv4 == null
    error_message = "the endpoints must accept HTTPS only from the function security group"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.database_from_lambda.referenced_security_group_id == aws_security_group.lambda.id && aws_vpc_security_group_ingress_rule.database_from_lambda.from_port == 5432 && aws_vpc_security_group_ingress_rule.database_from_lambda.to_port == 5432
    error_message = "the database must accept PostgreSQL only from the function security group"
  }

  assert {
    condition     = length(aws_default_security_group.this.ingress) == 0 && length(aws_default_security_group.this.egress) == 0
    error_message = "the default security group must have no rules"
  }

  assert {
    condition     = aws_flow_log.this.vpc_id == aws_vpc.this.id && aws_flow_log.this.traffic_type == "ALL" && aws_flow_log.this.log_destination == aws_cloudwatch_log_group.flow_logs.arn
    error_message = "the VPC must log all traffic to the flow-log group"
  }

  assert {
    condition     = aws_cloudwatch_log_group.flow_logs.kms_key_id == var.kms_key_arns.logs && aws_cloudwatch_log_group.flow_logs.retention_in_days == var.log_retention_days
    error_message = "flow logs must be encrypted with the logs key and expire"
  }
}

run "egress_is_limited_to_known_destinations" {
  command = apply

  assert {
    condition     = toset([for r in aws_vpc_security_group_egress_rule.lambda_to_gateway_endpoints : r.prefix_list_id]) == toset([for e in aws_vpc_endpoint.gateway : e.prefix_list_id])
    error_message = "function egress to S3 and DynamoDB must go to the gateway endpoints' prefix lists"
  }

  assert {
    condition = alltrue(concat(
      [for r in aws_vpc_security_group_egress_rule.lambda_to_gateway_endpoints : r.cidr_ipv4 == null],
      [aws_vpc_security_group_egress_rule.lambda_to_endpoints.cidr_ipv4 == null, aws_vpc_security_group_egress_rule.lambda_to_database.cidr_ipv4 == null],
    ))
    error_message = "no function egress rule may open a CIDR range"
  }
}
