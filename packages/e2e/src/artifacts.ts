import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * What a run of the browser tests leaves to look at: phone screenshots, Lighthouse reports,
 * page weights and the platform's logs, under `.fruitables/artifacts/e2e/` (git-ignored).
 * Each run replaces the previous one's.
 */
export const artifactsDir = new URL('../../../.fruitables/artifacts/e2e/', import.meta.url).pathname;

export function artifactPath(kind: 'screenshots' | 'lighthouse' | 'logs' | 'budgets', name: string): string {
  const dir = join(artifactsDir, kind);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export function clearArtifacts(): void {
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
}

/** A full-page screenshot at the phone viewport, named after the step it shows. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath('screenshots', `${name}.png`), fullPage: true });
}
