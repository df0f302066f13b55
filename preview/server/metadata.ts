/**
 * The package as the local preview sees it, read from the same metadata that deploys: the objects and fields
 * (through scripts/lib/schemaModel, with the details a stand-in for the org needs: lengths, picklist values
 * and defaults, delete constraints, auto numbers, roll-ups), validation rules, page layouts, compact
 * layouts, list views, FlexiPages, the app and its tabs, quick actions, custom metadata records, custom
 * labels, static resources, the Lightning web components and the Apex methods they may call, and the
 * permission sets that decide what the preview user's custom permissions are.
 *
 * Nothing here is per-component or per-object code: a field, page or component added to the package shows
 * up in the preview on the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  childElement,
  childElements,
  childText,
  loadSchema,
  loadStandardSchema,
  readXml,
  standardSchemaFile,
  type FieldDefinition,
  type ObjectDefinition,
  type SchemaModel,
  type XmlElement
} from '../../scripts/lib/schemaModel';
import { walk } from '../../scripts/lib/files';
import type { ActionModel, LayoutSection, ListViewModel, RelatedListModel } from '../shared/pageModel';
import { parseFlexiPage, type FlexiPageDefinition } from './flexipage';
import { readPermissionSources, userAccess, type UserAccess } from './access';
import standardObjects from '../metadata/standardObjects.json';

/** The value types of the UI API (`dataType` in object info). */
export type DataType =
  | 'Id'
  | 'Reference'
  | 'String'
  | 'TextArea'
  | 'LongTextArea'
  | 'RichTextArea'
  | 'EncryptedString'
  | 'Email'
  | 'Phone'
  | 'Url'
  | 'Picklist'
  | 'MultiPicklist'
  | 'Boolean'
  | 'Int'
  | 'Double'
  | 'Currency'
  | 'Percent'
  | 'Date'
  | 'DateTime'
  | 'Time'
  | 'Address';

export interface PicklistEntry {
  readonly value: string;
  readonly label: string;
  readonly isDefault: boolean;
}

export interface SummaryDefinition {
  readonly operation: string;
  readonly childObject: string;
  readonly foreignKey: string;
  readonly summarizedField?: string;
  readonly filters: readonly { readonly field: string; readonly operation: string; readonly value: string }[];
}

export interface PreviewField {
  readonly apiName: string;
  readonly label: string;
  /** Metadata API type (`Text`, `Lookup`, `Summary`…); a formula field has its result type here. */
  readonly type: string;
  readonly dataType: DataType;
  readonly custom: boolean;
  readonly required: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  /** Formula, roll-up summary or auto number. */
  readonly calculated: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly picklist?: {
    readonly entries: readonly PicklistEntry[];
    readonly restricted: boolean;
  };
  /** Default on insert, already converted to the field's value type. */
  readonly defaultValue?: string | number | boolean;
  readonly reference?: {
    readonly targets: readonly string[];
    readonly relationshipName?: string;
    /** `SetNull`, `Restrict` or `Cascade` (master-detail). */
    readonly deleteConstraint: string;
    readonly masterDetail: boolean;
  };
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
  readonly autoNumberFormat?: string;
  readonly formula?: string;
  readonly formulaTreatBlanksAs?: string;
  readonly summary?: SummaryDefinition;
  readonly inlineHelpText?: string;
  /** Whether the field has a column (roll-ups are computed by a view instead). */
  readonly stored: boolean;
  /** Whether SOQL and GraphQL may filter and sort on it (not long text). */
  readonly filterable: boolean;
}

export interface ValidationRule {
  readonly name: string;
  readonly formula: string;
  readonly message: string;
  readonly displayField?: string;
}

export interface PreviewObject {
  readonly apiName: string;
  readonly label: string;
  readonly pluralLabel: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  /** Custom metadata: read-only records shipped with the package. */
  readonly customMetadata: boolean;
  /** Fields in a stable order: Id, Name, then as defined. */
  readonly fields: readonly PreviewField[];
  readonly fieldsByName: ReadonlyMap<string, PreviewField>;
  readonly nameField: string;
  /** A compound name built from other fields (Contact, User): first name and last name. */
  readonly nameFrom?: readonly string[];
  readonly childRelationships: readonly { name: string; childObject: string; field: string }[];
  readonly validationRules: readonly ValidationRule[];
  readonly compactLayout: readonly string[];
  readonly listViews: readonly ListViewModel[];
  readonly layout?: { readonly source: string; readonly sections: readonly LayoutSection[] };
  readonly relatedLists: readonly RelatedListModel[];
  readonly layoutActions: readonly ActionModel[];
  readonly definition: ObjectDefinition;
  /** Opportunity stages that close and win a deal, for IsClosed and IsWon. */
  readonly stages?: { readonly closed: readonly string[]; readonly won: readonly string[] };
  /** The FlexiPage the object's View action is overridden with (org default), if any. */
  readonly viewOverride?: string;
}

