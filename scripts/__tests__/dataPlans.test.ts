import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/diagnostics';
import {
  checkPlan,
  formatProblem,
  loadCriterionIds,
  loadSchema,
  readPlan,
  recordsOf,
  type CheckOptions,
  type DataPlan,
  type DataRecord,
  type LoadedFile,
  type PlanProblem,
  type StandardFields
} from '../lib/dataPlans';
import { checkTemplate, renderTemplate, type MergeContext, type MergeRecord } from 'c/templateRenderer';

/**
 * The demo scenario under data/ (loaded with `sf data import tree --plan data/trust-desk-plan.json` and used to
 * seed the local preview): every record must be accepted by the package's field definitions, and the story it
 * tells must hold together.
 */

const root = projectRoot();
const dataDir = path.join(root, 'data');
const planPath = path.join(dataDir, 'trust-desk-plan.json');
const metadataDir = path.join(root, 'force-app', 'main', 'default');

/** The scenario's "today": evidence, reviews and sends are not after it. */
const SCENARIO_TODAY = '2026-11-22';

const STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost'
];

/**
 * Standard fields the plans may write, with the lengths and default picklist values of a new org. Anything
 * else on a standard object must be a custom field in the package metadata.
 */
const STANDARD_FIELDS: StandardFields = {
  Account: {
    Name: { type: 'Text', length: 255, required: true },
    Type: {
      type: 'Picklist',
      values: [
        'Prospect',
        'Customer - Direct',
        'Customer - Channel',
        'Channel Partner / Reseller',
        'Installation Partner',
        'Technology Partner',
        'Other'
      ]
    },
    Industry: {
      type: 'Picklist',
      values: [
        'Agriculture',
        'Apparel',
        'Banking',
        'Biotechnology',
        'Chemicals',
        'Communications',
        'Construction',
        'Consulting',
        'Education',
        'Electronics',
        'Energy',
        'Engineering',
        'Entertainment',
        'Environmental',
        'Finance',
        'Food & Beverage',
        'Government',
        'Healthcare',
        'Hospitality',
        'Insurance',
        'Machinery',
        'Manufacturing',
        'Media',
        'Not For Profit',
        'Other',
        'Recreation',
        'Retail',
        'Shipping',
        'Technology',
        'Telecommunications',
        'Transportation',
        'Utilities'
      ]
    },
    Website: { type: 'Url' },
    BillingCity: { type: 'Text', length: 40 },
    BillingCountry: { type: 'Text', length: 80 },
    NumberOfEmployees: { type: 'Number', precision: 8, scale: 0 },
    Description: { type: 'LongTextArea', length: 32000 }
  },
  Contact: {
    FirstName: { type: 'Text', length: 40 },
    LastName: { type: 'Text', length: 80, required: true },
    Title: { type: 'Text', length: 128 },
    Department: { type: 'Text', length: 80 },
    Email: { type: 'Email' },
    AccountId: { type: 'Lookup', referenceTo: ['Account'] }
  },
  Opportunity: {
    Name: { type: 'Text', length: 120, required: true },
    AccountId: { type: 'Lookup', referenceTo: ['Account'] },
    StageName: { type: 'Picklist', required: true, values: STAGES },
    CloseDate: { type: 'Date', required: true },
    Amount: { type: 'Currency', precision: 18, scale: 2 },
    Type: {
      type: 'Picklist',
      values: [
        'Existing Customer - Upgrade',
        'Existing Customer - Replacement',
        'Existing Customer - Downgrade',
        'New Customer'
      ]
    },
    NextStep: { type: 'Text', length: 255 },
    Description: { type: 'LongTextArea', length: 32000 }
  }
};

const PLAN_ORDER = [
  'Account',
  'Contact',
  'Opportunity',
  'Audit_Cycle__c',
  'Trust_Control__c',
  'Control_Criterion__c',
  'Control_Evidence__c',
  'Audit_Exception__c',
  'Message_Template__c',
  'Crisis_Event__c',
  'Customer_Communication__c',
  'Answer_Library_Entry__c',
  'Library_Entry_Control__c',
  'Security_Questionnaire__c',
  'Questionnaire_Item__c'
];

const EXCEPTION_CRITERIA = ['CC6.1', 'CC6.8', 'CC7.2', 'CC8.1'];
const CATEGORIES = ['Security', 'Availability', 'Confidentiality', 'Processing Integrity', 'Privacy'];
const CONTROL_STATUSES = [
  'Operating',
  'Exception Noted',
  'Remediation In Progress',
  'Remediated - Evidence Accruing',
  'Not Applicable'
];
const BROKEN_CONTROL_STATUSES = ['Exception Noted', 'Remediation In Progress'];
/** Merge-field prefixes used in template text, and the object each one reads. */
const MERGE_OBJECTS: Readonly<Record<string, string>> = {
  Account: 'Account',
  Contact: 'Contact',
  Opportunity: 'Opportunity',
  AuditCycle: 'Audit_Cycle__c',
  CrisisEvent: 'Crisis_Event__c'
};

