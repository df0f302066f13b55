import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  closestName,
  describeTarget,
  editDistance,
  loadSchema,
  loadStandardSchema,
  parseXml,
  standardSchemaFile,
  type SchemaModel,
  type StandardSchemaSpec
} from '../schemaModel';
import { projectRoot } from '../diagnostics';

const FIXTURE_PACKAGE = path.join(projectRoot(), 'scripts/gates/__tests__/fixtures/references/force-app');
const standard: StandardSchemaSpec = loadStandardSchema(standardSchemaFile(projectRoot()));

describe('parseXml', () => {
  it('knows the line of each element and of its text, and decodes entities and CDATA', () => {
    const root = parseXml(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">',
        '  <fullName>Gate__c</fullName>',
        '  <formula>',
        '    A__c &lt;= B__c &amp;&amp; C__c <![CDATA[<> "x"]]>',
        '  </formula>',
        '</CustomField>'
      ].join('\n')
    );
    expect(root.name).toBe('CustomField');
    expect(root.attributes).toEqual({ xmlns: 'http://soap.sforce.com/2006/04/metadata' });
    const [fullName, formula] = root.children;
    expect(fullName).toMatchObject({ name: 'fullName', line: 3, textLine: 3, text: 'Gate__c' });
    expect(formula).toMatchObject({
      name: 'formula',
      line: 4,
      textLine: 5,
      text: 'A__c <= B__c && C__c<> "x"'
    });
  });

  it('rejects a document without an element', () => {
    expect(() => parseXml('<?xml version="1.0"?>')).toThrow('no root element');
  });
});

describe('nearest names', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('status__c', 'statsu__c')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests a likely typo, ignoring case and the custom suffix, and nothing far away', () => {
    expect(closestName('Stauts__c', ['Status__c', 'Opinion__c'])).toBe('Status__c');
    expect(closestName('status', ['Status__c', 'Opinion__c'])).toBe('Status__c');
    expect(closestName('Region__c', ['Status__c', 'Opinion__c'])).toBeUndefined();
    expect(closestName('Name', ['name'])).toBeUndefined();
  });
});

