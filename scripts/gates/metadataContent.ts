import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Diagnostic, projectRoot, relativeToRoot, report } from '../lib/diagnostics';
import { isDeployable, packageDir, walk } from '../lib/files';
import {
  loadMetadataSchema,
  loadSourceFormatRegistry,
  type MetadataSchema,
  type SchemaElement,
  type SourceFormatRegistry,
  sourceRegistryPath
} from '../lib/metadataSchema';

/**
 * Metadata content gate: every source-format `*-meta.xml` file is checked against the Metadata API
 * schema before anything reaches an org. The file must be well-formed, its root a Metadata type that
 * its suffix may hold, every element declared for its type (inherited ones included), no element
 * repeated unless the schema allows it, and every value of the type the schema gives it. Element
 * order is not checked: the platform does not care about it.
 */

const GATE = 'metadata content';
const META_SUFFIX = '-meta.xml';

/**
 * Elements the WSDL types differently from what source format holds. `targetConfigs` is base64Binary
 * in the WSDL but holds the component's per-target XML configuration in `*.js-meta.xml`; no
 * published schema describes that XML, so its subtree is accepted as it stands.
 */
const SOURCE_FORMAT_SUBTREES = new Set(['LightningComponentBundle.targetConfigs']);

/** Built-in XML Schema types whose values are checked; other built-ins (string, base64…) take any text. */
const BUILT_IN_VALUES: Readonly<Record<string, { readonly pattern: RegExp; readonly expected: string }>> = {
  'xsd:boolean': { pattern: /^(true|false)$/, expected: 'true or false' },
  'xsd:int': { pattern: /^[+-]?\d+$/, expected: 'a whole number' },
  'xsd:long': { pattern: /^[+-]?\d+$/, expected: 'a whole number' },
  'xsd:double': { pattern: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/, expected: 'a number' },
  'xsd:date': { pattern: /^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/, expected: 'a date such as 2026-01-31' },
  'xsd:dateTime': {
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    expected: 'a date and time such as 2026-01-31T09:30:00.000Z'
  },
  'xsd:time': {
    pattern: /^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
    expected: 'a time such as 09:30:00.000Z'
  }
};
const INT_RANGE = { min: -2147483648, max: 2147483647 };
const BUILT_IN_NAMES = new Set([
  ...Object.keys(BUILT_IN_VALUES),
  'xsd:string',
  'xsd:base64Binary',
  'xsd:anyType'
]);

/** How many allowed values a message lists before summarising the rest (a few more are listed whole). */
const ALLOWED_VALUES_SHOWN = 10;
const ALLOWED_VALUES_LISTED_WHOLE = 12;

/** One parsed element, with the line its start tag is on. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
  line?: number;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true
});

let projectRegistry: SourceFormatRegistry | undefined;

/** The project's source-format registry, read once. */
function defaultRegistry(): SourceFormatRegistry {
  projectRegistry ??= loadSourceFormatRegistry();
  return projectRegistry;
}

/** Validates each file; `files` are paths, reported relative to the project root. */
export function validateMetadataFiles(
  files: readonly string[],
  schema: MetadataSchema,
  registry: SourceFormatRegistry = defaultRegistry()
): Diagnostic[] {
  return files.flatMap((file) => validateMetadataXml(file, fs.readFileSync(file, 'utf8'), schema, registry));
}

