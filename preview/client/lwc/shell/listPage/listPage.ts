/**
 * An object's list page (or a list view card on an app page): its list views from the package metadata,
 * the selected view's columns and filters, in a lightning-datatable.
 */
import { LightningElement, api, wire } from 'lwc';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { request } from '../../preview/transport/transport';
import { navigate } from '../../preview/router/router';
import { formatField, recordUrl, type RecordLike } from '../outputField/format';
import type { ObjectInfo } from '../layouts/layouts';

interface ListResult {
  count: number;
  listInfo: { apiName: string; label: string; columns: string[] };
  records: RecordLike[];
  nextPageToken: string | null;
}

interface ListViews {
  views: { name: string; label: string }[];
}

const PAGE_SIZE = 200;

export default class ListPage extends LightningElement {
  @api objectApiName?: string;
  @api filterName?: string;
  @api card = false;
  /** Records per page (the list shows the first page): 200 unless the URL asks for more. */
  @api pageSize?: number;

  objectInfo?: ObjectInfo;
  result?: ListResult;
  views: { label: string; value: string }[] = [];
  error?: string;
  loading = true;

  @wire(getObjectInfo, { objectApiName: '$objectApiName' })
  wiredObjectInfo(result: unknown): void {
    const { data, error } = result as { data?: ObjectInfo; error?: unknown };
    if (data) this.objectInfo = data;
    if (error) this.error = `${this.objectApiName ?? 'This object'} is not an object of the package`;
  }

  override connectedCallback(): void {
    if (!this.objectApiName) return;
    request<ListViews>('GET', `/api/preview/list-views/${encodeURIComponent(this.objectApiName)}`).then(
      (result) => (this.views = result.views.map((view) => ({ label: view.label, value: view.name }))),
      () => (this.views = [])
    );
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    try {
      this.result = await request<ListResult>(
        'GET',
        `/api/ui-api/list-records/${encodeURIComponent(this.objectApiName ?? '')}/${encodeURIComponent(this.filterName ?? 'All')}?pageSize=${this.pageSize ?? PAGE_SIZE}`
      );
      this.error = undefined;
    } catch (error) {
      const body = (error as { body?: { message?: string }[] }).body;
      this.error = Array.isArray(body)
        ? body.map((entry) => entry.message).join(' ')
        : 'The list could not be read';
    } finally {
      this.loading = false;
    }
  }

  /** The list view switcher, on the object's own list page (not on a list card of an app page). */
  get showViews(): boolean {
    return !this.card && this.views.length > 0;
  }

  get heading(): string {
    return this.objectInfo?.labelPlural ?? this.objectApiName ?? '';
  }

  get viewLabel(): string {
    return this.result?.listInfo.label ?? this.filterName ?? 'All';
  }

  get currentView(): string {
    return this.result?.listInfo.apiName ?? this.filterName ?? 'All';
  }

  get summary(): string {
    const count = this.result?.count ?? 0;
    const shown = this.result?.records.length ?? 0;
    return `${count} ${count === 1 ? 'item' : 'items'}${shown < count ? `, first ${shown} shown` : ''}`;
  }

  get columns(): { label: string; fieldName: string; type: string; typeAttributes?: unknown }[] {
    const info = this.objectInfo;
    if (!info || !this.result) return [];
    const columns: { label: string; fieldName: string; type: string; typeAttributes?: unknown }[] = [
      {
        label: info.fields.Name?.label ?? 'Name',
        fieldName: 'nameUrl',
        type: 'url',
        typeAttributes: { label: { fieldName: 'Name' }, target: '_self' }
      }
    ];
    for (const column of this.result.listInfo.columns) {
      const field = info.fields[column];
      if (!field || column === 'Name') continue;
      columns.push({ label: field.label, fieldName: column, type: 'text' });
    }
    return columns;
  }

  get rows(): Record<string, unknown>[] {
    const info = this.objectInfo;
    if (!info || !this.result) return [];
    const objectApiName = this.objectApiName ?? '';
    return this.result.records.map((record) => {
      const row: Record<string, unknown> = {
        id: record.id,
        nameUrl: recordUrl(objectApiName, record.id),
        Name: record.fields.Name?.value ?? record.id
      };
      for (const column of this.result?.listInfo.columns ?? []) {
        const field = info.fields[column];
        if (field && column !== 'Name') row[column] = formatField(record, field).text;
      }
      return row;
    });
  }

  get ready(): boolean {
    return !this.loading && !this.error && this.objectInfo !== undefined;
  }

  get icon(): string {
    return this.objectApiName === 'Account'
      ? 'standard:account'
      : this.objectApiName === 'Opportunity'
        ? 'standard:opportunity'
        : 'standard:custom';
  }

  handleViewChange(event: CustomEvent<{ value: string }>): void {
    navigate(
      `/lightning/o/${this.objectApiName ?? ''}/list?filterName=${encodeURIComponent(event.detail.value)}`
    );
  }
}
