/**
 * One item of a page: a package component (loaded on demand and given the record context and its
 * FlexiPage properties), one of the preview's stand-ins for a standard Lightning component (highlights,
 * details, tabs, field sections, related lists, rich text), or a Dynamic Forms field. Its FlexiPage
 * visibility rule (record fields, the form factor, the preview user's custom permissions) is evaluated here,
 * with `shared/visibility`.
 */
import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { loadComponent } from 'preview/components';
import { appModel } from '../layouts/layouts';
import type { ActionModel, ComponentItem, PageItem } from '../../../../shared/pageModel';
import { isVisible, ruleFields } from '../../../../shared/visibility';

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

export default class Item extends LightningElement {
  @api item?: PageItem;
  @api recordId?: string;
  @api objectApiName?: string;
  @api actions: readonly ActionModel[] = [];

  ctor?: unknown;
  loadError?: string;
  private record?: unknown;
  private customPermissions?: readonly string[];
  private loading = false;

  @wire(getRecord, { recordId: '$recordId', optionalFields: '$visibilityFields' })
  wiredRecord(result: unknown): void {
    const { data } = result as { data?: unknown };
    if (data) this.record = data;
  }

  get visibilityFields(): string[] | undefined {
    const fields = ruleFields(this.item?.visibility);
    return fields.length > 0 && this.objectApiName
      ? fields.map((field) => `${this.objectApiName}.${field}`)
      : undefined;
  }

  get visible(): boolean {
    const record = this.record;
    return isVisible(this.item?.visibility, {
      field: record
        ? (field) => getFieldValue(record as never, `${this.objectApiName ?? ''}.${field}`)
        : undefined,
      customPermissions: this.customPermissions
    });
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
    appModel().then(
      (app) => (this.customPermissions = app.user.customPermissions),
      () => (this.customPermissions = [])
    );
    if (this.isPackageComponent && !this.loading) {
      this.loading = true;
      loadComponent(this.name).then(
        (ctor) => (this.ctor = ctor),
        (error: unknown) => (this.loadError = `${this.name} could not be loaded: ${String(error)}`)
      );
    }
  }
}
