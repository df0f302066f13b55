/**
 * References gate: the offline stand-in for the org's compiler. Every custom object, field, relationship,
 * child relationship and custom metadata reference anywhere in the package must resolve to metadata the
 * package defines, or to a standard object or field listed in `standardSchema.json`.
 *
 * Where references come from:
 * - Apex classes and triggers (scripts/lib/apexReferences.ts): SOQL, SOSL, schema tokens, typed field access.
 * - LWC sources: `@salesforce/schema/...` and `@salesforce/apex/Class.method` imports, `'Object__c.Field__c'`
 *   strings, objects in `.js-meta.xml` target configs, `object-api-name`/`field-name` in templates.
 * - Object metadata: formula fields, roll-up summaries, lookup filters, dependent and global picklists,
 *   validation rules, list views, compact layouts, record types, field sets, search layouts. Formulas are
 *   also checked for `ISPICKVAL` values the picklist does not have and for operators split by whitespace.
 * - Layouts, flexipages (their visibility rules' record fields and custom permissions too), permission sets
 *   and profiles (custom permissions too), report types, reports, dashboards, custom metadata records, tabs,
 *   quick actions.
 * - Sample data plans (`data/*-plan.json`) and their record files, including `@ref` lookups.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { apexKindOf, parseApexFile, type ParsedApexFile } from '../lib/apexSource';
import {
  buildClassIndex,
  extractApexReferences,
  type ApexClassIndex,
  type ApexMethodInfo
} from '../lib/apexReferences';
import { type Diagnostic, projectRoot, relativeToRoot, report } from '../lib/diagnostics';
import { packageDir, walk } from '../lib/files';
import {
  childElement,
  childElements,
  childText,
  closestName,
  describeTarget,
  descendantElements,
  isCustomName,
  isReferenceType,
  loadSchema,
  loadStandardSchema,
  objectFolderOf,
  readXml,
  type FieldDefinition,
  type SchemaModel,
  type SchemaTarget,
  type StandardSchemaSpec,
  type XmlElement
} from '../lib/schemaModel';

const GATE = 'references';

// ---------------------------------------------------------------------------------------------------------
// References

export type ReferenceKind =
  | 'apex'
  | 'soql'
  | 'sosl'
  | 'dynamic-soql'
  | 'lwc-schema'
  | 'lwc-apex'
  | 'lwc-string'
  | 'lwc-template'
  | 'lwc-meta'
  | 'object'
  | 'field'
  | 'formula'
  | 'validation-rule'
  | 'list-view'
  | 'compact-layout'
  | 'record-type'
  | 'field-set'
  | 'layout'
  | 'flexipage'
  | 'permission-set'
  | 'report-type'
  | 'report'
  | 'dashboard'
  | 'custom-metadata'
  | 'tab'
  | 'quick-action'
  | 'data-plan';

export type ComponentType =
  | 'ApexClass'
  | 'ApexMethod'
  | 'CompactLayout'
  | 'CustomMetadataRecord'
  | 'CustomPermission'
  | 'GlobalValueSet'
  | 'QuickAction'
  | 'RecordType'
  | 'Report'
  | 'ReportType';

/** A package component (not an object or field) that a file names. */
export interface ComponentTarget {
  readonly kind: 'component';
  readonly type: ComponentType;
  /** `Class.method`, `Object.RecordType`, `Folder/Report`, `Type.Record`… */
  readonly name: string;
}

/** What a field reference needs beyond existing. */
export type FieldExpectation =
  | { readonly kind: 'writable' }
  | { readonly kind: 'grantable'; readonly editable: boolean }
  | { readonly kind: 'reference'; readonly to?: string };

/** A picklist value a formula compares with: `ISPICKVAL(Status__c, "Open")`. */
export interface PicklistValueTarget {
  readonly kind: 'picklistValue';
  readonly object: string;
  readonly path: readonly string[];
  readonly value: string;
}

export type ReferenceTarget = SchemaTarget | ComponentTarget | PicklistValueTarget;

export interface PackageReference {
  readonly kind: ReferenceKind;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly target: ReferenceTarget;
  readonly expect?: FieldExpectation;
}