const { schema, problems: schemaProblems } = loadSchema({
  objectsDir: path.join(metadataDir, 'objects'),
  globalValueSetsDir: path.join(metadataDir, 'globalValueSets'),
  standardFields: STANDARD_FIELDS
});
const criterionIds = loadCriterionIds(path.join(metadataDir, 'customMetadata'));
const options: CheckOptions = {
  criteria: {
    ids: criterionIds,
    fields: [
      { object: 'Audit_Exception__c', field: 'Criterion__c', list: false },
      { object: 'Control_Criterion__c', field: 'Criterion__c', list: false },
      { object: 'Answer_Library_Entry__c', field: 'Criteria__c', list: true }
    ]
  }
};
const plan = readPlan(planPath, 'data/trust-desk-plan.json');

// ---------------------------------------------------------------------------------------------------------
// Record access

const records = (sobject: string): DataRecord[] => recordsOf(plan, sobject);
const byReference = new Map<string, DataRecord>(
  PLAN_ORDER.flatMap((sobject) =>
    records(sobject).map((record) => [record.attributes.referenceId, record] as const)
  )
);

function text(record: DataRecord, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' ? value : undefined;
}

function numberValue(record: DataRecord, field: string): number | undefined {
  const value = record[field];
  return typeof value === 'number' ? value : undefined;
}

/** The record a `@ref` field points to. */
function target(record: DataRecord, field: string): DataRecord | undefined {
  const value = text(record, field);
  return value?.startsWith('@') ? byReference.get(value.slice(1)) : undefined;
}

function refOf(record: DataRecord): string {
  return `@${record.attributes.referenceId}`;
}

const isCurrent = (record: DataRecord): boolean => record.Is_Current__c === true;

/** A record's plain values, as the template renderer reads them. */
function mergeRecord(record: DataRecord | undefined): MergeRecord | null {
  if (!record) return null;
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, string | number | boolean] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number' || typeof entry[1] === 'boolean'
    )
  );
}

// ---------------------------------------------------------------------------------------------------------

describe('sample data plan metadata', () => {
  it('reads the object metadata and the 61 criterion ids', () => {
    expect(schemaProblems).toEqual([]);
    expect(criterionIds.size).toBe(61);
    for (const sobject of PLAN_ORDER) {
      expect({ sobject, known: schema.has(sobject.toLowerCase()) }).toEqual({ sobject, known: true });
    }
  });
});

describe('data/trust-desk-plan.json', () => {
  it('loads one file per object, parents before children', () => {
    const steps = plan.plan as Array<{ sobject: string; files: string[] }>;
    expect(steps.map((step) => step.sobject)).toEqual(PLAN_ORDER);
    expect(steps.map((step) => step.files)).toEqual(PLAN_ORDER.map((sobject) => [`${sobject}.json`]));
  });

  it('lists every record file under data/', () => {
    const listed = new Set(plan.files.keys());
    const onDisk = fs
      .readdirSync(dataDir)
      .filter((file) => file.endsWith('.json') && file !== 'trust-desk-plan.json');
    expect(onDisk.filter((file) => !listed.has(file))).toEqual([]);
  });

  it('has records the org and the CLI accept', () => {
    expect(checkPlan(plan, schema, options).map(formatProblem)).toEqual([]);
  });
});

