/**
 * Real Chromium for the browser tests and the benchmark: Debian's package at /usr/bin/chromium (installed by
 * .ci/run), driven by playwright-core, with the flags that keep it quiet on a machine without network.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.PREVIEW_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly browser?: Browser;
  close(): Promise<void>;
}

/** A fresh browser profile each time: nothing cached between runs. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    viewport: { width: 1440, height: 1000 }
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  };
}

export interface PageLoadTiming {
  readonly id: string;
  readonly requests: number;
  readonly renderedAt?: number;
  readonly settledAt?: number;
  readonly startedAt: number;
}

/** Waits until the shell reports that the page's data has settled (no request for a while after rendering). */
export async function waitForSettled(page: Page, timeout = 30_000): Promise<PageLoadTiming> {
  await page.waitForFunction(
    () => {
      const state = (window as unknown as { __preview?: { pageLoad?: { settledAt?: number } } }).__preview;
      return state?.pageLoad?.settledAt !== undefined;
    },
    undefined,
    { timeout }
  );
  return page.evaluate(
    () => (window as unknown as { __preview: { pageLoad: PageLoadTiming } }).__preview.pageLoad
  );
}

/** Messages the page logged as errors, and uncaught exceptions, for a test to assert on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
