/**
 * Stand-in for `ComplianceGateService` and `ComplianceGateInputs`: the stored compliance gate of open deals,
 * derived with the package's own gate rules (`c/complianceGateRules`, the module the Apex mirrors) from the
 * current SOC 2 audit cycle, its open exceptions and the controls behind their criteria. The org recomputes
 * synchronously up to 2,000 open deals and queues a batch beyond; the preview always recomputes at once.
 */
import {
  deriveComplianceGate,
  type AuditOpinion,
  type ControlInput,
  type ExceptionInput,
  type GateInput
} from 'c/complianceGateRules';
import type { RecordStore, RecordValues } from '../server/records';
import { todayIn } from '../server/clock';
import { addDays } from './dates';
import { normalize } from './TrustCriteria';
import { asText } from '../shared/text';

const FRAMEWORK_SOC2 = 'SOC 2';
const CONTROL_ACCRUING = 'Remediated - Evidence Accruing';
const FAILING_RESULTS = ['Fail', 'Exception'];

let running = false;

/** Whether the service is writing gates now (OpportunityHandler then leaves them alone). */
export function isWriting(): boolean {
  return running;
}

function values(multiSelect: unknown): string[] {
  return typeof multiSelect === 'string' && multiSelect !== '' ? multiSelect.split(';') : [];
}

