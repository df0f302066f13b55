/**
 * Campaign coverage of a crisis event: which accounts form its target segment, and how far the notification
 * campaign has got against that segment. Pure functions; the counts come from the server (live aggregate
 * queries or a stored snapshot, `CrisisCoverageController`), the segment rule is mirrored in Apex by
 * `CrisisSegment.isInTargetSegment`, and both are held to the cases of the `TrustDeskCoverageContract` static
 * resource.
 *
 * The target segment rule:
 *
 * 1. Each targeting criterion of the event names a group of accounts to include, and the segment is their
 *    union: an account is in it when it matches any criterion that is set (OR).
 *    - `Target_Requires_SOC2__c`: accounts whose `SOC2_Required__c` is checked;
 *    - `Target_Suspension_Clause__c`: accounts whose `Suspension_Clause__c` is checked;
 *    - `Target_Personal_Data__c`: accounts whose `Processes_Personal_Data__c` is checked;
 *    - `Target_Regimes__c`: accounts whose `Data_Regimes__c` holds any of the regimes.
 * 2. Personal data and regimes narrow each other when both are set (AND): the group is then the accounts
 *    that process personal data under one of the regimes. A GDPR incident is not news to a customer whose
 *    data we do not process, nor to one whose data falls under an unrelated law.
 * 3. Regimes match whole values of the multi-select picklist (as SOQL `INCLUDES` does): `GDPR` does not
 *    match `UK GDPR`. Values are trimmed; blanks and repeats are ignored.
 * 4. An event that sets no criterion has an empty segment. It never means "every account": a crisis that
 *    nobody scoped must not report coverage of the whole customer base.
 *
 * Coverage figures count accounts, not messages: an account is notified when at least one of its
 * communications about the event is Sent or Acknowledged, acknowledged when at least one is Acknowledged,
 * and has an overdue follow-up when a notified communication still requires a follow-up due before today.
 */

/** The event's targeting criteria (`Crisis_Event__c.Target_*`). */
export interface SegmentCriteria {
  readonly requiresSoc2: boolean;
  readonly suspensionClause: boolean;
  readonly personalData: boolean;
  readonly regimes: readonly string[];
}

/** What the segment rule reads of an account. */
export interface AccountProfile {
  readonly soc2Required: boolean;
  readonly suspensionClause: boolean;
  readonly processesPersonalData: boolean;
  readonly regimes: readonly string[];
}

/** The counts the server computes for one event, all over accounts of the target segment. */
export interface CoverageCounts {
  /** Accounts in the target segment. */
  readonly targeted: number;
  /** With at least one Sent or Acknowledged communication about the event. */
  readonly notified: number;
  /** With at least one Acknowledged communication about the event. */
  readonly acknowledged: number;
  /** Notified, with a communication that still requires a follow-up due before today. */
  readonly overdueFollowUps: number;
  /** Notified, but first after their contractual deadline (`Notification_Deadline_Hours__c`). */
  readonly notifiedLate: number;
  /** Not notified yet, and already past their contractual deadline. */
  readonly unnotifiedPastDeadline: number;
}

export interface CoverageFigures extends CoverageCounts {
  readonly notYetNotified: number;
  /** Whole percentages of the segment; see {@link percentOf}. */
  readonly notifiedPercent: number;
  readonly acknowledgedPercent: number;
  readonly notYetNotifiedPercent: number;
  /** Of the notified accounts, not of the segment: follow-ups only exist once a customer was told. */
  readonly overdueFollowUpPercent: number;
  /** Accounts whose contractual notification deadline was or is being missed. */
  readonly contractBreaches: number;
  /** Every account in a non-empty segment has been notified. */
  readonly allNotified: boolean;
}

/** The values of a multi-select picklist (`GDPR;UK GDPR`), trimmed, without blanks or repeats. */
export function splitMultiSelect(value: string | readonly string[] | null | undefined): string[] {
  const values = typeof value === 'string' ? value.split(';') : (value ?? []);
  return [...new Set(values.map((item) => item.trim()).filter((item) => item !== ''))];
}

