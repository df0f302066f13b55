/**
 * Page references and preview URLs, both ways, and the shell's navigation. The URLs follow Lightning
 * Experience's (`/lightning/r/Account/001.../view`, `/lightning/o/Account/list`, `/lightning/n/Tab`,
 * `/lightning/page/home`), so a link a component generates reads like the org's.
 */

export interface PageReference {
  type: string;
  attributes: Record<string, unknown>;
  state?: Record<string, string>;
}

type Listener = (reference: PageReference, url: string) => void;

const listeners = new Set<Listener>();

function stateQuery(state: Record<string, string> | undefined): string {
  const entries = Object.entries(state ?? {}).filter(([, value]) => value !== undefined && value !== null);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}

/** The preview URL of a page reference (throws for a type the preview cannot show). */
export function urlFor(reference: PageReference): string {
  const attributes = reference.attributes ?? {};
  const text = (name: string): string => String((attributes[name] as string | undefined) ?? '');
  const state = reference.state;
  switch (reference.type) {
    case 'standard__recordPage': {
      const objectApiName = text('objectApiName') || 'Record';
      const action = text('actionName') || 'view';
      return `/lightning/r/${objectApiName}/${text('recordId')}/${action}${stateQuery(state)}`;
    }
    case 'standard__objectPage': {
      const action = text('actionName') || 'home';
      return `/lightning/o/${text('objectApiName')}/${action === 'home' ? 'list' : action}${stateQuery(state)}`;
    }
    case 'standard__recordRelationshipPage':
      return `/lightning/r/${text('objectApiName') || 'Record'}/${text('recordId')}/related/${text('relationshipApiName')}/view`;
    case 'standard__navItemPage':
      return `/lightning/n/${text('apiName')}${stateQuery(state)}`;
    case 'standard__namedPage':
      return `/lightning/page/${text('pageName') || 'home'}`;
    case 'standard__component':
      return `/lightning/cmp/${text('componentName')}${stateQuery(state)}`;
    case 'standard__webPage':
      return text('url');
    default:
      throw new Error(`The preview cannot navigate to a page reference of type ${reference.type}`);
  }
}

/** The page reference of a preview URL. */
export function referenceFor(location: { pathname: string; search: string }): PageReference {
  const parts = location.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const state = Object.fromEntries(new URLSearchParams(location.search));
  const [, kind, first, second, third, fourth] = parts;
  if (kind === 'r' && third === 'related') {
    return {
      type: 'standard__recordRelationshipPage',
      attributes: { objectApiName: first, recordId: second, relationshipApiName: fourth, actionName: 'view' },
      state
    };
  }
  if (kind === 'r') {
    return {
      type: 'standard__recordPage',
      attributes: { objectApiName: first, recordId: second, actionName: third ?? 'view' },
      state
    };
  }
  if (kind === 'o') {
    return {
      type: 'standard__objectPage',
      attributes: { objectApiName: first, actionName: second === 'list' || !second ? 'list' : second },
      state
    };
  }
  if (kind === 'n') return { type: 'standard__navItemPage', attributes: { apiName: first }, state };
  if (kind === 'cmp') return { type: 'standard__component', attributes: { componentName: first }, state };
  return {
    type: 'standard__namedPage',
    attributes: { pageName: kind === 'page' ? (first ?? 'home') : 'home' },
    state
  };
}

export function currentReference(): PageReference {
  return referenceFor(window.location);
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  const reference = currentReference();
  for (const listener of listeners) listener(reference, window.location.pathname + window.location.search);
}

export function navigate(url: string, replace = false): void {
  if (/^https?:\/\//.test(url) && !url.startsWith(window.location.origin)) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  if (replace) window.history.replaceState({}, '', url);
  else window.history.pushState({}, '', url);
  notify();
}

window.addEventListener('popstate', notify);
