// Configuration is validated at init; a bad environment names every offending variable.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as failoverValidator from '../../../functions/failover-validator/config.ts';
import * as health from '../../../functions/health/config.ts';
import { ConfigError, loadConfig } from '../../../functions/shared/config.ts';
import * as tradeProcessor from '../../../functions/trade-processor/config.ts';

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('trade-processor configuration', () => {
  it('reads a complete environment into typed values', () => {
    // Act
    const config = loadConfig(tradeProcessor.configSchema, { ...process.env, DB_PORT: '6543', DB_SSL: 'true', DB_AUTH: 'iam', DB_PASSWORD: undefined });

    // Assess
    expect(config).toMatchObject({ DB_PORT: 6543, DB_SSL: true, DB_AUTH: 'iam', SESSION_TTL_SECONDS: 86400 });
  });

  it('names a missing variable', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, DB_HOST: undefined }));

    // Assess
    expect(message).toBe('Invalid function configuration: DB_HOST is not set');
  });

  it('names every invalid variable in one message', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, DB_PORT: '70000', DB_SSL: 'yes', SESSION_TTL_SECONDS: '1h' }));

    // Assess
    expect(message).toBe(
      'Invalid function configuration: DB_PORT: must be at most 65535; DB_SSL: must be "true" or "false"; SESSION_TTL_SECONDS: must be a whole number',
    );
  });

  it('requires DB_PASSWORD only when DB_AUTH is password', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, DB_AUTH: 'password', DB_PASSWORD: undefined }));

    // Assess
    expect(message).toBe('Invalid function configuration: DB_PASSWORD: is required when DB_AUTH is "password"');
  });

  it('defaults the order age limit to 60 s and the serving flag lease to 150 s', () => {
    // Act
    const config = loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: undefined, SERVING_LEASE_SECONDS: undefined });

    // Assess
    expect(config).toMatchObject({ MAX_ORDER_AGE_SECONDS: 60, SERVING_LEASE_SECONDS: 150 });
  });

  it('names a bad order age limit and a bad lease in one line', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: '3601', SERVING_LEASE_SECONDS: '3601' }));
    const zero = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: '0', SERVING_LEASE_SECONDS: '60' }));
    const unit = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, SERVING_LEASE_SECONDS: '150s' }));

    // Assess: a lease under 1.5 sync intervals would let one late sync take the active region out
    expect(message).toBe('Invalid function configuration: SERVING_LEASE_SECONDS: must be at most 3600; MAX_ORDER_AGE_SECONDS: must be at most 3600');
    expect(zero).toBe('Invalid function configuration: SERVING_LEASE_SECONDS: must be at least 90; MAX_ORDER_AGE_SECONDS: must be at least 1');
    expect(unit).toBe('Invalid function configuration: SERVING_LEASE_SECONDS: must be a whole number');
  });

  it('refuses an unknown DB_AUTH', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, DB_AUTH: 'token' }));

    // Assess
    expect(message).toBe('Invalid function configuration: DB_AUTH: must be "iam" (in AWS) or "password" (local runs only)');
  });
});

describe('health configuration', () => {
  it('names a blank variable and a queue URL that is not one', () => {
    // Act
    const message = configError(() => loadConfig(health.configSchema, { ...process.env, SERVING_PARAMETER: '  ', QUEUE_URL: 'trade-orders' }));

    // Assess
    expect(message).toBe(
      'Invalid function configuration: SERVING_PARAMETER: must not be empty; QUEUE_URL: must be an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>)',
    );
  });

  it('needs the database login the writer check uses', () => {
    // Act
    const message = configError(() => loadConfig(health.configSchema, { ...process.env, DB_NAME: undefined, DB_SSL: 'maybe' }));

    // Assess
    expect(message).toBe('Invalid function configuration: DB_NAME is not set; DB_SSL: must be "true" or "false"');
  });

  it('defaults the serving flag lease to 150 s, as the trade processor does, and refuses one under 90 s', () => {
    const config = loadConfig(health.configSchema, { ...process.env, SERVING_LEASE_SECONDS: undefined });
    const message = configError(() => loadConfig(health.configSchema, { ...process.env, SERVING_LEASE_SECONDS: '60' }));

    expect(config.SERVING_LEASE_SECONDS).toBe(150);
    expect(message).toBe('Invalid function configuration: SERVING_LEASE_SECONDS: must be at least 90');
  });
});

describe('failover-validator configuration', () => {
  it('refuses a peer region equal to its own region', () => {
    // Act
    const message = configError(() => loadConfig(failoverValidator.configSchema, { ...process.env, AWS_REGION: 'us-east-2', PEER_REGION: 'us-east-2' }));

    // Assess
    expect(message).toBe("Invalid function configuration: PEER_REGION: must differ from this function's region (us-east-2)");
  });

  it('names a region that is not a region', () => {
    // Act
    const message = configError(() => loadConfig(failoverValidator.configSchema, { ...process.env, PEER_REGION: 'Ohio' }));

    // Assess
    expect(message).toBe('Invalid function configuration: PEER_REGION: must be an AWS region name such as us-east-1');
  });
});

describe('a handler with a bad environment', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.each([
    ['trade-processor', 'SESSIONS_TABLE'],
    ['health', 'PROBE_TIMEOUT_MS'],
    ['failover-validator', 'GLOBAL_CLUSTER_ID'],
  ])('%s fails at import with the variable named', async (fn, variable) => {
    // Prepare
    vi.stubEnv(variable, undefined);
    vi.resetModules();

    // Act
    const loading = import(`../../../functions/${fn}/handler.ts`);

    // Assess
    await expect(loading).rejects.toThrow(`Invalid function configuration: ${variable} is not set`);
  });
});
