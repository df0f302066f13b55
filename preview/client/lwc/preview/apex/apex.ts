/**
 * Apex for the preview: every `@salesforce/apex/<Class>.<method>` import is `apexMethod('<Class>',
 * '<method>', cacheable)`, a function components call imperatively and a wire adapter (`@wire(method,
 * params)`), answered by the TypeScript stand-in of that method on the server. Like Lightning Data Service:
 * cacheable results are cached on the client (30 s) and shared between wires, a wire waits while a
 * parameter is undefined, `refreshApex(wiredValue)` reads it again, and failures arrive as
 * `{ status, body: { message, exceptionType } }` (or the DML exception body with pageErrors/fieldErrors).
 */
import { hasUndefinedValue, request } from '../transport/transport';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

export const APEX_CACHE_TTL_MS = 30_000;

const cache = new Map<string, { at: number; promise: Promise<unknown> }>();
const wired = new WeakMap<object, { refresh: () => Promise<void> }>();

function call(
  className: string,
  methodName: string,
  params: Record<string, unknown>,
  cacheable: boolean,
  force: boolean
): Promise<unknown> {
  const key = `${className}.${methodName}:${JSON.stringify(params)}`;
  const hit = cache.get(key);
  if (cacheable && !force && hit && Date.now() - hit.at < APEX_CACHE_TTL_MS) return hit.promise;
  const promise = request<{ returnValue: unknown }>(
    'POST',
    `/api/apex/${className}/${methodName}`,
    params
  ).then((body) => body.returnValue);
  if (cacheable) {
    cache.set(key, { at: Date.now(), promise });
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

export interface ApexMethod {
  (params?: Record<string, unknown>): Promise<unknown>;
  adapter: new (callback: DataCallback) => {
    connect(): void;
    disconnect(): void;
    update(config: Record<string, unknown>): void;
  };
}

export function apexMethod(className: string, methodName: string, cacheable: boolean): ApexMethod {
  class ApexWireAdapter {
    private readonly callback: DataCallback;
    private params?: Record<string, unknown>;
    private version = 0;

    constructor(callback: DataCallback) {
      this.callback = callback;
    }

    connect(): void {}

    disconnect(): void {}

    update(config: Record<string, unknown>): void {
      if (hasUndefinedValue(config) && Object.keys(config).length > 0) return;
      this.params = { ...config };
      void this.load(false);
    }

    async load(force: boolean): Promise<void> {
      if (!this.params) return;
      const version = ++this.version;
      let emitted: { data?: unknown; error?: unknown };
      try {
        emitted = { data: await call(className, methodName, this.params, true, force), error: undefined };
      } catch (error) {
        emitted = { data: undefined, error };
      }
      if (version !== this.version) return;
      wired.set(emitted, { refresh: () => this.load(true) });
      this.callback(emitted);
    }
  }
  const method = ((params: Record<string, unknown> = {}) =>
    call(className, methodName, params, cacheable, false)) as ApexMethod;
  method.adapter = ApexWireAdapter;
  return method;
}

export function refreshApex(wiredValue: unknown): Promise<void> {
  const entry = typeof wiredValue === 'object' && wiredValue !== null ? wired.get(wiredValue) : undefined;
  return entry ? entry.refresh() : Promise.resolve();
}

export function getSObjectValue(
  sobject: Record<string, unknown>,
  field: string | { fieldApiName: string }
): unknown {
  const path = (typeof field === 'string' ? field : field.fieldApiName).split('.');
  let current: unknown = sobject;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** `RefreshEvent` and saves make cached Apex results stale, as `refreshApex` would. */
export function clearApexCache(): void {
  cache.clear();
}