describe('the model of the fixture package', () => {
  const loaded = loadSchema([FIXTURE_PACKAGE], standard);
  const model: SchemaModel = loaded.model;

  it('reads every object and field file without a problem', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.filesRead).toBeGreaterThan(10);
  });

  it('reads custom objects with their fields and the standard fields every custom object has', () => {
    const cycle = model.object('audit_cycle__c');
    expect(cycle).toMatchObject({
      apiName: 'Audit_Cycle__c',
      kind: 'custom',
      label: 'Audit Cycle',
      custom: true
    });
    expect(model.field('Audit_Cycle__c', 'STATUS__C')).toMatchObject({
      apiName: 'Status__c',
      type: 'Picklist',
      custom: true,
      picklistValues: ['Planned', 'Fieldwork', 'Reported']
    });
    expect(model.field('Audit_Cycle__c', 'Opinion__c')?.globalValueSet).toBe('Audit_Opinion');
    expect(model.field('Audit_Cycle__c', 'Is_Reported__c')).toMatchObject({
      readOnly: true,
      type: 'Checkbox'
    });
    expect(model.field('Audit_Cycle__c', 'Open_Exception_Count__c')).toMatchObject({
      readOnly: true,
      type: 'Summary'
    });
    for (const name of [
      'Id',
      'Name',
      'OwnerId',
      'CreatedById',
      'LastModifiedDate',
      'SystemModstamp',
      'IsDeleted'
    ]) {
      expect(model.field('Audit_Cycle__c', name)).toBeDefined();
    }
    expect(model.field('Audit_Cycle__c', 'LastActivityDate')).toBeDefined();
    expect(model.field('Audit_Cycle__c', 'RecordTypeId')).toBeUndefined();
  });

  it('gives a detail object of a master-detail no owner, and its parent the child relationship', () => {
    expect(model.field('Audit_Exception__c', 'OwnerId')).toBeUndefined();
    expect(model.field('Audit_Exception__c', 'Name')).toMatchObject({ type: 'AutoNumber', readOnly: true });
    expect(model.field('Audit_Exception__c', 'Audit_Cycle__c')).toMatchObject({
      required: true,
      referenceTo: ['Audit_Cycle__c'],
      relationshipName: 'Audit_Cycle__r',
      childRelationshipName: 'Audit_Exceptions__r'
    });
    expect(model.childRelationship('Audit_Cycle__c', 'audit_exceptions__r')).toEqual({
      name: 'Audit_Exceptions__r',
      childObject: 'Audit_Exception__c',
      field: 'Audit_Cycle__c'
    });
    expect(model.childRelationship('Audit_Cycle__c', 'Tasks')?.childObject).toBe('Task');
    expect(model.childRelationship('Account', 'Contacts')).toEqual({
      name: 'Contacts',
      childObject: 'Contact',
      field: 'AccountId'
    });
  });

  it('adds package fields to standard objects and lets polymorphic references reach custom objects', () => {
    expect(model.object('Account')?.kind).toBe('standard');
    expect(model.field('Account', 'SOC2_Required__c')?.custom).toBe(true);
    expect(model.field('Account', 'Industry')?.custom).toBe(false);
    expect(model.field('Task', 'WhatId')?.referenceTo).toEqual(['Account', 'Opportunity', 'Audit_Cycle__c']);
  });

  it('gives custom metadata types their standard fields and no Name', () => {
    expect(model.object('Trust_Criterion__mdt')?.kind).toBe('customMetadata');
    expect(model.field('Trust_Criterion__mdt', 'DeveloperName')).toBeDefined();
    expect(model.field('Trust_Criterion__mdt', 'Category__c')).toBeDefined();
    expect(model.field('Trust_Criterion__mdt', 'Name')).toBeUndefined();
  });

  it('resolves relationship paths, through polymorphic references too', () => {
    const owner = model.resolvePath('Audit_Cycle__c', ['Owner', 'Email']);
    expect(owner.ok && owner.value.object.apiName).toBe('Name');
    const parent = model.resolvePath('Audit_Exception__c', ['Audit_Cycle__r', 'Owner', 'Name']);
    expect(parent.ok && parent.value.field?.apiName).toBe('Name');
    const user = model.resolvePath('Account', ['Owner', 'Profile', 'Name']);
    expect(user.ok && user.value.object.apiName).toBe('Profile');
    const child = model.resolvePath('Audit_Cycle__c', ['Audit_Exceptions__r'], {
      allowRelationshipEnd: true
    });
    expect(child.ok && child.value.childRelationship?.childObject).toBe('Audit_Exception__c');
  });

  it('explains what does not resolve', () => {
    const message = (object: string, segments: string[], allowRelationshipEnd = false): string => {
      const result = model.resolvePath(object, segments, { allowRelationshipEnd });
      return result.ok ? 'ok' : result.problem.message;
    };
    expect(message('Audit_Exception__c', ['Audit_Cycle__r', 'Stauts__c'])).toBe(
      'unknown field Stauts__c on Audit_Cycle__c (via Audit_Exception__c.Audit_Cycle__r) (did you mean Status__c?)'
    );
    expect(message('Audit_Exception__c', ['Audit_Cycle__c', 'Name'])).toBe(
      'unknown relationship Audit_Cycle__c on Audit_Exception__c (did you mean Audit_Cycle__r?)'
    );
    expect(message('Audit_Cycle__c', ['Owner'])).toBe(
      'Owner is a relationship on Audit_Cycle__c, not a field (did you mean OwnerId?)'
    );
    expect(message('Audit_Cycle__c', ['Owner'], true)).toBe('ok');
    expect(message('Account', ['Ratng'])).toBe(
      'unknown field Ratng on Account (not in standardSchema.json) (did you mean Rating?)'
    );
    expect(message('Audit_Cycles__c', ['Name'])).toBe(
      'unknown object Audit_Cycles__c (did you mean Audit_Cycle__c?)'
    );
    expect(message('Lead', ['Name'])).toBe('unknown object Lead (not in standardSchema.json)');
    const child = model.resolveChildRelationship('Audit_Cycle__c', 'Audit_Exception__r');
    expect(child.ok ? 'ok' : child.problem.message).toBe(
      'unknown child relationship Audit_Exception__r on Audit_Cycle__c (did you mean Audit_Exceptions__r?)'
    );
  });

  it('resolves and names targets', () => {
    expect(model.resolveTarget({ kind: 'object', object: 'Contact' }).ok).toBe(true);
    expect(model.resolveTarget({ kind: 'field', object: 'Contact', path: ['Account', 'Name'] }).ok).toBe(
      true
    );
    expect(
      model.resolveTarget({ kind: 'childRelationship', object: 'Account', name: 'Opportunities' }).ok
    ).toBe(true);
    expect(describeTarget({ kind: 'field', object: 'Contact', path: ['Account', 'Name'] })).toBe(
      'Contact.Account.Name'
    );
    expect(describeTarget({ kind: 'childRelationship', object: 'Account', name: 'Contacts' })).toBe(
      'Account.Contacts'
    );
  });
});

