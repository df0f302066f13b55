import path from 'node:path';
import { parseApex, type ParsedApexFile } from '../apexSource';
import {
  buildClassIndex,
  extractApexReferences,
  extractSoqlText,
  type ApexReference
} from '../apexReferences';
import { projectRoot } from '../diagnostics';
import {
  describeTarget,
  loadSchema,
  loadStandardSchema,
  standardSchemaFile,
  type SchemaModel
} from '../schemaModel';

const root = projectRoot();
const model: SchemaModel = loadSchema(
  [path.join(root, 'scripts/gates/__tests__/fixtures/references/force-app')],
  loadStandardSchema(standardSchemaFile(root))
).model;

function parsed(name: string, source: string): ParsedApexFile {
  const kind = name.endsWith('.trigger') ? 'trigger' : 'class';
  const result = { file: name, ...parseApex(source, kind) };
  expect(result.errors).toEqual([]);
  return result;
}

function show(references: readonly ApexReference[]): string[] {
  return references.map(
    (reference) => `${reference.kind}:${reference.line} ${describeTarget(reference.target)}`
  );
}

/** References in one class, with other classes of the package known. */
function referencesIn(source: string, ...others: string[]): string[] {
  const file = parsed('Subject.cls', source);
  const classes = buildClassIndex([
    file,
    ...others.map((other, index) => parsed(`Other${index}.cls`, other))
  ]);
  return show(extractApexReferences(file, model, classes));
}

describe('SOQL in Apex', () => {
  it('strips an alias or the object name in front of fields', () => {
    const found = referencesIn(`public class Subject {
      void run() {
        List<Audit_Cycle__c> a = [SELECT c.Name, c.Owner.Name FROM Audit_Cycle__c c];
        List<Audit_Cycle__c> b = [SELECT Audit_Cycle__c.Status__c FROM Audit_Cycle__c];
      }
    }`);
    expect(found).toEqual(
      expect.arrayContaining([
        'soql:3 Audit_Cycle__c.Name',
        'soql:3 Audit_Cycle__c.Owner.Name',
        'soql:4 Audit_Cycle__c.Status__c'
      ])
    );
  });

  it('reads semi-joins, TYPEOF, date functions, HAVING and ORDER BY', () => {
    const found = referencesIn(`public class Subject {
      void run() {
        List<Audit_Cycle__c> a = [
          SELECT Id FROM Audit_Cycle__c
          WHERE Id IN (SELECT Audit_Cycle__c FROM Audit_Exception__c WHERE Severity__c = 'Deficiency')
        ];
        List<Task> b = [SELECT TYPEOF What WHEN Audit_Cycle__c THEN Status__c ELSE Name END FROM Task];
        List<AggregateResult> c = [
          SELECT CALENDAR_YEAR(Report_Date__c) y, COUNT(Id) n FROM Audit_Cycle__c
          GROUP BY CALENDAR_YEAR(Report_Date__c) HAVING COUNT(Id) > 1 ORDER BY CALENDAR_YEAR(Report_Date__c)
        ];
      }
    }`);
    expect(found).toEqual(
      expect.arrayContaining([
        'soql:5 Audit_Exception__c',
        'soql:5 Audit_Exception__c.Audit_Cycle__c',
        'soql:5 Audit_Exception__c.Severity__c',
        'soql:7 Task.What',
        'soql:7 Audit_Cycle__c',
        'soql:7 Audit_Cycle__c.Status__c',
        'soql:7 Name.Name',
        'soql:9 Audit_Cycle__c.Report_Date__c',
        'soql:10 Audit_Cycle__c.Id'
      ])
    );
  });

  it('reads SOSL RETURNING lists', () => {
    const found = referencesIn(`public class Subject {
      void run() {
        List<List<SObject>> hits = [FIND 'soc' IN ALL FIELDS RETURNING Audit_Cycle__c(Id, Status__c WHERE Opinion__c != null)];
      }
    }`);
    expect(found).toEqual(
      expect.arrayContaining([
        'sosl:3 Audit_Cycle__c',
        'sosl:3 Audit_Cycle__c.Status__c',
        'sosl:3 Audit_Cycle__c.Opinion__c'
      ])
    );
  });

  it('reads string literals that are whole queries, and leaves fragments that do not parse alone', () => {
    const found = referencesIn(`public class Subject {
      void run(Id cycleId, String extra) {
        Database.query('SELECT Id, Status__c FROM Audit_Cycle__c WHERE Id = :cycleId');
        Database.query('SELECT Id, Bogus__c FROM Audit_Cycle__c WHERE Status__c = ' + extra);
        String label = 'SELECT the right template';
      }
    }`);
    expect(found.filter((line) => line.startsWith('dynamic-soql'))).toEqual([
      'dynamic-soql:3 Audit_Cycle__c',
      'dynamic-soql:3 Audit_Cycle__c.Id',
      'dynamic-soql:3 Audit_Cycle__c.Status__c',
      'dynamic-soql:3 Audit_Cycle__c.Id'
    ]);
  });

  it('parses query text on its own', () => {
    const where = { line: 7, column: 3 };
    expect(show(extractSoqlText('SELECT Name FROM Account', model, where) ?? [])).toEqual([
      'dynamic-soql:7 Account',
      'dynamic-soql:7 Account.Name'
    ]);
    expect(extractSoqlText('SELECT Name FROM', model, where)).toBeUndefined();
    expect(extractSoqlText('UPDATE Account', model, where)).toBeUndefined();
  });
});

