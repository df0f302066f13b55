import { createElement } from 'lwc';
import ControlBoard from 'c/controlBoard';
import getBoard from '@salesforce/apex/ControlBoardController.getBoard';
import * as objectInfoApi from 'lightning/uiObjectInfoApi';
import { updateRecord } from 'lightning/uiRecordApi';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import { navigate } from '../../../../../../config/jest/mocks/lightning/navigation';
import boardData from './data/getBoard.json';
import objectInfo from './data/getObjectInfo.json';
import picklistValues from './data/getPicklistValues.json';

jest.mock(
  '@salesforce/apex/ControlBoardController.getBoard',
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
}

const boardAdapter = getBoard as unknown as TestWireAdapter;
// A namespace import: the LDS stubs are driven through their test API, not wired.
const objectInfoAdapter = objectInfoApi.getObjectInfo as unknown as TestWireAdapter;
const picklistAdapter = objectInfoApi.getPicklistValues as unknown as TestWireAdapter;

type Board = typeof boardData;
type Control = Board['controls'][number];

interface ComboboxElement extends HTMLElement {
  value: string;
  readOnly: boolean;
  options: Array<{ label: string; value: string }>;
}

function mount(): HTMLElement {
  const element = createElement('c-control-board', { is: ControlBoard });
  document.body.appendChild(element);
  return element;
}

function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

function all<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
  return [...shadow(element).querySelectorAll<T>(selector)];
}

function one<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return shadow(element).querySelector<T>(selector);
}

/** An element of the empty state shown when the filters match nothing (c-no-match, a child with its own shadow root). */
function inNoMatch(element: HTMLElement, selector: string): HTMLElement | null {
  const host = (element.shadowRoot as ShadowRoot).querySelector('c-no-match');
  return host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

/** Lets wire emissions, promises and re-renders settle. */
function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function emitBoard(board: unknown = boardData): Promise<void> {
  boardAdapter.emit(board);
  await flush();
}

/** Elements inside the groups, each rendered by a c-control-board-group in its own shadow tree. */
function inGroups<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
  return all(element, 'c-control-board-group').flatMap((group) => [
    ...(group.shadowRoot as ShadowRoot).querySelectorAll<T>(selector)
  ]);
}

function rowIds(element: HTMLElement): string[] {
  return inGroups(element, 'tr.control-row').map((row) => row.dataset.id ?? '');
}

function rowOf(element: HTMLElement, controlId: string): HTMLElement {
  const control = boardData.controls.find((candidate) => candidate.controlId === controlId);
  const row = inGroups(element, 'tr.control-row').find((candidate) => candidate.dataset.id === control?.id);
  if (!row) throw new Error(`No row for ${controlId}`);
  return row;
}

