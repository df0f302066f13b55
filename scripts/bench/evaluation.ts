/**
 * What the matcher benchmark and the calibration fit share: the evaluation library and question set,
 * how a prediction is judged, a seeded random generator, the synthetic corpus used for the speed
 * test, and a small logistic regression.
 */
import fs from 'node:fs';
import path from 'node:path';
import { featureVector, type Matcher } from 'c/answerMatcher';
import { parseVsaq } from 'c/questionnaireParser';
import type { LibraryEntry } from 'c/questionnaireModel';

export const DATA_DIR = path.join(__dirname, 'data');

/** One labelled question of the evaluation set. */
export interface EvaluationQuestion {
  readonly id: string;
  /** The questionnaire style it is written in: SIG Lite, CAIQ, HECVAT, VSAQ or custom. */
  readonly source: string;
  readonly section: string;
  readonly question: string;
  /** The library entry that answers it; null when the library does not cover it (out of scope). */
  readonly entryId: string | null;
  /** Other entries that fully answer one part of a compound question. */
  readonly accept?: readonly string[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export function parseLibrary(value: unknown): LibraryEntry[] {
  if (!Array.isArray(value)) {
    throw new Error('library: expected an array');
  }
  return value.map((raw: unknown, i) => {
    const entry = raw as Record<string, unknown>;
    if (
      typeof entry.id !== 'string' ||
      typeof entry.question !== 'string' ||
      typeof entry.answer !== 'string'
    ) {
      throw new Error(`library[${i}]: id, question and answer must be strings`);
    }
    if (entry.alternates !== undefined && !isStringArray(entry.alternates)) {
      throw new Error(`library[${i}]: alternates must be strings`);
    }
    if (entry.criteria !== undefined && !isStringArray(entry.criteria)) {
      throw new Error(`library[${i}]: criteria must be strings`);
    }
    return {
      id: entry.id,
      question: entry.question,
      answer: entry.answer,
      ...(entry.alternates === undefined ? {} : { alternates: entry.alternates }),
      ...(entry.criteria === undefined ? {} : { criteria: entry.criteria })
    };
  });
}

export function parseEvaluation(value: unknown): EvaluationQuestion[] {
  if (!Array.isArray(value)) {
    throw new Error('evaluation: expected an array');
  }
  return value.map((raw: unknown, i) => {
    const item = raw as Record<string, unknown>;
    const ok =
      typeof item.id === 'string' &&
      typeof item.source === 'string' &&
      typeof item.section === 'string' &&
      typeof item.question === 'string' &&
      (item.entryId === null || typeof item.entryId === 'string') &&
      (item.accept === undefined || isStringArray(item.accept));
    if (!ok) {
      throw new Error(`evaluation[${i}]: malformed question`);
    }
    return item as unknown as EvaluationQuestion;
  });
}

export function loadLibrary(): LibraryEntry[] {
  return parseLibrary(readJson(path.join(DATA_DIR, 'library.json')));
}

export function loadEvaluation(): EvaluationQuestion[] {
  return parseEvaluation(readJson(path.join(DATA_DIR, 'evaluation.json')));
}

/** Questions written after the engine was frozen: never used to tune the lexicon or fit the calibration. */
export function loadHoldout(): EvaluationQuestion[] {
  return parseEvaluation(readJson(path.join(DATA_DIR, 'holdout.json')));
}

/** Google's VSAQ questionnaires, beside the project when ../shared is there. */
export const VSAQ_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'reference',
  'questionnaires',
  'vsaq'
);

/** Our label for one VSAQ item: `<file>:<key>` and the library entry that answers it (null: none). */
export interface VsaqLabel {
  readonly id: string;
  readonly entryId: string | null;
  readonly accept?: readonly string[];
}

/**
 * Google's real VSAQ items (every answerable item of its four questionnaires, as the parser reads
 * them) labelled with the library entry that answers them, from data/vsaq-labels.json. The questions
 * come from the VSAQ files themselves, so undefined when they are not beside the project. Every
 * item must have exactly one label and every label an item: a changed file or parser is an error.
 */
export function loadVsaq(
  dir = VSAQ_DIR,
  labelsFile = path.join(DATA_DIR, 'vsaq-labels.json')
): EvaluationQuestion[] | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  const labels = new Map<string, VsaqLabel>();
  const raw = readJson(labelsFile);
  if (!Array.isArray(raw)) {
    throw new Error(`${path.basename(labelsFile)}: expected an array`);
  }
  for (const [i, value] of raw.entries()) {
    const label = value as Record<string, unknown>;
    if (
      typeof label.id !== 'string' ||
      !(label.entryId === null || typeof label.entryId === 'string') ||
      !(label.accept === undefined || isStringArray(label.accept)) ||
      labels.has(label.id)
    ) {
      throw new Error(`${path.basename(labelsFile)}[${i}]: malformed or repeated label`);
    }
    labels.set(label.id, label as unknown as VsaqLabel);
  }
  const questions: EvaluationQuestion[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const parsed = parseVsaq(readJson(path.join(dir, file)), { file });
    for (const item of parsed.items) {
      const id = `${file.replace(/\.json$/, '')}:${item.key}`;
      const label = labels.get(id);
      if (label === undefined) {
        throw new Error(`${path.basename(labelsFile)} has no label for ${id}`);
      }
      labels.delete(id);
      questions.push({
        id,
        source: 'VSAQ',
        section: item.section,
        question: item.question,
        entryId: label.entryId,
        ...(label.accept === undefined ? {} : { accept: label.accept })
      });
    }
  }
  if (labels.size > 0) {
    throw new Error(
      `vsaq-labels.json labels items the VSAQ files do not have: ${[...labels.keys()].join(', ')}`
    );
  }
  return questions;
}

