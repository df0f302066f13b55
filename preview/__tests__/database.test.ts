/**
 * The database schema is generated from the package metadata, and constrains what it stores the way the org
 * does, so that even a write that bypasses the record layer cannot store what the org would reject.
 */
import { schemaStatements } from '../server/database';
import { testPreview, packageMetadata, type TestPreview } from './support';

describe('the generated schema', () => {
  let preview: TestPreview;

  beforeAll(async () => {
    preview = await testPreview();
  });

  afterAll(() => preview.close());

  it('has a table for every custom object and the listed standard objects, and a view with the roll-ups', () => {
    const tables = (
      preview.store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    for (const name of [
      'Account',
      'Contact',
      'Opportunity',
      'User',
      'Trust_Control__c',
      'Customer_Communication__c',
      'Trust_Criterion__mdt'
    ]) {
      expect(tables).toContain(name);
    }
    const statements = schemaStatements(packageMetadata()).join('\n');
    expect(statements).toMatch(
      /CREATE VIEW "Security_Questionnaire__c\$view" AS SELECT t\.\*, \(SELECT COUNT\(\*\)/
    );
  });

  it('declares restricted picklists, required fields, lengths and lookups as constraints', () => {
    const ddl = (name: string): string =>
      (preview.store.db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string })
        .sql;
    const communication = ddl('Customer_Communication__c');
    expect(communication).toMatch(
      /"Status__c" TEXT CHECK \("Status__c" IS NULL OR \("Status__c" IN \('Draft', 'Sent', 'Acknowledged'\)\)\)/
    );
    expect(communication).toMatch(
      /"Account__c" TEXT NOT NULL REFERENCES "Account" \("Id"\) ON DELETE RESTRICT/
    );
    expect(ddl('Control_Evidence__c')).toMatch(
      /"Trust_Control__c" TEXT NOT NULL REFERENCES "Trust_Control__c" \("Id"\) ON DELETE CASCADE/
    );
    expect(ddl('Trust_Control__c')).toMatch(/length\("Name"\) <= 80/);
  });

  it('refuses a write that bypasses the record layer', () => {
    const insert = (status: string): unknown =>
      preview.store.db
        .prepare('INSERT INTO "Trust_Control__c" ("Id", "Name", "Status__c", "OwnerId") VALUES (?, ?, ?, ?)')
        .run('a0BPv000000ZZZZIAA', 'Raw', status, preview.store.userId);
    expect(() => insert('Broken')).toThrow(/CHECK constraint failed/);
    expect(() =>
      preview.store.db
        .prepare('INSERT INTO "Customer_Communication__c" ("Id", "Name", "Account__c") VALUES (?, ?, ?)')
        .run('a06Pv000000ZZZZIAA', 'CC-9', '001Pv000000ZZZZIAA')
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
