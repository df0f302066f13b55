/**
 * One item of a page: a package component (loaded on demand and given the record context and its
 * FlexiPage properties), one of the preview's stand-ins for a standard Lightning component (highlights,
 * details, tabs, field sections, related lists, rich text), or a Dynamic Forms field. FlexiPage visibility
 * rules on record fields, the form factor and permissions are evaluated here.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { loadComponent } from 'preview/components';
import type { ActionModel, ComponentItem, PageItem, VisibilityCriterion } from '../../../../shared/pageModel';
import { asText } from '../../../../shared/text';

const STANDARD_TAB_TITLES: Readonly<Record<string, string>> = {
  'Standard.Tab.detail': 'Details',
  'Standard.Tab.relatedLists': 'Related',
  'Standard.Tab.activity': 'Activity',
  'Standard.Tab.feed': 'Chatter',
  'Standard.Tab.collaborate': 'Collaborate'
};

export function tabTitle(title: string | undefined): string {
  return (title && STANDARD_TAB_TITLES[title]) ?? title ?? 'Tab';
}

/** `{!Record.Status__c}` → `Status__c`; undefined for other merge fields. */
function recordField(leftValue: string): string | undefined {
  return /^\{!Record\.([\w.]+)\}$/.exec(leftValue.trim())?.[1];
}

function compare(operator: string, left: unknown, right: string | undefined): boolean {
  const text = left === null || left === undefined ? '' : asText(left);
  const expected = right ?? '';
  switch (operator.toUpperCase()) {
    case 'EQUAL':
      return text === expected || (typeof left === 'boolean' && String(left) === expected.toLowerCase());
    case 'NE':
      return text !== expected;
    case 'CONTAINS':
      return text.includes(expected);
    case 'GT':
      return Number(left) > Number(expected);
    case 'GE':
      return Number(left) >= Number(expected);
    case 'LT':
      return Number(left) < Number(expected);
    case 'LE':
      return Number(left) <= Number(expected);
    default:
      return true;
  }
}

/** Evaluates `1 AND (2 OR 3)` with the criteria's results. */
function evaluateFilter(filter: string | undefined, results: boolean[]): boolean {
  if (!filter) return results.every(Boolean);
  const tokens = filter.toUpperCase().match(/\d+|AND|OR|NOT|\(|\)/g) ?? [];
  let position = 0;
  const expression = (): boolean => {
    let value = term();
    while (tokens[position] === 'OR') {
      position++;
      const right = term();
      value = value || right;
    }
    return value;
  };
  const term = (): boolean => {
    let value = factor();
    while (tokens[position] === 'AND') {
      position++;
      const right = factor();
      value = value && right;
    }
    return value;
  };
  const factor = (): boolean => {
    const token = tokens[position++];
    if (token === 'NOT') return !factor();
    if (token === '(') {
      const value = expression();
      position++;
      return value;
    }
    return results[Number(token) - 1] ?? true;
  };
  return expression();
}

export default class Item extends LightningElement {
  @api item?: PageItem;
  @api recordId?: string;
  @api objectApiName?: string;
  @api actions: readonly ActionModel[] = [];

  ctor?: unknown;
  loadError?: string;
  private record?: unknown;
  private loading = false;

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$visibilityFields' })
  wiredRecord(result: unknown): void {
    const { data } = result as { data?: unknown };
    if (data) this.record = data;
  }

  get visibilityFields(): string[] | undefined {
    const criteria = this.item?.visibility?.criteria ?? [];
    const fields = criteria
      .map((criterion) => recordField(criterion.leftValue))
      .filter((field): field is string => field !== undefined);
    return fields.length > 0 && this.objectApiName
      ? fields.map((field) => `${this.objectApiName}.${field}`)
      : undefined;
  }

