/**
 * `lightning/navigation` for the preview: NavigationMixin (Navigate, GenerateUrl) to preview URLs shaped like
 * Lightning Experience's, and the CurrentPageReference wire adapter, which follows the shell's router.
 */
import {
  currentReference,
  navigate,
  subscribe,
  urlFor,
  type PageReference
} from '../../preview/router/router';

const Navigate: unique symbol = Symbol('NavigationMixin.Navigate');
const GenerateUrl: unique symbol = Symbol('NavigationMixin.GenerateUrl');

// A mixin must accept any constructor (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor = abstract new (...args: any[]) => object;

function NavigationMixinImpl<T extends Constructor>(Base: T) {
  abstract class Navigating extends Base {
    [Navigate](pageReference: PageReference, replace?: boolean): void {
      navigate(urlFor(pageReference), replace === true);
    }

    [GenerateUrl](pageReference: PageReference): Promise<string> {
      try {
        return Promise.resolve(urlFor(pageReference));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  return Navigating;
}

export const NavigationMixin = Object.assign(NavigationMixinImpl, { Navigate, GenerateUrl });

type DataCallback = (value: PageReference) => void;

class CurrentPageReferenceAdapter {
  private readonly callback: DataCallback;
  private unsubscribe?: () => void;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {
    this.unsubscribe = subscribe((reference) => this.callback(reference));
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  update(): void {
    this.callback(currentReference());
  }
}

export const CurrentPageReference = CurrentPageReferenceAdapter;
