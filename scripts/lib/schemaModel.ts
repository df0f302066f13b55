/**
 * The package's data model as the platform would see it: custom objects, custom metadata types, custom
 * settings and platform events with their fields (from `objects/<Object>/fields/*.field-meta.xml`), fields
 * the package adds to standard objects, and the standard objects and fields listed in
 * `scripts/gates/standardSchema.json`. Names are case-insensitive, as on the platform.
 *
 * The model answers "does this object, field, relationship path or child relationship exist?" with the
 * reason when it does not, and keeps the information a local stand-in for the org needs (types,
 * references, picklist values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { walk } from './files';

// ---------------------------------------------------------------------------------------------------------
// Model

export type ObjectKind =
  | 'standard'
  | 'custom'
  | 'customMetadata'
  | 'customSetting'
  | 'platformEvent'
  | 'bigObject'
  | 'external'
  | 'share'
  | 'history';

export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

export interface FieldDefinition {
  readonly apiName: string;
  readonly label?: string;
  /** Metadata API field type (Text, Lookup, MasterDetail, Picklist, Summary…) or a standard field's type. */
  readonly type: string;
  readonly custom: boolean;
  /** Objects a reference field points to; more than one for a polymorphic reference. */
  readonly referenceTo: readonly string[];
  /** Name used to traverse the reference: `Owner`, `Audit_Cycle__r`. */
  readonly relationshipName?: string;
  /** Name of the child list on the referenced object: `Contacts`, `Audit_Exceptions__r`. */
  readonly childRelationshipName?: string;
  readonly required: boolean;
  /** Formula, roll-up summary, auto number or system field: cannot be written. */
  readonly readOnly: boolean;
  readonly formula?: string;
  readonly picklistValues?: readonly string[];
  readonly globalValueSet?: string;
  readonly source?: SourceLocation;
}

export interface ChildRelationship {
  readonly name: string;
  readonly childObject: string;
  readonly field: string;
}

export interface ObjectDefinition {
  readonly apiName: string;
  readonly label?: string;
  readonly kind: ObjectKind;
  readonly custom: boolean;
  /** Fields by lower-case API name. */
  readonly fields: ReadonlyMap<string, FieldDefinition>;
  /** Child relationships by lower-case name. */
  readonly childRelationships: ReadonlyMap<string, ChildRelationship>;
  readonly recordTypes: readonly string[];
  readonly source?: SourceLocation;
}

/** Why a name or path does not resolve. */
export interface ResolutionProblem {
  readonly kind:
    | 'unknown-object'
    | 'unknown-field'
    | 'unknown-relationship'
    | 'unknown-child-relationship'
    | 'not-a-field'
    | 'not-traversable';
  /** The object on which the failing name was looked up. */
  readonly object: string;
  /** The name that failed. */
  readonly name: string;
  /** Relationship path followed before the failure, e.g. `Audit_Exception__c.Audit_Cycle__r`. */
  readonly via?: string;
  readonly suggestion?: string;
  readonly message: string;
}

export type Resolution<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ResolutionProblem };

export interface ResolvedPath {
  /** Object the last segment was found on. */
  readonly object: ObjectDefinition;
  /** The field the path ends in; for a relationship name, the reference field it traverses. */
  readonly field?: FieldDefinition;
  /** The child relationship the path ends in (`cycle.Audit_Exceptions__r` in Apex). */
  readonly childRelationship?: ChildRelationship;
  /** Whether the last segment named a relationship (`Owner`, `Audit_Exceptions__r`) rather than a field. */
  readonly endsInRelationship: boolean;
}

export interface PathOptions {
  /**
   * Accept a relationship name as the last segment, parent (`rec.Owner`) or child (`rec.Contacts`), as Apex
   * field access and report columns do.
   */
  readonly allowRelationshipEnd?: boolean;
}

/** Something in the schema a source file refers to. */
export type SchemaTarget =
  | { readonly kind: 'object'; readonly object: string }
  | {
      readonly kind: 'field';
      readonly object: string;
      /** Relationship names, then a field: `['Owner', 'Email']`. */
      readonly path: readonly string[];
      readonly allowRelationshipEnd?: boolean;
    }
  | { readonly kind: 'childRelationship'; readonly object: string; readonly name: string };

