provider "aws" {
  alias               = "primary"
  region              = var.primary_region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = {
      Project   = var.project
      Component = "terraform-state"
      ManagedBy = "terraform"
    }
  }
}

provider "aws" {
  alias               = "replica"
  region              = var.replica_region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = {
      Project   = var.project
      Component = "terraform-state"
      ManagedBy = "terraform"
    }
  }
}
