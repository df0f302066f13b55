/**
 * One query engine for everything that reads records in the preview (GraphQL, related lists, list views, the
 * Apex stand-ins' SOQL): a small query description (filters on field paths, order, limit) compiled to SQL
 * over the per-object views. Relationship paths (`Account.Owner.Name`) become LEFT JOINs; semi-joins
 * (`Id IN (SELECT AccountId FROM Contact WHERE …)`) become sub-selects. Values are bound as parameters,
 * never spliced into SQL. Comparisons follow SOQL: text compares case-insensitively, `!=` and `NOT IN`
 * include blank values, date literals (TODAY, LAST_N_DAYS:30…) are ranges.
 */
import type { PackageMetadata, PreviewField, PreviewObject } from './metadata';
import { quote, viewName, type SqliteDatabase } from './database';
import { ApiError } from './errors';
import { todayIn } from './clock';
import { asText } from '../shared/text';

export type ComparisonOperator =
  'eq' | 'ne' | 'lt' | 'gt' | 'lte' | 'gte' | 'in' | 'nin' | 'like' | 'includes' | 'excludes';

/** A date literal: `{ literal: 'LAST_N_DAYS', n: 30 }`. */
export interface DateLiteral {
  readonly literal: string;
  readonly n?: number;
}

export type Condition =
  | { readonly and: readonly Condition[] }
  | { readonly or: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly path: readonly string[]; readonly op: ComparisonOperator; readonly value: unknown }
  | {
      readonly path: readonly string[];
      readonly op: 'inq' | 'ninq';
      readonly join: { readonly object: string; readonly field: string; readonly where?: Condition };
    };

export interface OrderTerm {
  readonly path: readonly string[];
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'FIRST' | 'LAST';
}

export interface QuerySpec {
  readonly object: string;
  readonly where?: Condition;
  readonly orderBy?: readonly OrderTerm[];
  readonly limit?: number;
  readonly offset?: number;
}

export type AggregateFunction = 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max';

export interface AggregateSpec extends QuerySpec {
  readonly groupBy: readonly (readonly string[])[];
  readonly aggregates: readonly {
    readonly fn: AggregateFunction;
    readonly path?: readonly string[];
    readonly alias: string;
  }[];
}

export interface ResolvedColumn {
  readonly sql: string;
  readonly field: PreviewField;
  readonly object: PreviewObject;
}

const TEXT_TYPES = new Set([
  'String',
  'TextArea',
  'Email',
  'Phone',
  'Url',
  'Picklist',
  'MultiPicklist',
  'EncryptedString'
]);
const MS_PER_DAY = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The [start, end) range of a date literal, as ISO dates, relative to today in the preview user's time zone. */
export function dateLiteralRange(literal: DateLiteral, now: Date): [string, string] {
  const today = Date.parse(`${todayIn(now)}T00:00:00Z`);
  const n = literal.n ?? 1;
  const date = new Date(today);
  const monthStart = (offset: number): number =>
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
  const yearStart = (offset: number): number => Date.UTC(date.getUTCFullYear() + offset, 0, 1);
  const weekStart = today - date.getUTCDay() * MS_PER_DAY;
  switch (literal.literal.toUpperCase()) {
    case 'TODAY':
      return [isoDay(today), isoDay(today + MS_PER_DAY)];
    case 'YESTERDAY':
      return [isoDay(today - MS_PER_DAY), isoDay(today)];
    case 'TOMORROW':
      return [isoDay(today + MS_PER_DAY), isoDay(today + 2 * MS_PER_DAY)];
    case 'LAST_N_DAYS':
      return [isoDay(today - n * MS_PER_DAY), isoDay(today + MS_PER_DAY)];
    case 'NEXT_N_DAYS':
      return [isoDay(today), isoDay(today + (n + 1) * MS_PER_DAY)];
    case 'THIS_WEEK':
      return [isoDay(weekStart), isoDay(weekStart + 7 * MS_PER_DAY)];
    case 'LAST_WEEK':
      return [isoDay(weekStart - 7 * MS_PER_DAY), isoDay(weekStart)];
    case 'NEXT_WEEK':
      return [isoDay(weekStart + 7 * MS_PER_DAY), isoDay(weekStart + 14 * MS_PER_DAY)];
    case 'THIS_MONTH':
      return [isoDay(monthStart(0)), isoDay(monthStart(1))];
    case 'LAST_MONTH':
      return [isoDay(monthStart(-1)), isoDay(monthStart(0))];
    case 'NEXT_MONTH':
      return [isoDay(monthStart(1)), isoDay(monthStart(2))];
    case 'THIS_YEAR':
      return [isoDay(yearStart(0)), isoDay(yearStart(1))];
    case 'LAST_YEAR':
      return [isoDay(yearStart(-1)), isoDay(yearStart(0))];
    case 'NEXT_YEAR':
      return [isoDay(yearStart(1)), isoDay(yearStart(2))];
    default:
      throw new ApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `unsupported date literal ${literal.literal}`);
  }
}

