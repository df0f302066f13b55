/**
 * The compliance gate of a deal, derived from the buyer's requirements, the current audit cycle, the
 * open audit exceptions and the controls behind the criteria those exceptions name. Nobody types the
 * gate in: the Opportunity stores what this derivation returns (through its Apex mirror,
 * `ComplianceGateRules`, which follows the same rules and the same reason codes, proven by the shared
 * contract cases in the `TrustDeskGateContract` static resource).
 *
 * Rules, in the order they are checked (each one adds reasons; the gate is the most severe reason):
 *
 * | # | situation                                                                  | gate     | reason code                |
 * |---|----------------------------------------------------------------------------|----------|----------------------------|
 * | 1 | buyer's procurement does not require SOC 2                                 | Clear    | `SOC2_NOT_REQUIRED` (stop) |
 * | 2 | no current audit cycle                                                     | Blocked  | `NO_CURRENT_CYCLE` (stop)  |
 * | 3 | opinion Adverse / Disclaimer                                               | Blocked  | `OPINION_ADVERSE` / `OPINION_DISCLAIMER` |
 * | 4 | opinion Pending (fieldwork), no bridge letter valid today                  | Blocked  | `PENDING_NO_REPORT`        |
 * | 5 | opinion Pending, bridge letter valid today                                 | At Risk  | `PENDING_BRIDGED`          |
 * | 6 | opinion Unqualified / Qualified and cover valid today                      | Clear    | `ATTESTATION_CURRENT`      |
 * | 7 | opinion Unqualified / Qualified, cover ended, no suspension clause          | At Risk  | `COVER_EXPIRED`            |
 * | 8 | same, buyer's contract has a suspension clause                             | Blocked  | `COVER_EXPIRED_SUSPENSION` |
 * | 9 | open exception in the buyer's categories, severity Material Weakness        | Blocked  | `MATERIAL_WEAKNESS`        |
 * | 10| … a control behind its criterion is Exception Noted / Remediation In Progress (or an unknown status) | Blocked | `CONTROL_NOT_REMEDIATED` |
 * | 11| … no control is recorded behind its criterion                              | Blocked  | `REMEDIATION_UNTRACKED`    |
 * | 12| … a control behind it is Remediated - Evidence Accruing                     | At Risk  | `EVIDENCE_ACCRUING`        |
 * | 13| … every control behind it operates again (the finding awaits the re-audit) | At Risk  | `AWAITING_REAUDIT`         |
 * | 14| open exceptions only outside the buyer's categories                        | Clear    | `OUTSIDE_BUYER_SCOPE` (note) |
 *
 * Decisions and why:
 * - No current cycle is always Blocked: a bridge letter or a report only exists as part of a cycle, so
 *   without one there is nothing the buyer's procurement can be given.
 * - Cover: when the cycle records a bridge-letter date, that date is the end of cover (it is the
 *   company's own statement of how far its assertion reaches); otherwise the report covers twelve
 *   months after its period end (or its report date), the shelf life procurement teams apply.
 * - Pending during fieldwork: there is no report yet. With a valid bridge letter the buyer can proceed
 *   on that letter, but the outcome of the examination is open: At Risk. Without one: Blocked.
 * - Exceptions outside the buyer's categories leave the gate Clear, with a note: procurement judges
 *   the criteria it relies on, and the rep should still know the report is qualified elsewhere.
 * - A buyer that processes personal data or names a data regime relies on the Privacy criteria even
 *   when it did not list them. An empty category list means every category. An exception whose
 *   category is unknown is treated as in scope (the gate never guesses in the buyer's disfavour).
 * - An open exception (any status but Closed) is judged by every control behind its criterion: the
 *   control it names and every control mapped to the criterion. Operating and Not Applicable controls
 *   do not hold the gate; a status this module does not know counts as not remediated.
 * - Expected clear date (At Risk or Blocked only): the latest date on which every reason lifts. A
 *   control accruing evidence is ready on `projectedReadyOn` when given, else `remediatedOn` +
 *   `cleanWindowDays`; findings only close with the re-audit, so the re-audit target date counts too.
 *   When any reason has no known end (a control still broken without a projection, no re-audit
 *   target), there is no expected clear date: the gate never promises a date it cannot support.
 *
 * Messages are written for the sales rep and safe to repeat to a customer: criterion ids, dates and
 * the controls' customer-safe summaries only, never an auditor's finding text or a control's internal
 * name. Dates are ISO `YYYY-MM-DD`, compared as calendar dates (no time zone).
 */

