// The timing model of the drill: how long each simulated call takes, and where the figure comes from.
// AWS publishes latencies for none of the control-plane calls; those rows are labelled assumptions
// and sized generously (p99-like), so the estimate errs long. The figures that dominate the RTO
// (detection, DNS, promotion) come from AWS documentation or from this repository's configuration.

export interface Timing {
  seconds: number;
  source: string;
}

export const TIMING_MODEL = {
  describeGlobalClusters: { seconds: 0.6, source: 'assumption: RDS control-plane read, regional endpoint' },
  describeDBClusters: { seconds: 0.5, source: 'assumption: RDS control-plane read, regional endpoint' },
  getMetricData: { seconds: 0.4, source: 'assumption: CloudWatch GetMetricData, one metric, 5 datapoints' },
  promotionCall: { seconds: 1.5, source: 'assumption: RDS accepts switchover/failoverGlobalCluster asynchronously' },
  promotion: {
    seconds: 300,
    source: 'AWS Aurora User Guide, "Using switchover or failover in an Amazon Aurora global database": promotion typically completes in a few minutes (300 s used; same figure as plan-lint)',
  },
  fenceInvoke: { seconds: 2.5, source: 'assumption: warm Lambda + two cross-region calls (SSM PutParameter, Lambda Update/ListEventSourceMappings)' },
  fenceUnreachable: { seconds: 30, source: 'modules/failover-orchestrator/functions.tf: region-fence timeout = 30 s (Sandbox.Timedout)' },
  updateEventSourceMapping: { seconds: 0.4, source: 'assumption: Lambda control-plane write' },
  putParameter: { seconds: 0.2, source: 'assumption: SSM PutParameter (data-plane class call)' },
  validatorInvoke: { seconds: 12, source: 'assumption: failover-validator reads RDS, CloudWatch, DynamoDB, S3, Route 53 in two regions' },
  snsPublish: { seconds: 0.2, source: 'assumption: SNS Publish to a CMK-encrypted topic' },
  approvalPublish: { seconds: 0.2, source: 'assumption: SNS Publish; the wait that follows is the approver' },
  healthCheckInterval: { seconds: 10, source: 'modules/failover-orchestrator/dns.tf: request_interval = 10 (Route 53 "fast" interval)' },
  dnsAliasTtl: {
    seconds: 60,
    source: 'Route 53 Developer Guide, alias records: resolvers cache the target\'s TTL, 60 s for API Gateway regional domains',
  },
  probeInterval: { seconds: 60, source: 'modules/failover-orchestrator/triggers.tf: primary-probe schedule rate(1 minute)' },
} as const satisfies Record<string, Timing>;

export type TimedOperation = keyof typeof TIMING_MODEL;
