/**
 * Stand-in for `force:detailPanel`: the page layout's sections and fields, read through getRecord, with an
 * Edit mode that saves through updateRecord. A save the org would reject (a validation rule, a restricted
 * picklist, a sent communication's frozen text) shows the platform's messages on the fields they concern.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { layoutOf, type ObjectInfo, type ObjectInfoField } from '../layouts/layouts';
import { formatField, type RecordLike } from '../outputField/format';
import type { LayoutModel } from '../../../../shared/pageModel';
import { asText } from '../../../../shared/text';

interface FieldView {
  key: string;
  name: string;
  label: string;
  text: string;
  url?: string;
  multiline: boolean;
  checkbox: boolean;
  checked: boolean;
  editable: boolean;
  required: boolean;
  help?: string;
  error?: string;
  value: unknown;
  input: {
    text: boolean;
    textarea: boolean;
    picklist: boolean;
    multi: boolean;
    checkbox: boolean;
    type: string;
  };
  options: { label: string; value: string }[];
  selected: string[];
}

interface ErrorBody {
  message?: string;
  output?: { errors?: { message: string }[]; fieldErrors?: Record<string, { message: string }[]> };
}

const INPUT_TYPES: Readonly<Record<string, string>> = {
  Email: 'email',
  Phone: 'tel',
  Url: 'url',
  Date: 'date',
  DateTime: 'datetime',
  Int: 'number',
  Double: 'number',
  Currency: 'number',
  Percent: 'number'
};

export default class DetailPanel extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;

  layout?: LayoutModel;
  record?: RecordLike;
  objectInfo?: ObjectInfo;
  picklists: Record<string, { values: { label: string; value: string }[] }> = {};
  editing = false;
  saving = false;
  pageErrors: string[] = [];
  fieldErrors: Record<string, string> = {};
  private changes: Record<string, unknown> = {};

  override connectedCallback(): void {
    if (this.objectApiName) {
      layoutOf(this.objectApiName).then(
        (layout) => (this.layout = layout),
        () => (this.pageErrors = ['The page layout could not be read'])
      );
    }
  }

  @wire(getObjectInfo, { objectApiName: '$objectApiName' })
  wiredObjectInfo(result: unknown): void {
    const { data } = result as { data?: ObjectInfo };
    if (data) this.objectInfo = data;
  }

  @wire(getPicklistValuesByRecordType, {
    objectApiName: '$objectApiName',
    recordTypeId: '012000000000000AAA'
  })
  wiredPicklists(result: unknown): void {
    const { data } = result as { data?: { picklistFieldValues: DetailPanel['picklists'] } };
    if (data) this.picklists = data.picklistFieldValues;
  }

  get fields(): string[] | undefined {
    if (!this.layout || !this.objectInfo || !this.objectApiName) return undefined;
    const info = this.objectInfo;
    const paths = this.layout.sections.flatMap((section) =>
      section.columns.flatMap((column) =>
        column.flatMap((item) => {
          const field = info.fields[item.field];
          if (!field) return [];
          return field.relationshipName ? [item.field, `${field.relationshipName}.Name`] : [item.field];
        })
      )
    );
    return [...new Set(['Name', ...paths])].map((path) => `${this.objectApiName ?? ''}.${path}`);
  }

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$fields' })
  wiredRecord(result: unknown): void {
    const { data, error } = result as { data?: RecordLike; error?: unknown };
    if (data) {
      this.record = data;
      if (!this.editing) this.pageErrors = [];
    }
    if (error) this.pageErrors = ['The record could not be read'];
  }

  get ready(): boolean {
    return this.layout !== undefined && this.record !== undefined && this.objectInfo !== undefined;
  }

  private view(field: ObjectInfoField, behavior: string, key: string): FieldView {
    const record = this.record as RecordLike;
    const formatted = formatField(record, field);
    const value = record.fields[field.apiName]?.value;
    const type = INPUT_TYPES[field.dataType] ?? 'text';
    const picklist = field.dataType === 'Picklist';
    const multi = field.dataType === 'MultiPicklist';
    const textarea =
      field.dataType === 'TextArea' || field.dataType === 'LongTextArea' || field.dataType === 'RichTextArea';
    const checkbox = field.dataType === 'Boolean';
    const options = (this.picklists[field.apiName]?.values ?? []).map((entry) => ({
      label: entry.label,
      value: entry.value
    }));
    return {
      key,
      name: field.apiName,
      label: field.label,
      text: formatted.text,
      url: formatted.url,
      multiline: formatted.multiline === true,
      checkbox: formatted.checkbox === true,
      checked: formatted.checked === true,
      editable: field.updateable && behavior !== 'Readonly',
      required: field.required || behavior === 'Required',
      help: field.inlineHelpText ?? undefined,
      error: this.fieldErrors[field.apiName],
      value: type === 'datetime' && typeof value === 'string' ? value : (value ?? ''),
      input: {
        text: !picklist && !multi && !textarea && !checkbox,
        textarea,
        picklist,
        multi,
        checkbox,
        type
      },
      options: picklist && !field.required ? [{ label: '--None--', value: '' }, ...options] : options,
      selected: multi && typeof value === 'string' ? value.split(';') : []
    };
  }

  get sections(): {
    key: string;
    label: string;
    showHeading: boolean;
    columns: { key: string; className: string; fields: FieldView[] }[];
  }[] {
    if (!this.ready || !this.layout || !this.objectInfo) return [];
    const info = this.objectInfo;
    return this.layout.sections.map((section, sectionIndex) => ({
      key: `section-${sectionIndex}`,
      label: section.label,
      showHeading: section.showHeading && section.label !== '',
      columns: section.columns.map((column, columnIndex) => ({
        key: `column-${sectionIndex}-${columnIndex}`,
        className: `slds-col slds-size_1-of-1 slds-medium-size_1-of-${Math.max(section.columns.length, 1)}`,
        fields: column
          .filter((item) => info.fields[item.field])
          .map((item, index) =>
            this.view(
              info.fields[item.field] as ObjectInfoField,
              item.behavior,
              `${sectionIndex}-${columnIndex}-${index}`
            )
          )
      }))
    }));
  }

  get canEdit(): boolean {
    return this.ready && !this.editing;
  }

  get hasPageErrors(): boolean {
    return this.pageErrors.length > 0;
  }

  handleEdit(): void {
    this.editing = true;
    this.changes = {};
    this.fieldErrors = {};
    this.pageErrors = [];
  }

  handleCancel(): void {
    this.editing = false;
    this.changes = {};
    this.fieldErrors = {};
    this.pageErrors = [];
  }

  handleChange(event: Event): void {
    const target = event.target as HTMLElement & { value?: unknown; checked?: boolean; type?: string };
    const name = target.dataset.field;
    if (!name) return;
    const detail = (event as CustomEvent<{ value?: unknown; checked?: boolean }>).detail ?? {};
    let value: unknown =
      target.type === 'checkbox' ? (detail.checked ?? target.checked) : (detail.value ?? target.value);
    if (Array.isArray(value)) value = (value as string[]).join(';');
    if (value === '') value = null;
    this.changes = { ...this.changes, [name]: value };
  }

  async handleSave(): Promise<void> {
    if (!this.recordId) return;
    this.saving = true;
    this.fieldErrors = {};
    this.pageErrors = [];
    try {
      await updateRecord({ fields: { Id: this.recordId, ...this.changes } });
      this.editing = false;
      this.changes = {};
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Saved',
          message: `${asText(this.record?.fields.Name?.displayValue ?? this.record?.fields.Name?.value) || 'The record'} was saved.`,
          variant: 'success'
        })
      );
    } catch (error) {
      const body = (error as { body?: ErrorBody | { message: string }[] }).body;
      if (Array.isArray(body)) {
        this.pageErrors = body.map((entry) => entry.message);
      } else {
        const fieldErrors: Record<string, string> = {};
        for (const [field, errors] of Object.entries(body?.output?.fieldErrors ?? {})) {
          fieldErrors[field] = errors.map((entry) => entry.message).join(' ');
        }
        this.fieldErrors = fieldErrors;
        const unplaced = Object.entries(fieldErrors)
          .filter(
            ([field]) =>
              !this.sections.some((section) =>
                section.columns.some((column) => column.fields.some((view) => view.name === field))
              )
          )
          .map(([, message]) => message);
        this.pageErrors = [...(body?.output?.errors ?? []).map((entry) => entry.message), ...unplaced];
        if (this.pageErrors.length === 0 && Object.keys(fieldErrors).length === 0)
          this.pageErrors = [body?.message ?? 'The record could not be saved.'];
      }
    } finally {
      this.saving = false;
    }
  }
}
