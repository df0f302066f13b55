/**
 * Starts the preview for the browser tests as `npm start` does (its own process, so module resolution is the
 * one the preview really runs with), on a free port of 127.0.0.1 with a throwaway database seeded from the
 * demo data. Without Chromium the tests are skipped with a message, and fail in CI (CI=true).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumAvailable, CHROMIUM } from './browser';
import { RESULTS_DIR, writeState, type PreviewPage } from './environment';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const START_TIMEOUT_MS = 600_000;

declare global {
  // The preview's process and its scratch folder, for globalTeardown.
  var __trustDeskPreview: { pid: number; dir: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (!chromiumAvailable()) {
    const message = `Chromium is not installed at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (.ci/run does) to run the browser tests.`;
    if (process.env.CI) throw new Error(message);
    console.warn(`\nSkipping the browser tests. ${message}\n`);
    writeState({ skip: message, pages: [], seedProblems: [] });
    return;
  }
  // Screenshots of this run only: a page that no longer exists must not leave an old picture behind.
  fs.rmSync(path.join(RESULTS_DIR, 'flows'), { recursive: true, force: true });
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  for (const file of fs.readdirSync(RESULTS_DIR)) {
    if (file.endsWith('.png')) fs.rmSync(path.join(RESULTS_DIR, file));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-e2e-'));
  const log = fs.createWriteStream(path.join(RESULTS_DIR, 'server.log'));
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['preview/server/main.ts', '--port', '0', '--db', path.join(dir, 'preview.db')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  globalThis.__trustDeskPreview = { pid: child.pid ?? 0, dir };
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `The preview did not start within ${START_TIMEOUT_MS / 1000} s; see ${RESULTS_DIR}/server.log`
          )
        ),
      START_TIMEOUT_MS
    );
    const read = (chunk: Buffer): void => {
      log.write(chunk);
      output += chunk.toString('utf8');
      const match = /Trust Desk preview: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The preview exited with code ${String(code)} before it served; see ${RESULTS_DIR}/server.log`
        )
      );
    });
  });
  child.removeAllListeners('exit');
  const { pages } = (await (await fetch(`${url}/api/preview/pages`)).json()) as { pages: PreviewPage[] };
  const status = (await (await fetch(`${url}/api/preview/status`)).json()) as {
    seed: { problems: { file: string; referenceId: string; message: string }[] } | null;
  };
  writeState({
    url,
    pages,
    seedProblems: (status.seed?.problems ?? []).map(
      (problem) => `data/${problem.file} ${problem.referenceId}: ${problem.message}`
    )
  });
}