/** Validates one file's text; `file` names it in diagnostics and tells its suffix and folder. */
export function validateMetadataXml(
  file: string,
  xml: string,
  schema: MetadataSchema,
  registry: SourceFormatRegistry = defaultRegistry()
): Diagnostic[] {
  const shownFile = relativeToRoot(path.resolve(file));
  const text = xml.replace(/^\uFEFF/, '');
  const diagnostics: Diagnostic[] = [];

  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    return [malformed(shownFile, text, wellFormed.err)];
  }
  const roots = toElements(parser.parse(text));
  if (roots.length !== 1 || !roots[0]) {
    const names = roots.map((root) => root.name).join(', ');
    return [{ file: shownFile, message: `expected one root element, found ${roots.length}: ${names}` }];
  }
  const root = roots[0];
  assignLines(roots, text);

  const rootProblem = (message: string): Diagnostic => ({
    file: shownFile,
    line: root.line,
    subject: root.name,
    message
  });
  if (!schema.isMetadataType(root.name)) {
    return [
      rootProblem(
        `root element "${root.name}" is not a Metadata API type${suggestion(root.name, schema.metadataTypes())}`
      )
    ];
  }
  const expected = expectedTypes(file, registry);
  const suffix = describeSuffix(file);
  if (expected.length === 0) {
    diagnostics.push(rootProblem(`"${suffix}" is not a source-format metadata file suffix`));
  } else if (!expected.includes(root.name)) {
    diagnostics.push(rootProblem(`a "${suffix}" file holds ${listOf(expected, 'or')}, not ${root.name}`));
  }

  const problem = (element: XmlElement, subject: string, message: string): void => {
    diagnostics.push({ file: shownFile, line: element.line, subject, message });
  };
  checkComplex(root, root.name, root.name, schema, problem);
  return diagnostics;
}

/**
 * The parser's own message and position, except when the text ends with elements still open: the
 * parser then lists them (`Invalid '["CustomField","type"]' found.`) at line 1, so the end of the
 * file, where the truncation is, is reported instead.
 */
function malformed(file: string, xml: string, error: { msg: string; line: number; col: number }): Diagnostic {
  const open = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(error.msg)?.[1];
  const names = open === undefined ? undefined : parseStringArray(open);
  if (names && names.length > 0) {
    const lines = xml.trimEnd().split('\n');
    return {
      file,
      line: lines.length,
      column: (lines[lines.length - 1]?.length ?? 0) + 1,
      message: `not well-formed XML: the file ends inside ${names.map((name) => `<${name}>`).join(' > ')}; is it truncated?`
    };
  }
  return { file, line: error.line, column: error.col, message: `not well-formed XML: ${error.msg}` };
}

function parseStringArray(json: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

type Report = (element: XmlElement, subject: string, message: string) => void;

function checkComplex(
  element: XmlElement,
  typeName: string,
  elementPath: string,
  schema: MetadataSchema,
  problem: Report
): void {
  const declared = schema.elementsOf(typeName);
  const shownType = displayType(typeName);
  if (element.text !== '') {
    problem(element, elementPath, `${shownType} holds elements, not text ("${clip(element.text)}")`);
  }
  const seen = new Map<string, number>();
  for (const child of element.children) {
    const childPath = `${elementPath}.${child.name}`;
    const declaration = declared.get(child.name);
    if (!declaration) {
      const hint = suggestion(child.name, [...declared.keys()]);
      problem(child, childPath, `element "${child.name}" is not declared for ${shownType}${hint}`);
      continue;
    }
    const count = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, count);
    if (count === maxOccurs(declaration) + 1) {
      const allowed = maxOccurs(declaration) === 1 ? 'once' : `${maxOccurs(declaration)} times`;
      problem(child, childPath, `element "${child.name}" is repeated; ${shownType} allows it ${allowed}`);
    }
    if (!SOURCE_FORMAT_SUBTREES.has(`${shownType}.${child.name}`)) {
      checkElement(child, declaration, childPath, schema, problem);
    }
  }
}