/** Whether the proposed entry is a right answer to the question (never, for out-of-scope ones). */
export function isCorrect(question: EvaluationQuestion, entryId: string | null | undefined): boolean {
  if (question.entryId === null || entryId === null || entryId === undefined) {
    return false;
  }
  return entryId === question.entryId || (question.accept ?? []).includes(entryId);
}

/** Mulberry32: a small, fast, seeded generator; the same seed gives the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence !== '');
}

const SCOPES = [
  'for the storefront platform',
  'for the learner portal',
  'for the partner API',
  'for the mobile apps',
  'in the EU region',
  'for enterprise tenants',
  'for the analytics add-on',
  'for the admin console',
  'for the data-sync service',
  'for the marketplace connector'
];

const PRODUCT_NOTES = [
  'The same control applies to the storefront, the learner portal and the partner API.',
  'Evidence is available in the Trust Center under NDA.',
  'This answer was last reviewed by the control owner this quarter.',
  'Customers on legacy plans are migrated to the same control by the end of the year.',
  'The control is tested as part of our SOC 2 examination.',
  'Exceptions are tracked in the risk register with an owner and a due date.'
];

/**
 * A library of `size` entries made deterministically from the evaluation library by recombining
 * and varying its entries: a scope appended to the question, alternates shuffled and borrowed from a
 * neighbour, answer sentences reordered with a sentence from another entry and a product note.
 */
export function synthesizeLibrary(base: readonly LibraryEntry[], size: number, seed: number): LibraryEntry[] {
  const random = seededRandom(seed);
  const entries: LibraryEntry[] = [];
  for (let i = 0; i < size; i++) {
    const entry = pick(random, base);
    const other = pick(random, base);
    const scope = pick(random, SCOPES);
    const answer = [
      ...shuffled(random, sentences(entry.answer)),
      pick(random, sentences(other.answer)),
      pick(random, PRODUCT_NOTES)
    ].join(' ');
    const alternates = shuffled(random, [
      ...(entry.alternates ?? []),
      ...(other.alternates ?? []).slice(0, 1)
    ]);
    entries.push({
      id: `SYN-${String(i).padStart(5, '0')}-${entry.id}`,
      question: `${entry.question.replace(/[?.]\s*$/, '')} ${scope}?`,
      alternates,
      answer,
      criteria: entry.criteria ?? []
    });
  }
  return entries;
}

const PREFIXES = ['', '', 'Please confirm: ', 'Vendor to describe: ', 'Q: ', 'Yes/No - '];
const SUFFIXES = [
  '',
  '',
  ' Provide evidence.',
  ' If yes, please describe.',
  ' (Explain in the comments.)',
  ''
];

/** `count` questions drawn from the evaluation set with varied wording (boilerplate, dropped words, case). */
export function synthesizeQuestions(
  base: readonly EvaluationQuestion[],
  count: number,
  seed: number
): { key: string; section: string; question: string }[] {
  const random = seededRandom(seed);
  const questions: { key: string; section: string; question: string }[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(random, base);
    let words = source.question.split(' ');
    if (words.length > 4 && random() < 0.3) {
      const drop = 1 + Math.floor(random() * (words.length - 1));
      words = words.filter((_, index) => index !== drop);
    }
    let text = `${pick(random, PREFIXES)}${words.join(' ')}${pick(random, SUFFIXES)}`;
    if (random() < 0.1) {
      text = text.toUpperCase();
    }
    questions.push({ key: `Q-${i + 1}`, section: source.section, question: text });
  }
  return questions;
}

