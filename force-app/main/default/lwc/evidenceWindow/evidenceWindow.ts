/**
 * Type II evidence-window math: how long a remediated control has operated cleanly, when it will have
 * operated long enough for the re-audit, which sampling periods have no evidence, and how much was tested
 * each month. Pure functions over ISO dates (`YYYY-MM-DD`, calendar days without a time zone); the caller
 * passes `today`, so the same inputs always give the same answer in a component, a script or a test.
 *
 * The rules, in the order they apply:
 *
 * 1. Evidence dated after `today` is ignored and reported in `ignored` (reason `future`), as is a sample
 *    whose date is not a real calendar date (reason `invalid-date`). The platform forbids future samples,
 *    but loaded data and time zones can still produce one; it must never count as operation.
 * 2. No remediated-on date: the window has not started (`not-started`): no clean days, no projection.
 * 3. The clean start is the remediated-on date. A `Fail` or `Exception` sampled on or after that day
 *    restarts the window: the clean start becomes the day after the latest such sample. Failures before
 *    the remediation are the reason for it and change nothing. (A sample on the remediation day counts:
 *    the fix is recorded as in place on that day.)
 * 4. Clean days are the whole days from the clean start to `today` (0 when the clean start is today or
 *    later); `progress` is clean days over the window, between 0 and 1. A window of 0 days is complete on
 *    its clean start.
 * 5. Sampling gaps: for Daily, Weekly (ISO weeks, Monday to Sunday), Monthly and Quarterly cadences the
 *    calendar periods that lie wholly between the start of observation and yesterday must each hold at
 *    least one sample, whatever its result. Observation starts on the remediated-on date, or for a
 *    control never remediated on its first sample; a period the start falls inside is not required, nor
 *    is the period holding `today`, which is still open. `Per Change` controls are sampled when changes
 *    happen, so they have no gaps (nor has a cadence this module does not know). A gap is `inWindow` when its period starts on or after the clean start.
 * 6. The projected ready date is the clean start plus the window. A gap inside the window does not restart
 *    it (a missing sample is not a failure, and the evidence may still be produced from logs or tickets),
 *    but the control is not ready while one is open, so with gaps in the window the projection is never
 *    earlier than `today`: the window is `evidence-missing` until the missing samples are filled.
 * 7. `evidenceFrom`: when the caller loaded only recent evidence, gaps are only looked for from that day,
 *    and `historyComplete` is false if the clean start is earlier (a failure before `evidenceFrom` could
 *    have restarted the window unseen).
 */

/** Mirrors `Control_Evidence__c.Result__c`. */
export type EvidenceResult = 'Pass' | 'Fail' | 'Exception';

/** Mirrors `Trust_Control__c.Evidence_Cadence__c`. */
export type EvidenceCadence = 'Daily' | 'Weekly' | 'Monthly' | 'Quarterly' | 'Per Change';

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** One `Control_Evidence__c`: a dated test or sample. Counts are optional (the board loads dates only). */
export interface EvidenceSample {
  readonly sampledOn: IsoDate;
  readonly result: EvidenceResult;
  readonly population?: number | null;
  readonly sampleSize?: number | null;
  readonly exceptionsFound?: number | null;
}

export interface EvidenceWindowInput {
  readonly today: IsoDate;
  /** `Trust_Control__c.Remediated_On__c`. */
  readonly remediatedOn?: IsoDate | null;
  /** `Clean_Window_Days__c`; blank means the field's default, {@link DEFAULT_WINDOW_DAYS}. */
  readonly windowDays?: number | null;
  /** `Evidence_Cadence__c`; blank means the field's default, Weekly. */
  readonly cadence?: EvidenceCadence | null;
  /** In any order. */
  readonly evidence: readonly EvidenceSample[];
  /** The series holds every sample from this day on; earlier ones were not loaded. Blank: complete. */
  readonly evidenceFrom?: IsoDate | null;
}

/**
 * - `not-started`: no remediation date, so no window;
 * - `accruing`: the window is running;
 * - `evidence-missing`: the window has run its length but sampling periods inside it have no evidence;
 * - `ready`: the control has operated cleanly for the whole window with every period sampled.
 */
