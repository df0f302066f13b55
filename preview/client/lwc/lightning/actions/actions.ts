/** `lightning/actions`: the event a quick action's component dispatches to close its modal. */
export const CLOSE_ACTION_SCREEN_EVENT = 'lightning__actionsclosescreen';

export class CloseActionScreenEvent extends CustomEvent<undefined> {
  constructor() {
    super(CLOSE_ACTION_SCREEN_EVENT, { bubbles: true, composed: true });
  }
}
