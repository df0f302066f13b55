/**
 * Stand-in for `CommandCenterController.getOverview` (with CommandCenterCrisis): the compliance lead's
 * figures in one call: open pipeline by stored gate, open crisis events with their coverage, communications
 * awaiting acknowledgement or follow-up, questionnaires due this week, controls by status, library entries
 * flagged or overdue for review. The package's reports are not emulated, so `pipelineReportId` is null.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { todayIn } from '../server/clock';
import { criteriaOf, hasTargetSegment, segmentAccounts, splitMultiSelect } from './CrisisCoverageController';

const AT_RISK_GATES = ['At Risk', 'Blocked'];
const QUESTIONNAIRE_DONE = ['Submitted', 'Closed'];
const NOTIFIED_STATUSES = ['Sent', 'Acknowledged'];
const EVENT_LIMIT = 5;

function getOverview(_params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const today = todayIn(now);
  const open = store.query({ object: 'Opportunity', where: { path: ['IsClosed'], op: 'eq', value: false } });
  const slices = new Map<
    string | null,
    { gate: string | null; deals: number; amount: number; atRisk: boolean }
  >();
  for (const deal of open) {
    const gate = typeof deal.Compliance_Gate__c === 'string' ? deal.Compliance_Gate__c : null;
    const slice = slices.get(gate) ?? {
      gate,
      deals: 0,
      amount: 0,
      atRisk: gate !== null && AT_RISK_GATES.includes(gate)
    };
    slice.deals++;
    slice.amount += typeof deal.Amount === 'number' ? deal.Amount : 0;
    slices.set(gate, slice);
  }

  const openEvents = store.query({
    object: 'Crisis_Event__c',
    where: { path: ['Status__c'], op: 'ne', value: 'Closed' },
    orderBy: [
      { path: ['Declared_At__c'], direction: 'DESC', nulls: 'LAST' },
      { path: ['Id'], direction: 'ASC' }
    ]
  });
  const events = openEvents.slice(0, EVENT_LIMIT).map((record) => {
    const criteria = criteriaOf(record);
    const hasSegment = hasTargetSegment(criteria);
    const figures: Record<string, unknown> = {
      id: record.Id,
      name: record.Name,
      eventType: record.Event_Type__c,
      severity: record.Severity__c,
      status: record.Status__c,
      declaredAt: record.Declared_At__c,
      personalDataInvolved: record.Personal_Data_Involved__c,
      regimes: splitMultiSelect(record.Data_Regimes__c),
      deadlineHours: record.Regulator_Deadline_Hours__c ?? null,
      regulatorNotifiedAt: record.Regulator_Notified_At__c ?? null,
      coverageReadable: true,
      hasSegment,
      targeted: 0,
      notified: 0,
      acknowledged: 0
    };
    if (hasSegment) {
      const accounts = new Set(segmentAccounts(store, criteria).map((account) => String(account.Id)));
      const communications = store.query({
        object: 'Customer_Communication__c',
        where: { path: ['Crisis_Event__c'], op: 'eq', value: record.Id }
      });
      const accountsWhere = (statuses: readonly string[]): number =>
        new Set(
          communications
            .filter(
              (communication) =>
                statuses.includes(String(communication.Status__c)) &&
                accounts.has(String(communication.Account__c))
            )
            .map((communication) => communication.Account__c)
        ).size;
      figures.targeted = accounts.size;
      figures.notified = accountsWhere(NOTIFIED_STATUSES);
      figures.acknowledged = accountsWhere(['Acknowledged']);
    }
    return figures;
  });

  const controlsByStatus = new Map<string | null, number>();
  for (const control of store.query({ object: 'Trust_Control__c' })) {
    const status = typeof control.Status__c === 'string' ? control.Status__c : null;
    controlsByStatus.set(status, (controlsByStatus.get(status) ?? 0) + 1);
  }
  const libraryEntries = store.query({ object: 'Answer_Library_Entry__c' });

  return {
    asOf: now.toISOString(),
    pipeline: {
      readable: true,
      gates: [...slices.values()].map(({ gate, deals, amount, atRisk }) => ({ gate, deals, amount, atRisk })),
      amountsComplete: true,
      atRiskAmountsComplete: true,
      currencyCode: 'USD'
    },
    crisis: { readable: true, openEvents: openEvents.length, events },
    communications: {
      readable: true,
      awaitingAcknowledgement: store.count({
        object: 'Customer_Communication__c',
        where: { path: ['Status__c'], op: 'eq', value: 'Sent' }
      }),
      followUpsDue: store.count({
        object: 'Customer_Communication__c',
        where: {
          or: [
            { path: ['Follow_Up_Required__c'], op: 'eq', value: true },
            { path: ['Follow_Up_Due__c'], op: 'lte', value: today }
          ]
        }
      })
    },
    questionnaires: {
      readable: true,
      dueThisWeek: store.count({
        object: 'Security_Questionnaire__c',
        where: {
          and: [
            { path: ['Due_Date__c'], op: 'eq', value: { literal: 'THIS_WEEK' } },
            { path: ['Status__c'], op: 'nin', value: QUESTIONNAIRE_DONE }
          ]
        }
      })
    },
    controls: {
      readable: true,
      byStatus: [...controlsByStatus.entries()].map(([status, count]) => ({ status, count }))
    },
    library: {
      readable: true,
      flagged: libraryEntries.filter((entry) => entry.Status__c === 'Needs Review').length,
      reviewOverdue: libraryEntries.filter(
        (entry) =>
          entry.Status__c === 'Approved' &&
          typeof entry.Next_Review_On__c === 'string' &&
          entry.Next_Review_On__c < today
      ).length
    },
    pipelineReportId: null
  };
}

const standIn: ApexClassStandIn = {
  className: 'CommandCenterController',
  methods: { getOverview }
};
export default standIn;
