# Who hears the platform: every subscriber gets all four topics, in both regions, so an alarm or an
# approval request reaches people whichever region is lost: the orchestrator's operations topic
# (recovery outcomes, approval requests, the watchdog and sync alarms; its operations_subscriptions)
# and the regional stack's alarm topic (alarm_subscriptions), once per region. plan-lint OPS011 fails a plan in which an alarm's or a
# state machine's topic has no subscription. Email and HTTPS subscribers must confirm (the link or the
# SubscriptionConfirmation message, valid for two days: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html);
# until then they receive nothing, so confirm right after the first apply (docs/first-deployment.md).
variable "notification_subscriptions" {
  type = list(object({
    protocol = string
    endpoint = string
  }))
  description = "Who receives alarms, recovery outcomes and approval requests: email addresses (protocol \"email\", each confirms once by mail) or HTTPS endpoints (protocol \"https\", e.g. a paging or chat webhook; it must confirm the subscription, https://docs.aws.amazon.com/sns/latest/dg/sns-subscribe-https-s-endpoints-to-topic.html). At least one."

  validation {
    condition     = length(var.notification_subscriptions) > 0
    error_message = "notification_subscriptions needs at least one subscriber: without one, alarms reach nobody and a recovery that needs approval times out."
  }

  validation {
    condition = alltrue([
      for s in var.notification_subscriptions :
      (s.protocol == "email" && can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", s.endpoint))) ||
      (s.protocol == "https" && can(regex("^https://[^\\s/]+", s.endpoint)))
    ])
    error_message = "Each of notification_subscriptions must be {protocol = \"email\", endpoint = an email address} or {protocol = \"https\", endpoint = an https:// URL}."
  }

  validation {
    condition     = length(distinct(var.notification_subscriptions)) == length(var.notification_subscriptions)
    error_message = "notification_subscriptions lists a subscriber twice."
  }

  # Reserved documentation names (RFC 2606) reach nobody: fine offline, refused for a live plan.
  validation {
    condition     = var.offline || alltrue([for s in var.notification_subscriptions : !can(regex("(^|[@./])(example\\.(com|net|org)|[a-z0-9-]+\\.(invalid|test|example))([:/]|$)", lower(s.endpoint)))])
    error_message = "notification_subscriptions still names a reserved documentation domain (example.com, .invalid, .test): set the real on-call addresses in environments/${var.environment}/terraform.tfvars before a live plan."
  }
}

