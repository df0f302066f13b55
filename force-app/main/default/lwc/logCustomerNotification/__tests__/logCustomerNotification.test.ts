import { createElement } from 'lwc';
import LogCustomerNotification from 'c/logCustomerNotification';
import getLogContext from '@salesforce/apex/CustomerCommunicationController.getLogContext';
import logNotification from '@salesforce/apex/CustomerCommunicationController.logNotification';
import { refreshApex } from '@salesforce/apex';
import { publish } from 'lightning/messageService';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { CloseActionScreenEventName } from '../../../../../../config/jest/mocks/lightning/actions';
import contextData from './data/getLogContext.json';

jest.mock(
  '@salesforce/apex/CustomerCommunicationController.getLogContext',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/CustomerCommunicationController.logNotification',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}

interface FieldElement extends HTMLElement {
  value: string;
  options: Array<{ label: string; value: string }>;
}

interface SavedRequest {
  request: Record<string, unknown>;
}

const contextAdapter = getLogContext as unknown as TestWireAdapter;
const logNotificationMock = logNotification as unknown as jest.Mock<Promise<unknown>, [SavedRequest]>;
const refreshApexMock = refreshApex as unknown as jest.Mock<Promise<void>, [unknown]>;
const publishMock = publish as unknown as jest.Mock<void, [unknown, unknown, unknown]>;

const ACCOUNT_ID = '001000000000001AAA';
const OLIVER = '003000000000001AAA';
const NO_FIRST_NAME = '003000000000004AAA';
const NO_EMAIL = '003000000000005AAA';
const NOTICE = 'a0B000000000001AAA';
const PROCUREMENT = 'a0B000000000002AAA';
const CRISIS = 'a0A000000000001AAA';
const CONTROL = 'a0D000000000001AAA';
const NEW_COMMUNICATION = 'a0C000000000040AAA';

const NOTICE_SUBJECT = 'Corvane SOC 2 Type II report for Hallberg & Rowe Group plc';
const NOTICE_BODY =
  'Dear Oliver,\n\nOur SOC 2 Type II report carries a qualified opinion. We are writing about FY2026 SOC 2 ' +
  'qualified opinion.\n\nWe expect the re-audit to be complete by March 15, 2027.\n\nKind regards,\nCorvane Trust Team';

function mount(props: { embedded?: boolean } = {}): HTMLElement {
  const element = createElement('c-log-customer-notification', { is: LogCustomerNotification });
  Object.assign(element, { recordId: ACCOUNT_ID, ...props });
  document.body.appendChild(element);
  return element;
}

function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

function all<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
  return [...shadow(element).querySelectorAll<T>(selector)];
}

function one<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

function none(element: HTMLElement, selector: string): boolean {
  return shadow(element).querySelector(selector) === null;
}

/** Lets wire emissions, promises and re-renders settle. */
function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 6; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function emitContext(data: unknown = contextData): Promise<void> {
  contextAdapter.emit(data);
  await flush();
}

