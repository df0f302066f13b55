import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getLogContext from '@salesforce/apex/CustomerCommunicationController.getLogContext';
import logNotification from '@salesforce/apex/CustomerCommunicationController.logNotification';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { MessageContext, publish, type MessageContextValue } from 'lightning/messageService';
import COMMUNICATION_LOGGED from '@salesforce/messageChannel/Customer_Communication_Logged__c';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import {
  MERGE_FIELDS,
  renderTemplate,
  type MergeContext,
  type MergeError,
  type MergeObjectName,
  type MergeRecord,
  type MergeValue,
  type RenderOptions
} from 'c/templateRenderer';

// ---------------------------------------------------------------------------------------------------------
// What CustomerCommunicationController.getLogContext returns: records by field API name (Apex leaves empty
// fields out), each carrying the merge fields c/templateRenderer knows.

type RecordData = Readonly<Record<string, unknown>> & { readonly Id: string; readonly Name?: string };

interface ContactData extends RecordData {
  readonly Email?: string;
}

interface TemplateData extends RecordData {
  readonly Purpose__c?: string;
  readonly Subject__c?: string;
  readonly Body__c?: string;
  readonly Version__c?: number;
}

interface LogContextData {
  readonly today: string;
  readonly account: RecordData;
  readonly contacts: readonly ContactData[];
  readonly opportunities: readonly RecordData[];
  readonly auditCycle?: RecordData;
  readonly crisisEvents: readonly RecordData[];
  readonly templates: readonly TemplateData[];
}

interface Option {
  readonly label: string;
  readonly value: string;
}

/** The exact text the customer receives, or why it cannot be produced. */
interface Preview {
  readonly subject: string;
  readonly body: string;
  readonly errors: readonly MergeError[];
}

const NONE = '';
const EMAIL = 'Email';
const SUBJECT_MAX_LENGTH = 255;
const TEXT_MAX_LENGTH = 32768;
const COMMITMENT_MAX_LENGTH = 255;
/** The shape of an address; the platform checks the rest when it saves. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const AUDIENCE_VALUES = [
  'Executive Sponsor',
  'Procurement',
  'Security Team',
  'Legal',
  'Data Protection Officer',
  'Regulator',
  'All Users'
];
const CHANNEL_VALUES = [EMAIL, 'Phone', 'Meeting', 'Portal Notice', 'Letter'];

const RENDER_OPTIONS: RenderOptions = { channel: 'text', locale: LOCALE, timeZone: TIME_ZONE };

function isLogContextData(value: unknown): value is LogContextData {
  const context = value as Partial<LogContextData> | null | undefined;
  return (
    typeof context === 'object' &&
    context !== null &&
    typeof context.today === 'string' &&
    typeof context.account === 'object' &&
    Array.isArray(context.contacts) &&
    Array.isArray(context.opportunities) &&
    Array.isArray(context.crisisEvents) &&
    Array.isArray(context.templates)
  );
}

/** Only the catalogue's merge fields, as the renderer reads them. */
function mergeRecord(record: RecordData | undefined, object: MergeObjectName): MergeRecord | null {
  if (!record) return null;
  const values: Record<string, MergeValue> = {};
  for (const field of Object.keys(MERGE_FIELDS[object])) {
    const value = record[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      values[field] = value;
    }
  }
  return values;
}

