import { createElement } from 'lwc';
import AuditCycleSummary from 'c/auditCycleSummary';
import getSummary from '@salesforce/apex/AuditCycleSummaryController.getSummary';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { navigate } from '../../../../../../config/jest/mocks/lightning/navigation';
import summaryData from './data/getSummary.json';

jest.mock(
  '@salesforce/apex/AuditCycleSummaryController.getSummary',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock('lightning/progressBar', () =>
  jest.requireActual<object>('../../../../../../config/jest/mocks/lwc/progressBar/progressBar')
);

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
  getLastConfig(): Record<string, unknown> | null;
}

const summaryAdapter = getSummary as unknown as TestWireAdapter;

type Summary = typeof summaryData;
type Cycle = Summary['cycle'];
type Control = Summary['controls'][number];

const CYCLE_ID = summaryData.cycle.id;

function mount(): HTMLElement {
  const element = createElement('c-audit-cycle-summary', { is: AuditCycleSummary });
  Object.assign(element, { recordId: CYCLE_ID });
  document.body.appendChild(element);
  return element;
}

function one(element: HTMLElement, selector: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector<HTMLElement>(selector);
}

function all(element: HTMLElement, selector: string): HTMLElement[] {
  return [...(element.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>(selector)];
}

function text(element: HTMLElement, selector: string): string | undefined {
  return one(element, selector)?.textContent?.replace(/\s+/g, ' ').trim();
}

function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function emit(summary: unknown = summaryData): Promise<void> {
  summaryAdapter.emit(summary);
  await flush();
}

function withCycle(changes: Partial<Cycle>): Summary {
  return { ...summaryData, cycle: { ...summaryData.cycle, ...changes } };
}

/** ADM-01 and CHG-01 remediated too, so every control has a projection. */
function allRemediated(): Summary {
  const remediated: Record<string, Partial<Control>> = {
    'ADM-01': {
      remediatedOn: '2026-11-02',
      evidence: [
        { sampledOn: '2026-11-16', result: 'Pass' },
        { sampledOn: '2026-11-09', result: 'Pass' },
        { sampledOn: '2026-11-02', result: 'Pass' }
      ]
    },
    'CHG-01': { remediatedOn: '2026-11-10', evidence: [] }
  };
  return {
    ...summaryData,
    controls: summaryData.controls.map((control) => ({ ...control, ...remediated[control.controlId] }))
  };
}

function forecastRows(element: HTMLElement): string[][] {
  return all(element, 'tr.forecast-row').map((row) =>
    [...row.querySelectorAll('th div:first-child, .ready-text, td:last-child')].map(
      (cell) => cell.textContent?.trim() ?? ''
    )
  );
}

describe('c-audit-cycle-summary', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('asks for the summary of its record', async () => {
    mount();
    await flush();

    expect(summaryAdapter.getLastConfig()).toEqual({ cycleId: CYCLE_ID });
  });

  it('shows a spinner while loading', async () => {
    const element = mount();
    await flush();

    expect(one(element, 'lightning-spinner')).not.toBeNull();
    expect(one(element, '.opinion')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the summary cannot be loaded', async () => {
    const element = mount();
    summaryAdapter.error({ message: 'This audit cycle does not exist, or you cannot see it.' });
    await flush();

    const panel = one(element, 'c-error-panel') as HTMLElement & { friendlyMessage: string; errors: unknown };
    expect(panel.friendlyMessage).toBe("We couldn't load the audit cycle summary.");
    expect(panel.errors).toBeTruthy();
    await expect(element).toBeAccessible();
  });

  describe('with data', () => {
    it('shows the opinion and the bridge-letter cover against the re-audit target', async () => {
      const element = mount();
      await emit();

      expect(text(element, '.opinion .slds-badge')).toBe('Qualified');
      expect(one(element, '.opinion .slds-badge')?.classList).toContain('slds-theme_warning');
      expect(text(element, '.opinion p')).toBe('Report dated Nov 6, 2026 · Ashcombe Whitley LLP');
      expect(text(element, '.bridge .slds-badge')).toBe('131 days left');
      expect(text(element, '.bridge p')).toBe(
        'Valid until Mar 31, 2027. Ends 91 days before the re-audit target.'
      );
      await expect(element).toBeAccessible();
    });

    it('forecasts at risk while controls behind open exceptions have no remediation date', async () => {
      const element = mount();
      await emit();

      expect(text(element, '.readiness .slds-badge')).toBe('At risk');
      expect(text(element, '.forecast-text')).toBe(
        'Not ready in time for the re-audit target of Jun 30, 2027: ADM-01, CHG-01.'
      );
      expect(one(element, '.forecast-text')?.getAttribute('aria-live')).toBe('polite');
      expect(one(element, '.forecast-note')).toBeNull();
      expect(forecastRows(element)).toEqual([
        ['ADM-01', '—', 'No remediation date'],
        ['CHG-01', '—', 'No remediation date'],
        ['IR-03', 'Jan 24, 2027', 'By the target'],
        ['LOG-01', 'Dec 13, 2026', 'By the target']
      ]);
      const log = all(element, 'tr.forecast-row')[3] as HTMLElement;
      const bar = log
        .querySelector('lightning-progress-bar')
        ?.shadowRoot?.querySelector('[role="progressbar"]');
      expect(bar?.getAttribute('aria-label')).toBe('Evidence window for LOG-01: 67 of 90 clean days');
      expect(bar?.getAttribute('aria-valuenow')).toBe('74');
      expect(all(element, 'tr.forecast-row')[0]?.querySelector('.window-text')?.textContent).toBe(
        'Not started'
      );
      await expect(element).toBeAccessible();
    });

    it('lays the re-audit timeline out in date order, past and upcoming', async () => {
      const element = mount();
      await emit();

      expect(
        all(element, 'li.milestone').map((item) => item.textContent?.replace(/\s+/g, ' ').trim())
      ).toEqual([
        'Oct 1, 2025 – Audit period starts (Past)',
        'Sep 30, 2026 – Audit period ends (Past)',
        'Nov 6, 2026 – Report issued (Past)',
        'Jan 24, 2027 – Controls projected re-audit ready (Upcoming)',
        'Mar 31, 2027 – Bridge letter ends (Upcoming)',
        'Jun 30, 2027 – Re-audit target (Upcoming)'
      ]);
    });

    it('groups the exceptions by criterion with severity, status, control and owner', async () => {
      const element = mount();
      await emit();

      expect(text(element, '.finding-count')).toBe('5 exceptions, 2 open');
      expect(all(element, '.criterion-heading').map((h) => h.textContent)).toEqual([
        'CC6.1 · Access to systems and data is restricted with logical access controls',
        'CC6.8 · Unauthorised or malicious software is prevented or detected',
        'CC7.2 · Anomalies are monitored and analysed',
        'CC8.1 · Changes are authorised, tested and approved'
      ]);
      expect(all(element, '.criterion-count').map((c) => c.textContent)).toEqual([
        '2 exceptions, 0 open',
        '1 exception, 1 open',
        '1 exception, 0 open',
        '1 exception, 1 open'
      ]);
      const first = all(element, 'tbody.criterion-group')[0] as HTMLElement;
      const rows = [...first.querySelectorAll('tr.finding-row')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)
      );
      expect(rows).toEqual([
        ['AE-0001', 'Significant Deficiency', 'Remediated', 'LOG-01', 'Dana Lee'],
        ['AE-0005', 'Material Weakness', 'Closed', 'None', 'Dana Lee']
      ]);
      expect(first.querySelectorAll('.slds-theme_error')).toHaveLength(1);
      expect(first.querySelector('th[scope="rowgroup"]')?.getAttribute('colspan')).toBe('5');
    });

    it('opens an exception from its number', async () => {
      const element = mount();
      await emit();

      (one(element, 'tr.finding-row a') as HTMLElement).click();

      expect(navigate).toHaveBeenCalledWith(
        {
          type: 'standard__recordPage',
          attributes: {
            recordId: 'a02000000000001AAA',
            objectApiName: 'Audit_Exception__c',
            actionName: 'view'
          }
        },
        undefined
      );
    });
  });

  describe('forecast rules', () => {
    it('is on track when every control is projected ready before the target', async () => {
      const element = mount();
      await emit(allRemediated());

      expect(text(element, '.readiness .slds-badge')).toBe('On track');
      expect(text(element, '.forecast-text')).toBe(
        'Every control is projected ready by Feb 8, 2027, 142 days before the re-audit target of Jun 30, 2027.'
      );
      await expect(element).toBeAccessible();
    });

    it('names a control that will be ready after the target', async () => {
      const element = mount();
      await emit({ ...allRemediated(), cycle: { ...summaryData.cycle, reauditTargetDate: '2027-01-01' } });

      expect(text(element, '.readiness .slds-badge')).toBe('At risk');
      expect(text(element, '.forecast-text')).toBe(
        'Not ready in time for the re-audit target of Jan 1, 2027: ADM-01, CHG-01, IR-03.'
      );
      expect(forecastRows(element)[2]).toEqual(['IR-03', 'Jan 24, 2027', '23 days after target']);
    });

    it('has nothing to compare without a re-audit target', async () => {
      const element = mount();
      const summary = allRemediated();
      await emit({ ...summary, cycle: { ...summary.cycle, reauditTargetDate: undefined } });

      expect(text(element, '.readiness .slds-badge')).toBe('No re-audit target');
      expect(text(element, '.forecast-text')).toBe(
        'The last control is projected ready on Feb 8, 2027. Set a re-audit target date to compare.'
      );
      expect(forecastRows(element)[0]?.[2]).toBe('No target to compare');
      expect(all(element, 'li.milestone').map((item) => item.dataset.key)).not.toContain('target');
    });

    it('leaves closed exceptions out and notes open ones without a control', async () => {
      const element = mount();
      await emit({
        ...summaryData,
        findings: [
          ...summaryData.findings,
          {
            id: 'a02000000000006AAA',
            name: 'AE-0006',
            criterion: 'A1.2',
            severity: 'Deficiency',
            severityLabel: 'Deficiency',
            status: 'Open',
            statusLabel: 'Open',
            ownerName: 'Sam Ortiz'
          }
        ]
      });

      expect(text(element, '.forecast-note')).toBe(
        '1 exception has no control linked and is not in the forecast.'
      );
      expect(text(element, '.finding-count')).toBe('6 exceptions, 3 open');
      expect(all(element, '.criterion-heading').map((h) => h.textContent)).toEqual([
        'A1.2',
        'CC6.1 · Access to systems and data is restricted with logical access controls',
        'CC6.8 · Unauthorised or malicious software is prevented or detected',
        'CC7.2 · Anomalies are monitored and analysed',
        'CC8.1 · Changes are authorised, tested and approved'
      ]);
    });
  });

  describe('bridge-letter cover', () => {
    it.each([
      [
        '2026-11-01',
        'Expired',
        'Expired Nov 1, 2026, 19 days ago. Ends 241 days before the re-audit target.',
        'slds-theme_error'
      ],
      [
        '2026-11-20',
        'Expires today',
        'Valid until Nov 20, 2026. Ends 222 days before the re-audit target.',
        'slds-theme_warning'
      ],
      [
        '2026-12-20',
        '30 days left',
        'Valid until Dec 20, 2026. Ends 192 days before the re-audit target.',
        'slds-theme_warning'
      ],
      ['2027-07-31', '253 days left', 'Valid until Jul 31, 2027.', 'slds-theme_success']
    ])('valid until %s: %s', async (validUntil, label, detail, theme) => {
      const element = mount();
      await emit(withCycle({ bridgeLetterValidUntil: validUntil }));

      expect(text(element, '.bridge .slds-badge')).toBe(label);
      expect(text(element, '.bridge p')).toBe(detail);
      expect(one(element, '.bridge .slds-badge')?.classList).toContain(theme);
    });

    it('says when there is no bridge letter or report yet', async () => {
      const element = mount();
      await emit(
        withCycle({
          bridgeLetterValidUntil: undefined,
          reportDate: undefined,
          opinion: 'Pending',
          opinionLabel: 'Pending',
          auditor: undefined
        })
      );

      expect(text(element, '.bridge .slds-badge')).toBe('No bridge letter');
      expect(text(element, '.opinion .slds-badge')).toBe('Pending');
      expect(text(element, '.opinion p')).toBe('No report yet');
    });
  });

  describe('empty and permission-limited', () => {
    it('has nothing to forecast for a cycle without exceptions', async () => {
      const element = mount();
      await emit({ ...summaryData, findings: [], controls: [] });

      expect(text(element, '.no-findings')).toBe('No audit exceptions are recorded for this cycle.');
      expect(text(element, '.readiness .slds-badge')).toBe('Nothing to forecast');
      expect(one(element, 'tr.forecast-row')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('gives no forecast without access to evidence, but still lists the exceptions', async () => {
      const element = mount();
      await emit({
        ...summaryData,
        access: { exceptions: true, controls: true, evidence: false },
        controls: summaryData.controls.map((control) => ({ ...control, evidence: [] }))
      });

      expect(text(element, '.forecast-unavailable')).toBe(
        'Your access does not include control evidence, so there is no readiness forecast.'
      );
      expect(one(element, '.readiness .slds-badge')).toBeNull();
      expect(one(element, 'tr.forecast-row')).toBeNull();
      expect(all(element, 'li.milestone').map((item) => item.dataset.key)).not.toContain('ready');
      expect(all(element, 'tr.finding-row')).toHaveLength(5);
      await expect(element).toBeAccessible();
    });

    it('shows the cycle alone to someone who cannot read exceptions', async () => {
      const element = mount();
      await emit({
        ...summaryData,
        access: { exceptions: false, controls: true, evidence: false },
        findings: [],
        controls: []
      });

      expect(text(element, '.findings-hidden')).toBe('Your access does not include audit exceptions.');
      expect(text(element, '.forecast-unavailable')).toBe(
        'Your access does not include audit exceptions, control evidence, so there is no readiness forecast.'
      );
      expect(text(element, '.opinion .slds-badge')).toBe('Qualified');
      await expect(element).toBeAccessible();
    });

    it('shows a linked control it may not read as not visible', async () => {
      const element = mount();
      await emit({
        ...summaryData,
        access: { exceptions: true, controls: false, evidence: false },
        controls: []
      });

      expect(all(element, 'td.finding-control').map((cell) => cell.textContent)).toEqual([
        'Not visible',
        'None',
        'Not visible',
        'Not visible',
        'Not visible'
      ]);
      expect(text(element, '.forecast-unavailable')).toBe(
        'Your access does not include trust controls, control evidence, so there is no readiness forecast.'
      );
    });
  });
});