/** The picklist values of Opportunity.Compliance_Gate__c. */
export type GateStatus = 'Clear' | 'At Risk' | 'Blocked';

/** What the buyer's procurement and contract require (from the Account). */
export interface BuyerRequirements {
  /** Account.SOC2_Required__c */
  readonly soc2Required: boolean;
  /** Account.Suspension_Clause__c: the contract allows suspension on loss of attestation. */
  readonly suspensionClause: boolean;
  /** Account.Processes_Personal_Data__c */
  readonly processesPersonalData: boolean;
  /** Account.Data_Regimes__c values. */
  readonly regimes: readonly string[];
  /** Account.Required_Categories__c (Trust_Category values); empty = every category. */
  readonly categories: readonly string[];
}

export type AuditOpinion = 'Pending' | 'Unqualified' | 'Qualified' | 'Adverse' | 'Disclaimer';

/** The current audit cycle (Audit_Cycle__c with Is_Current__c). */
export interface AuditCycleInput {
  readonly opinion: AuditOpinion;
  readonly reportDate?: string;
  readonly bridgeLetterValidUntil?: string;
  readonly reauditTargetDate?: string;
  readonly periodEnd?: string;
}

/** A Trust_Control__c with the criteria it satisfies (from Control_Criterion__c). */
export interface ControlInput {
  readonly id: string;
  /** Internal title: used for nothing the customer sees. */
  readonly name: string;
  /** Trust_Control__c.Status__c */
  readonly status: string;
  readonly criteria: readonly string[];
  readonly remediatedOn?: string;
  readonly cleanWindowDays: number;
  readonly customerSafeSummary?: string;
  /**
   * The re-audit-ready date projected from the evidence (`projectedReadyOn` of `c/evidenceWindow`: a failing
   * sample restarts the window), when known; wins over `remediatedOn` + `cleanWindowDays`.
   */
  readonly projectedReadyOn?: string;
}

/** An Audit_Exception__c of the current cycle. */
export interface ExceptionInput {
  readonly id: string;
  readonly criterion: string;
  /** Trust_Category of that criterion (Trust_Criterion__mdt.Category__c). */
  readonly category: string;
  readonly severity: string;
  readonly status: string;
  readonly controlId?: string;
}

export interface GateInput {
  /** ISO date of the evaluation. */
  readonly today: string;
  readonly buyer: BuyerRequirements;
  readonly cycle?: AuditCycleInput;
  readonly exceptions: readonly ExceptionInput[];
  readonly controls: readonly ControlInput[];
}

export interface GateReason {
  /** Stable code, the same in the Apex mirror. */
  code: string;
  /** Customer-safe sentence for the sales rep. */
  message: string;
  criterion?: string;
  controlId?: string;
  /** The control's customer-safe summary, when the reason is about one control. */
  detail?: string;
}

export interface GateResult {
  status: GateStatus;
  /** Most severe first; then by criterion, code and control. */
  reasons: GateReason[];
  /** Only when At Risk or Blocked and every reason has a known end. */
  expectedClearDate?: string;
  /** Criteria in the buyer's scope with open audit exceptions, in criterion order. */
  affectedCriteria: string[];
  /** ≤ 255 characters, for Opportunity.Gate_Reason__c. */
  summary: string;
}

/** Reason codes, shared with the Apex mirror. */
export const REASON = {
  SOC2_NOT_REQUIRED: 'SOC2_NOT_REQUIRED',
  NO_CURRENT_CYCLE: 'NO_CURRENT_CYCLE',
  OPINION_ADVERSE: 'OPINION_ADVERSE',
  OPINION_DISCLAIMER: 'OPINION_DISCLAIMER',
  PENDING_NO_REPORT: 'PENDING_NO_REPORT',
  PENDING_BRIDGED: 'PENDING_BRIDGED',
  ATTESTATION_CURRENT: 'ATTESTATION_CURRENT',
  COVER_EXPIRED: 'COVER_EXPIRED',
  COVER_EXPIRED_SUSPENSION: 'COVER_EXPIRED_SUSPENSION',
  MATERIAL_WEAKNESS: 'MATERIAL_WEAKNESS',
  CONTROL_NOT_REMEDIATED: 'CONTROL_NOT_REMEDIATED',
  REMEDIATION_UNTRACKED: 'REMEDIATION_UNTRACKED',
  EVIDENCE_ACCRUING: 'EVIDENCE_ACCRUING',
  AWAITING_REAUDIT: 'AWAITING_REAUDIT',
  OUTSIDE_BUYER_SCOPE: 'OUTSIDE_BUYER_SCOPE'
} as const;

