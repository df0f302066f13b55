import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkReferences,
  formulaTokens,
  parseJsonWithLines,
  summarize,
  type ReferenceKind,
  type ReferencesResult
} from '../references';

const FIXTURE = path.join(__dirname, 'fixtures', 'references');
const MAIN = 'force-app/main/default';
const CLASS = `${MAIN}/classes/AuditCycleService.cls`;
const TRIGGER = `${MAIN}/triggers/AuditCycleTrigger.trigger`;
const COMPONENT = `${MAIN}/lwc/auditCycleSummary/auditCycleSummary.ts`;
const TEMPLATE = `${MAIN}/lwc/auditCycleSummary/auditCycleSummary.html`;
const PERMISSION_SET = `${MAIN}/permissionsets/Trust_Desk_Admin.permissionset-meta.xml`;
const LAYOUT = `${MAIN}/layouts/Audit_Cycle__c-Audit Cycle Layout.layout-meta.xml`;
const CYCLE = `${MAIN}/objects/Audit_Cycle__c`;
const VALIDATION_RULE = `${CYCLE}/validationRules/Report_Date_Required.validationRule-meta.xml`;

const copies: string[] = [];

afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the good fixture with `from` replaced by `to` in one file, and the line `mark` ends up on. */
function broken(file: string, from: string, to: string, mark: string = to): { root: string; line: number } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'references-'));
  copies.push(root);
  fs.cpSync(FIXTURE, root, { recursive: true });
  const target = path.join(root, file);
  const text = fs.readFileSync(target, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`"${from}" must occur exactly once in ${file}`);
  }
  const changed = text.slice(0, at) + to + text.slice(at + from.length);
  fs.writeFileSync(target, changed);
  const markAt = changed.indexOf(mark);
  if (markAt < 0) throw new Error(`"${mark}" is not in the changed ${file}`);
  return { root, line: changed.slice(0, markAt).split('\n').length };
}

