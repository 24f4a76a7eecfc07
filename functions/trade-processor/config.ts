// trade-processor settings, validated once at init.
import * as z from 'zod';
import { flag, integer, text } from '../shared/env.ts';

export const configSchema = z
  .object({
    DB_HOST: text(),
    DB_PORT: integer(1, 65535),
    DB_NAME: text(),
    DB_USER: text(),
    DB_AUTH: z.enum(['iam', 'password'], 'must be "iam" (in AWS) or "password" (local runs only)'),
    DB_PASSWORD: z.string().optional(),
    DB_SSL: flag(),
    SESSIONS_TABLE: text(),
    AUDIT_BUCKET: text(),
    SESSION_TTL_SECONDS: integer(60, 31_536_000),
  })
  .superRefine((env, ctx) => {
    if (env.DB_AUTH === 'password' && !env.DB_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['DB_PASSWORD'], message: 'is required when DB_AUTH is "password"' });
    }
  });

export type Config = z.infer<typeof configSchema>;
