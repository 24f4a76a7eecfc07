import type { HclValue } from '../../../terraform/hcl.ts';
import { defineRule } from '../../rule.ts';
import { versionFiles } from './versions.ts';

export const HCL008 = defineRule({
  id: 'HCL008', family: 'HCL', target: 'hcl', severity: 'high', title: 'hashicorp/aws pinned ~> 5.100',
  checks: 'Every versions.tf requires hashicorp/aws with version "~> 5.100".',
  why: 'Provider 6.x changes region handling; only 5.100 is in the offline mirror.',
  fix: 'Set version = "~> 5.100".',
  equivalents: ['tflint terraform_required_providers (presence only)'],
  check(ctx) {
    for (const { file: { rel }, terraform } of versionFiles(ctx)) {
      const providers = terraform.flatMap((t) => (Array.isArray(t.required_providers) ? t.required_providers : [t.required_providers]))
        .filter((p): p is { [k: string]: HclValue } => !!p && typeof p === 'object' && !Array.isArray(p));
      const aws = providers.map((p) => p.aws).find((a) => a && typeof a === 'object') as { [k: string]: HclValue } | undefined;
      if (!aws || aws.source !== 'hashicorp/aws' || aws.version !== '~> 5.100') {
        ctx.emit(HCL008, rel, 'terraform.required_providers.aws', aws
          ? `${rel} pins hashicorp/aws as ${JSON.stringify(aws.version ?? null)} (source ${JSON.stringify(aws.source ?? null)}): set source = "hashicorp/aws", version = "~> 5.100".`
          : `${rel} does not require hashicorp/aws: add aws = { source = "hashicorp/aws", version = "~> 5.100" } to required_providers.`);
      }
    }
  },
});
