import type { CourierEvent, TrackerStatusCode } from '../domain/shipments/courier-events.ts';

/**
 * A stand-in for tracker.delivery (API v2): a real HTTP server answering the same GraphQL
 * `track` query and `registerTrackWebhook` mutation. Every number it is asked about starts a
 * courier journey at that moment of its own clock (집하 → 간선 → 배송출발 → 배송완료, one step
 * every `stepMs`); tests move the clock (`advance`, or `POST /control/advance?ms=` from another
 * process) or speed it up (`speed`), and switch outages on and off (`POST /control/outage?on=true`). Webhooks registered for a number are called when its journey moves.
 */

export interface StandInTrackerOptions {
  port?: number;
  /** Time between two courier steps, in the stand-in's clock (default 1 hour). */
  stepMs?: number;
  /** How many stand-in milliseconds pass per real one (default 1). */
  speed?: number;
  /** Where its clock starts (default: now), to line up with a test's clock. */
  clockStart?: Date;
}

export interface StandInTracker {
  url: string;
  /** The GraphQL endpoint. */
  graphqlUrl: string;
  /** Moves the stand-in's clock on (webhooks for steps reached are called). */
  advance(ms: number): Promise<void>;
  /** While on, every request answers 503 (a courier outage). */
  setOutage(on: boolean): void;
  /** How many requests it answered (outages included). */
  requests(): number;
  close(): Promise<void>;
}

const JOURNEY: { code: TrackerStatusCode; name: string; description: string; location: string }[] = [
  { code: 'AT_PICKUP', name: '집화처리', description: '택배사가 상품을 인수했습니다.', location: '성주' },
  { code: 'IN_TRANSIT', name: '간선상차', description: '허브로 이동 중입니다.', location: '대전HUB' },
  { code: 'IN_TRANSIT', name: '간선하차', description: '배송지 터미널에 도착했습니다.', location: '서울강남' },
  {
    code: 'OUT_FOR_DELIVERY',
    name: '배송출발',
    description: '배송 기사님이 배송을 시작했습니다.',
    location: '서울강남',
  },
  { code: 'DELIVERED', name: '배송완료', description: '문 앞에 배송했습니다.', location: '서울강남' },
];

interface Journey {
  startedAt: number;
  webhooks: Set<string>;
  notifiedSteps: number;
}

export async function startStandInTracker(options: StandInTrackerOptions = {}): Promise<StandInTracker> {
  const stepMs = options.stepMs ?? 60 * 60 * 1000;
  const speed = options.speed ?? 1;
  const realStart = Date.now();
  let offset = (options.clockStart?.getTime() ?? realStart) - realStart;
  let outage = false;
  let count = 0;
  const journeys = new Map<string, Journey>();
  const now = () => realStart + (Date.now() - realStart) * speed + offset;
  const keyOf = (carrierId: string, trackingNumber: string) => `${carrierId}/${trackingNumber}`;
  const journeyOf = (key: string): Journey => {
    const existing = journeys.get(key);
    if (existing) return existing;
    const created = { startedAt: now(), webhooks: new Set<string>(), notifiedSteps: 1 };
    journeys.set(key, created);
    return created;
  };
  const stepsOf = (journey: Journey) => Math.min(JOURNEY.length, Math.floor((now() - journey.startedAt) / stepMs) + 1);
  const eventsOf = (journey: Journey): CourierEvent[] =>
    JOURNEY.slice(0, stepsOf(journey)).map((step, index) => ({
      code: step.code,
      name: step.name,
      description: step.description,
      location: step.location,
      time: new Date(journey.startedAt + index * stepMs),
    }));
  const notify = async () => {
    for (const [key, journey] of journeys) {
      const steps = stepsOf(journey);
      if (steps <= journey.notifiedSteps) continue;
      journey.notifiedSteps = steps;
      const [carrierId, trackingNumber] = key.split('/');
      for (const url of journey.webhooks) {
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ carrierId, trackingNumber }),
        }).catch(() => undefined);
      }
    }
  };
  // Webhooks go out when the clock passes a step, whether moved by `advance` or by time itself.
  const timer = setInterval(() => void notify(), Math.max(50, Math.min(5_000, stepMs / speed / 4)));

  const node = (event: CourierEvent) => ({
    time: event.time.toISOString(),
    status: { code: event.code, name: event.name },
    description: event.description,
    location: { name: event.location },
  });

  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      count++;
      const url = new URL(request.url);
      if (url.pathname === '/healthz') return new Response('ok');
      // The same controls over HTTP, for tests in another process (the e2e journey against `up`'s stand-in).
      if (request.method === 'POST' && url.pathname === '/control/advance') {
        const ms = Number(url.searchParams.get('ms'));
        if (!Number.isFinite(ms) || ms < 0) return new Response('ms must be a non-negative number', { status: 400 });
        offset += ms;
        await notify();
        return new Response(null, { status: 204 });
      }
      if (request.method === 'POST' && url.pathname === '/control/outage') {
        outage = url.searchParams.get('on') === 'true';
        return new Response(null, { status: 204 });
      }
      if (outage) return new Response('courier tracking is down', { status: 503 });
      if (request.method !== 'POST' || url.pathname !== '/graphql') return new Response('not found', { status: 404 });
      const body = (await request.json().catch(() => null)) as {
        query?: string;
        variables?: Record<string, unknown>;
      } | null;
      const query = body?.query ?? '';
      const variables = body?.variables ?? {};
      if (query.includes('registerTrackWebhook')) {
        const input = (variables.input ?? {}) as Record<string, unknown>;
        const { carrierId, trackingNumber, callbackUrl } = input;
        if (typeof carrierId !== 'string' || typeof trackingNumber !== 'string' || typeof callbackUrl !== 'string') {
          return Response.json({ errors: [{ message: 'invalid input', extensions: { code: 'BAD_REQUEST' } }] });
        }
        journeyOf(keyOf(carrierId, trackingNumber)).webhooks.add(callbackUrl);
        return Response.json({ data: { registerTrackWebhook: true } });
      }
      if (/\btrack\s*\(/.test(query)) {
        const { carrierId, trackingNumber } = variables;
        if (typeof carrierId !== 'string' || typeof trackingNumber !== 'string') {
          return Response.json({ errors: [{ message: 'invalid variables', extensions: { code: 'BAD_REQUEST' } }] });
        }
        const journey = journeyOf(keyOf(carrierId, trackingNumber));
        const events = eventsOf(journey);
        const last = events.at(-1);
        return Response.json({
          data: {
            track: {
              trackingNumber,
              lastEvent: last ? node(last) : null,
              events: {
                edges: events.map((event, index) => ({ node: node(event), cursor: String(index) })),
                pageInfo: { hasNextPage: false, hasPreviousPage: false },
              },
            },
          },
        });
      }
      return Response.json({ errors: [{ message: 'unsupported operation', extensions: { code: 'BAD_REQUEST' } }] });
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    async advance(ms) {
      offset += ms;
      await notify();
    },
    setOutage(on) {
      outage = on;
    },
    requests: () => count,
    async close() {
      clearInterval(timer);
      await server.stop(true);
    },
  };
}
