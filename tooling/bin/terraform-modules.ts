#!/usr/bin/env -S npx tsx
// npm run tf:validate | tf:test
//   validate: `terraform validate` in every environment and module, inner modules included (no backend,
//             no credentials).
//   test:     `terraform test` in every module that has tests/*.tftest.hcl (mock providers only).
// The bootstrap roots (bootstrap/<name>/, inner modules included) count as modules for both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { $ } from 'zx';
import { parseArgs } from '../core/args.ts';
import { runCli } from '../core/cli.ts';
import { ENVIRONMENTS, findMirror, requireTerraform, terraformEnv, writeCliConfig } from '../terraform/workspace.ts';
import { repoRoot } from '../core/paths.ts';
import { UserError } from '../core/errors.ts';
import { bootstrapDirs, bootstrapName, moduleDirs, moduleName } from '../terraform/modules.ts';


await runCli('terraform-modules', async () => {
  const [command, ...only] = parseArgs(process.argv.slice(2), {}).positionals;
  if (command !== 'validate' && command !== 'test') throw new UserError('Usage: npm run tf:validate | tf:test [-- module...]');
  const bin = await requireTerraform();
  const cliConfig = writeCliConfig(await findMirror());

  const targets: { dir: string; id: string }[] = [];
  for (const dir of moduleDirs()) {
    const name = moduleName(dir);
    if (!only.length || only.includes(name)) targets.push({ dir, id: `module-${name.replaceAll('/', '-')}` });
  }
  for (const dir of bootstrapDirs()) {
    const name = bootstrapName(dir);
    if (!only.length || only.includes(name)) targets.push({ dir, id: name.replaceAll('/', '-') });
  }
  if (command === 'validate') {
    for (const e of ENVIRONMENTS) if (!only.length || only.includes(e)) targets.push({ dir: join(repoRoot, 'environments', e), id: e });
  }

  let failed = 0;
  for (const t of targets) {
    // `terraform validate` cannot run in a module that declares configuration_aliases: it wants the
    // aliased providers configured. Those modules are validated by the environments that call them
    // and by their own `terraform test` suites.
    if (command === 'validate' && t.id.startsWith('module-') && readFileSync(join(t.dir, 'versions.tf'), 'utf8').includes('configuration_aliases')) {
      console.log(`-- ${relative(repoRoot, t.dir)}: validated through the environments (configuration_aliases)`);
      continue;
    }
    if (command === 'test' && !(existsSync(join(t.dir, 'tests')) && readdirSync(join(t.dir, 'tests')).some((f) => f.endsWith('.tftest.hcl')))) {
      console.log(`-- ${relative(repoRoot, t.dir)}: no terraform tests`);
      continue;
    }
    const env = terraformEnv(cliConfig, `${t.id}-${command}`, 'offline');
    const tf = $({ cwd: t.dir, env, nothrow: true, quiet: true });
    const started = performance.now();
    const init = await tf`${bin} init -backend=false -input=false`;
    const run = init.exitCode === 0 ? await (command === 'validate' ? tf`${bin} validate -no-color` : tf`${bin} test -no-color`) : init;
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    if (run.exitCode === 0) {
      const tail = command === 'test' ? (run.stdout.trim().split('\n').pop() ?? '') : 'valid';
      console.log(`ok ${relative(repoRoot, t.dir)} (${secs} s): ${tail}`);
    } else {
      failed++;
      console.log(`FAIL ${relative(repoRoot, t.dir)} (${secs} s)\n${run.stdout}${run.stderr}`);
    }
  }
  return failed ? 1 : 0;
});
