/**
 * User flows through the preview, one file each in preview/e2e/flows/ (`<name>.flow.ts` exporting a
 * `PreviewFlow`): adding a flow is adding a file. Each runs in a fresh page on the shared preview; its
 * screenshots go to test-results/preview/flows/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { collectErrors, launchBrowser, type BrowserSession } from './support/browser';
import { RESULTS_DIR, readState, slug } from './support/environment';
import type { PreviewFlow } from './support/flow';

const state = readState();
const flowsDir = path.join(__dirname, 'flows');
const flows = fs
  .readdirSync(flowsDir)
  .filter((file) => file.endsWith('.flow.ts'))
  .sort()
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  .map((file) => (require(path.join(flowsDir, file)) as { default: PreviewFlow }).default);

const describeFlows = state.skip ? describe.skip : describe;

describeFlows('flows', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    session = await launchBrowser();
  });

  afterAll(async () => {
    await session?.close();
  });

  it.each(flows.map((flow) => [flow.name, flow] as const))('%s', async (_name, flow) => {
    const reason = flow.skip?.();
    if (reason) {
      console.warn(`Flow "${flow.name}" skipped: ${reason}`);
      return;
    }
    const page = await session.context.newPage();
    const errors = collectErrors(page);
    const shots = path.join(RESULTS_DIR, 'flows');
    fs.mkdirSync(shots, { recursive: true });
    try {
      await flow.run({
        page,
        url: (route: string) => `${state.url ?? ''}${route}`,
        screenshot: async (name: string) => {
          await page.screenshot({
            path: path.join(shots, `${slug(flow.name)}-${slug(name)}.png`),
            fullPage: true
          });
        },
        api: async (method: string, route: string, body?: unknown) => {
          const response = await fetch(`${state.url ?? ''}${route}`, {
            method,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body)
          });
          const text = await response.text();
          return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
        }
      });
      expect(
        errors.filter(
          (error) => !/attachInternals API is not supported/.test(error) && !/status of 4\d\d/.test(error)
        )
      ).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
