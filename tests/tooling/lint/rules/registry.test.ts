// The rule registry and the files agree: every rule file under tooling/lint/rules/<family>/ is
// registered under the ID its file name gives, IDs are unique, no rule hides in a helper file, and every
// registered rule has its test at the mirror path, declaring passing and failing cases for that rule.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRule, RULE_ID, type Rule } from '../../../../tooling/lint/rule.ts';
import { FAMILIES, RULES } from '../../../../tooling/lint/rules/index.ts';
import { repoRoot } from '../../../../tooling/core/paths.ts';

const rulesDir = join(repoRoot, 'tooling', 'lint', 'rules');
const testsDir = join(repoRoot, 'tests', 'tooling', 'lint', 'rules');
const folders = readdirSync(rulesDir).filter((d) => statSync(join(rulesDir, d)).isDirectory()).sort();
const sources = folders.flatMap((folder) =>
  readdirSync(join(rulesDir, folder)).filter((f) => f.endsWith('.ts')).sort().map((f) => ({ folder, file: f, path: join(rulesDir, folder, f) })));
const ruleFiles = sources.filter((s) => RULE_ID.test(s.file.replace(/\.ts$/, '')));

async function exportsOf(path: string): Promise<[string, unknown][]> {
  return Object.entries(await import(pathToFileURL(path).href));
}

describe('rule registry', () => {
  it('has one family per folder, each folder named after its family', () => {
    expect(FAMILIES.map((f) => f.id.toLowerCase()).sort()).toEqual(folders);
  });

  it('registers every rule file under the ID its name gives, in its family, exported under that ID', async () => {
    for (const { folder, file, path } of ruleFiles) {
      const id = file.replace(/\.ts$/, '');
      const rules = (await exportsOf(path)).filter(([, v]) => isRule(v));
      expect(rules.map(([name]) => name), `${folder}/${file} exports exactly one rule, named ${id}`).toEqual([id]);
      const rule = rules[0]![1] as Rule;
      expect(rule.id, `${folder}/${file}`).toBe(id);
      expect(rule.family.toLowerCase(), `${folder}/${file}`).toBe(folder);
      expect(RULES.includes(rule), `${id} is listed in rules/${folder}/index.ts`).toBe(true);
    }
  });

  it('lists nothing but those files: every registered rule is the rule of rules/<family>/<ID>.ts', () => {
    const files = new Set(ruleFiles.map((s) => `${s.folder}/${s.file}`));
    for (const r of RULES) expect(files.has(`${r.family.toLowerCase()}/${r.id}.ts`), `${r.id} has its own file`).toBe(true);
    expect(RULES.length).toBe(ruleFiles.length);
  });

  it('has unique IDs', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('keeps rules out of helper files', async () => {
    for (const { folder, file, path } of sources.filter((s) => !ruleFiles.includes(s))) {
      const rules = (await exportsOf(path)).filter(([, v]) => isRule(v)).map(([name]) => name);
      expect(rules, `rules/${folder}/${file} is not named after a rule ID but exports a rule`).toEqual([]);
    }
  });
});

describe('rule tests', () => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s has its test beside the mirror path, with passing and failing cases', (id, rule) => {
    const folder = rule.family.toLowerCase();
    const file = join(testsDir, folder, `${id}.test.ts`);
    expect(existsSync(file), `${relative(repoRoot, file)} exists`).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`import { ${id} } from '../../../../../tooling/lint/rules/${folder}/${id}.ts';`);
    const call = text.indexOf(`describeRule(${id}, {`);
    expect(call, `${relative(repoRoot, file)} calls describeRule(${id}, { ... })`).toBeGreaterThanOrEqual(0);
    const body = text.slice(call);
    expect(body).toMatch(/\n {2}passes: \[\s*[^\]\s]/);
    expect(body).toMatch(/\n {2}fails: \{\s*[^}\s]/);
  });

  it('has no test file for a rule that is not registered', () => {
    const ids = new Set(RULES.map((r) => `${r.family.toLowerCase()}/${r.id}.test.ts`));
    const tests = readdirSync(testsDir).filter((d) => statSync(join(testsDir, d)).isDirectory())
      .flatMap((d) => readdirSync(join(testsDir, d)).filter((f) => f.endsWith('.test.ts')).map((f) => `${d}/${f}`));
    expect(tests.filter((t) => !ids.has(t))).toEqual([]);
  });
});
