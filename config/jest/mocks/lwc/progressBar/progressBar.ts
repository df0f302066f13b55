import { LightningElement, api } from 'lwc';

/**
 * Jest stand-in for `lightning-progress-bar` that, like the real component, takes `aria-label` as its own
 * property and puts it on an inner `role="progressbar"` element. sfdx-lwc-jest's stub has no `ariaLabel`, so
 * the label lands on the host, where accessibility checks rightly reject it. Tests opt in with
 * `jest.mock('lightning/progressBar', () => jest.requireActual('<this file>'))`.
 */
export default class ProgressBar extends LightningElement {
  @api value = 0;
  @api size = 'medium';
  @api variant = 'base';
  @api override ariaLabel: string | null = null;
}