export interface CustomTab {
  readonly name: string;
  readonly label?: string;
  readonly flexiPage?: string;
  readonly lwcComponent?: string;
  readonly customObject: boolean;
  readonly icon?: string;
}

export interface AppDefinition {
  readonly name: string;
  readonly label: string;
  readonly headerColor?: string;
  readonly tabs: readonly string[];
  /** `pageOrSobjectType` → FlexiPage name for the View action or the home page. */
  readonly pageOverrides: ReadonlyMap<string, string>;
}

export interface QuickAction {
  /** `Account.Log_Notification` or a global action name. */
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly lightningWebComponent?: string;
  readonly actionSubtype?: string;
}

export interface StaticResource {
  readonly name: string;
  readonly contentType: string;
  /** The file, or the folder of an archive kept expanded in source format. */
  readonly location: string;
  readonly folder: boolean;
}

export interface ComponentBundle {
  readonly name: string;
  readonly hasTemplate: boolean;
  readonly masterLabel?: string;
  readonly targets: readonly string[];
  /** Design properties from `targetConfigs` with their types (`Boolean`, `Integer`, `String`). */
  readonly propertyTypes: Readonly<Record<string, string>>;
  /** `@api` properties and setters, read from the component's source. */
  readonly publicProperties: readonly string[];
}

export interface ApexMethod {
  readonly className: string;
  readonly methodName: string;
  readonly cacheable: boolean;
  readonly parameters: readonly string[];
}

export interface PackageMetadata {
  readonly root: string;
  readonly schema: SchemaModel;
  readonly objects: ReadonlyMap<string, PreviewObject>;
  readonly app?: AppDefinition;
  readonly tabs: ReadonlyMap<string, CustomTab>;
  readonly flexiPages: ReadonlyMap<string, FlexiPageDefinition>;
  readonly quickActions: ReadonlyMap<string, QuickAction>;
  readonly customMetadataRecords: ReadonlyMap<string, readonly Record<string, unknown>[]>;
  readonly labels: ReadonlyMap<string, string>;
  readonly staticResources: ReadonlyMap<string, StaticResource>;
  readonly components: readonly ComponentBundle[];
  readonly apexMethods: readonly ApexMethod[];
  readonly previewUser: Readonly<Record<string, string>>;
  /**
   * The persona the preview user is: the permission sets assigned to them (`previewUserPermissionSets` in
   * standardObjects.json, the compliance lead's) and the custom permissions those enable.
   */
  readonly previewUserAccess: UserAccess;
  /** Metadata the preview could not read or cannot emulate, reported at start. */
  readonly warnings: readonly string[];
  object(name: string): PreviewObject | undefined;
  requireObject(name: string): PreviewObject;
}

interface StandardFieldFacts {
  readonly label?: string;
  readonly required?: boolean;
  readonly length?: number;
  readonly picklist?: readonly string[];
  readonly restricted?: boolean;
  readonly default?: boolean | string | number;
  readonly closed?: readonly string[];
  readonly won?: readonly string[];
}

interface StandardObjectFacts {
  readonly label: string;
  readonly pluralLabel: string;
  readonly keyPrefix: string;
  readonly nameFields?: readonly string[];
  readonly fields: Readonly<Record<string, StandardFieldFacts>>;
  readonly compactLayout: readonly string[];
  readonly listView: readonly string[];
  readonly layout?: readonly { label: string; columns: readonly (readonly string[])[] }[];
}

const STANDARD: Readonly<Record<string, StandardObjectFacts>> = standardObjects.objects;

/** The standard objects that get tables, in the order their records can be loaded. */
export const STORED_STANDARD_OBJECTS = Object.keys(STANDARD);

const TYPE_TO_DATA_TYPE: Readonly<Record<string, DataType>> = {
  id: 'Id',
  text: 'String',
  autonumber: 'String',
  textarea: 'TextArea',
  longtextarea: 'LongTextArea',
  html: 'RichTextArea',
  encryptedtext: 'EncryptedString',
  email: 'Email',
  phone: 'Phone',
  url: 'Url',
  picklist: 'Picklist',
  multiselectpicklist: 'MultiPicklist',
  checkbox: 'Boolean',
  number: 'Double',
  currency: 'Currency',
  percent: 'Percent',
  date: 'Date',
  datetime: 'DateTime',
  time: 'Time',
  lookup: 'Reference',
  masterdetail: 'Reference',
  hierarchy: 'Reference',
  address: 'Address',
  summary: 'Double'
};

export function dataTypeOf(type: string): DataType {
  return TYPE_TO_DATA_TYPE[type.toLowerCase()] ?? 'String';
}

/** `LastModifiedById` → `Last Modified By`, `NumberOfEmployees` → `Number Of Employees`. */
export function labelFromApiName(apiName: string): string {
  const base = apiName.replace(/__c$/i, '').replace(/Id$/, '');
  return base
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
}

function numberOf(element: XmlElement, name: string): number | undefined {
  const text = childText(element, name);
  return text === undefined || text === '' || Number.isNaN(Number(text)) ? undefined : Number(text);
}

