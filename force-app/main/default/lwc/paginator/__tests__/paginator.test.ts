import { createElement } from 'lwc';
import Paginator from 'c/paginator';

type PaginatorElement = HTMLElement & { pageIndex: number; pageCount: number; label: string };

function mount(
  props: Partial<Pick<PaginatorElement, 'pageIndex' | 'pageCount' | 'label'>>
): PaginatorElement {
  const element = createElement('c-paginator', { is: Paginator }) as PaginatorElement;
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

function find<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
  return (element.shadowRoot as ShadowRoot).querySelector<T>(selector);
}

function pageChanges(element: HTMLElement): number[] {
  const seen: number[] = [];
  element.addEventListener('pagechange', (event) => {
    seen.push((event as CustomEvent<{ pageIndex: number }>).detail.pageIndex);
  });
  return seen;
}

describe('c-paginator', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('shows nothing when everything fits on one page', async () => {
    const element = mount({ pageIndex: 0, pageCount: 1 });
    await Promise.resolve();
    expect(find(element, '.pager')).toBeNull();
  });

  it('names the page and the page count, with a labelled navigation landmark', async () => {
    const element = mount({ pageIndex: 1, pageCount: 3, label: 'Questions pages' });
    await Promise.resolve();
    expect(find(element, '.page-text')?.textContent).toBe('Page 2 of 3');
    expect(find(element, 'nav')?.getAttribute('aria-label')).toBe('Questions pages');
    await expect(element).toBeAccessible();
  });

  it('asks for the previous and the next page', async () => {
    const element = mount({ pageIndex: 1, pageCount: 3 });
    const seen = pageChanges(element);
    await Promise.resolve();
    find(element, '.next-page')?.click();
    find(element, '.previous-page')?.click();
    expect(seen).toEqual([2, 0]);
  });

  it('disables the buttons at either end and never asks for a page out of range', async () => {
    const element = mount({ pageIndex: 0, pageCount: 2 });
    const seen = pageChanges(element);
    await Promise.resolve();
    expect(find<HTMLElement & { disabled: boolean }>(element, '.previous-page')?.disabled).toBe(true);
    expect(find<HTMLElement & { disabled: boolean }>(element, '.next-page')?.disabled).toBe(false);
    find(element, '.previous-page')?.click();
    element.pageIndex = 1;
    await Promise.resolve();
    expect(find<HTMLElement & { disabled: boolean }>(element, '.next-page')?.disabled).toBe(true);
    find(element, '.next-page')?.click();
    expect(seen).toEqual([]);
  });
});
