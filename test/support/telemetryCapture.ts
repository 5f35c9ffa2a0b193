import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { ConductorTelemetry } from '../../src/adapters/telemetry/ConductorTelemetry';
import { telemetryWiring, type ProcessTelemetry } from '../../src/composition/processTelemetry';

/** Conductor's telemetry over in-memory exporters: what the Azure Monitor distro would receive, kept for assertions. */
export interface TelemetryCapture {
  readonly wiring: ProcessTelemetry;
  readonly telemetry: ConductorTelemetry;
  spans(): readonly ReadableSpan[];
  /** Every data point of every metric collected so far (cumulative), flattened. */
  metrics(): Promise<readonly MetricData[]>;
  shutdown(): Promise<void>;
}

export function captureTelemetry(): TelemetryCapture {
  // Spans nest under the use case's span through the active context, as the distro's NodeSDK arranges in production.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // A long interval: metrics are collected on demand (forceFlush), never on a timer during the test.
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = new ConductorTelemetry({ tracerProvider, meterProvider, version: 'test' });
  return {
    wiring: telemetryWiring(telemetry),
    telemetry,
    spans: () => spanExporter.getFinishedSpans(),
    metrics: async () => {
      await reader.forceFlush();
      const last = metricExporter.getMetrics().at(-1);
      return last?.scopeMetrics.flatMap((s) => s.metrics) ?? [];
    },
    shutdown: async () => {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      context.disable();
    },
  };
}
