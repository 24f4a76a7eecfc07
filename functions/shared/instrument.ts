// Wraps a handler with the shared Powertools instances, the manual equivalent of the
// injectLambdaContext / captureLambdaHandler / logMetrics middlewares (no middy dependency):
// request context on every log line, one X-Ray subsegment per invocation, metrics flushed as EMF.
import type { Context } from 'aws-lambda';
import { logger, metrics, tracer } from './powertools.ts';

export function instrument<E, R>(fn: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'index.handler'}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      const result = await fn(event, context);
      tracer.addResponseAsMetadata(result, process.env._HANDLER);
      return result;
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      logger.error('invocation failed', { error: error as Error });
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      metrics.publishStoredMetrics();
    }
  };
}
