/** `lightning/refresh`: RefreshEvent asks the page to read its data again; the shell refreshes every wire. */
export const REFRESH_EVENT = 'lightning__refreshevent';

export class RefreshEvent extends CustomEvent<undefined> {
  constructor() {
    super(REFRESH_EVENT, { bubbles: true, composed: true });
  }
}

export const RefreshEventName = REFRESH_EVENT;
