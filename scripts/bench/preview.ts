/**
 * `npm run bench:preview`: how the local preview performs in real Chromium.
 *
 * Starts the preview on a free port with a fresh copy of the demo data, then opens each record page a few
 * times (bundle cached, data cache empty, as on a first visit) and prints, per page: the round trips the
 * server counted for the page load (UI API, GraphQL and Apex requests), first contentful paint, when the
 * layout had rendered and when the data had settled on screen (no request in flight for 150 ms). Then it
 * grows the data to 500 controls and times the control board: the page that holds `c:controlBoard` (a
 * FlexiPage, else the component alone), or, without that component, the Trust Control list page.
 *
 *   npm run bench:preview [-- --runs 5]
 *
 * Figures go to stdout and to test-results/preview/bench.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startPreview, type RunningPreview } from '../../preview/server/start';
import {
  chromiumAvailable,
  CHROMIUM,
  launchBrowser,
  waitForSettled
} from '../../preview/e2e/support/browser';
import { RESULTS_DIR } from '../../preview/e2e/support/environment';
import type { RecordValues } from '../../preview/server/records';

interface Measure {
  readonly roundTrips: number;
  readonly firstContentfulPaint: number;
  readonly rendered: number;
  readonly settled: number;
}

interface PageResult extends Measure {
  readonly name: string;
  readonly url: string;
  readonly layout: string;
}

const CONTROLS = 500;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

async function measure(page: Page, preview: RunningPreview, url: string): Promise<Measure> {
  await page.goto(`${preview.url}${url}`);
  const timing = await waitForSettled(page, 60_000);
  const paint = await page.evaluate(
    () =>
      performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')
        ?.startTime ?? 0
  );
  const metrics = preview.server.metrics.get(timing.id);
  return {
    roundTrips: metrics?.requests ?? 0,
    firstContentfulPaint: Math.round(paint),
    rendered: Math.round((timing.renderedAt ?? 0) - timing.startedAt),
    settled: Math.round((timing.settledAt ?? 0) - timing.startedAt)
  };
}

async function measureRuns(page: Page, preview: RunningPreview, url: string, runs: number): Promise<Measure> {
  const results: Measure[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure(page, preview, url));
  return {
    roundTrips: median(results.map((result) => result.roundTrips)),
    firstContentfulPaint: median(results.map((result) => result.firstContentfulPaint)),
    rendered: median(results.map((result) => result.rendered)),
    settled: median(results.map((result) => result.settled))
  };
}

/** Adds controls (with a year of weekly evidence each) until there are `count`. */
function growControls(preview: RunningPreview, count: number): number {
  const store = preview.store;
  const existing = store.count({ object: 'Trust_Control__c' });
  const statuses = [
    'Operating',
    'Operating',
    'Operating',
    'Exception Noted',
    'Remediation In Progress',
    'Not Applicable'
  ];
  const controls: RecordValues[] = [];
  for (let index = existing; index < count; index++) {
    controls.push({
      Name: `Generated control ${index + 1}`,
      Control_Id__c: `GEN-${String(index + 1).padStart(3, '0')}`,
      Status__c: statuses[index % statuses.length],
      Evidence_Cadence__c: 'Weekly',
      Surfaces__c: index % 2 === 0 ? 'Backups' : 'Encryption'
    });
  }
  const created = controls.length > 0 ? store.createMany('Trust_Control__c', controls) : [];
  const today = Date.now();
  const evidence: RecordValues[] = [];
  for (const control of created) {
    for (let week = 1; week <= 52; week++) {
      evidence.push({
        Trust_Control__c: control.Id,
        Sampled_On__c: new Date(today - week * 7 * 86_400_000).toISOString().slice(0, 10),
        Result__c: week % 13 === 0 ? 'Exception' : 'Pass',
        Population__c: 100,
        Sample_Size__c: 10,
        Exceptions_Found__c: week % 13 === 0 ? 1 : 0
      });
    }
  }
  for (let start = 0; start < evidence.length; start += 1000)
    store.createMany('Control_Evidence__c', evidence.slice(start, start + 1000));
  return store.count({ object: 'Trust_Control__c' });
}

