/**
 * Previous / Next paging under a table: "Page 2 of 5", hidden when everything fits on one page. The
 * parent owns the page index and slices its rows; this component only shows where it is and asks for
 * another page with a `pagechange` event whose detail is `{ pageIndex }` (0-based, always in range).
 */
import { LightningElement, api } from 'lwc';

export default class Paginator extends LightningElement {
  /** The page shown, 0-based. */
  @api pageIndex = 0;
  /** How many pages there are (1 or more). */
  @api pageCount = 1;
  /** What is paged, for screen readers ("Questions pages"). */
  @api label = 'Pages';

  get hasPages(): boolean {
    return this.pageCount > 1;
  }

  get pageText(): string {
    return `Page ${this.pageIndex + 1} of ${this.pageCount}`;
  }

  get isFirstPage(): boolean {
    return this.pageIndex <= 0;
  }

  get isLastPage(): boolean {
    return this.pageIndex >= this.pageCount - 1;
  }

  handlePrevious(): void {
    this.go(this.pageIndex - 1);
  }

  handleNext(): void {
    this.go(this.pageIndex + 1);
  }

  private go(index: number): void {
    const pageIndex = Math.min(Math.max(0, index), Math.max(0, this.pageCount - 1));
    if (pageIndex !== this.pageIndex) {
      this.dispatchEvent(new CustomEvent('pagechange', { detail: { pageIndex } }));
    }
  }
}
