/**
 * Stand-in for `CustomerCommunicationHandler`: a sent communication is a record of fact. Sent only from an
 * Approved template and with its exact text; the template version and sent at/by are stamped; once Sent or
 * Acknowledged the content, recipient and related records are frozen, the status only moves from Sent to
 * Acknowledged, and the record cannot be deleted. Same rules, same messages and the same contract cases
 * (staticresources/TrustDeskCommunicationContract.json) as the Apex class.
 */
import type { TriggerHandler, TriggerRecord, TriggerContext } from '../../server/records';
import { format } from '../TrustCriteria';

export const STATUS_DRAFT = 'Draft';
export const STATUS_SENT = 'Sent';
export const STATUS_ACKNOWLEDGED = 'Acknowledged';
export const TEMPLATE_APPROVED = 'Approved';

export const FROZEN_FIELDS = [
  'Message_Text__c',
  'Subject__c',
  'Recipient_Email__c',
  'Channel__c',
  'Audience__c',
  'Message_Template__c',
  'Template_Version__c',
  'Account__c',
  'Contact__c',
  'Opportunity__c',
  'Crisis_Event__c',
  'Sent_At__c',
  'Sent_By__c',
  'Commitment__c',
  'Commitment_Due__c',
  'Related_Control__c'
] as const;

export const FROZEN_FIELD_MESSAGE =
  '{0} cannot be changed once the communication is sent: it records what the customer was told.';
export const STATUS_MESSAGE =
  'Status cannot change from {0} to {1}: a sent communication can only move from Sent to Acknowledged.';
export const DELETE_MESSAGE =
  'A sent communication cannot be deleted: it records what the customer was told.';
export const TEMPLATE_REQUIRED_MESSAGE = 'A communication can only be sent from a message template.';
export const TEMPLATE_NOT_APPROVED_MESSAGE = 'Only an Approved message template can be sent.';
export const TEXT_REQUIRED_MESSAGE = 'The exact message text is required to send a communication.';

const ALLOWED_NEXT_STATUSES: Readonly<Record<string, readonly string[]>> = {
  [STATUS_SENT]: [STATUS_SENT, STATUS_ACKNOWLEDGED],
  [STATUS_ACKNOWLEDGED]: [STATUS_ACKNOWLEDGED]
};

export function isSent(status: unknown): boolean {
  return status === STATUS_SENT || status === STATUS_ACKNOWLEDGED;
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Checks and stamps the communications being sent in this save (inserted as sent, or moved there from Draft). */
function prepareForSending(sending: TriggerRecord[], context: TriggerContext): void {
  if (sending.length === 0) return;
  const templateIds = [
    ...new Set(sending.map((record) => record.values.Message_Template__c).filter((id) => !isBlank(id)))
  ];
  const templates = new Map(
    templateIds.length === 0
      ? []
      : context.store
          .query({ object: 'Message_Template__c', where: { path: ['Id'], op: 'in', value: templateIds } })
          .map((template) => [String(template.Id), template])
  );
  const now = context.now.toISOString();
  for (const record of sending) {
    const templateId = record.values.Message_Template__c;
    const template = typeof templateId === 'string' ? templates.get(templateId) : undefined;
    if (isBlank(templateId)) {
      record.addError(TEMPLATE_REQUIRED_MESSAGE, 'Message_Template__c');
    } else if (template?.Approval_Status__c !== TEMPLATE_APPROVED) {
      record.addError(TEMPLATE_NOT_APPROVED_MESSAGE, 'Message_Template__c');
    } else {
      record.values.Template_Version__c = template.Version__c ?? null;
    }
    if (isBlank(record.values.Message_Text__c)) {
      record.addError(TEXT_REQUIRED_MESSAGE, 'Message_Text__c');
    }
    record.values.Sent_At__c = record.values.Sent_At__c ?? now;
    record.values.Sent_By__c = record.values.Sent_By__c ?? context.userId;
  }
}

/** Text is compared case-sensitively: "we will" and "We will" are different things to have said. */
function differs(before: unknown, after: unknown): boolean {
  return (before ?? null) !== (after ?? null);
}

function rejectChangesToSent(record: TriggerRecord, context: TriggerContext): void {
  const old = record.old ?? {};
  for (const field of FROZEN_FIELDS) {
    if (differs(old[field], record.values[field])) {
      record.addError(
        format(FROZEN_FIELD_MESSAGE, context.labelOf('Customer_Communication__c', field)),
        field
      );
    }
  }
  const allowed = ALLOWED_NEXT_STATUSES[String(old.Status__c)] ?? [];
  if (!allowed.includes(String(record.values.Status__c))) {
    record.addError(format(STATUS_MESSAGE, old.Status__c, record.values.Status__c), 'Status__c');
  }
}

const handler: TriggerHandler = {
  object: 'Customer_Communication__c',
  apexClass: 'CustomerCommunicationHandler',
  beforeInsert: (records, context) => {
    prepareForSending(
      records.filter((record) => isSent(record.values.Status__c)),
      context
    );
  },
  beforeUpdate: (records, context) => {
    const sending: TriggerRecord[] = [];
    for (const record of records) {
      if (isSent(record.old?.Status__c)) rejectChangesToSent(record, context);
      else if (isSent(record.values.Status__c)) sending.push(record);
    }
    prepareForSending(sending, context);
  },
  beforeDelete: (records) => {
    for (const record of records) {
      if (isSent(record.values.Status__c)) record.addError(DELETE_MESSAGE);
    }
  }
};
export default handler;
