// The metrics table: each row cited, and every alarm the modules define on an AWS metric matches a row.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AWS_METRICS, awsMetric, dimensionsMatch } from '../../../tooling/aws-models/cloudwatch-metrics.ts';
import { parseHcl } from '../../../tooling/terraform/hcl.ts';
import { repoRoot } from '../../../tooling/core/paths.ts';

const tfFiles = (dir: string): string[] => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  if (statSync(p).isDirectory()) return n === 'tests' || n.startsWith('.') ? [] : tfFiles(p);
  return n.endsWith('.tf') ? [p] : [];
});

describe('AWS metrics table', () => {
  it('cites an AWS documentation page for every row, once per metric', () => {
    for (const m of AWS_METRICS) {
      expect(m.namespace).toMatch(/^AWS\//);
      expect(m.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(m.dimensionSets.length).toBeGreaterThan(0);
    }
    const keys = AWS_METRICS.map((m) => `${m.namespace} ${m.metric}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches dimension sets exactly, in any order', () => {
    const rpo = awsMetric('AWS/RDS', 'AuroraGlobalDBRPOLag')!;
    expect(dimensionsMatch(rpo, ['DBClusterIdentifier'])).toBe(true);
    expect(dimensionsMatch(rpo, ['DBInstanceIdentifier'])).toBe(false);
    expect(dimensionsMatch(awsMetric('AWS/ApiGateway', 'Latency')!, ['Stage', 'ApiName'])).toBe(true);
    expect(dimensionsMatch(awsMetric('AWS/ApiGateway', 'Latency')!, ['Stage'])).toBe(false);
  });

  it('has a row for every alarm on an AWS metric in modules/, with its dimensions', async () => {
    const seen: string[] = [];
    type Body = Record<string, unknown>;
    const alarms: { where: string; body: Body; dir: string }[] = [];
    const locals = new Map<string, Body>();
    const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
    for (const file of tfFiles(join(repoRoot, 'modules'))) {
      const doc = await parseHcl(relative(repoRoot, file), readFileSync(file, 'utf8'));
      const dir = relative(repoRoot, join(file, '..'));
      for (const block of (doc.locals ?? []) as Body[]) for (const [k, v] of Object.entries(block)) locals.set(`${dir} ${k}`, v as Body);
      const resources = (first(doc.resource) ?? {}) as Record<string, Record<string, Body[]>>;
      for (const [name, bodies] of Object.entries(resources.aws_cloudwatch_metric_alarm ?? {})) {
        for (const body of bodies) alarms.push({ where: `${relative(repoRoot, file)} ${name}`, body, dir });
      }
    }
    for (const { where, body, dir } of alarms) {
      if (typeof body.namespace !== 'string' || !body.namespace.startsWith('AWS/')) continue;
      const metric = awsMetric(body.namespace, String(body.metric_name));
      expect(metric, `${where}: ${body.namespace} ${String(body.metric_name)}`).toBeDefined();
      let dims = first(body.dimensions);
      const local = typeof dims === 'string' ? /^\$\{local\.(\w+)\}$/.exec(dims) : null;
      if (local) dims = locals.get(`${dir} ${local[1]}`);
      expect(dims && typeof dims === 'object', `${where}: dimensions resolve to an object`).toBe(true);
      const names = Object.keys(dims as Body);
      expect(dimensionsMatch(metric!, names), `${where}: dimensions ${names.join(' + ')}`).toBe(true);
      seen.push(`${body.namespace} ${String(body.metric_name)}`);
    }
    expect(seen).toEqual(expect.arrayContaining(['AWS/RDS AuroraGlobalDBRPOLag', 'AWS/SQS ApproximateNumberOfMessagesVisible', 'AWS/Lambda Errors', 'AWS/ApiGateway 5XXError']));
  });
});
