/**
 * Record reads and writes with the org's order of execution, as far as the package relies on it:
 *
 * 1. the values are checked against the field metadata (unknown or read-only fields, types, text lengths,
 *    restricted picklists, references to records of the right object that exist);
 * 2. system fields and defaults are filled in (id, owner, created/modified, auto numbers, picklist and
 *    field defaults, compound names, an opportunity's closed/won flags);
 * 3. before triggers run (the TypeScript stand-ins for the package's Apex trigger handlers, preview/apex/triggers);
 * 4. required fields, then the package's validation rules are checked, then unique fields;
 * 5. formula fields are computed and the row is written;
 * 6. after triggers run; a failure anywhere rolls the whole save back.
 *
 * Every problem is collected and reported together, shaped by errors.ts. Writes are synchronous SQLite
 * transactions on one connection, so concurrent requests are serialised and none is lost.
 */
import type Database from 'better-sqlite3';
import type { PackageMetadata, PreviewField, PreviewObject } from './metadata';
import { markSeeded, nextSequence, quote, viewName, type SqliteDatabase } from './database';
import { keyPrefixOf, makeId, normalizeId } from './ids';
import { ApiError, RecordSaveError, type SaveProblem } from './errors';
import {
  evaluateFormula,
  fieldPaths,
  FormulaError,
  fromFormulaValue,
  parseFormula,
  toFormulaValue,
  type FormulaNode,
  type FormulaValue
} from './formula';
import { countRows, selectRows, type QuerySpec } from './query';
import { todayIn } from './clock';
import { asText } from '../shared/text';
import { holdsCustomPermission } from './access';

/** Field values of one record by API name, as components see them (booleans, numbers, ISO strings). */
export type RecordValues = Record<string, unknown>;

export interface TriggerRecord {
  /** The record as it will be saved; before triggers may change it. */
  readonly values: RecordValues;
  /** The record before this save (update and delete). */
  readonly old?: Readonly<RecordValues>;
  /** Rejects this record, on a field or as a whole, like `addError` in Apex. */
  addError(message: string, field?: string): void;
}

export interface TriggerContext {
  readonly store: RecordStore;
  readonly userId: string;
  readonly now: Date;
  /** A field's label, as `Schema.SObjectField.getDescribe().getLabel()` gives it. */
  labelOf(object: string, field: string): string;
}

type TriggerEvent = (records: TriggerRecord[], context: TriggerContext) => void;

/** A TypeScript stand-in for one Apex trigger handler; every method is optional. */
export interface TriggerHandler {
  readonly object: string;
  /** The Apex class whose behaviour this re-implements. */
  readonly apexClass: string;
  readonly beforeInsert?: TriggerEvent;
  readonly beforeUpdate?: TriggerEvent;
  readonly beforeDelete?: TriggerEvent;
  readonly afterInsert?: TriggerEvent;
  readonly afterUpdate?: TriggerEvent;
  readonly afterDelete?: TriggerEvent;
}

export interface SaveOptions {
  /** `If-Unmodified-Since`: reject the update when the record changed after this time. */
  readonly ifUnmodifiedSince?: string;
}

