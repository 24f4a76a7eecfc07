# The Aurora PostgreSQL global cluster: encrypted, one engine version, deletion protection from the input.
mock_provider "aws" {
  alias  = "primary"
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "secondary"
  source = "./tests/mocks"
}

run "global_cluster_is_encrypted_postgres_with_one_version" {
  command = plan

  assert {
    condition     = aws_rds_global_cluster.this.engine == "aurora-postgresql" && aws_rds_global_cluster.this.engine_version == "16.6"
    error_message = "the global cluster must be Aurora PostgreSQL at the default engine version"
  }

  assert {
    condition     = aws_rds_global_cluster.this.storage_encrypted
    error_message = "the global cluster must be encrypted"
  }

  assert {
    condition     = aws_rds_global_cluster.this.deletion_protection
    error_message = "deletion protection defaults to on"
  }

  assert {
    condition     = aws_rds_global_cluster.this.global_cluster_identifier == "trading-dev-global" && aws_rds_global_cluster.this.database_name == "trading"
    error_message = "identifier and database name must follow name_prefix and database_name"
  }

  assert {
    condition     = output.global_cluster.writer_endpoint == "trading-dev-global.global-abc123.global.rds.amazonaws.com"
    error_message = "the writer_endpoint output must be the global cluster's endpoint"
  }

  assert {
    condition     = output.global_cluster.engine_version == "16.6" && output.global_cluster.engine == "aurora-postgresql" && output.global_cluster.id == aws_rds_global_cluster.this.id
    error_message = "the members take engine, version and id from the output"
  }
}

run "version_and_protection_follow_inputs" {
  command = plan

  variables {
    aurora_engine_version = "15.10"
    deletion_protection   = false
  }

  assert {
    condition     = aws_rds_global_cluster.this.engine_version == "15.10" && output.global_cluster.engine_version == "15.10"
    error_message = "the engine version must come from aurora_engine_version"
  }

  assert {
    condition     = !aws_rds_global_cluster.this.deletion_protection
    error_message = "deletion protection must follow the input"
  }
}
