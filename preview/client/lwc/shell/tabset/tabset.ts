/** Stand-in for `flexipage:tabset`: each `flexipage:tab` of the facet as a lightning-tab with its body items. */
import { LightningElement, api } from 'lwc';
import { tabTitle } from '../item/item';
import type { ComponentItem, PageItem } from '../../../../shared/pageModel';

export default class Tabset extends LightningElement {
  @api item?: ComponentItem;
  @api recordId?: string;
  @api objectApiName?: string;

  get tabs(): { key: string; label: string; items: { key: string; item: PageItem }[] }[] {
    const tabs = this.item?.facets.tabs ?? [];
    return tabs.map((tab, index) => {
      const component = tab.kind === 'component' ? tab : undefined;
      return {
        key: `tab-${index}`,
        label: tabTitle(component?.properties.title),
        items: (component?.facets.body ?? []).map((item, itemIndex) => ({
          key: `tab-${index}-${itemIndex}`,
          item
        }))
      };
    });
  }
}
