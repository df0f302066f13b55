import { caseSafeSuffix, makeId, normalizeId } from '../server/ids';

describe('record ids', () => {
  it('computes the case-safe suffix of a 15-character id as Salesforce does', () => {
    expect(caseSafeSuffix('001000000000001')).toBe('AAA');
    expect(caseSafeSuffix('001Pv0000000001')).toBe('IAA');
  });

  it('accepts 15- and 18-character ids and rejects a suffix that does not match', () => {
    const id = makeId('001', 1);
    expect(id).toHaveLength(18);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    expect(normalizeId(id)).toBe(id);
    expect(normalizeId(`${id.slice(0, 15)}AAA`)).toBeUndefined();
    expect(normalizeId('not an id')).toBeUndefined();
  });
});
