variable "project" {
  type        = string
  description = "Short application name, the first part of the default bucket names (the environments' project)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}$", var.project))
    error_message = "project must be 2-15 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "account_id" {
  type        = string
  description = "AWS account the state buckets belong to; the providers refuse any other."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id)) && !contains(["000000000000", "111122223333"], var.account_id)
    error_message = "account_id must be a real 12-digit AWS account ID (not 000000000000 or the documentation account 111122223333)."
  }
}

variable "primary_region" {
  type        = string
  description = "Region of the bucket the environments' backends use."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.primary_region))
    error_message = "primary_region must be an AWS region name such as us-east-1."
  }
}

variable "replica_region" {
  type        = string
  description = "Region of the replica bucket, the backend to switch to when primary_region is lost."
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.replica_region))
    error_message = "replica_region must be an AWS region name such as us-east-2."
  }

  validation {
    condition     = var.replica_region != var.primary_region
    error_message = "replica_region must differ from primary_region: a replica in the same region does not survive its loss."
  }
}

variable "bucket_name_prefix" {
  type        = string
  description = "Globally unique prefix of the two bucket names (\"<prefix>-<region>\"). null uses \"<project>-tfstate-<account_id>\"."
  default     = null

  validation {
    condition     = var.bucket_name_prefix == null || can(regex("^[a-z0-9][a-z0-9-]{1,40}[a-z0-9]$", coalesce(var.bucket_name_prefix, "ok")))
    error_message = "bucket_name_prefix must be 3-42 lower-case letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "environments" {
  type        = list(string)
  description = "Environments whose state lives in this account's bucket; the backend_hcl outputs have one entry each."

  validation {
    condition     = length(var.environments) > 0 && alltrue([for e in var.environments : contains(["dev", "staging", "prod"], e)])
    error_message = "environments must list at least one of dev, staging and prod."
  }
}

variable "state_key_prefix" {
  type        = string
  description = "First part of each environment's state key (\"<prefix>/<env>/terraform.tfstate\")."
  default     = "trading-platform"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*$", var.state_key_prefix))
    error_message = "state_key_prefix must be lower-case letters, digits and hyphens."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days a replaced state version is kept in each bucket before it expires."
  default     = 365
}

variable "replication_time_control" {
  type        = bool
  description = "S3 Replication Time Control: AWS replicates 99.99% of objects within 15 minutes and publishes replication metrics. Without it most objects replicate in seconds, with no bound."
  default     = true
}

variable "ci_principal_arns" {
  type        = list(string)
  description = "IAM principals (the Atlantis server's role) that may assume each environment's <project>-<env>-plan and <project>-<env>-apply roles. Empty creates neither."
  default     = []

  validation {
    condition     = alltrue([for a in var.ci_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", a)) && !endswith(a, ":root")])
    error_message = "ci_principal_arns must be IAM role or user ARNs (arn:aws:iam::<account>:role/<name>), not an account root: a root principal would let every role of that account plan and apply."
  }
}

variable "ci_credential_source" {
  type        = string
  description = "Where the CI server's own credentials come from, for the credential_source of the profiles in the ci_aws_config output: Ec2InstanceMetadata (an EC2 instance profile), EcsContainer (an ECS task role) or Environment."
  default     = "Ec2InstanceMetadata"

  validation {
    condition     = contains(["Ec2InstanceMetadata", "EcsContainer", "Environment"], var.ci_credential_source)
    error_message = "ci_credential_source must be Ec2InstanceMetadata, EcsContainer or Environment (the AWS CLI's credential_source values)."
  }
}