function isDateLiteral(value: unknown): value is DateLiteral {
  return typeof value === 'object' && value !== null && typeof (value as DateLiteral).literal === 'string';
}

/** A value bound for a column of `field`'s type. */
export function bindValue(field: PreviewField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.dataType) {
    case 'Boolean':
      return value === true || value === 'true' || value === 1 ? 1 : 0;
    case 'Int':
    case 'Double':
    case 'Currency':
    case 'Percent': {
      const number = typeof value === 'number' ? value : Number(value);
      if (Number.isNaN(number)) {
        throw new ApiError(400, 'INVALID_FIELD', `${field.apiName}: "${asText(value)}" is not a number`);
      }
      return number;
    }
    case 'DateTime': {
      const ms = Date.parse(asText(value));
      if (Number.isNaN(ms))
        throw new ApiError(400, 'INVALID_FIELD', `${field.apiName}: "${asText(value)}" is not a date/time`);
      return new Date(ms).toISOString();
    }
    default:
      return typeof value === 'string' ? value : asText(value);
  }
}

export class QueryCompiler {
  readonly params: unknown[] = [];
  private readonly joins: string[] = [];
  private readonly joinAliases = new Map<string, string>();
  private readonly metadata: PackageMetadata;
  private readonly now: Date;
  private readonly prefix: string;
  private counter = 0;
  readonly root: PreviewObject;

  constructor(metadata: PackageMetadata, objectName: string, now: Date, prefix = 't') {
    const object = metadata.object(objectName);
    if (!object) throw new ApiError(400, 'INVALID_TYPE', `sObject type '${objectName}' is not supported.`);
    this.metadata = metadata;
    this.root = object;
    this.now = now;
    this.prefix = prefix;
  }

  get fromSql(): string {
    return `${quote(viewName(this.root))} ${this.prefix}${this.joins.length > 0 ? ` ${this.joins.join(' ')}` : ''}`;
  }

  /** The SQL of a field path, joining the parents it goes through. */
  column(path: readonly string[]): ResolvedColumn {
    let object = this.root;
    let alias = this.prefix;
    let key = '';
    for (let index = 0; index < path.length - 1; index++) {
      const name = path[index] ?? '';
      const reference = object.fields.find(
        (field) => field.reference?.relationshipName?.toLowerCase() === name.toLowerCase()
      );
      const target =
        reference?.reference?.targets.length === 1
          ? this.metadata.object(reference.reference.targets[0] ?? '')
          : undefined;
      if (!reference || !target) {
        throw new ApiError(400, 'INVALID_FIELD', `No such relation '${name}' on entity '${object.apiName}'.`);
      }
      key += `.${name.toLowerCase()}`;
      let joined = this.joinAliases.get(key);
      if (!joined) {
        joined = `${this.prefix}j${++this.counter}`;
        this.joinAliases.set(key, joined);
        this.joins.push(
          `LEFT JOIN ${quote(viewName(target))} ${joined} ON ${joined}."Id" = ${alias}.${quote(reference.apiName)}`
        );
      }
      alias = joined;
      object = target;
    }
    const last = path[path.length - 1] ?? '';
    const field = object.fieldsByName.get(last.toLowerCase());
    if (!field) {
      throw new ApiError(400, 'INVALID_FIELD', `No such column '${last}' on entity '${object.apiName}'.`);
    }
    if (!field.stored && !field.summary) {
      throw new ApiError(
        400,
        'INVALID_FIELD',
        `${object.apiName}.${field.apiName} cannot be queried in the preview.`
      );
    }
    return { sql: `${alias}.${quote(field.apiName)}`, field, object };
  }

  private bind(value: unknown): string {
    this.params.push(value);
    return '?';
  }