export interface Extraction {
  readonly references: PackageReference[];
  /** Problems an extractor finds by itself (unreadable files, dangling `@ref`s…). */
  readonly diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------
// What the package defines

export interface ReportTypeInfo {
  readonly name: string;
  readonly baseObject?: string;
  /** Table paths (`Base`, `Base.Children__r`) by lower-case path, with the object each one reaches. */
  readonly tables: ReadonlyMap<string, string>;
}

export interface PackageInventory {
  readonly root: string;
  readonly packageDirs: readonly string[];
  readonly model: SchemaModel;
  readonly apex: readonly ParsedApexFile[];
  readonly classes: ApexClassIndex;
  /** The components of each type the package defines: lower-case name to name. */
  readonly components: ReadonlyMap<ComponentType, ReadonlyMap<string, string>>;
  /** Lower-case names of classes whose source does not parse: their methods cannot be checked. */
  readonly unparsedClasses: ReadonlySet<string>;
  readonly reportTypes: ReadonlyMap<string, ReportTypeInfo>;
  /** Values of each global value set, by lower-case name. */
  readonly globalValueSets: ReadonlyMap<string, readonly string[]>;
  /** Every file of the package directories. */
  readonly files: readonly string[];
}

export interface CheckOptions {
  /** Defaults to the `standardSchema.json` beside this gate. */
  readonly standardSchema?: StandardSchemaSpec;
  /** Defaults to the package directories of sfdx-project.json, or force-app. */
  readonly packageDirs?: readonly string[];
  /** Defaults to `<root>/data`. */
  readonly dataDir?: string;
}

export function packageDirectories(root: string): string[] {
  const project = path.join(root, 'sfdx-project.json');
  if (fs.existsSync(project)) {
    const parsed = JSON.parse(fs.readFileSync(project, 'utf8')) as {
      packageDirectories?: Array<{ path: string }>;
    };
    const dirs = (parsed.packageDirectories ?? []).map((entry) => path.join(root, entry.path));
    if (dirs.length > 0) return dirs;
  }
  return [packageDir(root)];
}

export function loadInventory(
  root: string,
  options: CheckOptions = {}
): { inventory: PackageInventory; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const packageDirs = options.packageDirs ?? packageDirectories(root);
  const standard = options.standardSchema ?? loadStandardSchema(path.join(__dirname, 'standardSchema.json'));
  const schema = loadSchema(packageDirs, standard);
  for (const problem of schema.problems) {
    diagnostics.push({ ...problem, file: relativeToRoot(problem.file, root) });
  }
  const files = packageDirs.flatMap((dir) => walk(dir, () => true));
  const apex: ParsedApexFile[] = [];
  for (const file of files.filter((candidate) => apexKindOf(candidate) !== undefined)) {
    const parsed = parseApexFile(file);
    apex.push(parsed);
    const first = parsed.errors[0];
    if (first) {
      diagnostics.push({
        file: relativeToRoot(file, root),
        line: first.line,
        column: first.column,
        message: `references not checked: syntax error (${first.message})`
      });
    }
  }
  const classes = buildClassIndex(apex.filter((parsed) => parsed.errors.length === 0));

  const components = new Map<ComponentType, Map<string, string>>();
  const add = (type: ComponentType, name: string): void => {
    const names = components.get(type) ?? new Map<string, string>();
    names.set(name.toLowerCase(), name);
    components.set(type, names);
  };
  const unparsedClasses = new Set<string>();
  for (const parsed of apex) {
    if (parsed.kind !== 'class') continue;
    const name = path.basename(parsed.file).replace(/\.cls$/i, '');
    add('ApexClass', name);
    if (parsed.errors.length > 0) unparsedClasses.add(name.toLowerCase());
  }
  for (const object of schema.model.objects()) {
    for (const recordType of object.recordTypes) add('RecordType', `${object.apiName}.${recordType}`);
  }
  const reportTypes = new Map<string, ReportTypeInfo>();
  const globalValueSets = new Map<string, string[]>();
  for (const file of files) {
    const base = path.basename(file);
    const place = objectFolderOf(file);
    let match: RegExpExecArray | null;
    if ((match = /^(.+)\.globalValueSet-meta\.xml$/.exec(base))) {
      add('GlobalValueSet', match[1] ?? '');
      try {
        const values = childElements(readXml(file), 'customValue').map(
          (value) => childText(value, 'fullName') ?? ''
        );
        globalValueSets.set((match[1] ?? '').toLowerCase(), values);
      } catch {
        // An unreadable value set only loses its values; the metadata gate reports the file.
      }
    } else if ((match = /^(.+)\.compactLayout-meta\.xml$/.exec(base)) && place) {
      add('CompactLayout', `${place.object}.${match[1] ?? ''}`);
    } else if ((match = /^(.+)\.quickAction-meta\.xml$/.exec(base))) {
      add('QuickAction', match[1] ?? '');
    } else if ((match = /^(.+)\.md-meta\.xml$/.exec(base))) {
      add('CustomMetadataRecord', match[1] ?? '');
    } else if ((match = /^(.+)\.customPermission-meta\.xml$/.exec(base))) {
      add('CustomPermission', match[1] ?? '');
    } else if ((match = /^(.+)\.report-meta\.xml$/.exec(base))) {
      add('Report', `${path.basename(path.dirname(file))}/${match[1] ?? ''}`);
    } else if ((match = /^(.+)\.reportType-meta\.xml$/.exec(base))) {
      add('ReportType', match[1] ?? '');
      try {
        const info = reportTypeInfo(match[1] ?? '', readXml(file), schema.model);
        reportTypes.set(info.name.toLowerCase(), info);
      } catch {
        // Reported when the report type's own references are extracted.
      }
    }
  }
  return {
    inventory: {
      root,
      packageDirs,
      model: schema.model,
      apex,
      classes,
      components,
      unparsedClasses,
      reportTypes,
      globalValueSets,
      files
    },
    diagnostics
  };
}

function reportTypeInfo(name: string, root: XmlElement, model: SchemaModel): ReportTypeInfo {
  const baseObject = childText(root, 'baseObject');
  const tables = new Map<string, string>();
  if (baseObject) {
    tables.set(baseObject.toLowerCase(), model.object(baseObject)?.apiName ?? baseObject);
    let join = childElement(root, 'join');
    let tablePath = baseObject;
    let object: string | undefined = baseObject;
    while (join && object) {
      const relationship = childText(join, 'relationship') ?? '';
      const child = model.childRelationship(object, relationship);
      tablePath = `${tablePath}.${relationship}`;
      object = child?.childObject;
      if (object) tables.set(tablePath.toLowerCase(), object);
      join = childElement(join, 'join');
    }
  }
  return { name, baseObject, tables };
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers shared by the extractors

class Collector implements Extraction {
  readonly references: PackageReference[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly root: string) {}

  add(
    kind: ReferenceKind,
    file: string,
    where: { line?: number; column?: number } | XmlElement | undefined,
    target: ReferenceTarget,
    expect?: FieldExpectation
  ): void {
    this.references.push({
      kind,
      file: relativeToRoot(file, this.root),
      line: where && 'textLine' in where ? where.textLine : where?.line,
      column: where && 'column' in where ? where.column : undefined,
      target,
      expect
    });
  }

  problem(file: string, line: number | undefined, subject: string | undefined, message: string): void {
    this.diagnostics.push({ file: relativeToRoot(file, this.root), line, subject, message });
  }

  /** Reads an XML file, or records why it cannot be read. */
  xml(file: string): XmlElement | undefined {
    try {
      return readXml(file);
    } catch (error) {
      this.problem(file, undefined, undefined, `references not checked: cannot read XML (${String(error)})`);
      return undefined;
    }
  }

  merge(other: Extraction): void {
    this.references.push(...other.references);
    this.diagnostics.push(...other.diagnostics);
  }
}

/** A field named by a column or filter token, unless it is one of the platform's upper-case column names. */
function isApiFieldToken(token: string): boolean {
  return isCustomName(token.split('.').pop() ?? '') || /[a-z]/.test(token);
}

/** `Field__c`, `Rel__r.Field__c` on `object`, or `Other__c.Field__c` when the first segment is an object. */
function fieldTokenTarget(token: string, object: string, model: SchemaModel): SchemaTarget {
  const parts = token.split('.');
  const [first, ...rest] = parts;
  if (
    first &&
    rest.length > 0 &&
    !model.relationship(object, first) &&
    (model.hasObject(first) || isCustomName(first))
  ) {
    return { kind: 'field', object: first, path: rest };
  }
  return { kind: 'field', object, path: parts };
}

function filesMatching(inventory: PackageInventory, pattern: RegExp): string[] {
  return inventory.files.filter((file) => pattern.test(file.split(path.sep).join('/')));
}

// ---------------------------------------------------------------------------------------------------------
// Apex

export function apexExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  for (const parsed of inventory.apex) {
    if (parsed.errors.length > 0) continue;
    for (const reference of extractApexReferences(parsed, inventory.model, inventory.classes)) {
      out.add(reference.kind, parsed.file, reference, reference.target);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Lightning web components

export function lwcExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  /** Component sources, not their jest tests (`lwc/<bundle>/__tests__/`). */
  const inLwc = (file: string): boolean => {
    const parts = file.split(path.sep);
    const lwc = parts.lastIndexOf('lwc');
    return lwc >= 0 && !parts.slice(lwc).includes('__tests__');
  };
  for (const file of inventory.files.filter(inLwc)) {
    if (file.endsWith('.d.ts')) continue;
    if (file.endsWith('.ts') || (file.endsWith('.js') && !fs.existsSync(file.replace(/\.js$/, '.ts')))) {
      lwcScript(file, inventory, out);
    } else if (file.endsWith('.js-meta.xml')) {
      const root = out.xml(file);
      for (const element of root ? descendantElements(root, 'object') : []) {
        out.add('lwc-meta', file, element, { kind: 'object', object: element.text });
      }
    } else if (file.endsWith('.html')) {
      lwcTemplate(file, inventory.model, out);
    }
  }
  return out;
}

function lwcScript(file: string, inventory: PackageInventory, out: Collector): void {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node): { line: number; column: number } => {
    const position = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: position.line + 1, column: position.character + 1 };
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const specifier = node.moduleSpecifier.text;
      const location = where(node.moduleSpecifier);
      if (specifier.startsWith('@salesforce/schema/')) {
        const [object, ...fieldPath] = specifier.slice('@salesforce/schema/'.length).split('.');
        const target: SchemaTarget =
          fieldPath.length === 0
            ? { kind: 'object', object: object ?? '' }
            : { kind: 'field', object: object ?? '', path: fieldPath };
        out.add('lwc-schema', file, location, target);
      } else if (/^@salesforce\/apex(Continuation)?\/.+\..+/.test(specifier)) {
        const parts = specifier.slice(specifier.indexOf('/', '@salesforce/'.length) + 1).split('.');
        const name = parts.slice(-2).join('.');
        out.add('lwc-apex', file, location, { kind: 'component', type: 'ApexMethod', name });
      }
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const text = node.text;
      const match = /^([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z][A-Za-z0-9_]*)+)$/.exec(text);
      const object = match?.[1];
      if (
        object &&
        match?.[2] &&
        (isCustomName(object) || (inventory.model.hasObject(object) && object !== 'Name'))
      ) {
        if (isCustomName(object) || isCustomName(text) || /^[A-Z][A-Za-z]*\.[A-Z][A-Za-z]*$/.test(text)) {
          out.add('lwc-string', file, where(node), {
            kind: 'field',
            object,
            path: match[2].slice(1).split('.')
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** `object-api-name="Foo__c"` on record forms and `field-name="Bar__c"` on the fields inside them. */
function lwcTemplate(file: string, model: SchemaModel, out: Collector): void {
  const text = fs.readFileSync(file, 'utf8');
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const tag = /<(\/?)(lightning-record-(?:edit-|view-)?form|lightning-(?:input|output)-field)\b([^>]*)>/g;
  const forms: Array<string | undefined> = [];
  let match: RegExpExecArray | null;
  while ((match = tag.exec(text))) {
    const [, closing, name = '', attributes = ''] = match;
    const isForm = name.startsWith('lightning-record-');
    if (closing) {
      if (isForm) forms.pop();
      continue;
    }
    const literal = (attribute: string): string | undefined =>
      new RegExp(`\\b${attribute}\\s*=\\s*"([^"{}]+)"`).exec(attributes)?.[1]?.trim();
    if (isForm) {
      const object = literal('object-api-name');
      if (object) out.add('lwc-template', file, { line: lineOf(match.index) }, { kind: 'object', object });
      if (!attributes.trimEnd().endsWith('/')) forms.push(object);
      continue;
    }
    const field = literal('field-name');
    const object = forms[forms.length - 1];
    if (field && object && model.hasObject(object)) {
      out.add('lwc-template', file, { line: lineOf(match.index) }, fieldTokenTarget(field, object, model));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Object metadata: fields, validation rules, list views, compact layouts, record types, field sets

export function objectExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  const { model } = inventory;
  for (const file of inventory.files) {
    const place = objectFolderOf(file);
    if (!place) continue;
    const object = place.object;
    const [folder, name = ''] = place.rest;
    if (place.rest.length === 1 && folder === `${object}.object-meta.xml`) {
      const root = out.xml(file);
      if (!root) continue;
      const assignment = childElement(root, 'compactLayoutAssignment');
      if (assignment && assignment.text !== 'SYSTEM') {
        out.add('compact-layout', file, assignment, {
          kind: 'component',
          type: 'CompactLayout',
          name: `${object}.${assignment.text}`
        });
      }
      for (const layout of childElements(root, 'searchLayouts')) {
        for (const element of layout.children) {
          if (/Fields$/.test(element.name) && isApiFieldToken(element.text)) {
            out.add('object', file, element, fieldTokenTarget(element.text, object, model));
          }
        }
      }
      continue;
    }
    const root = name.endsWith('-meta.xml') ? out.xml(file) : undefined;
    if (!root) continue;
    if (folder === 'fields') {
      fieldFile(file, object, root, model, out);
    } else if (folder === 'validationRules') {
      for (const formula of childElements(root, 'errorConditionFormula')) {
        formulaReferences('validation-rule', file, formula, object, model, out);
      }
      const display = childElement(root, 'errorDisplayField');
      if (display) out.add('validation-rule', file, display, { kind: 'field', object, path: [display.text] });
    } else if (folder === 'listViews') {
      for (const element of [
        ...childElements(root, 'columns'),
        ...childElements(root, 'filters').map((f) => childElement(f, 'field'))
      ]) {
        if (element && isApiFieldToken(element.text)) {
          out.add('list-view', file, element, fieldTokenTarget(element.text, object, model));
        }
      }
    } else if (folder === 'compactLayouts') {
      for (const element of childElements(root, 'fields')) {
        out.add('compact-layout', file, element, fieldTokenTarget(element.text, object, model));
      }
    } else if (folder === 'recordTypes') {
      for (const values of childElements(root, 'picklistValues')) {
        const picklist = childElement(values, 'picklist');
        if (picklist)
          out.add('record-type', file, picklist, { kind: 'field', object, path: [picklist.text] });
      }
      const assignment = childElement(root, 'compactLayoutAssignment');
      if (assignment && assignment.text !== 'SYSTEM') {
        out.add('record-type', file, assignment, {
          kind: 'component',
          type: 'CompactLayout',
          name: `${object}.${assignment.text}`
        });
      }
    } else if (folder === 'fieldSets') {
      for (const displayed of [
        ...childElements(root, 'displayedFields'),
        ...childElements(root, 'availableFields')
      ]) {
        const field = childElement(displayed, 'field');
        if (field) out.add('field-set', file, field, { kind: 'field', object, path: field.text.split('.') });
      }
    }
  }
  return out;
}

function fieldFile(file: string, object: string, root: XmlElement, model: SchemaModel, out: Collector): void {
  const formula = childElement(root, 'formula');
  if (formula) formulaReferences('formula', file, formula, object, model, out);
  const valueSet = childElement(root, 'valueSet');
  const valueSetName = valueSet ? childElement(valueSet, 'valueSetName') : undefined;
  if (valueSetName) {
    out.add('field', file, valueSetName, {
      kind: 'component',
      type: 'GlobalValueSet',
      name: valueSetName.text
    });
  }
  const controlling = valueSet ? childElement(valueSet, 'controllingField') : undefined;
  if (controlling) out.add('field', file, controlling, { kind: 'field', object, path: [controlling.text] });
  for (const referenceTo of childElements(root, 'referenceTo')) {
    out.add('field', file, referenceTo, { kind: 'object', object: referenceTo.text });
  }
  // Roll-up summaries name `Child__c.Field__c`.
  for (const element of [
    childElement(root, 'summaryForeignKey'),
    childElement(root, 'summarizedField'),
    ...childElements(root, 'summaryFilterItems').map((item) => childElement(item, 'field'))
  ]) {
    if (!element) continue;
    const [child, ...rest] = element.text.split('.');
    if (child && rest.length > 0) {
      const expect: FieldExpectation | undefined =
        element.name === 'summaryForeignKey' ? { kind: 'reference', to: object } : undefined;
      out.add('field', file, element, { kind: 'field', object: child, path: rest }, expect);
    }
  }
  // Lookup filters name `$Source.Field__c` (this object) or `Target.Field__c` (the referenced object).
  const filter = childElement(root, 'lookupFilter');
  for (const item of filter ? childElements(filter, 'filterItems') : []) {
    for (const element of [childElement(item, 'field'), childElement(item, 'valueField')]) {
      if (!element) continue;
      const [first, ...rest] = element.text.split('.');
      if (!first || rest.length === 0) continue;
      if (first === '$Source') {
        out.add('field', file, element, { kind: 'field', object, path: rest });
      } else if (!first.startsWith('$')) {
        out.add('field', file, element, { kind: 'field', object: first, path: rest });
      }
    }
  }
}

/** Field tokens in a formula: `Field__c`, `Rel__r.Field__c`, `Owner:User.Email`, `$ObjectType.X.Fields.Y`… */
export function formulaTokens(formula: string): Array<{ token: string; offset: number }> {
  const blanked = formula
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (literal) => literal.replace(/[^\n]/g, ' '));
  const tokens: Array<{ token: string; offset: number }> = [];
  const pattern = /[$A-Za-z_][A-Za-z0-9_]*(?:[.:][$A-Za-z_][A-Za-z0-9_]*)*/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(blanked))) {
    const token = match[0];
    const previous = blanked[match.index - 1] ?? '';
    if (/[0-9.]/.test(previous)) continue;
    const next = blanked.slice(match.index + token.length).trimStart()[0];
    if (next === '(') continue;
    if (/^(true|false|null|and|or|not)$/i.test(token)) continue;
    tokens.push({ token, offset: match.index });
  }
  return tokens;
}

/** Formula operators a formatter split in two (`&lt;=` printed as `&lt; =`): the org rejects them. */
const SPLIT_OPERATOR = /<\s+=|>\s+=|<\s+>|&\s+&|\|\s+\||=\s+=|!\s+=/g;

function formulaReferences(
  kind: ReferenceKind,
  file: string,
  element: XmlElement,
  object: string,
  model: SchemaModel,
  out: Collector
): void {
  const lineAt = (offset: number): number =>
    element.textLine + (element.text.slice(0, offset).match(/\n/g)?.length ?? 0);
  const withoutStrings = element.text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (literal) =>
    literal.replace(/[^\n]/g, ' ')
  );
  for (const split of withoutStrings.matchAll(SPLIT_OPERATOR)) {
    const operator = split[0].replace(/\s+/g, '');
    out.problem(
      file,
      lineAt(split.index),
      operator,
      `formula operator "${split[0].replace(/\s+/g, ' ')}" is split by whitespace and will not compile: write "${operator}" (XML formatting splits entities such as &lt;= and &amp;&amp;; prefer > and AND())`
    );
  }
  for (const match of element.text.matchAll(
    /\bISPICKVAL\s*\(\s*([A-Za-z_][A-Za-z0-9_.]*)\s*,\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)/gi
  )) {
    const fieldPath = (match[1] ?? '').split('.');
    out.add(
      kind,
      file,
      { line: lineAt(match.index) },
      { kind: 'picklistValue', object, path: fieldPath, value: match[2] ?? match[3] ?? '' }
    );
  }
  for (const { token, offset } of formulaTokens(element.text)) {
    const line = lineAt(offset);
    const parts = token.split('.');
    if (token.startsWith('$')) {
      const [global, ...rest] = parts;
      const lower = global?.toLowerCase();
      if (lower === '$objecttype' && rest.length === 3 && rest[1]?.toLowerCase() === 'fields') {
        out.add(kind, file, { line }, { kind: 'field', object: rest[0] ?? '', path: [rest[2] ?? ''] });
      } else if (lower === '$setup' && rest.length >= 2) {
        out.add(kind, file, { line }, { kind: 'field', object: rest[0] ?? '', path: rest.slice(1) });
      } else if (lower === '$custommetadata' && rest.length >= 3) {
        const [type = '', record = ''] = rest;
        out.add(
          kind,
          file,
          { line },
          {
            kind: 'component',
            type: 'CustomMetadataRecord',
            name: `${type.replace(/__mdt$/i, '')}.${record}`
          }
        );
        out.add(kind, file, { line }, { kind: 'field', object: type, path: rest.slice(2) });
      }
      continue;
    }
    // `Owner:User.Email`: follow Owner, then continue on User.
    const polymorphic = parts.findIndex((part) => part.includes(':'));
    if (polymorphic >= 0) {
      const [relationship = '', type = ''] = (parts[polymorphic] ?? '').split(':');
      const before = [...parts.slice(0, polymorphic), relationship];
      out.add(kind, file, { line }, { kind: 'field', object, path: before, allowRelationshipEnd: true });
      const after = parts.slice(polymorphic + 1);
      if (after.length > 0) out.add(kind, file, { line }, { kind: 'field', object: type, path: after });
      continue;
    }
    out.add(kind, file, { line }, { kind: 'field', object, path: parts });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Layouts, flexipages, permission sets and profiles, tabs, quick actions

export function uiExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  const { model } = inventory;
  for (const file of filesMatching(inventory, /\/layouts\/[^/]+\.layout-meta\.xml$/)) {
    const object = path.basename(file).split('-')[0] ?? '';
    const root = out.xml(file);
    if (!root) continue;
    out.add('layout', file, { line: root.line }, { kind: 'object', object });
    if (!model.hasObject(object)) continue;
    for (const item of descendantElements(root, 'layoutItems')) {
      const field = childElement(item, 'field');
      if (field) out.add('layout', file, field, { kind: 'field', object, path: [field.text] });
    }
    for (const item of descendantElements(root, 'summaryLayoutItems')) {
      const field = childElement(item, 'field');
      if (field) out.add('layout', file, field, { kind: 'field', object, path: [field.text] });
    }
    for (const related of childElements(root, 'relatedLists')) {
      const name = childElement(related, 'relatedList');
      const [child, lookup] = name?.text.split('.') ?? [];
      if (!name || !child || !lookup) continue;
      out.add(
        'layout',
        file,
        name,
        { kind: 'field', object: child, path: [lookup] },
        { kind: 'reference', to: object }
      );
      if (!model.hasObject(child)) continue;
      for (const field of childElements(related, 'fields')) {
        if (isApiFieldToken(field.text))
          out.add('layout', file, field, fieldTokenTarget(field.text, child, model));
      }
    }
    const customObjects = new Set(
      model
        .objects()
        .filter((candidate) => candidate.custom)
        .map((o) => o.apiName.toLowerCase())
    );
    for (const action of [
      ...descendantElements(root, 'quickActionName'),
      ...descendantElements(root, 'actionName')
    ]) {
      const [actionObject, actionName] = action.text.split('.');
      if (actionObject && actionName && customObjects.has(actionObject.toLowerCase())) {
        out.add('layout', file, action, { kind: 'component', type: 'QuickAction', name: action.text });
      }
    }
  }

  for (const file of filesMatching(inventory, /\/flexipages\/[^/]+\.flexipage-meta\.xml$/)) {
    const root = out.xml(file);
    if (!root) continue;
    const sobject = childElement(root, 'sobjectType');
    if (sobject) out.add('flexipage', file, sobject, { kind: 'object', object: sobject.text });
    const object = sobject && model.hasObject(sobject.text) ? sobject.text : undefined;
    for (const item of descendantElements(root, 'fieldItem')) {
      const [record, ...fieldPath] = item.text.split('.');
      if (record === 'Record' && object && fieldPath.length > 0) {
        out.add('flexipage', file, item, { kind: 'field', object, path: fieldPath });
      }
    }
    // Visibility rules, on components, fields and property list items such as the dynamic actions.
    for (const left of descendantElements(root, 'leftValue')) {
      const permission = /^\{!\$Permission\.CustomPermission\.(\w+)\}$/i.exec(left.text.trim())?.[1];
      const recordPath = /^\{!Record\.([\w.]+)\}$/.exec(left.text.trim())?.[1];
      if (permission) {
        out.add('flexipage', file, left, { kind: 'component', type: 'CustomPermission', name: permission });
      } else if (recordPath && object) {
        out.add('flexipage', file, left, { kind: 'field', object, path: recordPath.split('.') });
      }
    }
    for (const property of descendantElements(root, 'componentInstanceProperties')) {
      const name = childText(property, 'name');
      const value = childElement(property, 'value');
      if (!value || !value.text) continue;
      if (name === 'relatedListApiName' && object) {
        out.add('flexipage', file, value, { kind: 'childRelationship', object, name: value.text });
      } else if (name === 'parentFieldApiName' && value.text.includes('.')) {
        const [parent = '', ...rest] = value.text.split('.');
        out.add('flexipage', file, value, { kind: 'field', object: parent, path: rest });
      } else if (
        (name === 'objectApiName' || name === 'entityName') &&
        /^[A-Za-z][A-Za-z0-9_]*$/.test(value.text)
      ) {
        out.add('flexipage', file, value, { kind: 'object', object: value.text });
      }
    }
  }

  for (const file of filesMatching(
    inventory,
    /\/(permissionsets|profiles)\/[^/]+\.(permissionset|profile)-meta\.xml$/
  )) {
    const root = out.xml(file);
    if (!root) continue;
    for (const permission of childElements(root, 'objectPermissions')) {
      const object = childElement(permission, 'object');
      if (object) out.add('permission-set', file, object, { kind: 'object', object: object.text });
    }
    for (const permission of childElements(root, 'fieldPermissions')) {
      const field = childElement(permission, 'field');
      const [object, ...rest] = field?.text.split('.') ?? [];
      if (!field || !object || rest.length === 0) continue;
      out.add(
        'permission-set',
        file,
        field,
        { kind: 'field', object, path: rest },
        { kind: 'grantable', editable: childText(permission, 'editable') === 'true' }
      );
    }
    for (const access of [
      ...childElements(root, 'customMetadataTypeAccesses'),
      ...childElements(root, 'customSettingAccesses')
    ]) {
      const name = childElement(access, 'name');
      if (name) out.add('permission-set', file, name, { kind: 'object', object: name.text });
    }
    for (const setting of childElements(root, 'tabSettings')) {
      const tab = childElement(setting, 'tab');
      if (tab && isCustomName(tab.text))
        out.add('permission-set', file, tab, { kind: 'object', object: tab.text });
    }
    for (const access of childElements(root, 'classAccesses')) {
      const apexClass = childElement(access, 'apexClass');
      if (apexClass)
        out.add('permission-set', file, apexClass, {
          kind: 'component',
          type: 'ApexClass',
          name: apexClass.text
        });
    }
    for (const permission of childElements(root, 'customPermissions')) {
      const name = childElement(permission, 'name');
      if (name) {
        out.add('permission-set', file, name, {
          kind: 'component',
          type: 'CustomPermission',
          name: name.text
        });
      }
    }
    for (const visibility of childElements(root, 'recordTypeVisibilities')) {
      const recordType = childElement(visibility, 'recordType');
      if (recordType) {
        out.add('permission-set', file, recordType, {
          kind: 'component',
          type: 'RecordType',
          name: recordType.text
        });
      }
    }
  }

  for (const file of filesMatching(inventory, /\/tabs\/[^/]+\.tab-meta\.xml$/)) {
    const root = out.xml(file);
    if (root && childText(root, 'customObject') === 'true') {
      out.add(
        'tab',
        file,
        { line: root.line },
        { kind: 'object', object: path.basename(file).replace(/\.tab-meta\.xml$/, '') }
      );
    }
  }

  for (const file of filesMatching(inventory, /\/quickActions\/[^/]+\.quickAction-meta\.xml$/)) {
    const root = out.xml(file);
    if (!root) continue;
    const name = path.basename(file).replace(/\.quickAction-meta\.xml$/, '');
    const owner = name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined;
    if (owner) out.add('quick-action', file, { line: root.line }, { kind: 'object', object: owner });
    const targetElement = childElement(root, 'targetObject');
    if (targetElement)
      out.add('quick-action', file, targetElement, { kind: 'object', object: targetElement.text });
    const target = targetElement?.text ?? owner;
    if (!target || !model.hasObject(target)) continue;
    for (const item of descendantElements(root, 'quickActionLayoutItems')) {
      const field = childElement(item, 'field');
      if (field) out.add('quick-action', file, field, { kind: 'field', object: target, path: [field.text] });
    }
    for (const override of childElements(root, 'fieldOverrides')) {
      const field = childElement(override, 'field');
      if (field) out.add('quick-action', file, field, { kind: 'field', object: target, path: [field.text] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Report types, reports, dashboards

export function reportExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  const { model } = inventory;
  for (const file of filesMatching(inventory, /\/reportTypes\/[^/]+\.reportType-meta\.xml$/)) {
    const root = out.xml(file);
    if (!root) continue;
    const base = childElement(root, 'baseObject');
    if (!base) continue;
    out.add('report-type', file, base, { kind: 'object', object: base.text });
    let object: string | undefined = model.object(base.text)?.apiName;
    let join = childElement(root, 'join');
    while (join && object) {
      const relationship = childElement(join, 'relationship');
      if (!relationship) break;
      out.add('report-type', file, relationship, {
        kind: 'childRelationship',
        object,
        name: relationship.text
      });
      object = model.childRelationship(object, relationship.text)?.childObject;
      join = childElement(join, 'join');
    }
    const info = inventory.reportTypes.get(
      path
        .basename(file)
        .replace(/\.reportType-meta\.xml$/, '')
        .toLowerCase()
    );
    for (const column of descendantElements(root, 'columns')) {
      const field = childElement(column, 'field');
      const table = childText(column, 'table');
      const tableObject = table ? info?.tables.get(table.toLowerCase()) : undefined;
      if (field && tableObject) {
        // Report types name standard lookups by their relationship (Owner, CreatedBy).
        out.add('report-type', file, field, {
          kind: 'field',
          object: tableObject,
          path: field.text.split('.'),
          allowRelationshipEnd: true
        });
      } else if (field && table && info?.tables.size) {
        out.problem(
          file,
          field.line,
          table,
          `unknown table ${table}: not the base object or a joined relationship of this report type`
        );
      }
    }
  }

  for (const file of filesMatching(inventory, /\/reports\/.+\.report-meta\.xml$/)) {
    const root = out.xml(file);
    if (!root) continue;
    const typeElement = childElement(root, 'reportType');
    const type = typeElement?.text ?? '';
    let baseObject: string | undefined;
    let tables: ReadonlyMap<string, string> | undefined;
    if (typeElement && type.startsWith('CustomEntity')) {
      const objects = type.split('$').slice(1);
      for (const object of objects) out.add('report', file, typeElement, { kind: 'object', object });
      baseObject = objects[0];
    } else if (typeElement && /__c$/.test(type)) {
      const name = type.replace(/__c$/, '');
      out.add('report', file, typeElement, { kind: 'component', type: 'ReportType', name });
      const info = inventory.reportTypes.get(name.toLowerCase());
      baseObject = info?.baseObject;
      tables = info?.tables;
    } else if (typeElement && model.hasObject(type)) {
      baseObject = type;
    }
    const tokens = [
      ...descendantElements(root, 'field'),
      ...descendantElements(root, 'column'),
      ...descendantElements(root, 'dateColumn'),
      ...descendantElements(root, 'groupingColumn'),
      ...descendantElements(root, 'sortColumn')
    ];
    for (const element of tokens) {
      reportColumn(file, element, baseObject, tables, model, out);
    }
  }

  for (const file of filesMatching(inventory, /\/dashboards\/.+\.dashboard-meta\.xml$/)) {
    const root = out.xml(file);
    for (const report of root ? descendantElements(root, 'report') : []) {
      if (report.text)
        out.add('dashboard', file, report, { kind: 'component', type: 'Report', name: report.text });
    }
  }
  return out;
}

function reportColumn(
  file: string,
  element: XmlElement,
  baseObject: string | undefined,
  tables: ReadonlyMap<string, string> | undefined,
  model: SchemaModel,
  out: Collector
): void {
  const token = element.text;
  if (
    !token ||
    element.children.length > 0 ||
    /^(RowCount|BucketField)/.test(token) ||
    !isApiFieldToken(token)
  )
    return;
  if (token.includes('$')) {
    const [table = '', field = ''] = token.split('$');
    let object = tables?.get(table.toLowerCase());
    if (!object) {
      // CustomEntity$ and unknown report types: `Object.Child__r$Field`.
      const [first = '', ...relationships] = table.split('.');
      object = first;
      for (const relationship of relationships) {
        if (!model.hasObject(object)) break;
        const child = model.childRelationship(object, relationship);
        if (!child) {
          out.add('report', file, element, { kind: 'childRelationship', object, name: relationship });
          return;
        }
        object = child.childObject;
      }
    }
    out.add('report', file, element, {
      kind: 'field',
      object,
      path: field.split('.'),
      allowRelationshipEnd: true
    });
    return;
  }
  const [first = '', ...rest] = token.split('.');
  if (rest.length > 0 && (model.hasObject(first) || isCustomName(first))) {
    out.add('report', file, element, {
      kind: 'field',
      object: first,
      path: rest,
      allowRelationshipEnd: true
    });
  } else if (baseObject && rest.length === 0 && isCustomName(token)) {
    out.add('report', file, element, { kind: 'field', object: baseObject, path: [token] });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Custom metadata records

export function customMetadataExtraction(inventory: PackageInventory): Extraction {
  const out = new Collector(inventory.root);
  const { model } = inventory;
  for (const file of filesMatching(inventory, /\/customMetadata\/[^/]+\.md-meta\.xml$/)) {
    const base = path.basename(file).replace(/\.md-meta\.xml$/, '');
    const type = `${base.slice(0, base.indexOf('.'))}__mdt`;
    if (!base.includes('.')) {
      out.problem(file, 1, base, 'custom metadata record file must be named <Type>.<Record>.md-meta.xml');
      continue;
    }
    const root = out.xml(file);
    if (!root) continue;
    out.add('custom-metadata', file, { line: root.line }, { kind: 'object', object: type });
    if (!model.hasObject(type)) continue;
    for (const value of childElements(root, 'values')) {
      const fieldElement = childElement(value, 'field');
      if (!fieldElement) continue;
      out.add('custom-metadata', file, fieldElement, {
        kind: 'field',
        object: type,
        path: [fieldElement.text]
      });
      const field = model.field(type, fieldElement.text);
      const valueElement = childElement(value, 'value');
      const target = field?.referenceTo[0];
      if (!field || !valueElement?.text || !target || field.type !== 'MetadataRelationship') continue;
      if (/__mdt$/i.test(target)) {
        out.add('custom-metadata', file, valueElement, {
          kind: 'component',
          type: 'CustomMetadataRecord',
          name: `${target.replace(/__mdt$/i, '')}.${valueElement.text}`
        });
      } else if (target === 'EntityDefinition') {
        out.add('custom-metadata', file, valueElement, { kind: 'object', object: valueElement.text });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Sample data plans for `sf data import tree`

/** A JSON value that remembers the line of each property name. */
type JsonNode =
  | {
      readonly type: 'object';
      readonly line: number;
      readonly entries: ReadonlyArray<{ key: string; line: number; value: JsonNode }>;
    }
  | { readonly type: 'array'; readonly line: number; readonly items: readonly JsonNode[] }
  | { readonly type: 'value'; readonly line: number; readonly value: unknown };

export function parseJsonWithLines(text: string): JsonNode {
  let index = 0;
  let line = 1;
  const skip = (): void => {
    while (index < text.length && /\s/.test(text[index] ?? '')) {
      if (text[index] === '\n') line++;
      index++;
    }
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at line ${line}`);
  };
  const string = (): string => {
    const start = index;
    index++;
    while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index++;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const value = (): JsonNode => {
    skip();
    const at = line;
    const char = text[index];
    if (char === '{') {
      index++;
      const entries: Array<{ key: string; line: number; value: JsonNode }> = [];
      skip();
      if (text[index] === '}') {
        index++;
        return { type: 'object', line: at, entries };
      }
      for (;;) {
        skip();
        if (text[index] !== '"') fail('expected a property name');
        const keyLine = line;
        const key = string();
        skip();
        if (text[index] !== ':') fail('expected ":"');
        index++;
        entries.push({ key, line: keyLine, value: value() });
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === '}') {
          index++;
          return { type: 'object', line: at, entries };
        }
        fail('expected "," or "}"');
      }
    }
    if (char === '[') {
      index++;
      const items: JsonNode[] = [];
      skip();
      if (text[index] === ']') {
        index++;
        return { type: 'array', line: at, items };
      }
      for (;;) {
        items.push(value());
        skip();
        if (text[index] === ',') {
          index++;
          continue;
        }
        if (text[index] === ']') {
          index++;
          return { type: 'array', line: at, items };
        }
        fail('expected "," or "]"');
      }
    }
    if (char === '"') return { type: 'value', line: at, value: string() };
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(index));
    if (!literal) fail('unexpected character');
    index += literal?.[0].length ?? 0;
    return { type: 'value', line: at, value: JSON.parse(literal?.[0] ?? 'null') as unknown };
  };
  const result = value();
  skip();
  if (index < text.length) fail('unexpected content after the JSON value');
  return result;
}

function entry(node: JsonNode, key: string): { line: number; value: JsonNode } | undefined {
  return node.type === 'object' ? node.entries.find((candidate) => candidate.key === key) : undefined;
}

function scalar(node: JsonNode | undefined): unknown {
  return node?.type === 'value' ? node.value : undefined;
}

export function dataPlanExtraction(inventory: PackageInventory, dataDir: string): Extraction {
  const out = new Collector(inventory.root);
  const plans = fs.existsSync(dataDir)
    ? fs
        .readdirSync(dataDir)
        .filter((name) => name.endsWith('-plan.json'))
        .map((name) => path.join(dataDir, name))
    : [];
  for (const plan of plans.sort()) {
    dataPlan(plan, inventory.model, out);
  }
  return out;
}

interface SavedReference {
  readonly object: string;
  readonly step: number;
}

function dataPlan(plan: string, model: SchemaModel, out: Collector): void {
  let root: JsonNode;
  try {
    root = parseJsonWithLines(fs.readFileSync(plan, 'utf8'));
  } catch (error) {
    out.problem(plan, undefined, undefined, `references not checked: cannot read plan (${String(error)})`);
    return;
  }
  if (root.type !== 'array') {
    out.problem(plan, root.line, undefined, 'a data plan is a JSON array of {sobject, files}');
    return;
  }
  const saved = new Map<string, SavedReference>();
  const uses: Array<{
    file: string;
    line: number;
    refId: string;
    field: string;
    object: string;
    step: number;
    resolveRefs: boolean;
  }> = [];
  root.items.forEach((step, stepIndex) => {
    const sobjectEntry = entry(step, 'sobject');
    const sobject = scalar(sobjectEntry?.value);
    if (typeof sobject !== 'string' || !sobjectEntry) {
      out.problem(plan, step.line, undefined, 'plan entry has no "sobject"');
      return;
    }
    out.add('data-plan', plan, { line: sobjectEntry.line }, { kind: 'object', object: sobject });
    const saveRefs = scalar(entry(step, 'saveRefs')?.value) === true;
    const resolveRefs = scalar(entry(step, 'resolveRefs')?.value) === true;
    const filesNode = entry(step, 'files')?.value;
    const files = filesNode?.type === 'array' ? filesNode.items.map((item) => scalar(item)) : [];
    for (const name of files) {
      if (typeof name !== 'string') continue;
      const file = path.resolve(path.dirname(plan), name);
      if (!fs.existsSync(file)) {
        out.problem(plan, sobjectEntry.line, name, `record file ${name} does not exist`);
        continue;
      }
      let records: JsonNode;
      try {
        records = parseJsonWithLines(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        out.problem(
          file,
          undefined,
          undefined,
          `references not checked: cannot read records (${String(error)})`
        );
        continue;
      }
      const list = entry(records, 'records')?.value;
      if (list?.type !== 'array') {
        out.problem(file, records.line, undefined, 'a record file is {"records": [...]}');
        continue;
      }
      const record = (node: JsonNode, expected: string | undefined): void => {
        const attributes = entry(node, 'attributes')?.value;
        const typeEntry = attributes ? entry(attributes, 'type') : undefined;
        const type = scalar(typeEntry?.value);
        if (typeof type !== 'string' || !typeEntry) {
          out.problem(file, node.line, undefined, 'record has no attributes.type');
          return;
        }
        if (expected && type.toLowerCase() !== expected.toLowerCase()) {
          out.problem(
            file,
            typeEntry.line,
            type,
            `record type ${type} does not match the plan's sobject ${expected}`
          );
        }
        const refId = scalar(attributes ? entry(attributes, 'referenceId')?.value : undefined);
        if (typeof refId === 'string' && saveRefs) {
          saved.set(refId.toLowerCase(), { object: type, step: stepIndex });
        }
        if (node.type !== 'object') return;
        for (const { key, line, value } of node.entries) {
          if (key === 'attributes') continue;
          const children = entry(value, 'records')?.value;
          if (value.type === 'object' && children?.type === 'array') {
            out.add('data-plan', file, { line }, { kind: 'childRelationship', object: type, name: key });
            const child = model.childRelationship(type, key);
            for (const item of children.items) record(item, child?.childObject);
            continue;
          }
          const raw = scalar(value);
          if (typeof raw === 'string' && raw.startsWith('@')) {
            uses.push({
              file,
              line,
              refId: raw.slice(1),
              field: key,
              object: type,
              step: stepIndex,
              resolveRefs
            });
            continue;
          }
          out.add(
            'data-plan',
            file,
            { line },
            { kind: 'field', object: type, path: [key] },
            { kind: 'writable' }
          );
        }
      };
      for (const item of list.items) record(item, sobject);
    }
  });
  for (const use of uses) {
    const target = saved.get(use.refId.toLowerCase());
    const subject = `${use.object}.${use.field}`;
    if (!use.resolveRefs) {
      out.problem(
        use.file,
        use.line,
        subject,
        `@${use.refId} is not resolved: the plan entry needs "resolveRefs": true`
      );
    }
    if (!target) {
      out.problem(
        use.file,
        use.line,
        subject,
        `@${use.refId} is not a referenceId saved (saveRefs) by an entry of ${path.basename(plan)}`
      );
      continue;
    }
    if (target.step >= use.step) {
      out.problem(
        use.file,
        use.line,
        subject,
        `@${use.refId} is saved by the same or a later plan entry: load ${target.object} first`
      );
    }
    out.add(
      'data-plan',
      use.file,
      { line: use.line },
      { kind: 'field', object: use.object, path: [use.field] },
      { kind: 'reference', to: target.object }
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Resolution

function resolveComponent(inventory: PackageInventory, target: ComponentTarget): string | undefined {
  if (target.type === 'ApexMethod') {
    const className = target.name.split('.')[0]?.toLowerCase() ?? '';
    return inventory.unparsedClasses.has(className)
      ? undefined
      : apexMethodProblem(inventory.classes, target.name);
  }
  if (target.type === 'RecordType') {
    const [object = '', recordType = ''] = target.name.split('.');
    const definition = inventory.model.object(object);
    if (definition && definition.recordTypes.some((name) => name.toLowerCase() === recordType.toLowerCase()))
      return undefined;
    return definition
      ? `unknown record type ${recordType} on ${definition.apiName}${suggest(recordType, definition.recordTypes)}`
      : `unknown object ${object}`;
  }
  const defined = inventory.components.get(target.type) ?? new Map<string, string>();
  if (defined.has(target.name.toLowerCase())) return undefined;
  return `unknown ${componentLabel(target.type)} ${target.name}${suggest(target.name, defined.values())}`;
}

function componentLabel(type: ComponentType): string {
  return {
    ApexClass: 'Apex class',
    ApexMethod: 'Apex method',
    CompactLayout: 'compact layout',
    CustomMetadataRecord: 'custom metadata record',
    CustomPermission: 'custom permission',
    GlobalValueSet: 'global value set',
    QuickAction: 'quick action',
    RecordType: 'record type',
    Report: 'report',
    ReportType: 'report type'
  }[type];
}

function suggest(name: string, candidates: Iterable<string>): string {
  const found = closestName(name, candidates);
  return found ? ` (did you mean ${found}?)` : '';
}

function apexMethodProblem(classes: ApexClassIndex, name: string): string | undefined {
  const [className = '', methodName = ''] = name.split('.');
  const info = classes.find(className);
  if (!info) {
    return `unknown Apex class ${className}${suggest(
      className,
      classes.classes().map((c) => c.name)
    )}`;
  }
  const methods: readonly ApexMethodInfo[] = info.methods.filter(
    (method) => method.name.toLowerCase() === methodName.toLowerCase()
  );
  if (methods.length === 0) {
    return `unknown method ${methodName} in Apex class ${info.name}${suggest(
      methodName,
      info.methods.map((m) => m.name)
    )}`;
  }
  if (!methods.some((method) => method.auraEnabled)) return `${info.name}.${methodName} is not @AuraEnabled`;
  if (!methods.some((method) => method.auraEnabled && method.isStatic))
    return `${info.name}.${methodName} must be static to be imported by a component`;
  if (
    !methods.some(
      (method) => method.auraEnabled && (method.access === 'public' || method.access === 'global')
    )
  ) {
    return `${info.name}.${methodName} must be public or global to be imported by a component`;
  }
  return undefined;
}

function expectationProblem(
  field: FieldDefinition,
  object: string,
  expect: FieldExpectation
): string | undefined {
  const name = `${object}.${field.apiName}`;
  switch (expect.kind) {
    case 'writable':
      return field.readOnly
        ? `${name} is read-only (${field.formula ? 'formula' : field.type}) and cannot be imported`
        : undefined;
    case 'grantable':
      if (!field.custom) return undefined;
      if (field.required)
        return `${name} is required${field.type === 'MasterDetail' ? ' (master-detail)' : ''}: field permissions cannot be granted on it`;
      if (expect.editable && field.readOnly)
        return `${name} is read-only (${field.formula ? 'formula' : field.type}): it cannot be granted as editable`;
      return undefined;
    case 'reference':
      if (!isReferenceType(field.type)) return `${name} is not a lookup or master-detail field`;
      if (expect.to && !field.referenceTo.some((to) => to.toLowerCase() === expect.to?.toLowerCase())) {
        return `${name} points to ${field.referenceTo.join(', ')}, not ${expect.to}`;
      }
      return undefined;
  }
}

function picklistValueProblem(inventory: PackageInventory, target: PicklistValueTarget): string | undefined {
  const resolved = inventory.model.resolvePath(target.object, target.path);
  // An unknown field is reported by the formula's field reference itself.
  if (!resolved.ok) return undefined;
  const field = resolved.value.field;
  const values =
    field?.picklistValues ??
    (field?.globalValueSet ? inventory.globalValueSets.get(field.globalValueSet.toLowerCase()) : undefined);
  if (!field || !values || values.includes(target.value)) return undefined;
  const trimmed = values.find((value) => value === target.value.trim());
  const hint = trimmed ?? closestName(target.value, values);
  return `"${target.value}" is not a value of picklist ${resolved.value.object.apiName}.${field.apiName}${hint ? ` (did you mean "${hint}"?)` : ''}`;
}

/** The problem with one reference, or undefined when it resolves. */
export function resolveReference(
  inventory: PackageInventory,
  reference: PackageReference
): Diagnostic | undefined {
  const { target } = reference;
  const at = { file: reference.file, line: reference.line, column: reference.column };
  if (target.kind === 'component') {
    const message = resolveComponent(inventory, target);
    return message ? { ...at, subject: target.name, message } : undefined;
  }
  if (target.kind === 'picklistValue') {
    const message = picklistValueProblem(inventory, target);
    return message
      ? { ...at, subject: `${[target.object, ...target.path].join('.')}:${target.value}`, message }
      : undefined;
  }
  const resolution = inventory.model.resolveTarget(target);
  if (!resolution.ok) {
    return { ...at, subject: describeTarget(target), message: resolution.problem.message };
  }
  if (reference.expect && target.kind === 'field') {
    const resolved = inventory.model.resolvePath(target.object, target.path, {
      allowRelationshipEnd: target.allowRelationshipEnd
    });
    if (resolved.ok && resolved.value.field) {
      const message = expectationProblem(
        resolved.value.field,
        resolved.value.object.apiName,
        reference.expect
      );
      if (message) return { ...at, subject: describeTarget(target), message };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The gate

export interface ReferencesResult {
  readonly references: readonly PackageReference[];
  readonly diagnostics: readonly Diagnostic[];
  /** References by kind: how many were checked and how many failed. */
  readonly byKind: ReadonlyMap<ReferenceKind, { checked: number; failed: number }>;
}

export function checkReferences(root: string, options: CheckOptions = {}): ReferencesResult {
  const { inventory, diagnostics } = loadInventory(root, options);
  const collector = new Collector(root);
  collector.diagnostics.push(...diagnostics);
  collector.merge(apexExtraction(inventory));
  collector.merge(lwcExtraction(inventory));
  collector.merge(objectExtraction(inventory));
  collector.merge(uiExtraction(inventory));
  collector.merge(reportExtraction(inventory));
  collector.merge(customMetadataExtraction(inventory));
  collector.merge(dataPlanExtraction(inventory, options.dataDir ?? path.join(root, 'data')));

  const byKind = new Map<ReferenceKind, { checked: number; failed: number }>();
  const found: Diagnostic[] = [...collector.diagnostics];
  const seen = new Set<string>();
  for (const reference of collector.references) {
    const counts = byKind.get(reference.kind) ?? { checked: 0, failed: 0 };
    byKind.set(reference.kind, counts);
    counts.checked++;
    const problem = resolveReference(inventory, reference);
    if (!problem) continue;
    counts.failed++;
    const key = `${problem.file}:${problem.line ?? ''}:${problem.column ?? ''}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      found.push(problem);
    }
  }
  found.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)
  );
  return { references: collector.references, diagnostics: foldRepeats(found), byKind };
}

/** The same problem on many lines of one file (a field in every record of a data file) is shown once. */
function foldRepeats(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.file}\n${diagnostic.subject ?? ''}\n${diagnostic.message}`;
    groups.set(key, [...(groups.get(key) ?? []), diagnostic]);
  }
  return [...groups.values()].flatMap(([first, ...others]) => {
    if (!first) return [];
    const lines = others.flatMap((other) => (other.line === undefined ? [] : [other.line]));
    if (lines.length === 0) return [first];
    const shown = lines.slice(0, 5).join(', ');
    const more = lines.length > 5 ? ` and ${lines.length - 5} more` : '';
    return [
      { ...first, message: `${first.message} (also at line${lines.length > 1 ? 's' : ''} ${shown}${more})` }
    ];
  });
}

/** `apex 120, soql 48 (2 failed), …`: what the gate looked at. */
export function summarize(result: ReferencesResult): string {
  return [...result.byKind.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, counts]) => `${kind} ${counts.checked}${counts.failed ? ` (${counts.failed} failed)` : ''}`)
    .join(', ');
}

function main(): void {
  const root = projectRoot();
  const result = checkReferences(root);
  console.log(`${GATE}: ${summarize(result) || 'no references found'}`);
  report(GATE, result.references.length, result.diagnostics);
}

if (require.main === module) {
  main();
}
