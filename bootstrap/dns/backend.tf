# Partial configuration: the environment's backend.hcl gives bucket, region and kms_key_id;
# make bootstrap-dns gives the key (<the environment's key prefix>/bootstrap-dns.tfstate), so the zone
# is recorded in the replicated state bucket next to the environment's state.
terraform {
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }
}
