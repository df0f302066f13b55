/** Formats a record field for display the way Lightning Experience shows it, from the UI API record and object info. */
import type { ObjectInfoField } from '../layouts/layouts';
import { asText } from '../../../../shared/text';

export interface RecordLike {
  id: string;
  apiName: string;
  fields: Record<string, { value: unknown; displayValue: string | null }>;
}

export interface Formatted {
  text: string;
  url?: string;
  multiline?: boolean;
  checkbox?: boolean;
  checked?: boolean;
}

export function recordUrl(objectApiName: string, id: string): string {
  return `/lightning/r/${objectApiName}/${id}/view`;
}

export function formatField(record: RecordLike, field: ObjectInfoField): Formatted {
  const entry = record.fields[field.apiName];
  const value = entry?.value;
  if (field.dataType === 'Boolean') {
    return { text: value === true ? 'True' : 'False', checkbox: true, checked: value === true };
  }
  if (value === null || value === undefined || value === '') return { text: '' };
  if (field.dataType === 'Reference') {
    const parent = field.relationshipName ? record.fields[field.relationshipName] : undefined;
    const target = field.referenceToInfos[0]?.apiName ?? '';
    const name = parent?.displayValue ?? asText(value);
    return { text: name, url: recordUrl(target, asText(value)) };
  }
  if (field.dataType === 'Url') {
    const text = asText(value);
    return { text, url: /^https?:\/\//i.test(text) ? text : `https://${text}` };
  }
  if (field.dataType === 'Email') return { text: asText(value), url: `mailto:${asText(value)}` };
  if (field.dataType === 'MultiPicklist')
    return { text: (entry?.displayValue ?? asText(value)).split(';').join('; ') };
  const text = entry?.displayValue ?? asText(value);
  return {
    text,
    multiline:
      field.dataType === 'TextArea' || field.dataType === 'LongTextArea' || field.dataType === 'RichTextArea'
  };
}
