import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from './diagnostics';

/**
 * The Metadata API schema, loaded from a real source rather than kept by hand:
 * Salesforce's WSDL index in ../shared/reference/salesforce when it is there, otherwise an index of the
 * same shape built from the typings in @salesforce/types. Also the source-format file naming rules
 * (which `*-meta.xml` suffix holds which type) from the Salesforce CLI's own metadata registry.
 */

/** One element a complex type declares, as in the WSDL index: occurrences are strings ("1", "unbounded"). */
export interface SchemaElement {
  readonly name: string;
  /** `xsd:string`, `xsd:boolean`, … for built-in types, `tns:Name` for the schema's own types. */
  readonly type: string;
  readonly minOccurs: string;
  readonly maxOccurs: string;
  readonly nillable?: boolean;
}

export interface SchemaComplexType {
  readonly base: string | null;
  readonly elements: readonly SchemaElement[];
}

export interface SchemaSimpleType {
  readonly base: string;
  /** Empty when any value of the base type is allowed. */
  readonly enumeration: readonly string[];
}

/** The format of `metadata_schema_index.json`. */
export interface SchemaIndex {
  readonly api_version?: string;
  readonly source?: string;
  readonly complexTypes: Readonly<Record<string, SchemaComplexType>>;
  readonly simpleTypes: Readonly<Record<string, SchemaSimpleType>>;
}

export type SchemaOrigin = 'wsdl' | 'typings';

/** The root of every deployable type. */
const METADATA_ROOT = 'Metadata';

/** Lookups over a schema index, with inherited elements resolved once per type. */
export class MetadataSchema {
  private readonly complexTypes: ReadonlyMap<string, SchemaComplexType>;
  private readonly simpleTypes: ReadonlyMap<string, SchemaSimpleType>;
  private readonly elementCache = new Map<string, ReadonlyMap<string, SchemaElement>>();
  readonly apiVersion: string | undefined;

  constructor(
    readonly origin: SchemaOrigin,
    /** The file the schema was read from. */
    readonly file: string,
    index: SchemaIndex
  ) {
    this.apiVersion = index.api_version;
    // Maps rather than the parsed objects, so that an element named "constructor" is not a type.
    this.complexTypes = new Map(Object.entries(index.complexTypes));
    this.simpleTypes = new Map(Object.entries(index.simpleTypes));
  }

  /** What the schema is, for the gate's output: which source, and its API version when known. */
  get label(): string {
    return this.origin === 'wsdl'
      ? `Metadata API WSDL${this.apiVersion ? ` v${this.apiVersion}` : ''} index`
      : '@salesforce/types Metadata API typings';
  }

  get typeCount(): number {
    return this.complexTypes.size + this.simpleTypes.size;
  }

  complexType(name: string): SchemaComplexType | undefined {
    return this.complexTypes.get(localName(name));
  }

  simpleType(name: string): SchemaSimpleType | undefined {
    return this.simpleTypes.get(localName(name));
  }

  /** True for a complex type whose base chain reaches `Metadata`: a type a file can hold. */
  isMetadataType(name: string): boolean {
    return this.baseChain(name).includes(METADATA_ROOT) && localName(name) !== METADATA_ROOT;
  }

  /** The names of every Metadata type. */
  metadataTypes(): string[] {
    return [...this.complexTypes.keys()].filter((name) => this.isMetadataType(name));
  }

  /** The type itself, then its base, then the base's base… (stops on an unknown name or a cycle). */
  baseChain(name: string): string[] {
    const chain: string[] = [];
    let current: string | null = localName(name);
    while (current !== null && !chain.includes(current)) {
      const type = this.complexTypes.get(current);
      if (!type) {
        break;
      }
      chain.push(current);
      current = type.base === null ? null : localName(type.base);
    }
    return chain;
  }

  /** Every element the complex type declares, its own and inherited through `base`, by name. */
  elementsOf(name: string): ReadonlyMap<string, SchemaElement> {
    const key = localName(name);
    const cached = this.elementCache.get(key);
    if (cached) {
      return cached;
    }
    const elements = new Map<string, SchemaElement>();
    // Base first, so a type that redeclares an inherited element wins.
    for (const typeName of this.baseChain(key).reverse()) {
      for (const element of this.complexTypes.get(typeName)?.elements ?? []) {
        elements.set(element.name, element);
      }
    }
    this.elementCache.set(key, elements);
    return elements;
  }
}

