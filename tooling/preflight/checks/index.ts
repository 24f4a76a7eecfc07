// Every preflight check, in the order the table prints them.
import type { PreflightCheck } from '../check.ts';
import { account } from './account.ts';
import { engineVersion } from './engine-version.ts';
import { hostedZone } from './hosted-zone.ts';
import { lambdaConcurrency } from './lambda-concurrency.ts';
import { placeholders } from './placeholders.ts';
import { stateBucket } from './state-bucket.ts';
import { zoneIds } from './zone-ids.ts';

export const CHECKS: readonly PreflightCheck[] = [account, hostedZone, lambdaConcurrency, engineVersion, zoneIds, stateBucket, placeholders];