function checkElement(
  element: XmlElement,
  declaration: SchemaElement,
  elementPath: string,
  schema: MetadataSchema,
  problem: Report
): void {
  if (element.attributes['xsi:nil'] === 'true' && element.children.length === 0 && element.text === '') {
    return;
  }
  const type = instanceType(element, declaration.type, schema);
  if (type === 'xsd:anyType') {
    return;
  }
  if (schema.complexType(type)) {
    checkComplex(element, type, elementPath, schema, problem);
    return;
  }
  const simple = schema.simpleType(type);
  if (!simple && !BUILT_IN_NAMES.has(type)) {
    // A type the schema names but does not define: nothing to check it against.
    return;
  }
  if (element.children.length > 0) {
    const names = [...new Set(element.children.map((child) => child.name))].join(', ');
    problem(element, elementPath, `expected a ${displayType(type)} value, found child elements (${names})`);
    return;
  }
  const message = valueProblem(element.text, type, schema);
  if (message) {
    problem(element, elementPath, message);
  }
}

/**
 * The type an element is checked as: its declared type, or the one its `xsi:type` names (custom
 * metadata record values are `xsd:anyType` and say `xsi:type="xsd:string"`, `xsd:boolean`…).
 */
function instanceType(element: XmlElement, declared: string, schema: MetadataSchema): string {
  const named = element.attributes['xsi:type'];
  if (!named) {
    return declared;
  }
  const local = named.includes(':') ? named.slice(named.indexOf(':') + 1) : named;
  if (BUILT_IN_NAMES.has(`xsd:${local}`)) {
    return `xsd:${local}`;
  }
  return schema.complexType(local) || schema.simpleType(local) ? local : declared;
}

function valueProblem(value: string, type: string, schema: MetadataSchema): string | undefined {
  const simple = schema.simpleType(type);
  const base = simple ? simple.base : type;
  const builtIn = BUILT_IN_VALUES[base];
  if (builtIn && !builtIn.pattern.test(value)) {
    return `"${clip(value)}" is not a valid ${displayType(type)} (expected ${builtIn.expected})`;
  }
  if (base === 'xsd:int' && (Number(value) < INT_RANGE.min || Number(value) > INT_RANGE.max)) {
    return `"${clip(value)}" is out of range for ${displayType(type)}`;
  }
  if (simple && simple.enumeration.length > 0 && !simple.enumeration.includes(value)) {
    return (
      `"${clip(value)}" is not a valid ${displayType(type)} (allowed: ${allowedValues(simple.enumeration)})` +
      suggestion(value, simple.enumeration)
    );
  }
  return undefined;
}

function displayType(type: string): string {
  return type.startsWith('tns:') ? type.slice('tns:'.length) : type;
}

function maxOccurs(declaration: SchemaElement): number {
  return declaration.maxOccurs === 'unbounded' ? Infinity : Number(declaration.maxOccurs) || 1;
}

function allowedValues(values: readonly string[]): string {
  if (values.length <= ALLOWED_VALUES_LISTED_WHOLE) {
    return values.join(', ');
  }
  const more = values.length - ALLOWED_VALUES_SHOWN;
  return `${values.slice(0, ALLOWED_VALUES_SHOWN).join(', ')} and ${more} more`;
}