interface CompiledRule {
  readonly name: string;
  readonly node: FormulaNode;
  readonly message: string;
  readonly displayField?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const INSERT_UPDATE_MESSAGE =
  'Please check the security settings of this field and verify that it is read/write for your profile or permission set.';

export class RecordStore {
  readonly db: SqliteDatabase;
  readonly metadata: PackageMetadata;
  userId = '';
  /** The clock; tests and the seeding of historical data may replace it. */
  now: () => Date = () => new Date();
  /** Problems found while compiling validation rules and formulas, reported at start. */
  readonly warnings: string[] = [];
  private readonly triggers = new Map<string, TriggerHandler[]>();
  private readonly rules = new Map<string, CompiledRule[]>();
  private readonly formulas = new Map<string, { field: PreviewField; node: FormulaNode }[]>();
  private readonly byPrefix = new Map<string, PreviewObject>();
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(db: SqliteDatabase, metadata: PackageMetadata, triggers: readonly TriggerHandler[] = []) {
    this.db = db;
    this.metadata = metadata;
    for (const object of metadata.objects.values()) {
      this.byPrefix.set(object.keyPrefix, object);
      const compiled: CompiledRule[] = [];
      for (const rule of object.validationRules) {
        try {
          const node = parseFormula(rule.formula);
          this.checkPaths(object, node, `validation rule ${object.apiName}.${rule.name}`);
          compiled.push({ name: rule.name, node, message: rule.message, displayField: rule.displayField });
        } catch (error) {
          this.warnings.push(
            `validation rule ${object.apiName}.${rule.name} is not enforced: ${String(error)}`
          );
        }
      }
      this.rules.set(object.apiName, compiled);
      const formulas: { field: PreviewField; node: FormulaNode }[] = [];
      for (const field of object.fields) {
        if (!field.formula) continue;
        try {
          const node = parseFormula(field.formula);
          this.checkPaths(object, node, `formula field ${object.apiName}.${field.apiName}`);
          formulas.push({ field, node });
        } catch (error) {
          this.warnings.push(
            `formula field ${object.apiName}.${field.apiName} is left blank: ${String(error)}`
          );
        }
      }
      this.formulas.set(object.apiName, formulas);
    }
    for (const handler of triggers) {
      const object = metadata.object(handler.object);
      if (!object) {
        this.warnings.push(`trigger stand-in ${handler.apexClass} names unknown object ${handler.object}`);
        continue;
      }
      this.triggers.set(object.apiName, [...(this.triggers.get(object.apiName) ?? []), handler]);
    }
  }

  private checkPaths(object: PreviewObject, node: FormulaNode, what: string): void {
    for (const path of fieldPaths(node)) {
      if ((path[0] ?? '').startsWith('$')) continue;
      if (!this.resolvePath(object, path))
        throw new FormulaError(`${what} reads unknown field ${path.join('.')}`);
    }
  }

  private resolvePath(object: PreviewObject, path: readonly string[]): PreviewField | undefined {
    let current: PreviewObject | undefined = object;
    for (let index = 0; index < path.length - 1 && current; index++) {
      const name = (path[index] ?? '').toLowerCase();
      const reference: PreviewField | undefined = current.fields.find(
        (field) => field.reference?.relationshipName?.toLowerCase() === name
      );
      current = reference?.reference ? this.metadata.object(reference.reference.targets[0] ?? '') : undefined;
    }
    return current?.fieldsByName.get((path[path.length - 1] ?? '').toLowerCase());
  }

  // -------------------------------------------------------------------------------------------------------
  // Reading

  /** The object a record id belongs to, from its key prefix. */
  objectOfId(id: string): PreviewObject | undefined {
    return this.byPrefix.get(keyPrefixOf(id));
  }

  private prepared(sql: string): Database.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Converts a row of an object's view to record values: checkboxes to booleans, the rest as stored. */
  decode(object: PreviewObject, row: Record<string, unknown>): RecordValues {
    const values: RecordValues = {};
    for (const field of object.fields) {
      if (!(field.apiName in row)) continue;
      const value = row[field.apiName];
      values[field.apiName] = field.dataType === 'Boolean' ? value === 1 || value === true : (value ?? null);
    }
    return values;
  }

  /** A record by id (15 or 18 characters), or undefined. */
  get(id: string): { object: PreviewObject; values: RecordValues } | undefined {
    const normalized = normalizeId(id);
    const object = normalized ? this.objectOfId(normalized) : undefined;
    if (!normalized || !object) return undefined;
    const row = this.prepared(`SELECT * FROM ${quote(viewName(object))} WHERE "Id" = ?`).get(normalized) as
      Record<string, unknown> | undefined;
    return row ? { object, values: this.decode(object, row) } : undefined;
  }

  /** The record's name, as the UI shows it in lookups. */
  nameOf(id: string): string | null {
    const record = this.get(id);
    if (!record) return null;
    const name = record.values.Name;
    return typeof name === 'string' ? name : null;
  }

  query(spec: QuerySpec): RecordValues[] {
    const object = this.metadata.object(spec.object);
    if (!object) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${spec.object}' is not supported.`);
    return selectRows(this.db, this.metadata, spec, this.now()).map((row) => this.decode(object, row));
  }

  count(spec: QuerySpec): number {
    return countRows(this.db, this.metadata, spec, this.now());
  }

  labelOf(objectName: string, fieldName: string): string {
    return this.metadata.object(objectName)?.fieldsByName.get(fieldName.toLowerCase())?.label ?? fieldName;
  }

  // -------------------------------------------------------------------------------------------------------
  // Writing

