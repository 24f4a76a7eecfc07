# Encryption: every encrypted resource of a region uses that region's logs key. Each region's module
# checks its key's region (validation.tftest.hcl); here the orchestrator hands each region its own key.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks/primary"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks/secondary"
}

run "each_region_encrypts_with_its_own_key" {
  command = plan

  variables {
    auto_failover_enabled = true
  }

  assert {
    condition     = module.primary.kms_key_arn == var.primary_kms_key_arn
    error_message = "every encrypted resource in the primary region must use primary_kms_key_arn"
  }

  assert {
    condition = alltrue([
      for key in [
        module.secondary.kms_key_arn, module.secondary.peer_probe.log_group_kms_key_id, module.secondary.peer_probe.kms_key_arn,
      ] : key == var.secondary_kms_key_arn
    ])
    error_message = "every encrypted resource in the secondary region (the probe included) must use secondary_kms_key_arn"
  }
}

run "a_regions_resources_all_use_its_key" {
  command = plan

  module {
    source = "./modules/region"
  }

  providers = {
    aws = aws.primary
  }

  assert {
    condition = alltrue([
      for key in [
        aws_cloudwatch_log_group.state_machine.kms_key_id, aws_cloudwatch_log_group.region_fence.kms_key_id,
        aws_lambda_function.region_fence.kms_key_arn, aws_sns_topic.operations.kms_master_key_id,
        aws_sqs_queue.events_dlq.kms_master_key_id,
      ] : key == var.kms_key_arn
    ])
    error_message = "every encrypted resource of the region (log groups, function, topic, queue) must use kms_key_arn"
  }
}
