// The timing model of the drill: how long each simulated call takes, and where the figure comes from.
// AWS publishes latencies for none of the control-plane calls; those rows are labelled assumptions
// and sized generously (p99-like), so the estimate errs long. The figures that dominate the RTO
// (detection, DNS, promotion) are the documented figures in modules/failover-orchestrator/rto-figures.json.
import { RTO_FIGURES, type Figure } from '../rto/figures.ts';

export type Timing = Figure;

export const TIMING_MODEL = {
  describeGlobalClusters: { seconds: 0.6, source: 'assumption: RDS control-plane read, regional endpoint' },
  describeDBClusters: { seconds: 0.5, source: 'assumption: RDS control-plane read, regional endpoint' },
  getMetricData: { seconds: 0.4, source: 'assumption: CloudWatch GetMetricData, one metric, 5 datapoints' },
  promotionCall: { seconds: 1.5, source: 'assumption: RDS accepts switchover/failoverGlobalCluster asynchronously' },
  promotion: RTO_FIGURES.promotion,
  fenceInvoke: { seconds: 2.5, source: 'assumption: warm Lambda + two cross-region calls (SSM PutParameter, Lambda Update/ListEventSourceMappings)' },
  fenceUnreachable: { seconds: 30, source: 'modules/failover-orchestrator/modules/region/region-fence.tf: region-fence timeout = 30 s (Sandbox.Timedout)' },
  updateEventSourceMapping: { seconds: 0.4, source: 'assumption: Lambda control-plane write' },
  putParameter: { seconds: 0.2, source: 'assumption: SSM PutParameter (data-plane class call)' },
  probeInvoke: { seconds: 1.5, source: "assumption: primary-probe's preflight assess, one GET of the other region's /health and one DNS TXT query in parallel, each bounded by PROBE_TIMEOUT_MS" },
  validatorInvoke: { seconds: 12, source: 'assumption: failover-validator reads RDS, CloudWatch, DynamoDB, S3, Route 53 in two regions' },
  snsPublish: { seconds: 0.2, source: 'assumption: SNS Publish to a CMK-encrypted topic' },
  approvalRequest: { seconds: 0.2, source: 'assumption: SQS SendMessage to a CMK-encrypted queue; the wait that follows is the approver' },
  healthCheckInterval: RTO_FIGURES.health_check_interval,
  dnsAliasTtl: RTO_FIGURES.dns_alias_ttl,
  probeInterval: RTO_FIGURES.probe_interval,
} as const satisfies Record<string, Timing>;

export type TimedOperation = keyof typeof TIMING_MODEL;
