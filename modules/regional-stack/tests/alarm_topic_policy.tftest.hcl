# The alarm topic's policy (threat 7): CloudWatch alarms and EventBridge rules of this account and
# region publish; nothing else may; this account manages and subscribes.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "only_alarms_and_rules_of_this_account_publish" {
  command = apply

  assert {
    condition     = aws_sns_topic_policy.alarms.arn == aws_sns_topic.alarms.arn && aws_sns_topic_policy.alarms.policy == data.aws_iam_policy_document.alarm_topic.json
    error_message = "the alarm topic must carry its own policy"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.alarm_topic.statement : st
      if st.sid == "CloudWatchAlarmsPublish"
      && st.actions == toset(["sns:Publish"])
      && st.principals == toset([{ type = "Service", identifiers = toset(["cloudwatch.amazonaws.com"]) }])
      && st.condition == toset([
        { test = "StringEquals", variable = "aws:SourceAccount", values = tolist(["111122223333"]) },
        { test = "ArnLike", variable = "aws:SourceArn", values = tolist(["arn:aws:cloudwatch:us-east-1:111122223333:alarm:*"]) },
      ])
    ]) == 1
    error_message = "CloudWatch may publish only for alarms of this account and region"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.alarm_topic.statement : st
      if st.sid == "EventBridgeRulesPublish"
      && st.actions == toset(["sns:Publish"])
      && st.principals == toset([{ type = "Service", identifiers = toset(["events.amazonaws.com"]) }])
      && st.condition == toset([
        { test = "StringEquals", variable = "aws:SourceAccount", values = tolist(["111122223333"]) },
        { test = "ArnLike", variable = "aws:SourceArn", values = tolist(["arn:aws:events:us-east-1:111122223333:rule/trading-dev-*"]) },
      ])
    ]) == 1
    error_message = "EventBridge may publish only for this stack's rules in this account and region"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.alarm_topic.statement : st
      if st.effect == "Deny"
      && st.actions == toset(["sns:Publish"])
      && st.principals == toset([{ type = "*", identifiers = toset(["*"]) }])
      && st.condition == toset([{ test = "Bool", variable = "aws:PrincipalIsAWSService", values = tolist(["false"]) }])
    ]) == 1
    error_message = "every Publish not made by a service principal is denied"
  }

  assert {
    condition = length([for st in data.aws_iam_policy_document.alarm_topic.statement : st
      if st.effect != "Deny" && contains(st.actions, "sns:Subscribe")
      && st.principals == toset([{ type = "AWS", identifiers = toset(["arn:aws:iam::111122223333:root"]) }])
      && !contains(st.actions, "sns:Publish")
      ]) == 1 && alltrue([for st in data.aws_iam_policy_document.alarm_topic.statement :
      st.effect == "Deny" || alltrue([for p in st.principals : p.type == "Service" || p.identifiers == toset(["arn:aws:iam::111122223333:root"])])
    ])
    error_message = "subscription and management are granted to this account only, and publishing to no account principal"
  }
}
