import {
  addDays,
  coverageByCriterion,
  dayNumber,
  daysBetween,
  evaluateEvidenceWindow,
  type EvidenceSample,
  type EvidenceWindow,
  type EvidenceWindowInput,
  forecastReadiness,
  isoDate,
  isRemediationOverdue,
  monthlyCoverage,
  samplingGaps,
  samplingPeriod
} from 'c/evidenceWindow';

/** Samples every `step` days from `from` up to and including `to`. */
function series(
  from: string,
  to: string,
  step = 7,
  result: EvidenceSample['result'] = 'Pass'
): EvidenceSample[] {
  const samples: EvidenceSample[] = [];
  for (let date = from; daysBetween(date, to) >= 0; date = addDays(date, step)) {
    samples.push({ sampledOn: date, result });
  }
  return samples;
}

function pass(sampledOn: string): EvidenceSample {
  return { sampledOn, result: 'Pass' };
}

function fail(sampledOn: string): EvidenceSample {
  return { sampledOn, result: 'Fail' };
}

function exception(sampledOn: string): EvidenceSample {
  return { sampledOn, result: 'Exception' };
}

// 2026-09-14 is a Monday (ISO week 2026-W38); weekly samples are taken on Mondays.
const REMEDIATED = '2026-09-14';
const TODAY = '2026-11-20';
const WEEKLY_SINCE_REMEDIATION = series('2026-09-14', '2026-11-16');

