/**
 * Stand-in for `AuditCycleHandler`: exactly one audit cycle is current. A save that marks several current is
 * rejected; a cycle that becomes current unmarks the previous one; a change to the current cycle re-derives
 * the open deals' gates.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { format } from '../TrustCriteria';
import { recomputeAll } from '../ComplianceGateService';

const GATE_FIELDS = [
  'Is_Current__c',
  'Framework__c',
  'Opinion__c',
  'Report_Date__c',
  'Period_End__c',
  'Bridge_Letter_Valid_Until__c',
  'Reaudit_Target_Date__c'
];

export const SEVERAL_CURRENT_MESSAGE =
  'Only one audit cycle can be current, but {0} cycles in this save are marked current.';

function rejectSeveralCurrent(records: TriggerRecord[]): void {
  const current = records.filter((record) => record.values.Is_Current__c === true);
  if (current.length < 2) return;
  for (const record of current)
    record.addError(format(SEVERAL_CURRENT_MESSAGE, current.length), 'Is_Current__c');
}

/** Only a cycle that is, or was, current feeds the gate. */
function gateInputChanged(records: TriggerRecord[]): boolean {
  return records.some(
    (record) =>
      (record.values.Is_Current__c === true || record.old?.Is_Current__c === true) &&
      GATE_FIELDS.some((field) => (record.values[field] ?? null) !== (record.old?.[field] ?? null))
  );
}

function unmarkOthers(records: TriggerRecord[], context: TriggerContext): void {
  const current = records.filter(
    (record) => record.values.Is_Current__c === true && record.old?.Is_Current__c !== true
  );
  if (current.length === 0) {
    if (gateInputChanged(records)) recomputeAll(context.store);
    return;
  }
  const ids = current.map((record) => String(record.values.Id));
  const others = context.store.query({
    object: 'Audit_Cycle__c',
    where: {
      and: [
        { path: ['Is_Current__c'], op: 'eq', value: true },
        { path: ['Id'], op: 'nin', value: ids }
      ]
    }
  });
  for (const other of others) context.store.update(String(other.Id), { Is_Current__c: false });
  recomputeAll(context.store);
}

const handler: TriggerHandler = {
  object: 'Audit_Cycle__c',
  apexClass: 'AuditCycleHandler',
  beforeInsert: rejectSeveralCurrent,
  beforeUpdate: rejectSeveralCurrent,
  afterInsert: unmarkOthers,
  afterUpdate: unmarkOthers,
  afterDelete: (records, context) => {
    if (records.some((record) => record.values.Is_Current__c === true)) recomputeAll(context.store);
  }
};
export default handler;
