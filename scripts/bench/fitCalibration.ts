/**
 * Refits the answer matcher's calibration: `npx tsx scripts/bench/fitCalibration.ts`.
 *
 * For every question of scripts/bench/data/evaluation.json the matcher ranks the library of
 * scripts/bench/data/library.json; the features of its top candidate (FEATURE_NAMES) are the inputs,
 * and the label is 1 when that top entry is a right answer (0 otherwise; out-of-scope questions are
 * always 0). An L2-regularised logistic regression maps features to the probability of being right.
 *
 * Fitting and evaluating on the same questions flatters the result. So the thresholds are chosen on
 * out-of-fold probabilities from a 5-fold cross-validation (each question scored by a model that
 * never saw it), and both figures are printed: in-sample (the final model, fitted on every question)
 * and cross-validated. The figures of scripts/bench/data/holdout.json (questions written after the
 * engine was frozen, never used to fit or tune) and of Google's real VSAQ items (when ../shared is
 * beside the project) are printed too.
 *
 * Thresholds:
 * - high: the lowest probability at which the cross-validated precision of everything at or above it
 *   is >= 0.96 (the 0.95 target plus one point of margin for the noise of a few hundred questions),
 *   and stays so at every higher threshold whose band still holds at least a fifth of the questions
 *   (in smaller bands a single question swings precision by several points);
 * - low: below it the engine abstains; the threshold that best separates the out-of-scope questions
 *   (which should get no answer) from in-scope questions whose top entry is right (which should get
 *   one), by Youden's J on the cross-validated probabilities;
 * - medium: halfway between low and high (below it, a weak `low` suggestion).
 *
 * It prints the constants to paste into DEFAULT_CALIBRATION in answerMatcher.ts.
 */
import { type Calibration, createMatcher, DEFAULT_CALIBRATION, FEATURE_NAMES } from 'c/answerMatcher';
import type { LibraryEntry } from 'c/questionnaireModel';
import {
  bandFigures,
  type CalibrationSample,
  calibrationSamples,
  type EvaluationQuestion,
  fitLogistic,
  loadEvaluation,
  loadHoldout,
  loadLibrary,
  loadVsaq,
  type LogisticModel,
  predict,
  seededRandom,
  VSAQ_DIR
} from './evaluation';

const FOLDS = 5;
const TARGET_PRECISION = 0.95;
const SELECTION_PRECISION = TARGET_PRECISION + 0.01;
const LAMBDA = 0.1;
const SEED = 7;
const MIN_BAND_SHARE = 0.2;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * The lowest threshold whose band (everything at or above it) has precision >= target, and keeps it
 * at every higher threshold whose band still holds MIN_BAND_SHARE of the questions or more.
 */
function highThreshold(
  probabilities: readonly number[],
  correct: readonly boolean[],
  target: number
): number {
  const candidates = [...new Set(probabilities)].sort((a, b) => a - b);
  const total = probabilities.length;
  const minBand = Math.ceil(total * MIN_BAND_SHARE);
  for (const threshold of candidates) {
    const figures = bandFigures(probabilities, correct, threshold, total);
    if (figures.answered >= minBand && figures.precision >= target) {
      const holds = candidates
        .filter((other) => other > threshold)
        .map((other) => bandFigures(probabilities, correct, other, total))
        .every((band) => band.answered < minBand || band.precision >= target);
      if (holds) {
        return threshold;
      }
    }
  }
  return 1;
}

/**
 * The threshold maximising (share of positives at or above it) + (share of negatives below it) - 1,
 * positives being in-scope questions with a right top entry and negatives out-of-scope questions.
 */
function youdenThreshold(probabilities: readonly number[], samples: readonly CalibrationSample[]): number {
  const positive = samples.map((s) => s.correct);
  const negative = samples.map((s) => s.question.entryId === null);
  const positives = positive.filter(Boolean).length;
  const negatives = negative.filter(Boolean).length;
  let best = 0.5;
  let bestJ = -Infinity;
  for (const threshold of [...new Set(probabilities)].sort((a, b) => a - b)) {
    let tp = 0;
    let tn = 0;
    probabilities.forEach((p, i) => {
      if (p >= threshold && positive[i] === true) {
        tp++;
      }
      if (p < threshold && negative[i] === true) {
        tn++;
      }
    });
    const j = tp / Math.max(1, positives) + tn / Math.max(1, negatives) - 1;
    if (j > bestJ) {
      bestJ = j;
      best = threshold;
    }
  }
  return best;
}

function folds(count: number): number[] {
  const random = seededRandom(SEED);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const fold = new Array<number>(count).fill(0);
  order.forEach((index, position) => {
    fold[index] = position % FOLDS;
  });
  return fold;
}

export interface Scored {
  readonly question: EvaluationQuestion;
  readonly probability: number;
  readonly correct: boolean;
}

