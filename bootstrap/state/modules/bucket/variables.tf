variable "name" {
  type        = string
  description = "Globally unique bucket name."

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name)) && !strcontains(var.name, "--")
    error_message = "name must be 3-63 characters of lower-case letters, digits and single hyphens, starting and ending with a letter or digit."
  }
}

variable "noncurrent_version_expiration_days" {
  type        = number
  description = "Days a replaced state version is kept before it expires (the history to roll back to)."

  validation {
    condition     = var.noncurrent_version_expiration_days >= 30 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of at least 30: state history is the way back from a bad apply."
  }
}
