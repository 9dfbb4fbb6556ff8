import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform } from '@fruitables/stack/platform';
import type { TestProject } from 'vitest/node';
import { artifactsDir, clearArtifacts } from './artifacts.ts';
import './platform-context.ts';

/**
 * One platform for every e2e file: every service in apps/ (catalog with its demo data), the
 * stand-ins they declare and the edge, started like `./fruitables up` but on private ports
 * and throwaway data, returned once every service is ready and routed.
 * Under `./fruitables test` it lives in that run's folder (FRUITABLES_TEST_RUN_DIR), whose
 * cleanup also stops it if this process dies; run directly, in a folder of its own.
 */
function platformDir(): string {
  const runDir = process.env.FRUITABLES_TEST_RUN_DIR;
  return runDir
    ? join(runDir, 'platform')
    : new URL(`../../../.fruitables/test/e2e-${process.pid}`, import.meta.url).pathname;
}

/**
 * What the browser tests change in the services: an unpaid order expires a minute after it
 * is placed (the least orders allows; 15 minutes in production) and the sweep that expires it
 * runs every second, so a test can watch an abandoned payment give its stock back. Every
 * other test pays within seconds of its checkout. identity lets one address sign up more often.
 */
const E2E_SERVICE_ENV = {
  // Every browser test signs its shoppers and farmers up from 127.0.0.1, more than 20 in ten minutes.
  identity: { IDENTITY_SIGN_UPS_PER_ADDRESS: '1000' },
  orders: { ORDERS_PAYMENT_WINDOW_SECONDS: '60', ORDERS_SWEEP_MS: '1000' },
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  clearArtifacts();
  const dir = platformDir();
  const platform = await startPlatform(dir, { serviceEnv: E2E_SERVICE_ENV });
  project.provide('platform', { dir, edgeUrl: platform.edgeUrl, standIns: platform.standIns });
  return async () => {
    await platform.stop();
    // The services' logs outlive the run, beside the screenshots, for reading a failure.
    if (existsSync(join(dir, 'logs'))) cpSync(join(dir, 'logs'), join(artifactsDir, 'logs'), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
  };
}