/** `tns:FieldType` → `FieldType`; `xsd:string` stays qualified, as built-in types are told apart by it. */
function localName(typeName: string): string {
  return typeName.startsWith('tns:') ? typeName.slice('tns:'.length) : typeName;
}

/** Salesforce's Metadata API WSDL index, shared beside the project. */
export function wsdlIndexPath(root: string = projectRoot()): string {
  return path.resolve(root, '..', 'shared', 'reference', 'salesforce', 'metadata_schema_index.json');
}

/** The Metadata API typings published by Salesforce. */
export function typingsPath(root: string = projectRoot()): string {
  return path.join(root, 'node_modules', '@salesforce', 'types', 'lib', 'metadata.d.ts');
}

export function loadWsdlSchema(file: string = wsdlIndexPath()): MetadataSchema {
  return new MetadataSchema('wsdl', file, checkIndexShape(JSON.parse(fs.readFileSync(file, 'utf8')), file));
}

export function loadTypingsSchema(file: string = typingsPath()): MetadataSchema {
  return new MetadataSchema('typings', file, buildIndexFromTypings(file));
}

/** The WSDL index when the shared reference folder is present, the typings otherwise. */
export function loadMetadataSchema(root: string = projectRoot()): MetadataSchema {
  const wsdl = wsdlIndexPath(root);
  return fs.existsSync(wsdl) ? loadWsdlSchema(wsdl) : loadTypingsSchema(typingsPath(root));
}

function checkIndexShape(parsed: unknown, file: string): SchemaIndex {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(parsed) || !isRecord(parsed.complexTypes) || !isRecord(parsed.simpleTypes)) {
    throw new Error(`${file} is not a schema index: complexTypes and simpleTypes are expected`);
  }
  const complexOk = Object.values(parsed.complexTypes).every(
    (type) => isRecord(type) && Array.isArray(type.elements)
  );
  const simpleOk = Object.values(parsed.simpleTypes).every(
    (type) => isRecord(type) && Array.isArray(type.enumeration)
  );
  if (!complexOk || !simpleOk) {
    throw new Error(`${file} is not a schema index: a type lacks its elements or enumeration list`);
  }
  return parsed as unknown as SchemaIndex;
}

/**
 * Builds the WSDL index's shape from `metadata.d.ts`, where types read
 * `export type CustomField = Metadata & { type?: FieldType; … }` and enumerations
 * `export type FieldType = 'AutoNumber' | 'Lookup' | …`. The typings do not tell xsd:int from
 * xsd:double (both are `number`), so numbers are checked as doubles.
 */
export function buildIndexFromTypings(file: string = typingsPath()): SchemaIndex {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const complexTypes: Record<string, SchemaComplexType> = {};
  const simpleTypes: Record<string, SchemaSimpleType> = {};

  for (const statement of source.statements) {
    if (!ts.isTypeAliasDeclaration(statement)) {
      continue;
    }
    const name = statement.name.text;
    const body = statement.type;
    const enumeration = stringLiterals(body);
    if (enumeration) {
      simpleTypes[name] = { base: 'xsd:string', enumeration };
    } else if (isBuiltInKeyword(body)) {
      simpleTypes[name] = { base: builtInType(body), enumeration: [] };
    } else if (ts.isTypeLiteralNode(body)) {
      complexTypes[name] = { base: null, elements: elementsOfLiteral(body) };
    } else if (ts.isIntersectionTypeNode(body)) {
      const bases = body.types.filter(ts.isTypeReferenceNode).map((reference) => entityName(reference));
      const elements = body.types
        .filter(ts.isTypeLiteralNode)
        .flatMap((literal) => elementsOfLiteral(literal));
      // `A & B & {…}` does not occur; were it to, B's elements would still be found through its own chain.
      complexTypes[name] = { base: bases[0] ?? null, elements };
    } else if (ts.isTypeReferenceNode(body)) {
      complexTypes[name] = { base: entityName(body), elements: [] };
    }
  }
  return { source: file, complexTypes, simpleTypes };
}

function stringLiterals(node: ts.TypeNode): string[] | undefined {
  const members = ts.isUnionTypeNode(node) ? [...node.types] : [node];
  const values: string[] = [];
  for (const member of members) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) {
      return undefined;
    }
    values.push(member.literal.text);
  }
  return values;
}