  condition(condition: Condition): string {
    if ('and' in condition) {
      return condition.and.length === 0
        ? '1'
        : `(${condition.and.map((part) => this.condition(part)).join(' AND ')})`;
    }
    if ('or' in condition) {
      return condition.or.length === 0
        ? '0'
        : `(${condition.or.map((part) => this.condition(part)).join(' OR ')})`;
    }
    if ('not' in condition) {
      return `NOT (${this.condition(condition.not)})`;
    }
    const column = this.column(condition.path);
    if (condition.op === 'inq' || condition.op === 'ninq') {
      const sub = new QueryCompiler(
        this.metadata,
        condition.join.object,
        this.now,
        `${this.prefix}s${++this.counter}`
      );
      const subColumn = sub.column([condition.join.field]);
      const where = condition.join.where ? sub.condition(condition.join.where) : '1';
      this.params.push(...sub.params);
      const select = `SELECT ${subColumn.sql} FROM ${sub.fromSql} WHERE ${where}`;
      return condition.op === 'inq'
        ? `${column.sql} IN (${select})`
        : `(${column.sql} IS NULL OR ${column.sql} NOT IN (${select}))`;
    }
    return this.comparison(column, condition.op, (condition as { value: unknown }).value);
  }

  private comparison(column: ResolvedColumn, op: ComparisonOperator, value: unknown): string {
    const { field } = column;
    const text = TEXT_TYPES.has(field.dataType) || field.dataType === 'Id' || field.dataType === 'Reference';
    const collate = text ? ' COLLATE NOCASE' : '';
    const sql = column.sql;
    if ((field.dataType === 'Date' || field.dataType === 'DateTime') && isDateLiteral(value)) {
      let [start, end] = dateLiteralRange(value, this.now);
      if (field.dataType === 'DateTime') {
        start = `${start}T00:00:00.000Z`;
        end = `${end}T00:00:00.000Z`;
      }
      switch (op) {
        case 'eq':
          return `(${sql} >= ${this.bind(start)} AND ${sql} < ${this.bind(end)})`;
        case 'ne':
          return `(${sql} IS NULL OR ${sql} < ${this.bind(start)} OR ${sql} >= ${this.bind(end)})`;
        case 'lt':
          return `${sql} < ${this.bind(start)}`;
        case 'lte':
          return `${sql} < ${this.bind(end)}`;
        case 'gt':
          return `${sql} >= ${this.bind(end)}`;
        case 'gte':
          return `${sql} >= ${this.bind(start)}`;
        default:
          throw new ApiError(
            400,
            'INVALID_QUERY_FILTER_OPERATOR',
            `operator ${op} cannot take a date literal`
          );
      }
    }
    switch (op) {
      case 'eq':
        return value === null || value === undefined
          ? `${sql} IS NULL`
          : `${sql} = ${this.bind(bindValue(field, value))}${collate}`;
      case 'ne':
        return value === null || value === undefined
          ? `${sql} IS NOT NULL`
          : `(${sql} IS NULL OR ${sql} <> ${this.bind(bindValue(field, value))}${collate})`;
      case 'lt':
      case 'gt':
      case 'lte':
      case 'gte': {
        const symbol = { lt: '<', gt: '>', lte: '<=', gte: '>=' }[op];
        return `${sql} ${symbol} ${this.bind(bindValue(field, value))}${collate}`;
      }
      case 'in':
      case 'nin': {
        const values = Array.isArray(value) ? (value as unknown[]) : [value];
        if (values.length === 0) return op === 'in' ? '0' : '1';
        const list = values.map((item) => this.bind(bindValue(field, item))).join(', ');
        return op === 'in'
          ? `${sql}${collate} IN (${list})`
          : `(${sql} IS NULL OR ${sql}${collate} NOT IN (${list}))`;
      }
      case 'like':
        return `${sql} LIKE ${this.bind(String(value))} ESCAPE '\\'`;
      case 'includes':
      case 'excludes': {
        const groups = (Array.isArray(value) ? (value as unknown[]) : [value]).map((group) =>
          String(group)
            .split(';')
            .map((part) => part.trim())
            .filter(Boolean)
        );
        const parts = groups.map(
          (group) =>
            `(${group.map((item) => `(';' || ${sql} || ';') LIKE ${this.bind(`%;${item};%`)}`).join(' AND ')})`
        );
        const any = parts.length === 0 ? '0' : parts.join(' OR ');
        return op === 'includes' ? `(${any})` : `(${sql} IS NULL OR NOT (${any}))`;
      }
    }
  }

