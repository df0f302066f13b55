/**
 * Stand-in for `CustomerCommunicationController` (with CustomerNotificationRequest, CustomerNotificationLog
 * and CommunicationAcknowledgement): an account's notification timeline, what the log form needs, logging a
 * notification as Sent from an approved template (the trigger stand-in stamps and freezes it), recording an
 * acknowledgement, and the user's follow-ups. Same checks, same messages, same payload shapes as the Apex.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { ApexError, RecordSaveError } from '../server/errors';
import { normalizeId } from '../server/ids';
import { formatDateTime, todayIn } from '../server/clock';
import type { RecordValues } from '../server/records';
import { addDays } from './dates';
import { format } from './TrustCriteria';
import { sobject } from './sobject';
import { asText } from '../shared/text';

export const FOLLOW_UP_HORIZON_DAYS = 7;
const TIMELINE_LIMIT = 500;
const FOLLOW_UP_LIMIT = 200;
const ACCOUNT_LIMIT = 2000;
const SENT_STATUSES = ['Sent', 'Acknowledged'];

const ACCOUNT_REQUIRED_MESSAGE = 'Open an account to see its customer notifications.';
const ACCOUNT_NOT_FOUND_MESSAGE = 'The account does not exist or you do not have access to it.';
// CustomerNotificationRequest.problems()
const REQUEST_ACCOUNT_MESSAGE = 'Choose the account to notify.';
const REQUEST_TEMPLATE_MESSAGE = 'Choose an approved template and preview it before logging.';
const AUDIENCE_REQUIRED_MESSAGE = 'Choose the audience.';
const CHANNEL_REQUIRED_MESSAGE = 'Choose the channel.';
const TEXT_REQUIRED_MESSAGE =
  'The previewed subject and text are required: they are what the customer receives.';
const SUBJECT_TOO_LONG_MESSAGE =
  'The subject is longer than 255 characters. Shorten the merged values or ask for a shorter template subject.';
const TEXT_TOO_LONG_MESSAGE = 'The message text is longer than 32,768 characters.';
const COMMITMENT_TOO_LONG_MESSAGE = 'The commitment can hold at most 255 characters.';
const COMMITMENT_DETAILS_MESSAGE =
  'Describe the commitment before giving its due date or the control behind it.';
// CustomerNotificationLog
const TEMPLATE_NOT_FOUND_MESSAGE = 'The message template no longer exists or you do not have access to it.';
const TEMPLATE_NOT_APPROVED_MESSAGE =
  'The template "{0}" is {1}, not Approved: only approved wording can be sent. Choose an approved template.';
const TEMPLATE_CHANGED_MESSAGE =
  'The template "{0}" changed since preview (you previewed version {1}; it is now version {2}). Review the new version and log again.';
const CRISIS_NOT_FOUND_MESSAGE = 'The crisis event no longer exists or you do not have access to it.';
const CRISIS_CLOSED_MESSAGE =
  'The crisis event "{0}" is Closed: notifications can only be logged for an open crisis event. Choose an open event or none.';
const CONTACT_NOT_FOUND_MESSAGE = 'The contact no longer exists or you do not have access to it.';
const CONTACT_OTHER_ACCOUNT_MESSAGE =
  'The contact {0} does not belong to this account. Choose one of its contacts.';
const OPPORTUNITY_OTHER_ACCOUNT_MESSAGE =
  'The opportunity does not belong to this account, or you do not have access to it.';
const EMAIL_RECIPIENT_MESSAGE =
  'An email needs a recipient: choose a contact with an email address or enter the recipient email.';
// CommunicationAcknowledgement
const COMMUNICATION_REQUIRED_MESSAGE = 'Choose the communication to acknowledge.';
const COMMUNICATION_NOT_FOUND_MESSAGE = 'The communication no longer exists or you do not have access to it.';
const ACKNOWLEDGED_BY_REQUIRED_MESSAGE = 'Enter who acknowledged the communication.';
const ACKNOWLEDGED_BY_TOO_LONG_MESSAGE = 'Acknowledged By can hold at most 120 characters.';
const ACKNOWLEDGED_AT_REQUIRED_MESSAGE = 'Enter when the customer acknowledged the communication.';
const ACKNOWLEDGED_AT_FUTURE_MESSAGE = 'Acknowledged At cannot be in the future.';
const ACKNOWLEDGED_BEFORE_SENT_MESSAGE = 'Acknowledged At cannot be before the communication was sent ({0}).';
const ALREADY_ACKNOWLEDGED_MESSAGE =
  'Someone else already recorded this acknowledgement: {0} on {1}. The timeline now shows it.';
const NOT_SENT_MESSAGE = 'Only a sent communication can be acknowledged; this one is {0}.';
const CHANGED_MESSAGE =
  'This communication was changed by someone else after you opened it. The timeline now shows the latest version: check it and acknowledge again if it still needs it.';

const TIMELINE_FIELDS = [
  'Name',
  'Status__c',
  'Audience__c',
  'Channel__c',
  'Recipient_Email__c',
  'Subject__c',
  'Sent_At__c',
  'Sent_By__r.Name',
  'Contact__r.Name',
  'Message_Template__r.Name',
  'Template_Version__c',
  'Crisis_Event__c',
  'Crisis_Event__r.Name',
  'Acknowledged_At__c',
  'Acknowledged_By__c',
  'Commitment__c',
  'Commitment_Due__c',
  'Related_Control__r.Name',
  'Related_Control__r.Control_Id__c',
  'Follow_Up_Due__c',
  'Follow_Up_Required__c',
  'Follow_Up_Reason__c',
  'LastModifiedDate'
];

function ensure(condition: boolean, message: string): void {
  if (!condition) throw new ApexError(message);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function requireAccount(params: Readonly<Record<string, unknown>>): string {
  const accountId = normalizeId(params.accountId);
  ensure(accountId !== undefined, ACCOUNT_REQUIRED_MESSAGE);
  return accountId as string;
}

function getTimeline(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const accountId = requireAccount(params);
  const records = store.query({
    object: 'Customer_Communication__c',
    where: { path: ['Account__c'], op: 'eq', value: accountId },
    orderBy: [
      { path: ['Sent_At__c'], direction: 'DESC', nulls: 'FIRST' },
      { path: ['CreatedDate'], direction: 'DESC' },
      { path: ['Id'], direction: 'DESC' }
    ],
    limit: TIMELINE_LIMIT + 1
  });
  return {
    asOf: todayIn(now),
    truncated: records.length > TIMELINE_LIMIT,
    canAcknowledge: true,
    canLog: true,
    communications: records
      .slice(0, TIMELINE_LIMIT)
      .map((record) => sobject(store, 'Customer_Communication__c', record, TIMELINE_FIELDS))
  };
}

function getLogContext(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const accountId = requireAccount(params);
  const account = store.query({
    object: 'Account',
    where: { path: ['Id'], op: 'eq', value: accountId },
    limit: 1
  })[0];
  ensure(account !== undefined, ACCOUNT_NOT_FOUND_MESSAGE);
  const cycle = store.query({
    object: 'Audit_Cycle__c',
    where: { path: ['Is_Current__c'], op: 'eq', value: true },
    orderBy: [{ path: ['Period_End__c'], direction: 'DESC', nulls: 'LAST' }],
    limit: 1
  })[0];
  const each = (object: string, records: RecordValues[], fields: readonly string[]): unknown[] =>
    records.map((record) => sobject(store, object, record, fields));
  return {
    today: todayIn(now),
    account: sobject(store, 'Account', account as RecordValues, [
      'Name',
      'Data_Regimes__c',
      'Notification_Deadline_Hours__c'
    ]),
    contacts: each(
      'Contact',
      store.query({
        object: 'Contact',
        where: { path: ['AccountId'], op: 'eq', value: accountId },
        orderBy: [
          { path: ['LastName'], direction: 'ASC' },
          { path: ['FirstName'], direction: 'ASC' },
          { path: ['Id'], direction: 'ASC' }
        ],
        limit: 200
      }),
      ['Name', 'FirstName', 'LastName', 'Salutation', 'Title', 'Email']
    ),
    opportunities: each(
      'Opportunity',
      store.query({
        object: 'Opportunity',
        where: {
          and: [
            { path: ['AccountId'], op: 'eq', value: accountId },
            { path: ['IsClosed'], op: 'eq', value: false }
          ]
        },
        orderBy: [
          { path: ['CloseDate'], direction: 'ASC' },
          { path: ['Name'], direction: 'ASC' }
        ],
        limit: 100
      }),
      [
        'Name',
        'CloseDate',
        'StageName',
        'Security_Review_Stage__c',
        'Compliance_Gate__c',
        'Gate_Reason__c',
        'Gate_Expected_Clear__c'
      ]
    ),
    auditCycle: cycle
      ? sobject(store, 'Audit_Cycle__c', cycle, [
          'Name',
          'Framework__c',
          'Report_Type__c',
          'Auditor__c',
          'Opinion__c',
          'Status__c',
          'Period_Start__c',
          'Period_End__c',
          'Report_Date__c',
          'Bridge_Letter_Valid_Until__c',
          'Reaudit_Target_Date__c'
        ])
      : null,
    crisisEvents: each(
      'Crisis_Event__c',
      store.query({
        object: 'Crisis_Event__c',
        where: { path: ['Status__c'], op: 'ne', value: 'Closed' },
        orderBy: [{ path: ['Declared_At__c'], direction: 'DESC' }],
        limit: 50
      }),
      [
        'Name',
        'Event_Type__c',
        'Severity__c',
        'Status__c',
        'Declared_At__c',
        'Data_Regimes__c',
        'Regulator_Deadline_Hours__c'
      ]
    ),
    templates: each(
      'Message_Template__c',
      store.query({
        object: 'Message_Template__c',
        where: { path: ['Approval_Status__c'], op: 'eq', value: 'Approved' },
        orderBy: [{ path: ['Name'], direction: 'ASC' }],
        limit: 100
      }),
      ['Name', 'Purpose__c', 'Subject__c', 'Body__c', 'Version__c']
    )
  };
}

/** CustomerNotificationRequest.problems() */
function requestProblems(request: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const blank = (value: unknown): boolean => text(value).trim() === '';
  if (!request.accountId) problems.push(REQUEST_ACCOUNT_MESSAGE);
  if (!request.templateId || request.templateVersion === null || request.templateVersion === undefined)
    problems.push(REQUEST_TEMPLATE_MESSAGE);
  if (blank(request.audience)) problems.push(AUDIENCE_REQUIRED_MESSAGE);
  if (blank(request.channel)) problems.push(CHANNEL_REQUIRED_MESSAGE);
  if (blank(request.subject) || blank(request.messageText)) problems.push(TEXT_REQUIRED_MESSAGE);
  if (text(request.subject).length > 255) problems.push(SUBJECT_TOO_LONG_MESSAGE);
  if (text(request.messageText).length > 32768) problems.push(TEXT_TOO_LONG_MESSAGE);
  if (text(request.commitment).length > 255) problems.push(COMMITMENT_TOO_LONG_MESSAGE);
  if (blank(request.commitment) && (request.commitmentDue || request.relatedControlId))
    problems.push(COMMITMENT_DETAILS_MESSAGE);
  return problems;
}

