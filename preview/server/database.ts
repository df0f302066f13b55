/**
 * The preview's embedded database (SQLite through better-sqlite3), its schema generated from the package's
 * object metadata: one table per stored object with a column per field, typed and constrained as the org
 * constrains it (required fields NOT NULL, restricted picklists and checkboxes CHECKed, text lengths,
 * ISO dates, lookups as foreign keys with the field's delete behaviour, unique and external ids as unique
 * indexes), plus one view per object that adds the roll-up summary fields. The record layer validates first
 * and reports errors the platform's way; the constraints are the second line, so nothing the org would
 * reject can reach the file even through a bug in that layer.
 *
 * The schema's fingerprint is stored in the file: when the metadata changes, the database is rebuilt and
 * seeded again, so the preview never runs on a schema the package no longer has.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PackageMetadata, PreviewField, PreviewObject, SummaryDefinition } from './metadata';

export type SqliteDatabase = Database.Database;

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function viewName(object: PreviewObject | string): string {
  return `${typeof object === 'string' ? object : object.apiName}$view`;
}

const DATE_GLOB = "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'";
const DATETIME_GLOB =
  "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'";

function columnSql(field: PreviewField, stored: ReadonlySet<string>): string {
  const name = quote(field.apiName);
  const checks: string[] = [];
  let type = 'TEXT';
  let notNull = field.required && field.apiName !== 'Id';
  let extra = '';
  switch (field.dataType) {
    case 'Id':
      return `${name} TEXT PRIMARY KEY NOT NULL CHECK (length(${name}) = 18)`;
    case 'Boolean':
      return `${name} INTEGER NOT NULL DEFAULT 0 CHECK (${name} IN (0, 1))`;
    case 'Int':
      type = 'INTEGER';
      break;
    case 'Double':
    case 'Currency':
    case 'Percent':
      type = 'REAL';
      break;
    case 'Date':
      checks.push(`length(${name}) = 10 AND ${name} GLOB ${DATE_GLOB}`);
      break;
    case 'DateTime':
      checks.push(`${name} GLOB ${DATETIME_GLOB}`);
      break;
    case 'Reference': {
      const target = field.reference?.targets.length === 1 ? field.reference.targets[0] : undefined;
      if (target && stored.has(target.toLowerCase())) {
        const action =
          field.reference?.deleteConstraint === 'Cascade'
            ? 'CASCADE'
            : field.reference?.deleteConstraint === 'Restrict'
              ? 'RESTRICT'
              : 'SET NULL';
        extra = ` REFERENCES ${quote(target)} ("Id") ON DELETE ${action}`;
      }
      checks.push(`length(${name}) = 18`);
      break;
    }
    case 'Picklist':
      if (field.picklist?.restricted) {
        checks.push(`${name} IN (${field.picklist.entries.map((entry) => literal(entry.value)).join(', ')})`);
      }
      break;
    default:
      break;
  }
  if (type === 'TEXT' && field.length) {
    checks.push(`length(${name}) <= ${field.length}`);
  }
  if (field.autoNumberFormat) notNull = true;
  const check = checks.length > 0 ? ` CHECK (${name} IS NULL OR (${checks.join(' AND ')}))` : '';
  return `${name} ${type}${notNull ? ' NOT NULL' : ''}${extra}${check}`;
}

const SUMMARY_OPERATORS: Readonly<Record<string, string>> = {
  equals: '=',
  notEqual: '<>',
  lessThan: '<',
  greaterThan: '>',
  lessOrEqual: '<=',
  greaterOrEqual: '>='
};

function summarySql(summary: SummaryDefinition, alias: string): string {
  const child = quote(summary.childObject);
  const conditions = [`c.${quote(summary.foreignKey)} = ${alias}."Id"`];
  for (const filter of summary.filters) {
    const column = `c.${quote(filter.field)}`;
    const values = filter.value.split(',').map((value) => literal(value.trim()));
    const operator = SUMMARY_OPERATORS[filter.operation];
    if (filter.operation === 'equals') conditions.push(`${column} IN (${values.join(', ')})`);
    else if (filter.operation === 'notEqual')
      conditions.push(`(${column} IS NULL OR ${column} NOT IN (${values.join(', ')}))`);
    else if (operator) conditions.push(`${column} ${operator} ${values[0] ?? "''"}`);
    else if (filter.operation === 'contains') conditions.push(`instr(${column}, ${values[0] ?? "''"}) > 0`);
    else if (filter.operation === 'startsWith') conditions.push(`${column} LIKE ${values[0] ?? "''"} || '%'`);
  }
  const operation = summary.operation.toLowerCase();
  const aggregate =
    operation === 'count' || !summary.summarizedField
      ? 'COUNT(*)'
      : `${operation === 'sum' ? 'TOTAL' : operation.toUpperCase()}(c.${quote(summary.summarizedField)})`;
  return `(SELECT ${aggregate} FROM ${child} c WHERE ${conditions.join(' AND ')})`;
}

/** Every statement that creates the schema, in order. */
export function schemaStatements(metadata: PackageMetadata): string[] {
  const stored = new Set([...metadata.objects.keys()]);
  const statements: string[] = [
    'CREATE TABLE "_preview_meta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)',
    'CREATE TABLE "_preview_sequence" ("name" TEXT PRIMARY KEY, "next" INTEGER NOT NULL)'
  ];
  for (const object of metadata.objects.values()) {
    const columns = object.fields.filter((field) => field.stored).map((field) => columnSql(field, stored));
    statements.push(`CREATE TABLE ${quote(object.apiName)} (\n  ${columns.join(',\n  ')}\n)`);
    for (const field of object.fields) {
      if (!field.stored) continue;
      if (field.unique || (field.externalId && field.unique)) {
        const collate = field.caseSensitive ? '' : ' COLLATE NOCASE';
        statements.push(
          `CREATE UNIQUE INDEX ${quote(`${object.apiName}.${field.apiName}`)} ON ${quote(object.apiName)} (${quote(field.apiName)}${collate})`
        );
      } else if (field.dataType === 'Reference' || field.externalId || field.apiName === 'Name') {
        statements.push(
          `CREATE INDEX ${quote(`${object.apiName}.${field.apiName}`)} ON ${quote(object.apiName)} (${quote(field.apiName)})`
        );
      }
    }
  }
  for (const object of metadata.objects.values()) {
    const summaries = object.fields
      .filter((field) => field.summary && metadata.objects.has(field.summary.childObject.toLowerCase()))
      .map((field) => `${summarySql(field.summary as SummaryDefinition, 't')} AS ${quote(field.apiName)}`);
    statements.push(
      `CREATE VIEW ${quote(viewName(object))} AS SELECT t.*${summaries.map((sql) => `, ${sql}`).join('')} FROM ${quote(object.apiName)} t`
    );
  }
  return statements;
}

