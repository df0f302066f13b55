/** Stand-in for `flexipage:fieldSection` (Dynamic Forms): a titled section whose columns hold record fields. */
import { LightningElement, api } from 'lwc';
import type { ComponentItem, PageItem } from '../../../../shared/pageModel';

export default class FieldSection extends LightningElement {
  @api item?: ComponentItem;
  @api recordId?: string;
  @api objectApiName?: string;

  get label(): string {
    return this.item?.properties.label ?? '';
  }

  get columns(): { key: string; className: string; items: { key: string; item: PageItem }[] }[] {
    const columns = this.item?.facets.columns ?? [];
    return columns.map((column, index) => ({
      key: `column-${index}`,
      className: `slds-col slds-size_1-of-1 slds-medium-size_1-of-${Math.max(columns.length, 1)}`,
      items: (column.kind === 'component' ? (column.facets.body ?? []) : [column]).map((item, itemIndex) => ({
        key: `item-${index}-${itemIndex}`,
        item
      }))
    }));
  }
}