function date(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `ComplianceGateInputs.load`: everything but the buyer. */
export function loadInputs(store: RecordStore, today: string): Omit<GateInput, 'buyer'> {
  const cycle = store.query({
    object: 'Audit_Cycle__c',
    where: {
      and: [
        { path: ['Is_Current__c'], op: 'eq', value: true },
        { path: ['Framework__c'], op: 'eq', value: FRAMEWORK_SOC2 }
      ]
    },
    orderBy: [{ path: ['LastModifiedDate'], direction: 'DESC' }],
    limit: 1
  })[0];
  if (!cycle) return { today, exceptions: [], controls: [] };
  const criteria = new Map(
    store
      .query({ object: 'Trust_Criterion__mdt' })
      .map((criterion) => [normalize(criterion.Criterion_Id__c), criterion])
  );
  const records = store.query({
    object: 'Audit_Exception__c',
    where: {
      and: [
        { path: ['Audit_Cycle__c'], op: 'eq', value: cycle.Id },
        { path: ['Status__c'], op: 'ne', value: 'Closed' }
      ]
    }
  });
  const exceptions: ExceptionInput[] = records.map((record) => ({
    id: String(record.Id),
    criterion: String(record.Criterion__c),
    category: asText(criteria.get(normalize(record.Criterion__c))?.Category__c),
    severity: asText(record.Severity__c),
    status: asText(record.Status__c),
    controlId: typeof record.Trust_Control__c === 'string' ? record.Trust_Control__c : undefined
  }));
  const controls = exceptions.length > 0 ? loadControls(store, records, today) : [];
  return {
    today,
    cycle: {
      opinion: cycle.Opinion__c as AuditOpinion,
      reportDate: date(cycle.Report_Date__c),
      bridgeLetterValidUntil: date(cycle.Bridge_Letter_Valid_Until__c),
      reauditTargetDate: date(cycle.Reaudit_Target_Date__c),
      periodEnd: date(cycle.Period_End__c)
    },
    exceptions,
    controls
  };
}

function loadControls(
  store: RecordStore,
  exceptions: readonly RecordValues[],
  today: string
): ControlInput[] {
  const criterionIds = [...new Set(exceptions.map((record) => record.Criterion__c))];
  const controlIds = new Set(
    exceptions.map((record) => record.Trust_Control__c).filter((id): id is string => typeof id === 'string')
  );
  const criteriaByControl = new Map<string, string[]>();
  for (const mapping of store.query({
    object: 'Control_Criterion__c',
    where: { path: ['Criterion__c'], op: 'in', value: criterionIds }
  })) {
    const id = String(mapping.Trust_Control__c);
    criteriaByControl.set(id, [...(criteriaByControl.get(id) ?? []), String(mapping.Criterion__c)]);
    controlIds.add(id);
  }
  const controls = store.query({
    object: 'Trust_Control__c',
    where: { path: ['Id'], op: 'in', value: [...controlIds] }
  });
  const accruing = controls
    .filter((control) => control.Status__c === CONTROL_ACCRUING)
    .map((control) => control.Id);
  const lastFailure = new Map<string, string>();
  if (accruing.length > 0) {
    for (const evidence of store.query({
      object: 'Control_Evidence__c',
      where: {
        and: [
          { path: ['Trust_Control__c'], op: 'in', value: accruing },
          { path: ['Result__c'], op: 'in', value: FAILING_RESULTS },
          { path: ['Sampled_On__c'], op: 'lte', value: today }
        ]
      },
      orderBy: [{ path: ['Sampled_On__c'], direction: 'ASC' }]
    })) {
      lastFailure.set(String(evidence.Trust_Control__c), String(evidence.Sampled_On__c));
    }
  }
  return controls.map((control) => {
    const id = String(control.Id);
    const failure = lastFailure.get(id);
    const remediatedOn = date(control.Remediated_On__c);
    const window =
      typeof control.Clean_Window_Days__c === 'number' ? Math.trunc(control.Clean_Window_Days__c) : undefined;
    const restarted =
      failure !== undefined && remediatedOn !== undefined && window !== undefined && failure >= remediatedOn;
    return {
      id,
      name: asText(control.Name),
      status: asText(control.Status__c),
      criteria: criteriaByControl.get(id) ?? [],
      remediatedOn,
      cleanWindowDays: window ?? 0,
      customerSafeSummary:
        typeof control.Customer_Safe_Summary__c === 'string' ? control.Customer_Safe_Summary__c : undefined,
      projectedReadyOn: restarted ? addDays(failure, 1 + window) : undefined
    };
  });
}

/** Derives the gate of each deal in place (before insert/update); returns the deals whose gate changed. */
export function deriveInPlace(store: RecordStore, deals: readonly RecordValues[], now: Date): RecordValues[] {
  if (deals.length === 0) return [];
  const inputs = loadInputs(store, todayIn(now));
  const changed: RecordValues[] = [];
  for (const deal of deals) {
    const account = typeof deal.AccountId === 'string' ? store.get(deal.AccountId)?.values : undefined;
    const gate = deriveComplianceGate({
      ...inputs,
      buyer: {
        soc2Required: account?.SOC2_Required__c === true,
        suspensionClause: account?.Suspension_Clause__c === true,
        processesPersonalData: account?.Processes_Personal_Data__c === true,
        regimes: values(account?.Data_Regimes__c),
        categories: values(account?.Required_Categories__c)
      }
    });
    const expected = gate.expectedClearDate ?? null;
    if (
      deal.Compliance_Gate__c !== gate.status ||
      deal.Gate_Reason__c !== gate.summary ||
      (deal.Gate_Expected_Clear__c ?? null) !== expected
    ) {
      deal.Compliance_Gate__c = gate.status;
      deal.Gate_Reason__c = gate.summary;
      deal.Gate_Expected_Clear__c = expected;
      deal.Gate_Evaluated_At__c = now.toISOString();
      changed.push(deal);
    }
  }
  return changed;
}

/** Re-derives and writes the gate of these open deals. */
export function recomputeOpportunities(store: RecordStore, opportunityIds: readonly string[]): number {
  if (running || opportunityIds.length === 0) return 0;
  const open = store.query({
    object: 'Opportunity',
    where: {
      and: [
        { path: ['Id'], op: 'in', value: opportunityIds },
        { path: ['IsClosed'], op: 'eq', value: false }
      ]
    }
  });
  const changed = deriveInPlace(store, open, store.now());
  running = true;
  try {
    for (const deal of changed) {
      store.update(String(deal.Id), {
        Compliance_Gate__c: deal.Compliance_Gate__c,
        Gate_Reason__c: deal.Gate_Reason__c,
        Gate_Expected_Clear__c: deal.Gate_Expected_Clear__c,
        Gate_Evaluated_At__c: deal.Gate_Evaluated_At__c
      });
    }
  } finally {
    running = false;
  }
  return changed.length;
}

export function recomputeForAccounts(store: RecordStore, accountIds: readonly string[]): number {
  if (running || accountIds.length === 0) return 0;
  const open = store.query({
    object: 'Opportunity',
    where: { path: ['AccountId'], op: 'in', value: [...accountIds] }
  });
  return recomputeOpportunities(
    store,
    open.map((deal) => String(deal.Id))
  );
}

export function recomputeAll(store: RecordStore): number {
  if (running) return 0;
  const open = store.query({ object: 'Opportunity', where: { path: ['IsClosed'], op: 'eq', value: false } });
  return recomputeOpportunities(
    store,
    open.map((deal) => String(deal.Id))
  );
}