/** `Foo__c`, `Foo__c.Rel__r.Bar__c`: how a target is named in messages. */
export function describeTarget(target: SchemaTarget): string {
  switch (target.kind) {
    case 'object':
      return target.object;
    case 'field':
      return [target.object, ...target.path].join('.');
    case 'childRelationship':
      return `${target.object}.${target.name}`;
  }
}

/** The object a polymorphic reference resolves to when traversed. */
export const POLYMORPHIC_TARGET = 'Name';

export class SchemaModel {
  private readonly byName: ReadonlyMap<string, ObjectDefinition>;

  constructor(objects: Iterable<ObjectDefinition>) {
    const byName = new Map<string, ObjectDefinition>();
    for (const object of objects) {
      byName.set(object.apiName.toLowerCase(), object);
    }
    this.byName = byName;
  }

  objects(): ObjectDefinition[] {
    return [...this.byName.values()].sort((a, b) => a.apiName.localeCompare(b.apiName));
  }

  object(name: string): ObjectDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  hasObject(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  field(objectName: string, fieldName: string): FieldDefinition | undefined {
    return this.object(objectName)?.fields.get(fieldName.toLowerCase());
  }

  /** The reference field traversed by `relationshipName` (`Owner` → OwnerId, `Rel__r` → Rel__c). */
  relationship(objectName: string, relationshipName: string): FieldDefinition | undefined {
    const object = this.object(objectName);
    if (!object) {
      return undefined;
    }
    const wanted = relationshipName.toLowerCase();
    for (const field of object.fields.values()) {
      if (field.relationshipName?.toLowerCase() === wanted) {
        return field;
      }
    }
    return undefined;
  }

  childRelationship(objectName: string, name: string): ChildRelationship | undefined {
    return this.object(objectName)?.childRelationships.get(name.toLowerCase());
  }

  /**
   * The object reached by traversing a reference field: its single target, the `Name` object for a
   * polymorphic reference, or undefined when the target is not in the model.
   */
  traverse(field: FieldDefinition): ObjectDefinition | undefined {
    if (field.referenceTo.length === 1) {
      return this.object(field.referenceTo[0] ?? '');
    }
    if (field.referenceTo.length > 1) {
      return this.object(POLYMORPHIC_TARGET);
    }
    return undefined;
  }

  resolveObject(name: string): Resolution<ObjectDefinition> {
    const object = this.object(name);
    if (object) {
      return { ok: true, value: object };
    }
    const suggestion = closestName(
      name,
      this.objects().map((candidate) => candidate.apiName)
    );
    return {
      ok: false,
      problem: {
        kind: 'unknown-object',
        object: name,
        name,
        suggestion,
        message: `unknown object ${name}${isCustomName(name) ? '' : ' (not in standardSchema.json)'}${didYouMean(suggestion)}`
      }
    };
  }

  /**
   * Resolves `path` (relationship names, then a field) from `objectName`:
   * `['Name']`, `['Owner', 'Email']`, `['Audit_Cycle__r', 'Status__c']`.
   */
  resolvePath(
    objectName: string,
    path: readonly string[],
    options: PathOptions = {}
  ): Resolution<ResolvedPath> {
    const start = this.resolveObject(objectName);
    if (!start.ok) {
      return start;
    }
    let object = start.value;
    const via: string[] = [object.apiName];
    for (let index = 0; index < path.length; index++) {
      const name = path[index] ?? '';
      const last = index === path.length - 1;
      const viaText = via.length > 1 ? via.join('.') : undefined;
      if (last) {
        const field = object.fields.get(name.toLowerCase());
        if (field) {
          return { ok: true, value: { object, field, endsInRelationship: false } };
        }
        const relationship = this.relationship(object.apiName, name);
        const child = object.childRelationships.get(name.toLowerCase());
        if (options.allowRelationshipEnd && child) {
          return { ok: true, value: { object, childRelationship: child, endsInRelationship: true } };
        }
        if (relationship) {
          if (options.allowRelationshipEnd) {
            return { ok: true, value: { object, field: relationship, endsInRelationship: true } };
          }
          return fail('not-a-field', object, name, viaText, relationship.apiName, (suggestion) => {
            return `${name} is a relationship on ${object.apiName}, not a field${didYouMean(suggestion)}`;
          });
        }
        const candidates = [...object.fields.values()].map((candidate) => candidate.apiName);
        if (options.allowRelationshipEnd) {
          candidates.push(...relationshipNames(object));
          candidates.push(...[...object.childRelationships.values()].map((candidate) => candidate.name));
        }
        return fail('unknown-field', object, name, viaText, closestName(name, candidates), (suggestion) =>
          unknownMessage('field', name, object, viaText, suggestion)
        );
      }
      const relationship = this.relationship(object.apiName, name);
      if (!relationship) {
        const field = object.fields.get(name.toLowerCase());
        const suggestion =
          field?.relationshipName ?? closestName(name, relationshipNames(object)) ?? undefined;
        return fail('unknown-relationship', object, name, viaText, suggestion, (hint) =>
          unknownMessage('relationship', name, object, viaText, hint)
        );
      }
      const next = this.traverse(relationship);
      if (!next) {
        const target = relationship.referenceTo.join(', ') || 'nothing';
        return fail('not-traversable', object, name, viaText, undefined, () => {
          return `cannot traverse ${object.apiName}.${name}: it points to ${target}, which is not in the package or standardSchema.json`;
        });
      }
      via.push(relationship.relationshipName ?? name);
      object = next;
    }
    return fail('unknown-field', object, '', undefined, undefined, () => 'empty field path');
  }

  resolveTarget(target: SchemaTarget): Resolution<unknown> {
    switch (target.kind) {
      case 'object':
        return this.resolveObject(target.object);
      case 'field':
        return this.resolvePath(target.object, target.path, {
          allowRelationshipEnd: target.allowRelationshipEnd
        });
      case 'childRelationship':
        return this.resolveChildRelationship(target.object, target.name);
    }
  }

  /** Resolves a child relationship name used in a subquery or a related list. */
  resolveChildRelationship(objectName: string, name: string): Resolution<ChildRelationship> {
    const start = this.resolveObject(objectName);
    if (!start.ok) {
      return start;
    }
    const object = start.value;
    const found = object.childRelationships.get(name.toLowerCase());
    if (found) {
      return { ok: true, value: found };
    }
    const suggestion = closestName(
      name,
      [...object.childRelationships.values()].map((relationship) => relationship.name)
    );
    return fail('unknown-child-relationship', object, name, undefined, suggestion, (hint) =>
      unknownMessage('child relationship', name, object, undefined, hint)
    );
  }
}

function relationshipNames(object: ObjectDefinition): string[] {
  return [...object.fields.values()].flatMap((field) =>
    field.relationshipName ? [field.relationshipName] : []
  );
}

function fail<T>(
  kind: ResolutionProblem['kind'],
  object: ObjectDefinition,
  name: string,
  via: string | undefined,
  suggestion: string | undefined,
  message: (suggestion: string | undefined) => string
): Resolution<T> {
  return {
    ok: false,
    problem: { kind, object: object.apiName, name, via, suggestion, message: message(suggestion) }
  };
}

function unknownMessage(
  what: string,
  name: string,
  object: ObjectDefinition,
  via: string | undefined,
  suggestion: string | undefined
): string {
  const listed = object.kind === 'standard' && !isCustomName(name) ? ' (not in standardSchema.json)' : '';
  const through = via ? ` (via ${via})` : '';
  return `unknown ${what} ${name} on ${object.apiName}${through}${listed}${didYouMean(suggestion)}`;
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` (did you mean ${suggestion}?)` : '';
}

/** Custom object, field and relationship names carry a double-underscore suffix. */
export function isCustomName(name: string): boolean {
  return /__[A-Za-z]+$/.test(name);
}

// ---------------------------------------------------------------------------------------------------------
// Nearest names

/** The candidate closest to `name`, when one is close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const bare = stripSuffix(wanted);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === wanted) {
      continue;
    }
    const score = Math.min(editDistance(wanted, lower), editDistance(bare, stripSuffix(lower)) + 1);
    if (score < bestScore || (score === bestScore && best !== undefined && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(1, Math.floor(bare.length / 3));
  return bestScore <= allowed ? best : undefined;
}

function stripSuffix(name: string): string {
  return name.replace(/__[a-z]+$/, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return at(a.length, b.length);
}

// ---------------------------------------------------------------------------------------------------------
// Metadata XML with line numbers

export interface XmlElement {
  readonly name: string;
  /** 1-based line of the element's start tag. */
  readonly line: number;
  /** 1-based line where the element's text starts (a formula may begin on the line after its tag). */
  readonly textLine: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), trimmed. */
  readonly text: string;
}

