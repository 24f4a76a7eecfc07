// zod building blocks for environment variables, which are always strings (or absent).
import * as z from 'zod';
import { REGION_NAME } from './aws.ts';

/** A required, non-blank string. */
export const text = () => z.string().trim().min(1, 'must not be empty');

/** A whole number within [min, max], written in decimal. */
export const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** "true" or "false", nothing else: a typo must not silently mean false. */
export const flag = () => z.enum(['true', 'false'], 'must be "true" or "false"').transform((v) => v === 'true');

/** An AWS region name such as us-east-1. */
export const region = () => z.string().regex(REGION_NAME, 'must be an AWS region name such as us-east-1');

/**
 * A variable holding JSON, checked against `inner`. Text that is not JSON gets one message saying what
 * the value should look like; problems inside it are named by their path (VAR[0].endpoint).
 */
export const json = <T extends z.ZodType>(inner: T, shape: string) =>
  z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be JSON: ${shape}` });
        return z.NEVER;
      }
    })
    .pipe(inner);
