provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      Component   = "dns-bootstrap"
      ManagedBy   = "terraform"
    }
  }
}

# DNSSEC's key-signing key must be a KMS key in us-east-1, and Route 53 writes query logs only to log
# groups in us-east-1, whatever var.region says
# (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html,
# https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html).
provider "aws" {
  alias               = "us_east_1"
  region              = "us-east-1"
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = {
      Project     = var.project
      Environment = var.environment
      Component   = "dns-bootstrap"
      ManagedBy   = "terraform"
    }
  }
}
