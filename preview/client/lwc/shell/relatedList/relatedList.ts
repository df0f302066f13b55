/**
 * Stand-in for a related list (`force:relatedListSingleContainer`, a layout's related list): the child
 * records through getRelatedListRecords, with the layout's columns, in a lightning-datatable.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRelatedListRecords } from 'lightning/uiRelatedListApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { layoutOf, type ObjectInfo } from '../layouts/layouts';
import { formatField, recordUrl, type RecordLike } from '../outputField/format';
import type { RelatedListModel } from '../../../../shared/pageModel';

const PAGE_SIZE = 10;

export default class RelatedList extends LightningElement {
  @api recordId?: string;
  @api relatedListId?: string;
  @api objectApiName?: string;
  @api fullPage = false;

  model?: RelatedListModel;
  childInfo?: ObjectInfo;
  records: RecordLike[] = [];
  count = 0;
  error?: string;

  override connectedCallback(): void {
    const objectApiName = this.objectApiName ?? this.objectFromId();
    if (!objectApiName) return;
    layoutOf(objectApiName).then(
      (layout) => {
        this.model = layout.relatedLists.find(
          (list) => list.relationshipName.toLowerCase() === (this.relatedListId ?? '').toLowerCase()
        ) ?? {
          relationshipName: this.relatedListId ?? '',
          label: this.relatedListId ?? '',
          childObject: '',
          field: '',
          columns: []
        };
      },
      () => (this.error = 'The related list could not be read')
    );
  }

  private objectFromId(): string | undefined {
    const path = window.location.pathname.split('/');
    return path[2] === 'r' ? path[3] : undefined;
  }

  get childObject(): string | undefined {
    return this.model?.childObject || undefined;
  }

  @wire(getObjectInfo, { objectApiName: '$childObject' })
  wiredChildInfo(result: unknown): void {
    const { data } = result as { data?: ObjectInfo };
    if (data) this.childInfo = data;
  }

  get columnsToRead(): string[] | undefined {
    if (!this.model || !this.childInfo) return undefined;
    const info = this.childInfo;
    const child = this.model.childObject;
    return ['Name', ...this.model.columns].flatMap((column) => {
      const field = info.fields[column];
      if (!field) return [];
      return field.relationshipName
        ? [`${child}.${column}`, `${child}.${field.relationshipName}.Name`]
        : [`${child}.${column}`];
    });
  }

  get sortBy(): string[] {
    if (!this.model?.sortField) return [];
    return [`${this.model.sortOrder === 'Desc' ? '-' : ''}${this.model.childObject}.${this.model.sortField}`];
  }

  get pageSize(): number {
    return this.fullPage ? 200 : PAGE_SIZE;
  }

  @wire(getRelatedListRecords, {
    parentRecordId: '$recordId',
    relatedListId: '$relationshipName',
    fields: '$columnsToRead',
    sortBy: '$sortBy',
    pageSize: '$pageSize'
  })
  wiredRecords(result: unknown): void {
    const { data, error } = result as { data?: { records: RecordLike[]; count: number }; error?: unknown };
    if (data) {
      this.records = data.records;
      this.count = data.count;
      this.error = undefined;
    } else if (error) {
      this.error = 'The related records could not be read';
    }
  }

  get relationshipName(): string | undefined {
    return this.columnsToRead ? this.model?.relationshipName : undefined;
  }

  get cardTitle(): string {
    return `${this.model?.label ?? ''} (${this.count > this.records.length ? `${this.records.length}+` : this.count})`;
  }

  get columns(): { label: string; fieldName: string; type: string; typeAttributes?: unknown }[] {
    if (!this.model || !this.childInfo) return [];
    const info = this.childInfo;
    const columns: { label: string; fieldName: string; type: string; typeAttributes?: unknown }[] = [
      {
        label: info.fields.Name?.label ?? 'Name',
        fieldName: 'nameUrl',
        type: 'url',
        typeAttributes: { label: { fieldName: 'Name' }, target: '_self' }
      }
    ];
    for (const column of this.model.columns) {
      const field = info.fields[column];
      if (!field || column === 'Name') continue;
      columns.push({ label: field.label, fieldName: column, type: 'text' });
    }
    return columns;
  }

  get rows(): Record<string, unknown>[] {
    const info = this.childInfo;
    if (!info || !this.model) return [];
    const child = this.model.childObject;
    return this.records.map((record) => {
      const row: Record<string, unknown> = {
        id: record.id,
        nameUrl: recordUrl(child, record.id),
        Name: record.fields.Name?.value ?? record.id
      };
      for (const column of this.model?.columns ?? []) {
        const field = info.fields[column];
        if (field) row[column] = formatField(record, field).text;
      }
      return row;
    });
  }

  get hasRows(): boolean {
    return this.records.length > 0;
  }

  get icon(): string {
    return 'standard:related_list';
  }
}