/** The messages of a rejected save, as `CustomerNotificationLog.messagesOf(DmlException)` joins them. */
function messagesOf(error: RecordSaveError): string {
  return [...new Set(error.problems.map((problem) => problem.message))].join(' ');
}

function logNotification(params: Readonly<Record<string, unknown>>, { store }: ApexContext): unknown {
  const request = (
    typeof params.request === 'object' && params.request !== null ? params.request : {}
  ) as Record<string, unknown>;
  const problems = requestProblems(request);
  ensure(problems.length === 0, problems.join(' '));
  const accountId = normalizeId(request.accountId);
  ensure(
    accountId !== undefined && store.get(accountId)?.object.apiName === 'Account',
    ACCOUNT_NOT_FOUND_MESSAGE
  );
  const template = store.get(String(request.templateId));
  ensure(template?.object.apiName === 'Message_Template__c', TEMPLATE_NOT_FOUND_MESSAGE);
  const templateValues = template?.values ?? {};
  ensure(
    templateValues.Approval_Status__c === 'Approved',
    format(TEMPLATE_NOT_APPROVED_MESSAGE, templateValues.Name, templateValues.Approval_Status__c)
  );
  ensure(
    templateValues.Version__c === request.templateVersion,
    format(TEMPLATE_CHANGED_MESSAGE, templateValues.Name, request.templateVersion, templateValues.Version__c)
  );
  if (request.crisisEventId) {
    const crisis = store.get(asText(request.crisisEventId));
    ensure(crisis?.object.apiName === 'Crisis_Event__c', CRISIS_NOT_FOUND_MESSAGE);
    ensure(crisis?.values.Status__c !== 'Closed', format(CRISIS_CLOSED_MESSAGE, crisis?.values.Name));
  }
  let contactEmail: unknown;
  if (request.contactId) {
    const contact = store.get(asText(request.contactId));
    ensure(contact?.object.apiName === 'Contact', CONTACT_NOT_FOUND_MESSAGE);
    ensure(
      contact?.values.AccountId === accountId,
      format(CONTACT_OTHER_ACCOUNT_MESSAGE, contact?.values.Name)
    );
    contactEmail = contact?.values.Email;
  }
  if (request.opportunityId) {
    const opportunity = store.get(asText(request.opportunityId));
    ensure(
      opportunity?.object.apiName === 'Opportunity' && opportunity.values.AccountId === accountId,
      OPPORTUNITY_OTHER_ACCOUNT_MESSAGE
    );
  }
  let recipient: string | null = null;
  if (text(request.recipientEmail).trim() !== '') {
    recipient = text(request.recipientEmail).trim();
  } else if (request.channel === 'Email') {
    ensure(text(contactEmail).trim() !== '', EMAIL_RECIPIENT_MESSAGE);
    recipient = text(contactEmail);
  }
  try {
    return store.transaction(() => {
      const saved = store.create('Customer_Communication__c', {
        Account__c: accountId,
        Contact__c: request.contactId ?? null,
        Opportunity__c: request.opportunityId ?? null,
        Crisis_Event__c: request.crisisEventId ?? null,
        Message_Template__c: request.templateId,
        Audience__c: request.audience,
        Channel__c: request.channel,
        Recipient_Email__c: recipient,
        Subject__c: request.subject,
        Message_Text__c: request.messageText,
        Status__c: 'Sent',
        Commitment__c: text(request.commitment).trim() === '' ? null : text(request.commitment).trim(),
        Commitment_Due__c: request.commitmentDue ?? null,
        Related_Control__c: request.relatedControlId ?? null,
        Follow_Up_Due__c: request.followUpDue ?? null
      });
      if (saved.Template_Version__c !== request.templateVersion) {
        throw new ApexError(
          format(
            TEMPLATE_CHANGED_MESSAGE,
            templateValues.Name,
            request.templateVersion,
            saved.Template_Version__c
          )
        );
      }
      return saved.Id;
    });
  } catch (error) {
    if (error instanceof RecordSaveError) throw new ApexError(messagesOf(error));
    throw error;
  }
}