function entriesOf(parent: XmlElement, element: 'value' | 'customValue'): PicklistEntry[] {
  return childElements(parent, element).map((value) => {
    const name = childText(value, 'fullName') ?? value.text;
    return {
      value: name,
      label: childText(value, 'label') ?? name,
      isDefault: childText(value, 'default') === 'true'
    };
  });
}

/** A default value formula the preview can apply without evaluating: a literal. */
function literalDefault(
  formula: string | undefined,
  dataType: DataType
): string | number | boolean | undefined {
  if (formula === undefined) return undefined;
  const text = formula.trim();
  if (dataType === 'Boolean') return text.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const quoted = /^"(.*)"$|^'(.*)'$/s.exec(text);
  if (quoted) return quoted[1] ?? quoted[2] ?? '';
  return undefined;
}

function readGlobalValueSets(root: string): Map<string, PicklistEntry[]> {
  const sets = new Map<string, PicklistEntry[]>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.globalValueSet-meta.xml'))) {
    const name = path.basename(file).replace(/\.globalValueSet-meta\.xml$/, '');
    sets.set(name.toLowerCase(), entriesOf(readXml(file), 'customValue'));
  }
  return sets;
}

function customField(
  definition: FieldDefinition,
  object: ObjectDefinition,
  globalValueSets: ReadonlyMap<string, PicklistEntry[]>
): PreviewField {
  const xml = definition.source ? readXml(definition.source.file) : undefined;
  const summaryKey = xml ? childText(xml, 'summaryForeignKey') : undefined;
  const type = definition.type === 'Formula' ? 'Text' : definition.type;
  const dataType = dataTypeOf(type);
  const valueSet = xml ? childElement(xml, 'valueSet') : undefined;
  const valueSetDefinition = valueSet ? childElement(valueSet, 'valueSetDefinition') : undefined;
  const globalEntries = definition.globalValueSet
    ? globalValueSets.get(definition.globalValueSet.toLowerCase())
    : undefined;
  const entries = globalEntries ?? (valueSetDefinition ? entriesOf(valueSetDefinition, 'value') : undefined);
  const picklist = entries
    ? {
        entries,
        restricted:
          Boolean(globalEntries) || (valueSet ? childText(valueSet, 'restricted') === 'true' : false)
      }
    : undefined;
  const masterDetail = type === 'MasterDetail';
  const isReference = dataType === 'Reference';
  const defaultValue = picklist
    ? picklist.entries.find((entry) => entry.isDefault)?.value
    : literalDefault(xml ? childText(xml, 'defaultValue') : undefined, dataType);
  const summaryOperation = xml ? childText(xml, 'summaryOperation') : undefined;
  const [childObject = '', foreignKey = ''] = (summaryKey ?? '').split('.');
  return {
    apiName: definition.apiName,
    label: definition.label ?? labelFromApiName(definition.apiName),
    type,
    dataType,
    custom: true,
    required: definition.required,
    createable: !definition.readOnly,
    updateable: !definition.readOnly && !masterDetail,
    calculated: definition.readOnly,
    length: xml ? numberOf(xml, 'length') : undefined,
    precision: xml ? numberOf(xml, 'precision') : undefined,
    scale: xml ? numberOf(xml, 'scale') : undefined,
    picklist,
    defaultValue,
    reference: isReference
      ? {
          targets: definition.referenceTo,
          relationshipName: definition.relationshipName,
          deleteConstraint: masterDetail
            ? 'Cascade'
            : ((xml ? childText(xml, 'deleteConstraint') : undefined) ?? 'SetNull'),
          masterDetail
        }
      : undefined,
    externalId: xml ? childText(xml, 'externalId') === 'true' : false,
    unique: xml ? childText(xml, 'unique') === 'true' : false,
    caseSensitive: xml ? childText(xml, 'caseSensitive') === 'true' : false,
    formula: definition.formula,
    formulaTreatBlanksAs: xml ? childText(xml, 'formulaTreatBlanksAs') : undefined,
    summary: summaryKey
      ? {
          operation: summaryOperation ?? 'count',
          childObject,
          foreignKey,
          summarizedField: xml ? childText(xml, 'summarizedField')?.split('.')[1] : undefined,
          filters: (xml ? childElements(xml, 'summaryFilterItems') : []).map((item) => ({
            field: (childText(item, 'field') ?? '').split('.').pop() ?? '',
            operation: childText(item, 'operation') ?? 'equals',
            value: childText(item, 'value') ?? ''
          }))
        }
      : undefined,
    inlineHelpText: xml ? childText(xml, 'inlineHelpText') : undefined,
    stored: type !== 'Summary',
    filterable: dataType !== 'LongTextArea' && dataType !== 'RichTextArea' && type !== 'Summary',
    ...(object.kind === 'customMetadata' ? { createable: false, updateable: false } : {})
  };
}

