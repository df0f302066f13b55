import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../lib/diagnostics';
import { walk } from '../lib/files';
import {
  type LeastPrivilegePolicy,
  type Matrix,
  type PackageContents,
  type PermissionSetGroupModel,
  type PermissionSetModel,
  accessMatrix,
  checkPermissionSetGroups,
  checkPermissionSets,
  diffMatrix,
  loadPackageContents,
  loadPermissionSetGroups,
  loadPermissionSets,
  parsePermissionSet
} from '../lib/permissionMatrix';

/**
 * The access each persona has, stated once here and compared with what the permission set files grant.
 * A change of access is a change of this table: reviewers see it, and a new object or field fails the test
 * until someone decides who may read and edit it.
 */

const SOURCE = path.join(projectRoot(), 'force-app', 'main', 'default');

const ADMIN = 'TrustDesk_Compliance_Admin';
const MANAGER = 'TrustDesk_Account_Manager';
const SALES = 'TrustDesk_Sales_Rep';
const RESPONDER = 'TrustDesk_Questionnaire_Responder';
/** The table's columns, in this order. */
const PERSONAS = [ADMIN, MANAGER, SALES, RESPONDER] as const;
type Row = readonly [admin: string, manager: string, sales: string, responder: string];

/**
 * Object access: C(reate) R(ead) E(dit) D(elete), +V View All Records, - none.
 *
 * - Records of the audit programme (cycles, exceptions, controls, evidence, templates, crisis events, library
 *   entries) are closed or retired, never deleted: an auditor asks what was known when. Only the criteria and
 *   control mappings, which are configuration, can be deleted, by the compliance admin.
 * - Nobody deletes a customer communication, draft or sent: it is the record of what a customer was told.
 * - View All, for the compliance admin only, on the objects whose records other people own (control owners,
 *   exception owners, proposing responders, account managers): the shipped sharing is public read/write, but
 *   an org that makes them private must not silently hide a broken control or an unsent notice from the
 *   person accountable for them. Modify All is never granted (it implies delete).
 * - The compliance admin creates communications too: regulator notices and crisis campaigns are theirs.
 * - Responders read the control-criterion and library-control mappings but do not change them: which
 *   controls an answer relies on decides when it is flagged, so the compliance admin links them on approval.
 * - Customer-facing personas read what the compliance gate derives from (exceptions, criteria mappings,
 *   evidence dates, open questionnaires), so their gate shows every section; reading grants no internal
 *   wording (see the field matrix).
 */
const OBJECT_MATRIX: Record<string, Row> = {
  //                             admin     manager  sales  responder
  Answer_Library_Entry__c: ['CRE+V', '-', '-', 'CRE'],
  Audit_Cycle__c: ['CRE', 'R', 'R', 'R'],
  // manager R: the gate and the audit cycle summary list the open exceptions of the current cycle.
  Audit_Exception__c: ['CRE+V', 'R', 'R', '-'],
  // manager R: the gate maps open exceptions' criteria to the controls behind them.
  Control_Criterion__c: ['CRED', 'R', 'R', 'R'],
  // manager and sales R: the gate and evidence window show each control's latest evidence date.
  Control_Evidence__c: ['CRE', 'R', 'R', '-'],
  Crisis_Event__c: ['CRE', 'R', 'R', '-'],
  Customer_Communication__c: ['CRE+V', 'CRE', 'R', '-'],
  Library_Entry_Control__c: ['CRED', '-', '-', 'R'],
  Message_Template__c: ['CRE', 'R', 'R', 'R'],
  Questionnaire_Item__c: ['R', '-', '-', 'CRE'],
  // manager R: the gate shows the account's open questionnaire, its status, due date and progress.
  Security_Questionnaire__c: ['R', 'R', 'R', 'CRE'],
  Trust_Control__c: ['CRE+V', 'R', 'R', 'R']
};

/**
 * Field-level security of every field that may appear in fieldPermissions: RW read and edit, R read only,
 * - hidden. Required and master-detail fields are absent: the platform gives them the object's access.
 *
 * - Derived values are read only for everyone: the compliance gate (Compliance_Gate__c, Gate_*), the open
 *   exception count, what sending stamps (template version, sent at/by), formulas and roll-ups.
 * - Internal wording: a control's Description__c is read by the compliance admin and by responders (who
 *   need to know how a control works to answer accurately); an exception's Finding__c and an evidence
 *   record's Notes__c and Link__c (the tester's remarks, the internal evidence store) only by the compliance
 *   admin. Customer-facing people (sales rep, account manager) see the Customer-Safe Summary.
 * - Evidence for customer-facing personas is its date and result (required fields, so not listed here):
 *   population, sample size and exceptions found are audit working figures nobody outside the compliance
 *   team quotes, and no component shows them to those personas.
 * - A crisis event's Coverage_* figures are written by the coverage snapshot batch only, in system mode:
 *   read only for everyone who reads crisis events.
 * - The customer's requirements on Account are the account manager's (from the contract); a sales rep
 *   cannot untick "SOC 2 required" to clear a gate. The sales rep edits only the deal's review stage.
 * - Responders write library drafts but not what makes an entry trusted: Status__c (approval), review
 *   dates, review interval and flags are the compliance admin's.
 * - External_Id__c, a loading key, is editable by whoever creates the object's records.
 * - Message text and subject are editable by the account manager until sent; the Apex trigger freezes them
 *   after that, which field-level security cannot express.
 */