const xmlParser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true
});
const metadataSymbol = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown>;

/** Parses metadata XML into elements that know their line. Returns the root element. */
export function parseXml(source: string): XmlElement {
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) {
    if (source.charCodeAt(index) === 10) {
      lineStarts.push(index + 1);
    }
  }
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const nonSpace = /\S/g;
  const convert = (nodes: readonly OrderedNode[]): XmlElement[] => {
    const elements: XmlElement[] = [];
    for (const node of nodes) {
      const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
      if (!name) {
        continue;
      }
      const content = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
      const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[metadataSymbol];
      const attributes = (node[':@'] ?? {}) as Record<string, string>;
      const start = meta?.startIndex;
      const tagEnd = start === undefined ? -1 : source.indexOf('>', start);
      nonSpace.lastIndex = tagEnd + 1;
      const textStart = tagEnd < 0 ? null : nonSpace.exec(source)?.index;
      const text = content
        .map((child) =>
          typeof child['#text'] === 'string' || typeof child['#text'] === 'number'
            ? String(child['#text'])
            : ''
        )
        .join('')
        .trim();
      elements.push({
        name,
        line: start === undefined ? 1 : lineAt(start),
        textLine:
          start === undefined
            ? 1
            : textStart === undefined || textStart === null
              ? lineAt(tagEnd)
              : lineAt(textStart),
        attributes,
        children: convert(content),
        text
      });
    }
    return elements;
  };
  const parsed = xmlParser.parse(source) as OrderedNode[];
  const root = convert(parsed)[0];
  if (!root) {
    throw new Error('no root element');
  }
  return root;
}

