/**
 * The preview rejects what an org would reject, with the platform's error codes and shapes: unknown and
 * read-only fields, wrong types, restricted picklists, text lengths, references, required fields, validation
 * rules, unique fields and restricted deletes; and it fills in what the org fills in.
 */
import { RecordSaveError, dmlExceptionBody, uiApiRecordErrorBody, type SaveProblem } from '../server/errors';
import { testPreview, type TestPreview } from './support';

function problemsOf(work: () => unknown): SaveProblem[] {
  try {
    work();
  } catch (error) {
    if (error instanceof RecordSaveError) return [...error.problems];
    throw error;
  }
  throw new Error('the save was accepted');
}

describe('record saves', () => {
  let preview: TestPreview;
  let accountId: string;

  beforeAll(async () => {
    preview = await testPreview();
    accountId = String(
      preview.store.create('Account', { Name: 'Hallberg & Rowe Group plc', SOC2_Required__c: true }).Id
    );
  });

  afterAll(() => preview.close());

  it('fills in the id, owner, audit fields, defaults and auto numbers', () => {
    const control = preview.store.create('Trust_Control__c', {
      Name: 'API call logging',
      Control_Id__c: 'LOG-01'
    });
    expect(control.Id).toMatch(/^a\w{17}$/);
    expect(control.OwnerId).toBe(preview.store.userId);
    expect(control.CreatedById).toBe(preview.store.userId);
    expect(control.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(control.Status__c).toBe('Operating');
    expect(control.Clean_Window_Days__c).toBe(90);
    const communication = preview.store.create('Customer_Communication__c', {
      Account__c: accountId,
      Channel__c: 'Phone'
    });
    expect(communication.Name).toMatch(/^CC-\d{5}$/);
    expect(communication.Status__c).toBe('Draft');
  });

  it('rejects an unknown field and a read-only field', () => {
    expect(problemsOf(() => preview.store.create('Account', { Name: 'X', Colour__c: 'red' }))).toEqual([
      {
        errorCode: 'INVALID_FIELD',
        message: "No such column 'Colour__c' on sobject of type Account",
        fields: []
      }
    ]);
    const [readOnly] = problemsOf(() =>
      preview.store.create('Customer_Communication__c', { Account__c: accountId, Name: 'CC-1' })
    );
    expect(readOnly).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Name'] });
  });

  it('rejects a value outside a restricted picklist, on the field', () => {
    expect(
      problemsOf(() =>
        preview.store.create('Trust_Control__c', { Name: 'X', Control_Id__c: 'X-1', Status__c: 'Broken' })
      )
    ).toEqual([
      {
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Status: bad value for restricted picklist field: Broken',
        fields: ['Status__c']
      }
    ]);
    const [stage] = problemsOf(() =>
      preview.store.create('Opportunity', {
        Name: 'Deal',
        StageName: 'Won Already',
        CloseDate: '2027-01-29',
        AccountId: accountId
      })
    );
    expect(stage).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['StageName']
    });
  });

  it('checks multi-select values against their global value set and stores them in definition order', () => {
    const account = preview.store.create('Account', {
      Name: 'Maison Verlaine SA',
      Data_Regimes__c: 'UK GDPR;GDPR'
    });
    expect(account.Data_Regimes__c).toBe('GDPR;UK GDPR');
    const [problem] = problemsOf(() =>
      preview.store.create('Account', { Name: 'Y', Data_Regimes__c: 'GDPR;POPIA' })
    );
    expect(problem).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      fields: ['Data_Regimes__c']
    });
  });

  it('reports every missing required field at once', () => {
    expect(problemsOf(() => preview.store.create('Opportunity', { AccountId: accountId }))).toEqual([
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name, CloseDate, StageName]',
        fields: ['Name', 'CloseDate', 'StageName']
      }
    ]);
  });

  it('rejects wrong types, text that is too long and references to the wrong object', () => {
    const problems = problemsOf(() =>
      preview.store.create('Trust_Control__c', {
        Name: 'x'.repeat(81),
        Control_Id__c: 'X-2',
        Remediation_Due__c: '31/12/2026',
        Clean_Window_Days__c: 'ninety'
      })
    );
    expect(problems.map((problem) => [problem.errorCode, problem.fields])).toEqual([
      ['STRING_TOO_LONG', ['Name']],
      ['INVALID_TYPE_ON_FIELD_IN_RECORD', ['Remediation_Due__c']],
      ['INVALID_TYPE_ON_FIELD_IN_RECORD', ['Clean_Window_Days__c']]
    ]);
    const [reference] = problemsOf(() =>
      preview.store.create('Customer_Communication__c', { Account__c: preview.store.userId })
    );
    expect(reference).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Account__c'] });
  });

  it('applies the package validation rules, on their error display field', () => {
    expect(
      problemsOf(() =>
        preview.store.create('Crisis_Event__c', {
          Name: 'Breach',
          Declared_At__c: '2026-11-09T15:00:00Z',
          Personal_Data_Involved__c: true
        })
      )
    ).toEqual([
      {
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message:
          'Personal data is involved: pick at least one data regime (for example GDPR) in Data Regimes.',
        fields: ['Data_Regimes__c']
      }
    ]);
    const saved = preview.store.create('Crisis_Event__c', {
      Name: 'Breach',
      Declared_At__c: '2026-11-09T15:00:00Z',
      Personal_Data_Involved__c: true,
      Data_Regimes__c: 'GDPR'
    });
    expect(saved.Declared_At__c).toBe('2026-11-09T15:00:00.000Z');
  });

  it('rejects a duplicate external id, ignoring case', () => {
    preview.store.create('Trust_Control__c', { Name: 'Backups', Control_Id__c: 'BCK-01' });
    const [duplicate] = problemsOf(() =>
      preview.store.create('Trust_Control__c', { Name: 'Backups again', Control_Id__c: 'bck-01' })
    );
    expect(duplicate).toMatchObject({ errorCode: 'DUPLICATE_VALUE', fields: ['Control_Id__c'] });
  });

  it('keeps exactly one current audit cycle (AuditCycleHandler)', () => {
    const first = preview.store.create('Audit_Cycle__c', { Name: 'FY2025', Is_Current__c: true });
    const second = preview.store.create('Audit_Cycle__c', { Name: 'FY2026', Is_Current__c: true });
    expect(preview.store.get(String(first.Id))?.values.Is_Current__c).toBe(false);
    expect(second.Is_Current__c).toBe(true);
    const [several] = problemsOf(() =>
      preview.store.createMany('Audit_Cycle__c', [
        { Name: 'A', Is_Current__c: true },
        { Name: 'B', Is_Current__c: true }
      ])
    );
    expect(several).toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      fields: ['Is_Current__c']
    });
  });

  it('checks criterion ids and keys the control-criterion junction (ControlCriterionHandler)', () => {
    const control = preview.store.create('Trust_Control__c', {
      Name: 'Change approvals',
      Control_Id__c: 'CHG-01'
    });
    const mapping = preview.store.create('Control_Criterion__c', {
      Trust_Control__c: control.Id,
      Criterion__c: ' cc8.1 '
    });
    expect(mapping).toMatchObject({ Criterion__c: 'CC8.1', Key__c: 'CHG-01:CC8.1' });
    const [invalid] = problemsOf(() =>
      preview.store.create('Control_Criterion__c', { Trust_Control__c: control.Id, Criterion__c: 'CC99.9' })
    );
    expect(invalid?.message).toBe('CC99.9 is not a Trust Services Criterion (expected an id such as CC6.1).');
  });

  it('computes roll-up summaries from the child records', () => {
    const questionnaire = preview.store.create('Security_Questionnaire__c', { Name: 'HECVAT Lite' });
    preview.store.create('Questionnaire_Item__c', {
      Security_Questionnaire__c: questionnaire.Id,
      Review_Status__c: 'Approved'
    });
    preview.store.create('Questionnaire_Item__c', { Security_Questionnaire__c: questionnaire.Id });
    const saved = preview.store.get(String(questionnaire.Id))?.values;
    expect(saved).toMatchObject({ Item_Count__c: 2, Approved_Count__c: 1, Answered_Count__c: 1 });
  });

  it('refuses to delete a record that restricted lookups still point to', () => {
    const account = preview.store.create('Account', { Name: 'Tidewater County Public Schools' });
    preview.store.create('Customer_Communication__c', { Account__c: account.Id, Channel__c: 'Phone' });
    const [restricted] = problemsOf(() => preview.store.delete(String(account.Id)));
    expect(restricted?.errorCode).toBe('DELETE_FAILED');
    expect(preview.store.get(String(account.Id))).toBeDefined();
  });

  it('shapes a rejected save for Lightning Data Service and for Apex', () => {
    const error = new RecordSaveError('insert', [
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name]',
        fields: ['Name']
      },
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Not allowed.', fields: [] }
    ]);
    expect(uiApiRecordErrorBody(error, () => 'Account Name')).toEqual({
      enhancedErrorType: 'RecordError',
      message: 'An error occurred while trying to update the record. Please try again.',
      output: {
        errors: [
          {
            constituentField: null,
            duplicateRecordError: null,
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            field: null,
            fieldLabel: null,
            message: 'Not allowed.'
          }
        ],
        fieldErrors: {
          Name: [
            {
              constituentField: null,
              duplicateRecordError: null,
              errorCode: 'REQUIRED_FIELD_MISSING',
              field: 'Name',
              fieldLabel: 'Account Name',
              message: 'Required fields are missing: [Name]'
            }
          ]
        }
      }
    });
    expect(dmlExceptionBody(error)).toMatchObject({
      exceptionType: 'System.DmlException',
      message:
        'Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [Name]: [Name]',
      pageErrors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Not allowed.' }],
      fieldErrors: {
        Name: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]' }]
      }
    });
  });
});
