variable "name_prefix" {
  type        = string
  description = "Prefix for every resource name, normally <project>-<environment>."

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

variable "zone_name" {
  type        = string
  description = "DNS zone that holds the shared API name (e.g. trading.example.com)."

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.zone_name))
    error_message = "zone_name must be a lower-case DNS name such as trading.example.com."
  }
}

variable "hosted_zone_id" {
  type        = string
  description = "ID of an existing Route 53 hosted zone for zone_name. Null creates the zone."
  default     = null
}
