/**
 * Record ids shaped like Salesforce's: a three-character key prefix naming the object, twelve characters of
 * record number, and the three-character case-safety suffix, so components that check, shorten or compare
 * ids behave as in an org.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character form of a 15-character id: one suffix character per block of five. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let index = 0; index < 5; index++) {
      const char = id15[block * 5 + index] ?? '';
      if (char >= 'A' && char <= 'Z') bits |= 1 << index;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** The id of the `sequence`-th record with this key prefix. */
export function makeId(keyPrefix: string, sequence: number): string {
  let number = '';
  let rest = sequence;
  do {
    number = BASE62[rest % 62] + number;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  const id15 = `${keyPrefix}Pv0${number.padStart(9, '0')}`;
  return id15 + caseSafeSuffix(id15);
}

/** The 18-character id for a 15- or 18-character id, or undefined when it is not an id. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return undefined;
  const id15 = value.slice(0, 15);
  const expected = id15 + caseSafeSuffix(id15);
  if (value.length === 18 && value.toUpperCase() !== expected.toUpperCase()) return undefined;
  return expected;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
