/**
 * `lightning/platformShowToastEvent`: the event components dispatch to show a toast. The preview's shell
 * listens for it on the window and shows it in its toast region, as Lightning Experience does.
 */
export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export interface ShowToastEventInit {
  title: string;
  message?: string;
  variant?: 'info' | 'success' | 'warning' | 'error';
  mode?: 'dismissible' | 'pester' | 'sticky';
  messageData?: ReadonlyArray<string | { url: string; label: string }>;
}

export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
  constructor(init: ShowToastEventInit) {
    super(SHOW_TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: init });
  }
}
