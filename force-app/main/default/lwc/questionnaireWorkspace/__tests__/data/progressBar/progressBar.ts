/**
 * Jest stand-in for `lightning-progress-bar` with the public API of the real base component, `ariaLabel`
 * included: sfdx-lwc-jest's own stub leaves `ariaLabel` out, so an `aria-label` set by a parent would stay on the
 * stub's host, where accessibility checks rightly reject it. The real component names its `role="progressbar"`
 * element with it, as this stand-in does. It lives beside the fixtures because jest never runs files there as tests.
 */
import { LightningElement, api } from 'lwc';

export default class ProgressBar extends LightningElement {
  @api value = 0;
  @api size = 'medium';
  @api variant = 'base';
  @api override ariaLabel: string | null = null;

  get percent(): number {
    return Math.min(Math.max(Math.round(Number(this.value) || 0), 0), 100);
  }
}
