import { createElement } from 'lwc';
import CrisisEventCoverage, {
  LOG_NOTIFICATION_ACTION,
  PAGE_SIZE,
  TICK_MS,
  type CoverageData,
  type UnnotifiedPageData
} from 'c/crisisEventCoverage';
import { refreshApex } from '@salesforce/apex';
import getCoverage from '@salesforce/apex/CrisisCoverageController.getCoverage';
import getUnnotifiedAccounts from '@salesforce/apex/CrisisCoverageController.getUnnotifiedAccounts';
import requestSnapshot from '@salesforce/apex/CrisisCoverageController.requestSnapshot';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { navigate } from '../../../../../../config/jest/mocks/lightning/navigation';
import recordFixture from './data/getRecord.json';
import coverageFixture from './data/getCoverage.json';
import pageFixture from './data/getUnnotifiedAccounts.json';

jest.mock(
  '@salesforce/apex/CrisisCoverageController.getCoverage',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock(
  '@salesforce/apex/CrisisCoverageController.getUnnotifiedAccounts',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock('@salesforce/apex/CrisisCoverageController.requestSnapshot', () => ({ default: jest.fn() }), {
  virtual: true
});

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('@salesforce/customPermission/TrustDesk_Log_Notifications', () => ({ default: true }), {
  virtual: true
});

// The stand-in with the real base component's `ariaLabel` property (see its header): sfdx-lwc-jest's stub
// leaves it out, so an accessible name set by the parent would stay on the stub's host.
jest.mock('lightning/progressBar', () =>
  jest.requireActual<object>('../../complianceGate/__tests__/data/progressBar/progressBar')
);

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

interface FieldValue {
  value: unknown;
  displayValue: string | null;
}

interface EventRecord {
  apiName: string;
  id: string;
  fields: Record<string, FieldValue>;
}

// The platform stub the component wires; read without importing a wire adapter outside @wire.
const recordAdapter = jest.requireActual<{ getRecord: TestWireAdapter }>('lightning/uiRecordApi').getRecord;
const coverageAdapter = getCoverage as unknown as TestWireAdapter;
const pageAdapter = getUnnotifiedAccounts as unknown as TestWireAdapter;
const requestSnapshotMock = requestSnapshot as unknown as jest.Mock<Promise<unknown>, [unknown]>;
const refreshApexMock = refreshApex as unknown as jest.Mock<Promise<void>, [unknown]>;

const EVENT_ID = 'a05000000000001AAA';
/** 24 hours after the fixture's declaration (9 November 2026, 15:00 UTC): 48 hours left on the 72-hour clock. */
const NOW = new Date('2026-11-10T15:00:00.000Z');
const HOUR = 3_600_000;
const RECORD = recordFixture as EventRecord;
const COVERAGE = coverageFixture as CoverageData;
const PAGE = pageFixture as unknown as UnnotifiedPageData;

/** Only Date and the interval timer are faked: the clock moves when a test says so, nothing else changes. */
function useClock(): void {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
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
}

function eventWith(fields: Record<string, unknown>): EventRecord {
  const copy: EventRecord = { ...RECORD, fields: { ...RECORD.fields } };
  for (const [name, value] of Object.entries(fields)) {
    copy.fields[name] = { value, displayValue: null };
  }
  return copy;
}

function mount(): HTMLElement & { recordId?: string } {
  const element: HTMLElement & { recordId?: string } = createElement('c-crisis-event-coverage', {
    is: CrisisEventCoverage
  });
  element.recordId = EVENT_ID;
  document.body.appendChild(element);
  return element;
}

/** Lets wire emissions, promises and the re-render they cause settle. */
function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function show(
  options: { record?: EventRecord; coverage?: CoverageData; page?: UnnotifiedPageData } = {}
): Promise<HTMLElement> {
  const element = mount();
  recordAdapter.emit(options.record ?? RECORD);
  coverageAdapter.emit(options.coverage ?? COVERAGE);
  pageAdapter.emit(options.page ?? PAGE);
  await flush();
  return element;
}

function $(element: HTMLElement, selector: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector(selector);
}

function $$(element: HTMLElement, selector: string): HTMLElement[] {
  return [...(element.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>(selector)];
}

function text(element: HTMLElement, selector: string): string {
  return ($(element, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Text of a node inside a rendered row or item (not a shadow root). */
function textIn(node: Element, selector: string): string {
  return (node.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function prop<T>(node: HTMLElement | null, name: string): T {
  return (node as unknown as Record<string, T>)[name] as T;
}

/** The accessible name of a progress bar: the label of its `role="progressbar"` element. */
function progressBarName(bar: Element | null): string | null {
  return bar?.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-label') ?? null;
}

function iconOf(node: Element | null): string | null {
  return node ? prop<string>(node as HTMLElement, 'iconName') : null;
}

describe('c-crisis-event-coverage', () => {
  beforeEach(() => {
    useClock();
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  describe('loading and errors', () => {
    it('shows a spinner with assistive text until the crisis event arrives', async () => {
      const element = mount();
      await flush();

      expect(prop<string>($(element, 'lightning-spinner'), 'alternativeText')).toBe(
        'Loading the crisis event'
      );
      expect($(element, '.regulator-clock')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the crisis event cannot be read', async () => {
      const element = mount();
      recordAdapter.error({ message: 'You do not have access to Crisis Events.' });
      await flush();

      const panel = $(element, 'c-error-panel.event-error');
      expect(prop<string>(panel, 'friendlyMessage')).toBe("We couldn't load the crisis event.");
      expect($(element, '.regulator-clock')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the clock while the coverage is still being counted', async () => {
      const element = mount();
      recordAdapter.emit(RECORD);
      await flush();

      expect($(element, '.regulator-clock')).not.toBeNull();
      const spinners = $$(element, 'lightning-spinner').map((spinner) =>
        prop<string>(spinner, 'alternativeText')
      );
      expect(spinners).toEqual([
        'Counting the notification coverage',
        'Loading the accounts not yet notified'
      ]);
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the coverage cannot be counted', async () => {
      const element = mount();
      recordAdapter.emit(RECORD);
      coverageAdapter.error({ message: 'You cannot see the accounts this coverage is counted from.' });
      pageAdapter.emit(PAGE);
      await flush();

      const panel = $(element, 'c-error-panel.coverage-error');
      expect(prop<string>(panel, 'friendlyMessage')).toBe("We couldn't count the notification coverage.");
      expect($(element, '.metrics')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the accounts not yet notified cannot be read', async () => {
      const element = mount();
      recordAdapter.emit(RECORD);
      coverageAdapter.emit(COVERAGE);
      pageAdapter.error({ message: 'Insufficient access' });
      await flush();

      const panel = $(element, 'c-error-panel.page-error');
      expect(prop<string>(panel, 'friendlyMessage')).toBe("We couldn't load the accounts not yet notified.");
      expect($(element, '.accounts')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('regulator clock', () => {
    const cases: ReadonlyArray<
      readonly [name: string, fields: Record<string, unknown>, state: string, label: string, headline: string]
    > = [
      ['running', {}, 'running', 'Running', '2 days left to notify the regulator.'],
      [
        'due soon, under 12 hours left',
        { Declared_At__c: '2026-11-07T16:30:00.000Z' },
        'due-soon',
        'Due soon',
        '1 hour 30 minutes left to notify the regulator.'
      ],
      [
        'breached, with no notice logged',
        { Declared_At__c: '2026-11-06T12:00:00.000Z' },
        'breached',
        'Breached',
        'The deadline passed 1 day 3 hours ago and no regulator notice is logged.'
      ],
      [
        'met on time',
        { Regulator_Notified_At__c: '2026-11-10T10:30:00.000Z' },
        'met-on-time',
        'Met on time',
        'The regulator was notified 2 days 4 hours 30 minutes before the deadline.'
      ],
      [
        'met late',
        { Declared_At__c: '2026-11-05T09:00:00.000Z', Regulator_Notified_At__c: '2026-11-08T11:15:00.000Z' },
        'met-late',
        'Met late',
        'The regulator was notified 2 hours 15 minutes after the deadline.'
      ],
      [
        'not required without personal data or hours on the event',
        { Personal_Data_Involved__c: false, Regulator_Deadline_Hours__c: null },
        'not-required',
        'Not required',
        'No regulator notice is required unless a deadline is set on this event.'
      ],
      [
        'no fixed deadline under CCPA and FERPA alone',
        { Data_Regimes__c: 'CCPA;FERPA', Regulator_Deadline_Hours__c: null },
        'not-required',
        'No fixed deadline',
        'The regimes involved set no fixed deadline: notify the regulator without undue delay.'
      ]
    ];

    it.each(cases)('%s', async (_name, fields, state, label, headline) => {
      const element = await show({ record: eventWith(fields) });

      expect($(element, '.clock')?.dataset.state).toBe(state);
      expect(text(element, '.clock-state')).toBe(label);
      expect(text(element, '.clock-headline')).toBe(headline);
      await expect(element).toBeAccessible();
    });

    it('marks a breach with a word and an icon, not with colour alone', async () => {
      const element = await show({ record: eventWith({ Declared_At__c: '2026-11-06T12:00:00.000Z' }) });

      expect(text(element, '.clock-state')).toBe('Breached');
      expect(prop<string>($(element, '.clock-icon'), 'iconName')).toBe('utility:error');
      expect($(element, '.clock')?.classList.contains('clock-breached')).toBe(true);
    });

    it("states the deadline's basis, the notice status and each regime's guidance", async () => {
      const element = await show({ record: eventWith({ Regulator_Deadline_Hours__c: null }) });

      expect(prop<string>($(element, '.clock-deadline lightning-formatted-date-time'), 'value')).toBe(
        '2026-11-12T15:00:00.000Z'
      );
      expect(text(element, '.clock-basis')).toBe(
        'Deadline: 72 hours (3 days) after the declaration under GDPR and UK GDPR.'
      );
      expect(text(element, '.regulator-notice')).toBe('No regulator notice is logged yet.');
      const guidance = $$(element, '.regime-guidance li').map((item) => item.textContent ?? '');
      expect(guidance.map((item) => item.split(':')[0])).toEqual(['GDPR', 'UK GDPR', 'CCPA', 'FERPA']);
    });

    it('says when the regulator notice was logged, and that the event set the hours', async () => {
      const element = await show({
        record: eventWith({ Regulator_Notified_At__c: '2026-11-10T10:30:00.000Z' })
      });

      expect(text(element, '.regulator-notice')).toBe('Regulator notice logged');
      expect(prop<string>($(element, '.regulator-notice lightning-formatted-date-time'), 'value')).toBe(
        '2026-11-10T10:30:00.000Z'
      );
      expect(text(element, '.clock-basis')).toBe(
        'Deadline: 72 hours (3 days) after the declaration, as set on this event.'
      );
    });

    it('counts down every minute and turns breached when the deadline passes', async () => {
      const element = await show();
      expect(text(element, '.clock-headline')).toBe('2 days left to notify the regulator.');

      jest.advanceTimersByTime(TICK_MS);
      await flush();
      expect(text(element, '.clock-headline')).toBe(
        '1 day 23 hours 59 minutes left to notify the regulator.'
      );

      jest.advanceTimersByTime(36 * HOUR - TICK_MS);
      await flush();
      expect(text(element, '.clock-state')).toBe('Running');
      expect(text(element, '.clock-headline')).toBe('12 hours left to notify the regulator.');

      jest.advanceTimersByTime(TICK_MS);
      await flush();
      expect(text(element, '.clock-state')).toBe('Due soon');
      expect(text(element, '.clock-headline')).toBe('11 hours 59 minutes left to notify the regulator.');

      jest.advanceTimersByTime(12 * HOUR);
      await flush();
      expect(text(element, '.clock-state')).toBe('Breached');
      expect(text(element, '.clock-headline')).toBe(
        'The deadline passed 1 minute ago and no regulator notice is logged.'
      );
    });

    it('stops its timer when it leaves the page', async () => {
      const element = await show();
      expect(jest.getTimerCount()).toBe(1);

      document.body.removeChild(element);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('coverage', () => {
    it('shows targeted, notified, acknowledged, overdue follow-ups and not yet notified with progress bars', async () => {
      const element = await show();

      expect(text(element, '.segment')).toBe(
        'Accounts that require a SOC 2 report, have a suspension clause or process personal data under GDPR, UK GDPR, CCPA or FERPA.'
      );
      expect(text(element, '.targeted')).toBe('15 targeted accounts');
      const metrics = $$(element, '.metric').map((metric) => ({
        label: textIn(metric, '.metric-label'),
        value: textIn(metric, '.metric-value'),
        percent: prop<number>(metric.querySelector('lightning-progress-bar'), 'value'),
        name: progressBarName(metric.querySelector('lightning-progress-bar'))
      }));
      expect(metrics).toEqual([
        {
          label: 'Notified',
          value: '13 of 15 targeted accounts',
          percent: 87,
          name: 'Notified: 87% of 15 targeted accounts'
        },
        {
          label: 'Acknowledged',
          value: '10 of 15 targeted accounts',
          percent: 67,
          name: 'Acknowledged: 67% of 15 targeted accounts'
        },
        {
          label: 'Overdue follow-ups',
          value: '5 of 13 notified accounts',
          percent: 38,
          name: 'Overdue follow-ups: 38% of 13 notified accounts'
        },
        {
          label: 'Not yet notified',
          value: '2 of 15 targeted accounts',
          percent: 13,
          name: 'Not yet notified: 13% of 15 targeted accounts'
        }
      ]);
      expect(text(element, '.contract-breaches')).toBe(
        '4 accounts missed the notification deadline in their contract: 3 notified late, 1 not notified yet.'
      );
      expect(text(element, '.live-note')).toMatch(/^Counted live at/);
      expect(prop<string>($(element, '.live-note lightning-formatted-date-time'), 'value')).toBe(
        COVERAGE.asOf
      );
      expect($(element, '.request-snapshot')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says so when no contractual deadline was missed', async () => {
      const element = await show({ coverage: { ...COVERAGE, notifiedLate: 0, unnotifiedPastDeadline: 0 } });

      expect(text(element, '.contract-breaches')).toBe(
        'No contractual notification deadline has been missed.'
      );
      expect($(element, '.contract-breaches lightning-icon')).toBeNull();
    });

    it('explains an event that targets nobody, and lists nobody', async () => {
      const element = await show({
        record: eventWith({
          Target_Requires_SOC2__c: false,
          Target_Suspension_Clause__c: false,
          Target_Personal_Data__c: false,
          Target_Regimes__c: null
        }),
        coverage: { source: 'no-segment', targeted: 0, notified: 0, canRequestSnapshot: true },
        page: { accounts: [], hasMore: false }
      });

      expect(text(element, '.segment')).toBe('No target segment is set.');
      expect(text(element, '.no-segment')).toMatch(/^No account is targeted yet\./);
      expect($(element, '.unnotified')).toBeNull();
      expect($(element, '.request-snapshot')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a background snapshot with its time, and lets the compliance lead recalculate', async () => {
      const element = await show({
        coverage: {
          ...COVERAGE,
          source: 'snapshot',
          asOf: '2026-11-10T06:00:00.000Z',
          targeted: 48000,
          notified: 31000,
          acknowledged: 12000,
          overdueFollowUps: 900
        }
      });

      expect(text(element, '.targeted')).toBe('48,000 targeted accounts');
      expect(text(element, '.metric[data-key="notified"] .metric-value')).toBe(
        '31,000 of 48,000 targeted accounts'
      );
      expect(text(element, '.snapshot-note')).toMatch(/^The target segment has more than 5,000 accounts/);
      expect(prop<string>($(element, '.snapshot-note lightning-formatted-date-time'), 'value')).toBe(
        '2026-11-10T06:00:00.000Z'
      );
      expect(prop<string>($(element, '.request-snapshot'), 'label')).toBe('Recalculate coverage');
      await expect(element).toBeAccessible();
    });

    it('explains a segment too large to count live before any snapshot exists', async () => {
      const element = await show({
        coverage: { source: 'pending', liveLimit: 5000, canRequestSnapshot: false }
      });

      expect(text(element, '.pending')).toMatch(/^The target segment has more than 5,000 accounts/);
      expect($(element, '.metrics')).toBeNull();
      expect($(element, '.request-snapshot')).toBeNull();
      expect(text(element, '.unnotified h3')).toBe('Not yet notified');
      await expect(element).toBeAccessible();
    });

    it('requests a snapshot, confirms it and hides the button', async () => {
      requestSnapshotMock.mockResolvedValue('707000000000001AAA');
      const toasts: Array<{ title: string; variant?: string }> = [];
      const element = await show({
        coverage: { source: 'pending', liveLimit: 5000, canRequestSnapshot: true }
      });
      element.addEventListener('lightning__showtoast', (event) => {
        toasts.push((event as CustomEvent<{ title: string; variant?: string }>).detail);
      });

      const button = $(element, '.request-snapshot');
      expect(prop<string>(button, 'label')).toBe('Calculate coverage');
      button?.click();
      await flush();

      expect(requestSnapshotMock).toHaveBeenCalledWith({ crisisEventId: EVENT_ID });
      expect(toasts).toEqual([
        expect.objectContaining({ title: 'Coverage calculation started', variant: 'success' })
      ]);
      expect(text(element, '.snapshot-requested')).toBe(
        'Calculation requested. Refresh in a few minutes to see the new figures.'
      );
      expect($(element, '.request-snapshot')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when a snapshot cannot be requested', async () => {
      requestSnapshotMock.mockRejectedValue({
        body: { message: 'Only someone who may edit crisis events can recalculate coverage.' }
      });
      const element = await show({
        coverage: { source: 'pending', liveLimit: 5000, canRequestSnapshot: true }
      });

      $(element, '.request-snapshot')?.click();
      await flush();

      const panel = $(element, 'c-error-panel.snapshot-error');
      expect(prop<string>(panel, 'friendlyMessage')).toBe("We couldn't start the coverage calculation.");
      expect($(element, '.snapshot-requested')).toBeNull();
      expect(prop<boolean>($(element, '.request-snapshot'), 'disabled')).toBe(false);
      await expect(element).toBeAccessible();
    });
  });

  describe('accounts not yet notified', () => {
    it('lists each with its owner, why it is targeted and its contractual deadline', async () => {
      const element = await show();

      expect(text(element, '.unnotified h3')).toBe('Not yet notified (2)');
      const rows = $$(element, '.account').map((row) => ({
        name: textIn(row, '.account-name'),
        details: textIn(row, '.account-details'),
        deadline: textIn(row, '.contract-deadline'),
        icon: iconOf(row.querySelector('.contract-deadline lightning-icon'))
      }));
      expect(rows).toEqual([
        {
          name: 'Brightwater Home Co.',
          details: 'Owner: Dana Whitfield · personal data, CCPA',
          deadline: 'No contractual notification deadline',
          icon: null
        },
        {
          name: 'Quarry Point Inc.',
          details: 'Owner: Leo Marsh · requires SOC 2, suspension clause',
          deadline: 'Overdue: the contractual deadline passed 12 hours ago',
          icon: 'utility:error'
        },
        {
          name: 'Solstice Electronics Ltda.',
          details: 'Owner: Dana Whitfield · requires SOC 2, personal data, LGPD, CCPA',
          deadline: '1 day left under the contract',
          icon: null
        },
        {
          name: 'Wren & Alder Ltd',
          details: 'Owner: unknown · requires SOC 2',
          deadline: 'Due soon: 6 hours left under the contract',
          icon: 'utility:warning'
        }
      ]);
      expect(pageAdapter.getLastConfig()).toEqual({
        crisisEventId: EVENT_ID,
        pageSize: PAGE_SIZE,
        after: null
      });
      expect($(element, '.load-more')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('opens the Log Customer Notification quick action of the account in one step', async () => {
      const element = await show();
      const buttons = $$(element, '.log-notification');
      expect(buttons.map((button) => (button.textContent ?? '').replace(/\s+/g, ' ').trim())).toEqual([
        'Log notification for Brightwater Home Co.',
        'Log notification for Quarry Point Inc.',
        'Log notification for Solstice Electronics Ltda.',
        'Log notification for Wren & Alder Ltd'
      ]);

      buttons[2]?.click();

      expect(navigate).toHaveBeenCalledTimes(1);
      expect(navigate).toHaveBeenCalledWith(
        {
          type: 'standard__quickAction',
          attributes: { apiName: LOG_NOTIFICATION_ACTION },
          state: { recordId: '001000000000008AAA', c__crisisEventId: EVENT_ID }
        },
        undefined
      );
      expect(LOG_NOTIFICATION_ACTION).toBe('Account.Log_Customer_Notification');
    });

    it('opens the account record from its name', async () => {
      const element = await show();
      const link = $(element, '.account-name');
      expect(link?.getAttribute('href')).toBe('/lightning/r/Account/001000000000005AAA/view');

      const click = new MouseEvent('click', { bubbles: true, cancelable: true });
      link?.dispatchEvent(click);

      expect(click.defaultPrevented).toBe(true);
      expect(navigate).toHaveBeenCalledWith(
        {
          type: 'standard__recordPage',
          attributes: { recordId: '001000000000005AAA', objectApiName: 'Account', actionName: 'view' }
        },
        undefined
      );
    });

    it('loads more with the cursor of the last page and appends the next one', async () => {
      const first: UnnotifiedPageData = {
        accounts: PAGE.accounts.slice(0, 2),
        hasMore: true,
        nextCursor: 'cursor-1'
      };
      const element = await show({ page: first });
      expect($$(element, '.account')).toHaveLength(2);

      $(element, '.load-more')?.click();
      await flush();
      expect(pageAdapter.getLastConfig()).toEqual({
        crisisEventId: EVENT_ID,
        pageSize: PAGE_SIZE,
        after: 'cursor-1'
      });
      expect(prop<boolean>($(element, '.load-more'), 'disabled')).toBe(true);

      pageAdapter.emit({ accounts: [PAGE.accounts[1], ...PAGE.accounts.slice(2)], hasMore: false });
      await flush();
      expect($$(element, '.account-name').map((link) => link.textContent)).toEqual([
        'Brightwater Home Co.',
        'Quarry Point Inc.',
        'Solstice Electronics Ltda.',
        'Wren & Alder Ltd'
      ]);
      expect($(element, '.load-more')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('keeps the loaded accounts when the next page fails, and retries it', async () => {
      const first: UnnotifiedPageData = {
        accounts: PAGE.accounts.slice(0, 2),
        hasMore: true,
        nextCursor: 'cursor-1'
      };
      const element = await show({ page: first });
      $(element, '.load-more')?.click();
      await flush();

      pageAdapter.error({ message: 'Timed out' });
      await flush();
      expect($$(element, '.account')).toHaveLength(2);
      expect(prop<string>($(element, 'c-error-panel.load-more-error'), 'friendlyMessage')).toBe(
        "We couldn't load more accounts."
      );
      await expect(element).toBeAccessible();

      $(element, '.load-more')?.click();
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(pageAdapter.getLastConfig()).toEqual({
        crisisEventId: EVENT_ID,
        pageSize: PAGE_SIZE,
        after: 'cursor-1'
      });
    });

    it('says when every targeted account has been notified', async () => {
      const element = await show({
        coverage: { ...COVERAGE, notified: 15, acknowledged: 15, unnotifiedPastDeadline: 0 },
        page: { accounts: [], hasMore: false }
      });

      expect(text(element, '.all-notified')).toBe('Every account in the target segment has been notified.');
      expect(text(element, '.unnotified h3')).toBe('Not yet notified (0)');
      await expect(element).toBeAccessible();
    });
  });

  describe('refresh', () => {
    it('re-reads the coverage and the first page from the server', async () => {
      const element = await show();

      $(element, '.refresh')?.click();
      await flush();

      expect(refreshApexMock).toHaveBeenCalledTimes(2);
    });

    it('goes back to the first page after more were loaded, and re-reads it', async () => {
      const first: UnnotifiedPageData = {
        accounts: PAGE.accounts.slice(0, 2),
        hasMore: true,
        nextCursor: 'cursor-1'
      };
      const element = await show({ page: first });
      $(element, '.load-more')?.click();
      await flush();
      pageAdapter.emit({ accounts: PAGE.accounts.slice(2), hasMore: false });
      await flush();

      $(element, '.refresh')?.click();
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(1);
      expect(pageAdapter.getLastConfig()).toEqual({
        crisisEventId: EVENT_ID,
        pageSize: PAGE_SIZE,
        after: null
      });

      pageAdapter.emit({ accounts: PAGE.accounts.slice(1), hasMore: false });
      await flush();
      expect(refreshApexMock).toHaveBeenCalledTimes(2);
      expect($$(element, '.account-name').map((link) => link.textContent)).toEqual([
        'Quarry Point Inc.',
        'Solstice Electronics Ltda.',
        'Wren & Alder Ltd'
      ]);
    });
  });
});
