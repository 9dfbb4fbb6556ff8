import { readTrackedShipment, readTracking, type TrackedShipment } from '../answers/logistics.ts';
import { apiBase } from '../config.ts';
import { accessToken } from '../session-store.ts';
import { callApi } from './http.ts';

const POLL_MS = 10_000;

/**
 * Follows an order's shipments live: the current state first (GET /tracking), then
 * logistics' Server-Sent Events (`event: shipment`, one shipment per message). EventSource
 * cannot send headers, so the access token rides in the query, as logistics accepts. When
 * the stream fails (an old proxy, the token expired, logistics restarting) the page polls
 * every 10 s instead, with a fresh token each time. Returns a function that stops it all.
 */
export function followTracking(orderId: string, onShipment: (shipment: TrackedShipment) => void): () => void {
  const path = `/v1/orders/${encodeURIComponent(orderId)}/tracking`;
  let stream: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const poll = async () => {
    if (stopped) return;
    const answer = await callApi('logistics', path, { signedIn: true });
    for (const shipment of (answer.status === 200 ? readTracking(answer.body) : null) ?? []) onShipment(shipment);
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };

  const listen = async () => {
    const token = await accessToken();
    if (stopped || !token || typeof EventSource === 'undefined') return void poll();
    stream = new EventSource(`${apiBase('logistics')}${path}/stream?access_token=${encodeURIComponent(token)}`);
    stream.addEventListener('shipment', (event) => {
      try {
        const shipment = readTrackedShipment(JSON.parse((event as MessageEvent<string>).data));
        if (shipment) onShipment(shipment);
      } catch {
        // A message that is not JSON is skipped; the next one carries the whole shipment again.
      }
    });
    stream.addEventListener('error', () => {
      stream?.close();
      stream = null;
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    });
  };

  void (async () => {
    const first = await callApi('logistics', path, { signedIn: true });
    for (const shipment of (first.status === 200 ? readTracking(first.body) : null) ?? []) onShipment(shipment);
    await listen();
  })();

  return () => {
    stopped = true;
    stream?.close();
    clearTimeout(timer);
  };
}