function byId<T extends RecordData>(records: readonly T[] | undefined, id: string): T | undefined {
  return id === NONE ? undefined : records?.find((record) => record.Id === id);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The Log customer notification quick action on Account (also shown in a modal by `customerCommunications`).
 * The account manager picks the crisis event, audience, contact, channel and an Approved template, and sees the
 * exact subject and text the customer receives, merged by `c/templateRenderer` from the account, contact, deal,
 * current audit cycle and crisis event. A merge field that is unknown or empty blocks saving and is named. Saving
 * sends that text and the template version to Apex, which checks the template is still Approved at that version
 * and records the notification as Sent; on any error every entry stays as it was.
 */
export default class LogCustomerNotification extends LightningElement {
  /** The account, set by the quick action or by the component that embeds this form. */
  @api recordId: string | undefined;

  /** Set by the quick action; unused. */
  @api objectApiName: string | undefined;

  /**
   * Set when the form is shown inside another component's modal instead of the quick action: it then reports
   * `logged` and `cancel` events instead of closing the quick action.
   */
  @api embedded = false;

  context: LogContextData | undefined;
  /** Exactly what will be stored and sent, or why it cannot be produced. */
  preview: Preview | undefined;
  loadError: unknown;
  saveError: unknown;
  isSaving = false;
  showProblems = false;

  crisisEventId = NONE;
  audience = NONE;
  contactId = NONE;
  channel = NONE;
  recipientEmail = '';
  opportunityId = NONE;
  templateId = NONE;
  commitment = '';
  commitmentDue = '';
  relatedControlId = NONE;
  followUpDue = '';

  @wire(MessageContext)
  messageContext: MessageContextValue | undefined;

  private wiredContext: unknown;
  private crisisEventChosen = false;

  @wire(getLogContext, { accountId: '$recordId' })
  wiredGetLogContext(value: WireResult<unknown>): void {
    this.wiredContext = value;
    if (value.error) {
      this.loadError = value.error;
    } else if (isLogContextData(value.data)) {
      this.loadError = undefined;
      this.context = value.data;
      this.preselectOnlyCrisisEvent();
      this.updatePreview();
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return this.context === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.context === undefined && this.loadError !== undefined;
  }

  get hasNoApprovedTemplate(): boolean {
    return this.context !== undefined && this.context.templates.length === 0;
  }

  get hasForm(): boolean {
    return this.context !== undefined && this.context.templates.length > 0;
  }

  get hasSaveError(): boolean {
    return this.saveError !== undefined;
  }

  get isSaveDisabled(): boolean {
    return this.isSaving || !this.hasForm;
  }

  get saveLabel(): string {
    return this.isSaving ? 'Logging…' : 'Log notification';
  }

  get accountName(): string {
    return this.context?.account.Name ?? '';
  }

  get auditCycleName(): string {
    return this.context?.auditCycle?.Name ?? 'No current audit cycle';
  }

  get today(): string {
    return this.context?.today ?? '';
  }

  // -------------------------------------------------------------------------------------------------------
  // Choices

  get crisisEventOptions(): Option[] {
    return [
      { label: 'No crisis event', value: NONE },
      ...(this.context?.crisisEvents ?? []).map((event) => ({
        label: `${event.Name ?? event.Id} (${text(event.Status__c)})`,
        value: event.Id
      }))
    ];
  }

  get audienceOptions(): Option[] {
    return AUDIENCE_VALUES.map((value) => ({ label: value, value }));
  }

  get channelOptions(): Option[] {
    return CHANNEL_VALUES.map((value) => ({ label: value, value }));
  }

  get contactOptions(): Option[] {
    return [
      { label: 'No contact', value: NONE },
      ...(this.context?.contacts ?? []).map((contact) => ({
        label: `${contact.Name ?? contact.Id} · ${contact.Email ?? 'no email address'}`,
        value: contact.Id
      }))
    ];
  }

  get opportunityOptions(): Option[] {
    return [
      { label: 'No opportunity', value: NONE },
      ...(this.context?.opportunities ?? []).map((opportunity) => ({
        label: opportunity.Name ?? opportunity.Id,
        value: opportunity.Id
      }))
    ];
  }

  get templateOptions(): Option[] {
    return (this.context?.templates ?? []).map((template) => ({
      label: `${template.Name ?? template.Id} · version ${template.Version__c ?? '?'}${
        template.Purpose__c ? ` (${template.Purpose__c})` : ''
      }`,
      value: template.Id
    }));
  }

  get recipientPlaceholder(): string {
    const email = this.selectedContact?.Email;
    return email ? `${email} (the contact's address)` : 'name@customer.com';
  }

  private get selectedContact(): ContactData | undefined {
    return byId(this.context?.contacts, this.contactId);
  }

  private get selectedTemplate(): TemplateData | undefined {
    return byId(this.context?.templates, this.templateId);
  }

  private get selectedCrisisEvent(): RecordData | undefined {
    return byId(this.context?.crisisEvents, this.crisisEventId);
  }

  private get recipient(): string {
    const typed = this.recipientEmail.trim();
    return typed !== '' ? typed : (this.selectedContact?.Email ?? '');
  }

  // -------------------------------------------------------------------------------------------------------
  // Preview: exactly what will be stored and sent

  /** Rendered again whenever the template, a merged record or the context changes; read by every getter below. */
  private updatePreview(): void {
    const template = this.selectedTemplate;
    const context = this.context;
    if (!template || !context) {
      this.preview = undefined;
      return;
    }
    const merge: MergeContext = {
      Account: mergeRecord(context.account, 'Account'),
      Contact: mergeRecord(this.selectedContact, 'Contact'),
      Opportunity: mergeRecord(byId(context.opportunities, this.opportunityId), 'Opportunity'),
      AuditCycle: mergeRecord(context.auditCycle, 'AuditCycle'),
      CrisisEvent: mergeRecord(this.selectedCrisisEvent, 'CrisisEvent')
    };
    const subject = renderTemplate(template.Subject__c ?? '', merge, RENDER_OPTIONS);
    const body = renderTemplate(template.Body__c ?? '', merge, RENDER_OPTIONS);
    const errors: MergeError[] = [];
    for (const error of [...(subject.ok ? [] : subject.errors), ...(body.ok ? [] : body.errors)]) {
      if (!errors.some((seen) => seen.message === error.message)) errors.push(error);
    }
    this.preview = { subject: subject.ok ? subject.output : '', body: body.ok ? body.output : '', errors };
  }

  get hasPreviewText(): boolean {
    const preview = this.preview;
    return preview !== undefined && preview.errors.length === 0;
  }

  get hasMergeErrors(): boolean {
    return (this.preview?.errors.length ?? 0) > 0;
  }

  get mergeErrors(): Array<{ key: string; message: string }> {
    return (this.preview?.errors ?? []).map((error) => ({
      key: `${error.code}:${error.field}`,
      message: error.message
    }));
  }

  get previewSubject(): string {
    return this.preview?.subject ?? '';
  }

  get previewBody(): string {
    return this.preview?.body ?? '';
  }

  get previewRecipient(): string {
    return this.recipient;
  }

  // -------------------------------------------------------------------------------------------------------
  // Validation: everything that would stop the notification, in the words the form shows

  get problems(): string[] {
    const context = this.context;
    if (!context) return [];
    return [
      ...this.choiceProblems(),
      ...this.previewProblems(),
      ...this.recipientProblems(),
      ...this.commitmentProblems(context.today)
    ];
  }

  get hasVisibleProblems(): boolean {
    return this.showProblems && this.problems.length > 0;
  }

  private choiceProblems(): string[] {
    const problems: string[] = [];
    if (this.crisisEventId !== NONE && !this.selectedCrisisEvent) {
      problems.push('The crisis event you chose is no longer open. Choose an open crisis event or none.');
    }
    if (this.audience === NONE) problems.push('Choose the audience.');
    if (this.channel === NONE) problems.push('Choose the channel.');
    if (this.templateId === NONE) {
      problems.push('Choose an approved template.');
    } else if (!this.selectedTemplate) {
      problems.push('The template you chose is no longer approved. Choose an approved template.');
    }
    return problems;
  }

  private previewProblems(): string[] {
    const preview = this.preview;
    if (!preview) return [];
    if (preview.errors.length > 0) {
      return [
        'The preview has merge fields without a value (listed under the preview). Fix them before logging.'
      ];
    }
    const problems: string[] = [];
    if (preview.subject.trim() === '' || preview.body.trim() === '') {
      problems.push('The template has no subject or no text. Ask a compliance lead to complete it.');
    }
    if (preview.subject.length > SUBJECT_MAX_LENGTH) {
      problems.push('The merged subject is longer than 255 characters. Ask for a shorter template subject.');
    }
    if (preview.body.length > TEXT_MAX_LENGTH)
      problems.push('The merged text is longer than 32,768 characters.');
    return problems;
  }

  private recipientProblems(): string[] {
    const typed = this.recipientEmail.trim();
    if (typed !== '' && !EMAIL_PATTERN.test(typed)) return ['Enter a valid recipient email address.'];
    if (this.channel === EMAIL && this.recipient === '') {
      return [
        'An email needs a recipient: choose a contact with an email address or enter the recipient email.'
      ];
    }
    return [];
  }

  private commitmentProblems(today: string): string[] {
    const problems: string[] = [];
    const commitment = this.commitment.trim();
    if (commitment.length > COMMITMENT_MAX_LENGTH)
      problems.push('The commitment can hold at most 255 characters.');
    if (commitment === '' && (this.commitmentDue !== '' || this.relatedControlId !== NONE)) {
      problems.push('Describe the commitment before giving its due date or the control behind it.');
    }
    if (this.commitmentDue !== '' && this.commitmentDue < today) {
      problems.push('The commitment due date cannot be in the past.');
    }
    if (this.followUpDue !== '' && this.followUpDue < today) {
      problems.push('The follow-up date cannot be in the past.');
    }
    return problems;
  }

  // -------------------------------------------------------------------------------------------------------
  // Input

  handleCrisisEventChange(event: CustomEvent<{ value: string }>): void {
    this.crisisEventChosen = true;
    this.crisisEventId = event.detail.value;
    this.updatePreview();
  }

  handleAudienceChange(event: CustomEvent<{ value: string }>): void {
    this.audience = event.detail.value;
  }

  handleContactChange(event: CustomEvent<{ value: string }>): void {
    this.contactId = event.detail.value;
    this.updatePreview();
  }

  handleChannelChange(event: CustomEvent<{ value: string }>): void {
    this.channel = event.detail.value;
  }

  handleRecipientChange(event: CustomEvent<{ value: string }>): void {
    this.recipientEmail = event.detail.value ?? '';
  }

  handleOpportunityChange(event: CustomEvent<{ value: string }>): void {
    this.opportunityId = event.detail.value;
    this.updatePreview();
  }

  handleTemplateChange(event: CustomEvent<{ value: string }>): void {
    this.templateId = event.detail.value;
    this.updatePreview();
  }

  handleCommitmentChange(event: CustomEvent<{ value: string }>): void {
    this.commitment = event.detail.value ?? '';
  }

  handleCommitmentDueChange(event: CustomEvent<{ value: string | null }>): void {
    this.commitmentDue = event.detail.value ?? '';
  }

  handleRelatedControlChange(event: CustomEvent<{ recordId: string | null }>): void {
    this.relatedControlId = event.detail.recordId ?? NONE;
  }

  handleFollowUpDueChange(event: CustomEvent<{ value: string | null }>): void {
    this.followUpDue = event.detail.value ?? '';
  }

  // -------------------------------------------------------------------------------------------------------
  // Save and close

  async handleSave(): Promise<void> {
    const context = this.context;
    const template = this.selectedTemplate;
    const preview = this.preview;
    this.showProblems = true;
    if (!context || !template || !preview || this.problems.length > 0 || !this.recordId) return;
    this.isSaving = true;
    this.saveError = undefined;
    let communicationId: string;
    try {
      communicationId = (await logNotification({
        request: {
          accountId: this.recordId,
          crisisEventId: this.crisisEventId || null,
          contactId: this.contactId || null,
          opportunityId: this.opportunityId || null,
          templateId: template.Id,
          templateVersion: template.Version__c ?? null,
          audience: this.audience,
          channel: this.channel,
          recipientEmail: this.recipientEmail.trim() || null,
          subject: preview.subject,
          messageText: preview.body,
          commitment: this.commitment.trim() || null,
          commitmentDue: this.commitmentDue || null,
          relatedControlId: this.relatedControlId || null,
          followUpDue: this.followUpDue || null
        }
      })) as string;
    } catch (error) {
      // Nothing was saved and nothing typed is lost. The templates and events are read again, so a template that
      // changed since the preview shows its new wording, and a crisis event closed meanwhile drops out.
      this.saveError = error;
      this.isSaving = false;
      await this.refreshContext();
      return;
    }
    this.isSaving = false;
    this.dispatchEvent(
      new ShowToastEvent({
        title: 'Customer notification logged',
        message: `"${preview.subject}" is recorded as sent to ${context.account.Name ?? 'the account'}.`,
        variant: 'success'
      })
    );
    // The timeline reads through cacheable Apex, which only it can refresh: tell it on the message channel.
    // The page's standard components (the related list of communications) follow the refresh event.
    publish(this.messageContext, COMMUNICATION_LOGGED, { accountId: this.recordId, communicationId });
    this.dispatchEvent(new RefreshEvent());
    this.close('logged', communicationId);
  }

  handleCancel(): void {
    this.close('cancel');
  }

  private close(outcome: 'logged' | 'cancel', communicationId?: string): void {
    if (this.embedded) {
      this.dispatchEvent(new CustomEvent(outcome, { detail: { communicationId } }));
    } else {
      this.dispatchEvent(new CloseActionScreenEvent());
    }
  }

  /** The one open crisis event is the one being communicated: choose it until the user chooses otherwise. */
  private preselectOnlyCrisisEvent(): void {
    const events = this.context?.crisisEvents ?? [];
    if (!this.crisisEventChosen && this.crisisEventId === NONE && events.length === 1 && events[0]) {
      this.crisisEventId = events[0].Id;
    }
  }

  private async refreshContext(): Promise<void> {
    try {
      await refreshApex(this.wiredContext);
    } catch (error) {
      this.loadError = error;
    }
  }
}
