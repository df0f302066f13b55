/**
 * A quick action backed by a Lightning web component, opened the way Lightning Experience opens a screen
 * action: a modal with the component, given the record context; `CloseActionScreenEvent` (or Escape, or the
 * close button) closes it.
 */
import { LightningElement, api } from 'lwc';
import { loadComponent } from 'preview/components';
import type { ActionModel } from '../../../../shared/pageModel';

const CLOSE_ACTION_SCREEN_EVENT = 'lightning__actionsclosescreen';

export default class ActionModal extends LightningElement {
  @api action?: ActionModel;
  @api recordId?: string;
  @api objectApiName?: string;

  ctor?: unknown;
  error?: string;
  private readonly onClose = (): void => this.close();
  private readonly onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.close();
  };

  override connectedCallback(): void {
    this.template?.addEventListener(CLOSE_ACTION_SCREEN_EVENT, this.onClose);
    window.addEventListener('keydown', this.onKey);
    const component = this.action?.component;
    if (component) {
      loadComponent(`c:${component}`).then(
        (ctor) => (this.ctor = ctor),
        (error: unknown) => (this.error = String(error))
      );
    }
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey);
  }

  override renderedCallback(): void {
    const close = this.template?.querySelector<HTMLElement>('.slds-modal__close');
    if (close && !this.focused) {
      this.focused = true;
      close.focus();
    }
  }

  private focused = false;

  get label(): string {
    return this.action?.label ?? '';
  }

  get props(): Record<string, unknown> {
    return { recordId: this.recordId, objectApiName: this.objectApiName };
  }

  close(): void {
    this.dispatchEvent(new CustomEvent('close'));
  }
}