  orderBy(terms: readonly OrderTerm[] | undefined): string {
    if (!terms || terms.length === 0) return '';
    return ` ORDER BY ${terms
      .map((term) => {
        const column = this.column(term.path);
        const collate = TEXT_TYPES.has(column.field.dataType) ? ' COLLATE NOCASE' : '';
        const nulls = term.nulls ?? (term.direction === 'ASC' ? 'FIRST' : 'LAST');
        return `${column.sql}${collate} ${term.direction} NULLS ${nulls}`;
      })
      .join(', ')}`;
  }
}

function limitSql(spec: QuerySpec): string {
  const limit = spec.limit === undefined ? -1 : Math.max(0, Math.floor(spec.limit));
  const offset = spec.offset ? Math.max(0, Math.floor(spec.offset)) : 0;
  return limit < 0 && offset === 0 ? '' : ` LIMIT ${limit} OFFSET ${offset}`;
}

/** Rows of the object's view (raw SQLite values) matching `spec`. */
export function selectRows(
  db: SqliteDatabase,
  metadata: PackageMetadata,
  spec: QuerySpec,
  now: Date
): Record<string, unknown>[] {
  const compiler = new QueryCompiler(metadata, spec.object, now);
  const where = spec.where ? compiler.condition(spec.where) : '1';
  const order = compiler.orderBy(spec.orderBy);
  const sql = `SELECT t.* FROM ${compiler.fromSql} WHERE ${where}${order}${limitSql(spec)}`;
  return db.prepare(sql).all(...compiler.params) as Record<string, unknown>[];
}

export function countRows(db: SqliteDatabase, metadata: PackageMetadata, spec: QuerySpec, now: Date): number {
  const compiler = new QueryCompiler(metadata, spec.object, now);
  const where = spec.where ? compiler.condition(spec.where) : '1';
  const row = db
    .prepare(`SELECT COUNT(*) AS "count" FROM ${compiler.fromSql} WHERE ${where}`)
    .get(...compiler.params) as {
    count: number;
  };
  return row.count;
}

/** Grouped aggregates: one row per group with the group columns (as `g0`, `g1`…) and each alias. */
export function aggregateRows(
  db: SqliteDatabase,
  metadata: PackageMetadata,
  spec: AggregateSpec,
  now: Date
): { groups: unknown[]; values: Record<string, unknown>; fields: PreviewField[] }[] {
  const compiler = new QueryCompiler(metadata, spec.object, now);
  const groupColumns = spec.groupBy.map((path) => compiler.column(path));
  const selects = groupColumns.map((column, index) => `${column.sql} AS "g${index}"`);
  for (const aggregate of spec.aggregates) {
    const column = aggregate.path ? compiler.column(aggregate.path).sql : '*';
    const expression = {
      count: `COUNT(${column})`,
      countDistinct: `COUNT(DISTINCT ${column})`,
      sum: `SUM(${column})`,
      avg: `AVG(${column})`,
      min: `MIN(${column})`,
      max: `MAX(${column})`
    }[aggregate.fn];
    selects.push(`${expression} AS ${quote(aggregate.alias)}`);
  }
  const where = spec.where ? compiler.condition(spec.where) : '1';
  const group =
    groupColumns.length > 0 ? ` GROUP BY ${groupColumns.map((column) => column.sql).join(', ')}` : '';
  const order =
    spec.orderBy && spec.orderBy.length > 0
      ? compiler.orderBy(spec.orderBy)
      : groupColumns.length > 0
        ? ` ORDER BY ${groupColumns.map((column) => column.sql).join(', ')}`
        : '';
  const rows = db
    .prepare(
      `SELECT ${selects.join(', ')} FROM ${compiler.fromSql} WHERE ${where}${group}${order}${limitSql(spec)}`
    )
    .all(...compiler.params) as Record<string, unknown>[];
  return rows.map((row) => ({
    groups: groupColumns.map((_, index) => row[`g${index}`]),
    values: Object.fromEntries(spec.aggregates.map((aggregate) => [aggregate.alias, row[aggregate.alias]])),
    fields: groupColumns.map((column) => column.field)
  }));
}
