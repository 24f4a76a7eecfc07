import { defineRule } from '../../rule.ts';
import { byRegion, named, presence } from './presence.ts';

export const DR012 = defineRule({
  id: 'DR012', family: 'DR', target: 'plan', severity: 'high', title: 'Failover state machine in every region',
  checks: 'Every region of the plan has an aws_sfn_state_machine for failover.',
  why: 'An orchestrator that lives only in the primary dies with the region it should recover from.',
  fix: 'Deploy the failover state machine through both regional providers.',
  equivalents: [],
  check(ctx) {
    if (!ctx.multiRegion) return;
    const machines = ctx.managedOf('aws_sfn_state_machine');
    const failoverMachines = machines.filter((m) => named(m, /failover/i));
    presence(ctx, DR012, 'failover state machine', byRegion(failoverMachines.length ? failoverMachines : machines),
      'deploy the failover state machine through this region\'s provider too.');
  },
});
