/**
 * Stand-in for `force:highlightsPanel`: the record's name, object and icon, the compact layout's fields and
 * the quick actions of the page (a component action opens in a modal). An action the page's dynamic actions
 * give a visibility rule shows only while the rule holds for the record and the preview user.
 */
import { LightningElement, api, wire } from 'lwc';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import { getObjectInfo } from 'lightning/uiObjectInfoApi';
import { appModel, layoutOf, type ObjectInfo } from '../layouts/layouts';
import { formatField, type RecordLike } from '../outputField/format';
import type { ActionModel, LayoutModel } from '../../../../shared/pageModel';
import { isVisible, ruleFields } from '../../../../shared/visibility';

export default class HighlightsPanel extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;
  @api actions: readonly ActionModel[] = [];

  layout?: LayoutModel;
  record?: RecordLike;
  objectInfo?: ObjectInfo;
  error?: string;
  private customPermissions?: readonly string[];

  override connectedCallback(): void {
    if (this.objectApiName) {
      layoutOf(this.objectApiName).then(
        (layout) => (this.layout = layout),
        () => (this.error = 'The layout could not be read')
      );
    }
    appModel().then(
      (app) => (this.customPermissions = app.user.customPermissions),
      () => (this.customPermissions = [])
    );
  }

  @wire(getObjectInfo, { objectApiName: '$objectApiName' })
  wiredObjectInfo(result: unknown): void {
    const { data } = result as { data?: ObjectInfo };
    if (data) this.objectInfo = data;
  }

  get fields(): string[] | undefined {
    if (!this.layout || !this.objectApiName || !this.objectInfo) return undefined;
    const info = this.objectInfo;
    const names = [
      'Name',
      ...this.layout.highlights,
      ...this.actions.flatMap((action) => ruleFields(action.visibility))
    ];
    const paths = names.flatMap((name) => {
      const field = info.fields[name];
      return field?.relationshipName ? [name, `${field.relationshipName}.Name`] : [name];
    });
    return [...new Set(paths)].map((path) => `${this.objectApiName ?? ''}.${path}`);
  }

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$fields' })
  wiredRecord(result: unknown): void {
    const { data, error } = result as { data?: RecordLike; error?: unknown };
    if (data) this.record = data;
    if (error) this.error = 'The record could not be read';
  }

  get name(): string {
    const name = this.record?.fields.Name;
    return typeof name?.value === 'string' ? name.value : '';
  }

  get objectLabel(): string {
    return this.layout?.objectLabel ?? this.objectInfo?.label ?? this.objectApiName ?? '';
  }

  get icon(): string {
    return this.layout?.icon ?? 'standard:custom';
  }

  get details(): { name: string; label: string; text: string; url?: string }[] {
    if (!this.layout || !this.record || !this.objectInfo) return [];
    const info = this.objectInfo;
    const record = this.record;
    return this.layout.highlights
      .filter((name) => name !== 'Name' && info.fields[name])
      .slice(0, 7)
      .map((name) => {
        const field = info.fields[name];
        const formatted = field ? formatField(record, field) : { text: '' };
        return { name, label: field?.label ?? name, ...formatted };
      });
  }

  get actionButtons(): { name: string; label: string }[] {
    const record = this.record;
    const context = {
      field: record
        ? (field: string) => getFieldValue(record, `${this.objectApiName ?? ''}.${field}`)
        : undefined,
      customPermissions: this.customPermissions
    };
    return this.actions
      .filter((action) => action.component && isVisible(action.visibility, context))
      .map((action) => ({ name: action.name, label: action.label }));
  }

  handleAction(event: Event): void {
    const name = (event.currentTarget as HTMLElement).dataset.name;
    const action = this.actions.find((candidate) => candidate.name === name);
    if (!action) return;
    this.dispatchEvent(
      new CustomEvent('preview:openaction', {
        bubbles: true,
        composed: true,
        detail: { action, recordId: this.recordId, objectApiName: this.objectApiName }
      })
    );
  }
}
