// Prometheus metrics for the baseline server (prom-client, one registry per server so several can
// run in one process), named after Triton's: requests by model and status, queue / compute / total
// latency histograms, queue depth, in-flight inferences, uploads still arriving, body bytes.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets, seconds: 0.5 ms … 10 s. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Live counts the gauges read at scrape time. */
export interface LoadState {
  inFlight(): number;
  queued(): number;
  receiving(): number;
}

/** The metrics of one server; `text()` is the /metrics body. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'model' | 'status'>;
  readonly queueSeconds: Histogram<'model'>;
  readonly computeSeconds: Histogram<'model'>;
  readonly totalSeconds: Histogram<'model'>;
  readonly bodyBytes: Counter<'model'>;

  constructor(load: LoadState) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'edgeprobe_inference_requests_total', help: 'Inference requests answered, by model and HTTP status', labelNames: ['model', 'status'], registers });
    this.queueSeconds = new Histogram({ name: 'edgeprobe_inference_queue_duration_seconds', help: 'Time an admitted request waited for a compute slot', labelNames: ['model'], buckets: BUCKETS, registers });
    this.computeSeconds = new Histogram({ name: 'edgeprobe_inference_compute_duration_seconds', help: 'onnxruntime run time of one request', labelNames: ['model'], buckets: BUCKETS, registers });
    this.totalSeconds = new Histogram({ name: 'edgeprobe_inference_request_duration_seconds', help: 'Handler time of one inference request, from headers to the last response byte queued', labelNames: ['model'], buckets: BUCKETS, registers });
    this.bodyBytes = new Counter({ name: 'edgeprobe_request_body_bytes_total', help: 'Request body bytes received on infer endpoints', labelNames: ['model'], registers });
    new Gauge({ name: 'edgeprobe_inference_queue_depth', help: 'Admitted requests waiting for a compute slot', registers, collect() { this.set(load.queued()); } });
    new Gauge({ name: 'edgeprobe_inference_in_flight', help: 'Inferences running now', registers, collect() { this.set(load.inFlight()); } });
    new Gauge({ name: 'edgeprobe_requests_receiving', help: 'Infer requests whose body is still arriving (they hold no queue place)', registers, collect() { this.set(load.receiving()); } });
  }

  /** The Prometheus text exposition (format 0.0.4) and its content type. */
  async text(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
