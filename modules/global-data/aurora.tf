# The Aurora PostgreSQL global database. Its member clusters live in regional-stack (one per region,
# each in its own subnets); they join through global_cluster.id and take engine and version from
# here, so the engine version is set in exactly one place. A global cluster created without a source
# cluster carries no key of its own: each member encrypts with its region's database key.
resource "aws_rds_global_cluster" "this" {
  provider = aws.primary

  global_cluster_identifier = "${var.name_prefix}-global"
  engine                    = "aurora-postgresql"
  engine_version            = var.aurora_engine_version
  database_name             = var.database_name
  storage_encrypted         = true
  deletion_protection       = var.deletion_protection
}
