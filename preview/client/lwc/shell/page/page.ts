/** Lays out a page model: full-width regions as rows, column regions side by side in the SLDS grid. */
import { LightningElement, api } from 'lwc';
import type { PageItem, PageModel, RegionModel } from '../../../../shared/pageModel';

const WIDTH_CLASS: Readonly<Record<RegionModel['width'], string>> = {
  full: 'slds-col slds-size_1-of-1',
  large: 'slds-col slds-size_1-of-1 slds-large-size_8-of-12',
  medium: 'slds-col slds-size_1-of-1 slds-large-size_6-of-12',
  small: 'slds-col slds-size_1-of-1 slds-large-size_4-of-12'
};

interface RegionView {
  readonly name: string;
  readonly className: string;
  readonly items: readonly { key: string; item: PageItem }[];
}

export default class Page extends LightningElement {
  @api model?: PageModel;

  get rows(): { key: string; regions: RegionView[] }[] {
    const rows: { key: string; regions: RegionView[] }[] = [];
    let columns: RegionView[] = [];
    const flush = (): void => {
      if (columns.length > 0) rows.push({ key: `row-${rows.length}`, regions: columns });
      columns = [];
    };
    for (const region of this.model?.regions ?? []) {
      if (region.items.length === 0 && region.width === 'full') continue;
      const view: RegionView = {
        name: region.name,
        className: `${WIDTH_CLASS[region.width]} preview-region`,
        items: region.items.map((item, index) => ({ key: `${region.name}-${index}`, item }))
      };
      if (region.width === 'full') {
        flush();
        rows.push({ key: `row-${rows.length}`, regions: [view] });
      } else {
        columns.push(view);
      }
    }
    flush();
    return rows;
  }

  get recordId(): string | undefined {
    return this.model?.recordId;
  }

  get objectApiName(): string | undefined {
    return this.model?.objectApiName;
  }

  get actions(): PageModel['actions'] {
    return this.model?.actions ?? [];
  }
}
