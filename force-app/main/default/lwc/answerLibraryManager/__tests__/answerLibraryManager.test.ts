import { createElement } from 'lwc';
import AnswerLibraryManager from 'c/answerLibraryManager';
import getLibrary from '@salesforce/apex/AnswerLibraryController.getLibrary';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { navigate } from '../../../../../../config/jest/mocks/lightning/navigation';
import libraryData from './data/getLibrary.json';

jest.mock(
  '@salesforce/apex/AnswerLibraryController.getLibrary',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}

const libraryAdapter = getLibrary as unknown as TestWireAdapter;

type Library = typeof libraryData;
type Entry = Library['entries'][number];

function mount(): HTMLElement {
  const element = createElement('c-answer-library-manager', { is: AnswerLibraryManager });
  document.body.appendChild(element);
  return element;
}

function all<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
  return [...(element.shadowRoot as ShadowRoot).querySelectorAll<T>(selector)];
}

function one<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return (element.shadowRoot as ShadowRoot).querySelector<T>(selector);
}

/** An element of the empty state shown when the filters match nothing (c-no-match, a child with its own shadow root). */
function inNoMatch(element: HTMLElement, selector: string): HTMLElement | null {
  const host = (element.shadowRoot as ShadowRoot).querySelector('c-no-match');
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

/** An element of the table's pager (c-paginator, a child component with its own shadow root). */
function inPager<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return one(element, 'c-paginator')?.shadowRoot?.querySelector<T>(selector) ?? null;
}