function listOf(values: readonly string[], conjunction: string): string {
  return values.length <= 1
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1] ?? ''}`;
}

function clip(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/** `; did you mean "Number"?` when one candidate is a likely intended spelling. */
function suggestion(value: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(value.length / 3)));
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === value.toLowerCase() ? 0 : editDistance(value, candidate, bestDistance);
    const closer = best === undefined ? distance <= bestDistance : distance < bestDistance;
    if (closer && candidate !== value) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) {
      return limit + 1;
    }
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

/** `x.field-meta.xml` → `.field-meta.xml`. */
function describeSuffix(file: string): string {
  const stem = path.basename(file).slice(0, -META_SUFFIX.length);
  const dot = stem.lastIndexOf('.');
  return dot >= 0 ? `${stem.slice(dot)}${META_SUFFIX}` : META_SUFFIX;
}

/** The root types a file may hold, from its folder when it is in a bundle, otherwise its suffix. */
function expectedTypes(file: string, registry: SourceFormatRegistry): readonly string[] {
  const parts = path.resolve(file).split(path.sep);
  // lwc/<bundle>/<bundle>.js-meta.xml, experiences/<site>.site-meta.xml
  for (const folder of [parts[parts.length - 3], parts[parts.length - 2]]) {
    const bundleType = folder === undefined ? undefined : registry.bundleTypesByFolder.get(folder);
    if (bundleType) {
      return [bundleType];
    }
  }
  const base = path.basename(file);
  if (!base.endsWith(META_SUFFIX)) {
    return [];
  }
  const stem = base.slice(0, -META_SUFFIX.length);
  const dot = stem.lastIndexOf('.');
  if (dot < 0) {
    return [];
  }
  const types = registry.typesBySuffix.get(stem.slice(dot + 1)) ?? [];
  // Settings files are named after their settings: Account.settings-meta.xml holds AccountSettings.
  return types.includes('Settings') ? [...types, `${stem.slice(0, dot)}Settings`] : types;
}

/** fast-xml-parser's ordered output (`[{ tag: [...children], ':@': {attributes} }, { '#text': … }]`). */
function toElements(nodes: unknown): XmlElement[] {
  if (!Array.isArray(nodes)) {
    return [];
  }
  const elements: XmlElement[] = [];
  for (const node of nodes as unknown[]) {
    if (typeof node !== 'object' || node === null) {
      continue;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    const attributes = (node as Record<string, unknown>)[':@'];
    for (const [name, content] of entries) {
      if (name === ':@' || name === '#text') {
        continue;
      }
      const children = Array.isArray(content) ? (content as unknown[]) : [];
      elements.push({
        name,
        attributes: stringRecord(attributes),
        children: toElements(children),
        text: children
          .map((child) => textOf(child))
          .join('')
          .trim()
      });
    }
  }
  return elements;
}

function textOf(node: unknown): string {
  if (typeof node !== 'object' || node === null || !('#text' in node)) {
    return '';
  }
  const text = node['#text'];
  return typeof text === 'string' || typeof text === 'number' || typeof text === 'boolean'
    ? String(text)
    : '';
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) {
    return {};
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

/**
 * Finds each element's start tag in the text. Elements are visited in document order, so each
 * search starts after the previous tag; comments, CDATA and processing instructions are blanked
 * first so that a tag-like string inside them is never taken for an element.
 */
function assignLines(roots: readonly XmlElement[], xml: string): void {
  const blanked = xml.replace(
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/g,
    (match) => match.replace(/[^\n]/g, ' ')
  );
  let cursor = 0;
  let line = 1;
  let counted = 0;
  const visit = (element: XmlElement): void => {
    const start = findStartTag(blanked, element.name, cursor);
    if (start >= 0) {
      for (let index = counted; index < start; index++) {
        if (blanked.charCodeAt(index) === 10) {
          line++;
        }
      }
      counted = start;
      cursor = start + 1;
      element.line = line;
    }
    element.children.forEach(visit);
  };
  roots.forEach(visit);
}

function findStartTag(xml: string, name: string, from: number): number {
  let index = xml.indexOf(`<${name}`, from);
  while (index >= 0) {
    const next = xml.charAt(index + name.length + 1);
    if (next === '>' || next === '/' || /\s/.test(next)) {
      return index;
    }
    index = xml.indexOf(`<${name}`, index + 1);
  }
  return -1;
}

function main(): void {
  const started = performance.now();
  const root = projectRoot();
  const files = walk(packageDir(root), (file) => file.endsWith(META_SUFFIX) && isDeployable(file));
  const schema = loadMetadataSchema(root);
  const registry = loadSourceFormatRegistry(sourceRegistryPath(root));
  const diagnostics = validateMetadataFiles(files, schema, registry);
  const elapsed = Math.round(performance.now() - started);
  console.log(
    `${GATE}: schema from the ${schema.label} (${path.relative(root, schema.file)}), ` +
      `${files.length} file(s) in ${elapsed} ms`
  );
  report(GATE, files.length, diagnostics);
}

if (require.main === module) {
  main();
}