export type WindowState = 'not-started' | 'accruing' | 'evidence-missing' | 'ready';

/** A calendar sampling period, e.g. `2026-W38` from Monday 2026-09-14 to Sunday 2026-09-20. */
export interface SamplingPeriod {
  /** `2026-09-14` (day), `2026-W38` (ISO week), `2026-09` (month), `2026-Q3` (quarter). */
  readonly key: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** A sampling period that ended without any evidence. */
export interface SamplingGap extends SamplingPeriod {
  /** The period lies in the current clean window, so it keeps the control from being ready. */
  readonly inWindow: boolean;
}

export interface IgnoredSample {
  readonly sample: EvidenceSample;
  readonly reason: 'future' | 'invalid-date';
}

export interface EvidenceWindow {
  readonly state: WindowState;
  readonly windowDays: number;
  readonly cadence: EvidenceCadence;
  /** First day of the current clean run, or null when the window has not started. */
  readonly cleanStart: IsoDate | null;
  readonly cleanDays: number;
  /** Days still to run before the window has its length (0 once it has). */
  readonly daysRemaining: number;
  /** Clean days over the window, 0 to 1. */
  readonly progress: number;
  /** The day the control is expected to be re-audit ready (in the past once it is); null if not started. */
  readonly projectedReadyOn: IsoDate | null;
  /** The latest Fail or Exception on or after the remediation: the one that set the clean start. */
  readonly lastFailure: EvidenceSample | null;
  /** How many Fail or Exception samples since the remediation restarted the window. */
  readonly restarts: number;
  /** The latest sample that counts (not future-dated), or null. */
  readonly lastSampledOn: IsoDate | null;
  /** Sampling periods without evidence since observation started, oldest first. */
  readonly gaps: readonly SamplingGap[];
  readonly gapsInWindow: number;
  readonly ignored: readonly IgnoredSample[];
  readonly historyComplete: boolean;
}

/** `Clean_Window_Days__c` defaults to 90 days. */
export const DEFAULT_WINDOW_DAYS = 90;
/** `Evidence_Cadence__c` defaults to Weekly. */
export const DEFAULT_CADENCE: EvidenceCadence = 'Weekly';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------------------
// Calendar days

/** Days since 1970-01-01 for a valid `YYYY-MM-DD`, otherwise null (also for 2026-02-30). */
export function dayNumber(value: IsoDate | null | undefined): number | null {
  const match = ISO_DATE.exec(value ?? '');
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return time / DAY_MS;
}

/** The `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` (negative to go back). Throws on an invalid date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(requireDay(date, 'date') + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Throws on an invalid date. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return requireDay(to, 'to') - requireDay(from, 'from');
}

function requireDay(value: IsoDate | null | undefined, name: string): number {
  const day = dayNumber(value);
  if (day === null) {
    throw new RangeError(`${name} must be a calendar date as YYYY-MM-DD, got ${String(value)}`);
  }
  return day;
}

function parts(day: number): { year: number; month: number; dayOfWeek: number } {
  const date = new Date(day * DAY_MS);
  // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday.
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    dayOfWeek: (date.getUTCDay() + 6) % 7
  };
}

function monthStart(year: number, month: number): number {
  return Date.UTC(year, month - 1, 1) / DAY_MS;
}

/** Last day of a month: day 0 of the next one, so February has 29 days in leap years. */
function monthEnd(year: number, month: number): number {
  return Date.UTC(year, month, 0) / DAY_MS;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------------------
// Sampling periods

interface DayPeriod {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

type PeriodicCadence = Exclude<EvidenceCadence, 'Per Change'>;

const PERIODIC_CADENCES: ReadonlySet<string> = new Set(['Daily', 'Weekly', 'Monthly', 'Quarterly']);

function isPeriodic(cadence: string): cadence is PeriodicCadence {
  return PERIODIC_CADENCES.has(cadence);
}

function periodOf(cadence: PeriodicCadence, day: number): DayPeriod {
  const { year, month, dayOfWeek } = parts(day);
  if (cadence === 'Daily') {
    return { key: isoDate(day), start: day, end: day };
  }
  if (cadence === 'Weekly') {
    const start = day - dayOfWeek;
    // The ISO week belongs to the year of its Thursday.
    const thursday = start + 3;
    const weekYear = parts(thursday).year;
    const week = Math.floor((thursday - monthStart(weekYear, 1)) / 7) + 1;
    return { key: `${weekYear}-W${pad(week)}`, start, end: start + 6 };
  }
  if (cadence === 'Monthly') {
    return { key: `${year}-${pad(month)}`, start: monthStart(year, month), end: monthEnd(year, month) };
  }
  const quarter = Math.floor((month - 1) / 3);
  return {
    key: `${year}-Q${quarter + 1}`,
    start: monthStart(year, quarter * 3 + 1),
    end: monthEnd(year, quarter * 3 + 3)
  };
}

/**
 * The calendar sampling period a day falls in for a cadence; null for `Per Change`, which has none.
 * @example samplingPeriod('Weekly', '2026-09-16') // { key: '2026-W38', start: '2026-09-14', end: '2026-09-20' }
 */
export function samplingPeriod(cadence: EvidenceCadence, date: IsoDate): SamplingPeriod | null {
  if (!isPeriodic(cadence)) return null;
  const period = periodOf(cadence, requireDay(date, 'date'));
  return { key: period.key, start: isoDate(period.start), end: isoDate(period.end) };
}

/**
 * Periods that ended before `today`, starting on or after `from`, without a sample (rule 5).
 * @param sampleDays day numbers of the samples that count
 */
function missingPeriods(
  cadence: EvidenceCadence,
  sampleDays: readonly number[],
  from: number,
  today: number
): DayPeriod[] {
  if (!isPeriodic(cadence)) return [];
  const sampled = new Set(sampleDays.map((day) => periodOf(cadence, day).key));
  const missing: DayPeriod[] = [];
  let period = periodOf(cadence, from);
  if (period.start < from) period = periodOf(cadence, period.end + 1);
  while (period.end < today) {
    if (!sampled.has(period.key)) missing.push(period);
    period = periodOf(cadence, period.end + 1);
  }
  return missing;
}

/**
 * Sampling periods without evidence between `from` and `today` for a cadence (rule 5), oldest first.
 * @example samplingGaps('Weekly', ['2026-09-15', '2026-09-29'], '2026-09-14', '2026-10-06') // [2026-W39]
 */
export function samplingGaps(
  cadence: EvidenceCadence,
  sampledOn: readonly IsoDate[],
  from: IsoDate,
  today: IsoDate
): SamplingPeriod[] {
  const days = sampledOn.map((date) => dayNumber(date)).filter((day): day is number => day !== null);
  return missingPeriods(cadence, days, requireDay(from, 'from'), requireDay(today, 'today')).map(
    (period) => ({ key: period.key, start: isoDate(period.start), end: isoDate(period.end) })
  );
}

// ---------------------------------------------------------------------------------------------------------
// The window

function isFailure(result: EvidenceResult): boolean {
  return result === 'Fail' || result === 'Exception';
}

function normalizedWindow(days: number | null | undefined): number {
  if (days === null || days === undefined || !Number.isFinite(days)) return DEFAULT_WINDOW_DAYS;
  return Math.max(0, Math.floor(days));
}

interface CountedSample {
  readonly sample: EvidenceSample;
  readonly day: number;
}

/** Splits the series into samples that count and samples that are ignored (rule 1), oldest first. */
function screen(
  evidence: readonly EvidenceSample[],
  today: number
): { counted: CountedSample[]; ignored: IgnoredSample[] } {
  const counted: CountedSample[] = [];
  const ignored: IgnoredSample[] = [];
  for (const sample of evidence) {
    const day = dayNumber(sample.sampledOn);
    if (day === null) {
      ignored.push({ sample, reason: 'invalid-date' });
    } else if (day > today) {
      ignored.push({ sample, reason: 'future' });
    } else {
      counted.push({ sample, day });
    }
  }
  counted.sort((a, b) => a.day - b.day);
  return { counted, ignored };
}

/**
 * Evaluates a control's clean-operation window from its remediation date and evidence (rules 1–7).
 * @throws RangeError when `today`, `remediatedOn` or `evidenceFrom` is not a calendar date
 * @example
 * evaluateEvidenceWindow({ today: '2026-11-20', remediatedOn: '2026-09-14', windowDays: 90,
 *   cadence: 'Weekly', evidence: [{ sampledOn: '2026-09-21', result: 'Pass' }, …] })
 * // { state: 'accruing', cleanStart: '2026-09-14', cleanDays: 67, projectedReadyOn: '2026-12-13', … }
 */
export function evaluateEvidenceWindow(input: EvidenceWindowInput): EvidenceWindow {
  const today = requireDay(input.today, 'today');
  const remediatedOn =
    input.remediatedOn === null || input.remediatedOn === undefined || input.remediatedOn === ''
      ? null
      : requireDay(input.remediatedOn, 'remediatedOn');
  const evidenceFrom =
    input.evidenceFrom === null || input.evidenceFrom === undefined || input.evidenceFrom === ''
      ? null
      : requireDay(input.evidenceFrom, 'evidenceFrom');
  const windowDays = normalizedWindow(input.windowDays);
  const cadence = input.cadence ?? DEFAULT_CADENCE;
  const { counted, ignored } = screen(input.evidence, today);
  const lastSampled = counted[counted.length - 1];

  let cleanStart: number | null = remediatedOn;
  let lastFailure: CountedSample | null = null;
  let restarts = 0;
  if (remediatedOn !== null) {
    for (const entry of counted) {
      if (entry.day >= remediatedOn && isFailure(entry.sample.result)) {
        restarts++;
        lastFailure = entry;
      }
    }
    if (lastFailure) cleanStart = lastFailure.day + 1;
  }

  const firstCounted = counted[0];
  let observedFrom: number | null = remediatedOn ?? (firstCounted ? firstCounted.day : null);
  if (observedFrom !== null && evidenceFrom !== null) observedFrom = Math.max(observedFrom, evidenceFrom);
  const gaps: SamplingGap[] =
    observedFrom === null
      ? []
      : missingPeriods(
          cadence,
          counted.map((entry) => entry.day),
          observedFrom,
          today
        ).map((period) => ({
          key: period.key,
          start: isoDate(period.start),
          end: isoDate(period.end),
          inWindow: cleanStart !== null && period.start >= cleanStart
        }));
  const gapsInWindow = gaps.filter((gap) => gap.inWindow).length;

  const base = {
    windowDays,
    cadence,
    lastFailure: lastFailure ? lastFailure.sample : null,
    restarts,
    lastSampledOn: lastSampled ? isoDate(lastSampled.day) : null,
    gaps,
    gapsInWindow,
    ignored
  };

  if (cleanStart === null) {
    return {
      ...base,
      state: 'not-started',
      cleanStart: null,
      cleanDays: 0,
      daysRemaining: windowDays,
      progress: 0,
      projectedReadyOn: null,
      historyComplete: true
    };
  }

  const cleanDays = Math.max(0, today - cleanStart);
  const naturalReadyOn = cleanStart + windowDays;
  const projected = gapsInWindow > 0 ? Math.max(naturalReadyOn, today) : naturalReadyOn;
  const timeServed = today >= naturalReadyOn;
  let state: WindowState = 'accruing';
  if (timeServed) state = gapsInWindow > 0 ? 'evidence-missing' : 'ready';
  return {
    ...base,
    state,
    cleanStart: isoDate(cleanStart),
    cleanDays,
    daysRemaining: Math.max(0, naturalReadyOn - today),
    progress: windowDays === 0 ? (timeServed ? 1 : 0) : Math.min(1, cleanDays / windowDays),
    projectedReadyOn: isoDate(projected),
    historyComplete: evidenceFrom === null || cleanStart >= evidenceFrom
  };
}

// ---------------------------------------------------------------------------------------------------------
// Remediation due dates

/** Statuses in which the fix is still to be made: the only ones a remediation due date can be missed in. */
const AWAITING_FIX = new Set(['Exception Noted', 'Remediation In Progress']);

/**
 * A control is overdue when its remediation due date has passed and it is not operating: its status is
 * still Exception Noted or Remediation In Progress. Operating and Not Applicable controls need no fix, and
 * a control in "Remediated - Evidence Accruing" has had its fix; its window is what matters then.
 * @example isRemediationOverdue({ status: 'Remediation In Progress', remediationDue: '2026-09-30' }, '2026-10-01') // true
 */
export function isRemediationOverdue(
  control: { readonly status?: string | null; readonly remediationDue?: IsoDate | null },
  today: IsoDate
): boolean {
  const due = dayNumber(control.remediationDue);
  return due !== null && due < requireDay(today, 'today') && AWAITING_FIX.has(control.status ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Coverage by month

/** What was tested in one calendar month. */
export interface MonthlyCoverage {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly samples: number;
  readonly failures: number;
  readonly population: number;
  readonly sampleSize: number;
  readonly exceptionsFound: number;
}

/** A control's criteria and evidence, for coverage by criterion. */
export interface CriterionEvidence {
  /** Criterion ids such as `CC6.1` (any case and spacing). */
  readonly criteria: readonly string[];
  readonly evidence: readonly EvidenceSample[];
}

export interface CriterionCoverage {
  /** Canonical id, e.g. `CC6.1`. */
  readonly criterion: string;
  /** How many controls mapped to the criterion contributed. */
  readonly controls: number;
  /** Every month from the first (or `fromMonth`) to the month of `today`, empty months as zeros. */
  readonly months: readonly MonthlyCoverage[];
}

function count(value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function monthKey(day: number): string {
  const { year, month } = parts(day);
  return `${year}-${pad(month)}`;
}

function emptyMonth(month: string): MonthlyCoverage {
  return { month, samples: 0, failures: 0, population: 0, sampleSize: 0, exceptionsFound: 0 };
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year = 0, month = 0] = first.split('-').map(Number);
  const [lastYear = 0, lastMonth = 0] = last.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${pad(month)}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}

function accumulate(totals: Map<string, MonthlyCoverage>, samples: readonly CountedSample[]): void {
  for (const { sample, day } of samples) {
    const key = monthKey(day);
    const current = totals.get(key) ?? emptyMonth(key);
    totals.set(key, {
      month: key,
      samples: current.samples + 1,
      failures: current.failures + (isFailure(sample.result) ? 1 : 0),
      population: current.population + count(sample.population),
      sampleSize: current.sampleSize + count(sample.sampleSize),
      exceptionsFound: current.exceptionsFound + count(sample.exceptionsFound)
    });
  }
}

function fillMonths(
  totals: ReadonlyMap<string, MonthlyCoverage>,
  todayMonth: string,
  fromMonth: string | undefined
): MonthlyCoverage[] {
  const first = fromMonth ?? [...totals.keys()].sort()[0];
  if (first === undefined || first > todayMonth) return [];
  return monthsBetween(first, todayMonth).map((month) => totals.get(month) ?? emptyMonth(month));
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkMonth(fromMonth: string | undefined): void {
  if (fromMonth !== undefined && !MONTH.test(fromMonth)) {
    throw new RangeError(`fromMonth must be YYYY-MM, got ${fromMonth}`);
  }
}

/**
 * Population, sample size and exceptions of one control's evidence per calendar month, from its first
 * month with evidence (or `fromMonth`) to the month of `today`; future-dated samples are left out (rule 1).
 */
export function monthlyCoverage(
  evidence: readonly EvidenceSample[],
  today: IsoDate,
  fromMonth?: string
): MonthlyCoverage[] {
  checkMonth(fromMonth);
  const todayDay = requireDay(today, 'today');
  const totals = new Map<string, MonthlyCoverage>();
  accumulate(totals, screen(evidence, todayDay).counted);
  return fillMonths(totals, monthKey(todayDay), fromMonth);
}

/**
 * Coverage per criterion and month: the evidence of every control mapped to a criterion, added up. A control
 * mapped to several criteria counts towards each; one mapped twice to the same criterion counts once.
 * Criteria are sorted by id in natural order (CC1.2 before CC1.10).
 */
export function coverageByCriterion(
  controls: readonly CriterionEvidence[],
  today: IsoDate,
  fromMonth?: string
): CriterionCoverage[] {
  checkMonth(fromMonth);
  const todayDay = requireDay(today, 'today');
  const byCriterion = new Map<string, { controls: number; totals: Map<string, MonthlyCoverage> }>();
  for (const control of controls) {
    const { counted } = screen(control.evidence, todayDay);
    const criteria = new Set(
      control.criteria.map((id) => id.replace(/\s+/g, '').toUpperCase()).filter((id) => id !== '')
    );
    for (const criterion of criteria) {
      const entry = byCriterion.get(criterion) ?? { controls: 0, totals: new Map<string, MonthlyCoverage>() };
      entry.controls++;
      accumulate(entry.totals, counted);
      byCriterion.set(criterion, entry);
    }
  }
  const todayMonth = monthKey(todayDay);
  return [...byCriterion.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([criterion, entry]) => ({
      criterion,
      controls: entry.controls,
      months: fillMonths(entry.totals, todayMonth, fromMonth)
    }));
}

// ---------------------------------------------------------------------------------------------------------
// Readiness forecast

/**
 * - `on-track`: every control is projected ready on or before the re-audit target;
 * - `at-risk`: some control is projected after the target, or has no projection (not remediated yet);
 * - `no-target`: no re-audit target date to compare with;
 * - `nothing-to-forecast`: no controls.
 */
export type ReadinessStatus = 'on-track' | 'at-risk' | 'no-target' | 'nothing-to-forecast';

export interface ReadinessForecast {
  readonly status: ReadinessStatus;
  readonly target: IsoDate | null;
  /** The latest projected ready date of the controls that have one. */
  readonly latestReadyOn: IsoDate | null;
  /** Target minus latest ready date, in days (negative when late); null without both dates. */
  readonly slackDays: number | null;
  /** Keys of the controls that put the forecast at risk: late, or without a projection. */
  readonly atRisk: readonly string[];
}

/**
 * Whether the controls behind a cycle's findings will have operated long enough by the re-audit target.
 * @param windows each control's key (for `atRisk`) and its evaluated window
 * @param target the cycle's `Reaudit_Target_Date__c`, or null
 */
export function forecastReadiness(
  windows: ReadonlyArray<{ readonly key: string; readonly window: EvidenceWindow }>,
  target: IsoDate | null | undefined
): ReadinessForecast {
  const targetDay = target ? requireDay(target, 'target') : null;
  let latest: number | null = null;
  const unprojected: string[] = [];
  for (const { key, window } of windows) {
    const ready = dayNumber(window.projectedReadyOn);
    if (ready === null) unprojected.push(key);
    else latest = latest === null ? ready : Math.max(latest, ready);
  }
  const latestReadyOn = latest === null ? null : isoDate(latest);
  const slackDays = latest === null || targetDay === null ? null : targetDay - latest;
  if (windows.length === 0) {
    return { status: 'nothing-to-forecast', target: target ?? null, latestReadyOn, slackDays, atRisk: [] };
  }
  const late =
    targetDay === null
      ? []
      : windows
          .filter(({ window }) => {
            const ready = dayNumber(window.projectedReadyOn);
            return ready !== null && ready > targetDay;
          })
          .map(({ key }) => key);
  const atRisk = [...unprojected, ...late];
  let status: ReadinessStatus = atRisk.length > 0 ? 'at-risk' : 'on-track';
  if (targetDay === null && unprojected.length === 0) status = 'no-target';
  return { status, target: target ?? null, latestReadyOn, slackDays, atRisk };
}