/** Lets pending promises settle and the component re-render. */
async function flush(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

async function emit(library: unknown = libraryData): Promise<void> {
  libraryAdapter.emit(library);
  await flush();
}

function rowIds(element: HTMLElement): string[] {
  return all(element, 'tr.entry-row').map((row) => row.dataset.id ?? '');
}

function rowOf(element: HTMLElement, id: string): HTMLElement {
  const row = all(element, 'tr.entry-row').find((candidate) => candidate.dataset.id === id);
  if (!row) throw new Error(`No row for ${id}`);
  return row;
}

function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function check(element: HTMLElement, selector: string, checked: boolean): void {
  const input = one<HTMLInputElement>(element, selector);
  if (!input) throw new Error(`No ${selector}`);
  input.checked = checked;
  input.dispatchEvent(new CustomEvent('change'));
}

/** `count` approved entries with distinct questions, for paging. */
function manyEntries(count: number): Library {
  const entries: Entry[] = Array.from({ length: count }, (_, i) => ({
    id: `a0B${String(i).padStart(12, '0')}AAA`,
    name: `Entry ${String(i).padStart(3, '0')}`,
    entryKey: `entry-${i}`,
    question: `Question about topic${i} number${i * 7} area${i * 13}?`,
    status: 'Approved',
    category: 'Security',
    ownerId: '005000000000001AAA',
    ownerName: 'Priya Raman',
    reviewIntervalDays: 180,
    lastReviewedOn: '2026-10-01',
    nextReviewOn: '2027-03-30'
  }));
  return { ...libraryData, entries };
}

describe('c-answer-library-manager', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  describe('loading, error and empty states', () => {
    it('shows a spinner until the library arrives', async () => {
      const element = mount();
      await flush();
      expect(one(element, 'lightning-spinner')).not.toBeNull();
      expect(one(element, 'table')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the library cannot be loaded', async () => {
      const element = mount();
      libraryAdapter.error({ message: 'You cannot see the answer library.' });
      await flush();
      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, 'c-error-panel');
      expect(panel?.friendlyMessage).toBe("We couldn't load the answer library.");
      expect(panel?.errors).toBeTruthy();
      expect(one(element, 'lightning-spinner')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says so when the library is empty', async () => {
      const element = mount();
      await emit({ ...libraryData, entries: [] });
      expect(text(one(element, '.empty-state'))).toContain('No library entries yet');
      expect(one(element, 'table')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('ignores a payload that is not a library', async () => {
      const element = mount();
      await emit({ nothing: true });
      expect(one(element, 'lightning-spinner')).not.toBeNull();
    });
  });

  describe('the library', () => {
    it('lists every entry with its owner, status, review interval and review dates', async () => {
      const element = mount();
      await emit();

      expect(rowIds(element)).toEqual(libraryData.entries.map((entry) => entry.id));
      const first = rowOf(element, 'a0B000000000001AAA');
      expect(text(first.querySelector('th a'))).toBe('Encryption at rest');
      expect(text(first.querySelector('th div'))).toBe('sec-encryption-at-rest');
      expect(text(first.querySelectorAll('td')[0])).toBe('Priya Raman');
      expect(text(first.querySelector('.status'))).toBe('Approved');
      expect(first.querySelector('.excluded')).toBeNull();
      expect(text(first.querySelector('.interval'))).toBe('180 days');
      const dates = [
        ...first.querySelectorAll<HTMLElement & { value: string }>('lightning-formatted-date-time')
      ];
      expect(dates.map((date) => date.value)).toEqual(['2026-03-01', '2026-08-28']);
      expect(text(one(element, '.summary'))).toBe(
        'Showing 7 of 7 entries · 3 approved · 2 flagged · 1 overdue review · 1 possible duplicate'
      );
      await expect(element).toBeAccessible();
    });

    it('says in words that a review is overdue, or that an approved entry was never reviewed', async () => {
      const element = mount();
      await emit();

      const overdue = rowOf(element, 'a0B000000000001AAA');
      expect(overdue.querySelector<HTMLElement & { label: string }>('.overdue-badge')?.label).toBe('Overdue');
      const current = rowOf(element, 'a0B000000000002AAA');
      expect(current.querySelector('.overdue-badge')).toBeNull();
      expect(current.querySelector('.review-note')).toBeNull();
      const never = rowOf(element, 'a0B000000000004AAA');
      expect(text(never.querySelector('.review-note'))).toBe('Never reviewed');
      const flagged = rowOf(element, 'a0B000000000003AAA');
      expect(flagged.querySelector('.overdue-badge')).toBeNull();
      expect(text(rowOf(element, 'a0B000000000005AAA').querySelector('.interval'))).toBe('Not set');
      expect(text(rowOf(element, 'a0B000000000006AAA').querySelectorAll('td')[0])).toBe('No owner');
    });

    it('lists flagged entries with the reason they are excluded from auto-answer', async () => {
      const element = mount();
      await emit();

      expect(text(one(element, '#flagged-heading'))).toBe(
        'Flagged for review: excluded from auto-answer (2)'
      );
      const flagged = all(element, '.flagged-entry');
      expect(flagged.map((entry) => text(entry.querySelector('a')))).toEqual([
        'Administrator MFA',
        'Emergency changes'
      ]);
      expect(text(flagged[0]?.querySelector('.flag-reason'))).toBe(
        'Relies on ADM-01, now Remediation In Progress (FY2026 audit exception on CC6.8).'
      );
      expect(text(flagged[1]?.querySelector('.flag-reason'))).toBe('No reason recorded.');
      expect(flagged[1]?.querySelector('lightning-formatted-date-time')).toBeNull();
      for (const id of ['a0B000000000003AAA', 'a0B000000000005AAA', 'a0B000000000006AAA']) {
        expect(text(rowOf(element, id).querySelector('.excluded'))).toBe('Excluded from auto-answer');
      }
      await expect(element).toBeAccessible();
    });

    it('lists near-duplicate questions, leaving retired entries out', async () => {
      const element = mount();
      await emit();

      expect(text(one(element, '#duplicates-heading'))).toBe('Possible duplicates (1)');
      const pairs = all(element, 'tr.pair-row');
      expect(pairs).toHaveLength(1);
      expect([...(pairs[0]?.querySelectorAll('th, td') ?? [])].map((cell) => text(cell))).toEqual([
        'Encryption at rest',
        'Data encrypted at rest',
        '100% of words shared'
      ]);
      expect(text(rowOf(element, 'a0B000000000001AAA').querySelector('.duplicates-cell'))).toBe(
        'Data encrypted at rest (100%)'
      );
      expect(text(rowOf(element, 'a0B000000000006AAA').querySelector('.duplicates-cell'))).toBe('');
      expect(one(element, '.more-pairs')).toBeNull();
    });

    it('says how many more pairs there are beyond the first fifty', async () => {
      const element = mount();
      const entries = Array.from({ length: 60 }, (_, i) => [
        {
          id: `a0B${String(i * 2).padStart(12, '0')}AAA`,
          name: `A${i}`,
          question: `Do you rotate key${i}?`,
          status: 'Draft'
        },
        {
          id: `a0B${String(i * 2 + 1).padStart(12, '0')}AAA`,
          name: `B${i}`,
          question: `Is key${i} rotated?`,
          status: 'Draft'
        }
      ]).flat();
      await emit({ asOf: '2026-11-20', entries });
      expect(all(element, 'tr.pair-row')).toHaveLength(50);
      expect(text(one(element, '.more-pairs'))).toBe('And 10 more pairs.');
    });

    it('says when the library was cut at 5,000 entries', async () => {
      const element = mount();
      await emit({ ...libraryData, truncated: true });
      expect(text(one(element, '.truncated-notice'))).toContain('first 5,000 entries');
    });

    it('opens an entry in its record page', async () => {
      const element = mount();
      await emit();
      rowOf(element, 'a0B000000000002AAA')
        .querySelector('th a')
        ?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      expect(navigate).toHaveBeenCalledWith(
        {
          type: 'standard__recordPage',
          attributes: {
            recordId: 'a0B000000000002AAA',
            objectApiName: 'Answer_Library_Entry__c',
            actionName: 'view'
          }
        },
        undefined
      );
    });
  });

  describe('filters and pages', () => {
    it('filters by status', async () => {
      const element = mount();
      await emit();
      one(element, '.status-filter')?.dispatchEvent(
        new CustomEvent('change', { detail: { value: 'Needs Review' } })
      );
      await flush();
      expect(rowIds(element)).toEqual(['a0B000000000003AAA', 'a0B000000000007AAA']);
      expect(text(one(element, '.summary'))).toMatch(/^Showing 2 of 7 entries/);
    });

    it('shows overdue reviews only, or possible duplicates only, and clears the filters', async () => {
      const element = mount();
      await emit();

      check(element, '.overdue-filter', true);
      await flush();
      expect(rowIds(element)).toEqual(['a0B000000000001AAA']);

      check(element, '.overdue-filter', false);
      check(element, '.duplicates-filter', true);
      await flush();
      expect(rowIds(element)).toEqual(['a0B000000000001AAA', 'a0B000000000002AAA']);

      one(element, '.status-filter')?.dispatchEvent(
        new CustomEvent('change', { detail: { value: 'Draft' } })
      );
      await flush();
      expect(rowIds(element)).toEqual([]);
      expect(text(inNoMatch(element, '.message'))).toBe('No entries match these filters.');
      await expect(element).toBeAccessible();

      inNoMatch(element, '.clear-filters')?.click();
      await flush();
      expect(rowIds(element)).toHaveLength(7);
    });

    it('pages through a large library fifty entries at a time', async () => {
      const element = mount();
      await emit(manyEntries(120));

      expect(rowIds(element)).toHaveLength(50);
      expect(text(inPager(element, '.page-text'))).toBe('Page 1 of 3');
      expect(inPager<HTMLElement & { disabled: boolean }>(element, '.previous-page')?.disabled).toBe(true);

      inPager(element, '.next-page')?.click();
      await flush();
      inPager(element, '.next-page')?.click();
      await flush();
      expect(text(inPager(element, '.page-text'))).toBe('Page 3 of 3');
      expect(rowIds(element)).toHaveLength(20);
      expect(inPager<HTMLElement & { disabled: boolean }>(element, '.next-page')?.disabled).toBe(true);

      inPager(element, '.previous-page')?.click();
      await flush();
      expect(text(inPager(element, '.page-text'))).toBe('Page 2 of 3');
      expect(rowIds(element)[0]).toBe('a0B000000000050AAA');
      await expect(element).toBeAccessible();
    });
  });
});