/** Where the control board lives: the FlexiPage that places it, else the component alone; else the list. */
function controlBoardPage(preview: RunningPreview): { url: string; what: string } {
  const hasBoard = preview.metadata.components.some(
    (component) => component.name === 'controlBoard' && component.hasTemplate
  );
  if (!hasBoard) {
    return {
      url: `/lightning/o/Trust_Control__c/list?pageSize=${CONTROLS}`,
      what: `Trust Control list page (no c:controlBoard in the package yet)`
    };
  }
  const holds = (items: readonly unknown[]): boolean =>
    JSON.stringify(items).includes('"name":"c:controlBoard"');
  for (const page of preview.metadata.flexiPages.values()) {
    if (page.type !== 'RecordPage' && holds(page.regions)) {
      const tab = [...preview.metadata.tabs.values()].find((candidate) => candidate.flexiPage === page.name);
      return {
        url: `/lightning/n/${tab?.name ?? page.name}`,
        what: `c:controlBoard on FlexiPage ${page.name}`
      };
    }
  }
  return { url: '/lightning/cmp/c__controlBoard', what: 'c:controlBoard alone (no FlexiPage places it)' };
}

function table(rows: readonly PageResult[]): string {
  const header = ['page', 'layout', 'round trips', 'FCP ms', 'layout ms', 'data settled ms'];
  const lines = rows.map((row) => [
    row.name,
    row.layout,
    String(row.roundTrips),
    String(row.firstContentfulPaint),
    String(row.rendered),
    String(row.settled)
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length))
  );
  const format = (cells: readonly string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const runsArgument = process.argv.indexOf('--runs');
  const runs = runsArgument > 0 ? Math.max(1, Number(process.argv[runsArgument + 1]) || 3) : 3;
  if (!chromiumAvailable()) {
    console.error(`Chromium is not installed at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-bench-'));
  const started = Date.now();
  const preview = await startPreview({
    databaseFile: path.join(dir, 'bench.db'),
    port: 0,
    log: (message) => console.log(message)
  });
  console.log(
    `Preview ready in ${Date.now() - started} ms (${JSON.stringify(preview.timings)}), bundle ${(preview.build.bytes / 1048576).toFixed(1)} MB\n`
  );
  const session = await launchBrowser();
  try {
    const page = await session.context.newPage();
    await measure(page, preview, '/lightning/page/home');
    const { pages } = (await (await fetch(`${preview.url}/api/preview/pages`)).json()) as {
      pages: { name: string; url: string; kind: string }[];
    };
    const recordPages = pages
      .filter((candidate) => candidate.kind.startsWith('record'))
      .sort((a, b) => a.kind.localeCompare(b.kind));
    const results: PageResult[] = [];
    for (const candidate of recordPages) {
      const result = await measureRuns(page, preview, candidate.url, runs);
      results.push({
        name: candidate.name.length > 60 ? `${candidate.name.slice(0, 57)}...` : candidate.name,
        url: candidate.url,
        layout: candidate.kind === 'record' ? 'FlexiPage' : 'default',
        ...result
      });
    }
    console.log(`Record pages (median of ${runs} loads each, bundle cached, data cache empty):\n`);
    console.log(table(results));

    const controls = growControls(preview, CONTROLS);
    const board = controlBoardPage(preview);
    const boardResult = await measureRuns(page, preview, board.url, runs);
    console.log(`\nControl board with ${controls} controls: ${board.what}\n`);
    console.log(table([{ name: board.what, url: board.url, layout: '', ...boardResult }]));

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(RESULTS_DIR, 'bench.json'),
      JSON.stringify(
        {
          runs,
          recordPages: results,
          controlBoard: { controls, ...board, ...boardResult },
          startup: preview.timings
        },
        null,
        2
      )
    );
  } finally {
    await session.close();
    await preview.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