function changeCombobox(combobox: HTMLElement, value: string): void {
  combobox.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

/** A board of `count` controls, each mapped to one of 20 criteria across the security series. */
function largeBoard(count: number): Board {
  const criteria = Array.from({ length: 20 }, (_, i) => ({
    id: `CC${(i % 9) + 1}.${Math.floor(i / 9) + 1}`,
    shortLabel: `Criterion ${i}`,
    category: 'Security',
    series: `CC${(i % 9) + 1}`,
    seriesLabel: `Series ${(i % 9) + 1}`,
    sortOrder: i
  }));
  const controls: Control[] = Array.from({ length: count }, (_, i) => ({
    id: `a05${String(i).padStart(12, '0')}AAA`,
    name: `Control ${i}`,
    controlId: `CTL-${String(i).padStart(3, '0')}`,
    ownerId: `005${String(i % 7).padStart(12, '0')}AAA`,
    ownerName: `Owner ${i % 7}`,
    status: i % 3 === 0 ? 'Remediated - Evidence Accruing' : 'Operating',
    remediationDue: '2026-09-30',
    remediatedOn: '2026-09-14',
    windowDays: 90,
    cadence: 'Weekly',
    surfaces: ['Backups'],
    criteria: [criteria[i % criteria.length]?.id ?? 'CC1.1'],
    evidence: [{ sampledOn: '2026-11-16', result: 'Pass' }],
    openExceptionIds: []
  }));
  return { ...boardData, criteria, controls };
}

describe('c-control-board', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  describe('loading, error and empty states', () => {
    it('shows a spinner until the board arrives', async () => {
      const element = mount();
      await flush();

      expect(one(element, 'lightning-spinner')).not.toBeNull();
      expect(one(element, 'table')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows the error panel when the board cannot be loaded', async () => {
      const element = mount();
      boardAdapter.error({ message: 'You cannot see Trust Desk controls.' });
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, 'c-error-panel');
      expect(panel?.friendlyMessage).toBe("We couldn't load the control board.");
      expect(panel?.errors).toBeTruthy();
      expect(one(element, 'lightning-spinner')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says so when there are no controls', async () => {
      const element = mount();
      await emitBoard({ ...boardData, controls: [], criteria: [] });

      expect(one(element, '.empty-state')?.textContent).toContain('No trust controls yet');
      expect(one(element, 'table')).toBeNull();
      expect(one(element, '.toggle-all')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('with data', () => {
    it('groups controls by category and criteria series, a control in every series it serves', async () => {
      const element = mount();
      await emitBoard();

      expect(all(element, 'section.category h3').map((h) => h.textContent)).toEqual([
        'Security',
        'Availability',
        'Not mapped to criteria'
      ]);
      expect(inGroups(element, '.group-title').map((t) => t.textContent)).toEqual([
        'CC6 · Logical and physical access',
        'CC7 · System operations',
        'A1 · Additional criteria for availability',
        'No criteria'
      ]);
      expect(inGroups(element, '.group-count').map((t) => t.textContent)).toEqual([
        '3 controls, 2 not operating',
        '1 control, 1 not operating',
        '1 control, 0 not operating',
        '1 control, 0 not operating'
      ]);
      expect(rowIds(element)).toHaveLength(6);
      expect(one(element, '.status-line')?.textContent).toBe('Showing 5 of 5 controls in 4 groups.');
      expect(one(element, '.status-line')?.getAttribute('role')).toBe('status');
      await expect(element).toBeAccessible();
    });

    it('shows owner, status, due date, evidence-window progress and open exceptions on each row', async () => {
      const element = mount();
      await emitBoard();

      const log = rowOf(element, 'LOG-01');
      expect(log.querySelector('th[scope="row"] a')?.textContent).toBe('LOG-01');
      expect(log.querySelectorAll('td')[0]?.textContent).toBe('Dana Lee');
      expect(log.querySelector<ComboboxElement>('.status-select')?.value).toBe(
        'Remediated - Evidence Accruing'
      );
      const progress = log.querySelector<HTMLElement & { value: number }>('lightning-progress-bar');
      expect(progress?.value).toBe(74);
      const bar = progress?.shadowRoot?.querySelector('[role="progressbar"]');
      expect(bar?.getAttribute('aria-label')).toBe('Evidence window for LOG-01: 67 of 90 clean days');
      expect(bar?.getAttribute('aria-valuenow')).toBe('74');
      expect(log.querySelector('.window-text')?.textContent).toBe('67 of 90 clean days');
      expect(log.querySelector('.window-detail')?.textContent).toBe(
        'Ready Dec 13, 2026 · 1 missing weekly sample'
      );
      expect(log.querySelector('.window-detail')?.classList).toContain('slds-text-color_error');
      const link = log.querySelector('.exceptions-link');
      expect(link?.textContent).toBe('2 open');
      expect(link?.getAttribute('aria-label')).toBe('2 open audit exceptions on LOG-01');
      expect(log.querySelector('.overdue-badge')).toBeNull();

      const adm = rowOf(element, 'ADM-01');
      expect(adm.querySelector('.due-date')?.textContent).toBe('Nov 15, 2026');
      expect(adm.querySelector('.overdue-badge')?.textContent).toBe('Overdue');
      expect(adm.querySelector('lightning-progress-bar')).toBeNull();
      expect(adm.querySelector('.window-text')?.textContent).toBe('Starts when remediated');
      expect(adm.querySelector('.exceptions-link')).toBeNull();
      expect(adm.querySelectorAll('td')[4]?.textContent).toBe('None');

      expect(rowOf(element, 'ENC-01').querySelector('.window-text')?.textContent).toBe('Operating');
      expect(rowOf(element, 'PHY-01').querySelector('.window-text')?.textContent).toBe('Not applicable');
    });

    it.each([
      {
        rule: 'a failure after remediation restarts the window',
        board: {
          ...boardData,
          controls: boardData.controls.map((control) => {
            if (control.controlId !== 'LOG-01') return control;
            return {
              ...control,
              evidence: [{ sampledOn: '2026-10-07', result: 'Fail' }, ...control.evidence]
            };
          })
        },
        days: '43 of 90 clean days',
        detail: 'Ready Jan 6, 2027 · 1 missing weekly sample · restarted after Fail on Oct 7, 2026'
      },
      {
        rule: 'evidence loaded from after the remediation is flagged',
        board: { ...boardData, evidenceFrom: '2026-10-01' },
        days: '67 of 90 clean days',
        detail: 'Ready Dec 13, 2026 · 1 missing weekly sample · earlier evidence not loaded'
      }
    ])('explains the window when $rule', async ({ board, days, detail }) => {
      const element = mount();
      await emitBoard(board);

      const log = rowOf(element, 'LOG-01');
      expect(log.querySelector('.window-text')?.textContent).toBe(days);
      expect(log.querySelector('.window-detail')?.textContent).toBe(detail);
    });

    it('opens the control and its audit exceptions related list', async () => {
      const element = mount();
      await emitBoard();
      const log = rowOf(element, 'LOG-01');

      log.querySelector<HTMLElement>('.exceptions-link')?.click();
      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__recordRelationshipPage',
          attributes: {
            recordId: 'a05000000000001AAA',
            objectApiName: 'Trust_Control__c',
            relationshipApiName: 'Audit_Exceptions__r',
            actionName: 'view'
          }
        },
        undefined
      );

      log.querySelector<HTMLElement>('th[scope="row"] a')?.click();
      expect(navigate).toHaveBeenLastCalledWith(
        {
          type: 'standard__recordPage',
          attributes: {
            recordId: 'a05000000000001AAA',
            objectApiName: 'Trust_Control__c',
            actionName: 'view'
          }
        },
        undefined
      );
    });

    it('collapses and expands a group', async () => {
      const element = mount();
      await emitBoard();
      const toggle = inGroups(element, '.group-toggle')[0] as HTMLElement;
      expect(toggle.getAttribute('aria-expanded')).toBe('true');

      toggle.click();
      await flush();
      expect(inGroups(element, '.group-toggle')[0]?.getAttribute('aria-expanded')).toBe('false');
      expect(rowIds(element)).toHaveLength(3);
      expect((one(element, '.toggle-all') as HTMLElement & { label: string }).label).toBe('Expand all');
      await expect(element).toBeAccessible();

      (one(element, '.toggle-all') as HTMLElement).click();
      await flush();
      expect(rowIds(element)).toHaveLength(6);
    });
  });

  describe('filters', () => {
    it.each([
      ['status', '.status-filter', 'Operating', ['ENC-01', 'BCK-01']],
      ['owner', '.owner-filter', '005000000000002AAA', ['ADM-01', 'BCK-01']],
      ['surface', '.surface-filter', 'Encryption', ['ENC-01']]
    ])('filters by %s', async (_name, selector, value, expected) => {
      const element = mount();
      await emitBoard();

      changeCombobox(one(element, selector) as HTMLElement, value);
      await flush();

      const ids = new Set(rowIds(element));
      const shown = boardData.controls.filter((c) => ids.has(c.id)).map((c) => c.controlId);
      expect(shown).toEqual(expected);
      expect(one(element, '.status-line')?.textContent).toContain(`Showing ${expected.length} of 5 controls`);
    });

    it('offers every owner and surface on the board once', async () => {
      const element = mount();
      await emitBoard();

      expect(one<ComboboxElement>(element, '.owner-filter')?.options.map((o) => o.label)).toEqual([
        'All owners',
        'Dana Lee',
        'Facilities Queue',
        'Sam Ortiz'
      ]);
      expect(one<ComboboxElement>(element, '.surface-filter')?.options.map((o) => o.value)).toEqual([
        '',
        'Admin Console Access',
        'API Integration Logging',
        'Backups',
        'Customer Portal Exports',
        'Encryption'
      ]);
    });

    it('shows only overdue remediations, and clears back to everything', async () => {
      const element = mount();
      await emitBoard();
      const overdue = one<HTMLInputElement>(element, '.overdue-filter') as HTMLInputElement;

      overdue.checked = true;
      overdue.dispatchEvent(new CustomEvent('change'));
      await flush();
      expect(rowIds(element)).toEqual(['a05000000000002AAA']);

      changeCombobox(one(element, '.status-filter') as HTMLElement, 'Operating');
      await flush();
      expect(rowIds(element)).toEqual([]);
      expect(inNoMatch(element, '.message')?.textContent).toBe('No controls match these filters.');
      expect(one(element, '.status-line')?.textContent).toBe('Showing 0 of 5 controls in 0 groups.');
      await expect(element).toBeAccessible();

      (inNoMatch(element, '.clear-filters') as HTMLElement).click();
      await flush();
      expect(rowIds(element)).toHaveLength(6);
    });
  });

  describe('status changes', () => {
    async function editableBoard(): Promise<HTMLElement> {
      const element = mount();
      objectInfoAdapter.emit(objectInfo);
      picklistAdapter.emit(picklistValues);
      await emitBoard();
      return element;
    }

    it('changes the status in place and confirms with a toast', async () => {
      const element = await editableBoard();
      const toast = jest.fn<void, [Event]>();
      element.addEventListener('lightning__showtoast', toast);
      const combobox = rowOf(element, 'ADM-01').querySelector<ComboboxElement>(
        '.status-select'
      ) as ComboboxElement;
      expect(combobox.readOnly).toBe(false);
      expect(one(element, '.read-only-notice')).toBeNull();

      changeCombobox(combobox, 'Remediated - Evidence Accruing');
      await flush();

      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: 'a05000000000002AAA', Status__c: 'Remediated - Evidence Accruing' }
      });
      expect(toast).toHaveBeenCalledTimes(1);
      expect(
        (toast.mock.calls[0]?.[0] as CustomEvent<{ title: string; message: string }>).detail
      ).toMatchObject({
        title: 'Status updated',
        message: 'ADM-01 is now Remediated - Evidence Accruing.',
        variant: 'success'
      });
      expect(rowOf(element, 'ADM-01').querySelector('.overdue-badge')).toBeNull();
      expect(one(element, 'c-error-panel')).toBeNull();
    });

    it('shows the error panel and keeps the old status when the change is rejected', async () => {
      jest.mocked(updateRecord).mockRejectedValueOnce({
        body: { message: 'Remediated On is required when the status is Remediated - Evidence Accruing.' }
      });
      const element = await editableBoard();
      const toast = jest.fn<void, [Event]>();
      element.addEventListener('lightning__showtoast', toast);
      const combobox = rowOf(element, 'ADM-01').querySelector<ComboboxElement>(
        '.status-select'
      ) as ComboboxElement;

      changeCombobox(combobox, 'Remediated - Evidence Accruing');
      await flush();

      const panel = one<HTMLElement & { friendlyMessage: string; errors: unknown }>(element, '.update-error');
      expect(panel?.friendlyMessage).toBe("We couldn't change the status of ADM-01.");
      expect(panel?.errors).toEqual({
        body: { message: 'Remediated On is required when the status is Remediated - Evidence Accruing.' }
      });
      const recreated = rowOf(element, 'ADM-01').querySelector<ComboboxElement>('.status-select');
      expect(recreated).not.toBe(combobox);
      expect(recreated?.value).toBe('Remediation In Progress');
      expect(toast).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('does nothing when the same status is chosen again', async () => {
      const element = await editableBoard();
      const combobox = rowOf(element, 'ADM-01').querySelector<ComboboxElement>(
        '.status-select'
      ) as ComboboxElement;

      changeCombobox(combobox, 'Remediation In Progress');
      await flush();

      expect(updateRecord).not.toHaveBeenCalled();
    });
  });

  describe('permission-limited', () => {
    it('keeps the status read-only when the user cannot edit it', async () => {
      const element = mount();
      objectInfoAdapter.emit({
        ...objectInfo,
        fields: { Status__c: { apiName: 'Status__c', updateable: false } }
      });
      await emitBoard();

      const comboboxes = inGroups<ComboboxElement>(element, '.status-select');
      expect(comboboxes).toHaveLength(6);
      expect(comboboxes.every((combobox) => combobox.readOnly)).toBe(true);
      expect(one(element, '.read-only-notice')?.textContent).toContain(
        "see each control's status but not change it"
      );
      await expect(element).toBeAccessible();
    });

    it('shows controls without the criteria, evidence and exceptions the user cannot read', async () => {
      const element = mount();
      await emitBoard({
        ...boardData,
        access: { criteria: false, evidence: false, exceptions: false },
        criteria: [],
        controls: boardData.controls.map((control) => ({
          ...control,
          criteria: [],
          evidence: [],
          openExceptionIds: []
        }))
      });

      expect(inGroups(element, '.group-title').map((t) => t.textContent)).toEqual(['All controls']);
      expect(rowIds(element)).toHaveLength(5);
      expect(one(element, '.limited-access')?.textContent).toBe(
        'Your access does not include criteria, evidence, audit exceptions, so they are not shown.'
      );
      const log = rowOf(element, 'LOG-01');
      expect(log.querySelector('lightning-progress-bar')).toBeNull();
      expect(log.querySelector('.window-text')?.textContent).toBe('Evidence not visible to you');
      expect(log.querySelectorAll('td')[4]?.textContent).toBe('Not visible');
      await expect(element).toBeAccessible();
    });

    it('says when the board holds only the first controls', async () => {
      const element = mount();
      await emitBoard({ ...boardData, controlsTruncated: true });

      expect(one(element, '.truncated-notice')?.textContent).toContain('Only the first 2,000 controls');
    });
  });

  describe('500 controls', () => {
    it('starts collapsed with every group present, and expands to every row', async () => {
      const element = mount();
      await emitBoard(largeBoard(500));

      const groups = all(element, 'c-control-board-group');
      expect(groups).toHaveLength(9);
      expect(rowIds(element)).toHaveLength(0);
      expect(one(element, '.status-line')?.textContent).toBe('Showing 500 of 500 controls in 9 groups.');
      const counted = inGroups(element, '.group-count')
        .map((count) => Number(/^(\d+) control/.exec(count.textContent ?? '')?.[1]))
        .reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(500);

      (one(element, '.toggle-all') as HTMLElement).click();
      await flush();

      const ids = rowIds(element);
      expect(ids).toHaveLength(500);
      expect(new Set(ids).size).toBe(500);
      expect(inGroups(element, 'lightning-progress-bar')).toHaveLength(500);
    });

    it('filters 500 controls by owner without expanding them', async () => {
      const element = mount();
      await emitBoard(largeBoard(500));

      changeCombobox(one(element, '.owner-filter') as HTMLElement, `005${'0'.repeat(12)}AAA`);
      await flush();

      expect(one(element, '.status-line')?.textContent).toBe('Showing 72 of 500 controls in 9 groups.');
      const counted = inGroups(element, '.group-count')
        .map((count) => Number(/^(\d+) control/.exec(count.textContent ?? '')?.[1]))
        .reduce((sum, n) => sum + n, 0);
      expect(counted).toBe(72);
      expect(rowIds(element)).toHaveLength(0);
    });
  });
});
