/**
 * `lightning-record-picker` for the preview: searches the object's records by name through the preview's
 * GraphQL endpoint (as the real picker does through the GraphQL API) and fires `change` with
 * `{ recordId }` when a record is chosen or cleared.
 */
import { LightningElement, api } from 'lwc';
import { request } from '../../preview/transport/transport';

interface Match {
  readonly id: string;
  readonly name: string;
}

let counter = 0;

export default class RecordPicker extends LightningElement {
  @api label?: string;
  @api placeholder?: string;
  @api objectApiName?: string;
  @api disabled = false;
  @api required = false;
  @api variant?: string;

  matches: Match[] = [];
  selected?: Match;
  term = '';
  open = false;
  readonly listboxId = `record-picker-listbox-${++counter}`;
  readonly inputId = `record-picker-input-${counter}`;
  private timer?: ReturnType<typeof setTimeout>;
  private currentValue?: string;

  @api
  get value(): string | undefined {
    return this.currentValue;
  }

  set value(recordId: string | undefined) {
    this.currentValue = recordId;
    if (!recordId) this.selected = undefined;
  }

  get comboboxClass(): string {
    return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${this.open ? ' slds-is-open' : ''}`;
  }

  get labelClass(): string {
    return `slds-form-element__label${this.variant === 'label-hidden' ? ' slds-assistive-text' : ''}`;
  }

  get expanded(): string {
    return this.open ? 'true' : 'false';
  }

  get hasMatches(): boolean {
    return this.matches.length > 0;
  }

  handleInput(event: Event): void {
    this.term = (event.target as HTMLInputElement).value;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), 250);
  }

  private async search(): Promise<void> {
    const term = this.term.trim();
    if (term.length < 2 || !this.objectApiName) {
      this.matches = [];
      this.open = false;
      return;
    }
    const like = `%${term.replace(/[%_\\]/g, (char) => `\\${char}`)}%`;
    const response = await request<{
      data?: {
        uiapi: { query: Record<string, { edges: { node: { Id: string; Name: { value: string } } }[] }> };
      };
    }>('POST', '/api/graphql', {
      query: `query search($like: String) { uiapi { query { ${this.objectApiName}(first: 10, where: { Name: { like: $like } }, orderBy: { Name: { order: ASC } }) { edges { node { Id Name { value } } } } } } }`,
      variables: { like }
    });
    this.matches = (response.data?.uiapi.query[this.objectApiName]?.edges ?? []).map((edge) => ({
      id: edge.node.Id,
      name: edge.node.Name.value
    }));
    this.open = true;
  }

  handleSelect(event: Event): void {
    const id = (event.currentTarget as HTMLElement).dataset.id;
    const match = this.matches.find((candidate) => candidate.id === id);
    if (!match) return;
    this.selected = match;
    this.currentValue = match.id;
    this.open = false;
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId: match.id } }));
  }

  handleClear(): void {
    this.selected = undefined;
    this.currentValue = undefined;
    this.term = '';
    this.matches = [];
    this.dispatchEvent(new CustomEvent('change', { detail: { recordId: null } }));
  }
}