function acknowledge(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const request = (
    typeof params.request === 'object' && params.request !== null ? params.request : {}
  ) as Record<string, unknown>;
  const who = text(request.acknowledgedBy).trim();
  ensure(Boolean(request.communicationId), COMMUNICATION_REQUIRED_MESSAGE);
  ensure(who !== '', ACKNOWLEDGED_BY_REQUIRED_MESSAGE);
  ensure(who.length <= 120, ACKNOWLEDGED_BY_TOO_LONG_MESSAGE);
  const at = Date.parse(text(request.acknowledgedAt));
  ensure(!Number.isNaN(at), ACKNOWLEDGED_AT_REQUIRED_MESSAGE);
  ensure(at <= now.getTime() + 5 * 60_000, ACKNOWLEDGED_AT_FUTURE_MESSAGE);
  const current = store.get(String(request.communicationId));
  ensure(current?.object.apiName === 'Customer_Communication__c', COMMUNICATION_NOT_FOUND_MESSAGE);
  const values = current?.values ?? {};
  ensure(
    values.Status__c !== 'Acknowledged',
    format(
      ALREADY_ACKNOWLEDGED_MESSAGE,
      values.Acknowledged_By__c,
      typeof values.Acknowledged_At__c === 'string' ? formatDateTime(values.Acknowledged_At__c) : ''
    )
  );
  ensure(values.Status__c === 'Sent', format(NOT_SENT_MESSAGE, values.Status__c));
  ensure(
    !request.lastModifiedDate ||
      Date.parse(text(request.lastModifiedDate)) === Date.parse(text(values.LastModifiedDate)),
    CHANGED_MESSAGE
  );
  const sentAt = typeof values.Sent_At__c === 'string' ? Date.parse(values.Sent_At__c) : undefined;
  ensure(
    sentAt === undefined || at >= sentAt - 60_000,
    format(
      ACKNOWLEDGED_BEFORE_SENT_MESSAGE,
      typeof values.Sent_At__c === 'string' ? formatDateTime(values.Sent_At__c) : ''
    )
  );
  try {
    store.update(String(values.Id), {
      Status__c: 'Acknowledged',
      Acknowledged_At__c: new Date(at).toISOString(),
      Acknowledged_By__c: who
    });
  } catch (error) {
    if (error instanceof RecordSaveError) throw new ApexError(messagesOf(error));
    throw error;
  }
  return null;
}

