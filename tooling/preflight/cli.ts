// `make preflight ENV=<env> LIVE=1`: reads the environment's inputs, runs every check against AWS and
// public DNS, prints the table. Exit 0 when every check passes, 1 when one fails, 2 on bad input
// (an unknown environment, no --live, unparsable tfvars).
import { parseArgs } from '../core/args.ts';
import { guarded, type Io } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { parseEnvironment } from '../terraform/workspace.ts';
import { runChecks, type PreflightCheck } from './check.ts';
import { CHECKS } from './checks/index.ts';
import type { PreflightClients } from './clients.ts';
import { loadEnvironment, type PreflightEnvironment } from './environment.ts';
import { formatTable } from './table.ts';

export interface PreflightDeps {
  clients: (env: PreflightEnvironment) => PreflightClients;
  root?: string;
  checks?: readonly PreflightCheck[];
  /** LIVE from the environment (make passes LIVE=1). */
  live?: string | undefined;
}

export function preflightCommand(argv: readonly string[], io: Io, deps: PreflightDeps): Promise<number> {
  return guarded('preflight', io, async () => {
    const args = parseArgs(argv, { values: ['env'], flags: ['live'] });
    if (args.help) {
      io.stdout('Usage: preflight --env dev|staging|prod --live\nChecks against AWS and public DNS that the first apply of the environment can finish (docs/first-deployment.md).\n');
      return 0;
    }
    if (args.positionals.length) throw new UserError(`Unexpected argument ${args.positionals[0]}: use --env <env> --live.`);
    const env = parseEnvironment(args.values.get('env'));
    if (!args.flags.has('live') && deps.live !== '1') {
      throw new UserError(`The preflight calls AWS (STS, Route 53, Lambda, RDS, EC2, S3) and public DNS with your credentials, so it only runs live: make preflight ENV=${env} LIVE=1 (or add --live).`);
    }
    const environment = await loadEnvironment(env, deps.root ?? repoRoot);
    const rows = await runChecks(deps.checks ?? CHECKS, environment, deps.clients(environment));
    io.stdout(`Preflight of ${env} (${environment.regions.primary} and ${environment.regions.secondary}):\n\n${formatTable(rows)}`);
    return rows.every((r) => r.ok) ? 0 : 1;
  });
}
