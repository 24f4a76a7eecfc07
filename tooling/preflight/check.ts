// A preflight check: a named function from the environment and the AWS clients to rows of the table.
// Checks are pure over their injected clients; the runner turns a thrown AWS error into a failing row
// that names the IAM actions the check needs, so one missing permission does not hide the others.
import type { PreflightClients } from './clients.ts';
import type { PreflightEnvironment } from './environment.ts';

export interface CheckRow {
  check: string;
  ok: boolean;
  /** What was found, one sentence. */
  result: string;
  /** What to do about a failure ('' when it passed). */
  fix: string;
}

export interface PreflightCheck {
  name: string;
  /** IAM actions the check calls, named when a call is refused. */
  actions: readonly string[];
  run(env: PreflightEnvironment, clients: PreflightClients): Promise<CheckRow[]>;
}

export const pass = (check: string, result: string): CheckRow => ({ check, ok: true, result, fix: '' });
export const fail = (check: string, result: string, fix: string): CheckRow => ({ check, ok: false, result, fix });

/** The name and message of an AWS SDK or DNS error, on one line. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const name = err.name === 'Error' && typeof code === 'string' ? code : err.name;
    return `${name}: ${err.message}`.replace(/\s+/g, ' ').trim();
  }
  return String(err);
}

const NETWORK_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'TimeoutError']);

/** How to fix a check that could not run: the network, or credentials that allow its calls. */
export function unreachableFix(err: unknown, actions: readonly string[]): string {
  const name = err instanceof Error ? ((err as { code?: unknown }).code as string | undefined) ?? err.name : '';
  if (NETWORK_ERRORS.has(name)) return 'this machine cannot reach the AWS API endpoints: check the network or proxy (HTTPS_PROXY), then run make preflight again';
  return `use credentials for the environment's account that allow ${actions.join(', ')} (aws sts get-caller-identity shows which are in use), then run make preflight again`;
}

export async function runChecks(checks: readonly PreflightCheck[], env: PreflightEnvironment, clients: PreflightClients): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const c of checks) {
    try {
      rows.push(...(await c.run(env, clients)));
    } catch (err) {
      rows.push(fail(c.name, `could not check: ${describeError(err)}`, unreachableFix(err, c.actions)));
    }
  }
  return rows;
}
