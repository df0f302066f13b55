/**
 * Stand-in for `ControlBoardController` (classes/ControlBoardController.cls, with ControlEvidenceSeries.cls):
 * every control with its owner, status and window, the criteria it satisfies, its open audit exceptions and
 * its evidence of the last 400 days, in the Apex payload's shape and order. The preview user can read
 * everything, so every `access` flag is true.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { todayIn } from '../server/clock';
import { addDays } from './dates';
import { DAYS, readEvidence, type EvidencePoint } from './ControlEvidenceSeries';
import { normalize } from './TrustCriteria';

export const OPEN_EXCEPTION_STATUSES = ['Open', 'Remediating'];
const CONTROL_LIMIT = 2000;

function getBoard(_params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const asOf = todayIn(now);
  const records = store.query({
    object: 'Trust_Control__c',
    orderBy: [
      { path: ['Control_Id__c'], direction: 'ASC', nulls: 'LAST' },
      { path: ['Name'], direction: 'ASC' }
    ],
    limit: CONTROL_LIMIT + 1
  });
  const owners = new Map<string, string | null>();
  const rows = records.slice(0, CONTROL_LIMIT).map((record) => {
    const ownerId = String(record.OwnerId);
    if (!owners.has(ownerId)) owners.set(ownerId, store.nameOf(ownerId));
    return {
      id: String(record.Id),
      name: record.Name,
      controlId: record.Control_Id__c,
      ownerId: record.OwnerId,
      ownerName: owners.get(ownerId) ?? null,
      status: record.Status__c,
      remediationDue: record.Remediation_Due__c,
      remediatedOn: record.Remediated_On__c,
      windowDays:
        typeof record.Clean_Window_Days__c === 'number' ? Math.trunc(record.Clean_Window_Days__c) : null,
      cadence: record.Evidence_Cadence__c,
      surfaces:
        typeof record.Surfaces__c === 'string' && record.Surfaces__c !== ''
          ? record.Surfaces__c.split(';')
          : [],
      criteria: [] as string[],
      evidence: [] as EvidencePoint[],
      openExceptionIds: [] as string[]
    };
  });
  const board = {
    asOf,
    evidenceFrom: addDays(asOf, -DAYS),
    controlsTruncated: records.length > CONTROL_LIMIT,
    controls: rows,
    criteria: [] as unknown[],
    access: { criteria: true, evidence: true, exceptions: true }
  };
  if (rows.length === 0) return board;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ids = [...byId.keys()];

  const criterionIds: string[] = [];
  for (const mapping of store.query({
    object: 'Control_Criterion__c',
    where: { path: ['Trust_Control__c'], op: 'in', value: ids },
    orderBy: [{ path: ['Criterion__c'], direction: 'ASC' }]
  })) {
    const criterionId = normalize(mapping.Criterion__c);
    const row = byId.get(String(mapping.Trust_Control__c));
    if (criterionId && row && !row.criteria.includes(criterionId)) {
      row.criteria.push(criterionId);
      if (!criterionIds.includes(criterionId)) criterionIds.push(criterionId);
    }
  }
  const known = new Map(
    store
      .query({ object: 'Trust_Criterion__mdt' })
      .map((criterion) => [normalize(criterion.Criterion_Id__c), criterion])
  );
  board.criteria = criterionIds.flatMap((criterionId) => {
    const record = known.get(criterionId);
    return record
      ? [
          {
            id: criterionId,
            shortLabel: record.Short_Label__c,
            category: record.Category__c,
            series: record.Series__c,
            seriesLabel: record.Series_Label__c,
            sortOrder: typeof record.Sort_Order__c === 'number' ? Math.trunc(record.Sort_Order__c) : null
          }
        ]
      : [];
  });

  for (const finding of store.query({
    object: 'Audit_Exception__c',
    where: {
      and: [
        { path: ['Trust_Control__c'], op: 'in', value: ids },
        { path: ['Status__c'], op: 'in', value: OPEN_EXCEPTION_STATUSES }
      ]
    },
    orderBy: [{ path: ['Name'], direction: 'ASC' }]
  })) {
    byId.get(String(finding.Trust_Control__c))?.openExceptionIds.push(String(finding.Id));
  }

  const series = readEvidence(store, ids, asOf);
  board.evidenceFrom = series.completeFrom;
  for (const row of rows) row.evidence = series.byControl.get(row.id) ?? [];
  return board;
}

const standIn: ApexClassStandIn = {
  className: 'ControlBoardController',
  methods: { getBoard }
};
export default standIn;
