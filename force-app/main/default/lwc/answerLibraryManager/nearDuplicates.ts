/**
 * Near-duplicate library questions: two entries whose canonical questions say the same thing in nearly the same
 * words ("Do you encrypt data at rest?" and "Is data encrypted at rest?") split the reviewers' attention and let
 * two answers drift apart. Questions are normalised (lower case, accents and punctuation dropped, stop words and
 * questionnaire boilerplate removed, a light suffix stemming) into sets of tokens and compared with the Jaccard
 * index |A ∩ B| / |A ∪ B|.
 *
 * Comparing every pair of 5,000 entries would be 12.5 million comparisons, so candidates come from prefix
 * filtering (the AllPairs similarity join): with tokens in one global order, rarest first, two sets whose Jaccard
 * index reaches t must share a token among the first |A| - ⌈t·|A|⌉ + 1 of each, and their sizes must be within a
 * factor t of each other. Only such pairs are compared, and the result is exactly the pairs at or above t.
 */

/** What the detection needs of an entry. */
export interface DuplicateCandidate {
  readonly id: string;
  readonly question: string;
}

/** Two entries whose questions are near duplicates; `a` comes before `b` in the list given. */
export interface NearDuplicate {
  readonly a: string;
  readonly b: string;
  /** Jaccard index of the two token sets, 0..1. */
  readonly similarity: number;
}

/** The similarity from which two questions are reported: most of their meaningful words are shared. */
export const DEFAULT_THRESHOLD = 0.75;

/** Function words and questionnaire boilerplate that say nothing about what is asked. */
const STOP_WORDS = new Set(
  (
    'a all an and any are as at be been being by can could describe did do does either for from has have how ' +
    'i if in into is it its may me might must my of on or our please provide should so such than that the ' +
    'their them then there these they this those to us was we were what when where whether which who will ' +
    'with would yes you your organisation organization company vendor'
  ).split(' ')
);

/** A light suffix stemmer: enough to match "encrypted", "encryption" and "encrypts" with "encrypt". */
export function stemToken(token: string): string {
  const stem = stripSuffix(token);
  return stem.length > 4 && stem.endsWith('e') ? stem.slice(0, -1) : stem;
}

function stripSuffix(token: string): string {
  if (token.length <= 4 || /\d/.test(token)) {
    return token;
  }
  if (token.endsWith('ies')) {
    return `${token.slice(0, -3)}y`;
  }
  for (const suffix of ['ing', 'ion', 'ed']) {
    if (token.endsWith(suffix) && token.length - suffix.length >= 4) {
      return token.slice(0, -suffix.length);
    }
  }
  if (/(ss|sh|ch|x)es$/.test(token)) {
    return token.slice(0, -2);
  }
  if (token.endsWith('s') && !token.endsWith('ss')) {
    return token.slice(0, -1);
  }
  return token;
}

/** The distinct meaningful tokens of a question, stemmed. */
export function questionTokens(question: string): Set<string> {
  const words = question
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const tokens = new Set<string>();
  for (const word of words) {
    if (word !== '' && !STOP_WORDS.has(word)) {
      tokens.add(stemToken(word));
    }
  }
  return tokens;
}

/** Jaccard index of two sets: 1 for equal sets, 0 when disjoint (or both empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) {
    if (large.has(token)) {
      shared++;
    }
  }
  return shared / (a.size + b.size - shared);
}

interface Prepared {
  /** Position in the list given. */
  readonly index: number;
  readonly id: string;
  /** Token numbers in ascending order: rarest first (number 0 is the rarest token of the library). */
  readonly tokens: Int32Array;
}

/** Jaccard index of two ascending arrays of distinct token numbers. */
function sortedJaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return shared / (a.length + b.length - shared);
}

/** Numbers the tokens of the library by rarity (then alphabetically), and each question's tokens in that order. */
function prepare(entries: readonly DuplicateCandidate[]): Prepared[] {
  const sets = entries.map((entry) => questionTokens(entry.question));
  const frequency = new Map<string, number>();
  for (const tokens of sets) {
    for (const token of tokens) {
      frequency.set(token, (frequency.get(token) ?? 0) + 1);
    }
  }
  const numbers = new Map<string, number>();
  [...frequency.keys()]
    .sort((x, y) => (frequency.get(x) ?? 0) - (frequency.get(y) ?? 0) || (x < y ? -1 : x > y ? 1 : 0))
    .forEach((token, rank) => numbers.set(token, rank));
  const prepared: Prepared[] = [];
  sets.forEach((tokens, index) => {
    if (tokens.size > 0) {
      const ordered = Int32Array.from([...tokens].map((token) => numbers.get(token) ?? 0)).sort();
      prepared.push({ index, id: (entries[index] as DuplicateCandidate).id, tokens: ordered });
    }
  });
  return prepared;
}

/**
 * Every pair of entries whose questions reach the threshold, most similar first (then in list order). Entries
 * without a meaningful word are never reported; a threshold outside (0, 1] is treated as the default.
 */
export function findNearDuplicates(
  entries: readonly DuplicateCandidate[],
  threshold: number = DEFAULT_THRESHOLD
): NearDuplicate[] {
  const t = Number.isFinite(threshold) && threshold > 0 && threshold <= 1 ? threshold : DEFAULT_THRESHOLD;
  const epsilon = 1e-9;
  // Smallest sets first, so that each set only looks back at sets no larger than itself.
  const prepared = prepare(entries).sort((x, y) => x.tokens.length - y.tokens.length || x.index - y.index);
  const postings = new Map<number, Prepared[]>();
  const lastSeen = new Map<Prepared, number>();
  const pairs: Array<NearDuplicate & { readonly first: number; readonly second: number }> = [];
  prepared.forEach((current, step) => {
    const size = current.tokens.length;
    const prefix = size - Math.ceil(t * size - epsilon) + 1;
    for (let p = 0; p < prefix; p++) {
      const token = current.tokens[p] as number;
      const list = postings.get(token) ?? [];
      for (const other of list) {
        if (lastSeen.get(other) === step || other.tokens.length < t * size - epsilon) {
          continue;
        }
        lastSeen.set(other, step);
        const similarity = sortedJaccard(current.tokens, other.tokens);
        if (similarity >= t - epsilon) {
          const [first, second] = other.index < current.index ? [other, current] : [current, other];
          pairs.push({
            a: first.id,
            b: second.id,
            similarity: Math.round(similarity * 1000) / 1000,
            first: first.index,
            second: second.index
          });
        }
      }
      list.push(current);
      postings.set(token, list);
    }
  });
  return pairs
    .sort((x, y) => y.similarity - x.similarity || x.first - y.first || x.second - y.second)
    .map(({ a, b, similarity }) => ({ a, b, similarity }));
}

/** For each entry, the entries it nearly duplicates, most similar first. */
export function duplicatesByEntry(
  pairs: readonly NearDuplicate[]
): Map<string, Array<{ readonly id: string; readonly similarity: number }>> {
  const byEntry = new Map<string, Array<{ readonly id: string; readonly similarity: number }>>();
  const add = (id: string, other: string, similarity: number): void => {
    const list = byEntry.get(id) ?? [];
    list.push({ id: other, similarity });
    byEntry.set(id, list);
  };
  for (const pair of pairs) {
    add(pair.a, pair.b, pair.similarity);
    add(pair.b, pair.a, pair.similarity);
  }
  return byEntry;
}
