/**
 * Stand-in for `MessageTemplateHandler`: changing the wording of an approved template starts a new draft
 * version; an approved template is stamped with its approver and date when they are not given.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { todayIn } from '../../server/clock';

export const APPROVED = 'Approved';
export const DRAFT = 'Draft';

function handle(records: TriggerRecord[], context: TriggerContext): void {
  for (const template of records) {
    const previous = template.old;
    const wordingChanged =
      previous !== undefined &&
      previous.Approval_Status__c === APPROVED &&
      ((template.values.Body__c ?? '') !== (previous.Body__c ?? '') ||
        (template.values.Subject__c ?? '') !== (previous.Subject__c ?? ''));
    if (wordingChanged) {
      template.values.Version__c = (typeof previous.Version__c === 'number' ? previous.Version__c : 0) + 1;
      template.values.Approval_Status__c = DRAFT;
      template.values.Approved_By__c = null;
      template.values.Approved_On__c = null;
    }
    if (template.values.Approval_Status__c === APPROVED) {
      template.values.Approved_By__c = template.values.Approved_By__c ?? context.userId;
      template.values.Approved_On__c = template.values.Approved_On__c ?? todayIn(context.now);
    }
  }
}

const handler: TriggerHandler = {
  object: 'Message_Template__c',
  apexClass: 'MessageTemplateHandler',
  beforeInsert: handle,
  beforeUpdate: handle
};
export default handler;
