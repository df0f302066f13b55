import { createElement } from 'lwc';
import ComplianceGate, { daysBetween, evidenceProgress, type GateView } from 'c/complianceGate';
import getGateView from '@salesforce/apex/ComplianceGateController.getGateView';
import opportunityFixture from './data/getGateView.json';
import accountFixture from './data/getGateViewAccount.json';

jest.mock(
  '@salesforce/apex/ComplianceGateController.getGateView',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<{
      createApexTestWireAdapter: (fn: jest.Mock) => unknown;
    }>('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

// The platform's progress bar takes `ariaLabel` as a property; sfdx-lwc-jest's stub does not (see the stand-in).
jest.mock('lightning/progressBar', () => jest.requireActual<object>('./data/progressBar/progressBar'));

/** The test adapter sfdx-lwc-jest puts in place of the Apex method. */
interface ApexTestWireAdapter extends jest.Mock {
  emit(value: unknown): void;
  error(body?: unknown): void;
  getLastConfig(): unknown;
  readonly adapter: { readonly prototype: { update(config: unknown): void } };
}

const apex = getGateView as unknown as ApexTestWireAdapter;
const OPPORTUNITY: GateView = opportunityFixture as unknown as GateView;
const ACCOUNT: GateView = accountFixture as unknown as GateView;
const OPPORTUNITY_ID = '006000000000001AAA';
const ACCOUNT_ID = '001000000000001AAA';

type ComplianceGateElement = HTMLElement & { recordId?: string; objectApiName?: string };

function mount(recordId = OPPORTUNITY_ID, objectApiName = 'Opportunity'): ComplianceGateElement {
  const element: ComplianceGateElement = createElement('c-compliance-gate', { is: ComplianceGate });
  element.recordId = recordId;
  element.objectApiName = objectApiName;
  document.body.appendChild(element);
  return element;
}

/** Lets the wire, the render and the copy handler's awaited promises settle. */
async function flush(): Promise<void> {
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
  await Promise.resolve();
}

async function show(view: GateView, recordId = OPPORTUNITY_ID, objectApiName = 'Opportunity') {
  const element = mount(recordId, objectApiName);
  apex.emit(view);
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

function prop<T>(node: HTMLElement | null, name: string): T {
  return (node as unknown as Record<string, T>)[name] as T;
}

/** The accessible name of a progress bar: the label of its `role="progressbar"` element. */
function progressBarName(bar: HTMLElement | null | undefined): string | null {
  return bar?.shadowRoot?.querySelector('[role="progressbar"]')?.getAttribute('aria-label') ?? null;
}

function withControlStatus(view: GateView, controlId: string, status: string): GateView {
  return {
    ...view,
    controls: view.controls.map((control) => {
      return control.controlId === controlId ? { ...control, status } : control;
    })
  };
}

describe('c-compliance-gate', () => {
  let updateSpy: jest.SpyInstance;

  beforeEach(() => {
    updateSpy = jest.spyOn(apex.adapter.prototype, 'update');
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    updateSpy.mockRestore();
    jest.clearAllMocks();
  });

  describe('first render', () => {
    it('shows a spinner with assistive text until the view arrives', async () => {
      const element = mount();
      await flush();

      const spinner = $(element, 'lightning-spinner');
      expect(prop<string>(spinner, 'alternativeText')).toBe('Loading the compliance gate');
      expect($(element, '.gate')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('reads everything in one server round trip', async () => {
      const element = await show(OPPORTUNITY);

      expect(updateSpy).toHaveBeenCalledTimes(1);
      expect(updateSpy).toHaveBeenCalledWith({ recordId: OPPORTUNITY_ID }, undefined);
      expect(apex.getLastConfig()).toEqual({ recordId: OPPORTUNITY_ID });
      expect(apex).not.toHaveBeenCalled();
      expect($(element, '.gate')).not.toBeNull();
    });

    it('shows the error panel when the view cannot be read', async () => {
      const element = mount();
      apex.error({ message: 'You do not have access to the buyer requirements.' });
      await flush();

      const panel = $(element, 'c-error-panel');
      expect(panel).not.toBeNull();
      expect(prop<string>(panel, 'friendlyMessage')).toBe("We couldn't load the compliance gate.");
      expect(prop<{ body: { message: string } }>(panel, 'errors').body.message).toBe(
        'You do not have access to the buyer requirements.'
      );
      expect($(element, '.gate')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('gate states', () => {
    it('Blocked: badge with icon and text, reasons, affected criteria and their fixes', async () => {
      const element = await show(OPPORTUNITY);

      const badge = $(element, 'lightning-badge');
      expect(prop<string>(badge, 'label')).toBe('Blocked');
      expect(prop<string>(badge, 'iconName')).toBe('utility:ban');
      expect(badge?.className).toContain('slds-theme_error');
      expect(text(element, '.headline')).toBe('Procurement is blocked');
      expect(text(element, '.summary')).toBe('CC6.1: a control is still being remediated.');
      expect($(element, '.expected-clear')).toBeNull();
      expect($(element, '.refresh-note')).toBeNull();

      const reasons = $$(element, '.reason').map((li) => li.textContent);
      expect(reasons).toContain('CC6.1: a control is still being remediated.');
      expect(reasons.some((reason) => reason?.startsWith('CC7.2: fixed on 2026-03-02'))).toBe(true);

      expect($$(element, '.criterion-heading').map((p) => p.textContent)).toEqual([
        'CC6.1 Logical access security',
        'CC7.2 Monitoring for anomalies'
      ]);
      expect($$(element, '.control-summary').map((p) => p.textContent)).toEqual([
        'Administrator access now requires a second approver.',
        'API integration logs are retained for a year and reviewed weekly.'
      ]);
      await expect(element).toBeAccessible();
    });

    it('shows the evidence window of a control accruing evidence as a labelled progress bar', async () => {
      const element = await show(OPPORTUNITY);

      const bars = $$(element, 'lightning-progress-bar.evidence-window');
      expect(bars).toHaveLength(1);
      expect(prop<number>(bars[0] ?? null, 'value')).toBe(67);
      expect(progressBarName(bars[0])).toBe('LOG-01 evidence window: 60 of 90 clean days');
      expect(text(element, '.evidence-days')).toBe('60 of 90 clean days');
      expect(prop<string>($(element, '.latest-evidence lightning-formatted-date-time'), 'value')).toBe(
        '2026-04-27'
      );
    });

    it('shows the re-audit date and the current cycle', async () => {
      const element = await show(OPPORTUNITY);

      expect(text(element, '.cycle')).toBe('SOC 2 Type II FY2025: Qualified opinion');
      expect(prop<string>($(element, '.reaudit-date lightning-formatted-date-time'), 'value')).toBe(
        '2027-03-15'
      );
    });

    it('At Risk: notes that the stored gate is being refreshed when it differs from the live one', async () => {
      const element = await show(withControlStatus(OPPORTUNITY, 'ACC-01', 'Operating'));

      const badge = $(element, 'lightning-badge');
      expect(prop<string>(badge, 'label')).toBe('At Risk');
      expect(prop<string>(badge, 'iconName')).toBe('utility:warning');
      expect(text(element, '.headline')).toBe('Procurement can proceed with caveats');
      expect(prop<string>($(element, '.expected-clear lightning-formatted-date-time'), 'value')).toBe(
        '2027-03-15'
      );
      expect(text(element, '.refresh-note')).toBe(
        'Refreshing: the gate stored on this deal says Blocked; reports will show At Risk once it is updated.'
      );
      expect($(element, '.refresh-note')?.getAttribute('role')).toBe('status');
      await expect(element).toBeAccessible();
    });

    it('Clear: no open exception in scope and a current report', async () => {
      const clear: GateView = {
        ...OPPORTUNITY,
        opportunity: { ...OPPORTUNITY.opportunity!, storedGate: 'Clear' },
        exceptions: OPPORTUNITY.exceptions.filter((exception) => exception.criterion === 'A1.2')
      };
      const element = await show(clear);

      const badge = $(element, 'lightning-badge');
      expect(prop<string>(badge, 'label')).toBe('Clear');
      expect(prop<string>(badge, 'iconName')).toBe('utility:success');
      expect(text(element, '.headline')).toBe('Procurement can proceed');
      expect($(element, '.refresh-note')).toBeNull();
      expect($(element, '.criteria')).toBeNull();
      expect($$(element, '.reason').map((li) => li.textContent)).toContain(
        'Open audit findings on A1.2 fall outside the criteria this buyer relies on.'
      );
      await expect(element).toBeAccessible();
    });

    it('notes a deal whose gate has never been stored', async () => {
      const element = await show({
        ...OPPORTUNITY,
        opportunity: { ...OPPORTUNITY.opportunity!, storedGate: null }
      });

      expect(text(element, '.refresh-note')).toBe(
        'Refreshing: this deal has no stored gate yet; reports will show Blocked once it is saved.'
      );
    });

    it('Blocked without a current cycle', async () => {
      const element = await show({ ...OPPORTUNITY, cycle: null, exceptions: [], controls: [], criteria: [] });

      expect(prop<string>($(element, 'lightning-badge'), 'label')).toBe('Blocked');
      expect(text(element, '.no-cycle')).toBe('No current audit cycle is recorded.');
      await expect(element).toBeAccessible();
    });

    it('shows the stored gate when the user cannot see every audit record', async () => {
      const element = await show({
        ...OPPORTUNITY,
        exceptions: [],
        controls: [],
        restricted: ['exceptions']
      });

      expect(prop<string>($(element, 'lightning-badge'), 'label')).toBe('Blocked');
      expect(text(element, '.summary')).toBe('CC6.1: a control is still being remediated.');
      expect(text(element, '.restricted-note')).toBe(
        'You cannot see every audit record behind this gate, so it shows the gate stored on the deal.'
      );
      expect($(element, '.reasons')).toBeNull();
      expect($(element, '.refresh-note')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says so when there is neither a visible audit record nor a stored gate', async () => {
      const element = await show(
        {
          ...ACCOUNT,
          restricted: ['cycle']
        },
        ACCOUNT_ID,
        'Account'
      );

      expect($(element, 'lightning-badge')).toBeNull();
      expect(text(element, '.restricted-note')).toBe(
        'You cannot see every audit record behind this gate, so it cannot be shown here.'
      );
    });
  });

  describe('empty states', () => {
    it('a buyer without a SOC 2 requirement has no gate to pass', async () => {
      const element = await show({
        ...OPPORTUNITY,
        account: { ...OPPORTUNITY.account!, soc2Required: false }
      });

      expect(text(element, '.no-soc2')).toBe(
        "This buyer's procurement does not require a SOC 2 report, so there is no compliance gate to pass."
      );
      expect($(element, 'lightning-badge')).toBeNull();
      expect($(element, '.talk-track')).toBeNull();
      expect($(element, '.communication')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('a deal without an account has no buyer requirements', async () => {
      const element = await show({ ...OPPORTUNITY, account: null });

      expect(text(element, '.no-buyer')).toContain('This deal has no account');
      expect($(element, '.gate')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('no communication, no questionnaire, no approved template', async () => {
      const element = await show({
        ...OPPORTUNITY,
        latestCommunication: null,
        questionnaire: null,
        templates: []
      });

      expect(text(element, '.no-communication')).toBe('Nothing has been sent to this account yet.');
      expect(text(element, '.no-questionnaire')).toBe('No open questionnaire.');
      expect(text(element, '.no-templates')).toBe('No approved procurement response is available yet.');
      await expect(element).toBeAccessible();
    });
  });

  describe('communication and questionnaire', () => {
    it('shows the latest communication and who acknowledged it', async () => {
      const element = await show(OPPORTUNITY);

      expect(text(element, '.communication-sent')).toContain('Email to Security Team');
      expect(text(element, '.acknowledged')).toContain('Acknowledged by Dana Reyes, CISO');
      expect(prop<string>($(element, '.acknowledged lightning-formatted-date-time'), 'value')).toBe(
        '2026-03-11T14:00:00.000Z'
      );
    });

    it('shows the open questionnaire and its progress', async () => {
      const element = await show(OPPORTUNITY);

      expect(text(element, '.questionnaire-name')).toBe('HECVAT 3.1 (HECVAT), In Progress');
      expect(text(element, '.questionnaire-counts')).toBe('6 of 10 answered, 3 approved');
      const bar = $(element, 'lightning-progress-bar.questionnaire-progress');
      expect(prop<number>(bar, 'value')).toBe(30);
      expect(progressBarName(bar)).toBe('Questionnaire progress: 3 of 10 answers approved');
    });
  });

  describe('talk track', () => {
    const merged =
      'For Northwind University (Northwind LMS renewal): our SOC 2 Type II FY2025 report carries a Qualified opinion.\n' +
      'The re-audit completes by 15 March 2027.';

    it('merges the approved procurement response for this account', async () => {
      const element = await show(OPPORTUNITY);

      expect($(element, '.talk-track-text')?.textContent).toBe(merged);
      expect($(element, 'lightning-combobox')).toBeNull();
      expect(prop<string>($(element, '.copy-button'), 'label')).toBe('Copy to clipboard');
    });

    it('copies it with the Clipboard API and confirms with a toast', async () => {
      const writeText = jest.fn(() => Promise.resolve());
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
      const element = await show(OPPORTUNITY);
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, '.copy-button')?.click();
      await flush();

      expect(writeText).toHaveBeenCalledWith(merged);
      expect(toast).toHaveBeenCalledTimes(1);
      expect((toast.mock.calls[0] as [CustomEvent])[0].detail).toMatchObject({
        title: 'Talk track copied',
        variant: 'success'
      });
      Reflect.deleteProperty(navigator, 'clipboard');
    });

    it('falls back to copying a selection when the Clipboard API is missing or refused', async () => {
      const execCommand = jest.fn(() => true);
      Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: jest.fn(() => Promise.reject(new Error('denied'))) },
        configurable: true
      });
      const element = await show(OPPORTUNITY);
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, '.copy-button')?.click();
      await flush();

      expect(execCommand).toHaveBeenCalledWith('copy');
      expect(($(element, '.copy-buffer') as HTMLTextAreaElement).value).toBe(merged);
      expect((toast.mock.calls[0] as [CustomEvent])[0].detail).toMatchObject({ variant: 'success' });
      Reflect.deleteProperty(navigator, 'clipboard');
      Reflect.deleteProperty(document, 'execCommand');
    });

    it('says so when nothing can copy', async () => {
      Object.defineProperty(document, 'execCommand', { value: jest.fn(() => false), configurable: true });
      const element = await show(OPPORTUNITY);
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, '.copy-button')?.click();
      await flush();

      expect((toast.mock.calls[0] as [CustomEvent])[0].detail).toMatchObject({
        title: 'Could not copy the talk track',
        variant: 'error'
      });
      Reflect.deleteProperty(document, 'execCommand');
    });

    it('shows merge errors instead of a broken text, offers only approved templates, and lets the rep pick', async () => {
      const templates = [
        {
          id: 'a06000000000002AAA',
          name: 'Procurement response: personal',
          version: 1,
          approvalStatus: 'Approved',
          body: 'Dear {{Contact.FirstName}}, {{Account.Name}} is covered.'
        },
        {
          id: 'a06000000000003AAA',
          name: 'Procurement response: bridge letter',
          version: 4,
          approvalStatus: 'Approved',
          body: 'Our bridge letter covers {{Account.Name}}.'
        },
        {
          id: 'a06000000000004AAA',
          name: 'Draft wording',
          version: 1,
          approvalStatus: 'Draft',
          body: 'DRAFT'
        }
      ];
      const element = await show({ ...OPPORTUNITY, templates });

      expect($(element, '.talk-track-text')).toBeNull();
      expect($(element, '.copy-button')).toBeNull();
      expect($(element, '.merge-errors')?.getAttribute('role')).toBe('alert');
      expect($$(element, '.merge-error').map((li) => li.textContent)).toEqual([
        '{{Contact.FirstName}} has no value: no Contact was given for this message. Choose one, or write {{Contact.FirstName|fallback text}}.'
      ]);
      const picker = $(element, 'lightning-combobox');
      expect(prop<Array<{ label: string; value: string }>>(picker, 'options')).toEqual([
        { label: 'Procurement response: personal (v1)', value: 'a06000000000002AAA' },
        { label: 'Procurement response: bridge letter (v4)', value: 'a06000000000003AAA' }
      ]);
      await expect(element).toBeAccessible();

      picker?.dispatchEvent(new CustomEvent('change', { detail: { value: 'a06000000000003AAA' } }));
      await flush();

      expect($(element, '.talk-track-text')?.textContent).toBe(
        'Our bridge letter covers Northwind University.'
      );
      expect($(element, '.merge-errors')).toBeNull();
    });
  });

  describe('account page', () => {
    it('shows the open pipeline at risk by stored gate', async () => {
      const element = await show(ACCOUNT, ACCOUNT_ID, 'Account');

      expect(updateSpy).toHaveBeenCalledTimes(1);
      expect(updateSpy).toHaveBeenCalledWith({ recordId: ACCOUNT_ID }, undefined);
      expect(prop<string>($(element, 'lightning-card'), 'title')).toBe('Compliance gate for this account');
      expect(prop<string>($(element, 'lightning-badge'), 'label')).toBe('At Risk');
      expect($(element, '.refresh-note')).toBeNull();
      expect(text(element, '.pipeline-at-risk')).toMatch(/^5 of 7 open deals at risk:\s*of$/);
      const amounts = $$(element, '.pipeline-at-risk lightning-formatted-number');
      expect(amounts.map((node) => prop<number>(node, 'value'))).toEqual([300000, 420000]);
      expect(amounts.map((node) => prop<string>(node, 'currencyCode'))).toEqual(['USD', 'USD']);
      expect($$(element, '.pipeline-bucket').map((li) => li.textContent)).toEqual([
        'Blocked: 2',
        'At Risk: 3',
        'Clear: 1',
        'Not Evaluated: 1'
      ]);
      expect(text(element, '.not-acknowledged')).toBe('Not acknowledged yet.');
      expect(text(element, '.questionnaire-restricted')).toBe('You cannot see security questionnaires.');
      await expect(element).toBeAccessible();
    });

    it('says when the account has no open deals', async () => {
      const element = await show(
        {
          ...ACCOUNT,
          pipeline: {
            ...ACCOUNT.pipeline!,
            openCount: 0,
            openAmount: 0,
            atRiskCount: 0,
            atRiskAmount: 0,
            byGate: []
          }
        },
        ACCOUNT_ID,
        'Account'
      );

      expect(text(element, '.no-pipeline')).toBe('This account has no open deals.');
    });

    it("says when the user cannot see the account's communications", async () => {
      const element = await show(
        { ...ACCOUNT, latestCommunication: null, restricted: ['communications'] },
        ACCOUNT_ID,
        'Account'
      );

      expect(text(element, '.communication-restricted')).toBe(
        "You cannot see this account's communications."
      );
    });
  });
});

describe('evidence window helpers', () => {
  it.each([
    ['2026-03-02', '2026-05-01', 60],
    ['2026-05-01', '2026-05-01', 0],
    ['2026-05-02', '2026-05-01', -1],
    ['2024-02-28', '2024-03-01', 2],
    [null, '2026-05-01', null],
    ['not a date', '2026-05-01', null]
  ])('days from %s to %s: %s', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['2026-03-02', 90, { cleanDays: 60, windowDays: 90, percent: 67, complete: false }],
    ['2026-01-01', 90, { cleanDays: 90, windowDays: 90, percent: 100, complete: true }],
    ['2026-05-10', 90, { cleanDays: 0, windowDays: 90, percent: 0, complete: false }],
    ['2026-03-02', null, { cleanDays: 60, windowDays: 90, percent: 67, complete: false }]
  ])('from %s with a %s-day window', (remediatedOn, window, expected) => {
    expect(evidenceProgress(remediatedOn, window, '2026-05-01')).toEqual(expected);
  });

  it('has no progress without a remediation date or with an empty window', () => {
    expect(evidenceProgress(null, 90, '2026-05-01')).toBeNull();
    expect(evidenceProgress('2026-03-02', 0, '2026-05-01')).toBeNull();
  });
});
