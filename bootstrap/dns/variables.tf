variable "environment" {
  type        = string
  description = "Environment the zone is for: dev, staging or prod."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "project" {
  type        = string
  description = "Short application name (the environments' project), recorded in the tags."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.project))
    error_message = "project must be 2-15 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account the zone belongs to (the environment's account_id); the provider refuses any other."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id)) && !contains(["000000000000", "111122223333"], var.account_id)
    error_message = "account_id must be a real 12-digit AWS account ID (not 000000000000 or the documentation account 111122223333)."
  }
}

variable "region" {
  type        = string
  description = "Region of the provider. Route 53 is global; this only chooses the API endpoint the provider signs for."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "zone_name" {
  type        = string
  description = "DNS name of the public hosted zone (the environment's zone_name), delegated from its parent zone."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.zone_name)) && length(var.zone_name) <= 253
    error_message = "zone_name must be a lower-case DNS name without a trailing dot, such as dev.trading.acmemarkets.net."
  }

  validation {
    condition     = !can(regex("(^|\\.)example\\.(com|org|net)$", var.zone_name))
    error_message = "zone_name is under a domain reserved for documentation (example.com/org/net), which nobody can delegate: set the firm's zone in the environment's terraform.tfvars."
  }
}

variable "query_log_retention_days" {
  type        = number
  description = "Days CloudWatch Logs keeps the zone's DNS query log (us-east-1)."
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.query_log_retention_days)
    error_message = "query_log_retention_days must be a retention CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "key_admin_role_arn" {
  type        = string
  description = "IAM role that alone may disable, delete or re-policy the DNSSEC signing key (decision 006), such as the environment's <name_prefix>-kms-key-admin once it exists. Null: the account administers the key fully, as the role does not exist before the environment's first apply."
  default     = null

  validation {
    condition     = var.key_admin_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$", var.key_admin_role_arn))
    error_message = "key_admin_role_arn must be an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)."
  }
}
