// region-fence settings, validated once at init.
import * as z from 'zod';
import { arcClusterEndpoints, routingControlArn } from '../shared/arc.ts';
import { json, region } from '../shared/env.ts';

export const configSchema = z
  .object({
    AWS_REGION: region(),
    // The other region of the pair: the only one this function fences or restores.
    PEER_REGION: region(),
    // The ARC cluster's regional endpoints, tried in this order.
    ARC_CLUSTER_ENDPOINTS: arcClusterEndpoints(),
    // Region -> routing control ARN, for exactly AWS_REGION and PEER_REGION.
    ROUTING_CONTROL_ARNS: json(
      z.record(z.string(), routingControlArn(), 'must be a JSON object of region -> routing control ARN'),
      '{"<own region>":"arn:aws:route53-recovery-control::...","<peer region>":"arn:aws:..."}',
    ),
  })
  .superRefine((env, ctx) => {
    if (env.PEER_REGION === env.AWS_REGION) {
      ctx.addIssue({ code: 'custom', path: ['PEER_REGION'], message: `must be the other region of the pair, not ${env.AWS_REGION} itself` });
      return;
    }
    const keys = Object.keys(env.ROUTING_CONTROL_ARNS).sort();
    const expected = [env.AWS_REGION, env.PEER_REGION].sort();
    if (keys.join() !== expected.join()) {
      ctx.addIssue({
        code: 'custom',
        path: ['ROUTING_CONTROL_ARNS'],
        message: `must name exactly ${env.AWS_REGION} and ${env.PEER_REGION} (got ${keys.join(', ') || 'none'})`,
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
