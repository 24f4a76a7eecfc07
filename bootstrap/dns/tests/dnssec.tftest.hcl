# DNSSEC signing and query logging of the zone (scanner findings CKV2_AWS_38, CKV2_AWS_39). The key
# policy and the log group's resource policy are decoded from the JSON the providers would send.
mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

variables {
  project     = "trading"
  environment = "dev"
  account_id  = "210987654321"
  zone_name   = "dev.trading.acmemarkets.net"
}

run "zone_is_signed_with_a_ksk_on_an_asymmetric_key" {
  command = apply

  assert {
    condition     = aws_kms_key.dnssec.customer_master_key_spec == "ECC_NIST_P256" && aws_kms_key.dnssec.key_usage == "SIGN_VERIFY"
    error_message = "Route 53 signs only with an ECC_NIST_P256 SIGN_VERIFY key"
  }

  assert {
    condition     = aws_route53_key_signing_key.this.hosted_zone_id == aws_route53_zone.this.zone_id && aws_route53_key_signing_key.this.key_management_service_arn == aws_kms_key.dnssec.arn && aws_route53_key_signing_key.this.status == "ACTIVE"
    error_message = "the zone's KSK must be active and use the DNSSEC key"
  }

  assert {
    condition     = aws_route53_hosted_zone_dnssec.this.hosted_zone_id == aws_route53_zone.this.zone_id && aws_route53_hosted_zone_dnssec.this.signing_status == "SIGNING"
    error_message = "DNSSEC signing must be on for the zone"
  }

  assert {
    condition     = output.ds_record == "dev.trading.acmemarkets.net. 3600 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
    error_message = "the ds_record output must give the KSK's DS record for the parent zone"
  }
}

run "route53_may_sign_only_for_this_zone" {
  command = apply

  assert {
    condition     = aws_kms_key.dnssec.policy == data.aws_iam_policy_document.dnssec_key.json
    error_message = "the DNSSEC key must carry its policy document"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if
      one(st.principals).type == "Service" && one(st.principals).identifiers == toset(["dnssec-route53.amazonaws.com"])
      && toset(st.actions) == toset(["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"])
      && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset([
        "StringEquals aws:SourceAccount 210987654321",
        "ArnEquals aws:SourceArn arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
      ])
    ]) == 1
    error_message = "Route 53 DNSSEC may describe, read the public key of and sign with the key only for this account's zone"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if
      one(st.principals).identifiers == toset(["dnssec-route53.amazonaws.com"])
      && toset(st.actions) == toset(["kms:CreateGrant"])
      && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset(["Bool kms:GrantIsForAWSResource true"])
    ]) == 1
    error_message = "Route 53 DNSSEC may create grants only for AWS resources"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if try(st.effect, "Allow") == "Deny"]) == 0 && !aws_kms_key.dnssec.bypass_policy_lockout_safety_check && length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if
      st.sid == "AccountAdministration" && one(st.principals).identifiers == toset(["arn:aws:iam::210987654321:root"]) && contains(st.actions, "kms:ScheduleKeyDeletion")
    ]) == 1
    error_message = "without a key administrator the account administers the key fully and KMS's lockout check stays on"
  }
}

run "a_key_administrator_alone_may_destroy_the_key" {
  command = apply

  variables {
    key_admin_role_arn = "arn:aws:iam::210987654321:role/trading-dev-kms-key-admin"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if
      st.effect == "Deny" && one(st.principals).identifiers == toset(["*"])
      && length(setsubtract(["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"], st.actions)) == 0
      && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset(["ArnNotEquals aws:PrincipalArn arn:aws:iam::210987654321:role/trading-dev-kms-key-admin"])
    ]) == 1
    error_message = "with key_admin_role_arn, disabling, deleting and re-policying the key must be denied to every other principal"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.dnssec_key.statement : st if
      st.sid == "AccountAdministration" && length(setintersection(st.actions, ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"])) == 0
    ]) == 1 && aws_kms_key.dnssec.bypass_policy_lockout_safety_check
    error_message = "with key_admin_role_arn, the account keeps only non-destructive administration and the key skips the lockout check"
  }
}

run "queries_are_logged_in_us_east_1" {
  command = apply

  assert {
    condition     = aws_cloudwatch_log_group.query_log.name == "/aws/route53/dev.trading.acmemarkets.net" && aws_cloudwatch_log_group.query_log.retention_in_days == 365
    error_message = "the query log group must be /aws/route53/<zone> with a retention"
  }

  assert {
    condition     = aws_route53_query_log.this.zone_id == aws_route53_zone.this.zone_id && aws_route53_query_log.this.cloudwatch_log_group_arn == aws_cloudwatch_log_group.query_log.arn
    error_message = "query logging must send the zone's queries to the query log group"
  }

  assert {
    condition     = aws_cloudwatch_log_resource_policy.query_log.policy_document == data.aws_iam_policy_document.query_log.json
    error_message = "the log group's resource policy must be the query log policy document"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.query_log.statement : st if
      one(st.principals).type == "Service" && one(st.principals).identifiers == toset(["route53.amazonaws.com"])
      && toset(st.actions) == toset(["logs:CreateLogStream", "logs:PutLogEvents"])
      && toset(st.resources) == toset(["arn:aws:logs:us-east-1:210987654321:log-group:/aws/route53/dev.trading.acmemarkets.net:*"])
      && toset([for c in st.condition : "${c.test} ${c.variable} ${join(",", c.values)}"]) == toset([
        "StringEquals aws:SourceAccount 210987654321",
        "ArnEquals aws:SourceArn arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ",
      ])
    ]) == 1
    error_message = "only Route 53, for this account's zone, may write to the query log group"
  }
}

run "retention_must_be_one_cloudwatch_accepts" {
  command = plan

  variables {
    query_log_retention_days = 100
  }

  expect_failures = [var.query_log_retention_days]
}

run "key_admin_role_arn_must_be_a_role" {
  command = plan

  variables {
    key_admin_role_arn = "arn:aws:iam::210987654321:user/alice"
  }

  expect_failures = [var.key_admin_role_arn]
}