function getFollowUps(
  _params: Readonly<Record<string, unknown>>,
  { store, now, userId }: ApexContext
): unknown {
  const asOf = todayIn(now);
  const horizon = addDays(asOf, FOLLOW_UP_HORIZON_DAYS);
  const accounts = store.query({
    object: 'Account',
    where: { path: ['OwnerId'], op: 'eq', value: userId },
    orderBy: [{ path: ['Name'], direction: 'ASC' }],
    limit: ACCOUNT_LIMIT + 1
  });
  if (accounts.length === 0)
    return { asOf, horizon, truncated: false, accountsTruncated: false, communications: [] };
  const records = store.query({
    object: 'Customer_Communication__c',
    where: {
      and: [
        {
          path: ['Account__c'],
          op: 'in',
          value: accounts.slice(0, ACCOUNT_LIMIT).map((account) => account.Id)
        },
        { path: ['Status__c'], op: 'in', value: SENT_STATUSES },
        {
          or: [
            { path: ['Follow_Up_Required__c'], op: 'eq', value: true },
            { path: ['Follow_Up_Due__c'], op: 'lte', value: horizon }
          ]
        }
      ]
    },
    orderBy: [
      { path: ['Follow_Up_Due__c'], direction: 'ASC', nulls: 'LAST' },
      { path: ['Sent_At__c'], direction: 'ASC' },
      { path: ['Id'], direction: 'ASC' }
    ],
    limit: FOLLOW_UP_LIMIT + 1
  });
  return {
    asOf,
    horizon,
    truncated: records.length > FOLLOW_UP_LIMIT,
    accountsTruncated: accounts.length > ACCOUNT_LIMIT,
    communications: records
      .slice(0, FOLLOW_UP_LIMIT)
      .map((record) =>
        sobject(store, 'Customer_Communication__c', record, [
          'Name',
          'Account__c',
          'Account__r.Name',
          'Subject__c',
          'Status__c',
          'Audience__c',
          'Channel__c',
          'Sent_At__c',
          'Commitment__c',
          'Commitment_Due__c',
          'Follow_Up_Due__c',
          'Follow_Up_Required__c',
          'Follow_Up_Reason__c'
        ])
      )
  };
}

const standIn: ApexClassStandIn = {
  className: 'CustomerCommunicationController',
  methods: { getTimeline, getLogContext, logNotification, acknowledge, getFollowUps }
};
export default standIn;
