/** One field of a Dynamic Forms section (`Record.<Field>` in a FlexiPage), read-only. */
import { LightningElement, api, wire } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { formatField, type Formatted, type RecordLike } from './format';
import type { ObjectInfo, ObjectInfoField } from '../layouts/layouts';

export default class OutputField extends LightningElement {
  @api field?: string;
  @api recordId?: string;
  @api objectApiName?: string;

  objectInfo?: ObjectInfo;
  record?: RecordLike;

  @wire(getObjectInfo, { objectApiName: '$objectApiName' })
  wiredObjectInfo(result: unknown): void {
    const { data } = result as { data?: ObjectInfo };
    if (data) this.objectInfo = data;
  }

  get info(): ObjectInfoField | undefined {
    return this.field ? this.objectInfo?.fields[this.field] : undefined;
  }

  get paths(): string[] | undefined {
    const info = this.info;
    if (!info || !this.objectApiName) return undefined;
    const paths = info.relationshipName ? [info.apiName, `${info.relationshipName}.Name`] : [info.apiName];
    return paths.map((path) => `${this.objectApiName ?? ''}.${path}`);
  }

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$paths' })
  wiredRecord(result: unknown): void {
    const { data } = result as { data?: RecordLike };
    if (data) this.record = data;
  }

  get label(): string {
    return this.info?.label ?? this.field ?? '';
  }

  get formatted(): Formatted {
    return this.record && this.info ? formatField(this.record, this.info) : { text: '' };
  }
}
