import { defineRule } from '../../rule.ts';
import { satisfies, versionFiles } from './versions.ts';

export const HCL009 = defineRule({
  id: 'HCL009', family: 'HCL', target: 'hcl', severity: 'medium', title: 'required_version matches .terraform-version',
  checks: 'required_version in every versions.tf admits the version in .terraform-version and names it.',
  why: 'CI, Atlantis and laptops must run the same Terraform.',
  fix: 'Set required_version = "~> <version>".',
  equivalents: ['tflint terraform_required_version (presence only)'],
  check(ctx) {
    const version = ctx.terraformVersion;
    if (!version) return;
    const minor = version.split('.').slice(0, 2).join('.');
    for (const { file: { rel }, terraform } of versionFiles(ctx)) {
      const required = terraform.map((t) => t.required_version).find((v) => typeof v === 'string') as string | undefined;
      if (!required || !satisfies(version, required) || !required.includes(minor)) {
        ctx.emit(HCL009, rel, 'terraform.required_version', required
          ? `${rel} requires Terraform "${required}", which does not match .terraform-version ${version}: set required_version = "~> ${version}".`
          : `${rel} sets no required_version: add required_version = "~> ${version}" (from .terraform-version).`);
      }
    }
  },
});
