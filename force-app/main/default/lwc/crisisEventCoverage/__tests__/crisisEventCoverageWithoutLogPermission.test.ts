/**
 * The coverage card for someone without the Log Trust Desk Customer Notifications permission (a sales rep):
 * the accounts still to notify are listed, without a Log notification button that would open an action
 * they cannot save. (The permission import is read once per test file, hence a file of its own.)
 */
import { createElement } from 'lwc';
import CrisisEventCoverage from 'c/crisisEventCoverage';
import * as uiRecordApi from 'lightning/uiRecordApi';
import getCoverage from '@salesforce/apex/CrisisCoverageController.getCoverage';
import getUnnotifiedAccounts from '@salesforce/apex/CrisisCoverageController.getUnnotifiedAccounts';
import type * as WireUtil from '@salesforce/wire-service-jest-util';
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
// What the platform gives a user without the permission.
jest.mock('@salesforce/customPermission/TrustDesk_Log_Notifications', () => ({ default: undefined }), {
  virtual: true
});
jest.mock('lightning/progressBar', () =>
  jest.requireActual<object>('../../complianceGate/__tests__/data/progressBar/progressBar')
);

interface TestWireAdapter {
  emit(value: unknown): void;
}

const adapter = (wire: unknown): TestWireAdapter => wire as TestWireAdapter;

/** Lets wire emissions and the re-render they cause settle. */
function flush(): Promise<void> {
  let settled = Promise.resolve();
  for (let i = 0; i < 5; i++) {
    settled = settled.then(() => undefined);
  }
  return settled;
}

describe('c-crisis-event-coverage without the Log Notifications permission', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('lists the accounts still to notify without a Log notification button', async () => {
    const element: HTMLElement & { recordId?: string } = createElement('c-crisis-event-coverage', {
      is: CrisisEventCoverage
    });
    element.recordId = 'a05000000000001AAA';
    document.body.appendChild(element);
    adapter(uiRecordApi.getRecord).emit(recordFixture);
    adapter(getCoverage).emit(coverageFixture);
    adapter(getUnnotifiedAccounts).emit(pageFixture);
    await flush();

    const shadow = element.shadowRoot as ShadowRoot;
    expect(shadow.querySelectorAll('.account').length).toBeGreaterThan(0);
    expect(shadow.querySelectorAll('.log-notification')).toHaveLength(0);
    await expect(element).toBeAccessible();
  });
});
