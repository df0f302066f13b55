/** What the global setup hands the browser tests: where the preview runs and which pages it has. */
import fs from 'node:fs';
import path from 'node:path';

export const RESULTS_DIR = path.resolve(__dirname, '..', '..', '..', 'test-results', 'preview');
const STATE_FILE = path.join(RESULTS_DIR, 'e2e-state.json');

export interface PreviewPage {
  readonly name: string;
  readonly url: string;
  /** `record` (laid out by a FlexiPage), `record-default`, `list` or `app`. */
  readonly kind: string;
}

export interface E2eState {
  /** Why the browser tests cannot run here (no Chromium); undefined when they can. */
  readonly skip?: string;
  readonly url?: string;
  readonly pages: readonly PreviewPage[];
  readonly seedProblems: readonly string[];
}

export function writeState(state: E2eState): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export function readState(): E2eState {
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2eState;
}

/** `Account: Hallberg & Rowe` → `account-hallberg-rowe`, for screenshot file names. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