  create(objectName: string, input: RecordValues): RecordValues {
    const object = this.writableObject(objectName, 'insert');
    return this.transaction(() => this.save('insert', object, [{ input }])[0] as RecordValues);
  }

  /** Inserts several records of one object in one transaction, all or none. */
  createMany(objectName: string, inputs: readonly RecordValues[]): RecordValues[] {
    const object = this.writableObject(objectName, 'insert');
    return this.transaction(() =>
      this.save(
        'insert',
        object,
        inputs.map((input) => ({ input }))
      )
    );
  }

  update(id: string, input: RecordValues, options: SaveOptions = {}): RecordValues {
    const existing = this.requireRecord(id, 'update');
    const object = this.writableObject(existing.object.apiName, 'update');
    if (options.ifUnmodifiedSince) {
      const since = Date.parse(options.ifUnmodifiedSince);
      const modified = Date.parse(String(existing.values.LastModifiedDate));
      if (!Number.isNaN(since) && modified > since) {
        throw new ApiError(
          412,
          'PRECONDITION_FAILED',
          `The record was modified at ${String(existing.values.LastModifiedDate)}, after your copy: reload it and try again.`
        );
      }
    }
    return this.transaction(
      () => this.save('update', object, [{ input, existing: existing.values }])[0] as RecordValues
    );
  }

  delete(id: string): void {
    const existing = this.requireRecord(id, 'delete');
    const object = this.writableObject(existing.object.apiName, 'delete');
    this.transaction(() => this.remove(object, existing.values));
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private requireRecord(
    id: string,
    operation: 'update' | 'delete'
  ): { object: PreviewObject; values: RecordValues } {
    const normalized = normalizeId(id);
    if (!normalized) {
      throw new ApiError(400, 'MALFORMED_ID', `Invalid id: ${String(id)}`);
    }
    const record = this.get(normalized);
    if (!record) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `The requested resource does not exist (${operation} ${normalized}).`
      );
    }
    return record;
  }

  private writableObject(name: string, operation: 'insert' | 'update' | 'delete'): PreviewObject {
    const object = this.metadata.object(name);
    if (!object) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
    if (object.customMetadata) {
      throw new ApiError(
        400,
        'INVALID_TYPE_FOR_OPERATION',
        `entity type ${object.apiName} does not support ${operation}: custom metadata records deploy with the package`
      );
    }
    return object;
  }

  private context(): TriggerContext {
    return {
      store: this,
      userId: this.userId,
      now: this.now(),
      labelOf: (object, field) => this.labelOf(object, field)
    };
  }

  private save(
    operation: 'insert' | 'update',
    object: PreviewObject,
    items: readonly { input: RecordValues; existing?: RecordValues }[]
  ): RecordValues[] {
    const now = this.now();
    const stamp = now.toISOString();
    const work = items.map((item) => {
      const problems: SaveProblem[] = [];
      const changes = this.coerce(object, item.input, operation, problems);
      const values: RecordValues =
        operation === 'insert' ? { ...this.defaults(object), ...changes } : { ...item.existing, ...changes };
      if (operation === 'insert') {
        values.Id = makeId(object.keyPrefix, nextSequence(this.db, object.apiName));
        if (object.fieldsByName.has('ownerid') && !values.OwnerId) values.OwnerId = this.userId;
        if (object.fieldsByName.has('createdbyid')) values.CreatedById = this.userId;
        if (object.fieldsByName.has('createddate')) values.CreatedDate = stamp;
      }
      if (object.fieldsByName.has('lastmodifiedbyid')) values.LastModifiedById = this.userId;
      if (object.fieldsByName.has('lastmodifieddate')) values.LastModifiedDate = stamp;
      if (object.fieldsByName.has('systemmodstamp')) values.SystemModstamp = stamp;
      this.derive(object, values);
      return { values, old: item.existing, problems };
    });

    const context = this.context();
    const triggerRecords = work.map((entry) => this.triggerRecord(entry.values, entry.old, entry.problems));
    const handlers = this.triggers.get(object.apiName) ?? [];
    const open = (): TriggerRecord[] =>
      triggerRecords.filter((_, index) => work[index]?.problems.length === 0);
    for (const handler of handlers) {
      const event = operation === 'insert' ? handler.beforeInsert : handler.beforeUpdate;
      if (event && open().length > 0) event(open(), context);
    }
    for (const entry of work) {
      if (entry.problems.length > 0) continue;
      this.derive(object, entry.values);
      this.checkRequired(object, entry.values, entry.problems);
      if (entry.problems.length === 0) this.checkRules(object, entry.values, entry.old, entry.problems, now);
      if (entry.problems.length === 0) this.computeFormulas(object, entry.values, now);
      if (entry.problems.length === 0) this.checkUnique(object, entry.values, entry.problems);
    }
    const failed = work.filter((entry) => entry.problems.length > 0);
    if (failed.length > 0) {
      throw new RecordSaveError(
        operation,
        failed.flatMap((entry) => entry.problems)
      );
    }

    for (const entry of work) {
      if (operation === 'insert') {
        for (const field of object.fields) {
          if (field.autoNumberFormat && !entry.values[field.apiName]) {
            entry.values[field.apiName] = formatAutoNumber(
              field.autoNumberFormat,
              nextSequence(this.db, `${object.apiName}.${field.apiName}`),
              now
            );
          }
        }
      }
      this.write(operation, object, entry.values);
    }
    for (const handler of handlers) {
      const event = operation === 'insert' ? handler.afterInsert : handler.afterUpdate;
      if (event) event(triggerRecords, context);
    }
    const afterProblems = work.flatMap((entry) => entry.problems);
    if (afterProblems.length > 0) throw new RecordSaveError(operation, afterProblems);
    return work.map((entry) => this.get(String(entry.values.Id))?.values ?? entry.values);
  }