describe('calendar days', () => {
  it.each([
    ['2026-09-14', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['14/09/2026', false],
    ['', false],
    [null, false],
    [undefined, false]
  ])('%s is a calendar date: %s', (value, valid) => {
    expect(dayNumber(value) !== null).toBe(valid);
  });

  it.each([
    ['2026-09-14', 90, '2026-12-13'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28']
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('round-trips day numbers and rejects invalid dates with the argument named', () => {
    expect(isoDate(dayNumber('2026-09-14') ?? 0)).toBe('2026-09-14');
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-09-14', 'soon')).toThrow('to must be a calendar date');
  });
});

describe('sampling periods', () => {
  it.each([
    ['Daily', '2028-02-29', { key: '2028-02-29', start: '2028-02-29', end: '2028-02-29' }],
    ['Weekly', '2026-09-16', { key: '2026-W38', start: '2026-09-14', end: '2026-09-20' }],
    ['Weekly', '2027-01-01', { key: '2026-W53', start: '2026-12-28', end: '2027-01-03' }],
    ['Weekly', '2027-01-04', { key: '2027-W01', start: '2027-01-04', end: '2027-01-10' }],
    ['Weekly', '2021-01-03', { key: '2020-W53', start: '2020-12-28', end: '2021-01-03' }],
    ['Monthly', '2028-02-10', { key: '2028-02', start: '2028-02-01', end: '2028-02-29' }],
    ['Monthly', '2027-02-10', { key: '2027-02', start: '2027-02-01', end: '2027-02-28' }],
    ['Monthly', '2026-04-30', { key: '2026-04', start: '2026-04-01', end: '2026-04-30' }],
    ['Monthly', '2026-12-31', { key: '2026-12', start: '2026-12-01', end: '2026-12-31' }],
    ['Quarterly', '2026-05-15', { key: '2026-Q2', start: '2026-04-01', end: '2026-06-30' }],
    ['Quarterly', '2028-01-01', { key: '2028-Q1', start: '2028-01-01', end: '2028-03-31' }],
    ['Quarterly', '2026-12-31', { key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' }],
    ['Per Change', '2026-05-15', null]
  ] as const)('%s period of %s', (cadence, date, expected) => {
    expect(samplingPeriod(cadence, date)).toEqual(expected);
  });
});

describe('gap detection per cadence', () => {
  it.each([
    {
      rule: 'daily: a missing leap day is a gap, with February 2028 ending on the 29th',
      cadence: 'Daily',
      sampled: ['2028-02-27', '2028-02-28', '2028-03-01'],
      from: '2028-02-27',
      today: '2028-03-02',
      gaps: ['2028-02-29']
    },
    {
      rule: 'daily: 28 February 2027 is followed by 1 March (no 29th in a common year)',
      cadence: 'Daily',
      sampled: ['2027-02-27', '2027-02-28', '2027-03-01'],
      from: '2027-02-27',
      today: '2027-03-02',
      gaps: []
    },
    {
      rule: 'daily: today is still open, yesterday is due',
      cadence: 'Daily',
      sampled: ['2026-09-14'],
      from: '2026-09-14',
      today: '2026-09-16',
      gaps: ['2026-09-15']
    },
    {
      rule: 'weekly: a missing week is listed by its ISO week',
      cadence: 'Weekly',
      sampled: ['2026-09-14', '2026-09-28', '2026-10-05'],
      from: '2026-09-14',
      today: '2026-10-12',
      gaps: ['2026-W39']
    },
    {
      rule: 'weekly: any day of the week fills it, and the week holding today is not due yet',
      cadence: 'Weekly',
      sampled: ['2026-09-20', '2026-09-23'],
      from: '2026-09-14',
      today: '2026-10-01',
      gaps: []
    },
    {
      rule: 'weekly: the partial week the observation starts in is not required',
      cadence: 'Weekly',
      sampled: ['2026-09-21'],
      from: '2026-09-16',
      today: '2026-09-28',
      gaps: []
    },
    {
      rule: 'weekly: ISO week 53 of 2026 spans the new year',
      cadence: 'Weekly',
      sampled: ['2026-12-21', '2027-01-04'],
      from: '2026-12-21',
      today: '2027-01-11',
      gaps: ['2026-W53']
    },
    {
      rule: 'monthly: a missing February in a leap year',
      cadence: 'Monthly',
      sampled: ['2028-01-15', '2028-03-01'],
      from: '2028-01-01',
      today: '2028-04-01',
      gaps: ['2028-02']
    },
    {
      rule: 'monthly: months of 28, 30 and 31 days are each one period',
      cadence: 'Monthly',
      sampled: ['2027-02-28', '2027-04-30', '2027-05-31'],
      from: '2027-02-01',
      today: '2027-06-15',
      gaps: ['2027-03']
    },
    {
      rule: 'monthly: a month ending yesterday is due',
      cadence: 'Monthly',
      sampled: [],
      from: '2026-10-01',
      today: '2026-11-01',
      gaps: ['2026-10']
    },
    {
      rule: 'quarterly: a missing quarter',
      cadence: 'Quarterly',
      sampled: ['2026-03-31', '2026-09-30'],
      from: '2026-01-01',
      today: '2026-10-15',
      gaps: ['2026-Q2']
    },
    {
      rule: 'per change: sampled when changes happen, never a gap',
      cadence: 'Per Change',
      sampled: [],
      from: '2026-01-01',
      today: '2026-12-31',
      gaps: []
    }
  ] as const)('$rule', ({ cadence, sampled, from, today, gaps }) => {
    expect(samplingGaps(cadence, sampled, from, today).map((gap) => gap.key)).toEqual(gaps);
  });

  it('gives each gap its first and last day', () => {
    expect(samplingGaps('Monthly', [], '2028-02-01', '2028-03-01')).toEqual([
      { key: '2028-02', start: '2028-02-01', end: '2028-02-29' }
    ]);
  });

  it('skips sample dates that are not calendar dates', () => {
    expect(samplingGaps('Daily', ['2026-09-31', '2026-10-01'], '2026-10-01', '2026-10-02')).toEqual([]);
  });
});

describe('evaluateEvidenceWindow', () => {
  function evaluate(overrides: Partial<EvidenceWindowInput>): EvidenceWindow {
    return evaluateEvidenceWindow({
      today: TODAY,
      remediatedOn: REMEDIATED,
      windowDays: 90,
      cadence: 'Weekly',
      evidence: WEEKLY_SINCE_REMEDIATION,
      ...overrides
    });
  }

  it.each([
    {
      rule: 'clean since remediation: the window accrues from the remediated-on date',
      input: {},
      expected: {
        state: 'accruing',
        cleanStart: '2026-09-14',
        cleanDays: 67,
        daysRemaining: 23,
        projectedReadyOn: '2026-12-13',
        restarts: 0,
        gapsInWindow: 0
      }
    },
    {
      rule: 'no remediation date: the window has not started',
      input: { remediatedOn: null },
      expected: {
        state: 'not-started',
        cleanStart: null,
        cleanDays: 0,
        daysRemaining: 90,
        progress: 0,
        projectedReadyOn: null
      }
    },
    {
      rule: 'an empty remediation date is no remediation date',
      input: { remediatedOn: '' },
      expected: { state: 'not-started', cleanStart: null }
    },
    {
      rule: 'a Fail after remediation restarts the window the day after it',
      input: { evidence: [...WEEKLY_SINCE_REMEDIATION, fail('2026-10-07')] },
      expected: {
        state: 'accruing',
        cleanStart: '2026-10-08',
        cleanDays: 43,
        projectedReadyOn: '2027-01-06',
        restarts: 1,
        lastFailure: fail('2026-10-07')
      }
    },
    {
      rule: 'an Exception after remediation restarts the window the same way',
      input: { evidence: [...WEEKLY_SINCE_REMEDIATION, exception('2026-10-07')] },
      expected: { cleanStart: '2026-10-08', restarts: 1, lastFailure: exception('2026-10-07') }
    },
    {
      rule: 'the latest of several failures sets the clean start',
      input: { evidence: [exception('2026-11-02'), ...WEEKLY_SINCE_REMEDIATION, fail('2026-09-28')] },
      expected: { cleanStart: '2026-11-03', cleanDays: 17, restarts: 2, lastFailure: exception('2026-11-02') }
    },
    {
      rule: 'failures before the remediation are why it happened and change nothing',
      input: { evidence: [fail('2026-08-31'), exception('2026-09-07'), ...WEEKLY_SINCE_REMEDIATION] },
      expected: { cleanStart: '2026-09-14', restarts: 0, lastFailure: null }
    },
    {
      rule: 'a failure on the remediation day itself restarts the window',
      input: { evidence: [exception('2026-09-14'), ...WEEKLY_SINCE_REMEDIATION.slice(1)] },
      expected: { cleanStart: '2026-09-15', restarts: 1 }
    },
    {
      rule: 'a failure today leaves no clean day yet',
      input: { evidence: [...WEEKLY_SINCE_REMEDIATION, fail(TODAY)] },
      expected: { cleanStart: '2026-11-21', cleanDays: 0, progress: 0, projectedReadyOn: '2027-02-19' }
    },
    {
      rule: 'window already complete: ready, progress 1, projected on the day it became ready',
      input: { today: '2026-12-20', evidence: series('2026-09-14', '2026-12-14') },
      expected: {
        state: 'ready',
        cleanDays: 97,
        daysRemaining: 0,
        progress: 1,
        projectedReadyOn: '2026-12-13',
        gapsInWindow: 0
      }
    },
    {
      rule: 'window run but a week without evidence: evidence missing, projected today, not earlier',
      input: {
        today: '2026-12-20',
        evidence: series('2026-09-14', '2026-12-14').filter((s) => s.sampledOn !== '2026-10-19')
      },
      expected: {
        state: 'evidence-missing',
        progress: 1,
        projectedReadyOn: '2026-12-20',
        gapsInWindow: 1
      }
    },
    {
      rule: 'a gap while the window still runs keeps the natural projection',
      input: { evidence: WEEKLY_SINCE_REMEDIATION.filter((s) => s.sampledOn !== '2026-10-19') },
      expected: { state: 'accruing', projectedReadyOn: '2026-12-13', gapsInWindow: 1 }
    },
    {
      rule: 'a gap before a restart is history, not a blocker',
      input: {
        today: '2027-01-20',
        evidence: [
          ...series('2026-09-14', '2027-01-18').filter((s) => s.sampledOn !== '2026-09-21'),
          fail('2026-10-05')
        ]
      },
      expected: {
        state: 'ready',
        cleanStart: '2026-10-06',
        projectedReadyOn: '2027-01-04',
        gapsInWindow: 0,
        gaps: [{ key: '2026-W39', start: '2026-09-21', end: '2026-09-27', inWindow: false }]
      }
    },
    {
      rule: 'empty series after remediation: every due week is a gap',
      input: { evidence: [], today: '2026-10-05' },
      expected: {
        state: 'accruing',
        cleanDays: 21,
        gapsInWindow: 3,
        lastSampledOn: null,
        projectedReadyOn: '2026-12-13'
      }
    },
    {
      rule: 'empty series, per-change cadence: no gaps, ready on time alone',
      input: { evidence: [], cadence: 'Per Change', today: '2026-12-13' },
      expected: { state: 'ready', gaps: [], projectedReadyOn: '2026-12-13' }
    },
    {
      rule: 'empty series and no remediation: nothing to observe',
      input: { evidence: [], remediatedOn: null },
      expected: { state: 'not-started', gaps: [], lastSampledOn: null }
    },
    {
      rule: 'a blank window is the 90-day default, a blank cadence Weekly',
      input: { windowDays: null, cadence: null },
      expected: { windowDays: 90, cadence: 'Weekly', projectedReadyOn: '2026-12-13' }
    },
    {
      rule: 'a 0-day window is complete on its clean start',
      input: { windowDays: 0 },
      expected: { state: 'ready', progress: 1, projectedReadyOn: '2026-09-14' }
    },
    {
      rule: 'a negative window counts as 0 days',
      input: { windowDays: -5 },
      expected: { windowDays: 0, state: 'ready' }
    },
    {
      rule: 'a 0-day window restarted by a failure today is not complete yet',
      input: { windowDays: 0, evidence: [fail(TODAY)] },
      expected: { state: 'accruing', progress: 0, projectedReadyOn: '2026-11-21' }
    },
    {
      rule: 'a fractional window is rounded down to whole days',
      input: { windowDays: 30.7 },
      expected: { windowDays: 30, state: 'ready', projectedReadyOn: '2026-10-14' }
    },
    {
      rule: 'a daily control with one missing day',
      input: {
        cadence: 'Daily',
        today: '2026-09-20',
        evidence: series('2026-09-14', '2026-09-19', 1).filter((s) => s.sampledOn !== '2026-09-17')
      },
      expected: {
        gaps: [{ key: '2026-09-17', start: '2026-09-17', end: '2026-09-17', inWindow: true }]
      }
    },
    {
      rule: 'a monthly control remediated mid-month needs its first sample in the next full month',
      input: {
        cadence: 'Monthly',
        today: '2026-12-05',
        evidence: [pass('2026-10-20'), pass('2026-11-30')]
      },
      expected: { gaps: [], gapsInWindow: 0, lastSampledOn: '2026-11-30' }
    },
    {
      rule: 'an operating control without remediation: gaps counted from its first sample',
      input: {
        remediatedOn: null,
        cadence: 'Monthly',
        today: '2026-12-05',
        evidence: [pass('2026-06-15'), pass('2026-07-15'), pass('2026-09-15'), pass('2026-10-15')]
      },
      expected: {
        state: 'not-started',
        gaps: [
          { key: '2026-08', start: '2026-08-01', end: '2026-08-31', inWindow: false },
          { key: '2026-11', start: '2026-11-01', end: '2026-11-30', inWindow: false }
        ],
        gapsInWindow: 0
      }
    }
  ])('$rule', ({ input, expected }) => {
    expect(evaluate(input as Partial<EvidenceWindowInput>)).toMatchObject(expected);
  });

  it('gives progress as clean days over the window', () => {
    expect(evaluate({}).progress).toBeCloseTo(67 / 90, 10);
  });

  it('ignores and flags future-dated evidence, even a failure', () => {
    const window = evaluate({
      evidence: [...WEEKLY_SINCE_REMEDIATION, fail('2026-11-23'), pass('2026-12-01')]
    });
    expect(window.cleanStart).toBe('2026-09-14');
    expect(window.restarts).toBe(0);
    expect(window.lastSampledOn).toBe('2026-11-16');
    expect(window.ignored).toEqual([
      { sample: fail('2026-11-23'), reason: 'future' },
      { sample: pass('2026-12-01'), reason: 'future' }
    ]);
  });

  it('counts evidence dated today', () => {
    const window = evaluate({ evidence: [...WEEKLY_SINCE_REMEDIATION, pass(TODAY)] });
    expect(window.lastSampledOn).toBe(TODAY);
    expect(window.ignored).toEqual([]);
  });

  it('ignores and flags a sample whose date is not a calendar date', () => {
    const window = evaluate({ evidence: [...WEEKLY_SINCE_REMEDIATION, fail('2026-10-32')] });
    expect(window.restarts).toBe(0);
    expect(window.ignored).toEqual([{ sample: fail('2026-10-32'), reason: 'invalid-date' }]);
  });

  it('reads the series in any order', () => {
    const reversed = [...WEEKLY_SINCE_REMEDIATION].reverse();
    expect(evaluate({ evidence: reversed })).toEqual(evaluate({}));
  });

  it.each([
    {
      rule: 'series loaded from a later day: gaps are only looked for from that day',
      evidenceFrom: '2026-10-19',
      evidence: series('2026-10-19', '2026-11-16'),
      historyComplete: false,
      gaps: []
    },
    {
      rule: 'a loaded failure after the horizon makes the history complete again',
      evidenceFrom: '2026-10-19',
      evidence: [...series('2026-10-19', '2026-11-16'), fail('2026-10-20')],
      historyComplete: true,
      gaps: []
    },
    {
      rule: 'a horizon before the remediation changes nothing',
      evidenceFrom: '2026-06-01',
      evidence: WEEKLY_SINCE_REMEDIATION.filter((s) => s.sampledOn !== '2026-10-19'),
      historyComplete: true,
      gaps: ['2026-W43']
    },
    {
      rule: 'no horizon: the series is complete',
      evidenceFrom: null,
      evidence: WEEKLY_SINCE_REMEDIATION,
      historyComplete: true,
      gaps: []
    }
  ])('$rule', ({ evidenceFrom, evidence, historyComplete, gaps }) => {
    const window = evaluate({ evidenceFrom, evidence });
    expect(window.historyComplete).toBe(historyComplete);
    expect(window.gaps.map((gap) => gap.key)).toEqual(gaps);
  });

  it.each([
    [{ today: '2026-11-31' }, 'today must be a calendar date'],
    [{ remediatedOn: 'yesterday' }, 'remediatedOn must be a calendar date'],
    [{ evidenceFrom: '2026/10/01' }, 'evidenceFrom must be a calendar date']
  ])('rejects %j', (input, message) => {
    expect(() => evaluate(input)).toThrow(message);
  });

  it('works the demo control LOG-01: failures before its fix, weekly passes since', () => {
    const evidence = [
      fail('2026-06-29'),
      exception('2026-08-24'),
      exception('2026-08-31'),
      exception('2026-09-07'),
      ...WEEKLY_SINCE_REMEDIATION
    ];
    const window = evaluate({ evidence });
    expect(window).toMatchObject({ state: 'accruing', cleanStart: REMEDIATED, restarts: 0, gapsInWindow: 0 });
    expect(window.gaps).toEqual([]);
  });
});

describe('isRemediationOverdue', () => {
  it.each([
    ['Remediation In Progress', '2026-11-19', true],
    ['Exception Noted', '2026-11-19', true],
    ['Remediation In Progress', TODAY, false],
    ['Remediation In Progress', '2026-11-21', false],
    ['Remediated - Evidence Accruing', '2026-11-19', false],
    ['Operating', '2026-11-19', false],
    ['Not Applicable', '2026-11-19', false],
    ['Remediation In Progress', null, false],
    [null, '2026-11-19', false]
  ])('%s due %s is overdue: %s', (status, remediationDue, overdue) => {
    expect(isRemediationOverdue({ status, remediationDue }, TODAY)).toBe(overdue);
  });
});

describe('coverage by month', () => {
  const evidence: EvidenceSample[] = [
    { sampledOn: '2026-09-14', result: 'Pass', population: 1000, sampleSize: 25, exceptionsFound: 0 },
    { sampledOn: '2026-09-21', result: 'Exception', population: 900, sampleSize: 25, exceptionsFound: 3 },
    { sampledOn: '2026-11-02', result: 'Fail', population: null, sampleSize: undefined, exceptionsFound: 25 },
    { sampledOn: '2026-12-01', result: 'Pass', population: 5000, sampleSize: 40, exceptionsFound: 0 }
  ];

  it('adds up each month, lists empty months as zeros and leaves future samples out', () => {
    expect(monthlyCoverage(evidence, TODAY)).toEqual([
      { month: '2026-09', samples: 2, failures: 1, population: 1900, sampleSize: 50, exceptionsFound: 3 },
      { month: '2026-10', samples: 0, failures: 0, population: 0, sampleSize: 0, exceptionsFound: 0 },
      { month: '2026-11', samples: 1, failures: 1, population: 0, sampleSize: 0, exceptionsFound: 25 }
    ]);
  });

  it('starts from a given month and is empty without evidence', () => {
    expect(monthlyCoverage(evidence, TODAY, '2026-10').map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(monthlyCoverage([], TODAY)).toEqual([]);
    expect(monthlyCoverage(evidence, TODAY, '2027-01')).toEqual([]);
    expect(() => monthlyCoverage(evidence, TODAY, '2026-13')).toThrow('fromMonth must be YYYY-MM');
  });

  it('crosses the year end', () => {
    expect(monthlyCoverage([pass('2026-11-10')], '2027-02-01').map((m) => m.month)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02'
    ]);
  });

  it('adds the controls mapped to each criterion, counting a repeated mapping once', () => {
    const coverage = coverageByCriterion(
      [
        {
          criteria: ['CC6.1', ' cc6.1 ', 'CC7.2'],
          evidence: [{ sampledOn: '2026-10-05', result: 'Pass', population: 100, sampleSize: 10 }]
        },
        {
          criteria: ['CC6.1', ''],
          evidence: [
            {
              sampledOn: '2026-10-12',
              result: 'Exception',
              population: 50,
              sampleSize: 5,
              exceptionsFound: 1
            }
          ]
        },
        { criteria: ['CC1.10', 'CC1.2'], evidence: [] }
      ],
      TODAY
    );
    expect(coverage.map((c) => [c.criterion, c.controls])).toEqual([
      ['CC1.2', 1],
      ['CC1.10', 1],
      ['CC6.1', 2],
      ['CC7.2', 1]
    ]);
    const cc61 = coverage.find((c) => c.criterion === 'CC6.1');
    expect(cc61?.months).toEqual([
      { month: '2026-10', samples: 2, failures: 1, population: 150, sampleSize: 15, exceptionsFound: 1 },
      { month: '2026-11', samples: 0, failures: 0, population: 0, sampleSize: 0, exceptionsFound: 0 }
    ]);
    expect(coverage.find((c) => c.criterion === 'CC1.2')?.months).toEqual([]);
  });

  it('lines every criterion up on the same months when given a first month', () => {
    const coverage = coverageByCriterion(
      [{ criteria: ['A1.2'], evidence: [pass('2026-11-01')] }],
      TODAY,
      '2026-09'
    );
    expect(coverage[0]?.months.map((m) => [m.month, m.samples])).toEqual([
      ['2026-09', 0],
      ['2026-10', 0],
      ['2026-11', 1]
    ]);
    expect(() => coverageByCriterion([], TODAY, '26-09')).toThrow(RangeError);
  });
});

describe('forecastReadiness', () => {
  function window(projectedReadyOn: string | null): EvidenceWindow {
    return evaluateEvidenceWindow({
      today: TODAY,
      remediatedOn: projectedReadyOn === null ? null : addDays(projectedReadyOn, -90),
      windowDays: 90,
      cadence: 'Per Change',
      evidence: []
    });
  }

  it.each([
    {
      rule: 'every control ready by the target: on track, with the slack',
      windows: { 'LOG-01': '2026-12-13', 'IR-03': '2027-01-24' },
      target: '2027-06-30',
      expected: { status: 'on-track', latestReadyOn: '2027-01-24', slackDays: 157, atRisk: [] }
    },
    {
      rule: 'a control ready on the target day itself is on track',
      windows: { 'LOG-01': '2027-06-30' },
      target: '2027-06-30',
      expected: { status: 'on-track', slackDays: 0 }
    },
    {
      rule: 'a control ready after the target: at risk, naming it',
      windows: { 'LOG-01': '2026-12-13', 'CHG-01': '2027-07-15' },
      target: '2027-06-30',
      expected: { status: 'at-risk', latestReadyOn: '2027-07-15', slackDays: -15, atRisk: ['CHG-01'] }
    },
    {
      rule: 'a control not yet remediated has no projection: at risk',
      windows: { 'LOG-01': '2026-12-13', 'ADM-01': null },
      target: '2027-06-30',
      expected: { status: 'at-risk', latestReadyOn: '2026-12-13', atRisk: ['ADM-01'] }
    },
    {
      rule: 'no re-audit target: nothing to compare with',
      windows: { 'LOG-01': '2026-12-13' },
      target: null,
      expected: { status: 'no-target', latestReadyOn: '2026-12-13', slackDays: null, target: null }
    },
    {
      rule: 'no target but a control without projection is still at risk',
      windows: { 'ADM-01': null },
      target: null,
      expected: { status: 'at-risk', latestReadyOn: null, atRisk: ['ADM-01'] }
    },
    {
      rule: 'no controls behind the findings: nothing to forecast',
      windows: {},
      target: '2027-06-30',
      expected: { status: 'nothing-to-forecast', latestReadyOn: null, atRisk: [] }
    }
  ])('$rule', ({ windows, target, expected }) => {
    const entries = Object.entries(windows as Record<string, string | null>).map(([key, ready]) => ({
      key,
      window: window(ready)
    }));
    expect(forecastReadiness(entries, target)).toMatchObject(expected);
  });

  it('rejects a target that is not a date', () => {
    expect(() => forecastReadiness([], 'next June')).toThrow('target must be a calendar date');
  });
});
