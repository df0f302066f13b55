/**
 * Stand-in for `ControlEvidenceHandler`: new, changed or removed evidence of a control that is accruing its
 * clean window moves the projected ready date, so the open deals' gates are derived again.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { recomputeAll } from '../ComplianceGateService';

const ACCRUING = 'Remediated - Evidence Accruing';

function recomputeIfAccruing(controlIds: ReadonlySet<unknown>, context: TriggerContext): void {
  const ids = [...controlIds].filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) return;
  const accruing = context.store.count({
    object: 'Trust_Control__c',
    where: {
      and: [
        { path: ['Id'], op: 'in', value: ids },
        { path: ['Status__c'], op: 'eq', value: ACCRUING }
      ]
    }
  });
  if (accruing > 0) recomputeAll(context.store);
}

const controlsOf = (records: TriggerRecord[]): Set<unknown> =>
  new Set(records.map((record) => record.values.Trust_Control__c));

const handler: TriggerHandler = {
  object: 'Control_Evidence__c',
  apexClass: 'ControlEvidenceHandler',
  afterInsert: (records, context) => recomputeIfAccruing(controlsOf(records), context),
  afterUpdate: (records, context) => {
    const changed = new Set<unknown>();
    for (const record of records) {
      if (
        record.values.Result__c !== record.old?.Result__c ||
        record.values.Sampled_On__c !== record.old?.Sampled_On__c
      ) {
        changed.add(record.values.Trust_Control__c);
        changed.add(record.old?.Trust_Control__c);
      }
    }
    recomputeIfAccruing(changed, context);
  },
  afterDelete: (records, context) => recomputeIfAccruing(controlsOf(records), context)
};
export default handler;
