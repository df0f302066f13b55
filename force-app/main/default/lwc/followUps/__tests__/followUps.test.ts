import { createElement } from 'lwc';
import FollowUps from 'c/followUps';
import getFollowUps from '@salesforce/apex/CustomerCommunicationController.getFollowUps';
import { refreshApex } from '@salesforce/apex';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
import followUpsData from './data/getFollowUps.json';

jest.mock(
  '@salesforce/apex/CustomerCommunicationController.getFollowUps',
  () => {
    const { createApexTestWireAdapter } = jest.requireActual<typeof WireUtil>(
      '@salesforce/wire-service-jest-util'
    );
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true }
);

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn(() => Promise.resolve()) }), { virtual: true });

interface TestWireAdapter {
  emit(value: unknown): void;
  error(body?: unknown, status?: number, statusText?: string): void;
}

const followUpsAdapter = getFollowUps as unknown as TestWireAdapter;
const refreshApexMock = refreshApex as unknown as jest.Mock<Promise<void>, [unknown]>;

function mount(): HTMLElement {
  const element = createElement('c-follow-ups', { is: FollowUps });
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
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

async function emit(data: unknown = followUpsData): Promise<void> {
  followUpsAdapter.emit(data);
  await flush();
}

function item(element: HTMLElement, id: string): HTMLElement {
  const found = all(element, 'li.follow-up-item').find((candidate) => candidate.dataset.id === id);
  if (!found) throw new Error(`No follow-up ${id}`);
  return found;
}

describe('c-follow-ups', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner until the follow-ups arrive', async () => {
    const element = mount();
    await flush();

    expect(none(element, 'lightning-spinner')).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('shows the error panel when they cannot be loaded', async () => {
    const element = mount();
    followUpsAdapter.error({ message: 'Customer notifications could not be read with your access' });
    await flush();

    const panel = one<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel.load-error');
    expect(panel.friendlyMessage).toBe("We couldn't load your customer follow-ups.");
    await expect(element).toBeAccessible();
  });

  it('says when nothing is due', async () => {
    const element = mount();
    await emit({ ...followUpsData, communications: [] });

    expect(one(element, '.empty-state').textContent).toContain('No follow-ups due in the next 7 days');
    expect(none(element, 'li.follow-up-item')).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('lists each follow-up soonest first with its account, reason and links', async () => {
    const element = mount();
    await emit();

    expect(all(element, 'li.follow-up-item').map((entry) => entry.dataset.id)).toEqual(
      followUpsData.communications.map((record) => record.Id)
    );
    expect(one(element, '.summary').textContent).toBe('4 follow-ups due by Nov 29, 2026 or flagged');

    const overdue = item(element, 'a0C000000000009AAA');
    expect(overdue.querySelector('.account-link')?.textContent).toBe('Pacific Crest Outfitters');
    expect(overdue.querySelector('.account-link')?.getAttribute('href')).toBe(
      '/lightning/r/Account/001000000000004AAA/view'
    );
    expect(overdue.querySelector('.communication-link')?.getAttribute('href')).toBe(
      '/lightning/r/Customer_Communication__c/a0C000000000009AAA/view'
    );
    expect(overdue.querySelector('.due')?.textContent).toBe('Overdue since Nov 17, 2026');
    expect(overdue.querySelector('.due')?.className).toContain('slds-text-color_error');
    expect(overdue.querySelector('.reason')?.textContent).toContain('suspension clause');

    expect(item(element, 'a0C000000000021AAA').querySelector('.due')?.textContent).toBe('Due today');
    const upcoming = item(element, 'a0C000000000015AAA');
    expect(upcoming.querySelector('.due')?.textContent).toBe('Due Nov 27, 2026');
    expect(upcoming.querySelector('.due')?.className).not.toContain('slds-text-color_error');
    expect(upcoming.querySelector('.commitment')?.textContent).toBe(
      'Commitment: Confirm completion of the administration console extension checks (due Dec 15, 2026)'
    );
    expect(upcoming.querySelector('.reason')).toBeNull();

    const remediated = item(element, 'a0C000000000001AAA');
    expect(remediated.querySelector('.due')?.textContent).toBe('Follow-up required');
    expect(remediated.querySelector('.reason')?.textContent).toBe(
      'Control API integration logging remediated on 2026-11-20: send the follow-up notice'
    );
    expect(remediated.querySelector('.detail')?.textContent).toBe(
      'CC-00001 · Security Team · Email · Acknowledged'
    );
    await expect(element).toBeAccessible();
  });

  it('says when the list is cut short', async () => {
    const element = mount();
    await emit({ ...followUpsData, truncated: true });

    expect(one(element, '.truncated-notice').textContent).toContain('first 200 follow-ups');
  });

  it('refreshes on demand', async () => {
    const element = mount();
    await emit();

    one(element, 'lightning-button-icon.refresh').click();
    await flush();

    expect(refreshApexMock).toHaveBeenCalledTimes(1);
  });

  it('shows the error panel when a refresh fails', async () => {
    refreshApexMock.mockRejectedValueOnce({ body: { message: 'Session expired' } });
    const element = mount();
    await emit();

    one(element, 'lightning-button-icon.refresh').click();
    await flush();

    expect(none(element, 'c-error-panel.load-error')).toBe(false);
  });
});
