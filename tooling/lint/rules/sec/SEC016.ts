import { getAll, type Obj } from '../../plan/index.ts';
import { defineRule } from '../../rule.ts';

const open = (v: unknown) => v === '0.0.0.0/0' || v === '::/0';

export const SEC016 = defineRule({
  id: 'SEC016', family: 'SEC', target: 'plan', severity: 'critical', title: 'No security group ingress from anywhere',
  checks: 'No ingress from 0.0.0.0/0 or ::/0 in aws_security_group ingress blocks, aws_security_group_rule (type ingress) or aws_vpc_security_group_ingress_rule.',
  why: 'The stack has no public entry point besides API Gateway; open ingress is always a mistake here.',
  fix: 'Allow the source security group (e.g. the Lambda SG) instead of a CIDR.',
  equivalents: ['Checkov CKV_AWS_24', 'Checkov CKV_AWS_25', 'Checkov CKV_AWS_277', 'Trivy AVD-AWS-0107'],
  check(ctx) {
    for (const sg of ctx.managedOf('aws_security_group')) {
      for (const ingress of getAll(sg.values, ['ingress'])) {
        const o = ingress as Obj;
        const cidrs = [...getAll(o, ['cidr_blocks']), ...getAll(o, ['ipv6_cidr_blocks'])].filter(open);
        if (cidrs.length) ctx.emit(SEC016, sg.address, `${sg.address} allows ingress from ${cidrs.join(', ')} on ports ${o.from_port}-${o.to_port}: allow a source security group instead.`);
      }
    }
    for (const r of ctx.managedOf('aws_security_group_rule')) {
      if (r.values.type !== 'ingress') continue;
      const cidrs = [...getAll(r.values, ['cidr_blocks']), ...getAll(r.values, ['ipv6_cidr_blocks'])].filter(open);
      if (cidrs.length) ctx.emit(SEC016, r.address, `${r.address} allows ingress from ${cidrs.join(', ')}: use source_security_group_id instead.`);
    }
    for (const r of ctx.managedOf('aws_vpc_security_group_ingress_rule')) {
      const cidrs = [r.values.cidr_ipv4, r.values.cidr_ipv6].filter(open);
      if (cidrs.length) ctx.emit(SEC016, r.address, `${r.address} allows ingress from ${cidrs.join(', ')}: use referenced_security_group_id instead.`);
    }
  },
});
