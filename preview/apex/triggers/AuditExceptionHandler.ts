/**
 * Stand-in for `AuditExceptionHandler` (with AuditCycleExceptionCount): an exception's criterion must be a
 * Trust Services Criterion; a new, removed or changed exception refreshes its cycle's open exception count
 * and re-derives the open deals' gates.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { checkCriterionField, validIds } from '../TrustCriteria';
import { recomputeAll } from '../ComplianceGateService';

const OPEN_STATUSES = ['Open', 'Remediating'];
const GATE_FIELDS = ['Criterion__c', 'Trust_Control__c', 'Severity__c', 'Status__c', 'Audit_Cycle__c'];

function checkCriteria(records: TriggerRecord[], context: TriggerContext): void {
  const valid = validIds(context.store);
  for (const record of records) checkCriterionField(record, 'Criterion__c', valid);
}

/** `AuditCycleExceptionCount.refresh`: the open exceptions of each cycle touched. */
function refreshCounts(records: TriggerRecord[], context: TriggerContext): void {
  const cycleIds = new Set<string>();
  for (const record of records) {
    for (const value of [record.values.Audit_Cycle__c, record.old?.Audit_Cycle__c]) {
      if (typeof value === 'string') cycleIds.add(value);
    }
  }
  for (const cycleId of cycleIds) {
    const open = context.store.count({
      object: 'Audit_Exception__c',
      where: {
        and: [
          { path: ['Audit_Cycle__c'], op: 'eq', value: cycleId },
          { path: ['Status__c'], op: 'in', value: OPEN_STATUSES }
        ]
      }
    });
    const cycle = context.store.get(cycleId);
    if (cycle && cycle.values.Open_Exception_Count__c !== open)
      context.store.update(cycleId, { Open_Exception_Count__c: open });
  }
}

function afterChange(records: TriggerRecord[], context: TriggerContext): void {
  refreshCounts(records, context);
  recomputeAll(context.store);
}

const handler: TriggerHandler = {
  object: 'Audit_Exception__c',
  apexClass: 'AuditExceptionHandler',
  beforeInsert: checkCriteria,
  beforeUpdate: checkCriteria,
  afterInsert: afterChange,
  afterUpdate: (records, context) => {
    if (
      records.some((record) =>
        GATE_FIELDS.some((field) => (record.values[field] ?? null) !== (record.old?.[field] ?? null))
      )
    ) {
      afterChange(records, context);
    }
  },
  afterDelete: afterChange
};
export default handler;
