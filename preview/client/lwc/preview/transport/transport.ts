/**
 * How the preview's platform modules reach the server: `fetch` with the page load's id (so the server can
 * count round trips per page), failures shaped like Lightning Data Service's FetchResponse errors
 * (`{ status, statusText, ok: false, body }`), and the page-load bookkeeping the benchmark and the browser
 * tests read from `window.__preview`: when the page started, when it first rendered, when its data settled.
 */

export interface FetchResponseError {
  readonly status: number;
  readonly statusText: string;
  readonly ok: false;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export interface PageLoad {
  readonly id: string;
  readonly url: string;
  /** `performance.now()` when the navigation started (0 for the first page). */
  readonly startedAt: number;
  renderedAt?: number;
  settledAt?: number;
  requests: number;
}

interface PreviewGlobal {
  pageLoad?: PageLoad;
  history: PageLoad[];
}

const SETTLE_QUIET_MS = 150;

let inFlight = 0;
let lastActivity = 0;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
let sequence = 0;

function state(): PreviewGlobal {
  const holder = window as unknown as { __preview?: PreviewGlobal };
  holder.__preview ??= { history: [] };
  return holder.__preview;
}

/** Starts a new page load: requests from now on are counted against it. */
export function startPageLoad(url: string, startedAt: number): PageLoad {
  sequence++;
  const pageLoad: PageLoad = {
    id: `p${Date.now().toString(36)}${sequence}`,
    url,
    startedAt,
    requests: 0
  };
  const global = state();
  global.pageLoad = pageLoad;
  global.history.push(pageLoad);
  if (global.history.length > 50) global.history.shift();
  lastActivity = performance.now();
  scheduleSettle();
  return pageLoad;
}

/** The shell calls this once the page's layout and components have rendered for the first time. */
export function markRendered(): void {
  const pageLoad = state().pageLoad;
  if (pageLoad && pageLoad.renderedAt === undefined) {
    pageLoad.renderedAt = performance.now();
    lastActivity = Math.max(lastActivity, pageLoad.renderedAt);
    scheduleSettle();
  }
}

function scheduleSettle(): void {
  if (settleTimer) clearTimeout(settleTimer);
  settleTimer = setTimeout(() => {
    const pageLoad = state().pageLoad;
    if (!pageLoad || inFlight > 0 || pageLoad.renderedAt === undefined) return;
    if (performance.now() - lastActivity < SETTLE_QUIET_MS) {
      scheduleSettle();
      return;
    }
    // The data is in; the next frame shows it.
    requestAnimationFrame(() => {
      if (pageLoad.settledAt === undefined && inFlight === 0) pageLoad.settledAt = performance.now();
    });
  }, SETTLE_QUIET_MS);
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return headers;
}

/** One round trip to the preview server. Resolves with the JSON body; rejects with a FetchResponse error. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {}
): Promise<T> {
  const pageLoad = state().pageLoad;
  inFlight++;
  if (pageLoad) pageLoad.requests++;
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (pageLoad) headers['x-preview-page'] = pageLoad.id;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    } catch (error) {
      // LDS rejects with FetchResponse objects, not Error instances: components read `error.body`.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw {
        status: 0,
        statusText: 'Network error',
        ok: false,
        headers: {},
        body: { message: `The preview server could not be reached: ${String(error)}` }
      } satisfies FetchResponseError;
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = { message: text };
      }
    }
    if (!response.ok) {
      // LDS rejects with FetchResponse objects, not Error instances: components read `error.body`.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw {
        status: response.status,
        statusText: response.statusText,
        ok: false,
        headers: headersOf(response),
        body: parsed
      } satisfies FetchResponseError;
    }
    return parsed as T;
  } finally {
    inFlight--;
    lastActivity = performance.now();
    scheduleSettle();
  }
}

/** A config value LDS treats as "not ready yet": the wire waits instead of calling the server. */
export function hasUndefinedValue(config: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!config) return true;
  return Object.values(config).some((value) => value === undefined);
}