const FIELD_MATRIX: Record<string, Row> = {
  //                                                 admin  manager sales responder
  'Account.Data_Regimes__c': ['R', 'RW', 'R', 'R'],
  'Account.External_Id__c': ['R', 'R', 'R', 'R'],
  'Account.Notification_Deadline_Hours__c': ['R', 'RW', 'R', 'R'],
  'Account.Processes_Personal_Data__c': ['R', 'RW', 'R', 'R'],
  'Account.Required_Categories__c': ['R', 'RW', 'R', 'R'],
  'Account.SOC2_Required__c': ['R', 'RW', 'R', 'R'],
  'Account.Suspension_Clause__c': ['R', 'RW', 'R', 'R'],
  'Opportunity.Compliance_Gate__c': ['R', 'R', 'R', 'R'],
  'Opportunity.External_Id__c': ['R', 'R', 'R', 'R'],
  'Opportunity.Gate_Evaluated_At__c': ['R', 'R', 'R', 'R'],
  'Opportunity.Gate_Expected_Clear__c': ['R', 'R', 'R', 'R'],
  'Opportunity.Gate_Reason__c': ['R', 'R', 'R', 'R'],
  'Opportunity.Security_Review_Stage__c': ['R', 'R', 'RW', 'R'],

  'Answer_Library_Entry__c.Alternate_Phrasings__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Answer__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Category__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Criteria__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Entry_Key__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Flag_Reason__c': ['RW', '-', '-', 'R'],
  'Answer_Library_Entry__c.Flagged_On__c': ['RW', '-', '-', 'R'],
  'Answer_Library_Entry__c.Last_Reviewed_On__c': ['RW', '-', '-', 'R'],
  'Answer_Library_Entry__c.Next_Review_On__c': ['R', '-', '-', 'R'],
  'Answer_Library_Entry__c.Question__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Review_Interval_Days__c': ['RW', '-', '-', 'R'],
  'Answer_Library_Entry__c.Short_Answer__c': ['RW', '-', '-', 'RW'],
  'Answer_Library_Entry__c.Status__c': ['RW', '-', '-', 'R'],

  'Audit_Cycle__c.Auditor__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Bridge_Letter_Valid_Until__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.External_Id__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Framework__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Is_Current__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Open_Exception_Count__c': ['R', 'R', 'R', 'R'],
  'Audit_Cycle__c.Opinion__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Period_End__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Period_Start__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Reaudit_Target_Date__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Report_Date__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Report_Type__c': ['RW', 'R', 'R', 'R'],
  'Audit_Cycle__c.Status__c': ['RW', 'R', 'R', 'R'],

  // manager R (with the object): the loading key, as for every reader of the object.
  'Audit_Exception__c.External_Id__c': ['RW', 'R', 'R', '-'],
  // manager stays -: the auditor's internal wording, compliance admin only.
  'Audit_Exception__c.Finding__c': ['RW', '-', '-', '-'],
  // manager R: severity, status and control are what the gate and cycle summary show.
  'Audit_Exception__c.Severity__c': ['RW', 'R', 'R', '-'],
  'Audit_Exception__c.Status__c': ['RW', 'R', 'R', '-'],
  'Audit_Exception__c.Trust_Control__c': ['RW', 'R', 'R', '-'],

  // manager R (with the object): the mapping key, as for the sales rep.
  'Control_Criterion__c.Key__c': ['RW', 'R', 'R', 'R'],

  // manager and sales stay - on evidence details: only the date and result (required) are needed.
  'Control_Evidence__c.Exceptions_Found__c': ['RW', '-', '-', '-'],
  // manager and sales R (with the object): the loading key, as for every reader of the object.
  'Control_Evidence__c.External_Id__c': ['RW', 'R', 'R', '-'],
  'Control_Evidence__c.Link__c': ['RW', '-', '-', '-'],
  'Control_Evidence__c.Notes__c': ['RW', '-', '-', '-'],
  'Control_Evidence__c.Population__c': ['RW', '-', '-', '-'],
  'Control_Evidence__c.Sample_Size__c': ['RW', '-', '-', '-'],

  'Crisis_Event__c.Audit_Cycle__c': ['RW', 'R', 'R', '-'],
  // new: coverage snapshot figures, derived by the batch; read only where crisis events are read.
  'Crisis_Event__c.Coverage_Acknowledged__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Computed_At__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Notified_Late__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Notified__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Overdue_Follow_Ups__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Past_Deadline__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Coverage_Targeted__c': ['R', 'R', 'R', '-'],
  'Crisis_Event__c.Data_Regimes__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Event_Type__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.External_Id__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Personal_Data_Involved__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Regulator_Deadline_Hours__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Regulator_Notified_At__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Severity__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Status__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Target_Personal_Data__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Target_Regimes__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Target_Requires_SOC2__c': ['RW', 'R', 'R', '-'],
  'Crisis_Event__c.Target_Suspension_Clause__c': ['RW', 'R', 'R', '-'],

  'Customer_Communication__c.Acknowledged_At__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Acknowledged_By__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Audience__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Channel__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Commitment_Due__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Commitment__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Contact__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Crisis_Event__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.External_Id__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Follow_Up_Due__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Follow_Up_Reason__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Follow_Up_Required__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Message_Template__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Message_Text__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Opportunity__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Recipient_Email__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Related_Control__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Sent_At__c': ['R', 'R', 'R', '-'],
  'Customer_Communication__c.Sent_By__c': ['R', 'R', 'R', '-'],
  'Customer_Communication__c.Status__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Subject__c': ['RW', 'RW', 'R', '-'],
  'Customer_Communication__c.Template_Version__c': ['R', 'R', 'R', '-'],

  'Library_Entry_Control__c.Key__c': ['RW', '-', '-', 'R'],

  'Message_Template__c.Approval_Status__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Approved_By__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Approved_On__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Body__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Purpose__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Subject__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Template_Key__c': ['RW', 'R', 'R', 'R'],
  'Message_Template__c.Version__c': ['RW', 'R', 'R', 'R'],

  'Questionnaire_Item__c.Answer__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Choices__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Confidence_Band__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.External_Id__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Item_Key__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Match_Score__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Question__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Response_Type__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Review_Status__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.SME__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Section__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Short_Answer__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Sort_Order__c': ['R', '-', '-', 'RW'],
  'Questionnaire_Item__c.Suggested_Entry__c': ['R', '-', '-', 'RW'],

  // manager R on account and opportunity: the gate finds the open questionnaire by them (user mode).
  'Security_Questionnaire__c.Account__c': ['R', 'R', 'R', 'RW'],
  // manager R: the gate shows the questionnaire's progress (roll-ups), due date, format and status.
  'Security_Questionnaire__c.Answered_Count__c': ['R', 'R', 'R', 'R'],
  'Security_Questionnaire__c.Approved_Count__c': ['R', 'R', 'R', 'R'],
  'Security_Questionnaire__c.Due_Date__c': ['R', 'R', 'R', 'RW'],
  // manager R (with the object): the loading key, as for every reader of the object.
  'Security_Questionnaire__c.External_Id__c': ['R', 'R', 'R', 'RW'],
  'Security_Questionnaire__c.Format__c': ['R', 'R', 'R', 'RW'],
  'Security_Questionnaire__c.Item_Count__c': ['R', 'R', 'R', 'R'],
  'Security_Questionnaire__c.Opportunity__c': ['R', 'R', 'R', 'RW'],
  // manager stays -: the imported file's name is the responders' working detail; no component shows it.
  'Security_Questionnaire__c.Source_File_Name__c': ['R', '-', 'R', 'RW'],
  'Security_Questionnaire__c.Status__c': ['R', 'R', 'R', 'RW'],

  'Trust_Control__c.Clean_Window_Days__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Control_Id__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Customer_Safe_Summary__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Description__c': ['RW', '-', '-', 'R'],
  'Trust_Control__c.Evidence_Cadence__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Remediated_On__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Remediation_Due__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Status__c': ['RW', 'R', 'R', 'R'],
  'Trust_Control__c.Surfaces__c': ['RW', 'R', 'R', 'R']
};

