/**
 * `lightning/uiRecordApi` for the preview: the getRecord and getRecords wire adapters over the preview's
 * LDS store (batched, cached, refreshed on change), getFieldValue/getFieldDisplayValue, and createRecord,
 * updateRecord, deleteRecord and notifyRecordUpdateAvailable through the UI API endpoints. Errors arrive
 * as LDS delivers them: `{ status, body: { message, output: { errors, fieldErrors } } }` for a save the
 * org rejects, `{ status, body: [{ errorCode, message }] }` otherwise.
 */
import { hasUndefinedValue, request } from '../../preview/transport/transport';
import {
  forgetRecord,
  loadRecord,
  onRecordsChanged,
  project,
  recordsChanged,
  relativePath,
  storeRecord,
  type RecordRepresentation
} from '../../preview/records/records';
import { asText } from '../../../../shared/text';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;
type FieldReference = string | { objectApiName: string; fieldApiName: string };

/** `Account.Name` for a field reference (`@salesforce/schema/Account.Name` or a string). */
export function qualifiedName(field: FieldReference): string {
  return typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((item) => qualifiedName(item as FieldReference));
}

class GetRecordAdapter {
  private readonly callback: DataCallback;
  private recordId?: string;
  private fields: string[] = [];
  private optionalFields: string[] = [];
  private layoutTypes: string[] = [];
  private unsubscribe?: () => void;
  private version = 0;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {
    this.unsubscribe = onRecordsChanged((ids) => {
      if (this.recordId && (ids.has(this.recordId) || ids.has('*'))) void this.load(true);
    });
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  update(config: Record<string, unknown>): void {
    // As in LDS, a wire whose config still has an undefined value waits for it.
    if (hasUndefinedValue(config) || typeof config.recordId !== 'string') return;
    this.recordId = config.recordId;
    this.fields = list(config.fields);
    this.optionalFields = list(config.optionalFields);
    this.layoutTypes = list(config.layoutTypes);
    if (this.fields.length === 0 && this.optionalFields.length === 0 && this.layoutTypes.length === 0) {
      this.callback({
        data: undefined,
        error: { status: 400, body: { message: 'getRecord needs fields, optionalFields or layoutTypes' } }
      });
      return;
    }
    void this.load(false);
  }

  private async load(force: boolean): Promise<void> {
    const recordId = this.recordId;
    if (!recordId) return;
    const version = ++this.version;
    try {
      const record = await loadRecord(
        recordId,
        { fields: this.fields, optionalFields: this.optionalFields, layoutTypes: this.layoutTypes },
        force
      );
      if (version !== this.version) return;
      const data =
        this.layoutTypes.length > 0
          ? record
          : project(record, [...this.fields, ...this.optionalFields, 'Id']);
      this.callback({ data, error: undefined });
    } catch (error) {
      if (version === this.version) this.callback({ data: undefined, error });
    }
  }
}

class GetRecordsAdapter {
  private readonly callback: DataCallback;
  private requests: { recordIds: string[]; fields: string[]; optionalFields: string[] }[] = [];
  private unsubscribe?: () => void;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {
    this.unsubscribe = onRecordsChanged((ids) => {
      if (ids.has('*') || this.requests.some((entry) => entry.recordIds.some((id) => ids.has(id))))
        void this.load(true);
    });
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  update(config: Record<string, unknown>): void {
    if (!Array.isArray(config.records)) return;
    this.requests = (config.records as Record<string, unknown>[]).map((entry) => ({
      recordIds: list(entry.recordIds),
      fields: list(entry.fields),
      optionalFields: list(entry.optionalFields)
    }));
    if (this.requests.some((entry) => entry.recordIds.some((id) => !id || id === 'undefined'))) return;
    void this.load(false);
  }

  private async load(force: boolean): Promise<void> {
    const results = await Promise.all(
      this.requests.flatMap((entry) =>
        entry.recordIds.map(async (recordId) => {
          try {
            const record = await loadRecord(
              recordId,
              { fields: entry.fields, optionalFields: entry.optionalFields, layoutTypes: [] },
              force
            );
            return {
              statusCode: 200,
              result: project(record, [...entry.fields, ...entry.optionalFields, 'Id'])
            };
          } catch (error) {
            const failure = error as { status?: number; body?: unknown };
            return { statusCode: failure.status ?? 500, result: failure.body };
          }
        })
      )
    );
    this.callback({ data: { results }, error: undefined });
  }
}

export const getRecord = GetRecordAdapter;
export const getRecords = GetRecordsAdapter;

class GetRecordCreateDefaultsAdapter {
  private readonly callback: DataCallback;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {}

  disconnect(): void {}

