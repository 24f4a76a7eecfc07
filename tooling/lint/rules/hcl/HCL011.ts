import { defineRule } from '../../rule.ts';

export const HCL011 = defineRule({
  id: 'HCL011', family: 'HCL', target: 'hcl', severity: 'high', title: 'File parses',
  checks: 'Every .tf file parses as HCL.',
  why: 'A syntax error stops every plan.',
  fix: 'Fix the syntax (terraform fmt shows the position).',
  equivalents: [],
  check(ctx) {
    // The context parsed every file; a file that did not parse carries Terraform's diagnostic.
    for (const f of ctx.files) {
      if (f.parseError !== undefined) ctx.emit(HCL011, f.rel, null, `${f.rel} does not parse: ${f.parseError}`);
    }
  },
});
