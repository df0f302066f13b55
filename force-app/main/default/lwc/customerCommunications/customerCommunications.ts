import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getTimeline from '@salesforce/apex/CustomerCommunicationController.getTimeline';
import acknowledge from '@salesforce/apex/CustomerCommunicationController.acknowledge';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import {
  MessageContext,
  subscribe,
  unsubscribe,
  type MessageContextValue,
  type Subscription
} from 'lightning/messageService';
import COMMUNICATION_LOGGED from '@salesforce/messageChannel/Customer_Communication_Logged__c';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';

// ---------------------------------------------------------------------------------------------------------
// What CustomerCommunicationController.getTimeline returns: Customer_Communication__c records by API name
// (Apex leaves empty fields out).

interface NamedRecord {
  readonly Name?: string;
}

interface CommunicationData {
  readonly Id: string;
  readonly Name?: string;
  readonly Status__c?: string;
  readonly Audience__c?: string;
  readonly Channel__c?: string;
  readonly Recipient_Email__c?: string;
  readonly Subject__c?: string;
  readonly Sent_At__c?: string;
  readonly Sent_By__r?: NamedRecord;
  readonly Contact__r?: NamedRecord;
  readonly Message_Template__r?: NamedRecord;
  readonly Template_Version__c?: number;
  readonly Crisis_Event__c?: string;
  readonly Crisis_Event__r?: NamedRecord;
  readonly Acknowledged_At__c?: string;
  readonly Acknowledged_By__c?: string;
  readonly Commitment__c?: string;
  readonly Commitment_Due__c?: string;
  readonly Related_Control__r?: NamedRecord & { readonly Control_Id__c?: string };
  readonly Follow_Up_Due__c?: string;
  readonly Follow_Up_Required__c?: boolean;
  readonly Follow_Up_Reason__c?: string;
  readonly LastModifiedDate?: string;
}

interface TimelineData {
  readonly asOf: string;
  readonly truncated?: boolean;
  readonly canAcknowledge?: boolean;
  readonly canLog?: boolean;
  readonly communications: readonly CommunicationData[];
}

interface LoggedMessage {
  readonly accountId?: string;
}

interface Option {
  readonly label: string;
  readonly value: string;
}

/** One timeline entry, ready for the template. */
interface EntryView {
  readonly id: string;
  readonly title: string;
  readonly number: string;
  readonly url: string;
  readonly status: string;
  readonly statusClass: string;
  readonly sentText: string;
  readonly sentBy: string;
  readonly audienceText: string;
  readonly recipientText: string;
  readonly templateText: string;
  readonly crisisEventName: string;
  readonly acknowledgementText: string;
  readonly acknowledgementClass: string;
  readonly hasCommitment: boolean;
  readonly commitmentText: string;
  readonly commitmentDetail: string;
  readonly hasFollowUp: boolean;
  readonly followUpText: string;
  readonly followUpClass: string;
  readonly followUpReason: string;
  readonly canAcknowledge: boolean;
  readonly acknowledgeLabel: string;
  readonly isAcknowledging: boolean;
}

const ALL = '';
const NO_CRISIS_EVENT = 'none';
const SENT = 'Sent';
const ACKNOWLEDGED = 'Acknowledged';
const DRAFT = 'Draft';
/** Follow-ups due within this many days (overdue included) count as due: the same week the home page lists. */
const FOLLOW_UP_HORIZON_DAYS = 7;
const ACKNOWLEDGED_BY_MAX_LENGTH = 120;
/** A datetime input has minute precision: allow a minute either way around now and the send time. */
const ONE_MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const STATUS_VALUES = [DRAFT, SENT, ACKNOWLEDGED];
const CHANNEL_VALUES = ['Email', 'Phone', 'Meeting', 'Portal Notice', 'Letter'];

const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: TIME_ZONE
});
const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? '' : dateTimeFormat.format(instant);
}

/** A date field (`YYYY-MM-DD`) is a calendar day: formatted in UTC so it never shifts. */
function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const day = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? '' : dateFormat.format(day);
}

