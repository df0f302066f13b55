import { readFileSync } from 'fs';
import { join } from 'path';
import { createElement } from 'lwc';
import CrisisCommandCenter, { TICK_MS } from 'c/crisisCommandCenter';
import getOverview from '@salesforce/apex/CommandCenterController.getOverview';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { navigate } from '../../../../../../config/jest/mocks/lightning/navigation';
import overviewData from './data/getOverview.json';

jest.mock(
  '@salesforce/apex/CommandCenterController.getOverview',
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
  /** The adapter's live wire instances: one per wired component connected. */
  readonly _wireInstances: ReadonlySet<unknown>;
}

const overviewAdapter = getOverview as unknown as TestWireAdapter;

/** The instant every clock in the fixture is read at: 3 hours after the breach's GDPR deadline. */
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR_MS = 3_600_000;

function mount(): HTMLElement {
  const element = createElement('c-crisis-command-center', { is: CrisisCommandCenter });
  document.body.appendChild(element);
  return element;
}

function one(element: HTMLElement, selector: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector<HTMLElement>(selector);
}

function all(element: HTMLElement, selector: string): HTMLElement[] {
  return [...(element.shadowRoot as ShadowRoot).querySelectorAll<HTMLElement>(selector)];
}

function text(node: Element | null | undefined): string | undefined {
  return node?.textContent?.replace(/\s+/g, ' ').trim();
}

function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function emit(overview: unknown = overviewData): Promise<void> {
  overviewAdapter.emit(overview);
  await flush();
}

function tile(element: HTMLElement, key: string): HTMLElement {
  const found = one(element, `article[data-key="${key}"]`);
  if (!found) throw new Error(`No tile ${key}`);
  return found;
}

function tileValue(element: HTMLElement, key: string): string | undefined {
  return text(tile(element, key).querySelector('.tile-value'));
}

/** The fixture with some parts replaced; Apex leaves null fields out, so a part may lack any of them. */
function with_(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...overviewData, ...changes };
}

/** The fixture's pipeline without its currency code, as an org with several currencies returns it. */
function pipelineWithoutCurrency(): Record<string, unknown> {
  const pipeline: Record<string, unknown> = { ...overviewData.pipeline };
  delete pipeline.currencyCode;
  return pipeline;
}

/** A gate slice whose amount was not summed. */
function withoutAmount(slice: { gate?: string; deals: number; atRisk: boolean }): Record<string, unknown> {
  return { gate: slice.gate, deals: slice.deals, atRisk: slice.atRisk };
}

function cells(row: HTMLElement): Array<string | undefined> {
  return [...row.querySelectorAll('th, td')].map((cell) => text(cell));
}

function eventNames(element: HTMLElement): Array<string | undefined> {
  return all(element, '.event-name').map((node) => text(node));
}

