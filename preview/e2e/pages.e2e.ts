/**
 * Every page of the app in real Chromium: it renders its demo content, logs no error, passes an axe scan
 * with no serious or critical violation, and leaves a screenshot in test-results/preview/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { collectErrors, launchBrowser, waitForSettled, type BrowserSession } from './support/browser';
import { RESULTS_DIR, readState, slug, type PreviewPage } from './support/environment';
import { axeViolations, blocking } from './support/axe';

const state = readState();
const describePages = state.skip ? describe.skip : describe;

/** Messages Lightning Experience itself logs with synthetic shadow, not problems of the page. */
const BENIGN = [/attachInternals API is not supported in synthetic shadow/];

async function demoContent(page: Page, preview: PreviewPage): Promise<void> {
  if (preview.kind === 'list') {
    await page.locator('lightning-datatable tbody tr').first().waitFor({ timeout: 15_000 });
  } else if (preview.kind.startsWith('record')) {
    const name = preview.name.slice(preview.name.indexOf(':') + 2);
    await page.locator('.slds-page-header__title', { hasText: name }).first().waitFor({ timeout: 15_000 });
  } else {
    await page.locator('main shell-page').waitFor({ timeout: 15_000 });
    const text = (await page.locator('main').innerText()).trim();
    expect(text.length).toBeGreaterThan(20);
  }
}

describePages('the preview pages', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('has the demo data, loaded as an org would load it', () => {
    expect(state.seedProblems).toEqual([]);
  });

  it.each(state.pages.map((preview) => [preview.name, preview] as const))('%s', async (_name, preview) => {
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(`${state.url ?? ''}${preview.url}`);
      await waitForSettled(page);
      await demoContent(page, preview);
      await page.screenshot({ path: path.join(RESULTS_DIR, `${slug(preview.name)}.png`), fullPage: true });
      expect(errors.filter((error) => !BENIGN.some((pattern) => pattern.test(error)))).toEqual([]);
      expect(blocking(await axeViolations(page))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