/** Longest Gate_Reason__c value. */
export const SUMMARY_MAX_LENGTH = 255;
/** Months a report covers after its period end when no bridge letter date is recorded. */
export const REPORT_COVER_MONTHS = 12;

const CONTROL_OPERATING = 'Operating';
const CONTROL_NOT_APPLICABLE = 'Not Applicable';
const CONTROL_ACCRUING = 'Remediated - Evidence Accruing';
const EXCEPTION_CLOSED = 'closed';
const MATERIAL_WEAKNESS_SEVERITY = 'material weakness';
const PRIVACY = 'privacy';

const RANK: Readonly<Record<GateStatus, number>> = { Clear: 0, 'At Risk': 1, Blocked: 2 };

/** A reason while deriving: its severity and the date it lifts (null = unknown). */
interface Finding {
  readonly status: GateStatus;
  readonly reason: GateReason;
  readonly clearsOn: string | null;
}

/**
 * Derives the gate of one deal. Pure: the same input always gives the same result.
 * @throws {RangeError} when `today` is not an ISO date.
 */
export function deriveComplianceGate(input: GateInput): GateResult {
  const today = parseIsoDate(input.today);
  if (today === null) {
    throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got "${input.today}"`);
  }
  const findings: Finding[] = [];
  if (!input.buyer.soc2Required) {
    findings.push(
      finding('Clear', REASON.SOC2_NOT_REQUIRED, "This buyer's procurement does not require a SOC 2 report.")
    );
    return result(findings, []);
  }
  const cycle = input.cycle;
  if (!cycle) {
    findings.push(
      finding('Blocked', REASON.NO_CURRENT_CYCLE, 'No current SOC 2 report is available to share.')
    );
    return result(findings, []);
  }
  const reaudit = parseIsoDate(cycle.reauditTargetDate);
  findings.push(...attestationFindings(cycle, input.buyer, today, reaudit));

  const scope = buyerScope(input.buyer);
  const open = input.exceptions.filter((e) => e.status.trim().toLowerCase() !== EXCEPTION_CLOSED);
  const inScope = open.filter((e) => inBuyerScope(e, scope));
  const outside = open.filter((e) => !inBuyerScope(e, scope));
  for (const exception of inScope) {
    findings.push(...exceptionFindings(exception, input.controls, reaudit));
  }
  const affected = uniqueCriteria(inScope.map((e) => e.criterion));
  const outsideCriteria = uniqueCriteria(outside.map((e) => e.criterion)).filter(
    (c) => !affected.includes(c)
  );
  if (outsideCriteria.length > 0) {
    findings.push(
      finding(
        'Clear',
        REASON.OUTSIDE_BUYER_SCOPE,
        `Open audit findings on ${outsideCriteria.join(', ')} fall outside the criteria this buyer relies on.`
      )
    );
  }
  return result(findings, affected);
}

/** What the report or bridge letter says about today. */
function attestationFindings(
  cycle: AuditCycleInput,
  buyer: BuyerRequirements,
  today: string,
  reaudit: string | null
): Finding[] {
  const bridge = parseIsoDate(cycle.bridgeLetterValidUntil);
  switch (cycle.opinion) {
    case 'Adverse':
      return [
        finding(
          'Blocked',
          REASON.OPINION_ADVERSE,
          'The current SOC 2 report carries an adverse opinion and cannot support procurement until the re-audit.',
          { clearsOn: reaudit }
        )
      ];
    case 'Disclaimer':
      return [
        finding(
          'Blocked',
          REASON.OPINION_DISCLAIMER,
          'The auditor disclaimed an opinion on the current SOC 2 report; it cannot support procurement until the re-audit.',
          { clearsOn: reaudit }
        )
      ];
    case 'Unqualified':
    case 'Qualified': {
      const coverUntil =
        bridge ??
        addMonths(parseIsoDate(cycle.periodEnd) ?? parseIsoDate(cycle.reportDate), REPORT_COVER_MONTHS);
      if (coverUntil !== null && coverUntil >= today) {
        return [
          finding(
            'Clear',
            REASON.ATTESTATION_CURRENT,
            `The SOC 2 report (${cycle.opinion.toLowerCase()} opinion) covers until ${coverUntil}.`
          )
        ];
      }
      const ended = coverUntil === null ? '' : ` (cover ended ${coverUntil})`;
      const message = `The SOC 2 report and bridge letter no longer cover today${ended}.`;
      return buyer.suspensionClause
        ? [
            finding(
              'Blocked',
              REASON.COVER_EXPIRED_SUSPENSION,
              `${message} The buyer's contract allows suspension without current attestation.`,
              { clearsOn: reaudit }
            )
          ]
        : [finding('At Risk', REASON.COVER_EXPIRED, message, { clearsOn: reaudit })];
    }
    default:
      // Pending, or an opinion this module does not know: no report has been issued.
      return bridge !== null && bridge >= today
        ? [
            finding(
              'At Risk',
              REASON.PENDING_BRIDGED,
              `The SOC 2 examination is in progress; a bridge letter covers until ${bridge}.`,
              { clearsOn: reaudit }
            )
          ]
        : [
            finding(
              'Blocked',
              REASON.PENDING_NO_REPORT,
              'The SOC 2 examination is in progress and no report or bridge letter covers today.',
              { clearsOn: reaudit }
            )
          ];
  }
}

