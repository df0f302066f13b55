/**
 * Stand-in for `ControlCriterionHandler`: the criterion must be a Trust Services Criterion, and the
 * junction's key is `<Control_Id__c>:<criterion>` unless the record brings its own; a mapping added, moved or
 * removed re-derives the open deals' gates.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { checkCriterionField, normalize, validIds } from '../TrustCriteria';
import { recomputeAll } from '../ComplianceGateService';

const KEY_SEPARATOR = ':';

function needsKey(record: TriggerRecord): boolean {
  const key = record.values.Key__c;
  if (typeof key !== 'string' || key.trim() === '') return true;
  const old = record.old;
  if (!old || key !== old.Key__c) return false;
  return (
    record.values.Trust_Control__c !== old.Trust_Control__c ||
    record.values.Criterion__c !== normalize(old.Criterion__c)
  );
}

function checkAndKey(records: TriggerRecord[], context: TriggerContext): void {
  const valid = validIds(context.store);
  for (const record of records) {
    const criterion = checkCriterionField(record, 'Criterion__c', valid);
    if (criterion === null || !needsKey(record)) continue;
    const control = context.store.get(String(record.values.Trust_Control__c));
    const controlId = control?.values.Control_Id__c;
    if (typeof controlId === 'string' && controlId.trim() !== '') {
      record.values.Key__c = controlId.trim() + KEY_SEPARATOR + criterion;
    }
  }
}

const handler: TriggerHandler = {
  object: 'Control_Criterion__c',
  apexClass: 'ControlCriterionHandler',
  beforeInsert: checkAndKey,
  beforeUpdate: checkAndKey,
  afterInsert: (_records, context) => {
    recomputeAll(context.store);
  },
  afterUpdate: (records, context) => {
    if (
      records.some(
        (record) =>
          record.values.Trust_Control__c !== record.old?.Trust_Control__c ||
          record.values.Criterion__c !== record.old?.Criterion__c
      )
    ) {
      recomputeAll(context.store);
    }
  },
  afterDelete: (_records, context) => {
    recomputeAll(context.store);
  }
};
export default handler;
