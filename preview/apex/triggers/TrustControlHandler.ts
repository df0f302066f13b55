/**
 * Stand-in for `TrustControlHandler` (with CommitmentFollowUps): a control that leaves Operating flags every
 * answer library entry relying on it for review (the auto-answer engine then stops using it); a control
 * that is remediated flags the communications that promised it for a follow-up; a change to its status or
 * window re-derives the open deals' gates.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { recomputeAll } from '../ComplianceGateService';
import { format } from '../TrustCriteria';
import { todayIn } from '../../server/clock';

export const NEEDS_REVIEW = 'Needs Review';
export const FLAG_REASON = 'Control {0} ({1}) left Operating: now {2}.';
export const FOLLOW_UP_REASON = 'Control {0} remediated on {1}: send the follow-up notice';
const OPERATING = 'Operating';
const ACCRUING = 'Remediated - Evidence Accruing';
const RETIRED = 'Retired';
const REASON_LENGTH = 255;
const GATE_FIELDS = ['Status__c', 'Remediated_On__c', 'Clean_Window_Days__c'];

function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function flagAnswers(left: TriggerRecord[], context: TriggerContext): void {
  if (left.length === 0) return;
  const byId = new Map(left.map((record) => [String(record.values.Id), record.values]));
  const reasons = new Map<string, string[]>();
  for (const link of context.store.query({
    object: 'Library_Entry_Control__c',
    where: {
      and: [
        { path: ['Trust_Control__c'], op: 'in', value: [...byId.keys()] },
        { path: ['Answer_Library_Entry__r', 'Status__c'], op: 'ne', value: RETIRED }
      ]
    }
  })) {
    const control = byId.get(String(link.Trust_Control__c));
    const entryId = String(link.Answer_Library_Entry__c);
    const list = reasons.get(entryId) ?? [];
    list.push(format(FLAG_REASON, control?.Control_Id__c, control?.Name, control?.Status__c));
    reasons.set(entryId, list);
  }
  for (const [entryId, parts] of reasons) {
    const current = context.store.get(entryId)?.values;
    if (
      current?.Status__c === NEEDS_REVIEW &&
      typeof current.Flag_Reason__c === 'string' &&
      current.Flag_Reason__c.trim() !== ''
    ) {
      parts.push(current.Flag_Reason__c);
    }
    context.store.update(entryId, {
      Status__c: NEEDS_REVIEW,
      Flag_Reason__c: abbreviate(parts.join(' '), REASON_LENGTH),
      Flagged_On__c: context.now.toISOString()
    });
  }
}

function flagFollowUps(remediated: TriggerRecord[], context: TriggerContext): void {
  if (remediated.length === 0) return;
  const controls = new Map(remediated.map((record) => [String(record.values.Id), record.values]));
  for (const communication of context.store.query({
    object: 'Customer_Communication__c',
    where: {
      and: [
        { path: ['Related_Control__c'], op: 'in', value: [...controls.keys()] },
        { path: ['Status__c'], op: 'in', value: ['Sent', 'Acknowledged'] },
        { path: ['Commitment__c'], op: 'ne', value: null }
      ]
    }
  })) {
    const control = controls.get(String(communication.Related_Control__c));
    const reason = abbreviate(
      format(FOLLOW_UP_REASON, control?.Name ?? '', control?.Remediated_On__c ?? todayIn(context.now)),
      REASON_LENGTH
    );
    if (communication.Follow_Up_Required__c !== true || communication.Follow_Up_Reason__c !== reason) {
      context.store.update(String(communication.Id), {
        Follow_Up_Required__c: true,
        Follow_Up_Reason__c: reason
      });
    }
  }
}

const handler: TriggerHandler = {
  object: 'Trust_Control__c',
  apexClass: 'TrustControlHandler',
  afterUpdate: (records, context) => {
    flagAnswers(
      records.filter(
        (record) => record.old?.Status__c === OPERATING && record.values.Status__c !== OPERATING
      ),
      context
    );
    const remediatedStatuses = [ACCRUING, OPERATING];
    flagFollowUps(
      records.filter(
        (record) =>
          remediatedStatuses.includes(String(record.values.Status__c)) &&
          !remediatedStatuses.includes(String(record.old?.Status__c))
      ),
      context
    );
    if (
      records.some((record) =>
        GATE_FIELDS.some((field) => (record.values[field] ?? null) !== (record.old?.[field] ?? null))
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