/**
 * Apex classes: Y enabled, - none. Only the controllers the components call (`@salesforce/apex/...`). Each
 * runs with sharing and reads and writes in user mode, so a class grant never widens record or field
 * access: it lets the persona open the component, which shows what their object and field access allow.
 *
 * - Compliance gate, notification timeline and crisis coverage: on Account, Opportunity and Crisis Event
 *   pages, for the customer-facing personas and the compliance admin; responders do not use those pages.
 * - The sales rep reads the notification timeline; logging and acknowledging insert and update in user
 *   mode, which the sales rep's read-only Customer Communication access refuses.
 * - Control board: the compliance admin's working page.
 * - Command center and audit cycle summary: everyone; a section the persona cannot read comes back empty.
 * - Questionnaire workspace: responders, and the compliance admin to read it (import and save need edit on
 *   items, which the admin lacks). Not the sales rep: it loads the questionnaire's items, which the sales
 *   rep cannot read, so every call would end in the no-access message.
 * - Answer library manager: the compliance admin and responders, the personas who read library entries.
 */
const CLASS_MATRIX: Record<string, Row> = {
  //                               admin manager sales responder
  AnswerLibraryController: ['Y', '-', '-', 'Y'],
  AuditCycleSummaryController: ['Y', 'Y', 'Y', 'Y'],
  CommandCenterController: ['Y', 'Y', 'Y', 'Y'],
  ComplianceGateController: ['Y', 'Y', 'Y', '-'],
  ControlBoardController: ['Y', '-', '-', '-'],
  CrisisCoverageController: ['Y', 'Y', 'Y', '-'],
  CustomerCommunicationController: ['Y', 'Y', 'Y', '-'],
  QuestionnaireController: ['Y', '-', '-', 'Y']
};

/**
 * Tabs of the package's app pages (object tabs follow read access: the policy checks them): the visibility
 * granted, - none.
 *
 * - Command Center: first in the app, which opens on it; figures the persona cannot read are left out.
 * - Control Board: the compliance admin's; the others see a control's status on its record.
 * - Answer Library: the personas who read library entries.
 */
const PAGE_TAB_MATRIX: Record<string, Row> = {
  //                               admin      manager    sales      responder
  Trust_Desk_Answer_Library: ['Visible', '-', '-', 'Visible'],
  Trust_Desk_Control_Board: ['Visible', '-', '-', '-'],
  Trust_Desk_Home: ['Visible', 'Visible', 'Visible', 'Visible']
};

/**
 * Custom permissions: Y enabled, - none.
 *
 * - Approve Answers: an approver's edit keeps an Approved library entry Approved, anyone else's sends it back
 *   to Needs Review. Approving library entries is the compliance admin's, so only they hold it.
 * - Log Notifications: shows the Log Customer Notification action on the Account page. Held by the sets that
 *   create communications (the compliance admin, the account manager); a sales rep reads the timeline but
 *   the action would fail on save for them.
 * - Answer Questionnaires: shows the questionnaire workspace on the Security Questionnaire page. Held by the
 *   sets with QuestionnaireController (the compliance admin, responders); anyone else would see an Apex
 *   access error in its place.
 */
const CUSTOM_PERMISSION_MATRIX: Record<string, Row> = {
  //                               admin manager sales responder
  TrustDesk_Answer_Questionnaires: ['-', '-', '-', 'Y'],
  TrustDesk_Approve_Answers: ['Y', '-', '-', '-'],
  TrustDesk_Log_Notifications: ['Y', 'Y', '-', '-']
};

/** Custom permissions that show a feature on a page, with the access the feature needs. */
const FEATURE_PERMISSIONS: LeastPrivilegePolicy['featurePermissions'] = {
  TrustDesk_Answer_Questionnaires: { kind: 'create', object: 'Questionnaire_Item__c' },
  TrustDesk_Log_Notifications: { kind: 'create', object: 'Customer_Communication__c' }
};

