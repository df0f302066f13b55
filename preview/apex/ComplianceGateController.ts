/**
 * Stand-in for `ComplianceGateController` (classes/ComplianceGateController.cls and ComplianceGateView.cls):
 * the compliance gate view of an Opportunity or Account in one call, with the same payload shape, the same
 * queries (as preview queries) and the same messages. The component derives the live gate from this payload
 * with `c/complianceGateRules`, so the preview serves inputs, not conclusions, exactly like the Apex.
 *
 * The preview user can read every section, so `restricted` is always empty here.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import type { RecordValues } from '../server/records';
import { ApexError } from '../server/errors';
import { normalizeId } from '../server/ids';
import { normalize } from './TrustCriteria';
import { todayIn } from '../server/clock';
import { asText } from '../shared/text';

export const UNSUPPORTED_RECORD_MESSAGE =
  'The compliance gate is shown on Opportunity and Account records only.';
export const NOT_FOUND_MESSAGE = 'This record was not found, or you do not have access to it.';
export const NOT_EVALUATED = 'Not Evaluated';

const TEMPLATE_PURPOSE = 'Procurement Response';
const TEMPLATE_APPROVED = 'Approved';
const EXCEPTION_CLOSED = 'Closed';
const SENT_STATUSES = ['Sent', 'Acknowledged'];
const OPEN_QUESTIONNAIRE_STATUSES = ['Received', 'In Progress', 'In Review'];
const GATE_ORDER = ['Blocked', 'At Risk', 'Clear'];
const AT_RISK_GATES = ['At Risk', 'Blocked'];
const MAX_EXCEPTIONS = 500;
const MAX_CONTROLS = 500;
const MAX_MAPPINGS = 2000;
const MAX_TEMPLATES = 200;

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : asText(value);
}

function whole(value: unknown): number | null {
  return typeof value === 'number' ? Math.trunc(value) : null;
}

function multiSelect(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
}

function accountView(record: RecordValues): Record<string, unknown> {
  return {
    id: record.Id,
    name: record.Name,
    soc2Required: record.SOC2_Required__c === true,
    suspensionClause: record.Suspension_Clause__c === true,
    processesPersonalData: record.Processes_Personal_Data__c === true,
    regimes: multiSelect(record.Data_Regimes__c),
    categories: multiSelect(record.Required_Categories__c),
    notificationDeadlineHours: whole(record.Notification_Deadline_Hours__c)
  };
}

function opportunityView(record: RecordValues): Record<string, unknown> {
  return {
    id: record.Id,
    name: record.Name,
    stageName: record.StageName,
    closeDate: record.CloseDate,
    amount: record.Amount,
    isClosed: record.IsClosed,
    storedGate: record.Compliance_Gate__c,
    gateReason: record.Gate_Reason__c,
    gateExpectedClear: record.Gate_Expected_Clear__c,
    gateEvaluatedAt: record.Gate_Evaluated_At__c,
    securityReviewStage: record.Security_Review_Stage__c
  };
}

function cycleView(record: RecordValues): Record<string, unknown> {
  return {
    id: record.Id,
    name: record.Name,
    framework: record.Framework__c,
    reportType: record.Report_Type__c,
    opinion: record.Opinion__c,
    status: record.Status__c,
    periodEnd: record.Period_End__c,
    reportDate: record.Report_Date__c,
    bridgeLetterValidUntil: record.Bridge_Letter_Valid_Until__c,
    reauditTargetDate: record.Reaudit_Target_Date__c
  };
}

function getGateView(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const recordId = normalizeId(params.recordId);
  const recordType = recordId ? store.objectOfId(recordId)?.apiName : undefined;
  if (!recordId || (recordType !== 'Opportunity' && recordType !== 'Account')) {
    throw new ApexError(UNSUPPORTED_RECORD_MESSAGE);
  }
  const view: Record<string, unknown> & { restricted: string[] } = {
    recordKind: recordType,
    today: todayIn(now),
    account: null,
    opportunity: null,
    cycle: null,
    exceptions: [],
    criteria: [],
    controls: [],
    latestCommunication: null,
    questionnaire: null,
    templates: [],
    mergeContext: {},
    pipeline: null,
    restricted: []
  };

  let deal: RecordValues | undefined;
  let accountId: unknown = recordId;
  if (recordType === 'Opportunity') {
    deal = store.query({
      object: 'Opportunity',
      where: { path: ['Id'], op: 'eq', value: recordId },
      limit: 1
    })[0];
    if (!deal) throw new ApexError(NOT_FOUND_MESSAGE);
    view.opportunity = opportunityView(deal);
    accountId = deal.AccountId;
  }
  const buyer =
    typeof accountId === 'string'
      ? store.query({ object: 'Account', where: { path: ['Id'], op: 'eq', value: accountId }, limit: 1 })[0]
      : undefined;
  if (!buyer && !deal) throw new ApexError(NOT_FOUND_MESSAGE);
  if (buyer) view.account = accountView(buyer);

  const cycle = store.query({
    object: 'Audit_Cycle__c',
    where: { path: ['Is_Current__c'], op: 'eq', value: true },
    orderBy: [{ path: ['LastModifiedDate'], direction: 'DESC' }],
    limit: 1
  })[0];
  view.cycle = cycle ? cycleView(cycle) : null;

  if (cycle) {
    const exceptions = store.query({
      object: 'Audit_Exception__c',
      where: {
        and: [
          { path: ['Audit_Cycle__c'], op: 'eq', value: cycle.Id },
          { path: ['Status__c'], op: 'ne', value: EXCEPTION_CLOSED }
        ]
      },
      orderBy: [
        { path: ['Criterion__c'], direction: 'ASC' },
        { path: ['Name'], direction: 'ASC' }
      ],
      limit: MAX_EXCEPTIONS
    });
    const criteria = new Map(
      store
        .query({ object: 'Trust_Criterion__mdt' })
        .map((criterion) => [normalize(criterion.Criterion_Id__c), criterion])
    );
    const criterionIds: string[] = [];
    const namedControls = new Set<string>();
    const exceptionViews: unknown[] = [];
    const criterionViews: unknown[] = [];
    for (const row of exceptions) {
      const criterionId = normalize(row.Criterion__c);
      const criterion = criterionId ? criteria.get(criterionId) : undefined;
      exceptionViews.push({
        id: row.Id,
        name: row.Name,
        criterion: criterionId,
        category: criterion?.Category__c ?? null,
        severity: row.Severity__c,
        status: row.Status__c,
        controlId: row.Trust_Control__c
      });
      if (criterionId && !criterionIds.includes(criterionId)) {
        criterionIds.push(criterionId);
        criterionViews.push({
          id: criterionId,
          label: criterion?.Short_Label__c ?? null,
          category: criterion?.Category__c ?? null
        });
      }
      if (typeof row.Trust_Control__c === 'string') namedControls.add(row.Trust_Control__c);
    }
    view.exceptions = exceptionViews;
    view.criteria = criterionViews;

    if (exceptions.length > 0) {
      const controlIds = new Set(namedControls);
      for (const mapping of store.query({
        object: 'Control_Criterion__c',
        where: { path: ['Criterion__c'], op: 'in', value: criterionIds },
        limit: MAX_MAPPINGS
      })) {
        controlIds.add(String(mapping.Trust_Control__c));
      }
      const ids = [...controlIds];
      const controls = store.query({
        object: 'Trust_Control__c',
        where: { path: ['Id'], op: 'in', value: ids },
        orderBy: [{ path: ['Control_Id__c'], direction: 'ASC' }],
        limit: MAX_CONTROLS
      });
      const mappings = store.query({
        object: 'Control_Criterion__c',
        where: { path: ['Trust_Control__c'], op: 'in', value: ids },
        orderBy: [{ path: ['Criterion__c'], direction: 'ASC' }]
      });
      const evidence = store.query({
        object: 'Control_Evidence__c',
        where: { path: ['Trust_Control__c'], op: 'in', value: ids },
        orderBy: [{ path: ['Sampled_On__c'], direction: 'DESC' }]
      });
      view.controls = controls.map((control) => ({
        id: control.Id,
        controlId: control.Control_Id__c,
        status: control.Status__c,
        criteria: mappings
          .filter((mapping) => mapping.Trust_Control__c === control.Id)
          .map((mapping) => mapping.Criterion__c),
        remediatedOn: control.Remediated_On__c,
        cleanWindowDays: whole(control.Clean_Window_Days__c),
        customerSafeSummary: control.Customer_Safe_Summary__c,
        latestEvidenceOn:
          evidence.find((sample) => sample.Trust_Control__c === control.Id)?.Sampled_On__c ?? null
      }));
    }
  }

  if (buyer) {
    const latest = store.query({
      object: 'Customer_Communication__c',
      where: {
        and: [
          { path: ['Account__c'], op: 'eq', value: buyer.Id },
          { path: ['Status__c'], op: 'in', value: SENT_STATUSES }
        ]
      },
      orderBy: [
        { path: ['Sent_At__c'], direction: 'DESC', nulls: 'LAST' },
        { path: ['Name'], direction: 'DESC' }
      ],
      limit: 1
    })[0];
    view.latestCommunication = latest
      ? {
          id: latest.Id,
          name: latest.Name,
          sentAt: latest.Sent_At__c,
          channel: latest.Channel__c,
          audience: latest.Audience__c,
          status: latest.Status__c,
          subject: latest.Subject__c,
          acknowledgedAt: latest.Acknowledged_At__c,
          acknowledgedBy: latest.Acknowledged_By__c,
          commitment: latest.Commitment__c,
          commitmentDue: latest.Commitment_Due__c,
          followUpDue: latest.Follow_Up_Due__c
        }
      : null;
  }

  const questionnaire = store.query({
    object: 'Security_Questionnaire__c',
    where: {
      and: [
        deal
          ? { path: ['Opportunity__c'], op: 'eq', value: deal.Id }
          : { path: ['Account__c'], op: 'eq', value: buyer?.Id ?? null },
        { path: ['Status__c'], op: 'in', value: OPEN_QUESTIONNAIRE_STATUSES }
      ]
    },
    orderBy: [
      { path: ['Due_Date__c'], direction: 'ASC', nulls: 'LAST' },
      { path: ['CreatedDate'], direction: 'DESC' }
    ],
    limit: 1
  })[0];
  view.questionnaire = questionnaire
    ? {
        id: questionnaire.Id,
        name: questionnaire.Name,
        format: questionnaire.Format__c,
        status: questionnaire.Status__c,
        dueDate: questionnaire.Due_Date__c,
        itemCount: whole(questionnaire.Item_Count__c),
        answeredCount: whole(questionnaire.Answered_Count__c),
        approvedCount: whole(questionnaire.Approved_Count__c)
      }
    : null;

  const seenKeys = new Set<string>();
  view.templates = store
    .query({
      object: 'Message_Template__c',
      where: {
        and: [
          { path: ['Approval_Status__c'], op: 'eq', value: TEMPLATE_APPROVED },
          { path: ['Purpose__c'], op: 'eq', value: TEMPLATE_PURPOSE }
        ]
      },
      orderBy: [
        { path: ['Template_Key__c'], direction: 'ASC', nulls: 'LAST' },
        { path: ['Version__c'], direction: 'DESC', nulls: 'LAST' },
        { path: ['Approved_On__c'], direction: 'DESC', nulls: 'LAST' }
      ],
      limit: MAX_TEMPLATES
    })
    .filter((template) => {
      const key =
        typeof template.Template_Key__c === 'string' && template.Template_Key__c.trim() !== ''
          ? template.Template_Key__c.toLowerCase()
          : String(template.Id);
      if (seenKeys.has(key)) return false;
      seenKeys.add(key);
      return true;
    })
    .map((template) => ({
      id: template.Id,
      name: template.Name,
      templateKey: template.Template_Key__c,
      version: whole(template.Version__c),
      approvalStatus: template.Approval_Status__c,
      subject: template.Subject__c,
      body: template.Body__c,
      approvedOn: template.Approved_On__c
    }));

  const context: Record<string, Record<string, string | null>> = {};
  if (buyer) {
    context.Account = {
      Name: text(buyer.Name),
      Data_Regimes__c: text(buyer.Data_Regimes__c),
      Notification_Deadline_Hours__c: text(buyer.Notification_Deadline_Hours__c)
    };
  }
  if (deal) {
    context.Opportunity = {
      Name: text(deal.Name),
      StageName: text(deal.StageName),
      CloseDate: text(deal.CloseDate),
      Security_Review_Stage__c: text(deal.Security_Review_Stage__c),
      Compliance_Gate__c: text(deal.Compliance_Gate__c),
      Gate_Reason__c: text(deal.Gate_Reason__c),
      Gate_Expected_Clear__c: text(deal.Gate_Expected_Clear__c)
    };
  }
  if (cycle) {
    context.AuditCycle = Object.fromEntries(
      [
        'Name',
        'Framework__c',
        'Report_Type__c',
        'Auditor__c',
        'Opinion__c',
        'Status__c',
        'Period_Start__c',
        'Period_End__c',
        'Report_Date__c',
        'Bridge_Letter_Valid_Until__c',
        'Reaudit_Target_Date__c'
      ].map((field) => [field, text(cycle[field])])
    );
  }
  view.mergeContext = context;

  if (!deal && buyer) {
    const open = store.query({
      object: 'Opportunity',
      where: {
        and: [
          { path: ['AccountId'], op: 'eq', value: buyer.Id },
          { path: ['IsClosed'], op: 'eq', value: false }
        ]
      }
    });
    const buckets = new Map<string, { gate: string; count: number; amount: number }>();
    for (const opportunity of open) {
      const gate =
        typeof opportunity.Compliance_Gate__c === 'string' && opportunity.Compliance_Gate__c !== ''
          ? opportunity.Compliance_Gate__c
          : NOT_EVALUATED;
      const bucket = buckets.get(gate) ?? { gate, count: 0, amount: 0 };
      bucket.count++;
      bucket.amount += typeof opportunity.Amount === 'number' ? opportunity.Amount : 0;
      buckets.set(gate, bucket);
    }
    const rank = (gate: string): number => (GATE_ORDER.includes(gate) ? GATE_ORDER.indexOf(gate) : 3);
    const byGate = [...buckets.values()].sort((a, b) => rank(a.gate) - rank(b.gate));
    const atRisk = byGate.filter((bucket) => AT_RISK_GATES.includes(bucket.gate));
    view.pipeline = {
      openCount: open.length,
      openAmount: byGate.reduce((sum, bucket) => sum + bucket.amount, 0),
      atRiskCount: atRisk.reduce((sum, bucket) => sum + bucket.count, 0),
      atRiskAmount: atRisk.reduce((sum, bucket) => sum + bucket.amount, 0),
      currencyCode: 'USD',
      byGate
    };
  }
  return view;
}

const standIn: ApexClassStandIn = {
  className: 'ComplianceGateController',
  methods: { getGateView }
};
export default standIn;
