import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CALIBRATION, normalizeText } from 'c/answerMatcher';
import {
  bandFigures,
  type EvaluationQuestion,
  fitLogistic,
  isCorrect,
  loadEvaluation,
  loadHoldout,
  loadLibrary,
  loadVsaq,
  parseEvaluation,
  parseLibrary,
  predict,
  seededRandom,
  synthesizeLibrary,
  synthesizeQuestions,
  VSAQ_DIR
} from '../evaluation';
import { fitCalibration } from '../fitCalibration';

const library = loadLibrary();
const evaluation = loadEvaluation();
const holdout = loadHoldout();
const ids = new Set(library.map((entry) => entry.id));
const CRITERION = /^(CC[1-9]|A1|C1|PI1|P[1-8])\.[1-8]$/;
const SOURCES = new Set(['SIG Lite', 'CAIQ', 'HECVAT', 'VSAQ', 'custom']);

describe('evaluation library', () => {
  it('holds at least 100 approved entries with unique ids, questions and answers', () => {
    expect(library.length).toBeGreaterThanOrEqual(100);
    expect(ids.size).toBe(library.length);
    for (const entry of library) {
      expect(entry.question.trim()).not.toBe('');
      expect(entry.answer.trim()).not.toBe('');
      expect(entry.status).toBeUndefined();
    }
  });

  it('cites only real Trust Services Criteria', () => {
    for (const criterion of library.flatMap((entry) => entry.criteria ?? [])) {
      expect(criterion).toMatch(CRITERION);
    }
  });

  it('covers every SOC 2 category', () => {
    const series = new Set(
      library.flatMap((entry) => entry.criteria ?? []).map((c) => c.replace(/[0-9.]+$/, ''))
    );
    expect([...series]).toEqual(expect.arrayContaining(['CC', 'A', 'C', 'PI', 'P']));
  });
});

describe.each([
  ['evaluation', evaluation, 300, 0.12, 0.2],
  ['held-out', holdout, 150, 0.2, 0.3]
])('%s questions', (_, questions: EvaluationQuestion[], minimum: number, least: number, most: number) => {
  it(`number at least ${minimum}, with unique ids and known sources`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(minimum);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    for (const question of questions) {
      expect(SOURCES.has(question.source)).toBe(true);
    }
  });

  it('are labelled with library entries that exist', () => {
    for (const question of questions) {
      for (const id of [question.entryId, ...(question.accept ?? [])]) {
        expect(id === null || ids.has(id)).toBe(true);
      }
    }
  });

  it(`include ${least * 100}-${most * 100}% out-of-scope questions, to measure abstention`, () => {
    const share = questions.filter((q) => q.entryId === null).length / questions.length;
    expect(share).toBeGreaterThanOrEqual(least);
    expect(share).toBeLessThanOrEqual(most);
  });

  it('never copy a library phrasing word for word', () => {
    const phrasings = new Set(
      library.flatMap((entry) => [entry.question, ...(entry.alternates ?? [])]).map(normalizeText)
    );
    for (const question of questions) {
      expect(phrasings.has(normalizeText(question.question))).toBe(false);
    }
  });
});

describe('held-out questions', () => {
  it('share no question with the evaluation set', () => {
    const seen = new Set(evaluation.map((q) => normalizeText(q.question)));
    expect(holdout.filter((q) => seen.has(normalizeText(q.question)))).toEqual([]);
  });
});

describe('Google VSAQ labels', () => {
  const describeVsaq = fs.existsSync(VSAQ_DIR) ? describe : describe.skip;
  if (!fs.existsSync(VSAQ_DIR)) {
    console.warn(`Google VSAQ label checks skipped: ${VSAQ_DIR} is not present`);
  }

  describeVsaq('on the real questionnaires', () => {
    const vsaq = loadVsaq() ?? [];

    it('label every answerable item exactly once, with entries that exist', () => {
      expect(vsaq).toHaveLength(245);
      expect(new Set(vsaq.map((q) => q.id)).size).toBe(vsaq.length);
      for (const question of vsaq) {
        for (const id of [question.entryId, ...(question.accept ?? [])]) {
          expect(id === null || ids.has(id)).toBe(true);
        }
      }
    });
  });

  describe('against a changed questionnaire', () => {
    let dir: string;
    const write = (name: string, value: unknown): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(value));
      return file;
    };

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vsaq-labels-'));
      fs.mkdirSync(path.join(dir, 'vsaq'));
      write('vsaq/app.json', {
        questionnaire: [
          {
            type: 'block',
            text: 'Access',
            items: [
              { type: 'yesno', id: 'mfa', text: 'Do you enforce MFA?' },
              { type: 'line', id: 'name', text: 'Product name:' }
            ]
          }
        ]
      });
    });

    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('joins the labels to the items, in the questionnaire order', () => {
      const labels = write('labels.json', [
        { id: 'app:name', entryId: null },
        { id: 'app:mfa', entryId: 'IAM-001', accept: ['IAM-015'] }
      ]);
      expect(loadVsaq(path.join(dir, 'vsaq'), labels)).toEqual([
        {
          id: 'app:mfa',
          source: 'VSAQ',
          section: 'Access',
          question: 'Do you enforce MFA?',
          entryId: 'IAM-001',
          accept: ['IAM-015']
        },
        { id: 'app:name', source: 'VSAQ', section: 'Access', question: 'Product name:', entryId: null }
      ]);
    });

    it.each([
      ['an item without a label', [{ id: 'app:mfa', entryId: null }], /no label for app:name/],
      [
        'a label without an item',
        [
          { id: 'app:mfa', entryId: null },
          { id: 'app:name', entryId: null },
          { id: 'app:gone', entryId: null }
        ],
        /do not have: app:gone/
      ],
      [
        'a repeated label',
        [
          { id: 'app:mfa', entryId: null },
          { id: 'app:mfa', entryId: null }
        ],
        /labels.json\[1\]/
      ],
      ['a malformed label', [{ id: 'app:mfa', entryId: 7 }], /labels.json\[0\]/],
      ['no array', { id: 'app:mfa' }, /expected an array/]
    ])('fails on %s', (_, value, message) => {
      expect(() => loadVsaq(path.join(dir, 'vsaq'), write('labels.json', value))).toThrow(message);
    });

    it('is undefined when the questionnaires are not there', () => {
      expect(loadVsaq(path.join(dir, 'missing'))).toBeUndefined();
    });
  });
});