describe('c-crisis-command-center', () => {
  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });

  it('asks the server once, for every figure, through one cacheable wire', async () => {
    const element = mount();
    await flush();

    expect(overviewAdapter._wireInstances.size).toBe(1);
    expect(overviewAdapter.getLastConfig()).toEqual({});
    await emit();
    expect(one(element, '.tiles')).not.toBeNull();
    expect(getOverview).not.toHaveBeenCalled();

    const source = readFileSync(join(__dirname, '..', 'crisisCommandCenter.ts'), 'utf8');
    const apexImports = source.match(/from '@salesforce\/apex\/[^']+'/g) ?? [];
    expect(apexImports).toEqual(["from '@salesforce/apex/CommandCenterController.getOverview'"]);
    expect(source).not.toMatch(/uiRecordApi|uiGraphQLApi|refreshApex/);
  });

  it('shows a spinner while loading', async () => {
    const element = mount();
    await flush();

    expect(one(element, 'lightning-spinner')).not.toBeNull();
    expect(one(element, '.tiles')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when the figures cannot be loaded', async () => {
    const element = mount();
    overviewAdapter.error({ message: 'An internal server error has occurred' });
    await flush();

    const panel = one(element, 'c-error-panel') as HTMLElement & { friendlyMessage: string; errors: unknown };
    expect(panel.friendlyMessage).toBe("We couldn't load the crisis command center.");
    expect(panel.errors).toBeTruthy();
    expect(one(element, 'lightning-spinner')).toBeNull();
    await expect(element).toBeAccessible();
  });

  describe('with every figure readable', () => {
    it('shows each figure with what it counts', async () => {
      const element = mount();
      await emit();

      expect(tileValue(element, 'pipeline')).toBe('$660,000');
      expect(text(tile(element, 'pipeline').querySelector('.tile-detail'))).toBe(
        '8 deals held up: 3 blocked, 5 at risk'
      );
      expect(tileValue(element, 'awaiting')).toBe('14');
      expect(tileValue(element, 'follow-ups')).toBe('3');
      expect(tileValue(element, 'questionnaires')).toBe('2');
      expect(tileValue(element, 'controls')).toBe('5');
      expect(text(tile(element, 'controls').querySelector('.tile-detail'))).toBe(
        '5 open vs 4 remediated, evidence accruing'
      );
      expect(tileValue(element, 'library')).toBe('8');
      expect(text(tile(element, 'library').querySelector('.tile-detail'))).toBe(
        '6 flagged, 2 past their review date'
      );
      await expect(element).toBeAccessible();
    });

    it('lists the open crisis events most urgent first, each clock in words and with an icon', async () => {
      const element = mount();
      await emit();

      expect(eventNames(element)).toEqual([
        'Checkout data-sync breach',
        'Student portal export exposure',
        'Qualified SOC 2 opinion'
      ]);
      const [breach, portal, opinion] = all(element, 'li.event');
      expect(text(breach?.querySelector('.clock-state'))).toBe('Regulator clock: Breached');
      expect(text(breach?.querySelector('.clock-headline'))).toBe(
        'The deadline passed 3 hours ago and no regulator notice is logged.'
      );
      expect(breach?.querySelector('.clock')?.getAttribute('data-state')).toBe('breached');
      expect((breach?.querySelector('.clock-icon') as HTMLElement & { iconName: string }).iconName).toBe(
        'utility:error'
      );
      expect(
        (breach?.querySelector('lightning-formatted-date-time') as HTMLElement & { value: string }).value
      ).toBe('2026-03-10T09:00:00.000Z');
      expect(text(portal?.querySelector('.clock-state'))).toBe('Regulator clock: Due soon');
      expect(text(portal?.querySelector('.clock-headline'))).toBe(
        '2 hours 30 minutes left to notify the regulator.'
      );
      expect((portal?.querySelector('.clock-icon') as HTMLElement & { iconName: string }).iconName).toBe(
        'utility:warning'
      );
      expect(text(opinion?.querySelector('.clock-state'))).toBe('Regulator clock: No regulator deadline');
      expect(opinion?.querySelector('lightning-formatted-date-time')).toBeNull();
      expect(text(breach?.querySelector('.event-summary'))).toBe('Data Breach · Critical · Notifying');
      await expect(element).toBeAccessible();
    });

    it('stops the clock once the regulator notice is logged, and says when', async () => {
      const element = mount();
      const [opinion, portal, breach] = overviewData.crisis.events;
      await emit(
        with_({
          crisis: {
            ...overviewData.crisis,
            events: [
              opinion,
              { ...portal, regulatorNotifiedAt: '2026-03-09T10:30:00.000Z' },
              { ...breach, regulatorNotifiedAt: '2026-03-10T11:00:00.000Z' }
            ]
          }
        })
      );

      expect(all(element, '.clock').map((clock) => clock.dataset.state)).toEqual([
        'met-late',
        'met-on-time',
        'not-required'
      ]);
      const [late, onTime] = all(element, 'li.event');
      expect(text(late?.querySelector('.clock-headline'))).toBe(
        'The regulator was notified 2 hours after the deadline.'
      );
      expect(text(onTime?.querySelector('.clock-state'))).toBe('Regulator clock: Met on time');
      expect(text(onTime?.querySelector('.clock-headline'))).toBe(
        'The regulator was notified 1 day 4 hours before the deadline.'
      );
      expect((onTime?.querySelector('.clock-icon') as HTMLElement & { iconName: string }).iconName).toBe(
        'utility:success'
      );
      expect(
        (
          onTime?.querySelector('.regulator-notice lightning-formatted-date-time') as HTMLElement & {
            value: string;
          }
        ).value
      ).toBe('2026-03-09T10:30:00.000Z');
      await expect(element).toBeAccessible();
    });

    it('shows who is still to notify against the target segment', async () => {
      const element = mount();
      await emit();

      const [breach, portal, opinion] = all(element, 'li.event');
      expect(text(breach?.querySelector('.coverage-figures'))).toBe(
        '40 accounts targeted · 15 to notify · 25 notified (63%) · 10 acknowledged (25%)'
      );
      const progress = breach?.querySelector('lightning-progress-bar') as HTMLElement & {
        value: number;
        ariaLabel: string;
      };
      expect(progress.value).toBe(63);
      expect(progress.ariaLabel).toBe('Checkout data-sync breach: 25 of 40 targeted accounts notified');
      expect(text(portal?.querySelector('.coverage-no-segment'))).toBe(
        'No target segment is set on this event, so no account is counted as to notify.'
      );
      expect(text(opinion?.querySelector('.coverage-figures'))).toBe(
        '120 accounts targeted · 90 to notify · 30 notified (25%) · 12 acknowledged (10%)'
      );
      expect(text(one(element, '.more-events-text'))).toBe(
        'Showing the 3 most recently declared of 4 open crisis events.'
      );
      expect(text(one(element, '.more-events a'))).toBe('View all crisis events');
    });

    it('charts open pipeline by gate with bar widths from the amounts, and a table for screen readers', async () => {
      const element = mount();
      await emit();

      const rows = all(element, '.chart-row');
      expect(rows.map((row) => row.dataset.key)).toEqual(['Blocked', 'At Risk', 'Clear', 'not-evaluated']);
      expect(rows.map((row) => (row.querySelector('.bar') as HTMLElement).style.width)).toEqual([
        '21%',
        '34%',
        '100%',
        '4%'
      ]);
      expect(text(rows[0]?.querySelector('.chart-value'))).toBe('$250,000 · 3 deals');
      expect(one(element, '.chart')?.getAttribute('aria-hidden')).toBe('true');
      expect(text(one(element, '.chart-table caption'))).toBe('Open pipeline by compliance gate, by amount');
      expect(all(element, '.chart-table tbody tr').map(cells)).toEqual([
        ['Blocked', '$250,000', '3 deals'],
        ['At risk', '$410,000', '5 deals'],
        ['Clear', '$1,200,000', '12 deals'],
        ['Not evaluated', '$50,000', '2 deals']
      ]);
      expect(all(element, '.chart-table tbody th').map((cell) => cell.getAttribute('scope'))).toEqual([
        'row',
        'row',
        'row',
        'row'
      ]);
      expect(one(element, '.chart-note')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('compares numbers of deals when there are too many deals to total every amount', async () => {
      const element = mount();
      await emit(
        with_({
          pipeline: {
            ...overviewData.pipeline,
            amountsComplete: false,
            gates: overviewData.pipeline.gates.map((slice) => (slice.atRisk ? slice : withoutAmount(slice)))
          }
        })
      );

      const rows = all(element, '.chart-row');
      expect(rows.map((row) => (row.querySelector('.bar') as HTMLElement).style.width)).toEqual([
        '25%',
        '42%',
        '100%',
        '17%'
      ]);
      expect(text(rows[2]?.querySelector('.chart-value'))).toBe('12 deals');
      expect(text(one(element, '.chart-table caption'))).toBe(
        'Open pipeline by compliance gate, by number of deals'
      );
      expect(cells(all(element, '.chart-table tbody tr')[2] as HTMLElement)).toEqual([
        'Clear',
        'Not totalled',
        '12 deals'
      ]);
      expect(text(one(element, '.chart-note'))).toMatch(
        /^There are too many open deals to total every gate here/
      );
      expect(tileValue(element, 'pipeline')).toBe('$660,000');
      await expect(element).toBeAccessible();
    });

    it('counts deals at risk when even those are too many to total, and names no currency it cannot know', async () => {
      const element = mount();
      await emit(
        with_({
          pipeline: {
            ...pipelineWithoutCurrency(),
            amountsComplete: false,
            atRiskAmountsComplete: false,
            gates: overviewData.pipeline.gates.map(withoutAmount)
          }
        })
      );

      expect(tileValue(element, 'pipeline')).toBe('8 deals');
      expect(text(tile(element, 'pipeline').querySelector('.tile-detail'))).toBe(
        '3 blocked, 5 at risk; too many to total here'
      );
      expect(text(one(element, '.chart-note'))).toBe(
        'There are too many open deals to total here: the bars compare numbers of deals. The report and the dashboard total the amounts. Amounts are in the corporate currency.'
      );
    });

    it('gives plain amounts in the corporate currency when the org has several currencies', async () => {
      const element = mount();
      await emit(with_({ pipeline: pipelineWithoutCurrency() }));

      expect(tileValue(element, 'pipeline')).toBe('660,000');
      expect(text(one(element, '.chart-note'))).toBe('Amounts are in the corporate currency.');
    });

    it('moves the clocks on every minute while the page stays open', async () => {
      jest.restoreAllMocks();
      jest.useFakeTimers({ now: NOW });
      try {
        const element = mount();
        await emit();
        expect(all(element, '.clock').map((clock) => clock.dataset.state)).toEqual([
          'breached',
          'due-soon',
          'not-required'
        ]);

        jest.advanceTimersByTime(TICK_MS - 1);
        await flush();
        expect(text(all(element, 'li.event')[1]?.querySelector('.clock-headline'))).toBe(
          '2 hours 30 minutes left to notify the regulator.'
        );

        jest.advanceTimersByTime(1);
        await flush();
        expect(text(all(element, 'li.event')[1]?.querySelector('.clock-headline'))).toBe(
          '2 hours 29 minutes left to notify the regulator.'
        );

        jest.advanceTimersByTime(3 * HOUR_MS);
        await flush();
        expect(all(element, '.clock').map((clock) => clock.dataset.state)).toEqual([
          'breached',
          'breached',
          'not-required'
        ]);
        expect(eventNames(element)[1]).toBe('Student portal export exposure');
        expect(text(all(element, 'li.event')[1]?.querySelector('.clock-headline'))).toBe(
          'The deadline passed 31 minutes ago and no regulator notice is logged.'
        );
      } finally {
        jest.useRealTimers();
      }
    });
  });

  describe('links', () => {
    it.each([
      ['awaiting', 'Customer_Communication__c', 'Awaiting_Acknowledgement'],
      ['follow-ups', 'Customer_Communication__c', 'Follow_Ups_Due'],
      ['questionnaires', 'Security_Questionnaire__c', 'Due_This_Week'],
      ['controls', 'Trust_Control__c', 'Not_Operating'],
      ['library', 'Answer_Library_Entry__c', 'Needs_Review']
    ])('the %s figure opens its list view', async (key, objectApiName, filterName) => {
      const element = mount();
      await emit();

      const link = tile(element, key).querySelector('a') as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe(`/lightning/o/${objectApiName}/list?filterName=${filterName}`);
      link.click();

      expect(navigate).toHaveBeenCalledTimes(1);
      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__objectPage',
          attributes: { objectApiName, actionName: 'list' },
          state: { filterName }
        },
        undefined
      );
    });

    it('the pipeline figure opens the Pipeline at Risk by Gate report', async () => {
      const element = mount();
      await emit();

      const link = tile(element, 'pipeline').querySelector('a') as HTMLAnchorElement;
      expect(text(link)).toBe('View the Pipeline at Risk by Gate report');
      link.click();

      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__recordPage',
          attributes: { recordId: overviewData.pipelineReportId, objectApiName: 'Report', actionName: 'view' }
        },
        undefined
      );
    });

    it('the pipeline figure opens the Reports home when the report cannot be seen', async () => {
      const element = mount();
      const overview: Record<string, unknown> = { ...overviewData };
      delete overview.pipelineReportId;
      await emit(overview);

      const link = tile(element, 'pipeline').querySelector('a') as HTMLAnchorElement;
      expect(text(link)).toBe('View the Reports home');
      expect(link.getAttribute('href')).toBe('/lightning/o/Report/home');
      link.click();

      expect(navigate).toHaveBeenLastCalledWith(
        { type: 'standard__objectPage', attributes: { objectApiName: 'Report', actionName: 'home' } },
        undefined
      );
    });

    it('each crisis event opens its record, and the rest are one link away', async () => {
      const element = mount();
      await emit();

      const eventLink = one(element, '.event-name a') as HTMLAnchorElement;
      expect(eventLink.getAttribute('href')).toBe('/lightning/r/Crisis_Event__c/a0B000000000003AAA/view');
      eventLink.click();
      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__recordPage',
          attributes: { recordId: 'a0B000000000003AAA', objectApiName: 'Crisis_Event__c', actionName: 'view' }
        },
        undefined
      );

      (one(element, '.more-events a') as HTMLAnchorElement).click();
      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__objectPage',
          attributes: { objectApiName: 'Crisis_Event__c', actionName: 'list' },
          state: { filterName: 'All' }
        },
        undefined
      );
    });
  });

  describe('states', () => {
    it('says there is no open crisis event when there is none', async () => {
      const element = mount();
      await emit(with_({ crisis: { readable: true, openEvents: 0, events: [] } }));

      expect(text(one(element, '.no-crisis'))).toBe('No open crisis events');
      expect(one(element, 'li.event')).toBeNull();
      expect(one(element, '.more-events')).toBeNull();
      expect(one(element, '.tiles')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a dash, and says why to screen readers, for each figure the user may not read', async () => {
      const element = mount();
      await emit(
        with_({
          crisis: { readable: false, events: [] },
          communications: { readable: false },
          library: { readable: false },
          pipeline: {
            readable: false,
            gates: [],
            amountsComplete: false,
            atRiskAmountsComplete: false
          }
        })
      );

      for (const key of ['pipeline', 'awaiting', 'follow-ups', 'library']) {
        const value = tile(element, key).querySelector('.tile-value') as HTMLElement;
        expect(value.classList).toContain('tile-unavailable');
        expect(text(value.querySelector('[aria-hidden="true"]'))).toBe('—');
        expect(text(value.querySelector('.slds-assistive-text'))).toMatch(
          /^Not available: your access does not include /
        );
      }
      expect(tile(element, 'library').querySelector('a')).toBeNull();
      expect(text(tile(element, 'library').querySelector('.slds-assistive-text'))).toBe(
        'Not available: your access does not include the answer library.'
      );
      expect(tileValue(element, 'questionnaires')).toBe('2');
      expect(tileValue(element, 'controls')).toBe('5');
      expect(one(element, '.no-crisis')).toBeNull();
      expect(text(one(element, '.crisis-unavailable .slds-assistive-text'))).toBe(
        'Not available: your access does not include crisis events.'
      );
      expect(one(element, '.chart')).toBeNull();
      expect(text(one(element, '.pipeline-unavailable [aria-hidden="true"]'))).toBe('—');
      await expect(element).toBeAccessible();
    });

    it('shows a dash for the coverage of an event the user may not count', async () => {
      const element = mount();
      const [first, ...rest] = overviewData.crisis.events;
      await emit(
        with_({
          crisis: {
            ...overviewData.crisis,
            events: [
              { id: first?.id, name: first?.name, declaredAt: first?.declaredAt, coverageReadable: false },
              ...rest
            ]
          }
        })
      );

      const opinion = all(element, 'li.event').find((item) => item.dataset.id === first?.id);
      expect(text(opinion?.querySelector('.coverage-unavailable [aria-hidden="true"]'))).toBe('—');
      expect(opinion?.querySelector('.coverage-figures')).toBeNull();
      expect(opinion?.querySelector('lightning-progress-bar')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says so when there is no open deal', async () => {
      const element = mount();
      await emit(with_({ pipeline: { ...overviewData.pipeline, gates: [] } }));

      expect(text(one(element, '.no-pipeline'))).toBe('No open deals.');
      expect(tileValue(element, 'pipeline')).toBe('$0');
      await expect(element).toBeAccessible();
    });

    it('ignores a payload it does not recognise and keeps loading', async () => {
      const element = mount();
      await emit({ unexpected: true });

      expect(one(element, 'lightning-spinner')).not.toBeNull();
    });
  });
});