/** Objects whose records only the compliance admin creates, edits or deletes. */
const COMPLIANCE_OBJECTS = [
  'Audit_Cycle__c',
  'Audit_Exception__c',
  'Control_Criterion__c',
  'Control_Evidence__c',
  'Crisis_Event__c',
  'Library_Entry_Control__c',
  'Message_Template__c',
  'Trust_Control__c'
];

const GATE_FIELDS = [
  'Opportunity.Compliance_Gate__c',
  'Opportunity.Gate_Evaluated_At__c',
  'Opportunity.Gate_Expected_Clear__c',
  'Opportunity.Gate_Reason__c'
];

/** What the coverage snapshot batch stores on a crisis event, in system mode. */
const COVERAGE_FIELDS = [
  'Crisis_Event__c.Coverage_Acknowledged__c',
  'Crisis_Event__c.Coverage_Computed_At__c',
  'Crisis_Event__c.Coverage_Notified__c',
  'Crisis_Event__c.Coverage_Notified_Late__c',
  'Crisis_Event__c.Coverage_Overdue_Follow_Ups__c',
  'Crisis_Event__c.Coverage_Past_Deadline__c',
  'Crisis_Event__c.Coverage_Targeted__c'
];

const POLICY: LeastPrivilegePolicy = {
  undeletable: ['Customer_Communication__c'],
  viewAllAllowed: {
    [ADMIN]: [
      'Answer_Library_Entry__c',
      'Audit_Exception__c',
      'Customer_Communication__c',
      'Trust_Control__c'
    ]
  },
  modifyAllAllowed: {},
  userPermissionsAllowed: {},
  exclusiveEditors: Object.fromEntries(COMPLIANCE_OBJECTS.map((object) => [object, [ADMIN]])),
  systemFields: [
    ...GATE_FIELDS,
    ...COVERAGE_FIELDS,
    'Audit_Cycle__c.Open_Exception_Count__c',
    'Customer_Communication__c.Sent_At__c',
    'Customer_Communication__c.Sent_By__c',
    'Customer_Communication__c.Template_Version__c'
  ],
  restrictedReaders: {
    'Trust_Control__c.Description__c': [ADMIN, RESPONDER],
    'Audit_Exception__c.Finding__c': [ADMIN],
    'Control_Evidence__c.Notes__c': [ADMIN],
    'Control_Evidence__c.Link__c': [ADMIN]
  },
  application: 'Trust_Desk',
  featurePermissions: FEATURE_PERMISSIONS
};

/** A table of rows by persona column, as a matrix keyed by permission set name. */
function byPersona(table: Record<string, Row>): Matrix {
  return Object.fromEntries(
    Object.entries(table).map(([row, cells]) => [
      row,
      Object.fromEntries(PERSONAS.map((persona, column) => [persona, cells[column] ?? '']))
    ])
  );
}

/** The Apex classes the components call: `@salesforce/apex/Class.method` imports in their sources. */
function componentControllers(): Set<string> {
  const sources = walk(
    path.join(SOURCE, 'lwc'),
    (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.split(path.sep).includes('__tests__')
  );
  const controllers = new Set<string>();
  for (const file of sources) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/['"]@salesforce\/apex\/(\w+)\.\w+['"]/g)) {
      if (match[1]) controllers.add(match[1]);
    }
  }
  return controllers;
}

/** A matrix over the given rows (sorted, once each), with the cell each set gives a row. */
function grantMatrix(
  all: readonly PermissionSetModel[],
  rows: Iterable<string>,
  cell: (set: PermissionSetModel, row: string) => string
): Matrix {
  return Object.fromEntries(
    [...new Set(rows)]
      .sort()
      .map((row) => [row, Object.fromEntries(all.map((set) => [set.name, cell(set, row)]))])
  );
}

/** Class access over every controller a component calls and every class a set names. */
function classMatrix(all: readonly PermissionSetModel[], controllers: ReadonlySet<string>): Matrix {
  return grantMatrix(all, [...controllers, ...all.flatMap((set) => [...set.classes.keys()])], (set, row) =>
    set.classes.get(row) ? 'Y' : '-'
  );
}

/** Tab visibility over the package's tabs that are not object tabs, and any such tab a set names. */
function pageTabMatrix(all: readonly PermissionSetModel[], packageContents: PackageContents): Matrix {
  const rows = [...packageContents.tabs, ...all.flatMap((set) => [...set.tabs.keys()])].filter(
    (tab) => !packageContents.objects.has(tab)
  );
  return grantMatrix(all, rows, (set, row) => set.tabs.get(row) ?? '-');
}

/** Custom permissions over the package's and any a set names. */
function customPermissionMatrix(
  all: readonly PermissionSetModel[],
  packageContents: PackageContents
): Matrix {
  const rows = [
    ...packageContents.customPermissions,
    ...all.flatMap((set) => [...set.customPermissions.keys()])
  ];
  return grantMatrix(all, rows, (set, row) => (set.customPermissions.get(row) ? 'Y' : '-'));
}

let sets: PermissionSetModel[];
let groups: PermissionSetGroupModel[];
let contents: PackageContents;
let controllers: Set<string>;

beforeAll(() => {
  sets = loadPermissionSets(SOURCE);
  groups = loadPermissionSetGroups(SOURCE);
  contents = loadPackageContents(SOURCE);
  controllers = componentControllers();
});

const setNamed = (all: readonly PermissionSetModel[], name: string): PermissionSetModel => {
  const found = all.find((set) => set.name === name);
  if (!found) {
    throw new Error(`no permission set ${name}`);
  }
  return found;
};