export function readXml(file: string): XmlElement {
  return parseXml(fs.readFileSync(file, 'utf8'));
}

export function childElements(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child) => child.name === name);
}

export function childElement(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((child) => child.name === name);
}

export function childText(parent: XmlElement, name: string): string | undefined {
  return childElement(parent, name)?.text;
}

/** Every element named `name` below `root`, in document order. */
export function descendantElements(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    for (const child of element.children) {
      if (child.name === name) {
        found.push(child);
      }
      visit(child);
    }
  };
  visit(root);
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// The explicit list of standard objects and fields

export type StandardFieldSpec =
  | string
  | {
      readonly type: string;
      readonly referenceTo?: readonly string[];
      readonly relationshipName?: string;
      readonly childRelationshipName?: string;
    };

export interface FieldGroupSpec {
  readonly fields?: Readonly<Record<string, StandardFieldSpec>>;
  readonly childRelationships?: Readonly<Record<string, { readonly object: string; readonly field: string }>>;
  readonly readOnly?: readonly string[];
}

export interface StandardSchemaSpec {
  readonly systemFields: readonly string[];
  readonly objects: Readonly<Record<string, FieldGroupSpec>>;
  readonly customObject: {
    readonly always: FieldGroupSpec;
    readonly owned: FieldGroupSpec;
    readonly activities: FieldGroupSpec;
    readonly history: FieldGroupSpec;
    readonly share: FieldGroupSpec;
  };
  readonly recordTypes: FieldGroupSpec;
  readonly customMetadataType: FieldGroupSpec;
  readonly customSetting: { readonly list: FieldGroupSpec; readonly hierarchy: FieldGroupSpec };
  readonly platformEvent: FieldGroupSpec;
  readonly shareObject: FieldGroupSpec;
  readonly historyObject: FieldGroupSpec;
}

export function standardSchemaFile(root: string): string {
  return path.join(root, 'scripts', 'gates', 'standardSchema.json');
}

export function loadStandardSchema(file: string): StandardSchemaSpec {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StandardSchemaSpec;
}

// ---------------------------------------------------------------------------------------------------------
// Loading the package's objects

/** A file the model could not use, or an inconsistency between object files. */
export interface SchemaProblem {
  readonly file: string;
  readonly line?: number;
  readonly subject?: string;
  readonly message: string;
}

export interface SchemaLoadResult {
  readonly model: SchemaModel;
  readonly problems: readonly SchemaProblem[];
  /** Number of object and field files read. */
  readonly filesRead: number;
}

