resource "aws_route53_zone" "this" {
  count    = var.hosted_zone_id == null ? 1 : 0
  provider = aws.primary

  name    = var.zone_name
  comment = "${var.name_prefix} shared API name"
}

locals {
  zone_id = var.hosted_zone_id == null ? aws_route53_zone.this[0].zone_id : var.hosted_zone_id
}
