# The environment's public hosted zone, on its own, before the environment's first apply. The apply
# validates ACM certificates by DNS, which only succeeds once the parent zone delegates zone_name to
# this zone's name servers, and those are known only after the zone exists
# (hashicorp/terraform-provider-aws#13031). So: create the zone here, delegate it, then give its ID to
# the environment as hosted_zone_id.

resource "aws_route53_zone" "this" {
  name    = var.zone_name
  comment = "${var.project} ${var.environment}: the shared API name and its failover records (bootstrap/dns)."
  # A zone that still holds the environment's records is not deleted with them; delete those first.
  force_destroy = false
}