/** What one open exception in the buyer's scope does to the gate, judged by the controls behind it. */
function exceptionFindings(
  exception: ExceptionInput,
  controls: readonly ControlInput[],
  reaudit: string | null
): Finding[] {
  const criterion = normaliseCriterion(exception.criterion);
  const findings: Finding[] = [];
  if (exception.severity.trim().toLowerCase() === MATERIAL_WEAKNESS_SEVERITY) {
    findings.push(
      finding(
        'Blocked',
        REASON.MATERIAL_WEAKNESS,
        `${criterion}: the auditor reported a material weakness, which stays open until the re-audit.`,
        { criterion, clearsOn: reaudit }
      )
    );
  }
  const behind = controls.filter(
    (c) => c.id === exception.controlId || c.criteria.some((k) => normaliseCriterion(k) === criterion)
  );
  const pending = behind.filter((c) => c.status !== CONTROL_OPERATING && c.status !== CONTROL_NOT_APPLICABLE);
  if (behind.length === 0) {
    findings.push(
      finding(
        'Blocked',
        REASON.REMEDIATION_UNTRACKED,
        `${criterion}: the audit finding is open and no remediation is recorded yet.`,
        { criterion }
      )
    );
  } else if (pending.length === 0) {
    const due = reaudit === null ? '' : ` due ${reaudit}`;
    findings.push(
      finding(
        'At Risk',
        REASON.AWAITING_REAUDIT,
        `${criterion}: remediation is complete; the finding closes with the re-audit${due}.`,
        { criterion, clearsOn: reaudit }
      )
    );
  }
  for (const control of pending) {
    const detail = control.customerSafeSummary?.trim() || undefined;
    if (control.status === CONTROL_ACCRUING) {
      const remediatedOn = parseIsoDate(control.remediatedOn);
      const readyOn =
        parseIsoDate(control.projectedReadyOn) ?? addDays(remediatedOn, control.cleanWindowDays);
      const fixed = remediatedOn === null ? '' : ` on ${remediatedOn}`;
      const until = readyOn === null ? '' : ` until ${readyOn}`;
      findings.push(
        finding(
          'At Risk',
          REASON.EVIDENCE_ACCRUING,
          `${criterion}: fixed${fixed}; evidence of sustained operation is accruing${until}.`,
          { criterion, controlId: control.id, detail, clearsOn: latest(readyOn, reaudit) }
        )
      );
    } else {
      const projected = parseIsoDate(control.projectedReadyOn);
      findings.push(
        finding(
          'Blocked',
          REASON.CONTROL_NOT_REMEDIATED,
          `${criterion}: a control is still being remediated.`,
          {
            criterion,
            controlId: control.id,
            detail,
            clearsOn: latest(projected, reaudit)
          }
        )
      );
    }
  }
  return findings;
}

function finding(
  status: GateStatus,
  code: string,
  message: string,
  extra: {
    criterion?: string;
    controlId?: string;
    detail?: string | undefined;
    clearsOn?: string | null;
  } = {}
): Finding {
  const reason: GateReason = { code, message };
  if (extra.criterion !== undefined) reason.criterion = extra.criterion;
  if (extra.controlId !== undefined) reason.controlId = extra.controlId;
  if (extra.detail !== undefined) reason.detail = extra.detail;
  return { status, reason, clearsOn: extra.clearsOn ?? null };
}

