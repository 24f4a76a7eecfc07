// Module README inputs/outputs tables, generated from the HCL between the terraform-docs markers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expressionText, labelled, parseHcl, type HclBody, type HclValue } from '../terraform/hcl.ts';

export const BEGIN = '<!-- BEGIN_TF_DOCS -->';
export const END = '<!-- END_TF_DOCS -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\r?\n\s*/g, ' ').trim();
const code = (s: string) => `\`${cell(s).replace(/`/g, "'")}\``;

/** HCL-ish rendering of a default value (hcl2json gives JSON values and "${...}" expressions). */
function renderDefault(v: HclValue): string {
  if (typeof v === 'string') return /^\$\{[\s\S]*\}$/.test(v) ? expressionText(v)! : JSON.stringify(v);
  return JSON.stringify(v);
}

export interface ModuleDocs {
  inputs: { name: string; description: string; type: string; default: string | null; required: boolean }[];
  outputs: { name: string; description: string }[];
}

export async function readModuleDocs(dir: string): Promise<ModuleDocs> {
  const inputs: ModuleDocs['inputs'] = [];
  const outputs: ModuleDocs['outputs'] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.tf')).sort()) {
    const doc = await parseHcl(f, readFileSync(join(dir, f), 'utf8'));
    for (const { name, body } of labelled(doc, 'variable')) {
      const b = body as HclBody;
      const hasDefault = 'default' in b;
      inputs.push({
        name,
        description: typeof b.description === 'string' ? b.description : '',
        type: expressionText(b.type) ?? 'any',
        default: hasDefault ? renderDefault(b.default ?? null) : null,
        required: !hasDefault,
      });
    }
    for (const { name, body } of labelled(doc, 'output')) {
      outputs.push({ name, description: typeof body.description === 'string' ? body.description : '' });
    }
  }
  inputs.sort((a, b) => a.name.localeCompare(b.name));
  outputs.sort((a, b) => a.name.localeCompare(b.name));
  return { inputs, outputs };
}

export function renderDocs(d: ModuleDocs): string {
  const lines = [BEGIN, '## Inputs', ''];
  if (d.inputs.length === 0) lines.push('No inputs.');
  else {
    lines.push('| Name | Description | Type | Default | Required |', '|------|-------------|------|---------|:--------:|');
    for (const i of d.inputs) {
      lines.push(`| ${code(i.name)} | ${cell(i.description)} | ${code(i.type)} | ${i.default === null ? 'n/a' : code(i.default)} | ${i.required ? 'yes' : 'no'} |`);
    }
  }
  lines.push('', '## Outputs', '');
  if (d.outputs.length === 0) lines.push('No outputs.');
  else {
    lines.push('| Name | Description |', '|------|-------------|');
    for (const o of d.outputs) lines.push(`| ${code(o.name)} | ${cell(o.description)} |`);
  }
  lines.push(END);
  return lines.join('\n');
}

/** The README with its generated section replaced (or appended when the markers are missing). */
export function updateReadme(readme: string, generated: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) return `${readme.replace(/\s*$/, '')}\n\n${generated}\n`;
  return readme.slice(0, start) + generated + readme.slice(end + END.length);
}

export interface DocsResult {
  readme: string;
  status: 'current' | 'updated' | 'stale' | 'missing';
}

export async function docsForModule(dir: string, check: boolean, write: (file: string, text: string) => void): Promise<DocsResult> {
  const readme = join(dir, 'README.md');
  const generated = renderDocs(await readModuleDocs(dir));
  if (!existsSync(readme)) {
    if (check) return { readme, status: 'missing' };
    write(readme, `# ${dir.split(/[\\/]/).pop()}\n\n${generated}\n`);
    return { readme, status: 'updated' };
  }
  const current = readFileSync(readme, 'utf8');
  const next = updateReadme(current, generated);
  if (next === current) return { readme, status: 'current' };
  if (check) return { readme, status: 'stale' };
  write(readme, next);
  return { readme, status: 'updated' };
}
