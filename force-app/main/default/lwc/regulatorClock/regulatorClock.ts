/**
 * The regulator clock of a crisis event, and the contractual notification clock of each customer: when the
 * notice is due, how long is left (or how late it is), and what state the obligation is in. Pure functions over
 * instants; the caller passes `now`, so the same inputs always give the same answer in a component, a script
 * or a test.
 *
 * The rules, in the order they apply:
 *
 * 1. Time is counted in elapsed milliseconds between instants (UTC). A deadline is the declared-at instant
 *    plus a number of hours of elapsed time, never "the same wall-clock time N days later": a daylight-saving
 *    change in between does not move it. Only the display converts to the user's time zone.
 * 2. The regulator deadline hours are, in order: the event's `Regulator_Deadline_Hours__c` when it is a
 *    positive number (the compliance lead's decision overrides every default, and applies even when no
 *    personal data is involved, e.g. for a sector regulator); otherwise, when personal data is involved, the
 *    shortest fixed clock among the event's regimes in {@link REGIME_RULES}; otherwise there is no regulator
 *    deadline. Blank, zero, negative or non-numeric hours count as not set.
 * 3. With a deadline and no notice logged: `breached` once `now` is after the deadline; `due-soon` while less
 *    than {@link DUE_SOON_HOURS} hours are left (the deadline instant itself is still `due-soon`: a notice
 *    logged at the deadline is on time); `running` before that.
 * 4. With a deadline and a notice logged: `met-on-time` when it was logged at or before the deadline,
 *    `met-late` after it. The clock stops: `now` no longer matters.
 * 5. Without a deadline the state is `not-required`, whether or not a notice was logged.
 * 6. The countdown is whole minutes, rounded down: "less than a minute" rather than a minute that has not
 *    fully passed. For a running clock it is the time left; for a breached one the time since the deadline;
 *    for a met one the margin before the deadline, or the delay after it.
 * 7. A customer's contractual deadline (`Account.Notification_Deadline_Hours__c`) follows rules 1 and 3 to 6
 *    from the same declared-at instant; its notice is the account's first Sent or Acknowledged communication
 *    about the event.
 */

/** `Data_Regime` global value set. */
export type DataRegime = 'GDPR' | 'UK GDPR' | 'CCPA' | 'FERPA' | 'HIPAA' | 'LGPD' | 'PIPEDA';

export interface RegimeRule {
  readonly regime: DataRegime;
  /** Hours from becoming aware to the regulator notice, or null when the law sets no fixed clock. */
  readonly hours: number | null;
  /** What the law asks of us, in our own words, for the compliance lead to check against counsel. */
  readonly guidance: string;
  /** Where the obligation comes from. */
  readonly source: string;
}

/** Fewer hours than this left on a running clock: the notice is due soon. */
export const DUE_SOON_HOURS = 12;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MINUTES_PER_DAY = 24 * 60;

/**
 * Product defaults for the regulator notification deadline of each data regime. They are defaults, not legal
 * advice: the clock of an actual event is whatever its Regulator Deadline (Hours) says when that is filled in.
 * Where the law sets no fixed number of hours the default is no clock (`hours: null`) and the guidance says what
 * is expected instead. Rows are in the order of the global value set, which is also the tie-break order.
 */
export const REGIME_RULES: Readonly<Record<DataRegime, RegimeRule>> = {
  GDPR: {
    regime: 'GDPR',
    hours: 72,
    guidance:
      'Tell the lead supervisory authority without undue delay and, where feasible, within 72 hours of becoming aware of the breach.',
    source: 'GDPR Article 33(1)'
  },
  'UK GDPR': {
    regime: 'UK GDPR',
    hours: 72,
    guidance:
      "Tell the Information Commissioner's Office without undue delay and, where feasible, within 72 hours of becoming aware of the breach.",
    source: 'UK GDPR Article 33(1)'
  },
  CCPA: {
    regime: 'CCPA',
    hours: null,
    guidance:
      "No fixed clock: California's breach law asks for notice to affected residents in the most expedient time possible and without unreasonable delay, with a copy to the Attorney General when more than 500 residents are notified. Other US state laws differ; set the hours on the event when one applies.",
    source: 'California Civil Code 1798.82'
  },
  FERPA: {
    regime: 'FERPA',
    hours: null,
    guidance:
      'No statutory breach-notification deadline. Follow the institution contracts and state student-privacy laws that apply, and set the hours on the event when they fix one.',
    source: 'FERPA (20 U.S.C. 1232g; 34 CFR Part 99)'
  },
  HIPAA: {
    regime: 'HIPAA',
    hours: 60 * 24,
    guidance:
      'Without unreasonable delay and no later than 60 calendar days after discovery; as a business associate, tell the covered entity within the same 60 days.',
    source: 'HIPAA Breach Notification Rule, 45 CFR 164.404 and 164.410'
  },
  LGPD: {
    regime: 'LGPD',
    hours: 72,
    guidance:
      'Tell the ANPD within 3 working days of becoming aware of the incident. The default counts 72 hours, which is never later than 3 working days.',
    source: 'LGPD Article 48; ANPD Resolution CD/ANPD No. 15/2024'
  },
  PIPEDA: {
    regime: 'PIPEDA',
    hours: null,
    guidance:
      'No fixed clock: report to the Office of the Privacy Commissioner as soon as feasible after determining that the breach creates a real risk of significant harm.',
    source: 'PIPEDA section 10.1'
  }
};

