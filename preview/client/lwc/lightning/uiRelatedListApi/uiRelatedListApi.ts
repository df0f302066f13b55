/**
 * `lightning/uiRelatedListApi` for the preview: getRelatedListRecords and getRelatedListCount, answered from
 * the child relationships in the package metadata. Records in the result are UI API record
 * representations; the wire reads again when the parent record changes or the page is refreshed.
 */
import { hasUndefinedValue, request } from '../../preview/transport/transport';
import { onRecordsChanged } from '../../preview/records/records';

type DataCallback = (value: { data?: unknown; error?: unknown }) => void;

function names(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.map((item) =>
    typeof item === 'string'
      ? item
      : `${(item as { objectApiName: string }).objectApiName}.${(item as { fieldApiName: string }).fieldApiName}`
  );
}

abstract class RelatedListAdapter {
  protected readonly callback: DataCallback;
  protected config?: Record<string, unknown>;
  private unsubscribe?: () => void;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {
    this.unsubscribe = onRecordsChanged((ids) => {
      const parent = this.config?.parentRecordId;
      if (typeof parent === 'string' && (ids.has(parent) || ids.has('*'))) void this.load();
    });
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  update(config: Record<string, unknown>): void {
    if (
      hasUndefinedValue(config) ||
      typeof config.parentRecordId !== 'string' ||
      typeof config.relatedListId !== 'string'
    )
      return;
    this.config = config;
    void this.load();
  }

  protected abstract fetch(config: Record<string, unknown>): Promise<unknown>;

  private async load(): Promise<void> {
    if (!this.config) return;
    try {
      this.callback({ data: await this.fetch(this.config), error: undefined });
    } catch (error) {
      this.callback({ data: undefined, error });
    }
  }
}

class GetRelatedListRecordsAdapter extends RelatedListAdapter {
  protected fetch(config: Record<string, unknown>): Promise<unknown> {
    return request(
      'POST',
      `/api/ui-api/related-list-records/${String(config.parentRecordId)}/${String(config.relatedListId)}`,
      {
        fields: names(config.fields),
        optionalFields: names(config.optionalFields),
        sortBy: names(config.sortBy),
        pageSize: typeof config.pageSize === 'number' ? config.pageSize : undefined,
        pageToken: typeof config.pageToken === 'string' ? config.pageToken : undefined
      }
    );
  }
}

class GetRelatedListCountAdapter extends RelatedListAdapter {
  protected fetch(config: Record<string, unknown>): Promise<unknown> {
    return request(
      'GET',
      `/api/ui-api/related-list-count/${String(config.parentRecordId)}/${String(config.relatedListId)}`
    );
  }
}

export const getRelatedListRecords = GetRelatedListRecordsAdapter;
export const getRelatedListCount = GetRelatedListCountAdapter;
