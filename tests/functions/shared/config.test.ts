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

  it('defaults the order age limit to 60 s and the refused visibility to 900 s', () => {
    // Act
    const config = loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: undefined, REFUSED_VISIBILITY_SECONDS: undefined });

    // Assess
    expect(config).toMatchObject({ MAX_ORDER_AGE_SECONDS: 60, REFUSED_VISIBILITY_SECONDS: 900 });
  });

  it('names a bad order age limit and a bad refused visibility in one line', () => {
    // Act
    const message = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: '3601', REFUSED_VISIBILITY_SECONDS: '43201' }));
    const zero = configError(() => loadConfig(tradeProcessor.configSchema, { ...process.env, MAX_ORDER_AGE_SECONDS: '0', REFUSED_VISIBILITY_SECONDS: '15m' }));

    // Assess
    expect(message).toBe('Invalid function configuration: MAX_ORDER_AGE_SECONDS: must be at most 3600; REFUSED_VISIBILITY_SECONDS: must be at most 43200');
    expect(zero).toBe('Invalid function configuration: MAX_ORDER_AGE_SECONDS: must be at least 1; REFUSED_VISIBILITY_SECONDS: must be a whole number');
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
