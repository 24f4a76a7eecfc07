# This region's member of the Aurora global cluster. The primary is created as the writer; the
# secondary joins as a read-only member that the orchestrator can promote.

locals {
  is_primary             = var.role == "primary"
  engine_major           = split(".", var.global_cluster.engine_version)[0]
  parameter_group_family = "${var.global_cluster.engine}${local.engine_major}"
}

resource "aws_db_subnet_group" "this" {
  name        = local.cluster_identifier
  description = "Private subnets of ${local.cluster_identifier}"
  subnet_ids  = [for s in aws_subnet.private : s.id]
}

resource "aws_security_group" "database" {
  name        = "${var.name_prefix}-database"
  description = "Aurora cluster: PostgreSQL from the function security group only"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${var.name_prefix}-database" }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_lambda" {
  security_group_id            = aws_security_group.database.id
  description                  = "PostgreSQL from the functions"
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
  referenced_security_group_id = aws_security_group.lambda.id
}

resource "aws_rds_cluster_parameter_group" "this" {
  # The family is part of the name so a major-version upgrade can create the new group before the
  # old one is destroyed.
  name        = "${local.cluster_identifier}-${local.parameter_group_family}"
  family      = local.parameter_group_family
  description = "${local.cluster_identifier} cluster parameters"

  # The functions connect with TLS only (DB_SSL=true); refuse anything else.
  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "immediate"
  }

  # Upper bound on the global database's RPO. Aurora applies it only in whichever cluster is the
  # primary, and AWS recommends the same parameters in every member so a promoted secondary keeps
  # the bound; the environment therefore passes the same value to both regions.
  dynamic "parameter" {
    for_each = var.database.global_db_rpo_seconds == null ? [] : [var.database.global_db_rpo_seconds]
    content {
      name         = "rds.global_db_rpo"
      value        = tostring(parameter.value)
      apply_method = "immediate"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# The log group RDS exports the cluster's PostgreSQL log to. RDS would create it on first export, with
# no retention and no key; created here first, it keeps the retention and the logs key of every other
# log group (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.CloudWatch.html).
# The logs key admits CloudWatch Logs in this region for this account's log groups
# (modules/global-data/kms.tf, CloudWatchLogsEncryption).
resource "aws_cloudwatch_log_group" "database" {
  name              = "/aws/rds/cluster/${local.cluster_identifier}/postgresql"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arns.logs
}

resource "aws_rds_cluster" "this" {
  cluster_identifier        = local.cluster_identifier
  global_cluster_identifier = var.global_cluster.id
  engine                    = var.global_cluster.engine
  engine_version            = var.global_cluster.engine_version
  engine_mode               = "provisioned"

  # Only the primary is created with credentials and the database; a secondary inherits both from
  # the global cluster. RDS-managed master passwords are not supported in global clusters, so the
  # password is write-only: Terraform sends it and stores neither it nor a hash of it.
  master_username            = local.is_primary ? var.database.master_username : null
  master_password_wo         = local.is_primary ? var.db_master_password : null
  master_password_wo_version = local.is_primary ? var.database.master_password_version : null
  database_name              = local.is_primary ? var.global_cluster.database_name : null

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  port                            = local.db_port
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  storage_encrypted                   = true
  kms_key_id                          = var.kms_key_arns.database
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql"]

  backup_retention_period   = var.database.backup_retention_days
  preferred_backup_window   = "03:00-04:00"
  copy_tags_to_snapshot     = true
  deletion_protection       = var.database.deletion_protection
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.cluster_identifier}-final"

  serverlessv2_scaling_configuration {
    min_capacity = var.database.min_capacity
    max_capacity = var.database.max_capacity
  }

  # The export must find the group with its retention and key, not create a default one.
  depends_on = [aws_cloudwatch_log_group.database]

  lifecycle {
    # - global_cluster_identifier: the provider does not read it back reliably, and applying the
    #   resulting diff detaches the member from the global cluster
    #   (https://github.com/cloudposse/terraform-aws-rds-cluster/issues/281,
    #   https://github.com/terraform-aws-modules/terraform-aws-rds-aurora/issues/162).
    # - replication_source_identifier: AWS sets it on a secondary member and moves it on switchover
    #   or failover; removing it promotes the cluster to a standalone one. The provider docs require
    #   ignoring it for global-cluster members
    #   (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/rds_cluster,
    #   https://github.com/hashicorp/terraform-provider-aws/issues/40921,
    #   https://github.com/hashicorp/terraform-provider-aws/issues/43214).
    # - engine_version: auto minor upgrades change the running version; the version is owned by
    #   the global cluster in global-data, and upgrades go through it.
    ignore_changes = [global_cluster_identifier, replication_source_identifier, engine_version]

    # Referencing primary_cluster_arn orders the secondary after the primary's cluster and its
    # instances: the environment passes the primary's joinable_cluster_arn output, which depends on
    # them (an input dependency instead of module depends_on, which would defer every data source
    # to apply). See that output for the failure it prevents.
    precondition {
      condition     = local.is_primary || var.primary_cluster_arn != null
      error_message = "A secondary member cluster needs primary_cluster_arn: the primary must join the global cluster first."
    }
  }
}

resource "aws_rds_cluster_instance" "this" {
  count = var.database.instance_count

  identifier                   = "${local.cluster_identifier}-${count.index + 1}"
  cluster_identifier           = aws_rds_cluster.this.id
  instance_class               = "db.serverless"
  engine                       = aws_rds_cluster.this.engine
  engine_version               = aws_rds_cluster.this.engine_version
  db_subnet_group_name         = aws_db_subnet_group.this.name
  publicly_accessible          = false
  auto_minor_version_upgrade   = true
  preferred_maintenance_window = "sun:05:00-sun:06:00"

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arns.database
  performance_insights_retention_period = 7

  # Enhanced Monitoring (CKV_AWS_118): OS metrics of each instance every monitoring_interval_seconds,
  # published by RDS with the monitoring role to CloudWatch Logs (RDSOSMetrics).
  # https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Monitoring.OS.Enabling.html
  monitoring_interval = var.database.monitoring_interval_seconds
  monitoring_role_arn = aws_iam_role.rds_monitoring.arn

  # RDS checks at creation that it may assume the role and publish with it.
  depends_on = [aws_iam_role_policy_attachment.rds_monitoring]

  lifecycle {
    # Minor versions move with auto minor upgrades (see the cluster's comment).
    ignore_changes = [engine_version]
  }
}
