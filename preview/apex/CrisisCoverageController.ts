/**
 * Stand-in for `CrisisCoverageController` (with CrisisSegment and CrisisCoverageCounter): which accounts a
 * crisis event targets, how many have been notified, acknowledged, are overdue for a follow-up or past their
 * contractual deadline, and the accounts still to notify, page by page. The org counts live up to 5,000
 * accounts and falls back to a stored snapshot (CrisisCoverageSnapshotBatch) beyond; the preview counts live
 * and, asked for a snapshot, stores the same counts at once.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import type { RecordStore, RecordValues } from '../server/records';
import { ApexError } from '../server/errors';
import { makeId, normalizeId } from '../server/ids';
import { todayIn } from '../server/clock';

export const SOURCE_LIVE = 'live';
export const SOURCE_SNAPSHOT = 'snapshot';
export const SOURCE_PENDING = 'pending';
export const SOURCE_NO_SEGMENT = 'no-segment';
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const LIVE_LIMIT = 5000;
const NOTIFIED_STATUSES = ['Sent', 'Acknowledged'];
const MS_PER_HOUR = 3_600_000;
const NOT_FOUND_MESSAGE = 'This crisis event does not exist or you cannot see it.';
const BAD_CURSOR_MESSAGE =
  'The list of accounts changed its position marker; reload the page to start again.';

export interface Criteria {
  readonly requiresSoc2: boolean;
  readonly suspensionClause: boolean;
  readonly personalData: boolean;
  readonly regimes: readonly string[];
}

export function splitMultiSelect(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return [
    ...new Set(
      value
        .split(';')
        .map((part) => part.trim())
        .filter(Boolean)
    )
  ];
}

export function criteriaOf(event: RecordValues): Criteria {
  return {
    requiresSoc2: event.Target_Requires_SOC2__c === true,
    suspensionClause: event.Target_Suspension_Clause__c === true,
    personalData: event.Target_Personal_Data__c === true,
    regimes: splitMultiSelect(event.Target_Regimes__c)
  };
}

export function hasTargetSegment(criteria: Criteria): boolean {
  return (
    criteria.requiresSoc2 || criteria.suspensionClause || criteria.personalData || criteria.regimes.length > 0
  );
}

/** `CrisisSegment.isInTargetSegment`. */
export function isInTargetSegment(criteria: Criteria, account: RecordValues): boolean {
  if (criteria.requiresSoc2 && account.SOC2_Required__c === true) return true;
  if (criteria.suspensionClause && account.Suspension_Clause__c === true) return true;
  const accountRegimes = new Set(splitMultiSelect(account.Data_Regimes__c));
  const sharesRegime = criteria.regimes.some((regime) => accountRegimes.has(regime));
  if (criteria.personalData && criteria.regimes.length > 0)
    return account.Processes_Personal_Data__c === true && sharesRegime;
  if (criteria.personalData) return account.Processes_Personal_Data__c === true;
  return sharesRegime;
}

function loadEvent(store: RecordStore, id: unknown): RecordValues {
  const eventId = normalizeId(id);
  const event = eventId ? store.get(eventId) : undefined;
  if (!event || event.object.apiName !== 'Crisis_Event__c') throw new ApexError(NOT_FOUND_MESSAGE);
  return event.values;
}

export function segmentAccounts(store: RecordStore, criteria: Criteria): RecordValues[] {
  return store
    .query({
      object: 'Account',
      orderBy: [
        { path: ['Name'], direction: 'ASC' },
        { path: ['Id'], direction: 'ASC' }
      ]
    })
    .filter((account) => isInTargetSegment(criteria, account));
}

interface Counts {
  targeted: number;
  notified: number;
  acknowledged: number;
  overdueFollowUps: number;
  notifiedLate: number;
  unnotifiedPastDeadline: number;
}

function countLive(store: RecordStore, event: RecordValues, asOf: Date): Counts | null {
  const counts: Counts = {
    targeted: 0,
    notified: 0,
    acknowledged: 0,
    overdueFollowUps: 0,
    notifiedLate: 0,
    unnotifiedPastDeadline: 0
  };
  const criteria = criteriaOf(event);
  if (!hasTargetSegment(criteria)) return counts;
  const accounts = segmentAccounts(store, criteria);
  const communications = store.query({
    object: 'Customer_Communication__c',
    where: { path: ['Crisis_Event__c'], op: 'eq', value: event.Id }
  });
  if (accounts.length > LIVE_LIMIT || communications.length > LIVE_LIMIT) return null;
  const inSegment = new Set(accounts.map((account) => String(account.Id)));
  const notified = communications.filter((communication) =>
    NOTIFIED_STATUSES.includes(String(communication.Status__c))
  );
  const notifiedAccounts = new Set(notified.map((communication) => String(communication.Account__c)));
  const today = todayIn(asOf);
  const distinct = (filter: (communication: RecordValues) => boolean): number =>
    new Set(
      communications
        .filter((communication) => inSegment.has(String(communication.Account__c)) && filter(communication))
        .map((communication) => communication.Account__c)
    ).size;
  counts.targeted = accounts.length;
  counts.notified = accounts.filter((account) => notifiedAccounts.has(String(account.Id))).length;
  counts.acknowledged = distinct((communication) => communication.Status__c === 'Acknowledged');
  counts.overdueFollowUps = distinct(
    (communication) =>
      NOTIFIED_STATUSES.includes(String(communication.Status__c)) &&
      communication.Follow_Up_Required__c === true &&
      typeof communication.Follow_Up_Due__c === 'string' &&
      communication.Follow_Up_Due__c < today
  );
  const declaredAt = typeof event.Declared_At__c === 'string' ? Date.parse(event.Declared_At__c) : undefined;
  if (declaredAt !== undefined) {
    const elapsedHours = (asOf.getTime() - declaredAt) / MS_PER_HOUR;
    const hours = (account: RecordValues): number =>
      typeof account.Notification_Deadline_Hours__c === 'number' ? account.Notification_Deadline_Hours__c : 0;
    counts.unnotifiedPastDeadline = accounts.filter(
      (account) =>
        hours(account) > 0 && hours(account) < elapsedHours && !notifiedAccounts.has(String(account.Id))
    ).length;
    for (const account of accounts) {
      if (hours(account) <= 0) continue;
      const sent = notified
        .filter(
          (communication) =>
            communication.Account__c === account.Id && typeof communication.Sent_At__c === 'string'
        )
        .map((communication) => Date.parse(String(communication.Sent_At__c)));
      if (sent.length > 0 && Math.min(...sent) > declaredAt + hours(account) * MS_PER_HOUR)
        counts.notifiedLate++;
    }
  }
  return counts;
}

