/** Stand-in for `AccountHandler`: when a buyer's requirements change, its open deals' gates are derived again. */
import type { TriggerHandler } from '../../server/records';
import { recomputeForAccounts } from '../ComplianceGateService';

const REQUIREMENTS = [
  'SOC2_Required__c',
  'Suspension_Clause__c',
  'Processes_Personal_Data__c',
  'Data_Regimes__c',
  'Required_Categories__c'
];

const handler: TriggerHandler = {
  object: 'Account',
  apexClass: 'AccountHandler',
  afterUpdate: (records, context) => {
    const changed = records
      .filter((record) =>
        REQUIREMENTS.some((field) => (record.values[field] ?? null) !== (record.old?.[field] ?? null))
      )
      .map((record) => String(record.values.Id));
    recomputeForAccounts(context.store, changed);
  }
};
export default handler;
