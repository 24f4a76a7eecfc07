mock_resource "aws_route53_zone" {
  defaults = {
    zone_id      = "Z0123456789ABCDEFGHIJ"
    name_servers = ["ns-101.awsdns-12.com", "ns-702.awsdns-23.net", "ns-1203.awsdns-34.org", "ns-1804.awsdns-45.co.uk"]
  }
}