const REGIME_ORDER: readonly DataRegime[] = ['GDPR', 'UK GDPR', 'CCPA', 'FERPA', 'HIPAA', 'LGPD', 'PIPEDA'];

/**
 * - `not-required`: there is no deadline to meet;
 * - `running`: the deadline is ahead and at least {@link DUE_SOON_HOURS} hours away;
 * - `due-soon`: the deadline is ahead (or now) and less than {@link DUE_SOON_HOURS} hours away;
 * - `breached`: the deadline has passed and no notice is logged;
 * - `met-on-time`: the notice was logged at or before the deadline;
 * - `met-late`: the notice was logged after the deadline.
 */
export type ClockState = 'not-required' | 'running' | 'due-soon' | 'breached' | 'met-on-time' | 'met-late';

/** A duration in whole minutes, and the same split into days, hours and minutes. */
export interface Countdown {
  readonly totalMinutes: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export interface Clock {
  readonly state: ClockState;
  /** ISO instant in UTC, or null without a deadline. */
  readonly deadline: string | null;
  /** See rule 6; null without a deadline. */
  readonly countdown: Countdown | null;
  /** ISO instant in UTC of the logged notice, or null. */
  readonly notifiedAt: string | null;
}

/** Why the regulator clock has the deadline it has. */
export type DeadlineBasis =
  | { readonly kind: 'event-override'; readonly hours: number }
  | { readonly kind: 'regime'; readonly hours: number; readonly regimes: readonly DataRegime[] }
  | { readonly kind: 'no-fixed-clock' }
  | { readonly kind: 'no-personal-data' }
  | { readonly kind: 'no-declared-at' };

export interface RegulatorClock extends Clock {
  readonly basis: DeadlineBasis;
  /** The rules of the event's known regimes, in value-set order: what to show next to the clock. */
  readonly rules: readonly RegimeRule[];
}

export interface RegulatorClockInput {
  /** `Declared_At__c`, an ISO instant. */
  readonly declaredAt: string | null | undefined;
  /** `Personal_Data_Involved__c`. */
  readonly personalDataInvolved: boolean | null | undefined;
  /** `Data_Regimes__c` values; unknown values are ignored. */
  readonly regimes: readonly string[] | null | undefined;
  /** `Regulator_Deadline_Hours__c`. */
  readonly deadlineHours: number | null | undefined;
  /** `Regulator_Notified_At__c`, an ISO instant. */
  readonly notifiedAt: string | null | undefined;
}

export interface ContractDeadlineInput {
  /** The crisis event's `Declared_At__c`. */
  readonly declaredAt: string | null | undefined;
  /** `Account.Notification_Deadline_Hours__c`. */
  readonly deadlineHours: number | null | undefined;
  /** When the account was first notified about the event, or null while it has not been. */
  readonly notifiedAt?: string | null;
}

/** Milliseconds since the epoch of an ISO instant (or an epoch number), or null when it is not one. */
export function parseInstant(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return null;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Positive, finite hours, or null (rule 2). */
export function validHours(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

export function isDataRegime(value: string): value is DataRegime {
  return (REGIME_ORDER as readonly string[]).includes(value);
}

/** The rules of the known regimes among `regimes`, once each, in value-set order. */
export function regimeRulesFor(regimes: readonly string[] | null | undefined): RegimeRule[] {
  const given = new Set((regimes ?? []).map((regime) => regime.trim()));
  return REGIME_ORDER.filter((regime) => given.has(regime)).map((regime) => REGIME_RULES[regime]);
}

/** Rule 2: where the regulator deadline comes from, without looking at the clock. */
export function regulatorDeadlineBasis(input: RegulatorClockInput): DeadlineBasis {
  if (parseInstant(input.declaredAt) === null) {
    return { kind: 'no-declared-at' };
  }
  const override = validHours(input.deadlineHours);
  if (override !== null) {
    return { kind: 'event-override', hours: override };
  }
  if (input.personalDataInvolved !== true) {
    return { kind: 'no-personal-data' };
  }
  const fixed = regimeRulesFor(input.regimes).filter(
    (rule): rule is RegimeRule & { hours: number } => rule.hours !== null
  );
  if (fixed.length === 0) {
    return { kind: 'no-fixed-clock' };
  }
  const hours = Math.min(...fixed.map((rule) => rule.hours));
  return {
    kind: 'regime',
    hours,
    regimes: fixed.filter((rule) => rule.hours === hours).map((rule) => rule.regime)
  };
}

/** The regulator clock of a crisis event at `now` (epoch milliseconds). */
export function evaluateRegulatorClock(input: RegulatorClockInput, now: number): RegulatorClock {
  const basis = regulatorDeadlineBasis(input);
  const rules = regimeRulesFor(input.regimes);
  const hours = basis.kind === 'event-override' || basis.kind === 'regime' ? basis.hours : null;
  return { ...evaluateClock(input.declaredAt, hours, input.notifiedAt, now), basis, rules };
}

/** A customer's contractual notification clock at `now` (rule 7). */
export function evaluateContractDeadline(input: ContractDeadlineInput, now: number): Clock {
  return evaluateClock(input.declaredAt, validHours(input.deadlineHours), input.notifiedAt, now);
}

function evaluateClock(
  declaredAt: string | null | undefined,
  hours: number | null,
  notifiedAt: string | null | undefined,
  now: number
): Clock {
  const start = parseInstant(declaredAt);
  const notified = parseInstant(notifiedAt);
  const notifiedIso = notified === null ? null : new Date(notified).toISOString();
  if (start === null || hours === null) {
    return { state: 'not-required', deadline: null, countdown: null, notifiedAt: notifiedIso };
  }
  const deadline = start + Math.round(hours * HOUR_MS);
  const deadlineIso = new Date(deadline).toISOString();
  if (notified !== null) {
    const margin = deadline - notified;
    return {
      state: margin >= 0 ? 'met-on-time' : 'met-late',
      deadline: deadlineIso,
      countdown: countdownOf(margin),
      notifiedAt: notifiedIso
    };
  }
  const left = deadline - now;
  let state: ClockState = 'running';
  if (left < 0) {
    state = 'breached';
  } else if (left < DUE_SOON_HOURS * HOUR_MS) {
    state = 'due-soon';
  }
  return { state, deadline: deadlineIso, countdown: countdownOf(left), notifiedAt: null };
}

/** Rule 6: the absolute length of `ms` in whole minutes, rounded down, split into days, hours and minutes. */
export function countdownOf(ms: number): Countdown {
  const totalMinutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  return {
    totalMinutes,
    days: Math.floor(totalMinutes / MINUTES_PER_DAY),
    hours: Math.floor((totalMinutes % MINUTES_PER_DAY) / 60),
    minutes: totalMinutes % 60
  };
}

/** "2 days 4 hours 5 minutes", "1 hour", "less than a minute": units that are zero are left out. */
export function formatCountdown(countdown: Countdown): string {
  if (countdown.totalMinutes === 0) {
    return 'less than a minute';
  }
  const parts: string[] = [];
  const add = (value: number, unit: string): void => {
    if (value > 0) {
      parts.push(`${value} ${unit}${value === 1 ? '' : 's'}`);
    }
  };
  add(countdown.days, 'day');
  add(countdown.hours, 'hour');
  add(countdown.minutes, 'minute');
  return parts.join(' ');
}

/** "72 hours (3 days)", "1440 hours (60 days)", "36 hours", "1 hour": a deadline as the law and contracts state it. */
export function formatHours(hours: number): string {
  const text = `${hours} hour${hours === 1 ? '' : 's'}`;
  return hours >= 48 && hours % 24 === 0 ? `${text} (${hours / 24} days)` : text;
}

/** Whether a state means the notice is outstanding and the deadline is still ahead. */
export function isCounting(state: ClockState): boolean {
  return state === 'running' || state === 'due-soon';
}

/** The SLDS icon that stands for each clock state, wherever a regulator or contractual clock is shown. */
export const CLOCK_STATE_ICONS: Readonly<Record<ClockState, string>> = {
  'not-required': 'utility:info',
  running: 'utility:clock',
  'due-soon': 'utility:warning',
  breached: 'utility:error',
  'met-on-time': 'utility:success',
  'met-late': 'utility:warning'
};

/** The classes that colour a clock's box for each state ('' where the box keeps its plain look). */
export const CLOCK_STATE_BOX_CLASSES: Readonly<Record<ClockState, string>> = {
  'not-required': '',
  running: '',
  'due-soon': 'clock-warning',
  breached: 'clock-breached slds-text-color_error',
  'met-on-time': 'clock-met',
  'met-late': 'clock-warning'
};

/**
 * One sentence on where the regulator notice stands against its deadline: the time left, how long ago the
 * deadline passed, or the margin by which the notice met or missed it. Null without a deadline
 * (`not-required`): what to say then depends on the page, which knows why there is none.
 */
export function regulatorClockHeadline(clock: Clock): string | null {
  const span = clock.countdown ? formatCountdown(clock.countdown) : '';
  switch (clock.state) {
    case 'running':
    case 'due-soon':
      return `${span} left to notify the regulator.`;
    case 'breached':
      return `The deadline passed ${span} ago and no regulator notice is logged.`;
    case 'met-on-time':
      return `The regulator was notified ${span} before the deadline.`;
    case 'met-late':
      return `The regulator was notified ${span} after the deadline.`;
    default:
      return null;
  }
}
