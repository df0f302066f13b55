/**
 * Checks `sf data import tree` plans against the package's object metadata before anything reaches an org:
 * the plan's shape and order, every record file it lists, and every value in every record. The sample data
 * seeds both scratch orgs and the local preview, so a value the org would reject (an unknown field, a
 * picklist value that is not in the restricted value set, a text too long, a reference to a record that is
 * not saved yet) must fail here, with the file, the record's referenceId and the field.
 *
 * How the CLI reads a plan (plugin-data 4): the plan is an array of `{ sobject, files }` steps, loaded in
 * order; `saveRefs` and `resolveRefs` are accepted for older CLIs and otherwise ignored. A value `@<id>` is
 * replaced by the Salesforce id of the record whose `attributes.referenceId` is `<id>` once that record has
 * been saved, and only values shaped like `@<word>Ref<digits>` are recognised as references at all. Files
 * may hold more than 200 records (the CLI splits them), but this project keeps each file within one sObject
 * Tree request of 200 records. Multi-select picklist values are one string separated by `;`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

// ---------------------------------------------------------------------------------------------------------
// Schema

export interface FieldSpec {
  /** API name as spelled in metadata. */
  readonly name: string;
  /** Metadata API field type: Text, Picklist, MultiselectPicklist, Lookup, MasterDetail, Number, Date… */
  readonly type: string;
  /** Required on insert: `required` in metadata, a master-detail field, or a required standard field. */
  readonly required: boolean;
  /** Formula, roll-up summary and auto number fields cannot be written by a data load. */
  readonly readOnly: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Allowed picklist values (the field's own value set or its global value set). */
  readonly values?: readonly string[];
  /** Name of the global value set the values come from. */
  readonly valueSetName?: string;
  readonly referenceTo?: readonly string[];
  /** External id: every record loaded from a file must carry it, unique within the plan. */
  readonly externalId: boolean;
  readonly caseSensitive: boolean;
}

export interface ObjectSpec {
  readonly name: string;
  /** Fields by lower-case API name. */
  readonly fields: ReadonlyMap<string, FieldSpec>;
}

/** Objects by lower-case API name. */
export type Schema = ReadonlyMap<string, ObjectSpec>;

/** A standard field the plans may write, described the way metadata would describe it. */
export interface StandardFieldInput {
  readonly type: string;
  readonly required?: boolean;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly values?: readonly string[];
  readonly referenceTo?: readonly string[];
}

export type StandardFields = Readonly<Record<string, Readonly<Record<string, StandardFieldInput>>>>;

export interface SchemaOptions {
  /** `force-app/main/default/objects`. */
  readonly objectsDir: string;
  /** `force-app/main/default/globalValueSets`. */
  readonly globalValueSetsDir: string;
  /** Standard objects and the standard fields the plans may use; their custom fields come from metadata. */
  readonly standardFields: StandardFields;
}

export interface SchemaResult {
  readonly schema: Schema;
  /** Metadata that could not be read or does not resolve (e.g. an unknown global value set). */
  readonly problems: readonly string[];
}

/** Field types whose value is the id of another record. */
const REFERENCE_TYPES = new Set(['Lookup', 'MasterDetail', 'Hierarchy', 'MetadataRelationship']);
/** Field types a data load never writes. */
const READ_ONLY_TYPES = new Set(['AutoNumber', 'Summary', 'Formula']);
/** Default lengths of types whose metadata carries none. */
const DEFAULT_LENGTHS: Readonly<Record<string, number>> = {
  TextArea: 255,
  Email: 80,
  Url: 255,
  Phone: 40
};

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['value', 'customValue', 'referenceTo'].includes(name)
});

/** Custom metadata records: each `values` element holds one field and its value. */
const metadataXml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'values'
});

interface XmlValue {
  fullName?: unknown;
}

interface XmlField {
  fullName?: unknown;
  type?: unknown;
  required?: unknown;
  length?: unknown;
  precision?: unknown;
  scale?: unknown;
  formula?: unknown;
  externalId?: unknown;
  caseSensitive?: unknown;
  referenceTo?: unknown[];
  valueSet?: { valueSetName?: unknown; valueSetDefinition?: { value?: XmlValue[] } };
}