function standardField(
  definition: FieldDefinition,
  objectName: string,
  facts: StandardFieldFacts | undefined,
  isNameOfCustomObject: { type: string; label?: string; displayFormat?: string } | undefined
): PreviewField {
  const type = isNameOfCustomObject?.type ?? definition.type;
  const dataType = definition.apiName === 'Id' ? 'Id' : dataTypeOf(type);
  const isReference = dataType === 'Reference';
  const autoNumber = type === 'AutoNumber';
  const readOnly = definition.readOnly || autoNumber || definition.apiName === 'Id';
  const required =
    facts?.required ?? (isNameOfCustomObject !== undefined && !autoNumber && definition.apiName === 'Name');
  const picklist = facts?.picklist
    ? {
        entries: facts.picklist.map((value) => ({ value, label: value, isDefault: false })),
        restricted: facts.restricted ?? false
      }
    : undefined;
  const label =
    facts?.label ??
    isNameOfCustomObject?.label ??
    (definition.apiName === 'Name'
      ? `${objectName.replace(/__c$/, '').replace(/_/g, ' ')} Name`
      : undefined) ??
    (definition.apiName === 'OwnerId' ? 'Owner' : labelFromApiName(definition.apiName));
  return {
    apiName: definition.apiName,
    label,
    type,
    dataType,
    custom: false,
    required,
    createable:
      !readOnly && !/^(CreatedById|CreatedDate|LastModifiedById|LastModifiedDate)$/.test(definition.apiName),
    updateable: !readOnly,
    calculated: autoNumber,
    length: facts?.length ?? (definition.apiName === 'Name' ? 80 : dataType === 'String' ? 255 : undefined),
    picklist,
    defaultValue: facts?.default,
    reference: isReference
      ? {
          targets: definition.referenceTo,
          relationshipName: definition.relationshipName,
          deleteConstraint: 'SetNull',
          masterDetail: false
        }
      : undefined,
    externalId: false,
    unique: definition.apiName === 'Username',
    caseSensitive: false,
    autoNumberFormat: isNameOfCustomObject?.displayFormat,
    inlineHelpText: undefined,
    stored: type !== 'Address',
    filterable: dataType !== 'LongTextArea' && dataType !== 'Address'
  };
}

function readValidationRules(objectDir: string): ValidationRule[] {
  return walk(path.join(objectDir, 'validationRules'), (f) => f.endsWith('.validationRule-meta.xml'))
    .map((file) => ({ file, xml: readXml(file) }))
    .filter(({ xml }) => childText(xml, 'active') !== 'false')
    .map(({ file, xml }) => ({
      name: path.basename(file).replace(/\.validationRule-meta\.xml$/, ''),
      formula: childText(xml, 'errorConditionFormula') ?? 'false',
      message: childText(xml, 'errorMessage') ?? 'Validation failed.',
      displayField: childText(xml, 'errorDisplayField')
    }));
}

function readListViews(objectDir: string): ListViewModel[] {
  return walk(path.join(objectDir, 'listViews'), (f) => f.endsWith('.listView-meta.xml')).map((file) => {
    const xml = readXml(file);
    return {
      name: path.basename(file).replace(/\.listView-meta\.xml$/, ''),
      label: childText(xml, 'label') ?? path.basename(file),
      columns: childElements(xml, 'columns').map((column) => normaliseColumn(column.text)),
      filterScope: childText(xml, 'filterScope') ?? 'Everything',
      filters: childElements(xml, 'filters').map((filter) => ({
        field: childText(filter, 'field') ?? '',
        operation: childText(filter, 'operation') ?? 'equals',
        value: childText(filter, 'value') ?? ''
      }))
    };
  });
}

/** Page layout sections and related lists: `NAME` and `OWNER.ALIAS` style column names are normalised. */
function readLayout(
  file: string,
  quickActions: ReadonlyMap<string, QuickAction>,
  objectName: string
): { sections: LayoutSection[]; relatedLists: RelatedListSpec[]; actions: ActionModel[] } {
  const xml = readXml(file);
  const sections = childElements(xml, 'layoutSections').map((section) => ({
    label: childText(section, 'label') ?? '',
    showHeading: childText(section, 'detailHeading') !== 'false',
    columns: childElements(section, 'layoutColumns').map((column) =>
      childElements(column, 'layoutItems')
        .filter((item) => childText(item, 'field'))
        .map((item) => ({
          field: childText(item, 'field') ?? '',
          behavior: childText(item, 'behavior') ?? 'Edit'
        }))
    )
  }));
  const relatedLists = childElements(xml, 'relatedLists').map((list) => ({
    relatedList: childText(list, 'relatedList') ?? '',
    fields: childElements(list, 'fields').map((field) => field.text),
    sortField: childText(list, 'sortField'),
    sortOrder: childText(list, 'sortOrder') as 'Asc' | 'Desc' | undefined
  }));
  const actions: ActionModel[] = [];
  for (const list of childElements(xml, 'platformActionList')) {
    const items = childElements(list, 'platformActionListItems')
      .map((item) => ({
        name: childText(item, 'actionName') ?? '',
        type: childText(item, 'actionType') ?? '',
        order: Number(childText(item, 'sortOrder') ?? 0)
      }))
      .sort((a, b) => a.order - b.order);
    for (const item of items) {
      actions.push(actionModel(item.name, quickActions, objectName));
    }
  }
  for (const list of childElements(xml, 'quickActionList')) {
    for (const item of childElements(list, 'quickActionListItems')) {
      const name = childText(item, 'quickActionName') ?? '';
      if (!actions.some((action) => action.name === name)) {
        actions.push(actionModel(name, quickActions, objectName));
      }
    }
  }
  return { sections, relatedLists, actions };
}