/** Everything the checks report: the least-privilege rules, then the differences from the tables. */
function allProblems(all: readonly PermissionSetModel[], packageContents: PackageContents): string[] {
  const matrix = accessMatrix(all, packageContents);
  return [
    ...checkPermissionSets(all, packageContents, POLICY).map(
      (diagnostic) => `${diagnostic.subject ?? ''}: ${diagnostic.message}`
    ),
    ...diffMatrix(byPersona(OBJECT_MATRIX), matrix.objects),
    ...diffMatrix(byPersona(FIELD_MATRIX), matrix.fields),
    ...diffMatrix(byPersona(CLASS_MATRIX), classMatrix(all, controllers)),
    ...diffMatrix(byPersona(PAGE_TAB_MATRIX), pageTabMatrix(all, packageContents)),
    ...diffMatrix(byPersona(CUSTOM_PERMISSION_MATRIX), customPermissionMatrix(all, packageContents))
  ];
}

describe('persona permission sets', () => {
  it('are the four personas, each with a label and a description', () => {
    expect(sets.map((set) => set.name).sort()).toEqual([...PERSONAS].sort());
    for (const set of sets) {
      expect(set.label).toMatch(/^Trust Desk /);
      expect(set.description).toBeDefined();
    }
  });

  it('grant exactly the object access matrix', () => {
    expect(diffMatrix(byPersona(OBJECT_MATRIX), accessMatrix(sets, contents).objects)).toEqual([]);
  });

  it('grant exactly the field-level security matrix, which names every field that can take one', () => {
    expect(diffMatrix(byPersona(FIELD_MATRIX), accessMatrix(sets, contents).fields)).toEqual([]);
  });

  it('follow every least-privilege rule', () => {
    expect(checkPermissionSets(sets, contents, POLICY)).toEqual([]);
  });

  it('grant exactly the Apex class matrix, which names every controller a component calls', () => {
    expect(diffMatrix(byPersona(CLASS_MATRIX), classMatrix(sets, controllers))).toEqual([]);
    expect(Object.keys(CLASS_MATRIX).filter((name) => !controllers.has(name))).toEqual([]);
  });

  it('grant exactly the app page tabs', () => {
    expect(diffMatrix(byPersona(PAGE_TAB_MATRIX), pageTabMatrix(sets, contents))).toEqual([]);
  });

  it('grant exactly the custom permissions: only the compliance admin approves answers', () => {
    expect(diffMatrix(byPersona(CUSTOM_PERMISSION_MATRIX), customPermissionMatrix(sets, contents))).toEqual(
      []
    );
    expect(
      sets.filter((set) => set.customPermissions.get('TrustDesk_Approve_Answers')).map((set) => set.name)
    ).toEqual([ADMIN]);
  });

  it('show the Log Customer Notification action exactly to the sets that create communications', () => {
    const holders = sets.filter((set) => set.customPermissions.get('TrustDesk_Log_Notifications'));
    const creators = sets.filter((set) => set.objects.get('Customer_Communication__c')?.create);
    expect(holders.map((set) => set.name).sort()).toEqual([ADMIN, MANAGER].sort());
    expect(creators.map((set) => set.name).sort()).toEqual([ADMIN, MANAGER].sort());
  });

  it('show the questionnaire workspace exactly to the sets that import and answer questionnaire items', () => {
    const holders = sets.filter((set) => set.customPermissions.get('TrustDesk_Answer_Questionnaires'));
    const importers = sets.filter((set) => set.objects.get('Questionnaire_Item__c')?.create);
    expect(holders.map((set) => set.name)).toEqual([RESPONDER]);
    expect(importers.map((set) => set.name)).toEqual([RESPONDER]);
    for (const set of holders) {
      expect([set.name, set.classes.get('QuestionnaireController')]).toEqual([set.name, true]);
    }
  });

  it('keep coverage figures read only: only the snapshot batch writes them', () => {
    for (const set of sets) {
      for (const field of COVERAGE_FIELDS) {
        expect([set.name, field, set.fields.get(field)?.editable ?? false]).toEqual([set.name, field, false]);
      }
    }
    expect(setNamed(sets, RESPONDER).objects.get('Crisis_Event__c')?.read ?? false).toBe(false);
  });

  it('let nobody delete a customer communication', () => {
    for (const set of sets) {
      const access = set.objects.get('Customer_Communication__c');
      expect({
        set: set.name,
        delete: access?.delete ?? false,
        modifyAll: access?.modifyAll ?? false
      }).toEqual({
        set: set.name,
        delete: false,
        modifyAll: false
      });
    }
  });

  it('let only the compliance admin change controls, evidence, cycles, exceptions, templates and crisis events', () => {
    const changers = COMPLIANCE_OBJECTS.map((object) => [
      object,
      sets
        .filter((set) => {
          const access = set.objects.get(object);
          return Boolean(access && (access.create || access.edit || access.delete));
        })
        .map((set) => set.name)
    ]);
    expect(Object.fromEntries(changers)).toEqual(
      Object.fromEntries(COMPLIANCE_OBJECTS.map((object) => [object, [ADMIN]]))
    );
  });

  it('let a sales rep read the gate and the controls but edit no control field', () => {
    const sales = setNamed(sets, SALES);
    for (const field of GATE_FIELDS) {
      expect([field, sales.fields.get(field)]).toEqual([field, { readable: true, editable: false }]);
    }
    expect(sales.objects.get('Trust_Control__c')).toMatchObject({
      read: true,
      create: false,
      edit: false,
      delete: false
    });
    const editableControlFields = [...sales.fields]
      .filter(([field, access]) => field.startsWith('Trust_Control__c.') && access.editable)
      .map(([field]) => field);
    expect(editableControlFields).toEqual([]);
    expect(sales.fields.get('Trust_Control__c.Customer_Safe_Summary__c')).toEqual({
      readable: true,
      editable: false
    });
  });

  it('keep the compliance gate read only for everyone: only the system derives it', () => {
    for (const set of sets) {
      for (const field of GATE_FIELDS) {
        expect([set.name, field, set.fields.get(field)]).toEqual([
          set.name,
          field,
          { readable: true, editable: false }
        ]);
      }
    }
  });

  it('keep internal wording from customer-facing personas', () => {
    for (const name of [SALES, MANAGER]) {
      const set = setNamed(sets, name);
      expect(set.fields.get('Trust_Control__c.Description__c')?.readable).toBe(false);
      expect(set.fields.get('Audit_Exception__c.Finding__c')?.readable ?? false).toBe(false);
      expect(set.fields.get('Control_Evidence__c.Notes__c')?.readable ?? false).toBe(false);
      expect(set.fields.get('Control_Evidence__c.Link__c')?.readable ?? false).toBe(false);
    }
  });

  it('let account managers write the message text and sales reps only read it', () => {
    const field = 'Customer_Communication__c.Message_Text__c';
    expect(setNamed(sets, MANAGER).fields.get(field)).toEqual({ readable: true, editable: true });
    expect(setNamed(sets, SALES).fields.get(field)).toEqual({ readable: true, editable: false });
    expect(setNamed(sets, SALES).objects.get('Customer_Communication__c')).toMatchObject({
      read: true,
      create: false,
      edit: false
    });
  });

  it('let sales reps open the notification timeline, whose logging and acknowledging their access refuses', () => {
    const sales = setNamed(sets, SALES);
    expect(sales.classes.get('CustomerCommunicationController')).toBe(true);
    expect(sales.objects.get('Customer_Communication__c')).toMatchObject({ create: false, edit: false });
    const editable = [...sales.fields]
      .filter(([field, access]) => field.startsWith('Customer_Communication__c.') && access.editable)
      .map(([field]) => field);
    expect(editable).toEqual([]);
  });

  it('let responders propose library entries but not approve them', () => {
    const responder = setNamed(sets, RESPONDER);
    expect(responder.objects.get('Answer_Library_Entry__c')).toMatchObject({
      create: true,
      edit: true,
      delete: false
    });
    expect(responder.fields.get('Answer_Library_Entry__c.Answer__c')).toEqual({
      readable: true,
      editable: true
    });
    expect(responder.fields.get('Answer_Library_Entry__c.Status__c')).toEqual({
      readable: true,
      editable: false
    });
    expect(setNamed(sets, ADMIN).fields.get('Answer_Library_Entry__c.Status__c')).toEqual({
      readable: true,
      editable: true
    });
  });

  it('grant no org-wide user permission, no Modify All, and the app and criteria to everyone', () => {
    for (const set of sets) {
      expect([set.name, [...set.userPermissions.keys()]]).toEqual([set.name, []]);
      expect([...set.objects.values()].some((access) => access.modifyAll)).toBe(false);
      expect(set.applications.get('Trust_Desk')).toBe(true);
      expect(set.customMetadataTypes.get('Trust_Criterion__mdt')).toBe(true);
    }
  });

  it('grant class access only to @AuraEnabled classes of the package', () => {
    for (const set of sets) {
      for (const name of set.classes.keys()) {
        expect([set.name, name, contents.auraEnabledClasses.has(name)]).toEqual([set.name, name, true]);
      }
    }
  });
});

