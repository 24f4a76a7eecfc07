// region-fence settings, validated once at init.
import * as z from 'zod';
import { region } from '../shared/env.ts';

export const configSchema = z.object({
  AWS_REGION: region(),
  // The only region this function may fence: the other region of the pair.
  PEER_REGION: region(),
});

export type Config = z.infer<typeof configSchema>;
