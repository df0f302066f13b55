/**
 * The preview's Lightning Experience shell: the app's navigation bar, the current page (record, list, home,
 * app page or a single component), the toast region and quick action modals. Pages are laid out by the
 * server from the package's FlexiPages and layouts; the shell only renders what it is given.
 */
import { LightningElement } from 'lwc';
import { currentReference, navigate, subscribe, type PageReference } from '../../preview/router/router';
import { markRendered, startPageLoad } from '../../preview/transport/transport';
import { refreshAll } from '../../preview/records/records';
import { clearApexCache } from '../../preview/apex/apex';
import { appModel, pageModel } from '../layouts/layouts';
import type { ActionModel, AppModel, NavItem, PageModel } from '../../../../shared/pageModel';

const REFRESH_EVENT = 'lightning__refreshevent';

interface NavView extends NavItem {
  readonly className: string;
  readonly current: string | undefined;
}

export default class App extends LightningElement {
  app?: AppModel;
  page?: PageModel;
  list?: { objectApiName: string; filterName?: string; pageSize?: number };
  related?: { recordId: string; relationshipApiName: string };
  error?: string;
  loading = true;
  action?: { action: ActionModel; recordId?: string; objectApiName?: string };
  private path = '';
  private unsubscribe?: () => void;
  private firstPage = true;
  private pendingRender = false;
  private readonly onRefresh = (): void => {
    clearApexCache();
    refreshAll();
  };
  private readonly onOpenAction = (event: Event): void => {
    this.action = (event as CustomEvent<App['action']>).detail;
  };
  /** Links to preview pages inside the page navigate in place, as in Lightning Experience. */
  private readonly onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey)
      return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    const href = anchor?.getAttribute('href');
    if (!anchor || !href || !href.startsWith('/lightning/') || (anchor.target && anchor.target !== '_self'))
      return;
    event.preventDefault();
    navigate(href);
  };

  override connectedCallback(): void {
    this.unsubscribe = subscribe((reference) => void this.show(reference));
    window.addEventListener(REFRESH_EVENT, this.onRefresh);
    window.addEventListener('preview:openaction', this.onOpenAction);
    window.addEventListener('click', this.onClick);
    appModel().then(
      (app) => {
        this.app = app;
        document.documentElement.style.setProperty('--preview-header-color', app.headerColor ?? '#0176d3');
      },
      (error: unknown) => (this.error = `The preview server did not answer: ${JSON.stringify(error)}`)
    );
    void this.show(currentReference());
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    window.removeEventListener(REFRESH_EVENT, this.onRefresh);
    window.removeEventListener('preview:openaction', this.onOpenAction);
    window.removeEventListener('click', this.onClick);
  }

  override renderedCallback(): void {
    if (this.pendingRender && !this.loading) {
      this.pendingRender = false;
      // The layout is on the page; package components report their own data through the transport.
      requestAnimationFrame(() => markRendered());
    }
  }

  get navItems(): NavView[] {
    return (this.app?.nav ?? []).map((item) => {
      const active =
        (item.objectApiName !== undefined &&
          (this.list?.objectApiName === item.objectApiName ||
            this.page?.objectApiName === item.objectApiName)) ||
        (item.url === this.path && !item.objectApiName);
      return {
        ...item,
        className: `slds-context-bar__item${active ? ' slds-is-active' : ''}`,
        current: active ? 'page' : undefined
      };
    });
  }

  get appLabel(): string {
    return this.app?.label ?? 'Trust Desk';
  }

  get userName(): string {
    return this.app?.user.name ?? '';
  }

  get pageTitle(): string {
    return this.page?.title ?? '';
  }

  get showPage(): boolean {
    return !this.loading && !this.error && this.page !== undefined;
  }

  get showList(): boolean {
    return !this.loading && !this.error && this.list !== undefined;
  }

  get showRelated(): boolean {
    return !this.loading && !this.error && this.related !== undefined;
  }

  get source(): string {
    if (this.list) return `List view of ${this.list.objectApiName}, from its list views`;
    return this.page ? `Layout: ${this.page.source}` : '';
  }

  handleNavigate(event: Event): void {
    const anchor = event.currentTarget as HTMLAnchorElement;
    const mouse = event as MouseEvent;
    if (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.button === 1) return;
    event.preventDefault();
    navigate(anchor.dataset.url ?? '/lightning/page/home');
  }

  handleCloseAction(): void {
    this.action = undefined;
  }

  private async show(reference: PageReference): Promise<void> {
    this.path = window.location.pathname;
    startPageLoad(window.location.pathname + window.location.search, this.firstPage ? 0 : performance.now());
    this.firstPage = false;
    this.loading = true;
    this.error = undefined;
    this.page = undefined;
    this.list = undefined;
    this.related = undefined;
    const attributes = reference.attributes as Record<string, string | undefined>;
    try {
      switch (reference.type) {
        case 'standard__recordPage':
          this.page = await pageModel({ type: 'record', recordId: attributes.recordId ?? '' });
          break;
        case 'standard__objectPage':
          this.list = {
            objectApiName: attributes.objectApiName ?? '',
            filterName: reference.state?.filterName,
            pageSize: reference.state?.pageSize ? Number(reference.state.pageSize) : undefined
          };
          break;
        case 'standard__recordRelationshipPage':
          this.related = {
            recordId: attributes.recordId ?? '',
            relationshipApiName: attributes.relationshipApiName ?? ''
          };
          break;
        case 'standard__navItemPage':
          this.page = await pageModel({ type: 'tab', name: attributes.apiName ?? '' });
          break;
        case 'standard__component': {
          const name = (attributes.componentName ?? '').replace(/^c__/, '');
          this.page = await pageModel({ type: 'component', name, ...(reference.state ?? {}) });
          break;
        }
        default:
          this.page = await pageModel({ type: 'home' });
      }
      document.title = `${this.page?.title ?? this.list?.objectApiName ?? 'Preview'} | ${this.appLabel}`;
    } catch (error) {
      const body = (error as { body?: unknown }).body;
      const message = Array.isArray(body)
        ? (body as { message?: string }[]).map((entry) => entry.message).join(' ')
        : JSON.stringify(body ?? error);
      this.error = `This page cannot be shown: ${message}`;
    } finally {
      this.loading = false;
      this.pendingRender = true;
    }
  }
}
