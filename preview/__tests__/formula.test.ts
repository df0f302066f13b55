import {
  evaluateFormula,
  fieldPaths,
  FormulaError,
  parseFormula,
  type FormulaValue
} from '../server/formula';

function run(formula: string, fields: Record<string, FormulaValue> = {}, today = '2026-11-22'): FormulaValue {
  return evaluateFormula(parseFormula(formula), {
    field: (path) => fields[path.join('.')] ?? null,
    now: new Date('2026-11-22T12:00:00Z'),
    today
  });
}

describe('formulas', () => {
  it('evaluates logic, picklists and blanks the way validation rules need', () => {
    expect(
      run('AND(ISPICKVAL(Status__c, "Approved"), ISBLANK(Approved_By__c))', { Status__c: 'Approved' })
    ).toBe(true);
    expect(run('NOT(ISBLANK(TEXT(Opinion__c)))', { Opinion__c: 'Pending' })).toBe(true);
    expect(run('Sample_Size__c > Population__c', { Sample_Size__c: 10 })).toBeNull();
    expect(run('OR(Population__c < 0, Sample_Size__c < 0)', { Population__c: 5, Sample_Size__c: -1 })).toBe(
      true
    );
    expect(run('IF(A__c > 1, "big", "small") & "!"', { A__c: 2 })).toBe('big!');
  });

  it('does date and date/time arithmetic', () => {
    expect(run('Last__c + Days__c', { Last__c: { kind: 'date', days: 20_000 }, Days__c: 180 })).toEqual({
      kind: 'date',
      days: 20_180
    });
    expect(
      run('Sampled_On__c > TODAY()', {
        Sampled_On__c: { kind: 'date', days: Date.UTC(2026, 10, 23) / 86_400_000 }
      })
    ).toBe(true);
    expect(
      run('Sent_At__c - DATETIMEVALUE(Due__c) > 1.5', {
        Sent_At__c: { kind: 'datetime', ms: Date.UTC(2026, 10, 20) },
        Due__c: { kind: 'date', days: Date.UTC(2026, 10, 10) / 86_400_000 }
      })
    ).toBe(true);
  });

  it('names the fields a formula reads, and rejects what it cannot parse', () => {
    expect(fieldPaths(parseFormula('AND(Account__r.Name = "x", ISBLANK(Note__c))'))).toEqual([
      ['Account__r', 'Name'],
      ['Note__c']
    ]);
    expect(() => parseFormula('VLOOKUP(a, b, c)')).toThrow(FormulaError);
    expect(() => parseFormula('AND(1, ')).toThrow(FormulaError);
  });
});