interface XmlObject {
  nameField?: { type?: unknown };
}

/** Text of an element, with line breaks and runs of spaces (from XML formatting) collapsed. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return undefined;
  }
  return String(value).replace(/\s+/g, ' ').trim();
}

function numberOf(value: unknown): number | undefined {
  const raw = text(value);
  return raw === undefined || raw === '' ? undefined : Number(raw);
}

function readGlobalValueSets(dir: string, problems: string[]): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  if (!fs.existsSync(dir)) {
    return sets;
  }
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.globalValueSet-meta.xml')) continue;
    try {
      const parsed = xml.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        GlobalValueSet?: { customValue?: XmlValue[] };
      };
      const values = (parsed.GlobalValueSet?.customValue ?? []).flatMap((value) => {
        const name = text(value.fullName);
        return name ? [name] : [];
      });
      sets.set(file.replace('.globalValueSet-meta.xml', ''), values);
    } catch (error) {
      problems.push(`${file}: cannot read global value set: ${String(error)}`);
    }
  }
  return sets;
}

function fieldFromXml(
  file: string,
  field: XmlField,
  globalValueSets: ReadonlyMap<string, readonly string[]>,
  problems: string[]
): FieldSpec {
  const name = text(field.fullName) ?? path.basename(file).replace('.field-meta.xml', '');
  const formula = text(field.formula);
  const type = text(field.type) ?? (formula ? 'Formula' : 'Unknown');
  const valueSetName = text(field.valueSet?.valueSetName);
  let values: readonly string[] | undefined;
  if (valueSetName) {
    values = globalValueSets.get(valueSetName);
    if (!values) {
      problems.push(`${file}: global value set ${valueSetName} is not in globalValueSets`);
    }
  } else if (field.valueSet?.valueSetDefinition) {
    values = (field.valueSet.valueSetDefinition.value ?? []).flatMap((value) => {
      const valueName = text(value.fullName);
      return valueName ? [valueName] : [];
    });
  }
  return {
    name,
    type,
    required: text(field.required) === 'true' || type === 'MasterDetail',
    readOnly: Boolean(formula) || READ_ONLY_TYPES.has(type),
    length: numberOf(field.length) ?? DEFAULT_LENGTHS[type],
    precision: numberOf(field.precision),
    scale: numberOf(field.scale),
    values,
    valueSetName,
    referenceTo: (field.referenceTo ?? []).flatMap((target) => {
      const targetName = text(target);
      return targetName ? [targetName] : [];
    }),
    externalId: text(field.externalId) === 'true',
    caseSensitive: text(field.caseSensitive) === 'true'
  };
}

function standardField(name: string, input: StandardFieldInput): FieldSpec {
  return {
    name,
    type: input.type,
    required: input.required ?? false,
    readOnly: READ_ONLY_TYPES.has(input.type),
    length: input.length ?? DEFAULT_LENGTHS[input.type],
    precision: input.precision,
    scale: input.scale,
    values: input.values,
    referenceTo: input.referenceTo,
    externalId: false,
    caseSensitive: false
  };
}

/**
 * Reads the object metadata (`<Object>/<Object>.object-meta.xml`, `<Object>/fields/*.field-meta.xml`), the
 * global value sets, and the listed standard fields into a schema. A custom object's Name field comes from its
 * `nameField`: Text(80) and required, or an auto number that cannot be written.
 */
