// Retry policy of the reference client: which outcomes are worth another attempt, and how long to wait
// before it (exponential backoff with full jitter:
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first retry waits up to this long; each later one up to twice the previous bound. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
}

export const DEFAULT_POLICY: BackoffPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 5_000 };

/** The wait before attempt `next` (2 for the first retry): uniform in [0, min(max, base * 2^(next-2))). */
export function backoffDelay(next: number, policy: BackoffPolicy, random: () => number): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, next - 2));
  return Math.floor(random() * bound);
}

/**
 * 503: the region that answered is not the active one (the API's own answer after a failover) or is
 * overloaded; 429: throttled. Both are answered again after the name is resolved again.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Socket-level failures where another connection, to a freshly resolved address, may succeed. */
const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export interface TransportFailure {
  /** Node's error code (ECONNRESET, ERR_SSL_..., CERT_HAS_EXPIRED). */
  code: string | undefined;
  message: string;
  /** The TLS handshake had completed when the connection failed. */
  afterHandshake: boolean;
}

export type FailureKind = 'retry' | 'client-certificate-refused' | 'server-certificate' | 'fatal';

/** What a failed connection means for the next attempt. */
export function classifyFailure(f: TransportFailure): FailureKind {
  const code = f.code ?? '';
  // The server's TLS alert about our certificate: certificate required, unknown CA, bad or expired
  // certificate. Another attempt sends the same certificate.
  if (/^ERR_SSL_(TLSV13_ALERT_CERTIFICATE_REQUIRED|TLSV1_ALERT_UNKNOWN_CA|SSLV3_ALERT_BAD_CERTIFICATE|SSLV3_ALERT_CERTIFICATE_EXPIRED|SSLV3_ALERT_CERTIFICATE_REVOKED|SSLV3_ALERT_CERTIFICATE_UNKNOWN|TLSV1_ALERT_ACCESS_DENIED|TLSV1_ALERT_DECRYPT_ERROR)$/.test(code)) {
    return 'client-certificate-refused';
  }
  // Our check of the server's certificate (wrong CA, wrong name, expired).
  if (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID/.test(code) && !code.startsWith('ERR_SSL_')) return 'server-certificate';
  if (RETRYABLE_CODES.has(code)) return 'retry';
  return 'fatal';
}
