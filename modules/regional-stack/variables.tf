variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name, normally <project>-<environment>. Identical in both regions."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  type        = string
  description = "Environment name: dev, staging or prod."

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be one of dev, staging or prod."
  }
}

variable "role" {
  type        = string
  description = "Initial role of this region: primary (writer, processing on) or secondary (standby). Only initial defaults depend on it."

  validation {
    condition     = contains(["primary", "secondary"], var.role)
    error_message = "role must be primary or secondary."
  }
}

variable "vpc_cidr" {
  type        = string
  description = "CIDR block of this region's VPC; split into three private subnets."

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be a valid IPv4 CIDR block of /24 or larger."
  }
}

variable "peer_vpc_cidr" {
  type        = string
  description = "CIDR block of the other region's VPC. Must not overlap vpc_cidr, so the regions can be peered later."

  validation {
    condition = !(
      cidrhost(var.vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.peer_vpc_cidr, 0), split("/", var.vpc_cidr)[1]), 0) ||
      cidrhost(var.peer_vpc_cidr, 0) == cidrhost(format("%s/%s", cidrhost(var.vpc_cidr, 0), split("/", var.peer_vpc_cidr)[1]), 0)
    )
    error_message = "vpc_cidr and peer_vpc_cidr overlap: choose disjoint ranges."
  }
}

variable "availability_zones" {
  type        = list(string)
  description = "Exactly three availability zones of this region for the private subnets."

  validation {
    condition     = length(var.availability_zones) == 3 && length(distinct(var.availability_zones)) == 3
    error_message = "availability_zones must list three distinct zones."
  }
}

variable "kms_key_arns" {
  type = object({
    database = string
    data     = string
    logs     = string
  })
  description = "This region's customer-managed keys from global-data (the replica keys in the secondary)."
}
