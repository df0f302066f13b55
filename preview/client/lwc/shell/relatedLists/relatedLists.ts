/** Stand-in for `force:relatedListContainer`: every related list of the page layout. */
import { LightningElement, api } from 'lwc';
import { layoutOf } from '../layouts/layouts';
import type { RelatedListModel } from '../../../../shared/pageModel';

export default class RelatedLists extends LightningElement {
  @api recordId?: string;
  @api objectApiName?: string;
  lists: RelatedListModel[] = [];

  override connectedCallback(): void {
    if (this.objectApiName) {
      layoutOf(this.objectApiName).then(
        (layout) => (this.lists = [...layout.relatedLists]),
        () => (this.lists = [])
      );
    }
  }
}