export function loadSchema(options: SchemaOptions): SchemaResult {
  const problems: string[] = [];
  const globalValueSets = readGlobalValueSets(options.globalValueSetsDir, problems);
  const objects = new Map<string, { name: string; fields: Map<string, FieldSpec> }>();

  for (const [objectName, fields] of Object.entries(options.standardFields)) {
    const specs = new Map<string, FieldSpec>();
    for (const [fieldName, input] of Object.entries(fields)) {
      specs.set(fieldName.toLowerCase(), standardField(fieldName, input));
    }
    objects.set(objectName.toLowerCase(), { name: objectName, fields: specs });
  }

  const folders = fs.existsSync(options.objectsDir) ? fs.readdirSync(options.objectsDir).sort() : [];
  for (const objectName of folders) {
    const folder = path.join(options.objectsDir, objectName);
    if (!fs.statSync(folder).isDirectory()) continue;
    const object = objects.get(objectName.toLowerCase()) ?? {
      name: objectName,
      fields: new Map<string, FieldSpec>()
    };
    objects.set(objectName.toLowerCase(), object);

    const objectFile = path.join(folder, `${objectName}.object-meta.xml`);
    if (fs.existsSync(objectFile)) {
      try {
        const parsed = xml.parse(fs.readFileSync(objectFile, 'utf8')) as { CustomObject?: XmlObject };
        const nameType = text(parsed.CustomObject?.nameField?.type);
        if (nameType === 'AutoNumber') {
          object.fields.set('name', standardField('Name', { type: 'AutoNumber' }));
        } else if (nameType) {
          object.fields.set('name', standardField('Name', { type: nameType, length: 80, required: true }));
        }
      } catch (error) {
        problems.push(`${objectFile}: cannot read object: ${String(error)}`);
      }
    }

    const fieldsDir = path.join(folder, 'fields');
    if (!fs.existsSync(fieldsDir)) continue;
    for (const file of fs.readdirSync(fieldsDir).sort()) {
      if (!file.endsWith('.field-meta.xml')) continue;
      const fieldFile = path.join(fieldsDir, file);
      try {
        const parsed = xml.parse(fs.readFileSync(fieldFile, 'utf8')) as { CustomField?: XmlField };
        if (!parsed.CustomField) {
          problems.push(`${fieldFile}: no CustomField root element`);
          continue;
        }
        const field = fieldFromXml(fieldFile, parsed.CustomField, globalValueSets, problems);
        object.fields.set(field.name.toLowerCase(), field);
      } catch (error) {
        problems.push(`${fieldFile}: cannot read field: ${String(error)}`);
      }
    }
  }

  return { schema: objects, problems };
}

