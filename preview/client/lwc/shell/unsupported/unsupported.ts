/** A standard Lightning component the preview does not emulate, named so the page still makes sense. */
import { LightningElement, api } from 'lwc';

export default class Unsupported extends LightningElement {
  @api name?: string;
  @api message?: string;

  get text(): string {
    return (
      this.message ??
      `${this.name ?? 'This component'} is a standard component the local preview does not show.`
    );
  }
}