describe('persona permission set group', () => {
  it('combines the account manager and the responder, and says how to combine the others', () => {
    expect(checkPermissionSetGroups(groups, sets)).toEqual([]);
    expect(groups.map((group) => [group.name, group.permissionSets])).toEqual([
      ['TrustDesk_Account_Manager_Responder', [MANAGER, RESPONDER]]
    ]);
    expect(groups[0]?.description).toMatch(/Sales Rep and Questionnaire Responder/);
  });
});

describe('the checks report a broken permission set', () => {
  /** Parsed copies to break, so one case never leaks into another. */
  const copies = (): PermissionSetModel[] => structuredClone(sets);

  type Breakage = (all: PermissionSetModel[], packageContents: PackageContents) => void;
  const cases: Array<[string, Breakage, RegExp[]]> = [
    [
      'an account manager who may delete communications',
      (all) => {
        const access = setNamed(all, MANAGER).objects.get('Customer_Communication__c');
        if (access) access.delete = true;
      },
      [
        /TrustDesk_Account_Manager objectPermissions Customer_Communication__c: grants delete, but nobody may delete/,
        /^Customer_Communication__c \/ TrustDesk_Account_Manager: expected CRE, found CRED$/
      ]
    ],
    [
      'a sales rep who may edit controls',
      (all) => {
        const sales = setNamed(all, SALES);
        const access = sales.objects.get('Trust_Control__c');
        if (access) access.edit = true;
        sales.fields.set('Trust_Control__c.Status__c', { readable: true, editable: true });
      },
      [
        /TrustDesk_Sales_Rep objectPermissions Trust_Control__c: grants create, edit or delete, but only TrustDesk_Compliance_Admin/,
        /^Trust_Control__c \/ TrustDesk_Sales_Rep: expected R, found RE$/,
        /^Trust_Control__c.Status__c \/ TrustDesk_Sales_Rep: expected R, found RW$/
      ]
    ],
    [
      'an editable field on an object the set only reads',
      (all) => {
        setNamed(all, RESPONDER).fields.set('Trust_Control__c.Status__c', { readable: true, editable: true });
      },
      [
        /TrustDesk_Questionnaire_Responder fieldPermissions Trust_Control__c.Status__c: is editable but the set can neither/
      ]
    ],
    [
      'a sales rep who can edit the compliance gate',
      (all) => {
        setNamed(all, SALES).fields.set('Opportunity.Compliance_Gate__c', { readable: true, editable: true });
      },
      [
        /TrustDesk_Sales_Rep fieldPermissions Opportunity.Compliance_Gate__c: is derived by the system/,
        /^Opportunity.Compliance_Gate__c \/ TrustDesk_Sales_Rep: expected R, found RW$/
      ]
    ],
    [
      'a sales rep who reads internal findings and control descriptions',
      (all) => {
        const sales = setNamed(all, SALES);
        sales.fields.set('Audit_Exception__c.Finding__c', { readable: true, editable: false });
        sales.fields.set('Trust_Control__c.Description__c', { readable: true, editable: false });
      },
      [
        /TrustDesk_Sales_Rep fieldPermissions Audit_Exception__c.Finding__c: is internal/,
        /TrustDesk_Sales_Rep fieldPermissions Trust_Control__c.Description__c: is internal/
      ]
    ],
    [
      'a View All outside the allowed list',
      (all) => {
        const access = setNamed(all, RESPONDER).objects.get('Security_Questionnaire__c');
        if (access) access.viewAll = true;
      },
      [
        /TrustDesk_Questionnaire_Responder objectPermissions Security_Questionnaire__c: grants View All Records/
      ]
    ],
    [
      'Modify All, even for the compliance admin',
      (all) => {
        const access = setNamed(all, ADMIN).objects.get('Trust_Control__c');
        if (access) access.modifyAll = true;
      },
      [
        /TrustDesk_Compliance_Admin objectPermissions Trust_Control__c: grants Modify All without View All, edit and delete/,
        /TrustDesk_Compliance_Admin objectPermissions Trust_Control__c: grants Modify All Records, which is not in the allowed list/
      ]
    ],
    [
      'an org-wide user permission',
      (all) => {
        setNamed(all, ADMIN).userPermissions.set('ModifyAllData', true);
        setNamed(all, SALES).userPermissions.set('ViewAllData', true);
      },
      [
        /TrustDesk_Compliance_Admin userPermissions ModifyAllData: is an org-wide user permission/,
        /TrustDesk_Sales_Rep userPermissions ViewAllData: is an org-wide user permission/
      ]
    ],
    [
      'a field that does not exist',
      (all) => {
        setNamed(all, ADMIN).fields.set('Trust_Control__c.Owner_Email__c', {
          readable: true,
          editable: false
        });
      },
      [
        /TrustDesk_Compliance_Admin fieldPermissions Trust_Control__c.Owner_Email__c: names a field the package does not define/
      ]
    ],
    [
      'a required or master-detail field in fieldPermissions',
      (all) => {
        const admin = setNamed(all, ADMIN);
        admin.fields.set('Audit_Exception__c.Criterion__c', { readable: true, editable: true });
        admin.fields.set('Questionnaire_Item__c.Security_Questionnaire__c', {
          readable: true,
          editable: false
        });
      },
      [
        /Audit_Exception__c.Criterion__c: is required or master-detail \(Text\)/,
        /Questionnaire_Item__c.Security_Questionnaire__c: is required or master-detail \(MasterDetail\)/
      ]
    ],
    [
      'an editable formula or roll-up summary field',
      (all) => {
        const responder = setNamed(all, RESPONDER);
        responder.fields.set('Answer_Library_Entry__c.Next_Review_On__c', { readable: true, editable: true });
        responder.fields.set('Security_Questionnaire__c.Item_Count__c', { readable: true, editable: true });
      },
      [
        /Answer_Library_Entry__c.Next_Review_On__c: is a formula or auto-number field: only readable/,
        /Security_Questionnaire__c.Item_Count__c: is a roll-up summary field: only readable/
      ]
    ],
    [
      'a forgotten field of a readable object',
      (all) => {
        setNamed(all, SALES).fields.delete('Trust_Control__c.Description__c');
      },
      [/TrustDesk_Sales_Rep fieldPermissions Trust_Control__c.Description__c: is missing/]
    ],
    [
      'a new field that no permission set decides on',
      (_all, packageContents) => {
        packageContents.objects
          .get('Trust_Control__c')
          ?.fields.set('Risk_Rating__c', { name: 'Risk_Rating__c', type: 'Picklist', kind: 'normal' });
      },
      [
        /TrustDesk_Compliance_Admin fieldPermissions Trust_Control__c.Risk_Rating__c: is missing/,
        /TrustDesk_Sales_Rep fieldPermissions Trust_Control__c.Risk_Rating__c: is missing/,
        /^Trust_Control__c.Risk_Rating__c: not in the expected matrix/
      ]
    ],
    [
      'field access without object access',
      (all) => {
        setNamed(all, RESPONDER).fields.set('Control_Evidence__c.Population__c', {
          readable: true,
          editable: false
        });
      },
      [
        /TrustDesk_Questionnaire_Responder fieldPermissions Control_Evidence__c.Population__c: is readable but the set grants no read/
      ]
    ],
    [
      'a tab missing for a readable object, and one for an object the set cannot read',
      (all) => {
        setNamed(all, SALES).tabs.delete('Trust_Control__c');
        setNamed(all, RESPONDER).tabs.set('Audit_Exception__c', 'Visible');
      },
      [
        /TrustDesk_Sales_Rep tabSettings Trust_Control__c: must be Visible/,
        /TrustDesk_Questionnaire_Responder tabSettings Audit_Exception__c: is Visible but the set grants no read/
      ]
    ],
    [
      'access to a test class or a class components cannot call',
      (all) => {
        const admin = setNamed(all, ADMIN);
        admin.classes.set('TrustCriteria', true);
        admin.classes.set('NoSuchController', true);
      },
      [
        /TrustDesk_Compliance_Admin classAccesses TrustCriteria: names a class with no @AuraEnabled method/,
        /TrustDesk_Compliance_Admin classAccesses NoSuchController: names an Apex class the package does not define/
      ]
    ],
    [
      'a custom permission the package does not define, and approval granted to a responder',
      (all) => {
        setNamed(all, ADMIN).customPermissions.set('TrustDesk_Approve_Everything', true);
        setNamed(all, RESPONDER).customPermissions.set('TrustDesk_Approve_Answers', true);
      },
      [
        /TrustDesk_Compliance_Admin customPermissions TrustDesk_Approve_Everything: names a custom permission the package does not define/,
        /^TrustDesk_Approve_Answers \/ TrustDesk_Questionnaire_Responder: expected -, found Y$/
      ]
    ],
    [
      'the log notification action for a sales rep, who cannot create communications',
      (all) => {
        setNamed(all, SALES).customPermissions.set('TrustDesk_Log_Notifications', true);
      },
      [
        /^TrustDesk_Sales_Rep customPermissions TrustDesk_Log_Notifications: shows a feature that needs create on Customer_Communication__c, which the set does not grant$/,
        /^TrustDesk_Log_Notifications \/ TrustDesk_Sales_Rep: expected -, found Y$/
      ]
    ],
    [
      'the questionnaire workspace hidden from a responder, and shown to an account manager',
      (all) => {
        setNamed(all, RESPONDER).customPermissions.delete('TrustDesk_Answer_Questionnaires');
        setNamed(all, MANAGER).customPermissions.set('TrustDesk_Answer_Questionnaires', true);
      },
      [
        /^TrustDesk_Questionnaire_Responder customPermissions TrustDesk_Answer_Questionnaires: is missing: the set grants create on Questionnaire_Item__c, so it must show the feature$/,
        /^TrustDesk_Account_Manager customPermissions TrustDesk_Answer_Questionnaires: shows a feature that needs create on Questionnaire_Item__c, which the set does not grant$/,
        /^TrustDesk_Answer_Questionnaires \/ TrustDesk_Questionnaire_Responder: expected Y, found -$/,
        /^TrustDesk_Answer_Questionnaires \/ TrustDesk_Account_Manager: expected -, found Y$/
      ]
    ],
    [
      'create on communications granted to a responder without the action that uses it',
      (all) => {
        const responder = setNamed(all, RESPONDER);
        responder.objects.set('Customer_Communication__c', {
          create: true,
          read: true,
          edit: false,
          delete: false,
          viewAll: false,
          modifyAll: false
        });
      },
      [
        /^TrustDesk_Questionnaire_Responder customPermissions TrustDesk_Log_Notifications: is missing: the set grants create on Customer_Communication__c, so it must show the feature$/
      ]
    ],
    [
      'the control board for a sales rep, and a class no component calls',
      (all) => {
        const sales = setNamed(all, SALES);
        sales.classes.set('ControlBoardController', true);
        sales.tabs.set('Trust_Desk_Control_Board', 'Visible');
        setNamed(all, MANAGER).classes.set('ComplianceGateView', true);
      },
      [
        /^ControlBoardController \/ TrustDesk_Sales_Rep: expected -, found Y$/,
        /^Trust_Desk_Control_Board \/ TrustDesk_Sales_Rep: expected -, found Visible$/,
        /^ComplianceGateView: not in the expected matrix/
      ]
    ],
    [
      'a hidden app and an activation requirement',
      (all) => {
        const responder = setNamed(all, RESPONDER);
        responder.applications.set('Trust_Desk', false);
        responder.hasActivationRequired = true;
      },
      [
        /TrustDesk_Questionnaire_Responder applicationVisibilities Trust_Desk: must be visible/,
        /TrustDesk_Questionnaire_Responder hasActivationRequired: must be false/
      ]
    ]
  ];

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const all = copies();
    const packageContents = structuredClone(contents);
    expect(allProblems(all, packageContents)).toEqual([]);

    breakIt(all, packageContents);

    const problems = allProblems(all, packageContents);
    for (const pattern of expected) {
      expect(problems).toContainEqual(expect.stringMatching(pattern));
    }
  });

  it('reads duplicated entries and an over-long description from the XML itself', () => {
    const admin = setNamed(sets, ADMIN);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
  <applicationVisibilities><application>Trust_Desk</application><visible>true</visible></applicationVisibilities>
  <description>${'x'.repeat(256)}</description>
  <fieldPermissions><editable>false</editable><field>Opportunity.Gate_Reason__c</field><readable>true</readable></fieldPermissions>
  <fieldPermissions><editable>true</editable><field>Opportunity.Gate_Reason__c</field><readable>true</readable></fieldPermissions>
  <hasActivationRequired>false</hasActivationRequired>
  <label>Trust Desk Broken</label>
</PermissionSet>`;
    const broken = parsePermissionSet(admin.file.replace(ADMIN, 'TrustDesk_Broken'), xml);
    const messages = checkPermissionSets([broken], contents, POLICY).map(
      (diagnostic) => `${diagnostic.subject ?? ''}: ${diagnostic.message}`
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'TrustDesk_Broken description: is 256 characters long; the platform stores at most 255',
        'TrustDesk_Broken fieldPermissions Opportunity.Gate_Reason__c: is listed more than once',
        'TrustDesk_Broken fieldPermissions Opportunity.Gate_Reason__c: is derived by the system and must not be editable by anyone'
      ])
    );
  });

  it('reports a group that names an unknown set or mutes one', () => {
    const group: PermissionSetGroupModel = {
      name: 'TrustDesk_Broken_Group',
      file: 'TrustDesk_Broken_Group.permissionsetgroup-meta.xml',
      label: 'Broken',
      description: 'A group that combines a persona with a set the package does not have.',
      permissionSets: [SALES, 'TrustDesk_Auditor'],
      mutingPermissionSets: ['TrustDesk_Mute']
    };
    expect(checkPermissionSetGroups([group], sets).map((diagnostic) => diagnostic.subject)).toEqual([
      'TrustDesk_Broken_Group permissionSets TrustDesk_Auditor',
      'TrustDesk_Broken_Group mutingPermissionSets TrustDesk_Mute'
    ]);
  });
});
