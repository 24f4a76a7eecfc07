// `make gameday ENV=<env> LIVE=1 [FORCE=1]`: arguments in, refusals as one line (exit 2), the game day
// run over the ports the caller makes, the report written; exit 0 when the verdict passes, 1 when it
// fails. tooling/bin/gameday.ts passes the real ports; the tests pass mocks and a fake clock.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { integer, parseArgs } from '../core/args.ts';
import { guarded, type Io } from '../core/cli.ts';
import { UserError } from '../core/errors.ts';
import { repoRoot } from '../core/paths.ts';
import { parseHcl, type HclValue } from '../terraform/hcl.ts';
import { parseEnvironment } from '../terraform/workspace.ts';
import { gamedayEnvironmentFrom, type GamedayEnvironment } from './environment.ts';
import type { GamedayPorts } from './ports.ts';
import { formatGamedayMarkdown, reportStem, toGamedayJson } from './report.ts';
import { DEFAULT_OPTIONS, runGameday, type GamedayOptions } from './run.ts';

export const USAGE = 'usage: gameday --env dev|staging|prod --live [--force] --cert <client.pem> --key <client.key> [--ca <ca.pem>] [--out build/gameday] [--orders-per-second 1-50]';

export interface Tls {
  cert: string;
  key: string;
  ca?: string;
}

export interface GamedayDeps {
  /** The ports of a run against `env`, with the client certificate for the shared name. */
  ports: (env: GamedayEnvironment, tls: Tls) => GamedayPorts;
  /** LIVE and FORCE from the environment (make passes LIVE=1, FORCE=1). */
  live?: string | undefined;
  force?: string | undefined;
  root?: string;
  /** Where relative --out, --cert, --key and --ca paths start (the directory the command was typed in). */
  cwd?: string;
  options?: Partial<GamedayOptions>;
  /** The report is marked as a mocked run (tests and the documentation's sample). */
  mocked?: boolean;
}

const OFFLINE =
  'make gameday switches the real platform over to the secondary and back while sending real orders, so it only runs live: LIVE=1 (with credentials for the environment\'s account) does that; ' +
  'to rehearse offline, run the lifecycle drill: npm run --silent drill -- --lifecycle --scenario planned-switchover-and-failback --env <env>.';

function pem(path: string | undefined, what: 'cert' | 'key' | 'ca', cwd: string): string | undefined {
  if (path === undefined) return undefined;
  const full = isAbsolute(path) ? path : join(cwd, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `--${what} ${path} does not exist.` : `--${what} ${path} cannot be read (${code ?? String(error)}).`);
  }
  const expected = what === 'key' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : /-----BEGIN CERTIFICATE-----/;
  if (!expected.test(text)) throw new UserError(`--${what} ${path} is not a PEM ${what === 'key' ? 'private key' : 'certificate'}.`);
  return text;
}

export function gamedayCommand(argv: readonly string[], io: Io, deps: GamedayDeps): Promise<number> {
  return guarded('gameday', io, async () => {
    const args = parseArgs(argv, { values: ['env', 'out', 'orders-per-second', 'cert', 'key', 'ca'], flags: ['live', 'force'] });
    if (args.help) {
      io.stdout(`${USAGE}\nSwitches over to the secondary and back under a steady order load, and measures DNS, the first order processed in the new region, lost and refused orders and unavailability.\n`);
      return 0;
    }
    if (args.positionals.length) throw new UserError(`Unexpected argument ${args.positionals[0]}: ${USAGE}`);
    if (!args.flags.has('live') && deps.live !== '1') throw new UserError(OFFLINE);
    const envName = parseEnvironment(args.values.get('env'));
    if (envName === 'prod' && !args.flags.has('force') && deps.force !== '1') {
      throw new UserError('A game day in prod moves real trading between regions twice and sends real orders: add FORCE=1 (--force) once the change is approved, or run it in dev or staging.');
    }
    const perSecond = integer(args, 'orders-per-second', 1, 50, DEFAULT_OPTIONS.ordersPerSecond);
    const cwd = deps.cwd ?? process.cwd();
    if (!args.values.has('cert') || !args.values.has('key')) {
      throw new UserError('--cert and --key are required: POST /trades takes orders only with a client certificate from the API\'s truststore (docs/client-authentication.md).');
    }
    const tls: Tls = { cert: pem(args.values.get('cert'), 'cert', cwd)!, key: pem(args.values.get('key'), 'key', cwd)!, ...(args.values.has('ca') ? { ca: pem(args.values.get('ca'), 'ca', cwd)! } : {}) };

    const root = deps.root ?? repoRoot;
    const file = `environments/${envName}/terraform.tfvars`;
    if (!existsSync(join(root, file))) throw new UserError(`${file} does not exist.`);
    const env = gamedayEnvironmentFrom(envName, file, (await parseHcl(file, readFileSync(join(root, file), 'utf8'))) as HclValue);

    const result = await runGameday(env, { ...DEFAULT_OPTIONS, ...deps.options, ordersPerSecond: perSecond }, deps.ports(env, tls));
    const outArg = args.values.get('out') ?? 'build/gameday';
    const outDir = isAbsolute(outArg) ? outArg : join(outArg === 'build/gameday' ? root : cwd, outArg);
    mkdirSync(outDir, { recursive: true });
    const stem = reportStem(result);
    writeFileSync(join(outDir, `${stem}.md`), formatGamedayMarkdown(result, { mocked: deps.mocked ?? false }));
    writeFileSync(join(outDir, `${stem}.json`), `${JSON.stringify(toGamedayJson(result), null, 2)}\n`);
    io.stdout(`Game day ${result.verdict.ok ? 'PASS' : 'FAIL'}: ${join(outDir, `${stem}.md`)} and .json${result.verdict.reasons.length ? `\n${result.verdict.reasons.map((r) => `  - ${r}`).join('\n')}` : ''}\n`);
    return result.verdict.ok ? 0 : 1;
  });
}