  private triggerRecord(
    values: RecordValues,
    old: RecordValues | undefined,
    problems: SaveProblem[]
  ): TriggerRecord {
    return {
      values,
      old,
      addError: (message: string, field?: string) => {
        problems.push({
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message,
          fields: field ? [field] : []
        });
      }
    };
  }

  private remove(object: PreviewObject, values: RecordValues): void {
    const problems: SaveProblem[] = [];
    const record = this.triggerRecord({ ...values }, values, problems);
    const handlers = this.triggers.get(object.apiName) ?? [];
    for (const handler of handlers) handler.beforeDelete?.([record], this.context());
    if (problems.length === 0) this.checkRestrictedChildren(object, String(values.Id), problems);
    if (problems.length > 0) throw new RecordSaveError('delete', problems);
    this.cascadeDelete(object, String(values.Id));
    this.prepared(`DELETE FROM ${quote(object.apiName)} WHERE "Id" = ?`).run(values.Id);
    for (const handler of handlers) handler.afterDelete?.([record], this.context());
    if (problems.length > 0) throw new RecordSaveError('delete', problems);
  }

  /** Master-detail children go with their parent, through their own delete triggers. */
  private cascadeDelete(object: PreviewObject, id: string): void {
    for (const relationship of object.childRelationships) {
      const child = this.metadata.object(relationship.childObject);
      const field = child?.fieldsByName.get(relationship.field.toLowerCase());
      if (!child || !field?.reference?.masterDetail || !this.triggers.has(child.apiName)) continue;
      for (const row of this.query({
        object: child.apiName,
        where: { path: [field.apiName], op: 'eq', value: id }
      })) {
        this.remove(child, row);
      }
    }
  }

  private checkRestrictedChildren(object: PreviewObject, id: string, problems: SaveProblem[]): void {
    const blocking: string[] = [];
    for (const relationship of object.childRelationships) {
      const child = this.metadata.object(relationship.childObject);
      const field = child?.fieldsByName.get(relationship.field.toLowerCase());
      if (!child || field?.reference?.deleteConstraint !== 'Restrict') continue;
      const count = this.count({
        object: child.apiName,
        where: { path: [field.apiName], op: 'eq', value: id }
      });
      if (count > 0) blocking.push(`${child.label} (${count})`);
    }
    if (blocking.length > 0) {
      problems.push({
        errorCode: 'DELETE_FAILED',
        message: `Your attempt to delete ${String(this.nameOf(id) ?? id)} could not be completed because it is associated with the following ${blocking.join(', ')}.`,
        fields: []
      });
    }
  }

  private defaults(object: PreviewObject): RecordValues {
    const values: RecordValues = {};
    for (const field of object.fields) {
      if (field.defaultValue !== undefined) values[field.apiName] = field.defaultValue;
      else if (field.dataType === 'Boolean') values[field.apiName] = false;
    }
    return values;
  }

