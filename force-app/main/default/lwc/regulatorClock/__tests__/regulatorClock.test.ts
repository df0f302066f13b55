import {
  CLOCK_STATE_BOX_CLASSES,
  CLOCK_STATE_ICONS,
  DUE_SOON_HOURS,
  REGIME_RULES,
  countdownOf,
  evaluateContractDeadline,
  evaluateRegulatorClock,
  formatCountdown,
  formatHours,
  isCounting,
  isDataRegime,
  parseInstant,
  regimeRulesFor,
  regulatorClockHeadline,
  regulatorDeadlineBasis,
  validHours,
  type ClockState,
  type DeadlineBasis,
  type RegulatorClockInput
} from 'c/regulatorClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The demo crisis: a qualified opinion declared on 9 November 2026 at 15:00 UTC, personal data under GDPR. */
const DECLARED = '2026-11-09T15:00:00.000Z';
const GDPR_DEADLINE = '2026-11-12T15:00:00.000Z';
const at = (iso: string): number => Date.parse(iso);
const deadlineMs = at(GDPR_DEADLINE);

function event(overrides: Partial<RegulatorClockInput> = {}): RegulatorClockInput {
  return {
    declaredAt: DECLARED,
    personalDataInvolved: true,
    regimes: ['GDPR'],
    deadlineHours: null,
    notifiedAt: null,
    ...overrides
  };
}

describe('regulator deadline: where the hours come from', () => {
  const cases: ReadonlyArray<
    readonly [
      name: string,
      input: Partial<RegulatorClockInput>,
      basis: DeadlineBasis,
      deadline: string | null
    ]
  > = [
    ['GDPR: 72 hours', {}, { kind: 'regime', hours: 72, regimes: ['GDPR'] }, GDPR_DEADLINE],
    [
      'UK GDPR: 72 hours',
      { regimes: ['UK GDPR'] },
      { kind: 'regime', hours: 72, regimes: ['UK GDPR'] },
      GDPR_DEADLINE
    ],
    [
      'LGPD: 72 hours (3 working days are never shorter)',
      { regimes: ['LGPD'] },
      { kind: 'regime', hours: 72, regimes: ['LGPD'] },
      GDPR_DEADLINE
    ],
    [
      'HIPAA: 60 days',
      { regimes: ['HIPAA'] },
      { kind: 'regime', hours: 1440, regimes: ['HIPAA'] },
      '2027-01-08T15:00:00.000Z'
    ],
    [
      'the shortest fixed clock wins, and every regime sharing it is named in value-set order',
      { regimes: ['LGPD', 'HIPAA', 'UK GDPR', 'GDPR'] },
      { kind: 'regime', hours: 72, regimes: ['GDPR', 'UK GDPR', 'LGPD'] },
      GDPR_DEADLINE
    ],
    [
      'a regime without a fixed clock does not loosen a fixed one',
      { regimes: ['CCPA', 'HIPAA'] },
      { kind: 'regime', hours: 1440, regimes: ['HIPAA'] },
      '2027-01-08T15:00:00.000Z'
    ],
    ['CCPA alone: no fixed clock', { regimes: ['CCPA'] }, { kind: 'no-fixed-clock' }, null],
    ['FERPA and PIPEDA: no fixed clock', { regimes: ['FERPA', 'PIPEDA'] }, { kind: 'no-fixed-clock' }, null],
    ['an unknown regime is ignored', { regimes: ['SOX'] }, { kind: 'no-fixed-clock' }, null],
    ['personal data without regimes', { regimes: [] }, { kind: 'no-fixed-clock' }, null],
    ['regimes missing altogether', { regimes: null }, { kind: 'no-fixed-clock' }, null],
    [
      'regime values are trimmed',
      { regimes: [' GDPR '] },
      { kind: 'regime', hours: 72, regimes: ['GDPR'] },
      GDPR_DEADLINE
    ],
    [
      'no personal data: no regulator clock',
      { personalDataInvolved: false },
      { kind: 'no-personal-data' },
      null
    ],
    [
      'personal data unknown counts as none',
      { personalDataInvolved: null },
      { kind: 'no-personal-data' },
      null
    ],
    [
      "the event's hours override the regimes",
      { deadlineHours: 48 },
      { kind: 'event-override', hours: 48 },
      '2026-11-11T15:00:00.000Z'
    ],
    [
      "the event's hours override even a longer regime default downwards or upwards",
      { deadlineHours: 96, regimes: ['GDPR'] },
      { kind: 'event-override', hours: 96 },
      '2026-11-13T15:00:00.000Z'
    ],
    [
      "the event's hours apply without personal data (a sector regulator)",
      { deadlineHours: 24, personalDataInvolved: false, regimes: [] },
      { kind: 'event-override', hours: 24 },
      '2026-11-10T15:00:00.000Z'
    ],
    [
      'zero hours count as not set',
      { deadlineHours: 0 },
      { kind: 'regime', hours: 72, regimes: ['GDPR'] },
      GDPR_DEADLINE
    ],
    [
      'negative hours count as not set',
      { deadlineHours: -5 },
      { kind: 'regime', hours: 72, regimes: ['GDPR'] },
      GDPR_DEADLINE
    ],
    [
      'non-numeric hours count as not set',
      { deadlineHours: Number.NaN },
      { kind: 'regime', hours: 72, regimes: ['GDPR'] },
      GDPR_DEADLINE
    ],
    ['no declared time: no clock', { declaredAt: null }, { kind: 'no-declared-at' }, null],
    ['an unreadable declared time: no clock', { declaredAt: 'yesterday' }, { kind: 'no-declared-at' }, null]
  ];

  it.each(cases)('%s', (_name, overrides, basis, deadline) => {
    const input = event(overrides);
    expect(regulatorDeadlineBasis(input)).toEqual(basis);
    expect(evaluateRegulatorClock(input, at(DECLARED)).deadline).toBe(deadline);
  });

  it("lists the rules of the event's known regimes for display, once each, in value-set order", () => {
    const clock = evaluateRegulatorClock(event({ regimes: ['PIPEDA', 'GDPR', 'SOX', 'GDPR'] }), at(DECLARED));
    expect(clock.rules.map((rule) => rule.regime)).toEqual(['GDPR', 'PIPEDA']);
  });
});

