// Client settings every function shares. Endpoints are never configured here: the SDK reads
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself, which is how local runs reach dynalite and
// s3rver. The only local knob the SDK lacks is path-style S3 addressing (S3_FORCE_PATH_STYLE).
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/** An AWS region name such as us-east-1 (or us-gov-west-1). */
export const REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export interface ClientOptions {
  /** Region for the client; omit to use AWS_REGION (the function's own region). */
  region?: string;
  /** Connect timeout in ms: a region that does not answer must fail fast, not at the Lambda timeout. */
  connectionTimeoutMs?: number;
  /** Whole-request timeout in ms. */
  requestTimeoutMs?: number;
  /** Attempts including the first (SDK standard retry mode). */
  maxAttempts?: number;
}

export function clientConfig(options: ClientOptions = {}) {
  return {
    ...(options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      requestTimeout: options.requestTimeoutMs ?? 10_000,
    },
  };
}

export function s3ClientConfig(options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  return { ...clientConfig(options), forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' };
}

/** "Name: message" of anything thrown, for log lines and report details. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = error.name === 'Error' && typeof code === 'string' ? code : error.name;
    const message = error.message || (error as { Code?: string }).Code || 'no message';
    return `${name}: ${message}`;
  }
  return String(error);
}