function getCoverage(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const event = loadEvent(store, params.crisisEventId);
  const coverage: Record<string, unknown> = {
    liveLimit: LIVE_LIMIT,
    canRequestSnapshot: true,
    asOf: now.toISOString()
  };
  let counts = countLive(store, event, now);
  if (!hasTargetSegment(criteriaOf(event))) {
    coverage.source = SOURCE_NO_SEGMENT;
  } else if (counts) {
    coverage.source = SOURCE_LIVE;
  } else if (event.Coverage_Computed_At__c) {
    coverage.source = SOURCE_SNAPSHOT;
    coverage.asOf = event.Coverage_Computed_At__c;
    const whole = (value: unknown): number => (typeof value === 'number' ? Math.trunc(value) : 0);
    counts = {
      targeted: whole(event.Coverage_Targeted__c),
      notified: whole(event.Coverage_Notified__c),
      acknowledged: whole(event.Coverage_Acknowledged__c),
      overdueFollowUps: whole(event.Coverage_Overdue_Follow_Ups__c),
      notifiedLate: whole(event.Coverage_Notified_Late__c),
      unnotifiedPastDeadline: whole(event.Coverage_Past_Deadline__c)
    };
  } else {
    coverage.source = SOURCE_PENDING;
    coverage.asOf = null;
  }
  return counts ? { ...coverage, ...counts } : coverage;
}

function getUnnotifiedAccounts(params: Readonly<Record<string, unknown>>, { store }: ApexContext): unknown {
  const event = loadEvent(store, params.crisisEventId);
  const requested = typeof params.pageSize === 'number' ? params.pageSize : 0;
  const pageSize = requested <= 0 ? DEFAULT_PAGE_SIZE : Math.min(requested, MAX_PAGE_SIZE);
  const page = { accounts: [] as unknown[], hasMore: false, nextCursor: null as string | null, pageSize };
  const criteria = criteriaOf(event);
  if (!hasTargetSegment(criteria)) return page;
  const notified = new Set(
    store
      .query({
        object: 'Customer_Communication__c',
        where: {
          and: [
            { path: ['Crisis_Event__c'], op: 'eq', value: event.Id },
            { path: ['Status__c'], op: 'in', value: NOTIFIED_STATUSES }
          ]
        }
      })
      .map((communication) => String(communication.Account__c))
  );
  let accounts = segmentAccounts(store, criteria).filter((account) => !notified.has(String(account.Id)));
  if (typeof params.after === 'string' && params.after !== '') {
    const afterId = normalizeId(params.after.slice(0, 18));
    if (params.after[18] !== ':' || !afterId) throw new ApexError(BAD_CURSOR_MESSAGE);
    const afterName = params.after.slice(19);
    accounts = accounts.filter(
      (account) =>
        String(account.Name) > afterName || (account.Name === afterName && String(account.Id) > afterId)
    );
  }
  page.hasMore = accounts.length > pageSize;
  page.accounts = accounts.slice(0, pageSize).map((account) => ({
    id: account.Id,
    name: account.Name,
    ownerId: account.OwnerId,
    ownerName: typeof account.OwnerId === 'string' ? store.nameOf(account.OwnerId) : null,
    deadlineHours: account.Notification_Deadline_Hours__c ?? null,
    soc2Required: account.SOC2_Required__c,
    suspensionClause: account.Suspension_Clause__c,
    processesPersonalData: account.Processes_Personal_Data__c,
    regimes: splitMultiSelect(account.Data_Regimes__c)
  }));
  if (page.hasMore) {
    const last = accounts[pageSize - 1];
    page.nextCursor = `${String(last?.Id)}:${String(last?.Name)}`;
  }
  return page;
}

let jobs = 0;

function requestSnapshot(params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const event = loadEvent(store, params.crisisEventId);
  const counts = countLive(store, event, now);
  if (counts) {
    store.update(String(event.Id), {
      Coverage_Targeted__c: counts.targeted,
      Coverage_Notified__c: counts.notified,
      Coverage_Acknowledged__c: counts.acknowledged,
      Coverage_Overdue_Follow_Ups__c: counts.overdueFollowUps,
      Coverage_Notified_Late__c: counts.notifiedLate,
      Coverage_Past_Deadline__c: counts.unnotifiedPastDeadline,
      Coverage_Computed_At__c: now.toISOString()
    });
  }
  return makeId('707', ++jobs);
}

const standIn: ApexClassStandIn = {
  className: 'CrisisCoverageController',
  methods: { getCoverage, getUnnotifiedAccounts, requestSnapshot }
};
export default standIn;
