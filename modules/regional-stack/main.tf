data "aws_region" "current" {}

data "aws_partition" "current" {}

locals {
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix

  # The prefix of this region's availability zone IDs: us-east-1 -> use1 (use1-az1), us-west-2 ->
  # usw2, ap-southeast-1 -> apse1, us-gov-west-1 -> usgw1.
  region_parts     = split("-", local.region)
  region_word_abbr = { north = "n", south = "s", east = "e", west = "w", central = "c", northeast = "ne", southeast = "se", northwest = "nw", southwest = "sw", gov = "g" }
  zone_id_prefix = join("", concat(
    [local.region_parts[0]],
    [for w in slice(local.region_parts, 1, length(local.region_parts) - 1) : lookup(local.region_word_abbr, w, w)],
    [local.region_parts[length(local.region_parts) - 1]],
  ))
  # The account comes from an ARN this module creates: aws_caller_identity would need STS, which
  # offline plans cannot reach.
  account_id = split(":", aws_vpc.this.arn)[4]

  # Function names are identical in both regions so each region finds the other's by name; IAM is
  # global, so role names carry the region.
  function_names = {
    trade_processor    = "${var.name_prefix}-trade-processor"
    health             = "${var.name_prefix}-health"
    failover_validator = "${var.name_prefix}-failover-validator"
    db_migrator        = "${var.name_prefix}-db-migrator"
  }
  role_prefix = "${var.name_prefix}-${local.region}"

  serving_parameter_name = "${var.ssm_prefix}/${local.region}/serving"
  health_check_ids_name  = "${var.ssm_prefix}/health-check-ids"

  cluster_identifier      = "${var.name_prefix}-${local.region}"
  peer_cluster_identifier = "${var.name_prefix}-${var.peer_region}"
  db_port                 = 5432
  # The functions' IAM database users, created by the db-migrator (functions/db-migrator/access.ts
  # lists what each may do): the processor inserts and reads trades, the health check only connects.
  db_users = {
    trade_processor = "trade_processor"
    health          = "health_check"
  }

  # SQS hides a received message for the visibility timeout; AWS asks for at least six times the
  # function timeout (plus the batching window) so a slow batch is not delivered twice meanwhile.
  queue_visibility_timeout_seconds = 6 * var.function_settings.trade_processor.timeout_seconds + var.trade_queue.maximum_batching_window_in_seconds
  retention_14_days_seconds        = 1209600
}
