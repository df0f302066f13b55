/**
 * The toast region of Lightning Experience: shows every `ShowToastEvent` a component dispatches (the event
 * reaches the window), dismissible ones for five seconds (ten with a link), sticky ones until closed.
 */
import { LightningElement } from 'lwc';

const SHOW_TOAST_EVENT = 'lightning__showtoast';

interface ToastInit {
  title?: string;
  message?: string;
  variant?: string;
  mode?: string;
  messageData?: ReadonlyArray<string | { url: string; label: string }>;
}

interface ToastView {
  key: number;
  title: string;
  message: string;
  className: string;
  icon: string;
  variant: string;
}

let counter = 0;

function fill(message: string, data: ToastInit['messageData']): string {
  return message.replace(/\{(\d+)\}/g, (_, index: string) => {
    const item = data?.[Number(index)];
    return typeof item === 'string' ? item : (item?.label ?? '');
  });
}

export default class Toasts extends LightningElement {
  toasts: ToastView[] = [];
  private readonly onToast = (event: Event): void => {
    const detail = (event as CustomEvent<ToastInit>).detail ?? {};
    const variant = ['success', 'warning', 'error', 'info'].includes(detail.variant ?? '')
      ? (detail.variant ?? 'info')
      : 'info';
    const toast: ToastView = {
      key: ++counter,
      title: detail.title ?? '',
      message: fill(detail.message ?? '', detail.messageData),
      className: `slds-notify slds-notify_toast slds-theme_${variant}`,
      icon: `utility:${variant}`,
      variant
    };
    this.toasts = [...this.toasts, toast];
    if (detail.mode !== 'sticky') {
      setTimeout(() => this.dismiss(toast.key), detail.messageData ? 10_000 : 5_000);
    }
  };

  override connectedCallback(): void {
    window.addEventListener(SHOW_TOAST_EVENT, this.onToast);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(SHOW_TOAST_EVENT, this.onToast);
  }

  dismiss(key: number): void {
    this.toasts = this.toasts.filter((toast) => toast.key !== key);
  }

  handleClose(event: Event): void {
    this.dismiss(Number((event.currentTarget as HTMLElement).dataset.key));
  }
}