interface MutableField {
  apiName: string;
  label?: string;
  type: string;
  custom: boolean;
  referenceTo: string[];
  relationshipName?: string;
  childRelationshipName?: string;
  required: boolean;
  readOnly: boolean;
  formula?: string;
  picklistValues?: string[];
  globalValueSet?: string;
  source?: SourceLocation;
}

interface MutableObject {
  apiName: string;
  label?: string;
  kind: ObjectKind;
  custom: boolean;
  fields: Map<string, MutableField>;
  childRelationships: Map<string, ChildRelationship>;
  recordTypes: string[];
  source?: SourceLocation;
}

interface ObjectFolder {
  apiName: string;
  objectFile?: string;
  fieldFiles: string[];
  recordTypeFiles: string[];
}

/** The object a metadata file under `objects/<Object>/...` belongs to, and where in the folder it sits. */
export function objectFolderOf(file: string): { object: string; rest: string[] } | undefined {
  const parts = file.split(/[\\/]/);
  for (let index = parts.length - 3; index >= 0; index--) {
    if (parts[index] === 'objects') {
      return { object: parts[index + 1] ?? '', rest: parts.slice(index + 2) };
    }
  }
  return undefined;
}

function objectKindOf(name: string): ObjectKind {
  if (/__mdt$/i.test(name)) return 'customMetadata';
  if (/__e$/i.test(name)) return 'platformEvent';
  if (/__b$/i.test(name)) return 'bigObject';
  if (/__x$/i.test(name)) return 'external';
  if (/__c$/i.test(name)) return 'custom';
  return 'standard';
}

const REFERENCE_TYPES = new Set([
  'lookup',
  'masterdetail',
  'metadatarelationship',
  'hierarchy',
  'externallookup',
  'indirectlookup'
]);

export function isReferenceType(type: string): boolean {
  return REFERENCE_TYPES.has(type.toLowerCase());
}

