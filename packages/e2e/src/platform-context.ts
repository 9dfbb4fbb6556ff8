import { openPlatform, type Platform } from '@fruitables/stack/platform';
import { inject } from 'vitest';

/** What global-setup hands every e2e file: where the platform's state is, its edge and its stand-ins. */
export interface ProvidedPlatform {
  dir: string;
  edgeUrl: string;
  /** Each stand-in's URL by name (`toss`, `tracker`), as declared in the services' package.json. */
  standIns: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: ProvidedPlatform;
  }
}

/** The edge of the platform global-setup started: the only address a shopper's tests talk to. */
export const edgeUrl = (): string => inject('platform').edgeUrl;

/**
 * The URL of a stand-in of an outside provider (Toss Payments, tracker.delivery): for a test
 * that plays the provider's side (sends a webhook, moves a parcel) or reads what the platform
 * sent it. Everything a shopper does still goes through the edge.
 */
export function standInUrl(name: string): string {
  const url = inject('platform').standIns[name];
  if (!url) {
    const known = Object.keys(inject('platform').standIns).join(', ') || 'none';
    throw new Error(
      `the platform has no stand-in named ${name} (it has: ${known}); declare it in the service's package.json`,
    );
  }
  return url;
}

/** Control over that platform (stop and start a service, a service's environment). */
export const platform = (): Platform => openPlatform(inject('platform').dir);

/** The platform's mail catcher (MailDev): every mail identity sent, read over its REST API. */
export const mailInboxUrl = (): string => platform().mailInboxUrl;