export function actionModel(
  name: string,
  quickActions: ReadonlyMap<string, QuickAction>,
  objectName: string
): ActionModel {
  const action = quickActions.get(name) ?? quickActions.get(`${objectName}.${name}`);
  return {
    name,
    label: action?.label ?? labelFromApiName(name.split('.').pop() ?? name),
    component: action?.lightningWebComponent,
    actionSubtype: action?.actionSubtype
  };
}

interface RelatedListSpec {
  readonly relatedList: string;
  readonly fields: readonly string[];
  readonly sortField?: string;
  readonly sortOrder?: 'Asc' | 'Desc';
}

/** `NAME` → `Name`, `OWNER.ALIAS` → `OwnerId`, `Control_Evidence__c.Result__c` → `Result__c`. */
export function normaliseColumn(column: string): string {
  const upper = column.toUpperCase();
  if (upper === 'NAME' || (upper.endsWith('.NAME') && !column.includes('__'))) return 'Name';
  if (upper.startsWith('OWNER.') || upper === 'CORE.USERS.ALIAS') return 'OwnerId';
  if (upper === 'CREATED_DATE') return 'CreatedDate';
  if (upper === 'LAST_UPDATE' || upper === 'LAST_MODIFIED_DATE') return 'LastModifiedDate';
  if (upper === 'ACCOUNT.NAME') return 'AccountId';
  const last = column.split('.').pop() ?? column;
  return last;
}

/** `<actionOverrides>` of an object: the Lightning page its View action opens on desktop. */
function viewOverrideOf(objectXml: XmlElement): string | undefined {
  for (const override of childElements(objectXml, 'actionOverrides')) {
    if (
      childText(override, 'actionName') === 'View' &&
      childText(override, 'type') === 'Flexipage' &&
      childText(override, 'formFactor') !== 'Small'
    ) {
      return childText(override, 'content');
    }
  }
  return undefined;
}

function readQuickActions(root: string): Map<string, QuickAction> {
  const actions = new Map<string, QuickAction>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.quickAction-meta.xml'))) {
    const xml = readXml(file);
    const name = path.basename(file).replace(/\.quickAction-meta\.xml$/, '');
    actions.set(name, {
      name,
      label: childText(xml, 'label') ?? labelFromApiName(name.split('.').pop() ?? name),
      type: childText(xml, 'type') ?? '',
      lightningWebComponent: childText(xml, 'lightningWebComponent'),
      actionSubtype: childText(xml, 'actionSubtype')
    });
  }
  return actions;
}

function readApp(root: string): AppDefinition | undefined {
  const files = walk(path.join(root, 'force-app'), (f) => f.endsWith('.app-meta.xml'));
  const file = files[0];
  if (!file) return undefined;
  const xml = readXml(file);
  const overrides = new Map<string, string>();
  for (const element of [
    ...childElements(xml, 'actionOverrides'),
    ...childElements(xml, 'profileActionOverrides')
  ]) {
    const target = childText(element, 'pageOrSobjectType');
    const content = childText(element, 'content');
    const type = childText(element, 'type');
    const action = childText(element, 'actionName');
    const formFactor = childText(element, 'formFactor');
    if (
      target &&
      content &&
      type === 'Flexipage' &&
      (action === 'View' || action === 'Tab') &&
      formFactor !== 'Small'
    ) {
      if (!overrides.has(target.toLowerCase())) overrides.set(target.toLowerCase(), content);
    }
  }
  const brand = childElement(xml, 'brand');
  return {
    name: path.basename(file).replace(/\.app-meta\.xml$/, ''),
    label: childText(xml, 'label') ?? 'App',
    headerColor: brand ? childText(brand, 'headerColor') : undefined,
    tabs: childElements(xml, 'tabs').map((tab) => tab.text),
    pageOverrides: overrides
  };
}

function readTabs(root: string): Map<string, CustomTab> {
  const tabs = new Map<string, CustomTab>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.tab-meta.xml'))) {
    const xml = readXml(file);
    const name = path.basename(file).replace(/\.tab-meta\.xml$/, '');
    tabs.set(name, {
      name,
      label: childText(xml, 'label'),
      flexiPage: childText(xml, 'flexiPage'),
      lwcComponent: childText(xml, 'lwcComponent'),
      customObject: childText(xml, 'customObject') === 'true',
      icon: childText(xml, 'motif')
    });
  }
  return tabs;
}