/** Rule 4: whether the event sets any criterion at all. */
export function hasTargetSegment(criteria: SegmentCriteria): boolean {
  return (
    criteria.requiresSoc2 ||
    criteria.suspensionClause ||
    criteria.personalData ||
    splitMultiSelect(criteria.regimes).length > 0
  );
}

/** Rules 1 to 4: whether an account belongs to the event's target segment. */
export function isInTargetSegment(criteria: SegmentCriteria, account: AccountProfile): boolean {
  if (criteria.requiresSoc2 && account.soc2Required) {
    return true;
  }
  if (criteria.suspensionClause && account.suspensionClause) {
    return true;
  }
  const targetRegimes = splitMultiSelect(criteria.regimes);
  const accountRegimes = new Set(splitMultiSelect(account.regimes));
  const sharesRegime = targetRegimes.some((regime) => accountRegimes.has(regime));
  if (criteria.personalData && targetRegimes.length > 0) {
    return account.processesPersonalData && sharesRegime;
  }
  if (criteria.personalData) {
    return account.processesPersonalData;
  }
  return sharesRegime;
}

/** The segment in a sentence, e.g. "Accounts that require a SOC 2 report or have a suspension clause." */
export function describeTargetSegment(criteria: SegmentCriteria): string {
  const regimes = splitMultiSelect(criteria.regimes);
  const clauses: string[] = [];
  if (criteria.requiresSoc2) {
    clauses.push('require a SOC 2 report');
  }
  if (criteria.suspensionClause) {
    clauses.push('have a suspension clause');
  }
  if (criteria.personalData && regimes.length > 0) {
    clauses.push(`process personal data under ${listOf(regimes)}`);
  } else if (criteria.personalData) {
    clauses.push('process personal data');
  } else if (regimes.length > 0) {
    clauses.push(`are subject to ${listOf(regimes)}`);
  }
  return clauses.length === 0 ? 'No target segment is set.' : `Accounts that ${listOf(clauses)}.`;
}

/** "A", "A or B", "A, B or C". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

/**
 * `part` of `whole` as a whole percentage that never overstates or understates progress: 0 only when `part`
 * is 0, 100 only when `part` is all of `whole`, so 1 left of 1,000 reads 99% (not 100%) and 1 of 1,000 reads 1%
 * (not 0%). 0 when `whole` is 0.
 */
export function percentOf(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) {
    return 0;
  }
  if (part >= whole) {
    return 100;
  }
  return Math.min(99, Math.max(1, Math.round((part / whole) * 100)));
}

/** A count as the figures use it: a whole number, not negative, not above `ceiling`. */
function count(value: number, ceiling = Number.POSITIVE_INFINITY): number {
  return Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), ceiling) : 0;
}

/**
 * The figures shown for a campaign. Counts come from separate queries (or a snapshot taken while records
 * changed), so they are made consistent first: notified never exceeds the segment, and acknowledged, overdue
 * follow-ups and late notices never exceed the notified accounts.
 */
export function computeCoverage(counts: CoverageCounts): CoverageFigures {
  const targeted = count(counts.targeted);
  const notified = count(counts.notified, targeted);
  const notYetNotified = targeted - notified;
  const acknowledged = count(counts.acknowledged, notified);
  const overdueFollowUps = count(counts.overdueFollowUps, notified);
  const notifiedLate = count(counts.notifiedLate, notified);
  const unnotifiedPastDeadline = count(counts.unnotifiedPastDeadline, notYetNotified);
  return {
    targeted,
    notified,
    acknowledged,
    overdueFollowUps,
    notifiedLate,
    unnotifiedPastDeadline,
    notYetNotified,
    notifiedPercent: percentOf(notified, targeted),
    acknowledgedPercent: percentOf(acknowledged, targeted),
    notYetNotifiedPercent: percentOf(notYetNotified, targeted),
    overdueFollowUpPercent: percentOf(overdueFollowUps, notified),
    contractBreaches: notifiedLate + unnotifiedPastDeadline,
    allNotified: targeted > 0 && notYetNotified === 0
  };
}
