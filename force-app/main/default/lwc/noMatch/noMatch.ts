/**
 * The empty state of a filtered list: what matched nothing ("No controls match these filters.") and a
 * Clear filters button, which fires `clearfilters` for the parent to reset its filters.
 */
import { LightningElement, api } from 'lwc';

export default class NoMatch extends LightningElement {
  /** The sentence shown, naming what the filters hid. */
  @api message = 'Nothing matches these filters.';

  handleClear(): void {
    this.dispatchEvent(new CustomEvent('clearfilters'));
  }
}