/** Combines the findings: the most severe wins; duplicates (same code, criterion, control) merge. */
function result(all: readonly Finding[], affectedCriteria: string[]): GateResult {
  const byKey = new Map<string, Finding>();
  for (const f of all) {
    const key = `${f.reason.code}|${f.reason.criterion ?? ''}|${f.reason.controlId ?? ''}`;
    if (!byKey.has(key)) byKey.set(key, f);
  }
  const findings = [...byKey.values()].sort(compareFindings);
  const status = findings.reduce<GateStatus>(
    (worst, f) => (RANK[f.status] > RANK[worst] ? f.status : worst),
    'Clear'
  );
  let expectedClearDate: string | undefined;
  if (status !== 'Clear') {
    const ends = findings.filter((f) => f.status !== 'Clear').map((f) => f.clearsOn);
    if (ends.every((d): d is string => d !== null)) {
      expectedClearDate = ends.reduce((a, b) => (b > a ? b : a));
    }
  }
  // The clear date is what the rep needs most, so it is kept whole when the messages are cut.
  const tail = expectedClearDate === undefined ? '' : ` Expected to clear by ${expectedClearDate}.`;
  const headline = findings
    .filter((f) => f.status === status)
    .map((f) => f.reason.message)
    .join(' ');
  const gate: GateResult = {
    status,
    reasons: findings.map((f) => f.reason),
    affectedCriteria,
    summary: truncate(headline, SUMMARY_MAX_LENGTH - tail.length) + tail
  };
  if (expectedClearDate !== undefined) gate.expectedClearDate = expectedClearDate;
  return gate;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[b.status] - RANK[a.status] ||
    compareText(criterionSortKey(a.reason.criterion ?? ''), criterionSortKey(b.reason.criterion ?? '')) ||
    compareText(a.reason.code, b.reason.code) ||
    compareText(a.reason.controlId ?? '', b.reason.controlId ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The categories the buyer relies on, lower-cased; null = every category. */
function buyerScope(buyer: BuyerRequirements): Set<string> | null {
  const categories = buyer.categories.map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  if (categories.length === 0) return null;
  const scope = new Set(categories);
  if (buyer.processesPersonalData || buyer.regimes.some((r) => r.trim() !== '')) scope.add(PRIVACY);
  return scope;
}

function inBuyerScope(exception: ExceptionInput, scope: Set<string> | null): boolean {
  const category = exception.category.trim().toLowerCase();
  return scope === null || category === '' || scope.has(category);
}

/**
 * One spelling per criterion: trimmed, upper case, the metadata DeveloperName form (`CC6_1`) read as
 * the criterion id (`CC6.1`), inner spaces removed (`cc 6.1`).
 */
export function normaliseCriterion(criterion: string): string {
  return criterion.trim().toUpperCase().replace(/\s+/g, '').replace(/_/g, '.');
}

/** Sorts `CC6.2` before `CC6.10` and `CC9.1` before `CC10.1`: every number padded to four digits. */
export function criterionSortKey(criterion: string): string {
  return criterion.replace(/\d+/g, (digits) => digits.padStart(4, '0'));
}

function uniqueCriteria(criteria: readonly string[]): string[] {
  return [...new Set(criteria.map(normaliseCriterion))].sort((a, b) =>
    compareText(criterionSortKey(a), criterionSortKey(b))
  );
}

/** `text` cut to `max` characters, ending in `...` when cut (as Apex `String.abbreviate`). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** The later of the reason's own end and the re-audit target; null when its own end is unknown. */
function latest(a: string | null, b: string | null): string | null {
  if (a === null) return null;
  return b !== null && b > a ? b : a;
}

/** `YYYY-MM-DD` when the value is a real calendar date, else null. */
export function parseIsoDate(value: string | undefined | null): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec((value ?? '').trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return formatDate(year, month, day);
}

function addDays(date: string | null, days: number): string | null {
  if (date === null || !Number.isFinite(days)) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + Math.trunc(days)));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Calendar months later, the day clamped to the month's last day (2024-02-29 + 12 → 2025-02-28). */
function addMonths(date: string | null, months: number): string | null {
  if (date === null) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
