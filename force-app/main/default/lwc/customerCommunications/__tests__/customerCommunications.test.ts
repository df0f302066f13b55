import { createElement } from 'lwc';
import CustomerCommunications from 'c/customerCommunications';
import getTimeline from '@salesforce/apex/CustomerCommunicationController.getTimeline';
import acknowledge from '@salesforce/apex/CustomerCommunicationController.acknowledge';
import { refreshApex } from '@salesforce/apex';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/messageService';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import timelineData from './data/getTimeline.json';

jest.mock(
  '@salesforce/apex/CustomerCommunicationController.getTimeline',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

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

jest.mock('@salesforce/apex/CustomerCommunicationController.acknowledge', () => ({ default: jest.fn() }), {
  virtual: true
});

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

interface InputElement extends HTMLElement {
  value: string;
  checked: boolean;
}

const timelineAdapter = getTimeline as unknown as TestWireAdapter;
const acknowledgeMock = acknowledge as unknown as jest.Mock<Promise<unknown>, [unknown]>;
const refreshApexMock = refreshApex as unknown as jest.Mock<Promise<void>, [unknown]>;
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock<Promise<void>, [unknown]>;
const subscribeMock = subscribe as unknown as jest.Mock<
  unknown,
  [unknown, unknown, (message: unknown) => void]
>;
const unsubscribeMock = unsubscribe as unknown as jest.Mock<void, [unknown]>;

const ACCOUNT_ID = '001000000000001AAA';
const SENT_ID = 'a0C000000000002AAA';
/** Only the Date is fixed (2026-11-22 12:00 UTC, the fixture's today): timers and promises run as usual. */
const NOW = new Date('2026-11-22T12:00:00.000Z');

function mount(): HTMLElement {
  const element = createElement('c-customer-communications', { is: CustomerCommunications });
  Object.assign(element, { recordId: ACCOUNT_ID });
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

/** An element of the empty state shown when the filters match nothing (c-no-match, a child with its own shadow root). */
function inNoMatch(element: HTMLElement, selector: string): HTMLElement | null {
  const host = (element.shadowRoot as ShadowRoot).querySelector('c-no-match');
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
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

async function emitTimeline(data: unknown = timelineData): Promise<void> {
  timelineAdapter.emit(data);
  await flush();
}

function entryIds(element: HTMLElement): string[] {
  return all(element, 'li.timeline-item').map((item) => item.dataset.id ?? '');
}

function entry(element: HTMLElement, id: string): HTMLElement {
  const found = all(element, 'li.timeline-item').find((item) => item.dataset.id === id);
  if (!found) throw new Error(`No entry ${id}`);
  return found;
}

function change(target: HTMLElement, detail: object): void {
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

async function openAcknowledgeForm(element: HTMLElement): Promise<HTMLElement> {
  const button = entry(element, SENT_ID).querySelector<HTMLElement>('.acknowledge-action');
  button?.click();
  await flush();
  return one<HTMLElement>(element, '.acknowledge-form');
}

async function fillAcknowledgeForm(element: HTMLElement, by: string, at: string): Promise<void> {
  change(one(element, 'lightning-input.acknowledged-by'), { value: by });
  change(one(element, 'lightning-input.acknowledged-at'), { value: at });
  await flush();
}

describe('c-customer-communications', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback'
      ]
    });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.clearAllMocks();
  });

  describe('loading, error and empty states', () => {
    it('shows a spinner until the timeline arrives', async () => {
      const element = mount();
      await flush();

      expect(none(element, 'lightning-spinner')).toBe(false);
      expect(none(element, 'ol.timeline')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the timeline cannot be loaded', async () => {
      const element = mount();
      timelineAdapter.error({ message: 'Customer notifications could not be read with your access' });
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel.load-error');
      expect(panel.friendlyMessage).toBe("We couldn't load this account's customer notifications.");
      expect(none(element, 'lightning-spinner')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('says nothing was logged yet and offers the log action', async () => {
      const element = mount();
      await emitTimeline({ ...timelineData, communications: [] });

      expect(one(element, '.empty-state').textContent).toContain('No customer notifications logged yet');
      expect(none(element, 'lightning-button.empty-log-action')).toBe(false);
      expect(none(element, 'ol.timeline')).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('offers no log action to a user who cannot log', async () => {
      const element = mount();
      await emitTimeline({ ...timelineData, canLog: false, communications: [] });

      expect(none(element, 'lightning-button.empty-log-action')).toBe(true);
      expect(none(element, 'lightning-button.log-action')).toBe(true);
    });
  });

  describe('timeline', () => {
    it('lists the notifications newest first with what was sent, to whom and what happened since', async () => {
      const element = mount();
      await emitTimeline();

      expect(entryIds(element)).toEqual(timelineData.communications.map((record) => record.Id));
      expect(one(element, '.status-line').textContent).toBe('5 notifications');

      const acknowledged = entry(element, 'a0C000000000001AAA');
      expect(acknowledged.querySelector('.entry-status')?.textContent).toBe('Acknowledged');
      expect(acknowledged.querySelector('.entry-sent')?.textContent).toContain('Nov 10, 2026');
      expect(acknowledged.querySelector('.entry-sent')?.textContent).toContain('by Priya Raman');
      expect(acknowledged.querySelector('.entry-audience')?.textContent).toContain(
        'Security Team · Email · Oliver Grant · oliver.grant@hallbergrowe.example.com'
      );
      expect(acknowledged.querySelector('.entry-template')?.textContent).toBe(
        'Customer notice - qualified SOC 2 opinion · version 2'
      );
      expect(acknowledged.querySelector('.entry-crisis')?.textContent).toBe('FY2026 SOC 2 qualified opinion');
      expect(acknowledged.querySelector('.acknowledgement')?.textContent).toMatch(
        /^Acknowledged by Oliver Grant, Head of Information Security on Nov 10, 2026/
      );
      expect(acknowledged.querySelector('.entry-commitment')?.textContent).toContain(
        'Share 90 days of clean operating evidence for API activity logging'
      );
      expect(acknowledged.querySelector('.entry-commitment')?.textContent).toContain(
        'Due Dec 18, 2026 · Control LOG-01 API integration logging'
      );
      expect(acknowledged.querySelector('.follow-up')?.textContent).toBe('Follow-up due Dec 18, 2026');

      const draft = entry(element, 'a0C000000000031AAA');
      expect(draft.querySelector('.entry-sent')?.textContent?.trim()).toBe('Not sent yet');
      expect(draft.querySelector('.acknowledgement')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('marks overdue and required follow-ups with their reason', async () => {
      const element = mount();
      await emitTimeline();

      expect(entry(element, 'a0C000000000027AAA').querySelector('.follow-up')?.textContent).toBe(
        'Follow-up overdue since Nov 20, 2026'
      );
      const required = entry(element, SENT_ID);
      expect(required.querySelector('.follow-up')?.textContent).toBe('Follow-up due Nov 24, 2026 · required');
      expect(required.querySelector('.follow-up-reason')?.textContent).toContain(
        'Confirm whether Hallberg & Rowe will notify its supervisory authority'
      );
      expect(required.querySelector('.acknowledgement')?.textContent).toBe('Awaiting acknowledgement');
    });

    it('offers Acknowledge on sent notifications only, and only to users who may record it', async () => {
      const element = mount();
      await emitTimeline();

      const withAction = all(element, 'li.timeline-item')
        .filter((item) => item.querySelector('.acknowledge-action') !== null)
        .map((item) => item.dataset.id);
      expect(withAction).toEqual(['a0C000000000027AAA', SENT_ID]);

      await emitTimeline({ ...timelineData, canAcknowledge: false });
      expect(none(element, '.acknowledge-action')).toBe(true);
    });

    it('says when older notifications are left out', async () => {
      const element = mount();
      await emitTimeline({ ...timelineData, truncated: true });

      expect(one(element, '.truncated-notice').textContent).toContain('newest 500');
    });
  });

  describe('filters', () => {
    it('filters by status', async () => {
      const element = mount();
      await emitTimeline();

      change(one(element, 'lightning-combobox.status-filter'), { value: 'Sent' });
      await flush();

      expect(entryIds(element)).toEqual(['a0C000000000027AAA', SENT_ID]);
      expect(one(element, '.status-line').textContent).toBe('2 of 5 notifications match the filters');
    });

    it('filters by channel', async () => {
      const element = mount();
      await emitTimeline();

      change(one(element, 'lightning-combobox.channel-filter'), { value: 'Phone' });
      await flush();

      expect(entryIds(element)).toEqual(['a0C000000000024AAA']);
    });

    it('filters by crisis event, offering the events in the timeline and "no crisis event"', async () => {
      const element = mount();
      await emitTimeline();
      const combobox = one<HTMLElement & { options: Array<{ label: string; value: string }> }>(
        element,
        'lightning-combobox.crisis-filter'
      );

      expect(combobox.options.map((option) => option.label)).toEqual([
        'All crisis events',
        'FY2026 SOC 2 qualified opinion',
        'Order-sync outage, 18 July 2026',
        'No crisis event'
      ]);

      change(combobox, { value: 'a0A000000000002AAA' });
      await flush();
      expect(entryIds(element)).toEqual(['a0C000000000024AAA']);

      change(combobox, { value: 'none' });
      await flush();
      expect(entryIds(element)).toEqual(['a0C000000000027AAA']);
    });

    it('shows only sent notifications whose follow-up is due within a week or required', async () => {
      const element = mount();
      await emitTimeline();

      change(one(element, 'lightning-input.follow-up-filter'), { checked: true });
      await flush();

      expect(entryIds(element)).toEqual(['a0C000000000027AAA', SENT_ID]);
      await expect(element).toBeAccessible();
    });

    it('says when nothing matches and clears the filters', async () => {
      const element = mount();
      await emitTimeline();

      change(one(element, 'lightning-combobox.status-filter'), { value: 'Draft' });
      change(one(element, 'lightning-combobox.channel-filter'), { value: 'Letter' });
      await flush();
      expect(entryIds(element)).toEqual([]);
      expect(inNoMatch(element, '.message')?.textContent).toBe('No notifications match these filters.');

      (inNoMatch(element, '.clear-filters') as HTMLElement).click();
      await flush();
      expect(entryIds(element)).toHaveLength(5);
      expect(one<InputElement>(element, 'lightning-combobox.status-filter').value).toBe('');
    });
  });

  describe('acknowledge', () => {
    it('opens a form defaulting to now and records the acknowledgement', async () => {
      acknowledgeMock.mockResolvedValue(null);
      const element = mount();
      await emitTimeline();
      const toasts: Array<{ title: string; variant: string }> = [];
      element.addEventListener('lightning__showtoast', (event) => {
        toasts.push((event as CustomEvent<{ title: string; variant: string }>).detail);
      });

      const form = await openAcknowledgeForm(element);
      expect(form.getAttribute('aria-label')).toBe('Acknowledge CC-00002');
      expect(one<InputElement>(element, 'lightning-input.acknowledged-at').value).toBe(NOW.toISOString());
      await expect(element).toBeAccessible();

      await fillAcknowledgeForm(element, '  Eleanor Whitcombe, DPO ', '2026-11-12T09:30:00.000Z');
      one(element, 'lightning-button.save-acknowledge').click();
      await flush();

      expect(acknowledgeMock).toHaveBeenCalledWith({
        request: {
          communicationId: SENT_ID,
          acknowledgedBy: 'Eleanor Whitcombe, DPO',
          acknowledgedAt: '2026-11-12T09:30:00.000Z',
          lastModifiedDate: '2026-11-10T11:40:00.000Z'
        }
      });
      expect(toasts).toEqual([
        expect.objectContaining({ title: 'Acknowledgement recorded', variant: 'success' })
      ]);
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(notifyMock).toHaveBeenCalledWith([{ recordId: SENT_ID }]);
      expect(none(element, '.acknowledge-form')).toBe(true);
      expect(none(element, 'c-error-panel.acknowledge-error')).toBe(true);
    });

    it('requires who acknowledged and refuses a time in the future or before sending', async () => {
      const element = mount();
      await emitTimeline();
      await openAcknowledgeForm(element);

      await fillAcknowledgeForm(element, '   ', '2026-11-22T13:30:00.000Z');
      one(element, 'lightning-button.save-acknowledge').click();
      await flush();
      expect(all(element, '.acknowledge-problems li').map((item) => item.textContent)).toEqual([
        'Enter who acknowledged the communication.',
        'Acknowledged at cannot be in the future.'
      ]);

      await fillAcknowledgeForm(element, 'Eleanor Whitcombe', '2026-11-09T09:00:00.000Z');
      one(element, 'lightning-button.save-acknowledge').click();
      await flush();
      const problems = all(element, '.acknowledge-problems li').map((item) => item.textContent ?? '');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(
        /^Acknowledged at cannot be before the communication was sent \(Nov 10, 2026/
      );

      await fillAcknowledgeForm(element, 'Eleanor Whitcombe', '');
      one(element, 'lightning-button.save-acknowledge').click();
      await flush();
      expect(all(element, '.acknowledge-problems li').map((item) => item.textContent)).toEqual([
        'Enter when the customer acknowledged it.'
      ]);

      expect(acknowledgeMock).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('refreshes and explains when the record changed meanwhile, keeping what was typed', async () => {
      acknowledgeMock.mockRejectedValue({
        body: {
          message:
            'This communication was changed by someone else after you opened it. The timeline now shows the latest version: check it and acknowledge again if it still needs it.'
        }
      });
      const element = mount();
      await emitTimeline();
      await openAcknowledgeForm(element);
      await fillAcknowledgeForm(element, 'Eleanor Whitcombe, DPO', '2026-11-12T09:30:00.000Z');

      one(element, 'lightning-button.save-acknowledge').click();
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(
        element,
        'c-error-panel.acknowledge-error'
      );
      expect(panel.friendlyMessage).toContain("We couldn't record the acknowledgement");
      expect(panel.errors).toEqual({
        body: { message: expect.stringContaining('changed by someone else') as string }
      });
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(notifyMock).not.toHaveBeenCalled();
      expect(one<InputElement>(element, 'lightning-input.acknowledged-by').value).toBe(
        'Eleanor Whitcombe, DPO'
      );
      expect(one<InputElement>(element, 'lightning-input.acknowledged-at').value).toBe(
        '2026-11-12T09:30:00.000Z'
      );
      await expect(element).toBeAccessible();
    });

    it('closes the form on cancel without saving', async () => {
      const element = mount();
      await emitTimeline();
      await openAcknowledgeForm(element);

      one(element, 'lightning-button.cancel-acknowledge').click();
      await flush();

      expect(none(element, '.acknowledge-form')).toBe(true);
      expect(acknowledgeMock).not.toHaveBeenCalled();
    });
  });

  describe('logging a notification', () => {
    it('opens the log form in a modal and refreshes when a notification is logged', async () => {
      const element = mount();
      await emitTimeline();

      one(element, 'lightning-button.log-action').click();
      await flush();
      const form = one<HTMLElement & { recordId: string; embedded: boolean }>(
        element,
        'c-log-customer-notification'
      );
      expect(form.recordId).toBe(ACCOUNT_ID);
      expect(form.embedded).toBe(true);
      expect(one(element, 'section.log-modal').getAttribute('role')).toBe('dialog');

      form.dispatchEvent(new CustomEvent('logged', { detail: { communicationId: 'a0C000000000040AAA' } }));
      await flush();

      expect(none(element, 'section.log-modal')).toBe(true);
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
    });

    it('closes the modal on cancel and on Escape', async () => {
      const element = mount();
      await emitTimeline({ ...timelineData, communications: [] });

      one(element, 'lightning-button.empty-log-action').click();
      await flush();
      one(element, 'c-log-customer-notification').dispatchEvent(new CustomEvent('cancel'));
      await flush();
      expect(none(element, 'section.log-modal')).toBe(true);

      one(element, 'lightning-button.empty-log-action').click();
      await flush();
      one(element, 'section.log-modal').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
      await flush();
      expect(none(element, 'section.log-modal')).toBe(true);
      expect(refreshApexMock).not.toHaveBeenCalled();
    });

    it('refreshes when the quick action logs a notification for this account only', async () => {
      mount();
      await emitTimeline();
      const listener = subscribeMock.mock.calls[0]?.[2];
      expect(listener).toBeDefined();

      listener?.({ accountId: '001000000000999AAA' });
      await flush();
      expect(refreshApexMock).not.toHaveBeenCalled();

      listener?.({ accountId: ACCOUNT_ID, communicationId: 'a0C000000000040AAA' });
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
    });

    it('stops listening when removed from the page', async () => {
      subscribeMock.mockReturnValueOnce({ channel: 'Customer_Communication_Logged__c' });
      const element = mount();
      await emitTimeline();

      document.body.removeChild(element);

      expect(unsubscribeMock).toHaveBeenCalledTimes(1);
    });
  });
});
