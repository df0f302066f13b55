import { createElement } from 'lwc';
import NoMatch from 'c/noMatch';

function mount(message?: string): HTMLElement {
  const element = createElement('c-no-match', { is: NoMatch });
  if (message !== undefined) Object.assign(element, { message });
  document.body.appendChild(element);
  return element;
}

function find(element: HTMLElement, selector: string): HTMLElement | null {
  return (element.shadowRoot as ShadowRoot).querySelector<HTMLElement>(selector);
}

describe('c-no-match', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('says what matched nothing, with a default sentence', async () => {
    const element = mount('No controls match these filters.');
    await Promise.resolve();
    expect(find(element, '.message')?.textContent).toBe('No controls match these filters.');
    expect(find(mount(), '.message')?.textContent).toBe('Nothing matches these filters.');
    await expect(element).toBeAccessible();
  });

  it('asks the parent to clear its filters', async () => {
    const element = mount();
    const cleared = jest.fn();
    element.addEventListener('clearfilters', cleared);
    await Promise.resolve();
    find(element, '.clear-filters')?.click();
    expect(cleared).toHaveBeenCalledTimes(1);
  });
});
