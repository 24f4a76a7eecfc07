terraform {
  # Keep in step with .terraform-version (hcl-lint checks it).
  required_version = "~> 1.11.4"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