describe('isCorrect', () => {
  const question: EvaluationQuestion = {
    id: 'Q',
    source: 'custom',
    section: '',
    question: 'q',
    entryId: 'A',
    accept: ['B']
  };
  it.each([
    ['A', true],
    ['B', true],
    ['C', false],
    [null, false],
    [undefined, false]
  ])('%s -> %s', (entryId, expected) => {
    expect(isCorrect(question, entryId)).toBe(expected);
  });

  it('never counts an answer to an out-of-scope question as right', () => {
    expect(isCorrect({ ...question, entryId: null, accept: undefined }, 'A')).toBe(false);
  });
});

describe('parsers', () => {
  it.each([
    ['not an array', {}],
    ['a missing answer', [{ id: 'A', question: 'q' }]],
    ['bad alternates', [{ id: 'A', question: 'q', answer: 'a', alternates: [1] }]],
    ['bad criteria', [{ id: 'A', question: 'q', answer: 'a', criteria: 'CC6.1' }]]
  ])('reject a library with %s', (_, value) => {
    expect(() => parseLibrary(value)).toThrow(/library/);
  });

  it('keep optional library fields only when present', () => {
    expect(parseLibrary([{ id: 'A', question: 'q', answer: 'a' }])).toEqual([
      { id: 'A', question: 'q', answer: 'a' }
    ]);
  });

  it.each([
    ['not an array', 'x'],
    ['a numeric label', [{ id: 'Q', source: 'custom', section: '', question: 'q', entryId: 3 }]],
    ['bad accept', [{ id: 'Q', source: 'custom', section: '', question: 'q', entryId: null, accept: [1] }]]
  ])('reject questions with %s', (_, value) => {
    expect(() => parseEvaluation(value)).toThrow(/evaluation/);
  });
});

describe('seeded generation', () => {
  it('repeats the same random sequence for the same seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });

  it('synthesizes the same library and questions for the same seed', () => {
    const entries = synthesizeLibrary(library, 300, 1);
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(300);
    expect(synthesizeLibrary(library, 300, 1)).toEqual(entries);
    const questions = synthesizeQuestions(evaluation, 200, 2);
    expect(questions).toHaveLength(200);
    expect(synthesizeQuestions(evaluation, 200, 2)).toEqual(questions);
  });
});

describe('logistic regression', () => {
  // Labels follow x0 - x1 > 0; a fit must find a positive weight for x0 and a negative one for x1.
  const random = seededRandom(5);
  const x = Array.from({ length: 200 }, () => [random(), random()]);
  const y = x.map(([a, b]) => ((a as number) - (b as number) + (random() - 0.5) * 0.2 > 0 ? 1 : 0));

  it('recovers the direction of each feature', () => {
    const model = fitLogistic(x, y);
    expect(model.coefficients[0]).toBeGreaterThan(1);
    expect(model.coefficients[1]).toBeLessThan(-1);
    expect(predict(model, [1, 0])).toBeGreaterThan(0.9);
    expect(predict(model, [0, 1])).toBeLessThan(0.1);
  });

  it('is deterministic', () => {
    expect(fitLogistic(x, y)).toEqual(fitLogistic(x, y));
  });

  it('gives bands their precision and coverage', () => {
    expect(bandFigures([0.9, 0.8, 0.2], [true, false, true], 0.5, 4)).toEqual({
      answered: 2,
      right: 1,
      precision: 0.5,
      coverage: 0.5
    });
    expect(bandFigures([0.1], [true], 0.5, 0)).toEqual({ answered: 0, right: 0, precision: 1, coverage: 0 });
  });
});

describe('the shipped calibration', () => {
  it('is the one fitCalibration.ts computes for the current engine and data (refit after changing either)', () => {
    expect(fitCalibration(library, evaluation).calibration).toEqual(DEFAULT_CALIBRATION);
  });
});