describe('regulator clock: states at the exact boundaries', () => {
  const dueSoonStart = deadlineMs - DUE_SOON_HOURS * HOUR;
  const cases: ReadonlyArray<
    readonly [name: string, now: number, notifiedAt: string | null, state: ClockState, minutes: number]
  > = [
    ['at declaration: 72 hours to go', at(DECLARED), null, 'running', 72 * 60],
    ['a millisecond before the due-soon window', dueSoonStart - 1, null, 'running', 12 * 60],
    ['exactly 12 hours left is not yet due soon', dueSoonStart, null, 'running', 12 * 60],
    ['a millisecond into the due-soon window', dueSoonStart + 1, null, 'due-soon', 12 * 60 - 1],
    ['thirty seconds left', deadlineMs - 30_000, null, 'due-soon', 0],
    ['at the deadline itself the notice is still due, not late', deadlineMs, null, 'due-soon', 0],
    ['a millisecond after the deadline: breached', deadlineMs + 1, null, 'breached', 0],
    ['ninety minutes after the deadline', deadlineMs + 90 * MINUTE, null, 'breached', 90],
    ['notified at the deadline: on time', deadlineMs + 5 * HOUR, GDPR_DEADLINE, 'met-on-time', 0],
    [
      'notified a millisecond after the deadline: late',
      deadlineMs + 5 * HOUR,
      '2026-11-12T15:00:00.001Z',
      'met-late',
      0
    ],
    [
      'the demo notice, logged on 11 November at 10:30 UTC: 28.5 hours to spare',
      at('2026-12-01T00:00:00.000Z'),
      '2026-11-11T10:30:00.000Z',
      'met-on-time',
      28 * 60 + 30
    ],
    [
      'a notice 24 hours 45 minutes late',
      at('2026-11-20T00:00:00.000Z'),
      '2026-11-13T15:45:00.000Z',
      'met-late',
      24 * 60 + 45
    ],
    [
      'a logged notice stops the clock, even before the deadline',
      at(DECLARED),
      '2026-11-10T15:00:00.000Z',
      'met-on-time',
      48 * 60
    ]
  ];

  it.each(cases)('%s', (_name, now, notifiedAt, state, minutes) => {
    const clock = evaluateRegulatorClock(event({ notifiedAt }), now);
    expect(clock.state).toBe(state);
    expect(clock.countdown?.totalMinutes).toBe(minutes);
    expect(clock.deadline).toBe(GDPR_DEADLINE);
    expect(clock.notifiedAt).toBe(notifiedAt === null ? null : new Date(at(notifiedAt)).toISOString());
  });

  it('is not required without a deadline, and still reports a logged notice', () => {
    const clock = evaluateRegulatorClock(
      event({ regimes: ['CCPA'], notifiedAt: '2026-11-10T09:00:00Z' }),
      at(DECLARED)
    );
    expect(clock).toMatchObject({
      state: 'not-required',
      deadline: null,
      countdown: null,
      notifiedAt: '2026-11-10T09:00:00.000Z',
      basis: { kind: 'no-fixed-clock' }
    });
  });
});