describe('references gate on the good fixture', () => {
  let result: ReferencesResult;

  beforeAll(() => {
    result = checkReferences(FIXTURE);
  });

  it('finds no problem', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('checks references of every kind the fixture has', () => {
    const kinds: ReferenceKind[] = [
      'apex',
      'soql',
      'lwc-schema',
      'lwc-apex',
      'lwc-string',
      'lwc-template',
      'lwc-meta',
      'object',
      'field',
      'formula',
      'validation-rule',
      'list-view',
      'compact-layout',
      'layout',
      'flexipage',
      'permission-set',
      'custom-metadata',
      'data-plan'
    ];
    for (const kind of kinds) {
      expect(result.byKind.get(kind)?.checked ?? 0).toBeGreaterThan(0);
    }
    expect(result.references.length).toBeGreaterThan(100);
    expect(summarize(result)).toMatch(/^apex \d+, compact-layout \d+/);
  });

  it('follows typed Apex expressions: inner-class members, child lists, map values, Trigger.new', () => {
    const apexPaths = result.references
      .filter((reference) => reference.kind === 'apex' && reference.target.kind === 'field')
      .map((reference) => {
        const target = reference.target as { object: string; path: readonly string[] };
        return `${path.basename(reference.file)}:${reference.line} ${target.object}.${target.path.join('.')}`;
      });
    expect(apexPaths).toEqual(
      expect.arrayContaining([
        'AuditCycleService.cls:38 Audit_Cycle__c.Audit_Exceptions__r',
        'AuditCycleService.cls:39 Audit_Exception__c.Severity__c',
        'AuditCycleService.cls:90 Audit_Cycle__c.Status__c',
        'AuditCycleService.cls:111 Account.SOC2_Required__c',
        'AuditCycleService.cls:111 User.IsActive',
        'AuditCycleTrigger.trigger:3 Audit_Cycle__c.Opinion__c'
      ])
    );
  });
});

interface BrokenCase {
  readonly what: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  /** Text on the line the problem is reported at; defaults to `to`. */
  readonly mark?: string;
  /** The diagnostic's file, when not the changed file. */
  readonly reportedIn?: string;
  readonly subject: string;
  readonly message: string;
}

const cases: BrokenCase[] = [
  {
    what: 'a misspelled field in Apex field access',
    file: CLASS,
    from: 'finding.Severity__c',
    to: 'finding.Severty__c',
    subject: 'Audit_Exception__c.Severty__c',
    message: 'unknown field Severty__c on Audit_Exception__c (did you mean Severity__c?)'
  },
  {
    what: 'a misspelled field in a SOQL SELECT list',
    file: CLASS,
    from: '        Opinion__c,\n',
    to: '        Opinoin__c,\n',
    subject: 'Audit_Cycle__c.Opinoin__c',
    message: 'unknown field Opinoin__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a misspelled field in a SOQL WHERE clause',
    file: CLASS,
    from: 'WHERE Opinion__c != NULL',
    to: 'WHERE Opinon__c != NULL',
    subject: 'Audit_Cycle__c.Opinon__c',
    message: 'unknown field Opinon__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'an unknown object in FROM',
    file: CLASS,
    from: 'FROM Audit_Exception__c\n',
    to: 'FROM Audit_Exceptions__c\n',
    subject: 'Audit_Exceptions__c',
    message: 'unknown object Audit_Exceptions__c (did you mean Audit_Exception__c?)'
  },
  {
    what: 'an unknown relationship in a SOQL path',
    file: CLASS,
    from: 'WHERE Audit_Cycle__r.Status__c',
    to: 'WHERE Audit_Cycl__r.Status__c',
    subject: 'Audit_Exception__c.Audit_Cycl__r.Status__c',
    message: 'unknown relationship Audit_Cycl__r on Audit_Exception__c (did you mean Audit_Cycle__r?)'
  },
  {
    what: 'an unknown child relationship in a subquery',
    file: CLASS,
    from: 'FROM Audit_Exceptions__r',
    to: 'FROM Audit_Exception__r',
    subject: 'Audit_Cycle__c.Audit_Exception__r',
    message:
      'unknown child relationship Audit_Exception__r on Audit_Cycle__c (did you mean Audit_Exceptions__r?)'
  },
  {
    what: 'a misspelled field in new SObject(Field = value)',
    file: CLASS,
    from: 'Criterion__c = criterion',
    to: 'Criterio__c = criterion',
    subject: 'Audit_Exception__c.Criterio__c',
    message: 'unknown field Criterio__c on Audit_Exception__c (did you mean Criterion__c?)'
  },
  {
    what: 'a misspelled field in Schema.SObjectType.X.fields.Y',
    file: CLASS,
    from: 'fields.Status__c.getLabel()',
    to: 'fields.Statsu__c.getLabel()',
    subject: 'Audit_Cycle__c.Statsu__c',
    message: 'unknown field Statsu__c on Audit_Cycle__c (did you mean Status__c?)'
  },
  {
    what: 'a misspelled field token Object.Field',
    file: CLASS,
    from: 'field = Audit_Cycle__c.Status__c;',
    to: 'field = Audit_Cycle__c.Stat__c;',
    subject: 'Audit_Cycle__c.Stat__c',
    message: 'unknown field Stat__c on Audit_Cycle__c'
  },
  {
    what: 'a misspelled custom field of a standard object in Apex',
    file: CLASS,
    from: 'account.SOC2_Required__c',
    to: 'account.SOC2_Requird__c',
    subject: 'Account.SOC2_Requird__c',
    message: 'unknown field SOC2_Requird__c on Account (did you mean SOC2_Required__c?)'
  },
  {
    what: 'a misspelled field on Trigger.new',
    file: TRIGGER,
    from: 'Trigger.new[0].Opinion__c !=',
    to: 'Trigger.new[0].Opinoin__c !=',
    subject: 'Audit_Cycle__c.Opinoin__c',
    message: 'unknown field Opinoin__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a misspelled field in an LWC schema import',
    file: COMPONENT,
    from: "Audit_Cycle__c.Status__c'",
    to: "Audit_Cycle__c.Stauts__c'",
    subject: 'Audit_Cycle__c.Stauts__c',
    message: 'unknown field Stauts__c on Audit_Cycle__c (did you mean Status__c?)'
  },
  {
    what: 'an unknown relationship in an LWC schema import',
    file: COMPONENT,
    from: 'Audit_Cycle__c.Owner.Name',
    to: 'Audit_Cycle__c.Ownr.Name',
    subject: 'Audit_Cycle__c.Ownr.Name',
    message: 'unknown relationship Ownr on Audit_Cycle__c (did you mean Owner?)'
  },
  {
    what: 'an @salesforce/apex import of a missing method',
    file: COMPONENT,
    from: 'AuditCycleService.getCurrentCycle',
    to: 'AuditCycleService.getCurentCycle',
    subject: 'AuditCycleService.getCurentCycle',
    message: 'unknown method getCurentCycle in Apex class AuditCycleService (did you mean getCurrentCycle?)'
  },
  {
    what: 'an @salesforce/apex import of a method that is not @AuraEnabled',
    file: COMPONENT,
    from: 'AuditCycleService.getCurrentCycle',
    to: 'AuditCycleService.recordFinding',
    subject: 'AuditCycleService.recordFinding',
    message: 'AuditCycleService.recordFinding is not @AuraEnabled'
  },
  {
    what: "a misspelled field in an LWC 'Object.Field' string",
    file: COMPONENT,
    from: "'Audit_Cycle__c.Report_Date__c'",
    to: "'Audit_Cycle__c.Report_Dat__c'",
    subject: 'Audit_Cycle__c.Report_Dat__c',
    message: 'unknown field Report_Dat__c on Audit_Cycle__c (did you mean Report_Date__c?)'
  },
  {
    what: 'a misspelled field-name in a record form template',
    file: TEMPLATE,
    from: 'field-name="Opinion__c"',
    to: 'field-name="Opinon__c"',
    subject: 'Audit_Cycle__c.Opinon__c',
    message: 'unknown field Opinon__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a misspelled field in a permission set',
    file: PERMISSION_SET,
    from: '<field>Audit_Cycle__c.Opinion__c</field>',
    to: '<field>Audit_Cycle__c.Opinoin__c</field>',
    subject: 'Audit_Cycle__c.Opinoin__c',
    message: 'unknown field Opinoin__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a permission set granting edit on a formula field',
    file: PERMISSION_SET,
    from: '<editable>false</editable>\n    <field>Audit_Cycle__c.Is_Reported__c',
    to: '<editable>true</editable>\n    <field>Audit_Cycle__c.Is_Reported__c',
    mark: '<field>Audit_Cycle__c.Is_Reported__c',
    subject: 'Audit_Cycle__c.Is_Reported__c',
    message: 'Audit_Cycle__c.Is_Reported__c is read-only (formula): it cannot be granted as editable'
  },
  {
    what: 'a permission set granting a master-detail field',
    file: PERMISSION_SET,
    from: '<field>Audit_Exception__c.Severity__c</field>',
    to: '<field>Audit_Exception__c.Audit_Cycle__c</field>',
    subject: 'Audit_Exception__c.Audit_Cycle__c',
    message: 'is required (master-detail): field permissions cannot be granted on it'
  },
  {
    what: 'a misspelled field on a layout',
    file: LAYOUT,
    from: '<field>Report_Date__c</field>',
    to: '<field>Report_Dat__c</field>',
    subject: 'Audit_Cycle__c.Report_Dat__c',
    message: 'unknown field Report_Dat__c on Audit_Cycle__c (did you mean Report_Date__c?)'
  },
  {
    what: 'a related list through a field that is no lookup',
    file: LAYOUT,
    from: '<relatedList>Audit_Exception__c.Audit_Cycle__c</relatedList>',
    to: '<relatedList>Audit_Exception__c.Criterion__c</relatedList>',
    subject: 'Audit_Exception__c.Criterion__c',
    message: 'Audit_Exception__c.Criterion__c is not a lookup or master-detail field'
  },
  {
    what: 'a misspelled list view column',
    file: `${CYCLE}/listViews/All.listView-meta.xml`,
    from: '<columns>Opinion__c</columns>',
    to: '<columns>Opinoin__c</columns>',
    subject: 'Audit_Cycle__c.Opinoin__c',
    message: 'unknown field Opinoin__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a misspelled compact layout field',
    file: `${CYCLE}/compactLayouts/Audit_Cycle_Compact.compactLayout-meta.xml`,
    from: '<fields>Opinion__c</fields>',
    to: '<fields>Opinon__c</fields>',
    subject: 'Audit_Cycle__c.Opinon__c',
    message: 'unknown field Opinon__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'a misspelled field in a flexipage',
    file: `${MAIN}/flexipages/Audit_Cycle_Record_Page.flexipage-meta.xml`,
    from: 'Record.Status__c',
    to: 'Record.Statu__c',
    subject: 'Audit_Cycle__c.Statu__c',
    message: 'unknown field Statu__c on Audit_Cycle__c (did you mean Status__c?)'
  },
  {
    what: 'an unknown custom permission in a flexipage visibility rule',
    file: `${MAIN}/flexipages/Audit_Cycle_Record_Page.flexipage-meta.xml`,
    from: '{!$Permission.CustomPermission.Audit_Cycle_Sign_Off}',
    to: '{!$Permission.CustomPermission.Audit_Cycle_Signoff}',
    subject: 'Audit_Cycle_Signoff',
    message: 'unknown custom permission Audit_Cycle_Signoff (did you mean Audit_Cycle_Sign_Off?)'
  },
  {
    what: 'a misspelled record field in a flexipage visibility rule',
    file: `${MAIN}/flexipages/Audit_Cycle_Record_Page.flexipage-meta.xml`,
    from: '{!Record.Opinion__c}',
    to: '{!Record.Opinon__c}',
    subject: 'Audit_Cycle__c.Opinon__c',
    message: 'unknown field Opinon__c on Audit_Cycle__c (did you mean Opinion__c?)'
  },
  {
    what: 'an unknown custom permission in a permission set',
    file: PERMISSION_SET,
    from: '<name>Audit_Cycle_Sign_Off</name>',
    to: '<name>Audit_Cycle_Approve</name>',
    subject: 'Audit_Cycle_Approve',
    message: 'unknown custom permission Audit_Cycle_Approve'
  },
  {
    what: 'a misspelled field in a validation rule formula',
    file: VALIDATION_RULE,
    from: 'ISBLANK(Report_Date__c),',
    to: 'ISBLANK(Report_Dte__c),',
    subject: 'Audit_Cycle__c.Report_Dte__c',
    message: 'unknown field Report_Dte__c on Audit_Cycle__c (did you mean Report_Date__c?)'
  },
  {
    what: 'a picklist value the field does not have',
    file: VALIDATION_RULE,
    from: '"Unqualified"',
    to: '"Unqualifed"',
    subject: 'Audit_Cycle__c.Opinion__c:Unqualifed',
    message: '"Unqualifed" is not a value of picklist Audit_Cycle__c.Opinion__c (did you mean "Unqualified"?)'
  },
  {
    what: 'a formula operator split by whitespace',
    file: VALIDATION_RULE,
    from: 'ISBLANK(Report_Date__c),',
    to: 'Report_Date__c &lt; = TODAY(),',
    subject: '<=',
    message: 'formula operator "< =" is split by whitespace'
  },
  {
    what: 'a misspelled field in a formula field',
    file: `${CYCLE}/fields/Is_Reported__c.field-meta.xml`,
    from: 'ISPICKVAL(Status__c,',
    to: 'ISPICKVAL(Statuss__c,',
    subject: 'Audit_Cycle__c.Statuss__c',
    message: 'unknown field Statuss__c on Audit_Cycle__c (did you mean Status__c?)'
  },
  {
    what: 'a roll-up summary through a field that is no master-detail',
    file: `${CYCLE}/fields/Open_Exception_Count__c.field-meta.xml`,
    from: '<summaryForeignKey>Audit_Exception__c.Audit_Cycle__c',
    to: '<summaryForeignKey>Audit_Exception__c.Criterion__c',
    subject: 'Audit_Exception__c.Criterion__c',
    message: 'Audit_Exception__c.Criterion__c is not a lookup or master-detail field'
  },
  {
    what: 'an unknown global value set',
    file: `${CYCLE}/fields/Opinion__c.field-meta.xml`,
    from: '<valueSetName>Audit_Opinion</valueSetName>',
    to: '<valueSetName>Audit_Opinions</valueSetName>',
    subject: 'Audit_Opinions',
    message: 'unknown global value set Audit_Opinions (did you mean Audit_Opinion?)'
  },
  {
    what: 'a misspelled field in a custom metadata record',
    file: `${MAIN}/customMetadata/Trust_Criterion.CC6_1.md-meta.xml`,
    from: '<field>Category__c</field>',
    to: '<field>Categroy__c</field>',
    subject: 'Trust_Criterion__mdt.Categroy__c',
    message: 'unknown field Categroy__c on Trust_Criterion__mdt (did you mean Category__c?)'
  },
  {
    what: 'a misspelled field in a data plan record',
    file: 'data/Audit_Exception__c.json',
    from: '"Severity__c"',
    to: '"Severty__c"',
    subject: 'Audit_Exception__c.Severty__c',
    message: 'unknown field Severty__c on Audit_Exception__c (did you mean Severity__c?)'
  },
  {
    what: 'a read-only field in a data plan record',
    file: 'data/Audit_Cycle__c.json',
    from: '"Report_Date__c": "2025-09-30"',
    to: '"Report_Date__c": "2025-09-30",\n      "Is_Reported__c": true',
    mark: '"Is_Reported__c"',
    subject: 'Audit_Cycle__c.Is_Reported__c',
    message: 'Audit_Cycle__c.Is_Reported__c is read-only (formula) and cannot be imported'
  },
  {
    what: 'a data plan lookup to a referenceId no entry saves',
    file: 'data/Audit_Exception__c.json',
    from: '"@CycleRef1"',
    to: '"@CycleRef2"',
    subject: 'Audit_Exception__c.Audit_Cycle__c',
    message: '@CycleRef2 is not a referenceId saved (saveRefs) by an entry of audit-plan.json'
  }
];

describe('references gate on broken copies of the fixture', () => {
  it.each(cases)('fails on $what', ({ file, from, to, mark, reportedIn, subject, message }) => {
    const { root, line } = broken(file, from, to, mark);
    const result = checkReferences(root);
    expect(result.diagnostics).toHaveLength(1);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.file).toBe(reportedIn ?? file);
    expect(diagnostic?.line).toBe(line);
    expect(diagnostic?.subject).toBe(subject);
    expect(diagnostic?.message).toContain(message);
  });

  it('fails on an unknown object in a data plan, and on records that do not match it', () => {
    const { root, line } = broken(
      'data/audit-plan.json',
      '"sobject": "Audit_Cycle__c"',
      '"sobject": "Audit_Cycles__c"'
    );
    const messages = checkReferences(root).diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`);
    expect(messages).toEqual([
      "data/Audit_Cycle__c.json:4 record type Audit_Cycle__c does not match the plan's sobject Audit_Cycles__c",
      `data/audit-plan.json:${line} unknown object Audit_Cycles__c (did you mean Audit_Cycle__c?)`
    ]);
  });

  it('fails on a lookup to a record loaded by a later plan entry', () => {
    const { root } = broken(
      'data/audit-plan.json',
      '"sobject": "Account",\n    "saveRefs": true,\n    "resolveRefs": false',
      '"sobject": "Account",\n    "saveRefs": true,\n    "resolveRefs": true'
    );
    fs.writeFileSync(
      path.join(root, 'data/Account.json'),
      fs
        .readFileSync(path.join(root, 'data/Account.json'), 'utf8')
        .replace('"Industry"', '"ParentId": "@CycleRef1",\n      "Industry"')
    );
    const messages = checkReferences(root).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      '@CycleRef1 is saved by the same or a later plan entry: load Audit_Cycle__c first',
      'Account.ParentId points to Account, not Audit_Cycle__c'
    ]);
  });

  it('shows the same problem on many lines of one file once', () => {
    const { root } = broken('data/Account.json', '"Industry": "Education",', '"Industri": "Education",');
    const records = JSON.parse(fs.readFileSync(path.join(root, 'data/Account.json'), 'utf8')) as {
      records: Array<Record<string, unknown>>;
    };
    const copy = (n: number): Record<string, unknown> => ({
      ...records.records[0],
      attributes: { type: 'Account', referenceId: `AccountRef${n}` }
    });
    records.records.push(copy(2), copy(3));
    fs.writeFileSync(path.join(root, 'data/Account.json'), JSON.stringify(records, null, 2));
    const diagnostics = checkReferences(root).diagnostics;
    expect(diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`)).toEqual([
      'data/Account.json:9 unknown field Industri on Account (not in standardSchema.json) (did you mean Industry?) (also at lines 18, 27)'
    ]);
  });

  it('reports Apex it cannot parse instead of passing it', () => {
    const { root, line } = broken(CLASS, 'return finding;', 'return finding');
    const [diagnostic, ...others] = checkReferences(root).diagnostics;
    expect(others).toEqual([]);
    expect(diagnostic?.file).toBe(CLASS);
    expect(diagnostic?.line).toBe(line + 1);
    expect(diagnostic?.message).toMatch(/^references not checked: syntax error/);
  });
});