describe('objects derived from object settings', () => {
  let dir: string;

  const write = (file: string, body: string): void => {
    const full = path.join(dir, 'main/default/objects', file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates share and history objects, record type fields, custom settings and platform events', () => {
    write(
      'Gate__c/Gate__c.object-meta.xml',
      '<CustomObject><enableHistory>true</enableHistory><sharingModel>Private</sharingModel></CustomObject>'
    );
    write('Gate__c/recordTypes/Deal.recordType-meta.xml', '<RecordType><active>true</active></RecordType>');
    write(
      'Gate__c/fields/Campaign__c.field-meta.xml',
      '<CustomField><type>Lookup</type><referenceTo>Campaign</referenceTo><relationshipName>Gates</relationshipName></CustomField>'
    );
    write(
      'Settings__c/Settings__c.object-meta.xml',
      '<CustomObject><customSettingsType>Hierarchy</customSettingsType></CustomObject>'
    );
    write('Alert__e/Alert__e.object-meta.xml', '<CustomObject><label>Alert</label></CustomObject>');
    const { model, problems } = loadSchema([dir], standard);
    expect(problems).toEqual([]);
    expect(model.object('Gate__Share')?.kind).toBe('share');
    expect(model.field('Gate__Share', 'ParentId')?.referenceTo).toEqual(['Gate__c']);
    expect(model.childRelationship('Gate__c', 'Shares')?.childObject).toBe('Gate__Share');
    expect(model.field('Gate__History', 'OldValue')).toBeDefined();
    expect(model.childRelationship('Gate__c', 'Histories')?.childObject).toBe('Gate__History');
    expect(model.object('Gate__c')?.recordTypes).toEqual(['Deal']);
    expect(model.field('Gate__c', 'RecordTypeId')).toBeDefined();
    expect(model.object('Settings__c')?.kind).toBe('customSetting');
    expect(model.field('Settings__c', 'SetupOwnerId')).toBeDefined();
    expect(model.field('Settings__c', 'OwnerId')).toBeUndefined();
    expect(model.field('Alert__e', 'ReplayId')).toBeDefined();
    const traversal = model.resolvePath('Gate__c', ['Campaign__r', 'Name']);
    expect(traversal.ok ? 'ok' : traversal.problem.message).toBe(
      'cannot traverse Gate__c.Campaign__r: it points to Campaign, which is not in the package or standardSchema.json'
    );
  });

  it('reports fields without an object definition and standard objects missing from the list', () => {
    write('Orphan__c/fields/Status__c.field-meta.xml', '<CustomField><type>Text</type></CustomField>');
    write('Lead/fields/Score__c.field-meta.xml', '<CustomField><type>Number</type></CustomField>');
    write('Broken__c/Broken__c.object-meta.xml', '');
    const { model, problems } = loadSchema([dir], standard);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^cannot read object/),
      'standard object Lead is not in standardSchema.json: add it with the fields the package uses',
      'fields for Orphan__c, but no Orphan__c.object-meta.xml defines the object'
    ]);
    expect(model.field('Lead', 'Score__c')).toBeDefined();
    expect(model.field('Orphan__c', 'Status__c')).toBeDefined();
  });
});