describe('deadline arithmetic is elapsed time in UTC, whatever the clocks on the wall do', () => {
  const cases: ReadonlyArray<readonly [name: string, declaredAt: string, hours: number, deadline: string]> = [
    [
      'across the EU spring change (29 March 2026): still 72 elapsed hours',
      '2026-03-27T12:00:00.000Z',
      72,
      '2026-03-30T12:00:00.000Z'
    ],
    [
      'across the US spring change (8 March 2026)',
      '2026-03-07T18:00:00.000Z',
      24,
      '2026-03-08T18:00:00.000Z'
    ],
    [
      'across the EU autumn change (25 October 2026)',
      '2026-10-24T23:30:00.000Z',
      72,
      '2026-10-27T23:30:00.000Z'
    ],
    [
      'across the US autumn change (1 November 2026)',
      '2026-10-31T16:00:00.000Z',
      24,
      '2026-11-01T16:00:00.000Z'
    ],
    [
      'a declared time written with an offset is the same instant',
      '2026-03-28T23:30:00+01:00',
      72,
      '2026-03-31T22:30:00.000Z'
    ],
    [
      '60 days across a change and a short month',
      '2026-02-15T09:00:00.000Z',
      1440,
      '2026-04-16T09:00:00.000Z'
    ],
    ['over a leap day', '2028-02-28T10:00:00.000Z', 48, '2028-03-01T10:00:00.000Z'],
    ['over the turn of a year', '2026-12-30T20:00:00.000Z', 72, '2027-01-02T20:00:00.000Z']
  ];

  it.each(cases)('%s', (_name, declaredAt, hours, deadline) => {
    const clock = evaluateRegulatorClock(
      event({ declaredAt, deadlineHours: hours, personalDataInvolved: false }),
      at(declaredAt)
    );
    expect(clock.deadline).toBe(deadline);
    expect(at(deadline) - at(declaredAt)).toBe(hours * HOUR);
    expect(clock.countdown?.totalMinutes).toBe(hours * 60);
  });
});

describe("customers' contractual deadlines", () => {
  const cases: ReadonlyArray<
    readonly [
      name: string,
      hours: number | null | undefined,
      notifiedAt: string | null | undefined,
      now: string,
      state: ClockState,
      deadline: string | null
    ]
  > = [
    [
      '48 hours, not notified, a day in',
      48,
      null,
      '2026-11-10T15:00:00Z',
      'running',
      '2026-11-11T15:00:00.000Z'
    ],
    [
      '24 hours, not notified, 11 hours left',
      24,
      null,
      '2026-11-10T04:00:00Z',
      'due-soon',
      '2026-11-10T15:00:00.000Z'
    ],
    [
      '24 hours, not notified, past it',
      24,
      undefined,
      '2026-11-10T15:00:01Z',
      'breached',
      '2026-11-10T15:00:00.000Z'
    ],
    [
      '48 hours, notified within them',
      48,
      '2026-11-10T08:05:00Z',
      '2026-11-20T00:00:00Z',
      'met-on-time',
      '2026-11-11T15:00:00.000Z'
    ],
    [
      '24 hours, notified after them',
      24,
      '2026-11-10T17:30:00Z',
      '2026-11-20T00:00:00Z',
      'met-late',
      '2026-11-10T15:00:00.000Z'
    ],
    ['no contractual deadline', null, null, '2026-11-20T00:00:00Z', 'not-required', null],
    ['a blank deadline', undefined, null, '2026-11-20T00:00:00Z', 'not-required', null],
    ['a zero deadline counts as none', 0, null, '2026-11-20T00:00:00Z', 'not-required', null]
  ];

  it.each(cases)('%s', (_name, hours, notifiedAt, now, state, deadline) => {
    const clock = evaluateContractDeadline(
      { declaredAt: DECLARED, deadlineHours: hours, notifiedAt },
      at(now)
    );
    expect(clock.state).toBe(state);
    expect(clock.deadline).toBe(deadline);
  });

  it('has no deadline without a declared time', () => {
    expect(evaluateContractDeadline({ declaredAt: undefined, deadlineHours: 24 }, at(DECLARED)).state).toBe(
      'not-required'
    );
  });
});

describe('countdown parts and wording', () => {
  const cases: ReadonlyArray<readonly [ms: number, parts: [number, number, number], text: string]> = [
    [0, [0, 0, 0], 'less than a minute'],
    [MINUTE - 1, [0, 0, 0], 'less than a minute'],
    [MINUTE, [0, 0, 1], '1 minute'],
    [61 * MINUTE, [0, 1, 1], '1 hour 1 minute'],
    [2 * HOUR, [0, 2, 0], '2 hours'],
    [24 * HOUR, [1, 0, 0], '1 day'],
    [24 * HOUR + 5 * MINUTE, [1, 0, 5], '1 day 5 minutes'],
    [(2 * 24 + 4) * HOUR + 5 * MINUTE + 59_999, [2, 4, 5], '2 days 4 hours 5 minutes'],
    [-(90 * MINUTE), [0, 1, 30], '1 hour 30 minutes']
  ];

  it.each(cases)('%d ms', (ms, [days, hours, minutes], text) => {
    const countdown = countdownOf(ms);
    expect([countdown.days, countdown.hours, countdown.minutes]).toEqual([days, hours, minutes]);
    expect(countdown.totalMinutes).toBe(days * 24 * 60 + hours * 60 + minutes);
    expect(formatCountdown(countdown)).toBe(text);
  });
});