describe('demo scenario', () => {
  const accounts = records('Account');
  const contacts = records('Contact');
  const opportunities = records('Opportunity');
  const cycles = records('Audit_Cycle__c');
  const controls = records('Trust_Control__c');
  const controlCriteria = records('Control_Criterion__c');
  const evidence = records('Control_Evidence__c');
  const exceptions = records('Audit_Exception__c');
  const templates = records('Message_Template__c');
  const crises = records('Crisis_Event__c');
  const communications = records('Customer_Communication__c');
  const entries = records('Answer_Library_Entry__c');
  const entryControls = records('Library_Entry_Control__c');
  const questionnaires = records('Security_Questionnaire__c');
  const items = records('Questionnaire_Item__c');
  const currentCycle = cycles.find(isCurrent);
  const day = (record: DataRecord, field: string): string => text(record, field)?.slice(0, 10) ?? '';

  it('has enough accounts, contacts and opportunities for a realistic pipeline', () => {
    expect(accounts.length).toBeGreaterThanOrEqual(15);
    expect(opportunities.length).toBeGreaterThanOrEqual(25);
    expect(contacts.length).toBeGreaterThanOrEqual(accounts.length);
    const withoutContacts = accounts.filter(
      (account) => !contacts.some((c) => c.AccountId === refOf(account))
    );
    expect(withoutContacts.map((account) => account.Name)).toEqual([]);
  });

  it('gives accounts varied requirements', () => {
    const regimes = new Set(
      accounts.flatMap((account) => text(account, 'Data_Regimes__c')?.split(';') ?? [])
    );
    expect([...regimes]).toEqual(expect.arrayContaining(['GDPR', 'UK GDPR', 'CCPA', 'FERPA']));
    expect(accounts.filter((account) => account.SOC2_Required__c === true).length).toBeGreaterThan(3);
    expect(accounts.filter((account) => account.SOC2_Required__c !== true).length).toBeGreaterThan(0);
    expect(accounts.filter((account) => account.Suspension_Clause__c === true).length).toBeGreaterThan(2);
    const inconsistent = accounts.filter(
      (account) =>
        (account.Processes_Personal_Data__c !== true && account.Data_Regimes__c !== undefined) ||
        text(account, 'Required_Categories__c') === undefined
    );
    expect(inconsistent.map((account) => account.Name)).toEqual([]);
  });

  it('uses only reserved example domains for email addresses', () => {
    const emails = [
      ...contacts.map((contact) => text(contact, 'Email')),
      ...communications.map((communication) => text(communication, 'Recipient_Email__c'))
    ].filter((email): email is string => email !== undefined);
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.filter((email) => !/@([a-z0-9-]+\.)*example\.(com|edu|org)$/.test(email))).toEqual([]);
  });

  it('has opportunities closing in 2026-2027 with a security review stage and no derived gate', () => {
    const derived = [
      'Compliance_Gate__c',
      'Gate_Reason__c',
      'Gate_Expected_Clear__c',
      'Gate_Evaluated_At__c'
    ];
    const wrong = opportunities.filter(
      (opportunity) =>
        !/^202[67]-/.test(text(opportunity, 'CloseDate') ?? '') ||
        text(opportunity, 'Security_Review_Stage__c') === undefined ||
        derived.some((field) => opportunity[field] !== undefined)
    );
    expect(wrong.map((opportunity) => opportunity.Name)).toEqual([]);
    const stages = opportunities.map((opportunity) => opportunity.StageName);
    expect(stages).toEqual(expect.arrayContaining(['Closed Won', 'Closed Lost', 'Negotiation/Review']));
  });

  it('has exactly one current audit cycle, a SOC 2 Type II with a qualified opinion', () => {
    expect(cycles.filter(isCurrent)).toHaveLength(1);
    expect(currentCycle).toMatchObject({
      Framework__c: 'SOC 2',
      Report_Type__c: 'Type II',
      Opinion__c: 'Qualified'
    });
    const current = currentCycle as DataRecord;
    const reportDate = day(current, 'Report_Date__c');
    expect(reportDate > day(current, 'Period_End__c')).toBe(true);
    expect(day(current, 'Bridge_Letter_Valid_Until__c') > reportDate).toBe(true);
    expect(day(current, 'Reaudit_Target_Date__c') > reportDate).toBe(true);
    const previous = cycles.filter((cycle) => day(cycle, 'Period_End__c') < day(current, 'Period_Start__c'));
    expect(previous.map((cycle) => cycle.Opinion__c)).toContain('Unqualified');
    const undated = cycles.filter(
      (cycle) => cycle.Opinion__c !== 'Pending' && !text(cycle, 'Report_Date__c')
    );
    expect(undated.map((cycle) => cycle.Name)).toEqual([]);
  });

  it('has audit exceptions on exactly CC6.1, CC6.8, CC7.2 and CC8.1, each on a control mapped to it', () => {
    expect(exceptions.map((exception) => exception.Criterion__c).sort()).toEqual(EXCEPTION_CRITERIA);
    const wrong = exceptions.filter((exception) => {
      const control = target(exception, 'Trust_Control__c');
      const mapped = controlCriteria.some(
        (mapping) =>
          target(mapping, 'Trust_Control__c') === control && mapping.Criterion__c === exception.Criterion__c
      );
      return (
        target(exception, 'Audit_Cycle__c') !== currentCycle ||
        (text(exception, 'Finding__c') ?? '').length < 100 ||
        !text(exception, 'Severity__c') ||
        !mapped
      );
    });
    expect(wrong.map((exception) => exception.Criterion__c)).toEqual([]);
  });

  it('has controls in every status, with dates and customer-safe wording that fits the status', () => {
    expect([...new Set(controls.map((control) => control.Status__c))].sort()).toEqual(
      [...CONTROL_STATUSES].sort()
    );
    const problems = controls.flatMap((control) => {
      const id = text(control, 'Control_Id__c') ?? '?';
      const summary = text(control, 'Customer_Safe_Summary__c') ?? '';
      const found: string[] = [];
      if (summary.length < 40) found.push(`${id}: no customer-safe summary`);
      // Customers never see internal control ids.
      if (/\b[A-Z]{2,4}-\d{2}\b/.test(summary)) found.push(`${id}: customer-safe summary names a control id`);
      if (
        control.Status__c === 'Remediated - Evidence Accruing' &&
        !(day(control, 'Remediated_On__c') <= SCENARIO_TODAY && day(control, 'Remediated_On__c'))
      ) {
        found.push(`${id}: remediated without a past Remediated_On__c`);
      }
      if (
        BROKEN_CONTROL_STATUSES.includes(text(control, 'Status__c') ?? '') &&
        !(day(control, 'Remediation_Due__c') > SCENARIO_TODAY)
      ) {
        found.push(`${id}: broken without a future Remediation_Due__c`);
      }
      if (!controlCriteria.some((mapping) => target(mapping, 'Trust_Control__c') === control)) {
        found.push(`${id}: mapped to no criterion`);
      }
      return found;
    });
    const badKeys = controlCriteria.filter((mapping) => {
      const control = target(mapping, 'Trust_Control__c') as DataRecord;
      return mapping.Key__c !== `${text(control, 'Control_Id__c')}:${text(mapping, 'Criterion__c')}`;
    });
    expect([...problems, ...badKeys.map((mapping) => `key ${String(mapping.Key__c)}`)]).toEqual([]);
  });

  it('has evidence as consistent time series: failures before a fix, passes after, one missed week', () => {
    const inconsistent = evidence.filter((sample) => {
      const population = numberValue(sample, 'Population__c') ?? 0;
      const size = numberValue(sample, 'Sample_Size__c') ?? 0;
      const found = numberValue(sample, 'Exceptions_Found__c') ?? 0;
      return (
        size > population ||
        found > size ||
        found < 0 ||
        (sample.Result__c === 'Pass') !== (found === 0) ||
        day(sample, 'Sampled_On__c') > SCENARIO_TODAY
      );
    });
    expect(inconsistent.map((sample) => sample.External_Id__c)).toEqual([]);

    const problems: string[] = [];
    let missedWeeks = 0;
    for (const control of controls) {
      const id = text(control, 'Control_Id__c') ?? '?';
      const series = evidence
        .filter((sample) => target(sample, 'Trust_Control__c') === control)
        .sort((a, b) => day(a, 'Sampled_On__c').localeCompare(day(b, 'Sampled_On__c')));
      const applicable = control.Status__c !== 'Not Applicable';
      if (applicable !== series.length >= 3) problems.push(`${id}: ${series.length} samples`);
      if (control.Status__c === 'Remediated - Evidence Accruing') {
        const fixed = day(control, 'Remediated_On__c');
        const before = series.filter((sample) => day(sample, 'Sampled_On__c') < fixed);
        const after = series.filter((sample) => day(sample, 'Sampled_On__c') >= fixed);
        if (!before.some((sample) => sample.Result__c !== 'Pass'))
          problems.push(`${id}: no failure before the fix`);
        if (after.length === 0 || after.some((sample) => sample.Result__c !== 'Pass')) {
          problems.push(`${id}: evidence after the fix is not all Pass`);
        }
      }
      if (control.Evidence_Cadence__c === 'Weekly') {
        const days = series.map(
          (sample) => Date.parse(`${day(sample, 'Sampled_On__c')}T00:00:00Z`) / 86400000
        );
        missedWeeks += days.slice(1).filter((value, index) => value - (days[index] ?? value) === 14).length;
      }
    }
    expect(problems).toEqual([]);
    expect(missedWeeks).toBe(1);
  });

  it('has approved customer, procurement and regulator templates, a draft, and only known merge fields', () => {
    const approved = templates.filter((template) => template.Approval_Status__c === 'Approved');
    expect(approved.map((template) => template.Purpose__c)).toEqual(
      expect.arrayContaining(['Customer Notice', 'Procurement Response', 'Regulator Notice'])
    );
    expect(templates.map((template) => template.Approval_Status__c)).toEqual(
      expect.arrayContaining(['Draft', 'Legal Review'])
    );
    expect(approved.filter((template) => !(day(template, 'Approved_On__c') <= SCENARIO_TODAY))).toEqual([]);
    const unknownMerges = templates.flatMap((template) => {
      const body = `${text(template, 'Subject__c') ?? ''}\n${text(template, 'Body__c') ?? ''}`;
      return [...body.matchAll(/\{\{\s*(\w+)\.(\w+)\s*\}\}/g)]
        .filter(([, prefix = '', field = '']) => {
          const object = MERGE_OBJECTS[prefix];
          return !object || !schema.get(object.toLowerCase())?.fields.has(field.toLowerCase());
        })
        .map(([merge]) => `${String(template.Template_Key__c)}: ${merge}`);
    });
    expect(unknownMerges).toEqual([]);
    const rendererProblems = templates.flatMap((template) =>
      [
        ...checkTemplate(text(template, 'Subject__c') ?? ''),
        ...checkTemplate(text(template, 'Body__c') ?? '')
      ].map((problem) => `${String(template.Template_Key__c)}: ${problem.message}`)
    );
    expect(rendererProblems).toEqual([]);
  });

  it('stores every communication exactly as the template renderer merges its template with its records', () => {
    const mismatches = communications.flatMap((communication) => {
      const template = target(communication, 'Message_Template__c');
      if (!template) return [];
      const crisis = target(communication, 'Crisis_Event__c');
      const context: MergeContext = {
        Account: mergeRecord(target(communication, 'Account__c')),
        Contact: mergeRecord(target(communication, 'Contact__c')),
        Opportunity: mergeRecord(target(communication, 'Opportunity__c')),
        CrisisEvent: mergeRecord(crisis),
        AuditCycle: mergeRecord((crisis && target(crisis, 'Audit_Cycle__c')) ?? currentCycle)
      };
      return (['Subject__c', 'Body__c'] as const).flatMap((field) => {
        const rendered = renderTemplate(text(template, field) ?? '', context, { channel: 'text' });
        const stored = text(communication, field === 'Body__c' ? 'Message_Text__c' : 'Subject__c');
        const id = String(communication.External_Id__c);
        if (!rendered.ok)
          return [`${id} ${field}: ${rendered.errors.map((error) => error.message).join('; ')}`];
        return rendered.output === stored
          ? []
          : [`${id} ${field}: stored text differs from the rendered template`];
      });
    });
    expect(mismatches).toEqual([]);
  });

  it('has a qualified-opinion crisis involving personal data with a met 72-hour regulator deadline', () => {
    const crisis = crises.find((event) => event.Event_Type__c === 'Qualified Opinion') as DataRecord;
    expect(crisis).toBeDefined();
    expect(target(crisis, 'Audit_Cycle__c')).toBe(currentCycle);
    expect(crisis.Personal_Data_Involved__c).toBe(true);
    expect(text(crisis, 'Data_Regimes__c')?.split(';')).toEqual(
      expect.arrayContaining(['GDPR', 'CCPA', 'FERPA'])
    );
    expect(crisis.Regulator_Deadline_Hours__c).toBe(72);
    const elapsed =
      Date.parse(text(crisis, 'Regulator_Notified_At__c') ?? '') -
      Date.parse(text(crisis, 'Declared_At__c') ?? '');
    expect(elapsed).toBeGreaterThan(0);
    expect(elapsed).toBeLessThanOrEqual(72 * 3600 * 1000);
  });

  it('has communications in every status, sent ones exactly as the approved template rendered them', () => {
    expect([...new Set(communications.map((communication) => communication.Status__c))].sort()).toEqual([
      'Acknowledged',
      'Draft',
      'Sent'
    ]);
    expect(communications.some((c) => text(c, 'Commitment__c') && target(c, 'Related_Control__c'))).toBe(
      true
    );
    expect(communications.some((c) => c.Follow_Up_Required__c === true && text(c, 'Follow_Up_Due__c'))).toBe(
      true
    );
    const problems = communications.flatMap((communication) => {
      const id = String(communication.External_Id__c);
      const account = target(communication, 'Account__c');
      const contact = target(communication, 'Contact__c');
      const opportunity = target(communication, 'Opportunity__c');
      const template = target(communication, 'Message_Template__c');
      const sentAt = text(communication, 'Sent_At__c') ?? '';
      const messageText = text(communication, 'Message_Text__c') ?? '';
      const found: string[] = [];
      if (contact && target(contact, 'AccountId') !== account)
        found.push(`${id}: contact of another account`);
      if (opportunity && target(opportunity, 'AccountId') !== account)
        found.push(`${id}: deal of another account`);
      if (communication.Status__c === 'Draft') {
        if (sentAt) found.push(`${id}: draft with Sent_At__c`);
        return found;
      }
      if (template?.Approval_Status__c !== 'Approved')
        found.push(`${id}: sent from a template that is not Approved`);
      if (communication.Template_Version__c !== template?.Version__c)
        found.push(`${id}: template version differs`);
      if (!messageText.trim() || `${messageText}${text(communication, 'Subject__c') ?? ''}`.includes('{{')) {
        found.push(`${id}: text missing or not merged`);
      }
      if (!(sentAt.slice(0, 10) >= day(template as DataRecord, 'Approved_On__c')))
        found.push(`${id}: sent before approval`);
      if (!(sentAt && sentAt.slice(0, 10) <= SCENARIO_TODAY)) found.push(`${id}: no past Sent_At__c`);
      if (communication.Channel__c === 'Email' && communication.Recipient_Email__c !== contact?.Email) {
        found.push(`${id}: recipient is not the contact's email`);
      }
      if (
        communication.Status__c === 'Acknowledged' &&
        !(
          (text(communication, 'Acknowledged_At__c') ?? '') > sentAt &&
          text(communication, 'Acknowledged_By__c')
        )
      ) {
        found.push(`${id}: acknowledgement before sending or without a name`);
      }
      const followUp = text(communication, 'Follow_Up_Due__c');
      if (followUp && followUp < sentAt.slice(0, 10)) found.push(`${id}: follow-up before sending`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('has an answer library of at least 60 entries across all five categories', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    const thinCategories = CATEGORIES.filter(
      (category) => entries.filter((entry) => entry.Category__c === category).length < 5
    );
    expect(thinCategories).toEqual([]);
    const statuses = entries.map((entry) => entry.Status__c);
    expect(statuses.filter((status) => status === 'Needs Review').length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((status) => status === 'Draft').length).toBeGreaterThanOrEqual(2);
    const problems = entries.flatMap((entry) => {
      const id = String(entry.Entry_Key__c);
      const phrasings = (text(entry, 'Alternate_Phrasings__c') ?? '').split('\n');
      const found: string[] = [];
      if (!(text(entry, 'Question__c') ?? '').includes('?')) found.push(`${id}: question`);
      if (phrasings.length > 3 || phrasings.some((line) => line.trim() === ''))
        found.push(`${id}: phrasings`);
      if ((text(entry, 'Answer__c') ?? '').length < 80) found.push(`${id}: answer`);
      if (!text(entry, 'Short_Answer__c')) found.push(`${id}: short answer`);
      if (!/^[A-Z]+\d\.\d(;[A-Z]+\d\.\d)*$/.test(text(entry, 'Criteria__c') ?? ''))
        found.push(`${id}: criteria`);
      if (
        entry.Status__c === 'Needs Review' &&
        !(text(entry, 'Flag_Reason__c') && text(entry, 'Flagged_On__c'))
      ) {
        found.push(`${id}: flagged without reason or time`);
      }
      if (
        entry.Status__c === 'Approved' &&
        !(day(entry, 'Last_Reviewed_On__c') && day(entry, 'Last_Reviewed_On__c') <= SCENARIO_TODAY)
      ) {
        found.push(`${id}: approved without a past review date`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('never leaves an approved answer relying on a broken control', () => {
    const problems = entryControls.flatMap((link) => {
      const entry = target(link, 'Answer_Library_Entry__c') as DataRecord;
      const control = target(link, 'Trust_Control__c') as DataRecord;
      const key = String(link.Key__c);
      const found: string[] = [];
      if (key !== `${text(entry, 'Entry_Key__c')}:${text(control, 'Control_Id__c')}`)
        found.push(`${key}: key`);
      if (
        BROKEN_CONTROL_STATUSES.includes(text(control, 'Status__c') ?? '') &&
        entry.Status__c === 'Approved'
      ) {
        found.push(`${key}: approved but the control is ${String(control.Status__c)}`);
      }
      if (
        entry.Status__c === 'Approved' &&
        control.Status__c === 'Remediated - Evidence Accruing' &&
        day(entry, 'Last_Reviewed_On__c') < day(control, 'Remediated_On__c')
      ) {
        found.push(`${key}: not re-reviewed after the control was remediated`);
      }
      return found;
    });
    const unexplained = entries
      .filter((entry) => entry.Status__c === 'Needs Review')
      .filter((entry) => {
        const brokenIds = entryControls
          .filter((link) => target(link, 'Answer_Library_Entry__c') === entry)
          .map((link) => target(link, 'Trust_Control__c') as DataRecord)
          .filter((control) => BROKEN_CONTROL_STATUSES.includes(text(control, 'Status__c') ?? ''))
          .map((control) => text(control, 'Control_Id__c') ?? '');
        return !brokenIds.some((id) => (text(entry, 'Flag_Reason__c') ?? '').includes(id));
      })
      .map((entry) => `${String(entry.Entry_Key__c)}: flag reason names no broken control it relies on`);
    expect([...problems, ...unexplained]).toEqual([]);
  });

  it('has one imported questionnaire whose suggestions come only from approved answers', () => {
    expect(questionnaires).toHaveLength(1);
    const questionnaire = questionnaires[0] as DataRecord;
    expect(target(target(questionnaire, 'Opportunity__c') as DataRecord, 'AccountId')).toBe(
      target(questionnaire, 'Account__c')
    );
    expect(items.length).toBeGreaterThanOrEqual(20);
    const keys = items.map((item) => text(item, 'Item_Key__c'));
    expect(new Set(keys).size).toBe(items.length);
    expect(keys).toContain('A&A-01.1');
    expect(new Set(items.map((item) => item.Sort_Order__c)).size).toBe(items.length);
    expect([...new Set(items.map((item) => item.Review_Status__c))].sort()).toEqual(
      ['Accepted', 'Approved', 'Edited', 'Routed to SME', 'Suggested', 'Unanswered'].sort()
    );
    const problems = items.flatMap((item) => {
      const id = String(item.Item_Key__c);
      const suggestion = target(item, 'Suggested_Entry__c');
      const answered = ['Suggested', 'Accepted', 'Edited', 'Approved'].includes(
        text(item, 'Review_Status__c') ?? ''
      );
      const score = numberValue(item, 'Match_Score__c');
      const found: string[] = [];
      if (target(item, 'Security_Questionnaire__c') !== questionnaire)
        found.push(`${id}: other questionnaire`);
      if (suggestion && suggestion.Status__c !== 'Approved')
        found.push(`${id}: suggests an entry that is not Approved`);
      if (score !== undefined && !(score >= 0 && score <= 1 && suggestion)) found.push(`${id}: score`);
      if ((item.Confidence_Band__c === 'None') !== (score === undefined))
        found.push(`${id}: band without score`);
      if (answered !== (text(item, 'Answer__c') !== undefined))
        found.push(`${id}: answer does not fit the review status`);
      return found;
    });
    expect(problems).toEqual([]);
    // A higher band always means a higher score.
    const scores = (band: string): number[] =>
      items
        .filter((item) => item.Confidence_Band__c === band)
        .map((item) => numberValue(item, 'Match_Score__c') ?? 0);
    expect(Math.min(...scores('High'))).toBeGreaterThan(Math.max(...scores('Medium')));
    expect(Math.min(...scores('Medium'))).toBeGreaterThan(Math.max(...scores('Low')));
  });
});

// ---------------------------------------------------------------------------------------------------------
// The checker catches breakage

/** A deep copy of the plan whose records can be changed without touching the loaded one. */
function copyPlan(source: DataPlan = plan): DataPlan {
  return {
    ...source,
    files: new Map(
      [...source.files].map(
        ([file, loaded]) => [file, JSON.parse(JSON.stringify(loaded)) as LoadedFile] as const
      )
    )
  };
}

function recordsIn(copy: DataPlan, file: string): Array<Record<string, unknown>> {
  const content = copy.files.get(file)?.content as { records: Array<Record<string, unknown>> };
  return content.records;
}

function problemsAfter(change: (copy: DataPlan) => void): PlanProblem[] {
  const copy = copyPlan();
  change(copy);
  return checkPlan(copy, schema, options);
}

describe('checkPlan', () => {
  it('reports a picklist value outside the value set with file, record and field', () => {
    const problems = problemsAfter((copy) => {
      (recordsIn(copy, 'Trust_Control__c.json')[0] as Record<string, unknown>).Status__c = 'Broken';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'Trust_Control__c.json',
        referenceId: 'TrustControlRef1',
        field: 'Status__c',
        message: expect.stringContaining('"Broken" not in') as unknown
      })
    ]);
  });

  it('reports a multi-select value outside its global value set', () => {
    const problems = problemsAfter((copy) => {
      (recordsIn(copy, 'Account.json')[0] as Record<string, unknown>).Data_Regimes__c = 'GDPR;POPIA';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'Account.json',
        referenceId: 'AccountRef1',
        field: 'Data_Regimes__c',
        message: expect.stringContaining('global value set Data_Regime') as unknown
      })
    ]);
  });

  it('reports an unknown field', () => {
    const problems = problemsAfter((copy) => {
      (recordsIn(copy, 'Opportunity.json')[1] as Record<string, unknown>).Risk_Score__c = 3;
    });
    expect(problems).toEqual([
      {
        file: 'Opportunity.json',
        referenceId: 'OpportunityRef2',
        field: 'Risk_Score__c',
        message: 'Opportunity has no field Risk_Score__c'
      }
    ]);
  });

  it('reports a missing required field, including a master-detail parent', () => {
    const problems = problemsAfter((copy) => {
      delete (recordsIn(copy, 'Control_Evidence__c.json')[0] as Record<string, unknown>).Trust_Control__c;
      delete (recordsIn(copy, 'Audit_Exception__c.json')[0] as Record<string, unknown>).Criterion__c;
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'Control_Evidence__c.json',
        referenceId: 'ControlEvidenceRef1',
        field: 'Trust_Control__c'
      }),
      expect.objectContaining({
        file: 'Audit_Exception__c.json',
        referenceId: 'AuditExceptionRef1',
        field: 'Criterion__c'
      })
    ]);
  });

  it('reports a dangling reference and a reference to a record saved later', () => {
    const problems = problemsAfter((copy) => {
      (recordsIn(copy, 'Contact.json')[0] as Record<string, unknown>).AccountId = '@AccountRef999';
      (recordsIn(copy, 'Opportunity.json')[0] as Record<string, unknown>).AccountId =
        '@CustomerCommunicationRef1';
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'Contact.json',
        referenceId: 'ContactRef1',
        field: 'AccountId',
        message: '@AccountRef999 does not resolve to a record saved earlier in the plan'
      }),
      expect.objectContaining({
        file: 'Opportunity.json',
        referenceId: 'OpportunityRef1',
        field: 'AccountId'
      })
    ]);
  });

  it('reports a reference to a record of the wrong object', () => {
    const problems = problemsAfter((copy) => {
      (recordsIn(copy, 'Contact.json')[0] as Record<string, unknown>).AccountId = '@ContactRef2';
    });
    // A record of the same file is saved in the same request, so it cannot be referenced yet.
    expect(problems).toEqual([
      expect.objectContaining({ file: 'Contact.json', referenceId: 'ContactRef1', field: 'AccountId' })
    ]);
    const wrongType = problemsAfter((copy) => {
      (recordsIn(copy, 'Opportunity.json')[0] as Record<string, unknown>).AccountId = '@ContactRef1';
    });
    expect(wrongType).toEqual([
      expect.objectContaining({
        file: 'Opportunity.json',
        referenceId: 'OpportunityRef1',
        field: 'AccountId',
        message: expect.stringContaining('is a Contact record') as unknown
      })
    ]);
  });

  it('reports malformed values, lengths, read-only fields, bad criteria and duplicate keys', () => {
    const problems = problemsAfter((copy) => {
      const evidenceRecord = recordsIn(copy, 'Control_Evidence__c.json')[0] as Record<string, unknown>;
      evidenceRecord.Sampled_On__c = '2026-02-30';
      evidenceRecord.Population__c = 1234567890;
      evidenceRecord.Link__c = 'evidence folder';
      const communication = recordsIn(copy, 'Customer_Communication__c.json')[0] as Record<string, unknown>;
      communication.Sent_At__c = '2026-11-10 09:15';
      communication.Follow_Up_Required__c = 'yes';
      communication.Recipient_Email__c = 'oliver.grant';
      communication.Subject__c = 'x'.repeat(256);
      const entry = recordsIn(copy, 'Answer_Library_Entry__c.json')[0] as Record<string, unknown>;
      entry.Next_Review_On__c = '2027-01-01';
      entry.Criteria__c = 'CC6.1;CC6.9';
      entry.Entry_Key__c = 'SEC-MFA-WORKFORCE';
      (recordsIn(copy, 'Account.json')[1] as Record<string, unknown>).Name = null;
    });
    const described = problems.map((problem) => `${problem.referenceId ?? ''} ${problem.field ?? ''}`);
    expect(described).toEqual(
      expect.arrayContaining([
        'ControlEvidenceRef1 Sampled_On__c',
        'ControlEvidenceRef1 Population__c',
        'ControlEvidenceRef1 Link__c',
        'CustomerCommunicationRef1 Sent_At__c',
        'CustomerCommunicationRef1 Follow_Up_Required__c',
        'CustomerCommunicationRef1 Recipient_Email__c',
        'CustomerCommunicationRef1 Subject__c',
        'AnswerLibraryEntryRef1 Next_Review_On__c',
        'AnswerLibraryEntryRef1 Criteria__c',
        'AccountRef2 Name'
      ])
    );
    const duplicate = problems.find((problem) => problem.field === 'Entry_Key__c');
    expect(duplicate?.message).toContain('already used by AnswerLibraryEntryRef');
  });

  it('reports plan-level problems: missing files, wrong types, duplicate and unusable reference ids, oversized files', () => {
    const copy = copyPlan();
    const steps = JSON.parse(JSON.stringify(plan.plan)) as Array<Record<string, unknown>>;
    steps.push({ sobject: 'Case', files: ['Case.json'] });
    const contacts = recordsIn(copy, 'Contact.json');
    (contacts[0] as { attributes: Record<string, unknown> }).attributes.type = 'Lead';
    (contacts[1] as { attributes: Record<string, unknown> }).attributes.referenceId = 'ContactRef3';
    (contacts[3] as { attributes: Record<string, unknown> }).attributes.referenceId = 'oliver';
    const evidenceRecords = recordsIn(copy, 'Control_Evidence__c.json');
    while (evidenceRecords.length <= 200) {
      const clone = JSON.parse(JSON.stringify(evidenceRecords[0])) as {
        attributes: Record<string, unknown>;
        External_Id__c: string;
      };
      clone.attributes.referenceId = `ControlEvidenceRef${evidenceRecords.length + 1}`;
      clone.External_Id__c = `ev-extra-${evidenceRecords.length}`;
      evidenceRecords.push(clone);
    }
    const problems = checkPlan(
      {
        ...copy,
        plan: steps,
        files: new Map([...copy.files, ['Case.json', { error: 'listed in the plan but does not exist' }]])
      },
      schema,
      options
    ).map(formatProblem);
    expect(problems).toEqual(
      expect.arrayContaining([
        'data/trust-desk-plan.json: step 16: unknown sobject Case',
        'Case.json: listed in the plan but does not exist',
        expect.stringMatching(/^Contact\.json \[ContactRef1\]: attributes\.type is "Lead"/) as unknown,
        'Contact.json [ContactRef3]: referenceId ContactRef3 is used by more than one record',
        expect.stringMatching(/^Contact\.json \[oliver\]: referenceId oliver must look like/) as unknown,
        expect.stringMatching(/^Control_Evidence__c\.json: has 201 records/) as unknown
      ])
    );
  });
});