  get visible(): boolean {
    const rule = this.item?.visibility;
    if (!rule) return true;
    const results = rule.criteria.map((criterion: VisibilityCriterion) => {
      const field = recordField(criterion.leftValue);
      if (field) {
        if (!this.record) return false;
        return compare(
          criterion.operator,
          getFieldValue(this.record as never, `${this.objectApiName ?? ''}.${field}`),
          criterion.rightValue
        );
      }
      if (/\$Client\.FormFactor/i.test(criterion.leftValue))
        return compare(criterion.operator, 'Large', criterion.rightValue);
      return true;
    });
    return evaluateFilter(rule.booleanFilter, results);
  }

  get component(): ComponentItem | undefined {
    return this.item?.kind === 'component' ? this.item : undefined;
  }

  get name(): string {
    return this.component?.name ?? '';
  }

  get isPackageComponent(): boolean {
    return this.name.startsWith('c:');
  }

  get isField(): boolean {
    return this.item?.kind === 'field';
  }

  get fieldName(): string | undefined {
    return this.item?.kind === 'field' ? this.item.field : undefined;
  }

  get isHighlights(): boolean {
    return this.name === 'force:highlightsPanel' || this.name === 'records:highlightsPanel';
  }

  get isDetail(): boolean {
    return this.name === 'force:detailPanel' || this.name === 'records:detailPanel';
  }

  get isTabset(): boolean {
    return this.name === 'flexipage:tabset' || this.name === 'flexipage:tabset2';
  }

  get isFieldSection(): boolean {
    return this.name === 'flexipage:fieldSection';
  }

  get isColumn(): boolean {
    return this.name === 'flexipage:column';
  }

  get isRelatedLists(): boolean {
    return this.name === 'force:relatedListContainer';
  }

  get isRelatedList(): boolean {
    return this.name === 'force:relatedListSingleContainer' || this.name === 'lst:dynamicRelatedList';
  }

  get isRichText(): boolean {
    return this.name === 'flexipage:richText';
  }

  get isDefaultHome(): boolean {
    return this.name === 'preview:defaultHome';
  }

  get isListView(): boolean {
    return this.name === 'flexipage:filterListCard';
  }

  get isUnsupported(): boolean {
    return (
      this.item?.kind === 'component' &&
      !this.isPackageComponent &&
      !this.isHighlights &&
      !this.isDetail &&
      !this.isTabset &&
      !this.isFieldSection &&
      !this.isColumn &&
      !this.isRelatedLists &&
      !this.isRelatedList &&
      !this.isRichText &&
      !this.isDefaultHome &&
      !this.isListView
    );
  }

  get properties(): Readonly<Record<string, string>> {
    return this.component?.properties ?? {};
  }

  get columnItems(): { key: string; item: PageItem }[] {
    return (this.component?.facets.body ?? []).map((item, index) => ({ key: `body-${index}`, item }));
  }

  get relatedListId(): string {
    return this.properties.relatedListApiName ?? this.properties.relatedListId ?? '';
  }

  get richText(): string {
    return this.properties.richTextValue ?? '';
  }

  get listObject(): string {
    return this.properties.entityName ?? '';
  }

  get listFilter(): string {
    return this.properties.filterName ?? 'All';
  }

  /** What the package component receives: the record context and its FlexiPage properties, if it declares them. */
  get props(): Record<string, unknown> {
    const declared = new Set(this.component?.publicProperties ?? []);
    const props: Record<string, unknown> = {};
    if (declared.has('recordId') && this.recordId) props.recordId = this.recordId;
    if (declared.has('objectApiName') && this.objectApiName) props.objectApiName = this.objectApiName;
    for (const [key, value] of Object.entries(this.properties)) {
      if (declared.has(key)) props[key] = value;
    }
    return props;
  }

  override connectedCallback(): void {
    if (this.isPackageComponent && !this.loading) {
      this.loading = true;
      loadComponent(this.name).then(
        (ctor) => (this.ctor = ctor),
        (error: unknown) => (this.loadError = `${this.name} could not be loaded: ${String(error)}`)
      );
    }
  }
}