/** Reads every object under the package directories and combines it with the standard list. */
export function loadSchema(packageDirs: readonly string[], standard: StandardSchemaSpec): SchemaLoadResult {
  const problems: SchemaProblem[] = [];
  const folders = new Map<string, ObjectFolder>();
  let filesRead = 0;
  for (const dir of packageDirs) {
    for (const file of walk(dir, (candidate) => /\.(object|field|recordType)-meta\.xml$/.test(candidate))) {
      const place = objectFolderOf(file);
      if (!place) continue;
      const key = place.object.toLowerCase();
      const folder = folders.get(key) ?? { apiName: place.object, fieldFiles: [], recordTypeFiles: [] };
      folders.set(key, folder);
      const [first, second] = place.rest;
      if (place.rest.length === 1 && first === `${place.object}.object-meta.xml`) {
        folder.objectFile = file;
      } else if (first === 'fields' && second?.endsWith('.field-meta.xml')) {
        folder.fieldFiles.push(file);
      } else if (first === 'recordTypes' && second?.endsWith('.recordType-meta.xml')) {
        folder.recordTypeFiles.push(file);
      }
    }
  }

  const objects = new Map<string, MutableObject>();
  const readOnlyEverywhere = new Set(standard.systemFields.map((name) => name.toLowerCase()));

  for (const [name, spec] of Object.entries(standard.objects)) {
    if (name.startsWith('$')) continue;
    const object = newObject(name, 'standard', false);
    applyGroup(object, spec, readOnlyEverywhere);
    objects.set(name.toLowerCase(), object);
  }

  const activityObjects: string[] = [];

  for (const folder of [...folders.values()].sort((a, b) => a.apiName.localeCompare(b.apiName))) {
    const kind = objectKindOf(folder.apiName);
    let objectXml: XmlElement | undefined;
    if (folder.objectFile) {
      filesRead++;
      try {
        objectXml = readXml(folder.objectFile);
      } catch (error) {
        problems.push({ file: folder.objectFile, message: `cannot read object: ${String(error)}` });
      }
    }
    let object = objects.get(folder.apiName.toLowerCase());
    if (kind === 'standard') {
      if (!object) {
        object = newObject(folder.apiName, 'standard', false);
        objects.set(folder.apiName.toLowerCase(), object);
        problems.push({
          file: folder.objectFile ?? folder.fieldFiles[0] ?? folder.apiName,
          subject: folder.apiName,
          message: `standard object ${folder.apiName} is not in standardSchema.json: add it with the fields the package uses`
        });
      }
      object.source ??= folder.objectFile ? { file: folder.objectFile } : undefined;
    } else {
      if (!folder.objectFile) {
        problems.push({
          file: folder.fieldFiles[0] ?? folder.apiName,
          subject: folder.apiName,
          message: `fields for ${folder.apiName}, but no ${folder.apiName}.object-meta.xml defines the object`
        });
      }
      const customSettingType = objectXml ? childText(objectXml, 'customSettingsType') : undefined;
      object = newObject(folder.apiName, customSettingType ? 'customSetting' : kind, true);
      object.source = folder.objectFile ? { file: folder.objectFile } : undefined;
      object.label = objectXml ? childText(objectXml, 'label') : undefined;
      objects.set(folder.apiName.toLowerCase(), object);
    }

    const fields: MutableField[] = [];
    for (const file of folder.fieldFiles) {
      filesRead++;
      try {
        fields.push(readField(file, folder.apiName));
      } catch (error) {
        problems.push({ file, message: `cannot read field: ${String(error)}` });
      }
    }
    const recordTypes = folder.recordTypeFiles.map((file) =>
      path.basename(file).replace(/\.recordType-meta\.xml$/, '')
    );
    filesRead += recordTypes.length;
    object.recordTypes.push(...recordTypes);

    if (object.kind === 'custom') {
      const isDetail = fields.some((field) => field.type.toLowerCase() === 'masterdetail');
      applyGroup(object, standard.customObject.always, readOnlyEverywhere);
      if (!isDetail) applyGroup(object, standard.customObject.owned, readOnlyEverywhere);
      if (objectXml && childText(objectXml, 'enableActivities') === 'true') {
        applyGroup(object, standard.customObject.activities, readOnlyEverywhere);
        activityObjects.push(object.apiName);
      }
      const nameField = objectXml ? childElement(objectXml, 'nameField') : undefined;
      const name = object.fields.get('name');
      if (nameField && name) {
        name.label = childText(nameField, 'label');
        name.type = childText(nameField, 'type') ?? name.type;
        name.readOnly = name.type === 'AutoNumber';
      }
      const sharingModel = objectXml ? childText(objectXml, 'sharingModel') : undefined;
      if (objectXml && childText(objectXml, 'enableHistory') === 'true') {
        const historyName = object.apiName.replace(/__c$/i, '__History');
        applyGroup(
          object,
          substituteGroup(standard.customObject.history, object.apiName),
          readOnlyEverywhere
        );
        const history = newObject(historyName, 'history', true);
        applyGroup(history, substituteGroup(standard.historyObject, object.apiName), readOnlyEverywhere);
        objects.set(historyName.toLowerCase(), history);
      }
      if (sharingModel === 'Private' || sharingModel === 'Read') {
        const shareName = object.apiName.replace(/__c$/i, '__Share');
        applyGroup(object, substituteGroup(standard.customObject.share, object.apiName), readOnlyEverywhere);
        const share = newObject(shareName, 'share', true);
        applyGroup(share, substituteGroup(standard.shareObject, object.apiName), readOnlyEverywhere);
        objects.set(shareName.toLowerCase(), share);
      }
    } else if (object.kind === 'customMetadata') {
      applyGroup(object, standard.customMetadataType, readOnlyEverywhere);
    } else if (object.kind === 'customSetting') {
      const hierarchy = objectXml ? childText(objectXml, 'customSettingsType') === 'Hierarchy' : false;
      applyGroup(
        object,
        hierarchy ? standard.customSetting.hierarchy : standard.customSetting.list,
        readOnlyEverywhere
      );
    } else if (object.kind === 'platformEvent') {
      applyGroup(object, standard.platformEvent, readOnlyEverywhere);
    }
    if (object.recordTypes.length > 0) {
      applyGroup(object, standard.recordTypes, readOnlyEverywhere);
    }
    for (const field of fields) {
      object.fields.set(field.apiName.toLowerCase(), field);
    }
  }

  // Polymorphic references that reach every object with activities (What, LinkedEntity…).
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      const at = field.referenceTo.indexOf('$activities');
      if (at >= 0) {
        field.referenceTo.splice(at, 1, ...activityObjects);
      }
    }
  }

  // Child relationships: from every reference field that names one (standard, lookup, master-detail).
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      if (!field.childRelationshipName) continue;
      for (const target of field.referenceTo) {
        addChild(
          objects.get(target.toLowerCase()),
          field.childRelationshipName,
          object.apiName,
          field.apiName
        );
      }
    }
  }

  return { model: new SchemaModel([...objects.values()].map(freeze)), problems, filesRead };
}