  /** Values computed from others on every save: compound names, opportunity stage flags. */
  private derive(object: PreviewObject, values: RecordValues): void {
    if (object.nameFrom) {
      values.Name = object.nameFrom
        .map((field) => values[field])
        .filter((part) => typeof part === 'string' && part !== '')
        .join(' ');
    }
    if (object.stages && typeof values.StageName === 'string') {
      values.IsClosed = object.stages.closed.includes(values.StageName);
      values.IsWon = object.stages.won.includes(values.StageName);
    }
  }

  /** Checks and converts the values a caller gave; unknown and read-only fields are problems. */
  private coerce(
    object: PreviewObject,
    input: RecordValues,
    operation: 'insert' | 'update',
    problems: SaveProblem[]
  ): RecordValues {
    const changes: RecordValues = {};
    const readOnly: string[] = [];
    for (const [name, raw] of Object.entries(input)) {
      const field = object.fieldsByName.get(name.toLowerCase());
      if (!field) {
        problems.push({
          errorCode: 'INVALID_FIELD',
          message: `No such column '${name}' on sobject of type ${object.apiName}`,
          fields: []
        });
        continue;
      }
      if (field.apiName === 'Id') {
        if (operation === 'update') continue;
        readOnly.push(field.apiName);
        continue;
      }
      if (operation === 'insert' ? !field.createable : !field.updateable) {
        readOnly.push(field.apiName);
        continue;
      }
      const value = this.coerceValue(object, field, raw, problems);
      if (value !== undefined) changes[field.apiName] = value;
    }
    if (readOnly.length > 0) {
      problems.push({
        errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${readOnly.join(', ')}. ${INSERT_UPDATE_MESSAGE}`,
        fields: readOnly
      });
    }
    return changes;
  }

  private coerceValue(
    object: PreviewObject,
    field: PreviewField,
    raw: unknown,
    problems: SaveProblem[]
  ): unknown {
    const label = field.label;
    const wrongType = (): undefined => {
      problems.push({
        errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
        message: `${label}: value not of required type: ${String(raw)}`,
        fields: [field.apiName]
      });
      return undefined;
    };
    if (raw === null || raw === undefined || (raw === '' && field.dataType !== 'Boolean')) {
      return null;
    }
    switch (field.dataType) {
      case 'Boolean':
        if (raw === true || raw === 'true' || raw === 1) return true;
        if (raw === false || raw === 'false' || raw === 0 || raw === '') return false;
        return wrongType();
      case 'Int':
      case 'Double':
      case 'Currency':
      case 'Percent': {
        const number =
          typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
        if (!Number.isFinite(number)) return wrongType();
        const scale = field.scale ?? (field.dataType === 'Int' ? 0 : 2);
        const precision = field.precision ?? 18;
        const rounded = Number(number.toFixed(Math.max(0, scale)));
        if (Math.abs(Math.trunc(rounded)) >= 10 ** Math.max(precision - scale, 0)) {
          problems.push({
            errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
            message: `${label}: value outside of valid range on numeric field: ${number}`,
            fields: [field.apiName]
          });
          return undefined;
        }
        return field.dataType === 'Int' ? Math.trunc(rounded) : rounded;
      }
      case 'Date': {
        if (typeof raw !== 'string') return wrongType();
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
        const date = match ? new Date(`${raw.trim()}T00:00:00Z`) : undefined;
        if (
          !match ||
          !date ||
          Number.isNaN(date.getTime()) ||
          date.toISOString().slice(0, 10) !== raw.trim()
        ) {
          return wrongType();
        }
        return raw.trim();
      }
      case 'DateTime': {
        if (typeof raw !== 'string') return wrongType();
        const ms = Date.parse(raw);
        if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) return wrongType();
        return new Date(ms).toISOString();
      }
      case 'Reference': {
        const id = normalizeId(raw);
        const target = id ? this.objectOfId(id) : undefined;
        const allowed = field.reference?.targets.map((name) => name.toLowerCase()) ?? [];
        if (!id || !target || !allowed.includes(target.apiName.toLowerCase())) {
          problems.push({
            errorCode: 'FIELD_INTEGRITY_EXCEPTION',
            message: `${label}: id value of incorrect type: ${asText(raw)}`,
            fields: [field.apiName]
          });
          return undefined;
        }
        if (!this.get(id)) {
          problems.push({
            errorCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: `${label}: invalid cross reference id`,
            fields: [field.apiName]
          });
          return undefined;
        }
        return id;
      }
      default:
        break;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') return wrongType();
    let text = String(raw);
    if (field.dataType === 'Picklist' && field.picklist?.restricted) {
      const entry = field.picklist.entries.find((candidate) => candidate.value === text);
      if (!entry) {
        problems.push({
          errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: `${label}: bad value for restricted picklist field: ${text}`,
          fields: [field.apiName]
        });
        return undefined;
      }
    }
    if (field.dataType === 'MultiPicklist') {
      const chosen = [
        ...new Set(
          text
            .split(';')
            .map((part) => part.trim())
            .filter(Boolean)
        )
      ];
      const entries = field.picklist?.entries ?? [];
      const unknown = field.picklist?.restricted
        ? chosen.filter((value) => !entries.some((entry) => entry.value === value))
        : [];
      if (unknown.length > 0) {
        problems.push({
          errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          message: `${label}: bad value for restricted picklist field: ${unknown.join(';')}`,
          fields: [field.apiName]
        });
        return undefined;
      }
      const order = (value: string): number => {
        const index = entries.findIndex((entry) => entry.value === value);
        return index < 0 ? entries.length : index;
      };
      text = chosen.sort((a, b) => order(a) - order(b)).join(';');
    }
    if (field.dataType === 'Email' && !EMAIL.test(text)) {
      problems.push({
        errorCode: 'INVALID_EMAIL_ADDRESS',
        message: `${label}: invalid email address: ${text}`,
        fields: [field.apiName]
      });
      return undefined;
    }
    if (field.length && text.length > field.length) {
      problems.push({
        errorCode: 'STRING_TOO_LONG',
        message: `${label}: data value too large: ${text.length > 60 ? `${text.slice(0, 60)}…` : text} (max length=${field.length})`,
        fields: [field.apiName]
      });
      return undefined;
    }
    return text;
  }

  private checkRequired(object: PreviewObject, values: RecordValues, problems: SaveProblem[]): void {
    const missing = object.fields
      .filter(
        (field) =>
          field.required &&
          !field.autoNumberFormat &&
          field.apiName !== 'Id' &&
          (values[field.apiName] === null ||
            values[field.apiName] === undefined ||
            values[field.apiName] === '')
      )
      .map((field) => field.apiName);
    if (missing.length > 0) {
      problems.push({
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: `Required fields are missing: [${missing.join(', ')}]`,
        fields: missing
      });
    }
  }

  private formulaContext(
    object: PreviewObject,
    values: RecordValues,
    old: RecordValues | undefined,
    now: Date
  ) {
    const read = (source: RecordValues, path: readonly string[]): FormulaValue => {
      const head = path[0] ?? '';
      if (head.startsWith('$')) return this.globalVariable(path);
      let currentObject = object;
      let current: RecordValues | undefined = source;
      for (let index = 0; index < path.length - 1; index++) {
        const name = (path[index] ?? '').toLowerCase();
        const reference = currentObject.fields.find(
          (field) => field.reference?.relationshipName?.toLowerCase() === name
        );
        const id: unknown = reference ? current?.[reference.apiName] : undefined;
        const parent: { object: PreviewObject; values: RecordValues } | undefined =
          typeof id === 'string' ? this.get(id) : undefined;
        if (!parent) return null;
        currentObject = parent.object;
        current = parent.values;
      }
      const field = currentObject.fieldsByName.get((path[path.length - 1] ?? '').toLowerCase());
      return field ? toFormulaValue(current?.[field.apiName], field.dataType) : null;
    };
    return {
      field: (path: readonly string[]) => read(values, path),
      prior: old ? (path: readonly string[]) => read(old, path) : undefined,
      isNew: old === undefined,
      now,
      today: todayIn(now)
    };
  }

  private globalVariable(path: readonly string[]): FormulaValue {
    const [head = '', name = ''] = path;
    if (head.toLowerCase() === '$user') {
      const user = this.get(this.userId)?.values;
      return name.toLowerCase() === 'id' ? this.userId : toFormulaValue(user?.[name], 'String');
    }
    if (head.toLowerCase() === '$permission') {
      return holdsCustomPermission(this.metadata.previewUserAccess, name);
    }
    if (head.toLowerCase() === '$label') return this.metadata.labels.get(name) ?? name;
    return null;
  }

  private checkRules(
    object: PreviewObject,
    values: RecordValues,
    old: RecordValues | undefined,
    problems: SaveProblem[],
    now: Date
  ): void {
    const context = this.formulaContext(object, values, old, now);
    for (const rule of this.rules.get(object.apiName) ?? []) {
      let fires = false;
      try {
        fires = evaluateFormula(rule.node, context) === true;
      } catch (error) {
        this.warnings.push(
          `validation rule ${object.apiName}.${rule.name} failed to evaluate: ${String(error)}`
        );
      }
      if (fires) {
        problems.push({
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: rule.message,
          fields: rule.displayField ? [rule.displayField] : []
        });
      }
    }
  }

  private computeFormulas(object: PreviewObject, values: RecordValues, now: Date): void {
    const context = this.formulaContext(object, values, undefined, now);
    for (const { field, node } of this.formulas.get(object.apiName) ?? []) {
      try {
        values[field.apiName] = fromFormulaValue(evaluateFormula(node, context), field.dataType);
      } catch {
        values[field.apiName] = null;
      }
    }
  }

  private checkUnique(object: PreviewObject, values: RecordValues, problems: SaveProblem[]): void {
    for (const field of object.fields) {
      const value = values[field.apiName];
      if (!field.unique || value === null || value === undefined || !field.stored) continue;
      const collate = field.caseSensitive ? '' : ' COLLATE NOCASE';
      const duplicate = this.prepared(
        `SELECT "Id" FROM ${quote(object.apiName)} WHERE ${quote(field.apiName)} = ?${collate} AND "Id" <> ?`
      ).get(value, values.Id) as { Id: string } | undefined;
      if (duplicate) {
        problems.push({
          errorCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${field.apiName} duplicates value on record with id: ${duplicate.Id}`,
          fields: [field.apiName]
        });
      }
    }
  }

  private write(operation: 'insert' | 'update', object: PreviewObject, values: RecordValues): void {
    const fields = object.fields.filter((field) => field.stored && field.apiName in values);
    const encoded = fields.map((field) => {
      const value = values[field.apiName];
      if (field.dataType === 'Boolean') return value === true ? 1 : 0;
      return value === undefined ? null : value;
    });
    if (operation === 'insert') {
      this.prepared(
        `INSERT INTO ${quote(object.apiName)} (${fields.map((field) => quote(field.apiName)).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`
      ).run(...encoded);
    } else {
      const assignments = fields.filter((field) => field.apiName !== 'Id');
      this.prepared(
        `UPDATE ${quote(object.apiName)} SET ${assignments.map((field) => `${quote(field.apiName)} = ?`).join(', ')} WHERE "Id" = ?`
      ).run(...encoded.filter((_, index) => fields[index]?.apiName !== 'Id'), values.Id);
    }
  }

  /** Writes rows the package ships as metadata (custom metadata records), without save logic. */
  insertShipped(object: PreviewObject, records: readonly RecordValues[]): void {
    for (const record of records) {
      const values: RecordValues = { ...record };
      values.Id = makeId(object.keyPrefix, nextSequence(this.db, object.apiName));
      values.Name = values.Name ?? values.DeveloperName;
      values.QualifiedApiName = values.QualifiedApiName ?? values.DeveloperName;
      const known = Object.fromEntries(
        Object.entries(values).filter(([name]) => object.fieldsByName.has(name.toLowerCase()))
      );
      this.write('insert', object, known);
    }
  }

  markSeeded(summary: string): void {
    markSeeded(this.db, summary);
  }
}

/** `CC-{00000}` with 42 → `CC-00042`; `{YYYY}`, `{MM}`, `{DD}` are the date of the save. */
export function formatAutoNumber(format: string, number: number, now: Date): string {
  return format
    .replace(/\{(0+)\}/, (_, zeros: string) => String(number).padStart(zeros.length, '0'))
    .replace(/\{YYYY\}/g, String(now.getUTCFullYear()))
    .replace(/\{YY\}/g, String(now.getUTCFullYear()).slice(2))
    .replace(/\{MM\}/g, String(now.getUTCMonth() + 1).padStart(2, '0'))
    .replace(/\{DD\}/g, String(now.getUTCDate()).padStart(2, '0'));
}