function readCustomMetadata(root: string): Map<string, Record<string, unknown>[]> {
  const records = new Map<string, Record<string, unknown>[]>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.md-meta.xml'))) {
    const base = path.basename(file).replace(/\.md-meta\.xml$/, '');
    const [typeName = '', developerName = ''] = base.split('.');
    const xml = readXml(file);
    const record: Record<string, unknown> = {
      DeveloperName: developerName,
      MasterLabel: childText(xml, 'label') ?? developerName,
      Label: childText(xml, 'label') ?? developerName
    };
    for (const value of childElements(xml, 'values')) {
      const field = childText(value, 'field');
      const element = childElement(value, 'value');
      if (!field || !element) continue;
      const nil = element.attributes['xsi:nil'] === 'true';
      const kind = element.attributes['xsi:type'] ?? '';
      record[field] = nil
        ? null
        : /double|int|decimal/.test(kind)
          ? Number(element.text)
          : kind.endsWith('boolean')
            ? element.text === 'true'
            : element.text;
    }
    const type = `${typeName}__mdt`.toLowerCase();
    records.set(type, [...(records.get(type) ?? []), record]);
  }
  return records;
}

function readLabels(root: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.labels-meta.xml'))) {
    for (const label of childElements(readXml(file), 'labels')) {
      const name = childText(label, 'fullName');
      if (name) labels.set(name, childText(label, 'value') ?? '');
    }
  }
  return labels;
}

function readStaticResources(root: string): Map<string, StaticResource> {
  const resources = new Map<string, StaticResource>();
  for (const meta of walk(path.join(root, 'force-app'), (f) => f.endsWith('.resource-meta.xml'))) {
    const name = path.basename(meta).replace(/\.resource-meta\.xml$/, '');
    const dir = path.dirname(meta);
    const contentType = childText(readXml(meta), 'contentType') ?? 'application/octet-stream';
    const folder = path.join(dir, name);
    const file = fs
      .readdirSync(dir)
      .find((entry) => entry.startsWith(`${name}.`) && !entry.endsWith('.resource-meta.xml'));
    if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) {
      resources.set(name, { name, contentType, location: folder, folder: true });
    } else if (file) {
      resources.set(name, { name, contentType, location: path.join(dir, file), folder: false });
    }
  }
  return resources;
}

