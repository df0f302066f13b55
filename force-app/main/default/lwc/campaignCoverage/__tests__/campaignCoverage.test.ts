import {
  computeCoverage,
  describeTargetSegment,
  hasTargetSegment,
  isInTargetSegment,
  percentOf,
  splitMultiSelect,
  type AccountProfile,
  type CoverageCounts,
  type CoverageFigures,
  type SegmentCriteria
} from 'c/campaignCoverage';
// The same file the Apex test loads as the TrustDeskCoverageContract static resource.
import contractFile from '../../../staticresources/TrustDeskCoverageContract.json';

interface ContractSegment {
  name: string;
  rule: string;
  criteria: SegmentCriteria;
  accounts: Array<{ name: string; account: AccountProfile; inSegment: boolean }>;
}

const contract = contractFile as unknown as { version: number; segments: ContractSegment[] };

const NONE: SegmentCriteria = {
  requiresSoc2: false,
  suspensionClause: false,
  personalData: false,
  regimes: []
};

describe('target segment: contract cases shared with Apex', () => {
  const cases = contract.segments.flatMap((segment) =>
    segment.accounts.map(
      (entry) => [`${segment.name} (rule ${segment.rule}): ${entry.name}`, segment.criteria, entry] as const
    )
  );

  it('covers every rule, both outcomes, and the demo scenario', () => {
    const rules = new Set(contract.segments.flatMap((segment) => segment.rule.split(/,\s*/)));
    expect([...rules].sort()).toEqual(['1', '2', '3', '4']);
    expect(new Set(cases.map(([, , entry]) => entry.inSegment))).toEqual(new Set([true, false]));
    const demo = contract.segments.find((segment) => segment.name.startsWith('demo scenario'));
    expect(demo?.accounts.filter((entry) => entry.inSegment)).toHaveLength(15);
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('%s', (_name, criteria, entry) => {
    expect(isInTargetSegment(criteria, entry.account)).toBe(entry.inSegment);
  });

  it('has no member in a segment without criteria', () => {
    for (const segment of contract.segments.filter((candidate) => !hasTargetSegment(candidate.criteria))) {
      expect(segment.accounts.filter((entry) => entry.inSegment)).toEqual([]);
    }
  });
});

describe('target segment: definition and description', () => {
  const cases: ReadonlyArray<readonly [Partial<SegmentCriteria>, boolean, string]> = [
    [{}, false, 'No target segment is set.'],
    [{ regimes: ['', '  '] }, false, 'No target segment is set.'],
    [{ requiresSoc2: true }, true, 'Accounts that require a SOC 2 report.'],
    [
      { requiresSoc2: true, suspensionClause: true },
      true,
      'Accounts that require a SOC 2 report or have a suspension clause.'
    ],
    [{ personalData: true }, true, 'Accounts that process personal data.'],
    [{ regimes: ['GDPR'] }, true, 'Accounts that are subject to GDPR.'],
    [
      { personalData: true, regimes: ['GDPR', 'UK GDPR', 'GDPR'] },
      true,
      'Accounts that process personal data under GDPR or UK GDPR.'
    ],
    [
      {
        requiresSoc2: true,
        suspensionClause: true,
        personalData: true,
        regimes: ['GDPR', 'UK GDPR', 'CCPA', 'FERPA']
      },
      true,
      'Accounts that require a SOC 2 report, have a suspension clause or process personal data under GDPR, UK GDPR, CCPA or FERPA.'
    ]
  ];

  it.each(cases)('%j', (overrides, defined, text) => {
    const criteria = { ...NONE, ...overrides };
    expect(hasTargetSegment(criteria)).toBe(defined);
    expect(describeTargetSegment(criteria)).toBe(text);
  });
});

describe('splitMultiSelect', () => {
  it.each([
    ['GDPR;UK GDPR', ['GDPR', 'UK GDPR']],
    [' GDPR ; ;GDPR;CCPA', ['GDPR', 'CCPA']],
    ['', []],
    [null, []],
    [undefined, []],
    [['FERPA', ' FERPA', ''], ['FERPA']]
  ] as const)('%p', (value, expected) => {
    expect(splitMultiSelect(value)).toEqual(expected);
  });
});

describe('percentOf: never 0% or 100% unless it is', () => {
  it.each([
    [0, 0, 0],
    [5, 0, 0],
    [0, 17, 0],
    [13, 15, 87],
    [15, 15, 100],
    [16, 15, 100],
    [1, 1000, 1],
    [4, 1000, 1],
    [999, 1000, 99],
    [995, 1000, 99],
    [1, 3, 33],
    [2, 3, 67],
    [-1, 10, 0]
  ])('%d of %d is %d%%', (part, whole, expected) => {
    expect(percentOf(part, whole)).toBe(expected);
  });
});

describe('computeCoverage', () => {
  const counts = (overrides: Partial<CoverageCounts> = {}): CoverageCounts => ({
    targeted: 0,
    notified: 0,
    acknowledged: 0,
    overdueFollowUps: 0,
    notifiedLate: 0,
    unnotifiedPastDeadline: 0,
    ...overrides
  });

  const cases: ReadonlyArray<
    readonly [name: string, counts: Partial<CoverageCounts>, expected: Partial<CoverageFigures>]
  > = [
    [
      'the demo campaign: 13 of 15 notified, 10 acknowledged, 5 overdue follow-ups',
      {
        targeted: 15,
        notified: 13,
        acknowledged: 10,
        overdueFollowUps: 5,
        notifiedLate: 3,
        unnotifiedPastDeadline: 1
      },
      {
        notYetNotified: 2,
        notifiedPercent: 87,
        acknowledgedPercent: 67,
        notYetNotifiedPercent: 13,
        overdueFollowUpPercent: 38,
        contractBreaches: 4,
        allNotified: false
      }
    ],
    [
      'nobody told yet',
      { targeted: 40, unnotifiedPastDeadline: 6 },
      {
        notYetNotified: 40,
        notifiedPercent: 0,
        notYetNotifiedPercent: 100,
        contractBreaches: 6,
        allNotified: false
      }
    ],
    [
      'everyone told',
      { targeted: 3, notified: 3, acknowledged: 3 },
      { notYetNotified: 0, notifiedPercent: 100, acknowledgedPercent: 100, allNotified: true }
    ],
    [
      'an empty segment is not "all notified"',
      {},
      {
        notYetNotified: 0,
        notifiedPercent: 0,
        overdueFollowUpPercent: 0,
        contractBreaches: 0,
        allNotified: false
      }
    ],
    [
      'one of a thousand left reads 99%, not 100%',
      { targeted: 1000, notified: 999 },
      { notifiedPercent: 99, notYetNotifiedPercent: 1, allNotified: false }
    ],
    [
      'counts from separate queries are made consistent',
      {
        targeted: 10,
        notified: 12,
        acknowledged: 20,
        overdueFollowUps: 11,
        notifiedLate: 13,
        unnotifiedPastDeadline: 4
      },
      {
        notified: 10,
        acknowledged: 10,
        overdueFollowUps: 10,
        notifiedLate: 10,
        unnotifiedPastDeadline: 0,
        notYetNotified: 0,
        contractBreaches: 10
      }
    ],
    [
      'negative, fractional and missing numbers are not counts',
      { targeted: 7.9, notified: -2, acknowledged: Number.NaN, unnotifiedPastDeadline: 2.5 },
      { targeted: 7, notified: 0, acknowledged: 0, notYetNotified: 7, unnotifiedPastDeadline: 2 }
    ]
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(computeCoverage(counts(input))).toMatchObject(expected);
  });
});