export function schemaFingerprint(statements: readonly string[]): string {
  return crypto.createHash('sha256').update(statements.join(';\n')).digest('hex');
}

export interface OpenedDatabase {
  readonly db: SqliteDatabase;
  /** True when the schema was (re)created: the caller seeds it. */
  readonly fresh: boolean;
  /** Why the schema was created: a new file, `--reset`, or changed metadata. */
  readonly reason?: string;
}

function configure(db: SqliteDatabase, inMemory: boolean): void {
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Opens (creating or rebuilding as needed) the database at `file`, or an in-memory one for ':memory:'. */
export function openDatabase(
  file: string,
  metadata: PackageMetadata,
  options: { reset?: boolean } = {}
): OpenedDatabase {
  const statements = schemaStatements(metadata);
  const fingerprint = schemaFingerprint(statements);
  const inMemory = file === ':memory:';
  let reason: string | undefined;
  if (!inMemory) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (options.reset && fs.existsSync(file)) {
      reason = 'reset requested';
    } else if (!fs.existsSync(file)) {
      reason = 'new database';
    } else {
      const existing = new Database(file, { readonly: true });
      try {
        const row = existing
          .prepare(`SELECT "value" FROM "_preview_meta" WHERE "key" = 'fingerprint'`)
          .get() as { value: string } | undefined;
        if (row?.value !== fingerprint) reason = 'the package metadata changed';
        const seeded = existing.prepare(`SELECT "value" FROM "_preview_meta" WHERE "key" = 'seeded'`).get();
        if (!reason && !seeded) reason = 'the last seeding did not finish';
      } catch {
        reason = 'unreadable database';
      } finally {
        existing.close();
      }
    }
    if (reason) {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  } else {
    reason = 'in-memory database';
  }
  const db = new Database(file);
  configure(db, inMemory);
  if (reason) {
    db.transaction(() => {
      for (const statement of statements) db.exec(statement);
      db.prepare(`INSERT INTO "_preview_meta" ("key", "value") VALUES ('fingerprint', ?)`).run(fingerprint);
    })();
  }
  return { db, fresh: reason !== undefined, reason };
}

export function markSeeded(db: SqliteDatabase, summary: string): void {
  db.prepare(`INSERT OR REPLACE INTO "_preview_meta" ("key", "value") VALUES ('seeded', ?)`).run(summary);
}

/** The next number of a named sequence (record ids per object, auto numbers per field). */
export function nextSequence(db: SqliteDatabase, name: string): number {
  const row = db
    .prepare(
      `INSERT INTO "_preview_sequence" ("name", "next") VALUES (?, 2)
       ON CONFLICT ("name") DO UPDATE SET "next" = "next" + 1
       RETURNING "next" - 1 AS "value"`
    )
    .get(name) as { value: number };
  return row.value;
}
