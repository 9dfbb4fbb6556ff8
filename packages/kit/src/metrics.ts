import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** A registry per service instance (never prom-client's global one), with process metrics and the service label. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface HttpMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

const LATENCY_HELP = 'HTTP request latency by method and route pattern';
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Requests of one method and route pattern, all statuses: one latency histogram series. */
interface LatencySeries {
  labels: { method: string; route: string };
  /** Observations per bucket, not cumulative; the last slot is above the largest bound. */
  buckets: number[];
  sum: number;
  count: number;
}

/** Requests of one method, route pattern and status: one request counter series. */
interface RequestSeries {
  labels: { method: string; route: string; status: string };
  count: number;
  /** How much of `count` the prom-client counter has been told about. */
  reported: number;
  latency: LatencySeries;
}

/**
 * The latency histogram, exported from the kit's own tallies. prom-client's `observe` spends
 * ~1–2 µs per request validating and hashing the label set; here a request adds to numbers
 * it finds with one map lookup, and the export is built only when /metrics is scraped.
 */
class RouteLatencyHistogram extends Histogram<'method' | 'route'> {
  constructor(
    registry: Registry,
    private readonly series: () => Iterable<LatencySeries>,
  ) {
    super({
      name: 'http_request_duration_seconds',
      help: LATENCY_HELP,
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
  }

  // What the registry reads for the text exposition (prom-client calls it when a metric has it).
  async getForPromString() {
    const name = 'http_request_duration_seconds';
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const { labels, buckets, sum, count } of this.series()) {
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((le, index) => {
        cumulative += buckets[index] ?? 0;
        values.push({ labels: { ...labels, le }, value: cumulative, metricName: `${name}_bucket` });
      });
      values.push({ labels: { ...labels, le: '+Inf' }, value: count, metricName: `${name}_bucket` });
      values.push({ labels: { ...labels }, value: sum, metricName: `${name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${name}_count` });
    }
    return { name, help: LATENCY_HELP, type: 'histogram', values, aggregator: 'sum' };
  }

  override get() {
    return this.getForPromString() as unknown as ReturnType<Histogram<'method' | 'route'>['get']>;
  }
}

/** Request count and latency per route pattern (not per raw path, which would explode the label set). */
export function createHttpMetrics(registry: Registry): HttpMetrics {
  // Bounded: route patterns × methods × statuses the app actually answers.
  const requestSeries = new Map<string, RequestSeries>();
  const latencySeries = new Map<string, LatencySeries>();
  new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    // Runs on every scrape: hands prom-client what was counted since the last one.
    collect() {
      for (const series of requestSeries.values()) {
        if (series.count === series.reported) continue;
        // A copy: the registry may add its default labels to the objects it is given.
        this.inc({ ...series.labels }, series.count - series.reported);
        series.reported = series.count;
      }
    },
  });
  new RouteLatencyHistogram(registry, () => latencySeries.values());

  const seriesFor = (method: string, route: string, status: number): RequestSeries => {
    const routeKey = `${method} ${route}`;
    let latency = latencySeries.get(routeKey);
    if (!latency) {
      latency = { labels: { method, route }, buckets: new Array(LATENCY_BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      latencySeries.set(routeKey, latency);
    }
    const series: RequestSeries = { labels: { method, route, status: String(status) }, count: 0, reported: 0, latency };
    requestSeries.set(`${status} ${routeKey}`, series);
    return series;
  };

  return {
    observe(method, route, status, seconds) {
      const series = requestSeries.get(`${status} ${method} ${route}`) ?? seriesFor(method, route, status);
      series.count++;
      const latency = series.latency;
      let bucket = 0;
      while (bucket < LATENCY_BUCKETS.length && seconds > (LATENCY_BUCKETS[bucket] ?? Number.POSITIVE_INFINITY))
        bucket++;
      latency.buckets[bucket] = (latency.buckets[bucket] ?? 0) + 1;
      latency.sum += seconds;
      latency.count++;
    },
  };
}

/** The matched route pattern; requests only middleware matched are labelled once, as `unmatched`. */
export function routeLabel(c: Context): string {
  const route = routePath(c);
  return route === '*' || route === '/*' ? 'unmatched' : route;
}
