// db-migrator settings, validated once at init.
import * as z from 'zod';
import { flag, integer, region, text } from '../shared/env.ts';

/** A PostgreSQL role name the migrator may create: lower-case, no quoting needed. */
const dbUser = () => z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a PostgreSQL user name: a lower-case letter or _, then up to 62 lower-case letters, digits or _');

export const configSchema = z
  .object({
    AWS_REGION: region(),
    DB_HOST: text(),
    DB_PORT: integer(1, 65535),
    DB_NAME: text(),
    // The cluster's master user: it owns the schema and creates the functions' users.
    DB_MASTER_USER: dbUser(),
    DB_AUTH: z.enum(['parameter', 'password'], 'must be "parameter" (in AWS: the master password from DB_MASTER_PASSWORD_PARAMETER) or "password" (local runs only)'),
    // SSM SecureString holding the master password (written write-only by the regional stack).
    DB_MASTER_PASSWORD_PARAMETER: z.string().regex(/^(\/[a-zA-Z0-9_.-]+)+$/, 'must be an SSM parameter name such as /trading/dev/us-east-1/db-master-password').optional(),
    DB_PASSWORD: z.string().optional(),
    DB_SSL: flag(),
    PROCESSOR_DB_USER: dbUser(),
    HEALTH_DB_USER: dbUser(),
    // Upper bound of the whole run (lock wait, migrations, grants), below the function timeout.
    STATEMENT_TIMEOUT_MS: integer(1_000, 900_000).default(240_000),
  })
  .superRefine((env, ctx) => {
    if (env.DB_AUTH === 'parameter' && !env.DB_MASTER_PASSWORD_PARAMETER) {
      ctx.addIssue({ code: 'custom', path: ['DB_MASTER_PASSWORD_PARAMETER'], message: 'is required when DB_AUTH is "parameter"' });
    }
    if (env.DB_AUTH === 'password' && !env.DB_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'is required when DB_AUTH is "password"' });
    }
    const users = [env.DB_MASTER_USER, env.PROCESSOR_DB_USER, env.HEALTH_DB_USER];
    if (new Set(users).size !== users.length) {
      ctx.addIssue({ code: 'custom', path: ['PROCESSOR_DB_USER'], message: 'DB_MASTER_USER, PROCESSOR_DB_USER and HEALTH_DB_USER must be three different users' });
    }
  });

export type Config = z.infer<typeof configSchema>;
