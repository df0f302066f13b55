/**
 * `lightning-quick-action-panel` for the preview: the header, body and footer of a screen quick action, inside
 * the shell's action modal (which, as in Lightning Experience, adds no header of its own).
 */
import { LightningElement, api } from 'lwc';

export default class QuickActionPanel extends LightningElement {
  @api header?: string;
}
