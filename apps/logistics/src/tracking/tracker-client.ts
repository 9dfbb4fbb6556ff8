import type { CarrierId } from '@fruitables/schema-logistics';
import { z } from 'zod';
import { type CourierEvent, trackerStatusCodes } from '../domain/shipments/courier-events.ts';

/** What logistics asks of a courier tracker: tracker.delivery's API v2, or its stand-in. */
export interface Tracker {
  /** Every event the courier has for the number, oldest first; null when the number is not (yet) known. */
  track(carrierId: CarrierId, trackingNumber: string): Promise<CourierEvent[] | null>;
  /** Asks the tracker to call `callbackUrl` when the number has news (until `expiresAt`). */
  registerWebhook(carrierId: CarrierId, trackingNumber: string, callbackUrl: string, expiresAt: Date): Promise<void>;
}

/** The tracker could not answer (an outage, a timeout, an error reply): poll again later. */
export class TrackerUnavailable extends Error {}

const TRACK_QUERY = `query Track($carrierId: ID!, $trackingNumber: String!) {
  track(carrierId: $carrierId, trackingNumber: $trackingNumber) {
    lastEvent { time status { code name } description location { name } }
    events(last: 100) { edges { node { time status { code name } description location { name } } } }
  }
}`;

const REGISTER_WEBHOOK = `mutation RegisterTrackWebhook($input: RegisterTrackWebhookInput!) {
  registerTrackWebhook(input: $input)
}`;

const eventNode = z.object({
  time: z.string().nullable(),
  status: z.object({ code: z.string(), name: z.string().nullable().optional() }),
  description: z.string().nullable().optional(),
  location: z.object({ name: z.string().nullable().optional() }).nullable().optional(),
});

const trackReply = z.object({
  data: z
    .object({
      track: z
        .object({
          events: z
            .object({ edges: z.array(z.object({ node: eventNode.nullable() }).nullable()).nullable() })
            .nullable(),
        })
        .nullable(),
    })
    .nullable()
    .optional(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.object({ code: z.string() }).partial().optional() }))
    .optional(),
});

export interface TrackerClientOptions {
  /** The GraphQL endpoint, e.g. https://apis.tracker.delivery/graphql, or the stand-in's /graphql. */
  url: string;
  /** tracker.delivery's `clientId:clientSecret`; sent as `TRACKQL-API-KEY`. None for the stand-in. */
  apiKey?: string | undefined;
  timeoutMs?: number;
}

const known = new Set<string>(trackerStatusCodes);

/**
 * tracker.delivery's API v2 over GraphQL: `track(carrierId, trackingNumber)` with its events
 * (checked, not trusted: an unknown status code reads as UNKNOWN) and `registerTrackWebhook`.
 */
export function createTrackerClient(options: TrackerClientOptions): Tracker {
  const timeoutMs = options.timeoutMs ?? 5_000;
  async function graphql(query: string, variables: Record<string, unknown>): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `TRACKQL-API-KEY ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new TrackerUnavailable(`tracker unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!response.ok) throw new TrackerUnavailable(`tracker answered ${response.status}`);
    return response.json().catch(() => {
      throw new TrackerUnavailable('tracker answered no JSON');
    });
  }
  return {
    async track(carrierId, trackingNumber) {
      const parsed = trackReply.safeParse(await graphql(TRACK_QUERY, { carrierId, trackingNumber }));
      if (!parsed.success) throw new TrackerUnavailable('tracker answered an unexpected shape');
      const { data, errors } = parsed.data;
      if (errors?.some((error) => error.extensions?.code === 'NOT_FOUND')) return null;
      if (errors && errors.length > 0) throw new TrackerUnavailable(`tracker error: ${errors[0]?.message}`);
      const edges = data?.track?.events?.edges ?? null;
      if (!data?.track || edges === null) return null;
      return edges.flatMap((edge) => {
        const node = edge?.node;
        if (!node?.time) return [];
        const time = new Date(node.time);
        if (Number.isNaN(time.getTime())) return [];
        const code = known.has(node.status.code) ? (node.status.code as CourierEvent['code']) : 'UNKNOWN';
        return [
          {
            code,
            name: node.status.name ?? null,
            description: node.description ?? null,
            location: node.location?.name ?? null,
            time,
          },
        ];
      });
    },
    async registerWebhook(carrierId, trackingNumber, callbackUrl, expiresAt) {
      const reply = (await graphql(REGISTER_WEBHOOK, {
        input: { carrierId, trackingNumber, callbackUrl, expirationTime: expiresAt.toISOString() },
      })) as { errors?: { message: string }[] };
      if (reply.errors && reply.errors.length > 0) throw new TrackerUnavailable(`webhook: ${reply.errors[0]?.message}`);
    },
  };
}
