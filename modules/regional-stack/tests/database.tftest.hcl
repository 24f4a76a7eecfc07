# The member cluster: writer in the primary, credential-less secondary, same settings otherwise.
mock_provider "aws" {
  source = "./tests/mocks"
}

run "primary_is_the_writer" {
  command = apply

  variables {
    database = { global_db_rpo_seconds = 30, deletion_protection = false, min_capacity = 1, max_capacity = 8 }
  }

  assert {
    condition     = aws_rds_cluster.this.global_cluster_identifier == var.global_cluster.id && aws_rds_cluster.this.engine == "aurora-postgresql" && aws_rds_cluster.this.engine_version == "16.6"
    error_message = "the member must join the global cluster with its engine and version"
  }

  assert {
    condition     = aws_rds_cluster.this.master_username == "trading_admin" && aws_rds_cluster.this.master_password_wo_version == 1 && aws_rds_cluster.this.database_name == "trading"
    error_message = "the primary is created with the master user, a write-only password version and the database"
  }

  assert {
    condition     = aws_rds_cluster.this.master_password == null
    error_message = "the master password must never be a plain (stored) attribute"
  }

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted && aws_rds_cluster.this.kms_key_id == var.kms_key_arns.database
    error_message = "storage must be encrypted with this region's database key"
  }

  assert {
    condition     = aws_rds_cluster.this.iam_database_authentication_enabled && aws_rds_cluster.this.enabled_cloudwatch_logs_exports == toset(["postgresql"])
    error_message = "IAM authentication and PostgreSQL log export must be on"
  }

  assert {
    condition     = aws_rds_cluster.this.backup_retention_period == 7 && aws_rds_cluster.this.deletion_protection == false
    error_message = "backup retention and deletion protection come from var.database"
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 1 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity == 8
    error_message = "Serverless v2 capacity comes from var.database"
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 1 && aws_rds_cluster_instance.this[0].instance_class == "db.serverless" && aws_rds_cluster_instance.this[0].publicly_accessible == false
    error_message = "one private db.serverless instance by default"
  }

  assert {
    condition     = aws_db_subnet_group.this.subnet_ids == toset([for s in aws_subnet.private : s.id]) && aws_rds_cluster.this.vpc_security_group_ids == toset([aws_security_group.database.id])
    error_message = "the cluster lives in the private subnets behind the database security group"
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql16" && aws_rds_cluster.this.db_cluster_parameter_group_name == aws_rds_cluster_parameter_group.this.name
    error_message = "the cluster parameter group family follows the engine's major version"
  }

  assert {
    condition     = contains([for p in aws_rds_cluster_parameter_group.this.parameter : "${p.name}=${p.value}"], "rds.global_db_rpo=30")
    error_message = "a set global_db_rpo_seconds must become rds.global_db_rpo"
  }

  assert {
    condition     = contains([for p in aws_rds_cluster_parameter_group.this.parameter : "${p.name}=${p.value}"], "rds.force_ssl=1")
    error_message = "the cluster must refuse non-TLS connections"
  }

  assert {
    condition     = aws_ssm_parameter.db_writer_endpoint.value == aws_rds_cluster.this.endpoint && aws_ssm_parameter.db_writer_endpoint.name == "/trading/dev/us-east-1/db-writer-endpoint"
    error_message = "the writer endpoint must be published under this region's prefix"
  }
}

run "rpo_parameter_is_optional" {
  command = plan

  assert {
    condition     = !contains([for p in aws_rds_cluster_parameter_group.this.parameter : p.name], "rds.global_db_rpo")
    error_message = "global_db_rpo_seconds = null must leave rds.global_db_rpo unset"
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection
    error_message = "deletion protection defaults to on"
  }
}

run "secondary_joins_without_credentials" {
  # plan: an ephemeral input left null cannot be carried into a test apply. Own state: this is
  # the other region, not a change to the primary above.
  command   = plan
  state_key = "secondary"

  variables {
    role                  = "secondary"
    peer_region           = "us-east-1"
    primary_cluster_arn   = "arn:aws:rds:us-east-1:111122223333:cluster:trading-dev-us-east-1"
    availability_zone_ids = ["use2-az1", "use2-az2", "use2-az3"]
    database              = { instance_count = 2 }
  }

  override_data {
    target = data.aws_region.current
    values = { name = "us-east-2" }
  }

  assert {
    condition     = aws_rds_cluster.this.cluster_identifier == "trading-dev-us-east-2" && aws_rds_cluster.this.global_cluster_identifier == var.global_cluster.id
    error_message = "the secondary member is named after its region and joins the same global cluster"
  }

  assert {
    condition     = aws_rds_cluster.this.master_password_wo_version == null
    error_message = "a secondary member must be created without master credentials (the dev and prod plan tests also check the user name and database name)"
  }

  assert {
    condition     = aws_rds_cluster.this.engine_version == "16.6" && aws_rds_cluster.this.storage_encrypted && aws_rds_cluster.this.iam_database_authentication_enabled
    error_message = "the secondary has the same engine version, encryption and IAM auth as the primary"
  }

  assert {
    condition     = length(aws_rds_cluster_instance.this) == 2 && alltrue([for i in aws_rds_cluster_instance.this : i.instance_class == "db.serverless"])
    error_message = "the secondary needs db.serverless instances so it can be promoted"
  }
}