function isBuiltInKeyword(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.StringKeyword ||
    node.kind === ts.SyntaxKind.BooleanKeyword ||
    node.kind === ts.SyntaxKind.NumberKeyword ||
    node.kind === ts.SyntaxKind.AnyKeyword
  );
}

function builtInType(node: ts.TypeNode): string {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'xsd:string';
    case ts.SyntaxKind.BooleanKeyword:
      return 'xsd:boolean';
    case ts.SyntaxKind.NumberKeyword:
      return 'xsd:double';
    default:
      return 'xsd:anyType';
  }
}

function entityName(reference: ts.TypeReferenceNode): string {
  const name = reference.typeName;
  return ts.isIdentifier(name) ? name.text : name.right.text;
}

function elementsOfLiteral(literal: ts.TypeLiteralNode): SchemaElement[] {
  const elements: SchemaElement[] = [];
  for (const member of literal.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      continue;
    }
    const name =
      ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
    if (name === undefined) {
      continue;
    }
    const { type, repeated } = elementType(member.type);
    elements.push({
      name,
      type,
      minOccurs: member.questionToken ? '0' : '1',
      maxOccurs: repeated ? 'unbounded' : '1',
      nillable: false
    });
  }
  return elements;
}

function elementType(node: ts.TypeNode): { type: string; repeated: boolean } {
  if (ts.isArrayTypeNode(node)) {
    return { type: elementType(node.elementType).type, repeated: true };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = entityName(node);
    if (name === 'Array' && node.typeArguments?.[0]) {
      return { type: elementType(node.typeArguments[0]).type, repeated: true };
    }
    return { type: `tns:${name}`, repeated: false };
  }
  // Anything else (a union of built-ins, say) is accepted as it stands.
  return { type: isBuiltInKeyword(node) ? builtInType(node) : 'xsd:anyType', repeated: false };
}

/** Which metadata types a source-format `*-meta.xml` file may hold, by its suffix and folder. */
export interface SourceFormatRegistry {
  /** `field` → [CustomField]; a few suffixes are shared by several types (`labels`, `site`, …). */
  readonly typesBySuffix: ReadonlyMap<string, readonly string[]>;
  /** Folders whose files are one bundle each (`lwc`, `aura`, …) → the bundle's type. */
  readonly bundleTypesByFolder: ReadonlyMap<string, string>;
}

interface RegistryType {
  readonly name?: string;
  readonly suffix?: string;
  readonly legacySuffix?: string;
  readonly directoryName?: string;
  readonly children?: { readonly types?: Readonly<Record<string, RegistryType>> };
}

/** The metadata registry the Salesforce CLI converts source with (@salesforce/source-deploy-retrieve). */
export function sourceRegistryPath(root: string = projectRoot()): string {
  return path.join(
    root,
    'node_modules',
    '@salesforce',
    'source-deploy-retrieve',
    'lib',
    'src',
    'registry',
    'metadataRegistry.json'
  );
}

export function loadSourceFormatRegistry(file: string = sourceRegistryPath()): SourceFormatRegistry {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    types?: Record<string, RegistryType>;
    strictDirectoryNames?: Record<string, string>;
  };
  if (!parsed.types || !parsed.strictDirectoryNames) {
    throw new Error(`${file} is not the source-deploy-retrieve metadata registry`);
  }
  const typesBySuffix = new Map<string, string[]>();
  const add = (suffix: string | undefined, name: string | undefined): void => {
    if (!suffix || !name) {
      return;
    }
    const names = typesBySuffix.get(suffix) ?? [];
    if (!names.includes(name)) {
      names.push(name);
    }
    typesBySuffix.set(suffix, names);
  };
  const types = new Map(Object.entries(parsed.types));
  for (const type of types.values()) {
    add(type.suffix, type.name);
    add(type.legacySuffix, type.name);
    for (const child of Object.values(type.children?.types ?? {})) {
      add(child.suffix, child.name);
      add(child.legacySuffix, child.name);
    }
  }
  // A bundle's meta file is named after the bundle's main file (`x.js-meta.xml`, `x.cmp-meta.xml`),
  // so the folder, not the suffix, tells its type; those types have no suffix of their own.
  const bundleTypesByFolder = new Map<string, string>();
  for (const [folder, id] of Object.entries(parsed.strictDirectoryNames)) {
    const type = types.get(id);
    if (type?.name && !type.suffix) {
      bundleTypesByFolder.set(folder, type.name);
    }
  }
  return { typesBySuffix, bundleTypesByFolder };
}
