/**
 * Stand-in for `OpportunityHandler`: the stored compliance gate is derived, never typed in. A new deal gets
 * its gate; a deal that moves account, reopens, has none, or whose gate fields were edited by hand gets it
 * derived again.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { deriveInPlace, isWriting } from '../ComplianceGateService';

const GATE_FIELDS = [
  'Compliance_Gate__c',
  'Gate_Reason__c',
  'Gate_Expected_Clear__c',
  'Gate_Evaluated_At__c'
];

function needsGate(record: TriggerRecord): boolean {
  const old = record.old;
  if (!old) return true;
  const moved = record.values.AccountId !== old.AccountId;
  const reopening = old.IsClosed === true && record.values.StageName !== old.StageName;
  const editedByHand =
    !isWriting() && GATE_FIELDS.some((field) => (record.values[field] ?? null) !== (old[field] ?? null));
  return (
    moved ||
    reopening ||
    record.values.Compliance_Gate__c === null ||
    record.values.Compliance_Gate__c === undefined ||
    editedByHand
  );
}

function derive(records: TriggerRecord[], context: TriggerContext): void {
  deriveInPlace(
    context.store,
    records.filter(needsGate).map((record) => record.values),
    context.now
  );
}

const handler: TriggerHandler = {
  object: 'Opportunity',
  apexClass: 'OpportunityHandler',
  beforeInsert: derive,
  beforeUpdate: derive
};
export default handler;