function readComponents(root: string): ComponentBundle[] {
  const lwcDir = path.join(root, 'force-app', 'main', 'default', 'lwc');
  if (!fs.existsSync(lwcDir)) return [];
  return fs
    .readdirSync(lwcDir, { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && fs.existsSync(path.join(lwcDir, entry.name, `${entry.name}.js-meta.xml`))
    )
    .map((entry) => {
      const meta = readXml(path.join(lwcDir, entry.name, `${entry.name}.js-meta.xml`));
      const targets = childElement(meta, 'targets');
      const propertyTypes: Record<string, string> = {};
      const configs = childElement(meta, 'targetConfigs');
      for (const config of configs ? childElements(configs, 'targetConfig') : []) {
        for (const property of childElements(config, 'property')) {
          const name = property.attributes.name;
          if (name) propertyTypes[name] = property.attributes.type ?? 'String';
        }
      }
      const sourceFile = [`${entry.name}.ts`, `${entry.name}.js`]
        .map((file) => path.join(lwcDir, entry.name, file))
        .find((file) => fs.existsSync(file));
      const source = sourceFile ? fs.readFileSync(sourceFile, 'utf8') : '';
      const publicProperties = [
        ...new Set(
          [...source.matchAll(/@api\s+(?:(?:get|set|static|readonly|declare)\s+)*(\w+)/g)].map(
            (match) => match[1] ?? ''
          )
        )
      ].filter(Boolean);
      return {
        name: entry.name,
        hasTemplate: fs.existsSync(path.join(lwcDir, entry.name, `${entry.name}.html`)),
        masterLabel: childText(meta, 'masterLabel'),
        targets: targets ? childElements(targets, 'target').map((target) => target.text) : [],
        propertyTypes,
        publicProperties
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `@AuraEnabled` static methods, read from the Apex source (the preview serves them from preview/apex). */
function readApexMethods(root: string): ApexMethod[] {
  const methods: ApexMethod[] = [];
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.cls'))) {
    const source = fs
      .readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const className = path.basename(file, '.cls');
    const pattern =
      /@AuraEnabled\s*(\(([^)]*)\))?\s*(?:@\w+(?:\([^)]*\))?\s*)*(?:public|global)\s+static\s+[\w<>,.\s[\]]+?\s+(\w+)\s*\(([^)]*)\)/gi;
    for (const match of source.matchAll(pattern)) {
      methods.push({
        className,
        methodName: match[3] ?? '',
        cacheable: /cacheable\s*=\s*true/i.test(match[2] ?? ''),
        parameters: (match[4] ?? '')
          .split(',')
          .map((parameter) => parameter.trim().split(/\s+/).pop() ?? '')
          .filter(Boolean)
      });
    }
  }
  return methods;
}

function keyPrefixFor(index: number, customMetadata: boolean): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${customMetadata ? 'm' : 'a'}${alphabet[Math.floor(index / 36) % 36]}${alphabet[index % 36]}`;
}

export function loadPackageMetadata(root: string): PackageMetadata {
  const warnings: string[] = [];
  const standardSpec = loadStandardSchema(standardSchemaFile(root));
  const loaded = loadSchema([path.join(root, 'force-app')], standardSpec);
  for (const problem of loaded.problems)
    warnings.push(`${path.relative(root, problem.file)}: ${problem.message}`);
  const schema = loaded.model;
  const globalValueSets = readGlobalValueSets(root);
  const quickActions = readQuickActions(root);
  const objectsDir = path.join(root, 'force-app', 'main', 'default', 'objects');
  const layoutsDir = path.join(root, 'force-app', 'main', 'default', 'layouts');
  const layoutFiles = walk(layoutsDir, (f) => f.endsWith('.layout-meta.xml'));

  const objects = new Map<string, PreviewObject>();
  const pendingRelatedLists: { object: string; specs: readonly RelatedListSpec[] }[] = [];
  const customDefinitions = schema
    .objects()
    .filter((object) => object.kind === 'custom' || object.kind === 'customMetadata');
  const definitions = [
    ...STORED_STANDARD_OBJECTS.map((name) => schema.object(name)).filter(
      (object): object is ObjectDefinition => object !== undefined
    ),
    ...customDefinitions
  ];
  let customIndex = 0;
  let metadataIndex = 0;
  for (const definition of definitions) {
    const standardFacts = STANDARD[definition.apiName];
    const objectDir = path.join(objectsDir, definition.apiName);
    const objectXml = definition.source ? readXml(definition.source.file) : undefined;
    const nameFieldXml = objectXml ? childElement(objectXml, 'nameField') : undefined;
    const nameOfCustom = nameFieldXml
      ? {
          type: childText(nameFieldXml, 'type') ?? 'Text',
          label: childText(nameFieldXml, 'label'),
          displayFormat: childText(nameFieldXml, 'displayFormat')
        }
      : definition.kind === 'customMetadata'
        ? { type: 'Text', label: 'Label' }
        : undefined;
    const fields: PreviewField[] = [];
    for (const field of definition.fields.values()) {
      if (field.custom) {
        fields.push(customField(field, definition, globalValueSets));
      } else {
        fields.push(
          standardField(
            field,
            definition.apiName,
            standardFacts?.fields[field.apiName],
            field.apiName === 'Name' ? nameOfCustom : undefined
          )
        );
      }
    }
    if (definition.kind === 'customMetadata') {
      for (const extra of ['DeveloperName', 'MasterLabel', 'Label', 'QualifiedApiName']) {
        if (!fields.some((field) => field.apiName === extra)) {
          fields.push(
            standardField(
              {
                apiName: extra,
                type: 'Text',
                custom: false,
                referenceTo: [],
                required: false,
                readOnly: true
              },
              definition.apiName,
              undefined,
              undefined
            )
          );
        }
      }
    }
    const order = (field: PreviewField): number =>
      field.apiName === 'Id' ? 0 : field.apiName === 'Name' ? 1 : field.custom ? 3 : 2;
    fields.sort((a, b) => order(a) - order(b));
    const fieldsByName = new Map(fields.map((field) => [field.apiName.toLowerCase(), field]));

    const compactFile = objectXml ? childText(objectXml, 'compactLayoutAssignment') : undefined;
    const compactPath = compactFile
      ? path.join(objectDir, 'compactLayouts', `${compactFile}.compactLayout-meta.xml`)
      : undefined;
    const compactLayout =
      compactPath && fs.existsSync(compactPath)
        ? childElements(readXml(compactPath), 'fields').map((field) => field.text)
        : (standardFacts?.compactLayout ?? ['Name']);

    const listViews = readListViews(objectDir);
    if (listViews.length === 0) {
      listViews.push({
        name: 'All',
        label: 'All',
        columns: standardFacts?.listView ?? compactLayout,
        filterScope: 'Everything',
        filters: []
      });
    }

    const layoutFile = layoutFiles.find((file) => path.basename(file).startsWith(`${definition.apiName}-`));
    const layout = layoutFile ? readLayout(layoutFile, quickActions, definition.apiName) : undefined;
    const sections: LayoutSection[] =
      layout?.sections ??
      (standardFacts?.layout ?? []).map((section) => ({
        label: section.label,
        showHeading: true,
        columns: section.columns.map((column) => column.map((field) => ({ field, behavior: 'Edit' })))
      }));
    if (!layoutFile && standardFacts) {
      // The package adds fields to a standard object without shipping its layout: show them in their own section.
      const added = fields
        .filter((field) => field.custom)
        .map((field) => ({ field: field.apiName, behavior: 'Edit' }));
      if (added.length > 0) {
        const half = Math.ceil(added.length / 2);
        sections.splice(Math.max(sections.length - 1, 0), 0, {
          label: 'Trust Desk',
          showHeading: true,
          columns: [added.slice(0, half), added.slice(half)]
        });
      }
    }

    const keyPrefix =
      standardFacts?.keyPrefix ??
      keyPrefixFor(
        definition.kind === 'customMetadata' ? metadataIndex++ : customIndex++,
        definition.kind === 'customMetadata'
      );
    objects.set(definition.apiName.toLowerCase(), {
      apiName: definition.apiName,
      label: standardFacts?.label ?? definition.label ?? labelFromApiName(definition.apiName),
      pluralLabel:
        standardFacts?.pluralLabel ??
        (objectXml ? childText(objectXml, 'pluralLabel') : undefined) ??
        `${definition.label ?? labelFromApiName(definition.apiName)}s`,
      keyPrefix,
      custom: definition.custom,
      customMetadata: definition.kind === 'customMetadata',
      fields,
      fieldsByName,
      nameField: 'Name',
      nameFrom: standardFacts?.nameFields,
      childRelationships: [...definition.childRelationships.values()],
      validationRules: readValidationRules(objectDir),
      compactLayout,
      listViews,
      layout:
        sections.length > 0
          ? { source: layoutFile ? path.basename(layoutFile) : 'default', sections }
          : undefined,
      relatedLists: [],
      layoutActions: layout?.actions ?? [],
      definition,
      viewOverride: objectXml ? viewOverrideOf(objectXml) : undefined,
      stages: standardFacts?.fields.StageName?.closed
        ? { closed: standardFacts.fields.StageName.closed, won: standardFacts.fields.StageName.won ?? [] }
        : undefined
    });
    if (layoutFile && layout) {
      pendingRelatedLists.push({ object: definition.apiName, specs: layout.relatedLists });
    }
  }

  // Related lists need every object loaded: `Control_Evidence__c.Trust_Control__c` names the child side.
  for (const { object, specs } of pendingRelatedLists.splice(0)) {
    const parent = objects.get(object.toLowerCase());
    if (!parent) continue;
    const lists: RelatedListModel[] = [];
    for (const spec of specs) {
      const [childName = '', fieldName = ''] = spec.relatedList.split('.');
      const child = objects.get(childName.toLowerCase());
      const relationship = parent.childRelationships.find(
        (candidate) =>
          candidate.childObject.toLowerCase() === childName.toLowerCase() &&
          candidate.field.toLowerCase() === fieldName.toLowerCase()
      );
      if (!child || !relationship) {
        // Activities, files and field history are standard related lists the preview does not emulate.
        if (spec.relatedList.includes('.')) {
          warnings.push(
            `${object} layout: related list ${spec.relatedList} does not resolve to a child relationship`
          );
        }
        continue;
      }
      lists.push({
        relationshipName: relationship.name,
        label: child.pluralLabel,
        childObject: child.apiName,
        field: relationship.field,
        columns: spec.fields
          .map(normaliseColumn)
          .filter((column) => child.fieldsByName.has(column.toLowerCase())),
        sortField: spec.sortField,
        sortOrder: spec.sortOrder
      });
    }
    (parent.relatedLists as RelatedListModel[]).push(...lists);
  }
  // Objects without a layout in the package: every child relationship between stored objects.
  for (const parent of objects.values()) {
    if (parent.relatedLists.length > 0 || parent.layout?.source !== 'default') continue;
    for (const relationship of parent.childRelationships) {
      const child = objects.get(relationship.childObject.toLowerCase());
      if (!child || child.customMetadata) continue;
      (parent.relatedLists as RelatedListModel[]).push({
        relationshipName: relationship.name,
        label: child.pluralLabel,
        childObject: child.apiName,
        field: relationship.field,
        columns: child.compactLayout.filter((column) => column !== relationship.field).slice(0, 4)
      });
    }
  }

  const flexiPages = new Map<string, FlexiPageDefinition>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.flexipage-meta.xml'))) {
    try {
      const page = parseFlexiPage(readXml(file), path.basename(file).replace(/\.flexipage-meta\.xml$/, ''));
      flexiPages.set(page.name, page);
    } catch (error) {
      warnings.push(`${path.relative(root, file)}: cannot read FlexiPage: ${String(error)}`);
    }
  }

  const metadata: PackageMetadata = {
    root,
    schema,
    objects,
    app: readApp(root),
    tabs: readTabs(root),
    flexiPages,
    quickActions,
    customMetadataRecords: readCustomMetadata(root),
    labels: readLabels(root),
    staticResources: readStaticResources(root),
    components: readComponents(root),
    apexMethods: readApexMethods(root),
    previewUser: standardObjects.previewUser,
    previewUserAccess: userAccess(
      standardObjects.previewUserPermissionSets,
      readPermissionSources(root),
      (message) => warnings.push(message)
    ),
    warnings,
    object: (name: string) => objects.get(name.toLowerCase()),
    requireObject: (name: string) => {
      const object = objects.get(name.toLowerCase());
      if (!object) throw new Error(`unknown object ${name}`);
      return object;
    }
  };
  return metadata;
}
