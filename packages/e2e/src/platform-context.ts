import { openPlatform, type Platform } from '@fruitables/stack/platform';
import { inject } from 'vitest';

/** What global-setup hands every e2e file: where the platform's state is, and its edge. */
export interface ProvidedPlatform {
  dir: string;
  edgeUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    platform: ProvidedPlatform;
  }
}

/** The edge of the platform global-setup started: the only address these tests talk to. */
export const edgeUrl = (): string => inject('platform').edgeUrl;

/** Control over that platform (stop and start a service, a service's environment). */
export const platform = (): Platform => openPlatform(inject('platform').dir);

/** The platform's mail catcher (MailDev): every mail identity sent, read over its REST API. */
export const mailInboxUrl = (): string => platform().mailInboxUrl;
