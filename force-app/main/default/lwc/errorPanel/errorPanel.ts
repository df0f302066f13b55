import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/reduceErrors';

/** The one way Trust Desk components show an error: a short friendly line, the details on demand. */
export default class ErrorPanel extends LightningElement {
  /** What failed, in the user's terms, e.g. "We couldn't load the compliance gate." */
  @api friendlyMessage = 'Something went wrong.';

  /** Anything the platform, Apex or JavaScript threw. */
  @api errors: unknown;

  showDetails = false;

  get messages(): string[] {
    return reduceErrors(this.errors);
  }

  get hasDetails(): boolean {
    return this.messages.length > 0;
  }

  get detailsLabel(): string {
    return this.showDetails ? 'Hide details' : 'Show details';
  }

  handleToggleDetails(): void {
    this.showDetails = !this.showDetails;
  }
}