async function choose(element: HTMLElement, selector: string, detail: object): Promise<void> {
  one(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
  await flush();
}

/** A complete email notice to Oliver Grant from the approved customer notice, version 2. */
async function fillNotice(element: HTMLElement): Promise<void> {
  await choose(element, 'lightning-combobox.template', { value: NOTICE });
  await choose(element, 'lightning-combobox.audience', { value: 'Security Team' });
  await choose(element, 'lightning-combobox.channel', { value: 'Email' });
  await choose(element, 'lightning-combobox.contact', { value: OLIVER });
}

async function save(element: HTMLElement): Promise<void> {
  one(element, 'lightning-button.save').click();
  await flush();
}

function problems(element: HTMLElement): string[] {
  return all(element, '.form-problem').map((item) => item.textContent ?? '');
}

function events(element: HTMLElement, type: string): CustomEvent[] {
  const seen: CustomEvent[] = [];
  element.addEventListener(type, (event) => seen.push(event as CustomEvent));
  return seen;
}

describe('c-log-customer-notification', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  describe('loading, error and no approved template', () => {
    it('shows a spinner until the templates and contacts arrive', async () => {
      const element = mount();
      await flush();

      expect(none(element, 'lightning-spinner')).toBe(false);
      expect(none(element, 'lightning-button.save')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when they cannot be loaded', async () => {
      const element = mount();
      contextAdapter.error({ message: 'Customer notifications could not be read with your access' });
      await flush();

      expect(none(element, 'c-error-panel.load-error')).toBe(false);
      expect(none(element, 'lightning-button.save')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('explains that a compliance lead must approve a template when none is approved', async () => {
      const element = mount();
      const closed = events(element, CloseActionScreenEventName);
      await emitContext({ ...contextData, templates: [] });

      const message = one(element, '.no-template').textContent ?? '';
      expect(message).toContain('No approved message template');
      expect(message).toContain('A compliance lead must approve a template');
      expect(none(element, 'lightning-combobox.template')).toBe(true);
      expect(none(element, 'lightning-button.save')).toBe(true);
      await expect(element).toBeAccessible();

      one(element, 'lightning-button.cancel').click();
      expect(closed).toHaveLength(1);
    });
  });

  describe('form and preview', () => {
    it("offers the approved templates, the account's contacts and deals, and preselects the only open event", async () => {
      const element = mount();
      await emitContext();

      expect(one<FieldElement>(element, 'lightning-combobox.template').options.map((o) => o.label)).toEqual([
        'Customer notice - qualified SOC 2 opinion · version 2 (Customer Notice)',
        'Procurement response - SOC 2 status · version 1 (Procurement Response)'
      ]);
      expect(one<FieldElement>(element, 'lightning-combobox.contact').options.map((o) => o.label)).toEqual([
        'No contact',
        'Oliver Grant · oliver.grant@hallbergrowe.example.com',
        'Whitcombe · dpo@hallbergrowe.example.com',
        'Tom Baird · no email address'
      ]);
      expect(
        one<FieldElement>(element, 'lightning-combobox.opportunity').options.map((o) => o.value)
      ).toEqual(['', '006000000000001AAA']);
      expect(one<FieldElement>(element, 'lightning-combobox.crisis-event').value).toBe(CRISIS);
      expect(one(element, '.audit-cycle').textContent).toBe('SOC 2 Type II FY2026');
      expect(one(element, '.preview-empty').textContent).toContain('Choose a template');
      await expect(element).toBeAccessible();
    });

    it('previews the exact merged subject and text', async () => {
      const element = mount();
      await emitContext();

      await fillNotice(element);

      expect(one(element, '.preview-subject').textContent).toBe(NOTICE_SUBJECT);
      expect(one(element, '.preview-body').textContent).toBe(NOTICE_BODY);
      expect(one(element, '.preview-recipient').textContent).toBe('oliver.grant@hallbergrowe.example.com');
      expect(none(element, '.merge-errors')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('names the merge field that has no value and blocks saving', async () => {
      const element = mount();
      await emitContext();
      await fillNotice(element);

      await choose(element, 'lightning-combobox.contact', { value: NO_FIRST_NAME });

      const mergeErrors = all(element, '.merge-error').map((item) => item.textContent ?? '');
      expect(mergeErrors).toHaveLength(1);
      expect(mergeErrors[0]).toContain('{{Contact.FirstName}} is empty for this Contact');
      expect(none(element, '.preview-body')).toBe(true);

      await save(element);
      expect(logNotificationMock).not.toHaveBeenCalled();
      expect(problems(element)).toEqual([
        'The preview has merge fields without a value (listed under the preview). Fix them before logging.'
      ]);
      await expect(element).toBeAccessible();
    });

    it('names the record that is missing when the template needs it', async () => {
      const element = mount();
      await emitContext();

      await choose(element, 'lightning-combobox.template', { value: PROCUREMENT });

      const mergeErrors = all(element, '.merge-error').map((item) => item.textContent ?? '');
      expect(mergeErrors).toEqual([
        '{{Opportunity.Name}} has no value: no Opportunity was given for this message. Choose one, or write {{Opportunity.Name|fallback text}}.'
      ]);

      await choose(element, 'lightning-combobox.opportunity', { value: '006000000000001AAA' });
      expect(one(element, '.preview-subject').textContent).toBe(
        'Hallberg & Rowe - Platform Renewal FY27: Corvane SOC 2 Type II status'
      );
      expect(one(element, '.preview-body').textContent).toContain('Hello colleague,');
    });

    it('says everything that is missing only once saving is attempted', async () => {
      const element = mount();
      await emitContext();
      expect(none(element, '.form-problems')).toBe(true);

      await save(element);

      expect(problems(element)).toEqual([
        'Choose the audience.',
        'Choose the channel.',
        'Choose an approved template.'
      ]);
      expect(logNotificationMock).not.toHaveBeenCalled();
    });
  });

  describe('validation', () => {
    it('requires a recipient address for an email', async () => {
      const element = mount();
      await emitContext();
      await fillNotice(element);
      await choose(element, 'lightning-combobox.contact', { value: NO_EMAIL });

      await save(element);

      expect(problems(element)).toEqual([
        'An email needs a recipient: choose a contact with an email address or enter the recipient email.'
      ]);
      expect(logNotificationMock).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();

      await choose(element, 'lightning-input.recipient-email', { value: 'tom@hallbergrowe' });
      expect(problems(element)).toEqual(['Enter a valid recipient email address.']);

      logNotificationMock.mockResolvedValue(NEW_COMMUNICATION);
      await choose(element, 'lightning-input.recipient-email', {
        value: ' tom.baird@hallbergrowe.example.com '
      });
      await save(element);
      expect(logNotificationMock.mock.calls[0]?.[0].request).toMatchObject({
        contactId: NO_EMAIL,
        recipientEmail: 'tom.baird@hallbergrowe.example.com'
      });
    });

    it('needs the commitment before its due date or control, and no dates in the past', async () => {
      const element = mount();
      await emitContext();
      await fillNotice(element);

      await choose(element, 'lightning-input.commitment-due', { value: '2026-11-01' });
      await choose(element, 'lightning-record-picker.related-control', { recordId: CONTROL });
      await choose(element, 'lightning-input.follow-up-due', { value: '2026-11-21' });
      await save(element);

      expect(problems(element)).toEqual([
        'Describe the commitment before giving its due date or the control behind it.',
        'The commitment due date cannot be in the past.',
        'The follow-up date cannot be in the past.'
      ]);
      expect(logNotificationMock).not.toHaveBeenCalled();
    });
  });

  describe('saving', () => {
    it('logs exactly the previewed text with the template version, then toasts, tells the page and closes', async () => {
      logNotificationMock.mockResolvedValue(NEW_COMMUNICATION);
      const element = mount();
      const closed = events(element, CloseActionScreenEventName);
      const toasts = events(element, 'lightning__showtoast');
      const refreshes = events(element, 'lightning__refresh');
      await emitContext();
      await fillNotice(element);
      await choose(element, 'lightning-combobox.opportunity', { value: '006000000000001AAA' });
      await choose(element, 'lightning-input.commitment', { value: '  Share 90 days of clean evidence ' });
      await choose(element, 'lightning-input.commitment-due', { value: '2026-12-18' });
      await choose(element, 'lightning-record-picker.related-control', { recordId: CONTROL });
      await choose(element, 'lightning-input.follow-up-due', { value: '2026-12-19' });

      await save(element);

      expect(logNotificationMock).toHaveBeenCalledWith({
        request: {
          accountId: ACCOUNT_ID,
          crisisEventId: CRISIS,
          contactId: OLIVER,
          opportunityId: '006000000000001AAA',
          templateId: NOTICE,
          templateVersion: 2,
          audience: 'Security Team',
          channel: 'Email',
          recipientEmail: null,
          subject: NOTICE_SUBJECT,
          messageText: NOTICE_BODY,
          commitment: 'Share 90 days of clean evidence',
          commitmentDue: '2026-12-18',
          relatedControlId: CONTROL,
          followUpDue: '2026-12-19'
        }
      });
      expect(toasts.map((event) => (event.detail as { variant: string }).variant)).toEqual(['success']);
      expect(publishMock).toHaveBeenCalledWith(undefined, expect.anything(), {
        accountId: ACCOUNT_ID,
        communicationId: NEW_COMMUNICATION
      });
      expect(refreshes).toHaveLength(1);
      expect(closed).toHaveLength(1);
    });

    it('reports logged instead of closing the quick action when embedded', async () => {
      logNotificationMock.mockResolvedValue(NEW_COMMUNICATION);
      const element = mount({ embedded: true });
      const closed = events(element, CloseActionScreenEventName);
      const logged = events(element, 'logged');
      await emitContext();
      await fillNotice(element);

      await save(element);

      expect(logged.map((event) => event.detail as unknown)).toEqual([
        { communicationId: NEW_COMMUNICATION }
      ]);
      expect(closed).toHaveLength(0);
    });

    it('keeps every entry and shows why when a closed crisis event is refused', async () => {
      logNotificationMock.mockRejectedValue({
        body: {
          message:
            'The crisis event "FY2026 SOC 2 qualified opinion" is Closed: notifications can only be logged for an open crisis event. Choose an open event or none.'
        }
      });
      const element = mount();
      const closed = events(element, CloseActionScreenEventName);
      const toasts = events(element, 'lightning__showtoast');
      await emitContext();
      await fillNotice(element);

      await save(element);

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(
        element,
        'c-error-panel.save-error'
      );
      expect(panel.friendlyMessage).toContain('Your entries are kept');
      expect(JSON.stringify(panel.errors)).toContain('is Closed');
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(closed).toHaveLength(0);
      expect(toasts).toHaveLength(0);
      expect(one<FieldElement>(element, 'lightning-combobox.template').value).toBe(NOTICE);
      expect(one<FieldElement>(element, 'lightning-combobox.contact').value).toBe(OLIVER);
      expect(one<FieldElement>(element, 'lightning-combobox.audience').value).toBe('Security Team');
      expect(one<FieldElement>(element, 'lightning-combobox.crisis-event').value).toBe(CRISIS);
      await expect(element).toBeAccessible();

      await emitContext({ ...contextData, crisisEvents: [] });
      await save(element);
      expect(problems(element)).toContain(
        'The crisis event you chose is no longer open. Choose an open crisis event or none.'
      );
      expect(logNotificationMock).toHaveBeenCalledTimes(1);
    });

    it('shows the new wording after the template changed since the preview, and sends that version', async () => {
      logNotificationMock.mockRejectedValueOnce({
        body: {
          message:
            'The template "Customer notice - qualified SOC 2 opinion" changed since preview (you previewed version 2; it is now version 3). Review the new version and log again.'
        }
      });
      const element = mount();
      await emitContext();
      await fillNotice(element);
      await save(element);
      expect(refreshApexMock).toHaveBeenCalledTimes(1);

      const [notice, procurement] = contextData.templates;
      await emitContext({
        ...contextData,
        templates: [
          { ...notice, Version__c: 3, Body__c: 'Dear {{Contact.FirstName}},\n\nUpdated wording.' },
          procurement
        ]
      });
      expect(one(element, '.preview-body').textContent).toBe('Dear Oliver,\n\nUpdated wording.');

      logNotificationMock.mockResolvedValueOnce(NEW_COMMUNICATION);
      await save(element);
      expect(logNotificationMock.mock.calls[1]?.[0].request).toMatchObject({
        templateVersion: 3,
        messageText: 'Dear Oliver,\n\nUpdated wording.'
      });
    });

    it('closes without saving on cancel', async () => {
      const element = mount();
      const closed = events(element, CloseActionScreenEventName);
      await emitContext();

      one(element, 'lightning-button.cancel').click();

      expect(closed).toHaveLength(1);
      expect(logNotificationMock).not.toHaveBeenCalled();
    });

    it('reports cancel when embedded', async () => {
      const element = mount({ embedded: true });
      const cancelled = events(element, 'cancel');
      await emitContext();

      one(element, 'lightning-button.cancel').click();

      expect(cancelled).toHaveLength(1);
    });
  });
});