/** The criterion ids (`Criterion_Id__c`) of the shipped `Trust_Criterion__mdt` records. */
export function loadCriterionIds(customMetadataDir: string): Set<string> {
  const ids = new Set<string>();
  if (!fs.existsSync(customMetadataDir)) {
    return ids;
  }
  for (const file of fs.readdirSync(customMetadataDir)) {
    if (!file.startsWith('Trust_Criterion.') || !file.endsWith('.md-meta.xml')) continue;
    const parsed = metadataXml.parse(fs.readFileSync(path.join(customMetadataDir, file), 'utf8')) as {
      CustomMetadata?: { values?: Array<{ field?: unknown; value?: unknown }> };
    };
    for (const entry of parsed.CustomMetadata?.values ?? []) {
      if (text(entry.field) === 'Criterion_Id__c') {
        const id = text(entry.value);
        if (id) ids.add(id);
      }
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------------
// Plans

/** A record file as read from disk: its parsed JSON, or why it could not be read. */
export interface LoadedFile {
  readonly content?: unknown;
  readonly error?: string;
}

export interface DataPlan {
  /** Path of the plan file, as it should appear in messages (e.g. `data/trust-desk-plan.json`). */
  readonly planFile: string;
  /** The parsed plan, unchecked. */
  readonly plan: unknown;
  /** Record files by the path the plan lists them under, relative to the plan's folder. */
  readonly files: ReadonlyMap<string, LoadedFile>;
}

export interface DataRecord {
  readonly attributes: { readonly type: string; readonly referenceId: string };
  readonly [field: string]: unknown;
}

export interface PlanProblem {
  /** Plan or record file, relative to the plan's folder for record files. */
  readonly file: string;
  readonly referenceId?: string;
  readonly field?: string;
  readonly message: string;
}

/** Reads a plan and every record file it lists; unreadable files are kept as errors for `checkPlan`. */
export function readPlan(planPath: string, label: string = planPath): DataPlan {
  const plan = JSON.parse(fs.readFileSync(planPath, 'utf8')) as unknown;
  const files = new Map<string, LoadedFile>();
  for (const step of Array.isArray(plan) ? (plan as unknown[]) : []) {
    const listed = isObject(step) && Array.isArray(step.files) ? (step.files as unknown[]) : [];
    for (const file of listed) {
      if (typeof file !== 'string' || files.has(file)) continue;
      const full = path.resolve(path.dirname(planPath), file);
      if (!fs.existsSync(full)) {
        files.set(file, { error: 'listed in the plan but does not exist' });
        continue;
      }
      try {
        files.set(file, { content: JSON.parse(fs.readFileSync(full, 'utf8')) as unknown });
      } catch (error) {
        files.set(file, { error: `is not valid JSON: ${String(error)}` });
      }
    }
  }
  return { planFile: label, plan, files };
}

/** The records of every file the plan loads for `sobject`, in plan order; malformed entries are skipped. */
export function recordsOf(plan: DataPlan, sobject: string): DataRecord[] {
  const records: DataRecord[] = [];
  for (const step of planSteps(plan.plan)) {
    if (step.sobject !== sobject) continue;
    for (const file of step.files) {
      records.push(...fileRecords(plan.files.get(file)?.content));
    }
  }
  return records;
}

export interface CriterionFieldRule {
  readonly object: string;
  readonly field: string;
  /** The field holds several ids separated by `;` (e.g. `Answer_Library_Entry__c.Criteria__c`). */
  readonly list: boolean;
}

export interface CheckOptions {
  /** Records per file; one sObject Tree request takes 200. */
  readonly maxRecordsPerFile?: number;
  /** Criterion ids that custom metadata ships, and the text fields that must name them (enforced in Apex). */
  readonly criteria?: { readonly ids: ReadonlySet<string>; readonly fields: readonly CriterionFieldRule[] };
}

/** The shape the CLI recognises as a reference (`^@\w+Ref\d+$` in plugin-data). */
const REFERENCE_ID = /^\w+Ref\d+$/;
const REFERENCE_VALUE = /^@(\w+Ref\d+)$/;
const PLAN_KEYS = new Set(['sobject', 'saveRefs', 'resolveRefs', 'files']);

interface PlanStep {
  readonly sobject: string;
  readonly files: readonly string[];
}

interface SavedRecord {
  readonly type: string;
  readonly file: string;
}

/**
 * Every problem in the plan and its record files: shape and order of the plan, record counts, reference ids,
 * field names, writability, required fields, picklist values, value formats, lengths, references and external
 * ids. An empty list means the CLI and the org's field definitions will accept every record.
 */
export function checkPlan(plan: DataPlan, schema: Schema, options: CheckOptions = {}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const maxRecords = options.maxRecordsPerFile ?? 200;
  const steps = checkPlanShape(plan, schema, problems);
  const saved = new Map<string, SavedRecord>();
  const externalIds = new Map<string, { file: string; referenceId: string }>();
  const seenFiles = new Set<string>();

  for (const step of steps) {
    const object = schema.get(step.sobject.toLowerCase());
    for (const file of step.files) {
      if (seenFiles.has(file)) {
        problems.push({ file: plan.planFile, message: `${file} is listed more than once` });
        continue;
      }
      seenFiles.add(file);
      const loaded = plan.files.get(file);
      if (!loaded || loaded.error !== undefined) {
        problems.push({ file, message: loaded?.error ?? 'listed in the plan but was not read' });
        continue;
      }
      if (!isObject(loaded.content) || !Array.isArray(loaded.content.records)) {
        problems.push({ file, message: 'must be an object with a "records" array (sObject tree format)' });
        continue;
      }
      const records = loaded.content.records as unknown[];
      if (records.length === 0) {
        problems.push({ file, message: 'has no records' });
      }
      if (records.length > maxRecords) {
        problems.push({
          file,
          message: `has ${records.length} records; keep at most ${maxRecords} per file (one sObject Tree request)`
        });
      }
      const inFile: Array<[string, SavedRecord]> = [];
      records.forEach((record, index) => {
        const referenceId = checkRecord(record, index, file, step.sobject, object, saved, problems, options);
        if (referenceId) {
          if (saved.has(referenceId) || inFile.some(([id]) => id === referenceId)) {
            problems.push({
              file,
              referenceId,
              message: `referenceId ${referenceId} is used by more than one record`
            });
          } else {
            inFile.push([referenceId, { type: step.sobject, file }]);
          }
          if (object && isObject(record)) {
            checkExternalIds(record, object, file, referenceId, externalIds, problems);
          }
        }
      });
      // Records of a file are saved together: later files may reference them.
      for (const [id, savedRecord] of inFile) saved.set(id, savedRecord);
    }
  }
  return problems;
}

function checkPlanShape(plan: DataPlan, schema: Schema, problems: PlanProblem[]): PlanStep[] {
  if (!Array.isArray(plan.plan)) {
    problems.push({
      file: plan.planFile,
      message: 'a plan must be a JSON array of { sobject, files } steps'
    });
    return [];
  }
  const steps: PlanStep[] = [];
  (plan.plan as unknown[]).forEach((step, index) => {
    const where = `step ${index + 1}`;
    if (!isObject(step)) {
      problems.push({ file: plan.planFile, message: `${where} is not an object` });
      return;
    }
    for (const key of Object.keys(step)) {
      if (!PLAN_KEYS.has(key)) {
        problems.push({ file: plan.planFile, message: `${where} has unknown property "${key}"` });
      }
    }
    for (const key of ['saveRefs', 'resolveRefs']) {
      if (key in step && typeof step[key] !== 'boolean') {
        problems.push({ file: plan.planFile, message: `${where}: ${key} must be true or false` });
      }
    }
    if (typeof step.sobject !== 'string' || step.sobject === '') {
      problems.push({ file: plan.planFile, message: `${where} has no sobject` });
      return;
    }
    const object = schema.get(step.sobject.toLowerCase());
    if (!object) {
      problems.push({ file: plan.planFile, message: `${where}: unknown sobject ${step.sobject}` });
    } else if (object.name !== step.sobject) {
      problems.push({
        file: plan.planFile,
        message: `${where}: sobject ${step.sobject} is spelled ${object.name}`
      });
    }
    const files = Array.isArray(step.files) ? (step.files as unknown[]) : undefined;
    if (!files || files.length === 0 || files.some((file) => typeof file !== 'string')) {
      problems.push({
        file: plan.planFile,
        message: `${where} (${step.sobject}) needs a non-empty "files" list of paths`
      });
    }
    steps.push({
      sobject: step.sobject,
      files: (files ?? []).filter((file): file is string => typeof file === 'string')
    });
  });
  return steps;
}

/** Checks one record; returns its referenceId when it has a usable one. */
function checkRecord(
  record: unknown,
  index: number,
  file: string,
  sobject: string,
  object: ObjectSpec | undefined,
  saved: ReadonlyMap<string, SavedRecord>,
  problems: PlanProblem[],
  options: CheckOptions
): string | undefined {
  if (!isObject(record) || !isObject(record.attributes)) {
    problems.push({ file, message: `record ${index + 1} has no "attributes" object` });
    return undefined;
  }
  const { type, referenceId: rawReferenceId } = record.attributes;
  const referenceId =
    typeof rawReferenceId === 'string' && rawReferenceId !== '' ? rawReferenceId : undefined;
  const at = referenceId ?? `record ${index + 1}`;
  if (!referenceId) {
    problems.push({ file, message: `${at} has no attributes.referenceId` });
  } else if (!REFERENCE_ID.test(referenceId)) {
    problems.push({
      file,
      referenceId,
      message: `referenceId ${referenceId} must look like <Name>Ref<number> (e.g. AccountRef1): the CLI resolves no other shape`
    });
  }
  if (type !== sobject) {
    problems.push({
      file,
      referenceId,
      message: `attributes.type is ${JSON.stringify(type)} but the plan loads this file as ${sobject}`
    });
  }
  if (!object) {
    return referenceId;
  }

  for (const [name, value] of Object.entries(record)) {
    if (name === 'attributes') continue;
    const field = object.fields.get(name.toLowerCase());
    if (!field) {
      problems.push({ file, referenceId, field: name, message: `${object.name} has no field ${name}` });
      continue;
    }
    if (field.name !== name) {
      problems.push({ file, referenceId, field: name, message: `field ${name} is spelled ${field.name}` });
    }
    if (field.readOnly) {
      problems.push({
        file,
        referenceId,
        field: name,
        message: `${field.name} is a ${field.type} field and cannot be written`
      });
      continue;
    }
    const message = valueProblem(field, value, saved);
    if (message) {
      problems.push({ file, referenceId, field: field.name, message });
    }
  }

  for (const field of object.fields.values()) {
    if (!field.required || field.readOnly) continue;
    const value = Object.entries(record).find(
      ([name]) => name.toLowerCase() === field.name.toLowerCase()
    )?.[1];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      problems.push({
        file,
        referenceId,
        field: field.name,
        message: `required field ${field.name} is not set`
      });
    }
  }

  for (const rule of options.criteria?.fields ?? []) {
    if (rule.object.toLowerCase() !== object.name.toLowerCase()) continue;
    const value = record[rule.field];
    if (typeof value !== 'string') continue;
    const ids = rule.list ? value.split(';') : [value];
    for (const id of ids) {
      if (!options.criteria?.ids.has(id)) {
        problems.push({
          file,
          referenceId,
          field: rule.field,
          message: `${JSON.stringify(id)} is not a Trust Services Criterion id (written like CC6.1, ids separated by ";")`
        });
      }
    }
  }
  return referenceId;
}

/** Why `value` cannot be stored in `field`, or undefined when it can. */
function valueProblem(
  field: FieldSpec,
  value: unknown,
  saved: ReadonlyMap<string, SavedRecord>
): string | undefined {
  if (value === null) {
    return 'null: leave the field out instead';
  }
  if (REFERENCE_TYPES.has(field.type)) {
    return referenceProblem(field, value, saved);
  }
  if (typeof value === 'string' && REFERENCE_VALUE.test(value)) {
    return `${value} looks like a record reference, but ${field.name} is a ${field.type} field`;
  }
  switch (field.type) {
    case 'Checkbox':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${JSON.stringify(value)}`;
    case 'Number':
    case 'Currency':
    case 'Percent':
      return numberProblem(field, value);
    case 'Date':
      return typeof value === 'string' && isDate(value)
        ? undefined
        : `must be a date YYYY-MM-DD, not ${JSON.stringify(value)}`;
    case 'DateTime':
      return typeof value === 'string' && isDateTime(value)
        ? undefined
        : `must be an ISO 8601 date-time with a time zone (2026-11-09T15:00:00.000Z), not ${JSON.stringify(value)}`;
    case 'Picklist':
      return picklistProblem(field, value, false);
    case 'MultiselectPicklist':
      return picklistProblem(field, value, true);
    case 'Email':
      return (
        textProblem(field, value) ??
        (isEmail(value as string) ? undefined : `${JSON.stringify(value)} is not an email address`)
      );
    case 'Url':
      return (
        textProblem(field, value) ??
        (isUrl(value as string) ? undefined : `${JSON.stringify(value)} is not an http(s) URL`)
      );
    default:
      return textProblem(field, value);
  }
}

function referenceProblem(
  field: FieldSpec,
  value: unknown,
  saved: ReadonlyMap<string, SavedRecord>
): string | undefined {
  const match = typeof value === 'string' ? REFERENCE_VALUE.exec(value) : null;
  if (!match) {
    return `must be a reference to a record in the plan (@<referenceId>); record ids differ between orgs, not ${JSON.stringify(value)}`;
  }
  const target = saved.get(match[1] ?? '');
  if (!target) {
    return `${String(value)} does not resolve to a record saved earlier in the plan`;
  }
  const allowed = field.referenceTo ?? [];
  if (allowed.length > 0 && !allowed.some((name) => name.toLowerCase() === target.type.toLowerCase())) {
    return `${String(value)} is a ${target.type} record (${target.file}), but ${field.name} refers to ${allowed.join(', ')}`;
  }
  return undefined;
}

function numberProblem(field: FieldSpec, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `must be a number, not ${JSON.stringify(value)}`;
  }
  if (field.precision === undefined) {
    return undefined;
  }
  const scale = field.scale ?? 0;
  const [whole = '', fraction = ''] = Math.abs(value).toString().split('.');
  if (/e/i.test(whole)) {
    return `${value} is out of range for number(${field.precision},${scale})`;
  }
  if (fraction.length > scale) {
    return `${value} has ${fraction.length} decimal places; number(${field.precision},${scale}) allows ${scale}`;
  }
  const digits = whole.replace(/^0+/, '').length;
  if (digits > field.precision - scale) {
    return `${value} has ${digits} digits before the decimal point; number(${field.precision},${scale}) allows ${field.precision - scale}`;
  }
  return undefined;
}

function picklistProblem(field: FieldSpec, value: unknown, multiple: boolean): string | undefined {
  if (typeof value !== 'string') {
    return `must be a string${multiple ? ' of values separated by ";"' : ''}, not ${JSON.stringify(value)}`;
  }
  const allowed = field.values;
  if (!allowed) {
    return `${field.name} has no value set to check against`;
  }
  const chosen = multiple ? value.split(';') : [value];
  const wrong = chosen.filter((choice) => !allowed.includes(choice));
  if (wrong.length > 0) {
    const source = field.valueSetName
      ? `global value set ${field.valueSetName}`
      : `${field.name}'s value set`;
    return `${wrong.map((choice) => JSON.stringify(choice)).join(', ')} not in ${source} (${allowed.join(', ')})`;
  }
  if (new Set(chosen).size !== chosen.length) {
    return `${JSON.stringify(value)} repeats a value`;
  }
  return undefined;
}

function textProblem(field: FieldSpec, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return `must be a string, not ${JSON.stringify(value)}`;
  }
  if (field.length !== undefined && value.length > field.length) {
    return `is ${value.length} characters long; ${field.name} holds ${field.length}`;
  }
  return undefined;
}

function checkExternalIds(
  record: Record<string, unknown>,
  object: ObjectSpec,
  file: string,
  referenceId: string,
  seen: Map<string, { file: string; referenceId: string }>,
  problems: PlanProblem[]
): void {
  for (const field of object.fields.values()) {
    if (!field.externalId) continue;
    const value = record[field.name];
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({
        file,
        referenceId,
        field: field.name,
        message: `external id ${field.name} is not set: records loaded from files carry their key so loads can upsert`
      });
      continue;
    }
    const key = `${object.name.toLowerCase()}.${field.name.toLowerCase()}:${field.caseSensitive ? value : value.toLowerCase()}`;
    const first = seen.get(key);
    if (first) {
      problems.push({
        file,
        referenceId,
        field: field.name,
        message: `external id ${JSON.stringify(value)} is already used by ${first.referenceId} (${first.file})`
      });
    } else {
      seen.set(key, { file, referenceId });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Value formats

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An ISO 8601 date-time with seconds optional, milliseconds optional and an explicit zone. */
export function isDateTime(value: string): boolean {
  const match =
    /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  return match !== null && isDate(match[1] ?? '') && !Number.isNaN(Date.parse(value));
}

export function isEmail(value: string): boolean {
  return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(
    value
  );
}

export function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function planSteps(plan: unknown): PlanStep[] {
  if (!Array.isArray(plan)) return [];
  return (plan as unknown[]).flatMap((step) =>
    isObject(step) && typeof step.sobject === 'string' && Array.isArray(step.files)
      ? [
          {
            sobject: step.sobject,
            files: (step.files as unknown[]).filter((file): file is string => typeof file === 'string')
          }
        ]
      : []
  );
}

function fileRecords(content: unknown): DataRecord[] {
  if (!isObject(content) || !Array.isArray(content.records)) return [];
  return (content.records as unknown[]).filter(
    (record): record is DataRecord =>
      isObject(record) &&
      isObject(record.attributes) &&
      typeof record.attributes.type === 'string' &&
      typeof record.attributes.referenceId === 'string'
  );
}

/** `file [referenceId] field: message`, one line per problem. */
export function formatProblem(problem: PlanProblem): string {
  const where = [problem.referenceId, problem.field].filter(Boolean).join(' ');
  return `${problem.file}${where ? ` [${where}]` : ''}: ${problem.message}`;
}
