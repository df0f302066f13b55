/**
 * Jest stand-in for `lightning/navigation` (mapped in jest.config.js). Components use it exactly like the
 * platform module; tests import `navigate` and `generateUrl` from this file to see which page reference a
 * component asked for. Both are jest mocks, so `jest.clearAllMocks()` in `afterEach` resets them.
 */
import type { LightningElement } from 'lwc';
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';
import type { PageReference } from 'lightning/navigation';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

/** Every `this[NavigationMixin.Navigate](pageReference, replace)` call. */
export const navigate = jest.fn<void, [PageReference, boolean | undefined]>();

/** Every `this[NavigationMixin.GenerateUrl](pageReference)` call; resolves to a URL naming the page type. */
export const generateUrl = jest.fn<Promise<string>, [PageReference]>((pageReference) =>
  Promise.resolve(`https://example.com/${pageReference.type}`)
);

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export function NavigationMixin(Base: typeof LightningElement): typeof LightningElement {
  return class extends Base {
    [Navigate](pageReference: PageReference, replace?: boolean): void {
      navigate(pageReference, replace);
    }

    [GenerateUrl](pageReference: PageReference): Promise<string> {
      return generateUrl(pageReference);
    }
  };
}
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
