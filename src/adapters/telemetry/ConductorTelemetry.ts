import { SpanKind, SpanStatusCode, context, metrics, trace, type AttributeValue, type Counter, type Histogram, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { safeAttributes } from './telemetryAttributes';

type Attrs = Readonly<Record<string, AttributeValue | undefined>>;

/** Instrumentation scope of every span and metric Conductor emits. */
export const SCOPE = 'fleet-conductor';

/**
 * Metric names, as they appear in Application Insights `customMetrics.name` (the workbook and alert rules in
 * infra/monitoring query these, and test/infra checks they exist here).
 */
export const METRIC = {
  runsFinished: 'conductor.runs.finished',
  gatePhaseDuration: 'conductor.gate.phase.duration',
  gatesDecided: 'conductor.gates.decided',
  checkVerdicts: 'conductor.check.verdicts',
  approvalWait: 'conductor.approval.wait',
  releaseToCompletion: 'conductor.release.completion',
  releaseEvaluations: 'conductor.release.evaluations',
  armThrottled: 'conductor.arm.throttled',
  notificationsFailed: 'conductor.notifications.failed',
} as const;

/** Span names (`dependencies.name` in Application Insights: internal spans are exported as InProc dependencies). */
export const SPAN = {
  releaseEvaluation: 'conductor.release.evaluate',
  gateDecision: 'conductor.gate.decide',
  runFinished: 'conductor.run.finish',
} as const;

/**
 * Conductor's spans and metrics over the OpenTelemetry API. Production passes the global providers (registered by
 * the Azure Monitor distro when APPLICATIONINSIGHTS_CONNECTION_STRING is set; no-ops otherwise), tests pass their own
 * with in-memory exporters. Every attribute goes through safeAttributes: known keys only, nothing credential-like.
 */
export class ConductorTelemetry {
  private readonly tracer: Tracer;
  private readonly meter: Meter;
  readonly runsFinished: Counter;
  readonly gatePhaseDuration: Histogram;
  readonly gatesDecided: Counter;
  readonly checkVerdicts: Counter;
  readonly approvalWait: Histogram;
  readonly releaseToCompletion: Histogram;
  readonly releaseEvaluations: Counter;
  readonly armThrottled: Counter;
  readonly notificationsFailed: Counter;

  constructor(providers: { readonly tracerProvider?: TracerProvider; readonly meterProvider?: MeterProvider; readonly version?: string } = {}) {
    this.tracer = (providers.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE, providers.version);
    // The global meter provider must be registered before this runs: the metrics API has no proxy that upgrades later.
    this.meter = providers.meterProvider?.getMeter(SCOPE, providers.version) ?? metrics.getMeter(SCOPE, providers.version);
    const m = this.meter;
    this.runsFinished = m.createCounter(METRIC.runsFinished, { description: 'Update runs that reached a final state, by outcome', unit: '{run}' });
    this.gatePhaseDuration = m.createHistogram(METRIC.gatePhaseDuration, { description: 'Time a gate spent in a phase before moving on', unit: 's' });
    this.gatesDecided = m.createCounter(METRIC.gatesDecided, { description: 'Gates that reached a settled phase, by outcome', unit: '{gate}' });
    this.checkVerdicts = m.createCounter(METRIC.checkVerdicts, { description: 'Check evaluations by verdict', unit: '{evaluation}' });
    this.approvalWait = m.createHistogram(METRIC.approvalWait, { description: 'Time a gate waited for its approvers', unit: 's' });
    this.releaseToCompletion = m.createHistogram(METRIC.releaseToCompletion, { description: 'Time from a release first seen to its run completing fleet-wide', unit: 's' });
    this.releaseEvaluations = m.createCounter(METRIC.releaseEvaluations, { description: 'Release evaluations by outcome and first reason', unit: '{evaluation}' });
    this.armThrottled = m.createCounter(METRIC.armThrottled, { description: 'ARM responses 429 (throttled)', unit: '{response}' });
    this.notificationsFailed = m.createCounter(METRIC.notificationsFailed, { description: 'Notification delivery attempts that failed', unit: '{attempt}' });
  }

  count(counter: Counter, attributes: Attrs, value = 1): void {
    counter.add(value, safeAttributes(attributes));
  }

  record(histogram: Histogram, value: number, attributes: Attrs): void {
    if (Number.isFinite(value) && value >= 0) histogram.record(value, safeAttributes(attributes));
  }

  /** A span around `work`, current for everything it calls (child spans nest under it). */
  async span<T>(name: string, attributes: Attrs, work: () => Promise<T>, describe?: (result: T) => Attrs): Promise<T> {
    return this.tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes: safeAttributes(attributes) }, async (span) => {
      try {
        const result = await work();
        if (describe) span.setAttributes(safeAttributes(describe(result)));
        return result;
      } catch (error) {
        // The exception's type only: messages can quote URLs or payloads.
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** A point-in-time span (a decision that was just recorded) under the current span, when there is one. */
  event(name: string, attributes: Attrs, error = false): void {
    const span = this.tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: safeAttributes(attributes) }, context.active());
    if (error) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}
