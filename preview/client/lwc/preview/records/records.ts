/**
 * The preview's Lightning Data Service store: records cached by id with every field any wire asked for,
 * getRecord calls made in the same moment batched into one round trip (as LDS aggregates them), fresh
 * records served from the cache for 30 seconds, and changes (a save, `notifyRecordUpdateAvailable`,
 * `RefreshEvent`) pushed to every wire that shows the record.
 */
import { request } from '../transport/transport';

export interface FieldValueRepresentation {
  displayValue: string | null;
  value: unknown;
}

export interface RecordRepresentation {
  apiName: string;
  childRelationships: Record<string, unknown>;
  eTag?: string;
  fields: Record<string, FieldValueRepresentation>;
  id: string;
  lastModifiedById?: string | null;
  lastModifiedDate?: string | null;
  recordTypeId?: string | null;
  recordTypeInfo?: unknown;
  systemModstamp?: string | null;
  weakEtag?: number;
}

export interface RecordQuery {
  readonly fields: readonly string[];
  readonly optionalFields: readonly string[];
  readonly layoutTypes: readonly string[];
}

interface CacheEntry {
  record: RecordRepresentation;
  fetchedAt: number;
  /** Every path asked for (found or not), so an optional field the record lacks is not asked for again. */
  readonly asked: Set<string>;
}

interface Pending {
  readonly fields: Set<string>;
  readonly optionalFields: Set<string>;
  readonly layoutTypes: Set<string>;
  readonly waiters: { resolve: (record: RecordRepresentation) => void; reject: (error: unknown) => void }[];
}

type ChangeListener = (recordIds: ReadonlySet<string>) => void;

export const RECORD_TTL_MS = 30_000;

const cache = new Map<string, CacheEntry>();
const pending = new Map<string, Pending>();
const changeListeners = new Set<ChangeListener>();
let flushScheduled = false;

function isRecord(value: unknown): value is RecordRepresentation {
  return typeof value === 'object' && value !== null && 'apiName' in value && 'fields' in value;
}

/** Deep merge: nested parent records keep the fields each request brought. */
export function mergeRecords(into: RecordRepresentation, from: RecordRepresentation): RecordRepresentation {
  const fields: Record<string, FieldValueRepresentation> = { ...into.fields };
  for (const [name, value] of Object.entries(from.fields)) {
    const existing = fields[name];
    if (
      existing &&
      isRecord(existing.value) &&
      isRecord(value.value) &&
      existing.value.id === value.value.id
    ) {
      fields[name] = { displayValue: value.displayValue, value: mergeRecords(existing.value, value.value) };
    } else {
      fields[name] = value;
    }
  }
  return { ...into, ...from, fields };
}

/** `Opportunity.Account.Name` → `Account.Name` when the record is an Opportunity. */
export function relativePath(apiName: string, qualified: string): string {
  const dot = qualified.indexOf('.');
  return dot > 0 && qualified.slice(0, dot).toLowerCase() === apiName.toLowerCase()
    ? qualified.slice(dot + 1)
    : qualified;
}

function hasPath(record: RecordRepresentation, path: string): boolean {
  const [head, ...rest] = path.split('.');
  const field = head ? record.fields[head] : undefined;
  if (!field) return false;
  if (rest.length === 0) return true;
  return isRecord(field.value) ? hasPath(field.value, rest.join('.')) : field.value === null;
}

/** The record with only the fields a wire asked for, as LDS hands each wire its own view. */
export function project(record: RecordRepresentation, paths: readonly string[]): RecordRepresentation {
  const tree = new Map<string, string[]>();
  for (const path of paths) {
    const [head, ...rest] = relativePath(record.apiName, path).split('.');
    if (!head) continue;
    const list = tree.get(head) ?? [];
    if (rest.length > 0) list.push(rest.join('.'));
    tree.set(head, list);
  }
  const fields: Record<string, FieldValueRepresentation> = {};
  for (const [head, rest] of tree) {
    const field = record.fields[head];
    if (!field) continue;
    fields[head] =
      rest.length > 0 && isRecord(field.value)
        ? { displayValue: field.displayValue, value: project(field.value, rest) }
        : field;
  }
  return { ...record, fields };
}

