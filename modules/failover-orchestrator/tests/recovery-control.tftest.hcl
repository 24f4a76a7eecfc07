# The active-region authority: ARC routing controls bound by "exactly one On", the routing control checks the
# failover records follow, Route 53's view of the primary for the probe, the region-fence wiring (env,
# minute sync, first-apply initialize), and the shared-cluster inputs.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

override_resource {
  target = aws_route53recoverycontrolconfig_routing_control.region["primary"]
  values = { arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/primary" }
}

override_resource {
  target = aws_route53recoverycontrolconfig_routing_control.region["secondary"]
  values = { arn = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/secondary" }
}

run "safety_rules_keep_exactly_one_region_on" {
  command = apply

  assert {
    condition     = length(aws_route53recoverycontrolconfig_cluster.this) == 1 && aws_route53recoverycontrolconfig_control_panel.this.cluster_arn == aws_route53recoverycontrolconfig_cluster.this[0].arn
    error_message = "without recovery_control_cluster_arn the environment gets its own cluster, holding the control panel"
  }

  assert {
    condition = alltrue([
      for k, rc in aws_route53recoverycontrolconfig_routing_control.region :
      rc.control_panel_arn == aws_route53recoverycontrolconfig_control_panel.this.arn
    ]) && aws_route53recoverycontrolconfig_routing_control.region["secondary"].name == "trading-dev-us-east-2"
    error_message = "one routing control per region, named after it, in the environment's control panel"
  }

  assert {
    condition = (
      one(aws_route53recoverycontrolconfig_safety_rule.at_least_one_on.rule_config).type == "ATLEAST" &&
      one(aws_route53recoverycontrolconfig_safety_rule.at_least_one_on.rule_config).threshold == 1 &&
      one(aws_route53recoverycontrolconfig_safety_rule.at_least_one_on.rule_config).inverted == false &&
      toset(aws_route53recoverycontrolconfig_safety_rule.at_least_one_on.asserted_controls) == toset([
        "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/primary",
        "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/secondary",
      ])
    )
    error_message = "at least one region On: an ATLEAST 1 assertion over both routing controls"
  }

  assert {
    condition = (
      one(aws_route53recoverycontrolconfig_safety_rule.not_both_on.rule_config).type == "ATLEAST" &&
      one(aws_route53recoverycontrolconfig_safety_rule.not_both_on.rule_config).threshold == 2 &&
      one(aws_route53recoverycontrolconfig_safety_rule.not_both_on.rule_config).inverted == true &&
      length(aws_route53recoverycontrolconfig_safety_rule.not_both_on.asserted_controls) == 2 &&
      aws_route53recoverycontrolconfig_safety_rule.not_both_on.control_panel_arn == aws_route53recoverycontrolconfig_control_panel.this.arn
    )
    error_message = "not both regions On: an inverted ATLEAST 2 assertion over both routing controls"
  }
}

run "failover_records_follow_the_authority" {
  command = apply

  assert {
    condition = alltrue([
      for k, hc in aws_route53_health_check.routing_control :
      hc.type == "RECOVERY_CONTROL" && hc.routing_control_arn == aws_route53recoverycontrolconfig_routing_control.region[k].arn
    ])
    error_message = "a RECOVERY_CONTROL health check per region on that region's routing control"
  }

  assert {
    condition     = alltrue([for k, r in aws_route53_record.api : r.health_check_id == aws_route53_health_check.routing_control[k].id])
    error_message = "each failover record must follow its region's routing control check alone (an AND with /health lets both records be unhealthy, and Route 53 then answers PRIMARY)"
  }

  assert {
    condition = (
      aws_route53_record.primary_view["primary"].name == "primary-view.api.dev.trading.example.com" &&
      aws_route53_record.primary_view["primary"].type == "TXT" &&
      aws_route53_record.primary_view["primary"].records == toset(["healthy"]) &&
      one(aws_route53_record.primary_view["primary"].failover_routing_policy).type == "PRIMARY" &&
      aws_route53_record.primary_view["primary"].health_check_id == aws_route53_health_check.regional["primary"].id
    )
    error_message = "Route 53's view: the PRIMARY TXT record answers healthy under the primary's HTTPS check"
  }

  assert {
    condition = (
      aws_route53_record.primary_view["secondary"].records == toset(["unhealthy"]) &&
      one(aws_route53_record.primary_view["secondary"].failover_routing_policy).type == "SECONDARY" &&
      aws_route53_record.primary_view["secondary"].health_check_id == null &&
      aws_route53_record.primary_view["secondary"].ttl <= 10
    )
    error_message = "Route 53's view: the SECONDARY TXT record answers unhealthy, with no health check and a small TTL"
  }
}

run "region_fence_mirrors_the_authority" {
  command = apply

  assert {
    condition = (
      jsondecode(module.primary.region_fence_environment.ARC_CLUSTER_ENDPOINTS) == [
        { endpoint = "https://host-aaaaaa.us-west-2.example.com/v1", region = "us-west-2" },
        { endpoint = "https://host-bbbbbb.eu-west-1.example.com/v1", region = "eu-west-1" },
      ] &&
      jsondecode(module.secondary.region_fence_environment.ROUTING_CONTROL_ARNS) == {
        "us-east-1" = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/primary"
        "us-east-2" = "arn:aws:route53-recovery-control::111122223333:controlpanel/mockpanel/routingcontrol/secondary"
      }
    )
    error_message = "region-fence gets the cluster's endpoints and both routing controls keyed by region name"
  }

  assert {
    condition = jsondecode(module.secondary.sync_input) == {
      action           = "sync"
      region           = "us-east-2"
      servingParameter = "/trading/dev/us-east-2/serving"
      restApiId        = "f6g7h8i9j0"
      stageName        = "v1"
      globalClusterId  = "trading-dev"
      clusterArn       = "arn:aws:rds:us-east-2:111122223333:cluster:trading-dev-us-east-2"
      reclaim = {
        afterSeconds         = output.rto_parameters.execution_timeout_seconds
        peerServingParameter = "/trading/dev/us-east-1/serving"
        peerLeaseSeconds     = 150
      }
    }
    error_message = "the minute sync names the region's own switches, global cluster and member cluster, and gives the watchdog the execution timeout and the peer's flag and lease"
  }

  assert {
    condition = (
      module.secondary.authority_reclaimed_alarm.metric_name == "AuthorityReclaimed" &&
      module.secondary.authority_reclaimed_alarm.dimensions["service"] == "region-fence" &&
      module.secondary.authority_reclaimed_alarm.dimensions["TargetRegion"] == "us-east-2" &&
      length(module.secondary.authority_reclaimed_alarm.dimensions) == 2 &&
      module.secondary.authority_reclaimed_alarm.comparison_operator == "GreaterThanOrEqualToThreshold" &&
      module.secondary.authority_reclaimed_alarm.threshold == 1 &&
      module.secondary.authority_reclaimed_alarm.treat_missing_data == "notBreaching" &&
      one(module.secondary.authority_reclaimed_alarm.alarm_actions) == module.secondary.operations_topic_arn
    )
    error_message = "a watchdog reclaim pages the operations topic at once: AuthorityReclaimed with the dimensions the function publishes"
  }

  assert {
    condition = (
      jsondecode(aws_lambda_invocation.initialize_authority.input) == { action = "initialize", region = "us-east-1" } &&
      aws_lambda_invocation.initialize_authority.lifecycle_scope == "CREATE_ONLY" &&
      aws_lambda_invocation.initialize_authority.function_name == "trading-dev-region-fence"
    )
    error_message = "the first apply initializes the authority on the primary, once (create only)"
  }
}

run "probe_reads_route53_view_and_the_authority" {
  command = plan

  variables {
    auto_failover_enabled = true
  }

  assert {
    condition = (
      module.secondary.peer_probe.environment.ROUTE53_VIEW_NAME == "primary-view.api.dev.trading.example.com" &&
      jsondecode(module.secondary.peer_probe.environment.ARC_CLUSTER_ENDPOINTS)[0].region == "us-west-2" &&
      !contains(keys(module.secondary.peer_probe.environment), "PRIMARY_SERVING_PARAMETER")
    )
    error_message = "primary-probe gets the view's name and the cluster endpoints, and no longer reads the serving flag"
  }
}

run "shared_cluster_creates_none" {
  command = plan

  variables {
    recovery_control_cluster_arn = "arn:aws:route53-recovery-control::111122223333:cluster/0123abcd-dev"
    recovery_control_cluster_endpoints = [
      { endpoint = "https://host-shared.us-west-2.example.com/v1", region = "us-west-2" },
    ]
  }

  assert {
    condition = (
      length(aws_route53recoverycontrolconfig_cluster.this) == 0 &&
      aws_route53recoverycontrolconfig_control_panel.this.cluster_arn == "arn:aws:route53-recovery-control::111122223333:cluster/0123abcd-dev" &&
      output.recovery_control.cluster_endpoints[0].endpoint == "https://host-shared.us-west-2.example.com/v1"
    )
    error_message = "a shared cluster is used, not created, and its endpoints reach the functions"
  }
}

run "rejects_a_cluster_arn_that_is_not_arc" {
  command = plan

  variables {
    recovery_control_cluster_arn       = "arn:aws:route53:::cluster/0123abcd"
    recovery_control_cluster_endpoints = [{ endpoint = "https://host.us-west-2.example.com/v1", region = "us-west-2" }]
  }

  expect_failures = [var.recovery_control_cluster_arn]
}

run "rejects_a_shared_cluster_without_endpoints" {
  command = plan

  variables {
    recovery_control_cluster_arn = "arn:aws:route53-recovery-control::111122223333:cluster/0123abcd"
  }

  expect_failures = [var.recovery_control_cluster_endpoints]
}

run "rejects_an_endpoint_that_is_not_https" {
  command = plan

  variables {
    recovery_control_cluster_arn       = "arn:aws:route53-recovery-control::111122223333:cluster/0123abcd"
    recovery_control_cluster_endpoints = [{ endpoint = "http://host.us-west-2.example.com/v1", region = "us-west-2" }]
  }

  expect_failures = [var.recovery_control_cluster_endpoints]
}
