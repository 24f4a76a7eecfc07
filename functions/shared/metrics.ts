// What a core needs from Powertools Metrics: the handlers pass the shared instance
// (powertools.ts), tests pass a recorder. Only the units the functions publish are allowed.
export type MetricUnit = 'Count' | 'Milliseconds';

export interface MetricSink {
  addMetric(name: string, unit: MetricUnit, value: number): void;
}