export function cachedRecord(recordId: string): RecordRepresentation | undefined {
  return cache.get(recordId)?.record;
}

function fresh(recordId: string, query: RecordQuery): RecordRepresentation | undefined {
  const entry = cache.get(recordId);
  if (!entry || Date.now() - entry.fetchedAt > RECORD_TTL_MS || query.layoutTypes.length > 0)
    return undefined;
  const complete =
    query.fields.every((path) => hasPath(entry.record, relativePath(entry.record.apiName, path))) &&
    query.optionalFields.every(
      (path) => entry.asked.has(path) || hasPath(entry.record, relativePath(entry.record.apiName, path))
    );
  return complete ? entry.record : undefined;
}

export function storeRecord(record: RecordRepresentation, asked: readonly string[] = []): void {
  const entry = cache.get(record.id);
  if (entry) {
    entry.record = mergeRecords(entry.record, record);
    entry.fetchedAt = Date.now();
    for (const path of asked) entry.asked.add(path);
  } else {
    cache.set(record.id, { record, fetchedAt: Date.now(), asked: new Set(asked) });
  }
}

export function forgetRecord(recordId: string): void {
  cache.delete(recordId);
}

async function flush(): Promise<void> {
  flushScheduled = false;
  const batch = [...pending.entries()];
  pending.clear();
  if (batch.length === 0) return;
  try {
    const response = await request<{ results: { statusCode: number; result: unknown }[] }>(
      'POST',
      '/api/ui-api/records/batch',
      {
        requests: batch.map(([recordId, entry]) => ({
          recordIds: [recordId],
          fields: [...entry.fields],
          optionalFields: [...entry.optionalFields],
          layoutTypes: [...entry.layoutTypes]
        }))
      }
    );
    batch.forEach(([recordId, entry], index) => {
      const result = response.results[index];
      if (result && result.statusCode === 200 && isRecord(result.result)) {
        storeRecord(result.result, [...entry.fields, ...entry.optionalFields]);
        const record = cache.get(recordId)?.record ?? result.result;
        for (const waiter of entry.waiters) waiter.resolve(record);
      } else {
        const error = {
          status: result?.statusCode ?? 500,
          statusText: 'Error',
          ok: false,
          headers: {},
          body: result?.result
        };
        for (const waiter of entry.waiters) waiter.reject(error);
      }
    });
  } catch (error) {
    for (const [, entry] of batch) for (const waiter of entry.waiters) waiter.reject(error);
  }
}

/** The record with at least these fields: from the cache when fresh, else in the next batch. */
export function loadRecord(
  recordId: string,
  query: RecordQuery,
  force = false
): Promise<RecordRepresentation> {
  if (!force) {
    const cached = fresh(recordId, query);
    if (cached) return Promise.resolve(cached);
  }
  return new Promise((resolve, reject) => {
    let entry = pending.get(recordId);
    if (!entry) {
      entry = { fields: new Set(), optionalFields: new Set(), layoutTypes: new Set(), waiters: [] };
      pending.set(recordId, entry);
    }
    for (const field of query.fields) entry.fields.add(field);
    for (const field of query.optionalFields) entry.optionalFields.add(field);
    for (const type of query.layoutTypes) entry.layoutTypes.add(type);
    entry.waiters.push({ resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      setTimeout(() => void flush(), 0);
    }
  });
}

/** Tells every wire showing one of these records that it changed. */
export function recordsChanged(recordIds: Iterable<string>): void {
  const ids = new Set(recordIds);
  for (const listener of changeListeners) listener(ids);
}

export function onRecordsChanged(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** `RefreshEvent`: everything on the page is read again. */
export function refreshAll(): void {
  for (const entry of cache.values()) entry.fetchedAt = 0;
  recordsChanged(['*']);
}
