import { createElement } from 'lwc';
import ErrorPanel from 'c/errorPanel';

function mount(props: { friendlyMessage?: string; errors?: unknown }) {
  const element = createElement('c-error-panel', { is: ErrorPanel });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot as ShadowRoot;
}

describe('c-error-panel', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the friendly message as an alert without details when there are none', async () => {
    const element = mount({ friendlyMessage: "We couldn't load the gate." });
    await Promise.resolve();
    expect(shadow(element).querySelector('[role="alert"]')).not.toBeNull();
    expect(shadow(element).querySelector('.friendly-message')?.textContent).toBe(
      "We couldn't load the gate."
    );
    expect(shadow(element).querySelector('.details-toggle')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reveals the reduced platform messages on demand', async () => {
    const element = mount({
      errors: { body: { pageErrors: [{ message: 'Sent communications cannot be edited' }] } }
    });
    await Promise.resolve();
    const toggle = shadow(element).querySelector('.details-toggle') as HTMLElement & { label: string };
    expect(toggle.label).toBe('Show details');
    expect(shadow(element).querySelector('.details')).toBeNull();

    toggle.click();
    await Promise.resolve();
    const items = [...shadow(element).querySelectorAll('.details li')].map((li) => li.textContent);
    expect(items).toEqual(['Sent communications cannot be edited']);
    expect(toggle.label).toBe('Hide details');
    await expect(element).toBeAccessible();
  });
});