describe('formulaTokens', () => {
  it('keeps field paths and skips functions, strings, comments, globals in other positions and literals', () => {
    const tokens = formulaTokens(
      'IF(ISPICKVAL(Status__c, "Open Item"), Account__r.Name, /* Owner.Name */ TEXT(1.5)) && TRUE && Owner:User.Email'
    ).map((token) => token.token);
    expect(tokens).toEqual(['Status__c', 'Account__r.Name', 'Owner:User.Email']);
  });

  it('keeps $ globals for the caller to sort out', () => {
    expect(formulaTokens('$User.Id = OwnerId').map((token) => token.token)).toEqual(['$User.Id', 'OwnerId']);
  });
});

describe('parseJsonWithLines', () => {
  it('remembers the line of every property', () => {
    const node = parseJsonWithLines('{\n  "a": 1,\n  "b": [\n    { "c": "x\\"y" }\n  ]\n}');
    expect(node.type).toBe('object');
    if (node.type !== 'object') return;
    expect(node.entries.map((entry) => [entry.key, entry.line])).toEqual([
      ['a', 2],
      ['b', 3]
    ]);
    const list = node.entries[1]?.value;
    expect(
      list?.type === 'array' && list.items[0]?.type === 'object' ? list.items[0].entries[0] : undefined
    ).toEqual({
      key: 'c',
      line: 4,
      value: { type: 'value', line: 4, value: 'x"y' }
    });
  });

  it('rejects what is not JSON', () => {
    expect(() => parseJsonWithLines('{ "a": }')).toThrow(/line 1/);
    expect(() => parseJsonWithLines('[1, 2] x')).toThrow(/after the JSON value/);
  });
});
