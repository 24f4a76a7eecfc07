// Lifecycle figures: regional-stack and orchestrator defaults, and an environment's inputs without a plan.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycleFigures, optionalDefault, regionalDefaults } from '../../../../tooling/drill/lifecycle/figures.ts';

describe('lifecycle figures', () => {
  it('reads the queue, processor and health defaults from regional-stack', () => {
    expect(regionalDefaults()).toMatchObject({ flagCacheSeconds: 5, healthProbeTimeoutMs: 1000, maxReceiveCount: 5, batchSize: 10, visibilityTimeoutSeconds: 180, processorConcurrency: 10 });
  });

  it('reads an optional() default inside a nested object', () => {
    const tf = 'variable "s" {\n  type = object({\n    a = optional(object({\n      t = optional(number, 7)\n    }), {})\n    b = optional(object({\n      t = optional(number, 9)\n    }), {})\n  })\n}\n';
    expect(optionalDefault(tf, 'f.tf', 's', 't', 'b')).toBe('9');
    expect(() => optionalDefault(tf, 'f.tf', 's', 'u', 'a')).toThrow(/gives a\.u no literal optional\(\) default/);
  });

  it('uses the module defaults without an env', async () => {
    expect(await lifecycleFigures(null)).toMatchObject({ env: null, requireApproval: true, autoFailoverEnabled: false, regions: { primary: 'us-east-1', secondary: 'us-east-2' } });
  });

  it('reads an environment\'s tfvars when it has no plan, and says so', async () => {
    const root = mkdtempSync(join(tmpdir(), 'drill-figures-'));
    mkdirSync(join(root, 'environments', 'qa'), { recursive: true });
    writeFileSync(join(root, 'environments', 'qa', 'terraform.tfvars'), 'primary_region = "us-west-2"\nsecondary_region = "us-east-2"\nfailover = {\n  require_approval = false\n  auto_failover_enabled = true\n  probe_failure_datapoints = 4\n}\n');
    const f = await lifecycleFigures('qa', root);
    expect(f).toMatchObject({ env: 'qa', requireApproval: false, autoFailoverEnabled: true, probeFailureDatapoints: 4, approvalTimeoutSeconds: 1800, healthCheckFailureThreshold: 3, regions: { primary: 'us-west-2', secondary: 'us-east-2' } });
    expect(f.source).toContain('environments/qa/terraform.tfvars');
  });

  it('explains what to do for an env with neither plan nor tfvars', async () => {
    await expect(lifecycleFigures('nowhere', mkdtempSync(join(tmpdir(), 'drill-figures-')))).rejects.toThrow(/run `make plan ENV=nowhere` first/);
  });
});
