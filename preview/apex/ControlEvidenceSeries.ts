/**
 * Stand-in for the Apex helper `ControlEvidenceSeries`: each control's evidence of the last 400 days, newest
 * first, and the day from which the series is complete (20,000 rows at most, as in the Apex).
 */
import type { RecordStore } from '../server/records';
import { addDays } from './dates';

export const DAYS = 400;
const ROW_LIMIT = 20000;

export interface EvidencePoint {
  readonly sampledOn: unknown;
  readonly result: unknown;
}

export interface EvidenceSeries {
  readonly completeFrom: string;
  readonly byControl: ReadonlyMap<string, EvidencePoint[]>;
}

export function readEvidence(
  store: RecordStore,
  controlIds: readonly string[],
  today: string
): EvidenceSeries {
  let completeFrom = addDays(today, -DAYS);
  const byControl = new Map<string, EvidencePoint[]>(controlIds.map((id) => [id, []]));
  if (controlIds.length === 0) return { completeFrom, byControl };
  const rows = store.query({
    object: 'Control_Evidence__c',
    where: {
      and: [
        { path: ['Trust_Control__c'], op: 'in', value: controlIds },
        { path: ['Sampled_On__c'], op: 'gte', value: completeFrom }
      ]
    },
    orderBy: [
      { path: ['Sampled_On__c'], direction: 'DESC' },
      { path: ['Id'], direction: 'ASC' }
    ],
    limit: ROW_LIMIT
  });
  for (const row of rows)
    byControl
      .get(String(row.Trust_Control__c))
      ?.push({ sampledOn: row.Sampled_On__c, result: row.Result__c });
  if (rows.length === ROW_LIMIT) completeFrom = addDays(String(rows[rows.length - 1]?.Sampled_On__c), 1);
  return { completeFrom, byControl };
}

/** The label of a picklist value, as `getDescribe().getPicklistValues()` gives it. */
export function picklistLabel(store: RecordStore, object: string, field: string, value: unknown): unknown {
  const entry = store.metadata
    .object(object)
    ?.fieldsByName.get(field.toLowerCase())
    ?.picklist?.entries.find((candidate) => candidate.value === value);
  return entry?.label ?? value ?? null;
}
