/**
 * Stand-in for `AuditCycleSummaryController.getSummary`: one audit cycle with its findings (criterion,
 * severity, status, owner) and the evidence windows of the controls they name, in the Apex payload's shape.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { ApexError } from '../server/errors';
import { normalizeId } from '../server/ids';
import { todayIn } from '../server/clock';
import { addDays } from './dates';
import { DAYS, picklistLabel, readEvidence } from './ControlEvidenceSeries';
import { normalize } from './TrustCriteria';

export const NOT_FOUND_MESSAGE = 'This audit cycle does not exist, or you cannot see it.';
const FINDING_LIMIT = 2000;

function getSummary(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const cycleId = normalizeId(params.cycleId);
  const cycle = cycleId
    ? store.query({
        object: 'Audit_Cycle__c',
        where: { path: ['Id'], op: 'eq', value: cycleId },
        limit: 1
      })[0]
    : undefined;
  if (!cycle) throw new ApexError(NOT_FOUND_MESSAGE);
  const asOf = todayIn(now);
  const criteria = new Map(
    store
      .query({ object: 'Trust_Criterion__mdt' })
      .map((criterion) => [normalize(criterion.Criterion_Id__c), criterion])
  );
  const findings = store.query({
    object: 'Audit_Exception__c',
    where: { path: ['Audit_Cycle__c'], op: 'eq', value: cycle.Id },
    orderBy: [
      { path: ['Criterion__c'], direction: 'ASC' },
      { path: ['Name'], direction: 'ASC' }
    ],
    limit: FINDING_LIMIT
  });
  const controlIds = [
    ...new Set(
      findings.map((finding) => finding.Trust_Control__c).filter((id): id is string => typeof id === 'string')
    )
  ];
  const series = readEvidence(store, controlIds, asOf);
  const controls =
    controlIds.length === 0
      ? []
      : store.query({
          object: 'Trust_Control__c',
          where: { path: ['Id'], op: 'in', value: controlIds },
          orderBy: [
            { path: ['Control_Id__c'], direction: 'ASC', nulls: 'LAST' },
            { path: ['Name'], direction: 'ASC' }
          ]
        });
  return {
    asOf,
    evidenceFrom: controlIds.length > 0 ? series.completeFrom : addDays(asOf, -DAYS),
    cycle: {
      id: cycle.Id,
      name: cycle.Name,
      framework: cycle.Framework__c,
      reportType: cycle.Report_Type__c,
      opinion: cycle.Opinion__c,
      opinionLabel: picklistLabel(store, 'Audit_Cycle__c', 'Opinion__c', cycle.Opinion__c),
      auditor: cycle.Auditor__c,
      periodStart: cycle.Period_Start__c,
      periodEnd: cycle.Period_End__c,
      reportDate: cycle.Report_Date__c,
      bridgeLetterValidUntil: cycle.Bridge_Letter_Valid_Until__c,
      reauditTargetDate: cycle.Reaudit_Target_Date__c
    },
    access: { exceptions: true, controls: true, evidence: true },
    findings: findings.map((finding) => {
      const criterion = normalize(finding.Criterion__c);
      return {
        id: finding.Id,
        name: finding.Name,
        criterion,
        criterionLabel: (criterion ? criteria.get(criterion)?.Short_Label__c : undefined) ?? null,
        severity: finding.Severity__c,
        severityLabel: picklistLabel(store, 'Audit_Exception__c', 'Severity__c', finding.Severity__c),
        status: finding.Status__c,
        statusLabel: picklistLabel(store, 'Audit_Exception__c', 'Status__c', finding.Status__c),
        controlRecordId: finding.Trust_Control__c,
        ownerName: typeof finding.OwnerId === 'string' ? store.nameOf(finding.OwnerId) : null
      };
    }),
    controls: controls.map((control) => ({
      id: control.Id,
      controlId: control.Control_Id__c,
      name: control.Name,
      status: control.Status__c,
      remediatedOn: control.Remediated_On__c,
      windowDays:
        typeof control.Clean_Window_Days__c === 'number' ? Math.trunc(control.Clean_Window_Days__c) : null,
      cadence: control.Evidence_Cadence__c,
      evidence: series.byControl.get(String(control.Id)) ?? []
    }))
  };
}

const standIn: ApexClassStandIn = {
  className: 'AuditCycleSummaryController',
  methods: { getSummary }
};
export default standIn;