function report(label: string, scored: readonly Scored[], high: number, low: number): string {
  const probabilities = scored.map((s) => s.probability);
  const correct = scored.map((s) => s.correct);
  const figures = bandFigures(probabilities, correct, high, scored.length);
  const outOfScope = scored.filter((s) => s.question.entryId === null);
  const abstained = outOfScope.filter((s) => s.probability < low).length;
  const inScope = scored.filter((s) => s.question.entryId !== null);
  const inAbstained = inScope.filter((s) => s.probability < low).length;
  return (
    `${label.padEnd(34)} high precision ${percent(figures.precision).padStart(6)} ` +
    `(${figures.right}/${figures.answered}), high coverage ${percent(figures.coverage).padStart(6)}, ` +
    `out-of-scope abstained ${percent(outOfScope.length === 0 ? 0 : abstained / outOfScope.length)}, ` +
    `in-scope abstained ${percent(inScope.length === 0 ? 0 : inAbstained / inScope.length)}`
  );
}

/** The refitted calibration and the figures it was chosen on. */
export interface CalibrationFit {
  readonly calibration: Calibration;
  /** Every question with its in-sample probability (final model); nothing to rank means 0. */
  readonly inSample: readonly Scored[];
  /** Every question with its out-of-fold probability. */
  readonly crossValidated: readonly Scored[];
  readonly fitted: number;
  readonly right: number;
  /** Probability of a question under the final model (0 when there is nothing to rank). */
  readonly score: (questions: readonly EvaluationQuestion[]) => Scored[];
}

/** Fits the calibration of a matcher over `library` on `questions`, as described at the top of this file. */
export function fitCalibration(
  library: readonly LibraryEntry[],
  questions: readonly EvaluationQuestion[]
): CalibrationFit {
  const matcher = createMatcher(library);
  const samples = calibrationSamples(matcher, questions);
  const usable = samples.filter((s) => s.features !== undefined);
  const x = usable.map((s) => s.features as number[]);
  const y = usable.map((s) => (s.correct ? 1 : 0));

  const model = fitLogistic(x, y, LAMBDA);
  const fold = folds(usable.length);
  const outOfFold = new Array<number>(usable.length).fill(0);
  for (let k = 0; k < FOLDS; k++) {
    const train = usable.map((_, i) => i).filter((i) => fold[i] !== k);
    const foldModel: LogisticModel = fitLogistic(
      train.map((i) => x[i] as number[]),
      train.map((i) => y[i] as number),
      LAMBDA
    );
    usable.forEach((_, i) => {
      if (fold[i] === k) {
        outOfFold[i] = predict(foldModel, x[i] as number[]);
      }
    });
  }
  const correct = usable.map((s) => s.correct);
  const high = round(highThreshold(outOfFold, correct, SELECTION_PRECISION));
  const low = round(youdenThreshold(outOfFold, usable));
  const medium = round((low + high) / 2);

  // Questions with nothing to rank always abstain: probability 0 in every figure.
  const withAbstentions = (probabilityOf: (index: number) => number): Scored[] => {
    let next = 0;
    return samples.map((sample) => {
      if (sample.features === undefined) {
        return { question: sample.question, probability: 0, correct: false };
      }
      return { question: sample.question, probability: probabilityOf(next++), correct: sample.correct };
    });
  };
  return {
    calibration: {
      intercept: round(model.intercept),
      coefficients: model.coefficients.map((c) => round(c)),
      high,
      medium,
      low
    },
    inSample: withAbstentions((i) => predict(model, x[i] as number[])),
    crossValidated: withAbstentions((i) => outOfFold[i] as number),
    fitted: usable.length,
    right: y.filter((v) => v === 1).length,
    score: (others) =>
      calibrationSamples(matcher, others).map((sample) => ({
        question: sample.question,
        probability: sample.features === undefined ? 0 : predict(model, sample.features),
        correct: sample.correct
      }))
  };
}

function main(): void {
  const questions = loadEvaluation();
  const fit = fitCalibration(loadLibrary(), questions);
  const { high, medium, low } = fit.calibration;

  console.log(
    `Calibration fitted on ${fit.fitted} questions (${questions.length - fit.fitted} had nothing to rank), ` +
      `${fit.right} with a right top entry; features: ${FEATURE_NAMES.join(', ')}\n`
  );
  console.log(report('in-sample (final model)', fit.inSample, high, low));
  console.log(report(`${FOLDS}-fold cross-validated`, fit.crossValidated, high, low));
  console.log(report('held-out (never used to fit)', fit.score(loadHoldout()), high, low));
  const vsaq = loadVsaq();
  console.log(
    vsaq === undefined
      ? `Google VSAQ: skipped, ${VSAQ_DIR} is not present`
      : report('Google VSAQ (never used to fit)', fit.score(vsaq), high, low)
  );
  console.log(
    "(the fitted model's own figures; the engine also keeps thin questions out of the high band: " +
      'npm run bench:matcher prints what it answers)'
  );

  console.log('\nCurrent constants:', JSON.stringify(DEFAULT_CALIBRATION));
  console.log(
    '\nPaste into DEFAULT_CALIBRATION in force-app/main/default/lwc/answerMatcher/answerMatcher.ts:\n'
  );
  console.log(`export const DEFAULT_CALIBRATION: Calibration = {
  intercept: ${fit.calibration.intercept},
  coefficients: [${fit.calibration.coefficients.join(', ')}],
  high: ${high},
  medium: ${medium},
  low: ${low}
};`);
}

if (require.main === module) {
  main();
}