function newObject(apiName: string, kind: ObjectKind, custom: boolean): MutableObject {
  return { apiName, kind, custom, fields: new Map(), childRelationships: new Map(), recordTypes: [] };
}

function addChild(parent: MutableObject | undefined, name: string, childObject: string, field: string): void {
  if (parent && !parent.childRelationships.has(name.toLowerCase())) {
    parent.childRelationships.set(name.toLowerCase(), { name, childObject, field });
  }
}

function substituteGroup(group: FieldGroupSpec, parent: string): FieldGroupSpec {
  const replace = (value: string): string =>
    value
      .replace('$parent', parent)
      .replace('$history', parent.replace(/__c$/i, '__History'))
      .replace('$share', parent.replace(/__c$/i, '__Share'));
  return JSON.parse(JSON.stringify(group), (_key, value: unknown) =>
    typeof value === 'string' ? replace(value) : value
  ) as FieldGroupSpec;
}

function applyGroup(
  object: MutableObject,
  group: FieldGroupSpec,
  readOnlyEverywhere: ReadonlySet<string>
): void {
  const readOnly = new Set((group.readOnly ?? []).map((name) => name.toLowerCase()));
  for (const [apiName, spec] of Object.entries(group.fields ?? {})) {
    if (apiName.startsWith('$')) continue;
    const detail = typeof spec === 'string' ? { type: spec } : spec;
    const key = apiName.toLowerCase();
    object.fields.set(key, {
      apiName,
      type: detail.type,
      custom: false,
      referenceTo: [...(detail.referenceTo ?? [])],
      relationshipName: detail.relationshipName,
      childRelationshipName: detail.childRelationshipName,
      required: false,
      readOnly: readOnly.has(key) || readOnlyEverywhere.has(key)
    });
  }
  for (const [name, child] of Object.entries(group.childRelationships ?? {})) {
    object.childRelationships.set(name.toLowerCase(), {
      name,
      childObject: child.object,
      field: child.field
    });
  }
}

function readField(file: string, objectName: string): MutableField {
  const root = readXml(file);
  const apiName = path.basename(file).replace(/\.field-meta\.xml$/, '');
  const type = childText(root, 'type') ?? (childText(root, 'formula') ? 'Formula' : 'Unknown');
  const referenceTo = childElements(root, 'referenceTo').map((element) => element.text);
  const reference = isReferenceType(type);
  if (type.toLowerCase() === 'hierarchy' && referenceTo.length === 0) {
    referenceTo.push(objectName);
  }
  const formula = childText(root, 'formula');
  const valueSet = childElement(root, 'valueSet');
  const definition = valueSet ? childElement(valueSet, 'valueSetDefinition') : undefined;
  const picklistValues = definition
    ? childElements(definition, 'value').map((value) => childText(value, 'fullName') ?? value.text)
    : undefined;
  const childName = childText(root, 'relationshipName');
  return {
    apiName,
    label: childText(root, 'label'),
    type,
    custom: true,
    referenceTo: reference ? referenceTo : [],
    relationshipName: reference ? apiName.replace(/__c$/i, '__r') : undefined,
    childRelationshipName:
      reference && childName && type.toLowerCase() !== 'metadatarelationship' ? `${childName}__r` : undefined,
    required: childText(root, 'required') === 'true' || type === 'MasterDetail',
    readOnly: Boolean(formula) || type === 'Summary' || type === 'AutoNumber',
    formula,
    picklistValues,
    globalValueSet: valueSet ? childText(valueSet, 'valueSetName') : undefined,
    source: { file, line: root.line }
  };
}

function freeze(object: MutableObject): ObjectDefinition {
  return {
    apiName: object.apiName,
    label: object.label,
    kind: object.kind,
    custom: object.custom,
    fields: new Map(object.fields),
    childRelationships: new Map(object.childRelationships),
    recordTypes: [...object.recordTypes],
    source: object.source
  };
}