// ---------------------------------------------------------------------------------------------
// Logistic regression
// ---------------------------------------------------------------------------------------------

export interface LogisticModel {
  readonly intercept: number;
  readonly coefficients: number[];
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function predict(model: LogisticModel, x: readonly number[]): number {
  let z = model.intercept;
  x.forEach((value, i) => {
    z += (model.coefficients[i] ?? 0) * value;
  });
  return sigmoid(z);
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs((a[row] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) {
        pivot = row;
      }
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = a[col] as number[];
    for (let row = col + 1; row < n; row++) {
      const current = a[row] as number[];
      const factor = (current[col] as number) / (head[col] as number);
      for (let k = col; k <= n; k++) {
        current[k] = (current[k] as number) - factor * (head[k] as number);
      }
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const current = a[row] as number[];
    let sum = current[n] as number;
    for (let k = row + 1; k < n; k++) {
      sum -= (current[k] as number) * (x[k] as number);
    }
    x[row] = sum / (current[row] as number);
  }
  return x;
}

/**
 * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares).
 * The intercept is not penalised. Deterministic: same data, same model.
 */
export function fitLogistic(
  features: readonly (readonly number[])[],
  labels: readonly number[],
  lambda = 0.1,
  iterations = 50
): LogisticModel {
  const dims = (features[0]?.length ?? 0) + 1;
  let w = new Array<number>(dims).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(dims).fill(0);
    const hessian = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    features.forEach((x, i) => {
      const row = [1, ...x];
      const p = sigmoid(row.reduce((sum, value, k) => sum + value * (w[k] as number), 0));
      const error = p - (labels[i] as number);
      const weight = p * (1 - p);
      row.forEach((value, j) => {
        gradient[j] = (gradient[j] as number) + error * value;
        const line = hessian[j] as number[];
        row.forEach((other, k) => {
          line[k] = (line[k] as number) + weight * value * other;
        });
      });
    });
    for (let j = 1; j < dims; j++) {
      gradient[j] = (gradient[j] as number) + lambda * (w[j] as number);
      const line = hessian[j] as number[];
      line[j] = (line[j] as number) + lambda;
    }
    (hessian[0] as number[])[0] = ((hessian[0] as number[])[0] as number) + 1e-9;
    const step = solve(hessian, gradient);
    w = w.map((value, j) => value - (step[j] as number));
    if (step.every((value) => Math.abs(value) < 1e-10)) {
      break;
    }
  }
  return { intercept: w[0] as number, coefficients: w.slice(1) };
}

// ---------------------------------------------------------------------------------------------
// Calibration data
// ---------------------------------------------------------------------------------------------

/** One question's ranking features and whether its top entry is right. */
export interface CalibrationSample {
  readonly question: EvaluationQuestion;
  /** undefined when the engine had nothing to rank (it abstains whatever the calibration). */
  readonly features: number[] | undefined;
  readonly correct: boolean;
}

export function calibrationSamples(
  matcher: Matcher,
  questions: readonly EvaluationQuestion[]
): CalibrationSample[] {
  return questions.map((question) => {
    const explanation = matcher.explain({
      key: question.id,
      section: question.section,
      question: question.question
    });
    return {
      question,
      features: explanation.features === undefined ? undefined : featureVector(explanation.features),
      correct: isCorrect(question, explanation.candidates[0]?.entryId)
    };
  });
}

/** Precision and coverage of the answers whose probability is at or above a threshold. */
export interface BandFigures {
  readonly answered: number;
  readonly right: number;
  readonly precision: number;
  readonly coverage: number;
}

export function bandFigures(
  probabilities: readonly number[],
  correct: readonly boolean[],
  threshold: number,
  total: number
): BandFigures {
  let answered = 0;
  let right = 0;
  probabilities.forEach((p, i) => {
    if (p >= threshold) {
      answered++;
      right += correct[i] === true ? 1 : 0;
    }
  });
  return {
    answered,
    right,
    precision: answered === 0 ? 1 : right / answered,
    coverage: total === 0 ? 0 : answered / total
  };
}
