import { findChromium } from '@fruitables/stack/os-packages';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/**
 * Chromium from the OS packages, headless. The background-networking flags matter: without
 * them Chromium keeps dialling Google's services, and on a closed network those refused
 * connections slow it down and pollute its logs. A browser is never downloaded.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error('Chromium is not installed: `./fruitables test` installs the `chromium` OS package');
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/**
 * A phone: by default a shopper's 390×844 viewport (a common Android/iPhone size); the
 * farmer console is also checked at 360 px, the narrowest it must work at. Touch, Korean
 * locale, Seoul time.
 */
export function newPhone(browser: Browser, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  });
}