describe('helpers', () => {
  it.each([
    ['2026-11-09T15:00:00.000Z', at(DECLARED)],
    [at(DECLARED), at(DECLARED)],
    [Number.POSITIVE_INFINITY, null],
    ['', null],
    ['   ', null],
    ['soon', null],
    [null, null],
    [undefined, null]
  ] as const)('parseInstant(%p)', (value, expected) => {
    expect(parseInstant(value)).toBe(expected);
  });

  it.each([
    [72, 72],
    [0.5, 0.5],
    [0, null],
    [-1, null],
    [Number.NaN, null],
    [null, null],
    [undefined, null]
  ] as const)('validHours(%p)', (value, expected) => {
    expect(validHours(value)).toBe(expected);
  });

  it('knows exactly the Data Regime values', () => {
    expect(Object.keys(REGIME_RULES)).toEqual([
      'GDPR',
      'UK GDPR',
      'CCPA',
      'FERPA',
      'HIPAA',
      'LGPD',
      'PIPEDA'
    ]);
    expect(isDataRegime('UK GDPR')).toBe(true);
    expect(isDataRegime('uk gdpr')).toBe(false);
  });

  it('documents every default with guidance and its source', () => {
    for (const [key, rule] of Object.entries(REGIME_RULES)) {
      expect(rule.regime).toBe(key);
      expect(rule.guidance.length).toBeGreaterThan(40);
      expect(rule.source).not.toBe('');
    }
  });

  it('returns no rules for no regimes', () => {
    expect(regimeRulesFor(undefined)).toEqual([]);
  });

  it.each([
    [72, '72 hours (3 days)'],
    [1440, '1440 hours (60 days)'],
    [24, '24 hours'],
    [36, '36 hours'],
    [1, '1 hour']
  ])('formatHours(%d)', (hours, text) => {
    expect(formatHours(hours)).toBe(text);
  });

  it.each([
    ['running', true],
    ['due-soon', true],
    ['breached', false],
    ['met-on-time', false],
    ['met-late', false],
    ['not-required', false]
  ] as const)('isCounting(%s)', (state, expected) => {
    expect(isCounting(state)).toBe(expected);
  });
});

describe('how a clock state reads', () => {
  const cases: ReadonlyArray<
    readonly [name: string, now: string, notifiedAt: string | null, headline: string]
  > = [
    ['running', '2026-11-10T15:00:00.000Z', null, '2 days left to notify the regulator.'],
    ['due soon', '2026-11-12T13:30:00.000Z', null, '1 hour 30 minutes left to notify the regulator.'],
    [
      'breached',
      '2026-11-13T18:00:00.000Z',
      null,
      'The deadline passed 1 day 3 hours ago and no regulator notice is logged.'
    ],
    [
      'met on time',
      '2026-11-20T00:00:00.000Z',
      '2026-11-10T10:30:00.000Z',
      'The regulator was notified 2 days 4 hours 30 minutes before the deadline.'
    ],
    [
      'met late',
      '2026-11-20T00:00:00.000Z',
      '2026-11-12T15:45:00.000Z',
      'The regulator was notified 45 minutes after the deadline.'
    ]
  ];

  it.each(cases)('%s', (_name, now, notifiedAt, headline) => {
    expect(regulatorClockHeadline(evaluateRegulatorClock(event({ notifiedAt }), at(now)))).toBe(headline);
  });

  it('leaves the wording to the page when there is no deadline', () => {
    const clock = evaluateRegulatorClock(event({ personalDataInvolved: false }), at(DECLARED));
    expect(clock.state).toBe('not-required');
    expect(regulatorClockHeadline(clock)).toBeNull();
  });

  it('has an icon and box classes for every state, coloured only where the state calls for attention', () => {
    const states: readonly ClockState[] = [
      'not-required',
      'running',
      'due-soon',
      'breached',
      'met-on-time',
      'met-late'
    ];
    expect(Object.keys(CLOCK_STATE_ICONS).sort()).toEqual([...states].sort());
    expect(Object.keys(CLOCK_STATE_BOX_CLASSES).sort()).toEqual([...states].sort());
    expect(CLOCK_STATE_ICONS.breached).toBe('utility:error');
    expect(CLOCK_STATE_BOX_CLASSES.breached).toBe('clock-breached slds-text-color_error');
    expect(CLOCK_STATE_BOX_CLASSES.running).toBe('');
  });
});
