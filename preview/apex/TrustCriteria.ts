/**
 * Stand-in for the Apex class `TrustCriteria`: the Trust Services Criteria ids shipped as
 * `Trust_Criterion__mdt` records, and the checks the trigger handlers apply to criterion fields. Same
 * normalisation (no whitespace, upper case) and the same messages as the Apex class.
 */
import type { RecordStore, TriggerRecord } from '../server/records';
import { asText } from '../shared/text';

export const SEPARATOR = ';';
export const REQUIRED_MESSAGE = 'A Trust Services Criterion is required, e.g. CC6.1.';
export const INVALID_MESSAGE = '{0} is not a Trust Services Criterion (expected an id such as CC6.1).';
export const INVALID_LIST_MESSAGE =
  'Not Trust Services Criteria: {0}. Separate criterion ids with ; (e.g. CC6.1;CC7.2).';

export function format(template: string, ...values: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (_, index: string) => asText(values[Number(index)] ?? ''));
}

export function normalize(criterionId: unknown): string | null {
  if (typeof criterionId !== 'string' || criterionId.trim() === '') return null;
  return criterionId.replace(/\s+/g, '').toUpperCase();
}

export function validIds(store: RecordStore): Set<string> {
  const ids = new Set<string>();
  for (const record of store.query({ object: 'Trust_Criterion__mdt' })) {
    const normalized = normalize(record.Criterion_Id__c);
    if (normalized) ids.add(normalized);
  }
  return ids;
}

export function parseList(value: unknown): string[] {
  if (typeof value !== 'string' || value.trim() === '') return [];
  const ids: string[] = [];
  for (const part of value.split(SEPARATOR)) {
    const normalized = normalize(part);
    if (normalized && !ids.includes(normalized)) ids.push(normalized);
  }
  return ids;
}

/** `checkCriterionField`: required, a known criterion unless unchanged, stored canonical. */
export function checkCriterionField(
  record: TriggerRecord,
  field: string,
  valid: ReadonlySet<string>
): string | null {
  const criterion = normalize(record.values[field]);
  if (criterion === null) {
    record.addError(REQUIRED_MESSAGE, field);
    return null;
  }
  const unchanged = record.old !== undefined && criterion === normalize(record.old[field]);
  if (!unchanged && !valid.has(criterion)) {
    record.addError(format(INVALID_MESSAGE, criterion), field);
    return null;
  }
  record.values[field] = criterion;
  return criterion;
}

/** `checkCriteriaListField`: every newly added id must be a criterion; stored canonical and de-duplicated. */
export function checkCriteriaListField(
  record: TriggerRecord,
  field: string,
  valid: ReadonlySet<string>
): boolean {
  const ids = parseList(record.values[field]);
  const previous = new Set(record.old ? parseList(record.old[field]) : []);
  const invalid = ids.filter((id) => !previous.has(id) && !valid.has(id));
  if (invalid.length > 0) {
    record.addError(format(INVALID_LIST_MESSAGE, invalid.join(', ')), field);
    return false;
  }
  record.values[field] = ids.length === 0 ? null : ids.join(SEPARATOR);
  return true;
}
