// Reads a function's configuration once at init. A missing or invalid variable stops the cold start
// with one message that names every offending variable, instead of failing later mid-batch.
import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '');
    // Inside a JSON variable the path goes on: ARC_CLUSTER_ENDPOINTS[1].endpoint.
    const name = variable + issue.path.slice(1).map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    // zod's wording for an absent key ("expected string, received undefined") hides the actual problem.
    if (issue.code !== 'custom' && issue.path.length === 1 && env[variable] === undefined) return `${name} is not set`;
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid function configuration: ${problems.join('; ')}`);
}
