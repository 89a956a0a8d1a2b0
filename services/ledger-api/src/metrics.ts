import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';

export interface ApiMetrics {
  registry: Registry;
  appendedEvents: Counter;
  /** Events the projector could not apply (it stops at the first). */
  projectorFailures: Counter;
  /** Open live event streams (SSE). */
  liveStreams: Gauge;
  observe: RequestHandler;
}

/** Prometheus metrics: requests and latencies by route, events appended, and how far the projector lags (read on scrape). */
export function createApiMetrics(projectorLag: () => Promise<number>): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const appendedEvents = new Counter({
    name: 'ledger_appended_events_total',
    help: 'Events appended through the API',
    registers: [registry],
  });
  const projectorFailures = new Counter({
    name: 'ledger_projector_failures_total',
    help: 'Events the projector could not apply; it stops at such an event and /readyz answers 503',
    registers: [registry],
  });
  const liveStreams = new Gauge({
    name: 'ledger_sse_streams',
    help: 'Open live event streams (text/event-stream)',
    registers: [registry],
  });
  new Gauge({
    name: 'ledger_projector_lag_events',
    help: 'Events in the store not yet applied to the read models',
    registers: [registry],
    async collect() {
      this.set(await projectorLag());
    },
  });
  const observe: RequestHandler = (req, res, next) => {
    const end = latency.startTimer();
    res.on('finish', () => {
      // The route pattern, not the URL, keeps label cardinality bounded.
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
    });
    next();
  };
  return { registry, appendedEvents, projectorFailures, liveStreams, observe };
}
