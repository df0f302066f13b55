/**
 * `lightning/uiObjectInfoApi` for the preview: object info and picklist values from the package metadata
 * (labels, data types, required, createable/updateable, lengths, picklist values and defaults). Metadata does
 * not change while the preview runs, so each answer is fetched once per page session.
 */
import { request } from '../../preview/transport/transport';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

const cache = new Map<string, Promise<unknown>>();

function cached(url: string): Promise<unknown> {
  let promise = cache.get(url);
  if (!promise) {
    promise = request('GET', url);
    promise.catch(() => cache.delete(url));
    cache.set(url, promise);
  }
  return promise;
}

function objectName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'objectApiName' in value)
    return String((value as { objectApiName: string }).objectApiName);
  return undefined;
}

function fieldName(value: unknown): { object: string; field: string } | undefined {
  if (typeof value === 'string' && value.includes('.')) {
    const [object = '', ...rest] = value.split('.');
    return { object, field: rest.join('.') };
  }
  if (typeof value === 'object' && value !== null && 'fieldApiName' in value) {
    const reference = value as { objectApiName: string; fieldApiName: string };
    return { object: reference.objectApiName, field: reference.fieldApiName };
  }
  return undefined;
}

abstract class MetadataAdapter {
  protected readonly callback: DataCallback;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {}

  disconnect(): void {}

  protected emit(promise: Promise<unknown>): void {
    promise.then(
      (data) => this.callback({ data, error: undefined }),
      (error: unknown) => this.callback({ data: undefined, error })
    );
  }
}

export function objectInfoOf(objectApiName: string): Promise<unknown> {
  return cached(`/api/ui-api/object-info/${encodeURIComponent(objectApiName)}`);
}

class GetObjectInfoAdapter extends MetadataAdapter {
  update(config: Record<string, unknown>): void {
    const name = objectName(config.objectApiName);
    if (name) this.emit(objectInfoOf(name));
  }
}

class GetObjectInfosAdapter extends MetadataAdapter {
  update(config: Record<string, unknown>): void {
    if (!Array.isArray(config.objectApiNames)) return;
    const names = (config.objectApiNames as unknown[])
      .map(objectName)
      .filter((name): name is string => name !== undefined);
    this.emit(
      Promise.all(
        names.map((name) =>
          objectInfoOf(name).then(
            (result) => ({ statusCode: 200, result }),
            (error: { status?: number; body?: unknown }) => ({
              statusCode: error.status ?? 500,
              result: error.body
            })
          )
        )
      ).then((results) => ({ results }))
    );
  }
}

class GetPicklistValuesAdapter extends MetadataAdapter {
  update(config: Record<string, unknown>): void {
    const field = fieldName(config.fieldApiName);
    if (!field || typeof config.recordTypeId !== 'string') return;
    this.emit(
      cached(`/api/ui-api/object-info/${field.object}/picklist-values/${config.recordTypeId}/${field.field}`)
    );
  }
}

class GetPicklistValuesByRecordTypeAdapter extends MetadataAdapter {
  update(config: Record<string, unknown>): void {
    const name = objectName(config.objectApiName);
    if (!name || typeof config.recordTypeId !== 'string') return;
    this.emit(cached(`/api/ui-api/object-info/${name}/picklist-values/${config.recordTypeId}`));
  }
}

export const getObjectInfo = GetObjectInfoAdapter;
export const getObjectInfos = GetObjectInfosAdapter;
export const getPicklistValues = GetPicklistValuesAdapter;
export const getPicklistValuesByRecordType = GetPicklistValuesByRecordTypeAdapter;
