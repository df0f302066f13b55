/** Stand-in for `AnswerLibraryEntryHandler`: the criteria an entry relies on must be Trust Services Criteria. */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { checkCriteriaListField, validIds } from '../TrustCriteria';

function checkCriteria(records: TriggerRecord[], context: TriggerContext): void {
  const valid = validIds(context.store);
  for (const record of records) checkCriteriaListField(record, 'Criteria__c', valid);
}

const handler: TriggerHandler = {
  object: 'Answer_Library_Entry__c',
  apexClass: 'AnswerLibraryEntryHandler',
  beforeInsert: checkCriteria,
  beforeUpdate: checkCriteria
};
export default handler;
