// The drill's simulated AWS raises the names the models give (tooling/drill/aws-errors.ts), so a
// template whose Retry misspells one fails the drill: the retry never matches what is raised.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const template = vi.hoisted(() => ({ edit: (source: string) => source }));

vi.mock('../../../tooling/asl/template.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../tooling/asl/template.ts')>();
  return {
    ...real,
    renderStateMachine: (vars: Record<string, string | number | boolean>, path?: string) =>
      JSON.parse(real.renderTemplate(template.edit(real.readStateMachineTemplate(path)), vars)),
  };
});

const { SFN_ERRORS } = await import('../../../tooling/drill/aws-errors.ts');
const { moduleDefaults } = await import('../../../tooling/drill/figures.ts');
const { runScenario } = await import('../../../tooling/drill/run.ts');
const { SCENARIOS } = await import('../../../tooling/drill/scenarios.ts');
const { serviceModel } = await import('../../../tooling/aws-models/sdk-models.ts');
const { sdkErrorNames } = await import('../../../tooling/aws-models/step-functions.ts');

const figures = moduleDefaults();
const throttled = SCENARIOS.find((s) => s.name === 'promotion-throttled')!;
const busy = {
  ...throttled,
  name: 'promotion-refused-while-busy',
  title: 'Failover refused once because the global cluster is busy, then accepted (Retry)',
  world: { promotionErrors: [{ name: SFN_ERRORS.rdsInvalidGlobalClusterState, message: 'Global cluster trading-dev is busy.' }] },
};

describe('the drill raises the errors the models name', () => {
  beforeEach(() => {
    template.edit = (source) => source;
  });

  it('raises only names the services can raise', () => {
    for (const [service, names] of [['rds', [SFN_ERRORS.rdsGlobalClusterNotFound, SFN_ERRORS.rdsDbClusterNotFound, SFN_ERRORS.rdsInvalidGlobalClusterState, SFN_ERRORS.rdsInvalidDbClusterState, SFN_ERRORS.rdsGeneric]], ['cloudwatch', [SFN_ERRORS.cloudWatchInternal]], ['lambda', [SFN_ERRORS.lambdaResourceNotFound]]] as const) {
      const known = sdkErrorNames(serviceModel(service)!)!;
      for (const n of names) expect(known.has(n), n).toBe(true);
    }
    expect(SFN_ERRORS.rdsGeneric).toBe('Rds.RdsException');
  });

  it('retries throttling and a busy global cluster with the template as it is', async () => {
    for (const scenario of [throttled, busy]) {
      const result = await runScenario(scenario, figures);
      expect(result.mismatches, scenario.name).toEqual([]);
      expect(result.status).toBe('SUCCEEDED');
    }
  });

  it('fails when the template retries a name RDS never raises (Rds.ThrottlingException)', async () => {
    template.edit = (source) => source.split('"Rds.RdsException"').join('"Rds.ThrottlingException"');
    const result = await runScenario(throttled, figures);
    expect(result.status).toBe('FAILED');
    expect(result.mismatches).not.toEqual([]);
  });

  it('fails when the template retries the Java-suffix form (Rds.InvalidGlobalClusterStateFaultException)', async () => {
    template.edit = (source) => source.split('"Rds.InvalidGlobalClusterStateException"').join('"Rds.InvalidGlobalClusterStateFaultException"');
    const result = await runScenario(busy, figures);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('Rds.InvalidGlobalClusterStateException');
  });
});