  update(config: Record<string, unknown>): void {
    const objectApiName =
      typeof config.objectApiName === 'string'
        ? config.objectApiName
        : (config.objectApiName as { objectApiName?: string } | undefined)?.objectApiName;
    if (!objectApiName) return;
    request<Record<string, unknown>>(
      'GET',
      `/api/ui-api/object-info/${encodeURIComponent(objectApiName)}`
    ).then(
      (objectInfo) =>
        this.callback({
          data: {
            objectInfos: { [objectApiName]: objectInfo },
            record: { apiName: objectApiName, fields: {} },
            layout: null
          },
          error: undefined
        }),
      (error: unknown) => this.callback({ data: undefined, error })
    );
  }
}

export const getRecordCreateDefaults = GetRecordCreateDefaultsAdapter;

function valueAt(
  record: RecordRepresentation | undefined,
  field: FieldReference
): FieldValueLike | undefined {
  if (!record) return undefined;
  const reference = typeof field === 'string' ? field : field.fieldApiName;
  const path = (typeof field === 'string' ? relativePath(record.apiName, reference) : reference).split('.');
  let current: RecordRepresentation | undefined = record;
  for (let index = 0; index < path.length; index++) {
    const value: FieldValueLike | undefined = current?.fields[path[index] ?? ''];
    if (!value) return undefined;
    if (index === path.length - 1) return value;
    current = value.value as RecordRepresentation | undefined;
    if (!current) return { value: null, displayValue: null };
  }
  return undefined;
}

interface FieldValueLike {
  value: unknown;
  displayValue: string | null;
}

export function getFieldValue(record: RecordRepresentation | undefined, field: FieldReference): unknown {
  return valueAt(record, field)?.value;
}

export function getFieldDisplayValue(
  record: RecordRepresentation | undefined,
  field: FieldReference
): string | null | undefined {
  const value = valueAt(record, field);
  return value
    ? (value.displayValue ?? (value.value === null || value.value === undefined ? null : asText(value.value)))
    : undefined;
}

interface RecordInput {
  apiName?: string;
  fields: Record<string, unknown>;
}

function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) plain[key] = value;
  return plain;
}

export async function createRecord(recordInput: RecordInput): Promise<RecordRepresentation> {
  const record = await request<RecordRepresentation>('POST', '/api/ui-api/records', {
    apiName: recordInput.apiName,
    fields: plainFields(recordInput.fields ?? {})
  });
  storeRecord(record);
  return record;
}

export async function updateRecord(
  recordInput: RecordInput,
  clientOptions?: { ifUnmodifiedSince?: string }
): Promise<RecordRepresentation> {
  const fields = plainFields(recordInput.fields ?? {});
  const id = fields.Id;
  if (typeof id !== 'string') {
    // LDS rejects with FetchResponse objects, not Error instances: components read `error.body`.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw {
      status: 400,
      ok: false,
      statusText: 'Bad Request',
      headers: {},
      body: [{ errorCode: 'INVALID_INPUT', message: 'updateRecord needs fields.Id' }]
    };
  }
  const headers: Record<string, string> = clientOptions?.ifUnmodifiedSince
    ? { 'if-unmodified-since': clientOptions.ifUnmodifiedSince }
    : {};
  const record = await request<RecordRepresentation>(
    'PATCH',
    `/api/ui-api/records/${encodeURIComponent(id)}`,
    { fields },
    headers
  );
  storeRecord(record);
  recordsChanged([record.id]);
  return record;
}

export async function deleteRecord(recordId: string): Promise<void> {
  await request<void>('DELETE', `/api/ui-api/records/${encodeURIComponent(recordId)}`);
  forgetRecord(recordId);
  recordsChanged([recordId]);
}

export function notifyRecordUpdateAvailable(items: ReadonlyArray<{ recordId: string }>): Promise<void> {
  recordsChanged(items.map((item) => item.recordId));
  return Promise.resolve();
}

/** `generateRecordInputForCreate`: the fields of a record that can be written on create. */
export function generateRecordInputForCreate(
  record: RecordRepresentation,
  objectInfo?: { fields: Record<string, { createable: boolean }> }
): RecordInput {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record.fields)) {
    if (!objectInfo || objectInfo.fields[name]?.createable) fields[name] = value.value;
  }
  return { apiName: record.apiName, fields };
}

/** `generateRecordInputForUpdate`: the record's updateable fields with its id. */
export function generateRecordInputForUpdate(
  record: RecordRepresentation,
  objectInfo?: { fields: Record<string, { updateable: boolean }> }
): RecordInput {
  const fields: Record<string, unknown> = { Id: record.id };
  for (const [name, value] of Object.entries(record.fields)) {
    if (!objectInfo || objectInfo.fields[name]?.updateable) fields[name] = value.value;
  }
  return { fields };
}
