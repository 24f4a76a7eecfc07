output "buckets" {
  description = "The state bucket the backends use (primary) and its replica: name, region and KMS key."
  value = {
    for side, b in local.sides : side => { name = b.name, region = b.region, kms_key_arn = b.kms_key_arn }
  }
}

output "replication_role_arn" {
  description = "Role S3 assumes to replicate between the two buckets."
  value       = aws_iam_role.replication.arn
}

output "backend_hcl" {
  description = "Contents of environments/<env>/backend.hcl for each environment: the primary bucket."
  value = {
    for e, key in local.state_keys : e => <<-EOT
      bucket     = "${module.primary.name}"
      key        = "${key}"
      region     = "${module.primary.region}"
      kms_key_id = "${module.primary.kms_key_arn}"
    EOT
  }
}

output "backend_hcl_replica" {
  description = "backend.hcl for each environment during a loss of the primary region: the replica bucket, its region and its key (docs/first-deployment.md)."
  value = {
    for e, key in local.state_keys : e => <<-EOT
      bucket     = "${module.replica.name}"
      key        = "${key}"
      region     = "${module.replica.region}"
      kms_key_id = "${module.replica.kms_key_arn}"
    EOT
  }
}

output "ci_roles" {
  description = "Per environment, the plan and apply role ARNs for the CI server's AWS profiles (docs/atlantis/repos.yaml)."
  value       = { for e in local.ci_environments : e => { plan = aws_iam_role.ci_plan[e].arn, apply = aws_iam_role.ci_apply[e].arn } }
}

output "ci_aws_config" {
  description = "~/.aws/config profiles for the CI server: <project>-<env>-plan and <project>-<env>-apply, each assuming its role from the server's own credentials (ci_credential_source)."
  value = join("\n", flatten([for e in local.ci_environments : [for stage in ["plan", "apply"] : <<-EOT
    [profile ${var.project}-${e}-${stage}]
    role_arn = ${stage == "plan" ? aws_iam_role.ci_plan[e].arn : aws_iam_role.ci_apply[e].arn}
    credential_source = ${var.ci_credential_source}
    region = ${var.primary_region}
  EOT
  ]]))
}
