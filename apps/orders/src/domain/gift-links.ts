import { seoulDayStart } from '@fruitables/core';

/** How long before a recipient's dispatch the address must be in: 18:00 Seoul, two days before. */
const DAYS_BEFORE_DISPATCH = 2;
const DEADLINE_HOUR_SEOUL = 18;

/**
 * A link recipient's deadline: 18:00 Seoul two days before the farm dispatches, so the booking
 * made when the address arrives lands before the farm's packing cut-off.
 */
export function addressDueAtFor(dispatchDate: string): Date {
  const dispatchDay = seoulDayStart(dispatchDate);
  return new Date(dispatchDay.getTime() - DAYS_BEFORE_DISPATCH * 86_400_000 + DEADLINE_HOUR_SEOUL * 3_600_000);
}

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

async function keyOf(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
}

/**
 * The recipient's link token: the fulfilment and its deadline, signed with HMAC-SHA256 under
 * `ORDERS_GIFT_LINK_SECRET`. Nothing is stored for it: the signature is the proof, and the
 * fulfilment's own state (still waiting, deadline not passed) decides whether it still works.
 */
export async function signGiftLink(secret: string, fulfilmentId: string, addressDueAt: Date): Promise<string> {
  const payload = base64url(encoder.encode(`${fulfilmentId}.${Math.floor(addressDueAt.getTime() / 1000)}`));
  const signature = await crypto.subtle.sign('HMAC', await keyOf(secret), encoder.encode(payload));
  return `${payload}.${base64url(new Uint8Array(signature))}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The fulfilment a token names, or undefined for anything not signed by us (compared in constant time by WebCrypto). */
export async function readGiftLink(
  secret: string,
  token: string,
): Promise<{ fulfilmentId: string; addressDueAt: Date } | undefined> {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  let signatureBytes: Buffer;
  try {
    signatureBytes = Buffer.from(signature, 'base64url');
  } catch {
    return undefined;
  }
  const valid = await crypto.subtle.verify(
    'HMAC',
    await keyOf(secret),
    new Uint8Array(signatureBytes),
    encoder.encode(payload),
  );
  if (!valid) return undefined;
  const [fulfilmentId, seconds] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
  if (!fulfilmentId || !UUID.test(fulfilmentId) || !seconds || !/^\d+$/.test(seconds)) return undefined;
  return { fulfilmentId, addressDueAt: new Date(Number(seconds) * 1000) };
}

/**
 * The buyer's own order view with each waiting recipient's link token filled in, to forward
 * (SMS waits for notifications). Only while the link still works: not given, not past, not cancelled.
 */
export async function withGiftLinkTokens<
  View extends {
    fulfilments: {
      id: string;
      status: string;
      addressLink: { dueAt: string; given: boolean; token: string | null } | null;
    }[];
  },
>(view: View, secret: string, now: Date): Promise<View> {
  const fulfilments = await Promise.all(
    view.fulfilments.map(async (fulfilment) => {
      const link = fulfilment.addressLink;
      if (!link || link.given || fulfilment.status === 'cancelled' || Date.parse(link.dueAt) <= now.getTime()) {
        return fulfilment;
      }
      const token = await signGiftLink(secret, fulfilment.id, new Date(link.dueAt));
      return { ...fulfilment, addressLink: { ...link, token } };
    }),
  );
  return { ...view, fulfilments };
}