function addDays(isoDate: string, days: number): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  return new Date(day.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function isTimelineData(value: unknown): value is TimelineData {
  const timeline = value as Partial<TimelineData> | null | undefined;
  return (
    typeof timeline === 'object' &&
    timeline !== null &&
    typeof timeline.asOf === 'string' &&
    Array.isArray(timeline.communications)
  );
}

function isSentOrAcknowledged(record: CommunicationData): boolean {
  return record.Status__c === SENT || record.Status__c === ACKNOWLEDGED;
}

/** Sent, and its follow-up is flagged or due by the end of the horizon (overdue included). */
function isFollowUpDue(record: CommunicationData, horizon: string): boolean {
  if (!isSentOrAcknowledged(record)) return false;
  if (record.Follow_Up_Required__c === true) return true;
  return record.Follow_Up_Due__c !== undefined && record.Follow_Up_Due__c <= horizon;
}

function controlName(record: CommunicationData): string {
  const control = record.Related_Control__r;
  if (!control) return '';
  return [control.Control_Id__c, control.Name].filter((part) => part).join(' ');
}

function statusClass(status: string): string {
  if (status === ACKNOWLEDGED) return 'slds-badge slds-theme_success';
  if (status === SENT) return 'slds-badge slds-theme_warning';
  return 'slds-badge';
}

function followUpView(
  record: CommunicationData,
  asOf: string
): Pick<EntryView, 'hasFollowUp' | 'followUpText' | 'followUpClass' | 'followUpReason'> {
  const due = record.Follow_Up_Due__c;
  const required = record.Follow_Up_Required__c === true;
  const overdue = due !== undefined && due < asOf && isSentOrAcknowledged(record);
  let text = '';
  if (due) text = overdue ? `Follow-up overdue since ${formatDate(due)}` : `Follow-up due ${formatDate(due)}`;
  if (required) text = text ? `${text} · required` : 'Follow-up required';
  return {
    hasFollowUp: text !== '',
    followUpText: text,
    followUpClass: overdue || required ? 'follow-up slds-text-color_error' : 'follow-up',
    followUpReason: record.Follow_Up_Reason__c ?? ''
  };
}

function toEntry(
  record: CommunicationData,
  timeline: TimelineData,
  acknowledgingId: string | undefined
): EntryView {
  const status = record.Status__c ?? DRAFT;
  const number = record.Name ?? '';
  const awaiting = status === SENT;
  const recipient = [record.Contact__r?.Name, record.Recipient_Email__c].filter((part) => part).join(' · ');
  const template = record.Message_Template__r?.Name ?? '';
  const version = record.Template_Version__c;
  let acknowledgementText = '';
  if (status === ACKNOWLEDGED) {
    acknowledgementText = `Acknowledged by ${record.Acknowledged_By__c ?? 'the customer'} on ${formatDateTime(record.Acknowledged_At__c)}`;
  } else if (awaiting) {
    acknowledgementText = 'Awaiting acknowledgement';
  }
  const due = record.Commitment_Due__c ? `Due ${formatDate(record.Commitment_Due__c)}` : '';
  const control = controlName(record);
  return {
    id: record.Id,
    title: record.Subject__c ?? number,
    number,
    url: `/lightning/r/Customer_Communication__c/${record.Id}/view`,
    status,
    statusClass: statusClass(status),
    sentText: record.Sent_At__c ? formatDateTime(record.Sent_At__c) : 'Not sent yet',
    sentBy: record.Sent_By__r?.Name ?? '',
    audienceText: [record.Audience__c, record.Channel__c].filter((part) => part).join(' · '),
    recipientText: recipient,
    templateText: template && version !== undefined ? `${template} · version ${version}` : template,
    crisisEventName: record.Crisis_Event__r?.Name ?? '',
    acknowledgementText,
    acknowledgementClass: awaiting ? 'acknowledgement slds-text-color_weak' : 'acknowledgement',
    hasCommitment: Boolean(record.Commitment__c),
    commitmentText: record.Commitment__c ?? '',
    commitmentDetail: [due, control ? `Control ${control}` : ''].filter((part) => part).join(' · '),
    ...followUpView(record, timeline.asOf),
    canAcknowledge: awaiting && timeline.canAcknowledge === true,
    acknowledgeLabel: `Acknowledge ${number}`,
    isAcknowledging: awaiting && acknowledgingId === record.Id
  };
}

/**
 * The account manager's record of what this customer was told: every customer communication of the account,
 * newest first, with audience, channel, template and version, sender, acknowledgement, commitment and follow-up;
 * filters by status, channel, crisis event and follow-ups due; an Acknowledge form on each sent one; and the Log
 * customer notification form in a modal. The timeline refreshes itself when a notification is logged from the
 * quick action (Lightning Message Service, channel `Customer_Communication_Logged__c`).
 */
export default class CustomerCommunications extends LightningElement {
  /** The Account record page's record. */
  @api recordId: string | undefined;

  timeline: TimelineData | undefined;
  loadError: unknown;

  statusFilter = ALL;
  channelFilter = ALL;
  crisisEventFilter = ALL;
  followUpsDueOnly = false;

  entries: EntryView[] = [];

  acknowledgingId: string | undefined;
  acknowledgedBy = '';
  acknowledgedAt = '';
  acknowledgeProblems: string[] = [];
  acknowledgeError: unknown;
  isSavingAcknowledgement = false;

  isLogFormOpen = false;

  @wire(MessageContext)
  messageContext: MessageContextValue | undefined;

  private wiredTimeline: unknown;
  private subscription: Subscription | undefined;

  @wire(getTimeline, { accountId: '$recordId' })
  wiredGetTimeline(value: WireResult<unknown>): void {
    this.wiredTimeline = value;
    if (value.error) {
      this.loadError = value.error;
      this.timeline = undefined;
    } else if (isTimelineData(value.data)) {
      this.loadError = undefined;
      this.timeline = value.data;
    }
    this.derive();
  }

  override connectedCallback(): void {
    this.subscription = subscribe(this.messageContext, COMMUNICATION_LOGGED, (message) =>
      this.handleLoggedMessage(message as LoggedMessage | undefined)
    );
  }

  override disconnectedCallback(): void {
    if (this.subscription) {
      unsubscribe(this.subscription);
      this.subscription = undefined;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return this.timeline === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get isEmpty(): boolean {
    return this.timeline !== undefined && this.timeline.communications.length === 0;
  }

  get hasCommunications(): boolean {
    return this.timeline !== undefined && this.timeline.communications.length > 0;
  }

  get canLog(): boolean {
    return this.timeline?.canLog === true;
  }

  get isTruncated(): boolean {
    return this.timeline?.truncated === true;
  }

  get hasAcknowledgeError(): boolean {
    return this.acknowledgeError !== undefined;
  }

  get hasAcknowledgeProblems(): boolean {
    return this.acknowledgeProblems.length > 0;
  }

  // -------------------------------------------------------------------------------------------------------
  // Filters

  get statusOptions(): Option[] {
    return [
      { label: 'All statuses', value: ALL },
      ...STATUS_VALUES.map((value) => ({ label: value, value }))
    ];
  }

  get channelOptions(): Option[] {
    return [
      { label: 'All channels', value: ALL },
      ...CHANNEL_VALUES.map((value) => ({ label: value, value }))
    ];
  }

  get crisisEventOptions(): Option[] {
    const events = new Map<string, string>();
    let withoutEvent = false;
    for (const record of this.timeline?.communications ?? []) {
      if (record.Crisis_Event__c) {
        events.set(record.Crisis_Event__c, record.Crisis_Event__r?.Name ?? record.Crisis_Event__c);
      } else {
        withoutEvent = true;
      }
    }
    const options: Option[] = [{ label: 'All crisis events', value: ALL }];
    for (const [value, label] of [...events.entries()].sort((a, b) => a[1].localeCompare(b[1], LOCALE))) {
      options.push({ label, value });
    }
    if (withoutEvent) options.push({ label: 'No crisis event', value: NO_CRISIS_EVENT });
    return options;
  }

  /** The entries the filters let through, derived again whenever the data, a filter or the open form changes. */
  private derive(): void {
    const timeline = this.timeline;
    if (!timeline) {
      this.entries = [];
      return;
    }
    const horizon = addDays(timeline.asOf, FOLLOW_UP_HORIZON_DAYS);
    this.entries = timeline.communications
      .filter((record) => this.matchesFilters(record, horizon))
      .map((record) => toEntry(record, timeline, this.acknowledgingId));
  }

  get hasVisibleEntries(): boolean {
    return this.entries.length > 0;
  }

  get statusLine(): string {
    const total = this.timeline?.communications.length ?? 0;
    const shown = this.entries.length;
    const noun = total === 1 ? 'notification' : 'notifications';
    return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun} match the filters`;
  }

  private matchesFilters(record: CommunicationData, horizon: string): boolean {
    if (this.statusFilter !== ALL && record.Status__c !== this.statusFilter) return false;
    if (this.channelFilter !== ALL && record.Channel__c !== this.channelFilter) return false;
    if (this.crisisEventFilter === NO_CRISIS_EVENT && record.Crisis_Event__c) return false;
    if (
      this.crisisEventFilter !== ALL &&
      this.crisisEventFilter !== NO_CRISIS_EVENT &&
      record.Crisis_Event__c !== this.crisisEventFilter
    ) {
      return false;
    }
    return !this.followUpsDueOnly || isFollowUpDue(record, horizon);
  }

  handleStatusFilter(event: CustomEvent<{ value: string }>): void {
    this.statusFilter = event.detail.value;
    this.derive();
  }

  handleChannelFilter(event: CustomEvent<{ value: string }>): void {
    this.channelFilter = event.detail.value;
    this.derive();
  }

  handleCrisisEventFilter(event: CustomEvent<{ value: string }>): void {
    this.crisisEventFilter = event.detail.value;
    this.derive();
  }

  handleFollowUpsDueFilter(event: CustomEvent<{ checked: boolean }>): void {
    this.followUpsDueOnly = event.detail.checked;
    this.derive();
  }

  handleClearFilters(): void {
    this.statusFilter = ALL;
    this.channelFilter = ALL;
    this.crisisEventFilter = ALL;
    this.followUpsDueOnly = false;
    this.derive();
  }

  // -------------------------------------------------------------------------------------------------------
  // Acknowledge

  get maxAcknowledgedAt(): string {
    return new Date().toISOString();
  }

  handleStartAcknowledge(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    if (id !== this.acknowledgingId) {
      this.acknowledgedBy = '';
      this.acknowledgedAt = new Date().toISOString();
      this.acknowledgeProblems = [];
    }
    this.acknowledgingId = id;
    this.derive();
    this.acknowledgeError = undefined;
  }

  handleCancelAcknowledge(): void {
    this.acknowledgingId = undefined;
    this.acknowledgeProblems = [];
    this.derive();
  }

  handleAcknowledgedByChange(event: CustomEvent<{ value: string }>): void {
    this.acknowledgedBy = event.detail.value ?? '';
  }

  handleAcknowledgedAtChange(event: CustomEvent<{ value: string }>): void {
    this.acknowledgedAt = event.detail.value ?? '';
  }

  async handleSaveAcknowledge(): Promise<void> {
    const record = this.timeline?.communications.find((candidate) => candidate.Id === this.acknowledgingId);
    if (!record) return;
    this.acknowledgeProblems = acknowledgementProblems(this.acknowledgedBy, this.acknowledgedAt, record);
    if (this.acknowledgeProblems.length > 0) return;
    this.isSavingAcknowledgement = true;
    this.acknowledgeError = undefined;
    const who = this.acknowledgedBy.trim();
    try {
      await acknowledge({
        request: {
          communicationId: record.Id,
          acknowledgedBy: who,
          acknowledgedAt: new Date(this.acknowledgedAt).toISOString(),
          lastModifiedDate: record.LastModifiedDate ?? null
        }
      });
    } catch (error) {
      // The record may have changed meanwhile: show the latest, keep what the user typed, say why.
      this.acknowledgeError = error;
      this.isSavingAcknowledgement = false;
      await this.refreshTimeline();
      return;
    }
    this.isSavingAcknowledgement = false;
    this.acknowledgingId = undefined;
    this.derive();
    this.dispatchEvent(
      new ShowToastEvent({
        title: 'Acknowledgement recorded',
        message: `${record.Name ?? 'The communication'} was acknowledged by ${who}.`,
        variant: 'success'
      })
    );
    await this.refreshTimeline();
    // Any open view of the communication itself (its record page) reads through Lightning Data Service.
    await notifyRecordUpdateAvailable([{ recordId: record.Id }]).catch(() => undefined);
  }

  // -------------------------------------------------------------------------------------------------------
  // Log customer notification

  handleOpenLogForm(): void {
    this.isLogFormOpen = true;
  }

  handleCloseLogForm(): void {
    this.isLogFormOpen = false;
  }

  handleLogFormKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      this.isLogFormOpen = false;
    }
  }

  async handleLogged(): Promise<void> {
    this.isLogFormOpen = false;
    await this.refreshTimeline();
  }

  private handleLoggedMessage(message: LoggedMessage | undefined): void {
    if (message?.accountId && message.accountId === this.recordId) {
      this.refreshTimeline().catch(() => undefined);
    }
  }

  private async refreshTimeline(): Promise<void> {
    try {
      await refreshApex(this.wiredTimeline);
    } catch (error) {
      this.loadError = error;
    }
  }
}

/** What stops an acknowledgement from being saved, in the words the form shows. */
function acknowledgementProblems(
  acknowledgedBy: string,
  acknowledgedAt: string,
  record: CommunicationData
): string[] {
  const problems: string[] = [];
  const who = acknowledgedBy.trim();
  if (who === '') problems.push('Enter who acknowledged the communication.');
  if (who.length > ACKNOWLEDGED_BY_MAX_LENGTH)
    problems.push('Acknowledged by can hold at most 120 characters.');
  const when = acknowledgedAt ? new Date(acknowledgedAt).getTime() : Number.NaN;
  if (Number.isNaN(when)) {
    problems.push('Enter when the customer acknowledged it.');
    return problems;
  }
  if (when > Date.now() + ONE_MINUTE_MS) problems.push('Acknowledged at cannot be in the future.');
  const sentAt = record.Sent_At__c ? new Date(record.Sent_At__c).getTime() : Number.NaN;
  if (!Number.isNaN(sentAt) && when < sentAt - ONE_MINUTE_MS) {
    problems.push(
      `Acknowledged at cannot be before the communication was sent (${formatDateTime(record.Sent_At__c)}).`
    );
  }
  return problems;
}
