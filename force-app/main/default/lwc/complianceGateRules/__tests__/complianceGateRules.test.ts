import {
  criterionSortKey,
  deriveComplianceGate,
  normaliseCriterion,
  parseIsoDate,
  REASON,
  SUMMARY_MAX_LENGTH,
  truncate,
  type GateInput,
  type GateStatus
} from 'c/complianceGateRules';
// The same file the Apex test loads as the TrustDeskGateContract static resource.
import contractFile from '../../../staticresources/TrustDeskGateContract.json';

interface ExpectedReason {
  code: string;
  criterion?: string;
  controlId?: string;
}

interface ContractCase {
  name: string;
  rule: string;
  input: GateInput;
  expected: {
    status: GateStatus;
    reasons: ExpectedReason[];
    expectedClearDate: string | null;
    affectedCriteria: string[];
    summary?: string;
  };
}

const contract = contractFile as unknown as { version: number; cases: ContractCase[] };

const today = '2026-11-20';
const qualified = {
  opinion: 'Qualified',
  reportDate: '2026-11-06',
  bridgeLetterValidUntil: '2027-03-31',
  reauditTargetDate: '2027-06-30',
  periodEnd: '2026-09-30'
} as const;
const securityBuyer = {
  soc2Required: true,
  suspensionClause: false,
  processesPersonalData: false,
  regimes: [],
  categories: ['Security']
};

describe('deriveComplianceGate: contract cases shared with Apex', () => {
  it('has a case for every reason code', () => {
    const codes = new Set(contract.cases.flatMap((c) => c.expected.reasons.map((r) => r.code)));
    expect([...codes].sort()).toEqual(Object.values(REASON).sort());
  });

  it.each(contract.cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const result = deriveComplianceGate(testCase.input);

    expect(result.status).toBe(testCase.expected.status);
    expect(
      result.reasons.map((r) => {
        const reason: ExpectedReason = { code: r.code };
        if (r.criterion !== undefined) reason.criterion = r.criterion;
        if (r.controlId !== undefined) reason.controlId = r.controlId;
        return reason;
      })
    ).toEqual(testCase.expected.reasons);
    expect(result.expectedClearDate ?? null).toBe(testCase.expected.expectedClearDate);
    expect(result.affectedCriteria).toEqual(testCase.expected.affectedCriteria);
    expect(result.summary).toBe(testCase.expected.summary ?? result.summary);
    expect(result.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(result.summary.length).toBeGreaterThan(0);
  });
});

describe('deriveComplianceGate: what the sales rep may read', () => {
  it('never repeats the internal control title, and carries the customer-safe summary as detail', () => {
    const result = deriveComplianceGate({
      today,
      buyer: securityBuyer,
      cycle: qualified,
      exceptions: [
        {
          id: 'ae-1',
          criterion: 'CC6.1',
          category: 'Security',
          severity: 'Deficiency',
          status: 'Open',
          controlId: 'c1'
        }
      ],
      controls: [
        {
          id: 'c1',
          name: 'Splunk forwarder on int-gw-03 dropped events',
          status: 'Remediated - Evidence Accruing',
          criteria: ['CC6.1'],
          remediatedOn: '2026-09-14',
          cleanWindowDays: 90,
          customerSafeSummary: '  API activity is logged centrally and checked daily.  '
        }
      ]
    });

    const text = JSON.stringify(result);
    expect(text).not.toContain('Splunk');
    expect(text).not.toContain('int-gw-03');
    expect(result.reasons[0]?.detail).toBe('API activity is logged centrally and checked daily.');
  });

  it('leaves detail out when the control has no customer-safe summary', () => {
    const result = deriveComplianceGate({
      today,
      buyer: securityBuyer,
      cycle: qualified,
      exceptions: [
        { id: 'ae-1', criterion: 'CC6.8', category: 'Security', severity: 'Deficiency', status: 'Open' }
      ],
      controls: [
        {
          id: 'c2',
          name: 'x',
          status: 'Remediation In Progress',
          criteria: ['CC6.8'],
          cleanWindowDays: 90,
          customerSafeSummary: '   '
        }
      ]
    });

    expect(result.reasons[0]).toEqual({
      code: REASON.CONTROL_NOT_REMEDIATED,
      message: 'CC6.8: a control is still being remediated.',
      criterion: 'CC6.8',
      controlId: 'c2'
    });
  });

  it('gives no expected clear date when the gate is Clear', () => {
    const result = deriveComplianceGate({
      today,
      buyer: securityBuyer,
      cycle: qualified,
      exceptions: [],
      controls: []
    });

    expect(result.status).toBe('Clear');
    expect(result).not.toHaveProperty('expectedClearDate');
  });

  it('is pure: the input is not changed and the same input gives the same result', () => {
    const input: GateInput = {
      today,
      buyer: securityBuyer,
      cycle: qualified,
      exceptions: [
        { id: 'ae-1', criterion: ' cc6_1', category: 'Security', severity: 'Deficiency', status: 'Open' }
      ],
      controls: [
        {
          id: 'c1',
          name: 'x',
          status: 'Remediated - Evidence Accruing',
          criteria: ['cc6.1'],
          remediatedOn: '2026-09-14',
          cleanWindowDays: 90
        }
      ]
    };
    const before = JSON.stringify(input);

    const first = deriveComplianceGate(input);

    expect(JSON.stringify(input)).toBe(before);
    expect(deriveComplianceGate(input)).toEqual(first);
  });

  it('rejects an evaluation date that is not an ISO date', () => {
    expect(() =>
      deriveComplianceGate({ today: '20/11/2026', buyer: securityBuyer, exceptions: [], controls: [] })
    ).toThrow(RangeError);
  });

  it('ignores dates that are not calendar dates', () => {
    const result = deriveComplianceGate({
      today,
      buyer: securityBuyer,
      cycle: { opinion: 'Unqualified', bridgeLetterValidUntil: '2027-02-30', periodEnd: '2026-06-30' },
      exceptions: [],
      controls: []
    });

    expect(result.summary).toBe('The SOC 2 report (unqualified opinion) covers until 2027-06-30.');
  });
});

describe('helpers shared with the Apex mirror', () => {
  it.each([
    [' cc6.1 ', 'CC6.1'],
    ['CC6_1', 'CC6.1'],
    ['pi 1.2', 'PI1.2'],
    ['A1.2', 'A1.2']
  ])('normalises %p to %p', (raw, expected) => {
    expect(normaliseCriterion(raw)).toBe(expected);
  });

  it('sorts criteria by their numbers, not their characters', () => {
    const sorted = ['CC10.1', 'CC6.10', 'CC6.2', 'A1.1', 'P4.1'].sort((a, b) =>
      criterionSortKey(a).localeCompare(criterionSortKey(b))
    );
    expect(sorted).toEqual(['A1.1', 'CC6.2', 'CC6.10', 'CC10.1', 'P4.1']);
  });

  it.each([
    ['2026-11-20', '2026-11-20'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2025-02-29', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['2026-1-1', null],
    ['', null],
    [undefined, null],
    [null, null]
  ])('reads %p as %p', (raw, expected) => {
    expect(parseIsoDate(raw)).toBe(expected);
  });

  it('cuts text to the limit with three dots, as Apex abbreviate does', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abc...');
  });
});
