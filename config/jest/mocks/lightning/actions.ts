/**
 * Jest stand-in for `lightning/actions` (mapped in jest.config.js): the event a screen quick action dispatches to
 * close its modal. Tests listen for `CloseActionScreenEventName` on the component.
 */
export const CloseActionScreenEventName = 'lightning__actionsclosescreen';

export class CloseActionScreenEvent extends CustomEvent<undefined> {
  constructor() {
    super(CloseActionScreenEventName, { bubbles: false, composed: false });
  }
}
