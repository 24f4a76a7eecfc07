# Partial configuration: bucket, key and region come from backend.hcl at `terraform init`
# (see backend.hcl.example). Offline plans replace this backend with local state under build/.
terraform {
  backend "s3" {
    use_lockfile = true
    encrypt      = true
  }
}