describe('typed field access in Apex', () => {
  it('follows casts, custom metadata and custom setting accessors, map values and class fields declared later', () => {
    const found = referencesIn(`public class Subject {
      void run(SObject record) {
        String a = ((Audit_Cycle__c) record).Status__c;
        String b = Trust_Criterion__mdt.getInstance('CC6_1').Category__c;
        for (Trust_Criterion__mdt criterion : Trust_Criterion__mdt.getAll().values()) {
          String c = criterion.Category__c;
        }
        String d = cycles.values()[0].Opinion__c;
        Object e = record.get('Whatever__c');
      }
      private Map<Id, Audit_Cycle__c> cycles;
    }`);
    expect(found).toEqual(
      expect.arrayContaining([
        'apex:3 Audit_Cycle__c.Status__c',
        'apex:4 Trust_Criterion__mdt.Category__c',
        'apex:6 Trust_Criterion__mdt.Category__c',
        'apex:8 Audit_Cycle__c.Opinion__c'
      ])
    );
    expect(found.some((line) => line.includes('Whatever__c'))).toBe(false);
  });

  it('follows return types of methods and properties of other package classes', () => {
    const found = referencesIn(
      `public class Subject {
        void run() {
          String a = CycleSelector.current().Status__c;
          CycleSelector selector = new CycleSelector();
          String b = selector.latest.Owner.Email;
          String c = selector.findings().get(0).Severity__c;
        }
      }`,
      `public class CycleSelector {
        public Audit_Cycle__c latest { get; set; }
        public static Audit_Cycle__c current() { return null; }
        public List<Audit_Exception__c> findings() { return null; }
      }`
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'apex:3 Audit_Cycle__c.Status__c',
        'apex:5 Audit_Cycle__c.Owner',
        'apex:5 Name.Email',
        'apex:6 Audit_Exception__c.Severity__c'
      ])
    );
  });

  it('reports unknown custom objects in types and expressions, and lets variables shadow type names', () => {
    const found = referencesIn(`public class Subject {
      void run(Account account) {
        List<Audit_Cycl__c> cycles = new List<Audit_Cycl__c>();
        Schema.SObjectType t = Audit_Cyle__c.SObjectType;
        Boolean soc2 = account.SOC2_Required__c;
      }
    }`);
    expect(found).toEqual(
      expect.arrayContaining([
        'apex:3 Audit_Cycl__c',
        'apex:4 Audit_Cyle__c',
        'apex:5 Account.SOC2_Required__c'
      ])
    );
  });

  it('types Trigger.new and Trigger.oldMap by the trigger object', () => {
    const file = parsed(
      'Cycle.trigger',
      `trigger Cycle on Audit_Cycle__c (before update) {
        for (Integer i = 0; i < Trigger.new.size(); i++) {
          Boolean changed = Trigger.new.get(i).Status__c != Trigger.oldMap.get(Trigger.new[i].Id).Status__c;
        }
      }`
    );
    expect(show(extractApexReferences(file, model, buildClassIndex([])))).toEqual([
      'apex:1 Audit_Cycle__c',
      'apex:3 Audit_Cycle__c.Status__c',
      'apex:3 Audit_Cycle__c.Status__c',
      'apex:3 Audit_Cycle__c.Id'
    ]);
  });
});

describe('the class index', () => {
  it('records methods with their annotations, modifiers and return types, and inner classes', () => {
    const index = buildClassIndex([
      parsed(
        'Controller.cls',
        `public with sharing class Controller {
          @AuraEnabled(cacheable=true)
          public static List<Audit_Cycle__c> cycles() { return null; }
          global static void publish() {}
          public class Row { public Audit_Cycle__c cycle; }
          public interface Source { Audit_Cycle__c load(); }
        }`
      )
    ]);
    const controller = index.find('controller');
    expect(
      controller?.methods.map((method) => [method.name, method.auraEnabled, method.isStatic, method.access])
    ).toEqual([
      ['cycles', true, true, 'public'],
      ['publish', false, true, 'global']
    ]);
    expect(controller?.methods[0]?.returnType).toEqual({
      name: 'List',
      args: [{ name: 'Audit_Cycle__c', args: [], array: false }],
      array: false
    });
    expect(index.find('Controller.Row')?.members.get('cycle')?.type.name).toBe('Audit_Cycle__c');
    expect(index.find('Controller.Source')?.methods[0]?.name).toBe('load');
    expect(index.resolve('Row', controller)?.qualifiedName).toBe('Controller.Row');
  });
});
