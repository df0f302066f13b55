import fc from 'fast-check';
import {
  DEFAULT_THRESHOLD,
  duplicatesByEntry,
  findNearDuplicates,
  jaccard,
  questionTokens,
  stemToken,
  type DuplicateCandidate,
  type NearDuplicate
} from '../nearDuplicates';

/** Every pair at or above the threshold, by comparing all pairs: what the filtered join must return. */
function bruteForce(entries: readonly DuplicateCandidate[], threshold: number): NearDuplicate[] {
  const sets = entries.map((entry) => questionTokens(entry.question));
  const pairs: Array<NearDuplicate & { i: number; j: number }> = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const similarity = jaccard(sets[i] ?? new Set(), sets[j] ?? new Set());
      if (similarity >= threshold - 1e-9) {
        pairs.push({
          a: entries[i]?.id ?? '',
          b: entries[j]?.id ?? '',
          similarity: Math.round(similarity * 1000) / 1000,
          i,
          j
        });
      }
    }
  }
  return pairs
    .sort((x, y) => y.similarity - x.similarity || x.i - y.i || x.j - y.j)
    .map(({ a, b, similarity }) => ({ a, b, similarity }));
}

describe('question tokens', () => {
  it('drop case, accents, punctuation, stop words and boilerplate, and stem light suffixes', () => {
    expect([...questionTokens('Do you encrypt data at rest?')].sort()).toEqual(['data', 'encrypt', 'rest']);
    expect([...questionTokens('Is data ENCRYPTED at rest?')].sort()).toEqual(['data', 'encrypt', 'rest']);
    expect([...questionTokens('Does your organisation perform encryption of data-at-rest?')].sort()).toEqual([
      'data',
      'encrypt',
      'perform',
      'rest'
    ]);
    expect([...questionTokens('Políticas de sécurité')].sort()).toEqual(['de', 'politica', 'securit']);
    expect(questionTokens('Please describe your...').size).toBe(0);
  });

  it('stem only what is safe to stem', () => {
    expect(stemToken('policies')).toBe('policy');
    expect(stemToken('processes')).toBe('process');
    expect(stemToken('enforced')).toBe(stemToken('enforce'));
    expect(stemToken('stored')).toBe('stor');
    expect(stemToken('patches')).toBe('patch');
    expect(stemToken('logging')).toBe('logg');
    expect(stemToken('reviewed')).toBe('review');
    expect(stemToken('controls')).toBe('control');
    expect(stemToken('access')).toBe('access');
    expect(stemToken('keys')).toBe('keys');
    expect(stemToken('tls1.2s')).toBe('tls1.2s');
    expect(stemToken('boxes')).toBe('box');
  });

  it('measures overlap with the Jaccard index', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['a', 'b']))).toBe(1);
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
    expect(jaccard(new Set(), new Set(['b']))).toBe(0);
  });
});

describe('findNearDuplicates', () => {
  const library: DuplicateCandidate[] = [
    { id: 'enc-rest', question: 'Do you encrypt data at rest?' },
    { id: 'mfa', question: 'Do you enforce multi-factor authentication for administrators?' },
    { id: 'enc-rest-2', question: 'Is customer data encrypted at rest?' },
    { id: 'enc-rest-3', question: 'Is data encrypted at rest?' },
    { id: 'mfa-2', question: 'Is multi-factor authentication enforced for all administrators?' },
    { id: 'pentest', question: 'Do you run an annual penetration test?' },
    { id: 'blank', question: 'Please describe.' }
  ];

  it('finds questions that say the same thing in nearly the same words, most similar first', () => {
    expect(findNearDuplicates(library)).toEqual([
      { a: 'enc-rest', b: 'enc-rest-3', similarity: 1 },
      { a: 'mfa', b: 'mfa-2', similarity: 1 },
      { a: 'enc-rest', b: 'enc-rest-2', similarity: 0.75 },
      { a: 'enc-rest-2', b: 'enc-rest-3', similarity: 0.75 }
    ]);
  });

  it('honours the threshold and falls back to the default for a meaningless one', () => {
    expect(findNearDuplicates(library, 0.9)).toEqual([
      { a: 'enc-rest', b: 'enc-rest-3', similarity: 1 },
      { a: 'mfa', b: 'mfa-2', similarity: 1 }
    ]);
    expect(findNearDuplicates(library, 0)).toEqual(findNearDuplicates(library, DEFAULT_THRESHOLD));
    expect(findNearDuplicates(library, Number.NaN)).toEqual(findNearDuplicates(library));
    expect(findNearDuplicates([])).toEqual([]);
  });

  it('never reports entries without a meaningful word', () => {
    const pairs = findNearDuplicates([
      { id: 'x', question: 'Please describe.' },
      { id: 'y', question: 'Please describe!' }
    ]);
    expect(pairs).toEqual([]);
  });

  it('lists, for each entry, the entries it nearly duplicates', () => {
    const byEntry = duplicatesByEntry(findNearDuplicates(library));
    expect(byEntry.get('enc-rest')).toEqual([
      { id: 'enc-rest-3', similarity: 1 },
      { id: 'enc-rest-2', similarity: 0.75 }
    ]);
    expect(byEntry.get('mfa-2')).toEqual([{ id: 'mfa', similarity: 1 }]);
    expect(byEntry.has('pentest')).toBe(false);
  });

  it('property: the filtered join returns exactly the pairs that comparing all pairs finds', () => {
    const word = fc.constantFrom(
      'access',
      'review',
      'data',
      'encrypt',
      'rest',
      'key',
      'log',
      'admin',
      'mfa',
      'backup'
    );
    const question = fc.array(word, { minLength: 0, maxLength: 6 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(
        fc.array(question, { maxLength: 25 }),
        fc.constantFrom(0.3, 0.5, 0.6, 0.75, 0.8, 1),
        (questions, threshold) => {
          const entries = questions.map((text, i) => ({ id: `e${i}`, question: text }));
          expect(findNearDuplicates(entries, threshold)).toEqual(bruteForce(entries, threshold));
        }
      ),
      { numRuns: 300 }
    );
  });

  it('finds the planted duplicates among 5,000 varied questions', () => {
    // A deterministic pseudo-random library over a 400-word vocabulary, with 50 rephrased copies planted in it.
    let seed = 42;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    const vocabulary = Array.from({ length: 400 }, (_, i) => `term${i}`);
    const entries: DuplicateCandidate[] = Array.from({ length: 4950 }, (_, i) => ({
      id: `e${i}`,
      question: Array.from({ length: 6 + (next() % 5) }, () => vocabulary[next() % 400]).join(' ')
    }));
    for (let k = 0; k < 50; k++) {
      const original = entries[k * 90] as DuplicateCandidate;
      entries.push({ id: `copy${k}`, question: `Do you ${original.question}?` });
    }
    const pairs = findNearDuplicates(entries, 0.8);
    for (let k = 0; k < 50; k++) {
      expect(pairs).toContainEqual({ a: `e${k * 90}`, b: `copy${k}`, similarity: 1 });
    }
    expect(pairs.length).toBeLessThan(100);
    expect(pairs.every((pair) => pair.similarity >= 0.8)).toBe(true);
  });
});
