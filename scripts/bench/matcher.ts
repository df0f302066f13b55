/**
 * `npm run bench:matcher`: Trust Desk's answer matcher against a MiniSearch baseline, in one run, on
 * the same library and questions.
 *
 * Quality, on scripts/bench/data: library.json, evaluation.json (the questions the lexicon and the
 * calibration were developed and fitted on) and holdout.json (questions written after the engine was
 * frozen, never used to tune or fit anything):
 * - top-1 accuracy: share of in-scope questions whose best-ranked entry is a right answer;
 * - high band: precision (share of high-band answers that are right; an out-of-scope question in
 *   the high band counts as wrong) and coverage (share of ALL questions answered in the high band);
 * - abstention: share of out-of-scope questions left unanswered.
 * MiniSearch has no calibrated band. Its "high band" is the questions whose top score is at or
 * above the threshold that gives it the same coverage as Trust Desk's high band on evaluation.json,
 * so precision is compared at equal coverage; that threshold is then applied unchanged to the
 * held-out questions, as Trust Desk's calibration is. It abstains only when it finds nothing at all.
 *
 * Speed: index build and matching of 1,000 questions against 5,000 entries, both generated
 * deterministically (seeded) from the evaluation data. Fastest of five interleaved builds per engine;
 * fastest of up to three matching runs (a single one when it takes longer than SLOW_RUN_MS). Both the
 * CPU time of this process and wall-clock time are printed: on a shared machine the CPU time is the
 * steadier of the two. Memory (heap and external) retained by each index after garbage collection.
 *
 * The benchmark prints figures; it does not assert. `--quality-only` skips the speed part.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { createMatcher, type Matcher } from 'c/answerMatcher';
import type { LibraryEntry, MatchResult } from 'c/questionnaireModel';
import {
  type EvaluationQuestion,
  isCorrect,
  loadEvaluation,
  loadHoldout,
  loadLibrary,
  loadVsaq,
  synthesizeLibrary,
  synthesizeQuestions,
  VSAQ_DIR
} from './evaluation';

const SPEED_ENTRIES = 5_000;
const SPEED_QUESTIONS = 1_000;
const SPEED_RUNS = 3;
const BUILD_RUNS = 5;
const SLOW_RUN_MS = 10_000;
const SEED = 20_250_601;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

interface MiniDoc {
  readonly id: string;
  readonly question: string;
  readonly alternates: string;
  readonly answer: string;
}

interface Baseline {
  readonly name: string;
  readonly options: SearchOptions;
}

/** MiniSearch as shipped (exact terms, BM25+) and with the prefix and fuzzy settings its README suggests. */
const BASELINES: readonly Baseline[] = [
  { name: 'MiniSearch (defaults)', options: {} },
  { name: 'MiniSearch (prefix, fuzzy 0.2)', options: { prefix: true, fuzzy: 0.2 } }
];

const MINI_OPTIONS: Options<MiniDoc> = { fields: ['question', 'alternates', 'answer'], idField: 'id' };

function miniDocs(entries: readonly LibraryEntry[]): MiniDoc[] {
  return entries.map((entry) => ({
    id: entry.id,
    question: entry.question,
    alternates: (entry.alternates ?? []).join(' \n '),
    answer: entry.answer
  }));
}

function buildMini(docs: readonly MiniDoc[]): MiniSearch<MiniDoc> {
  const index = new MiniSearch<MiniDoc>(MINI_OPTIONS);
  index.addAll(docs);
  return index;
}

interface Quality {
  readonly engine: string;
  readonly set: string;
  readonly top1: number;
  readonly highPrecision: number;
  readonly highCoverage: number;
  readonly highCount: number;
  readonly abstention: number;
  readonly inScopeAbstained: number;
  readonly note: string;
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function trustDeskQuality(matcher: Matcher, questions: readonly EvaluationQuestion[], set: string): Quality {
  let top1 = 0;
  let high = 0;
  let highRight = 0;
  let outAbstained = 0;
  let inAbstained = 0;
  const inScope = questions.filter((q) => q.entryId !== null).length;
  for (const question of questions) {
    const item = { key: question.id, section: question.section, question: question.question };
    const explanation = matcher.explain(item);
    const result: MatchResult = matcher.match(item);
    if (question.entryId !== null && isCorrect(question, explanation.candidates[0]?.entryId)) {
      top1++;
    }
    if (result.band === 'high') {
      high++;
      highRight += isCorrect(question, result.entryId) ? 1 : 0;
    }
    if (result.band === 'none') {
      if (question.entryId === null) {
        outAbstained++;
      } else {
        inAbstained++;
      }
    }
  }
  return {
    engine: 'Trust Desk answerMatcher',
    set,
    top1: ratio(top1, inScope),
    highPrecision: ratio(highRight, high),
    highCoverage: ratio(high, questions.length),
    highCount: high,
    abstention: ratio(outAbstained, questions.length - inScope),
    inScopeAbstained: ratio(inAbstained, inScope),
    note: 'calibrated band'
  };
}

interface Top {
  readonly question: EvaluationQuestion;
  readonly id: string | null;
  readonly score: number;
}

function baselineTops(
  index: MiniSearch<MiniDoc>,
  questions: readonly EvaluationQuestion[],
  options: SearchOptions
): Top[] {
  return questions.map((question) => {
    const hit = index.search(question.question, options)[0];
    return { question, id: hit === undefined ? null : String(hit.id), score: hit?.score ?? 0 };
  });
}

/** The top score at or above which `count` questions fall: the same coverage as Trust Desk's high band. */
function thresholdForCount(tops: readonly Top[], count: number): number {
  const ranked = tops.filter((top) => top.id !== null).sort((a, b) => b.score - a.score);
  return count === 0 ? Infinity : (ranked[Math.min(count, ranked.length) - 1]?.score ?? Infinity);
}

function baselineQuality(name: string, set: string, tops: readonly Top[], threshold: number): Quality {
  const inScope = tops.filter((top) => top.question.entryId !== null).length;
  const top1 = tops.filter((top) => top.question.entryId !== null && isCorrect(top.question, top.id)).length;
  const high = tops.filter((top) => top.id !== null && top.score >= threshold);
  const highRight = high.filter((top) => isCorrect(top.question, top.id)).length;
  const outAbstained = tops.filter((top) => top.question.entryId === null && top.id === null).length;
  const inAbstained = tops.filter((top) => top.question.entryId !== null && top.id === null).length;
  return {
    engine: name,
    set,
    top1: ratio(top1, inScope),
    highPrecision: ratio(highRight, high.length),
    highCoverage: ratio(high.length, tops.length),
    highCount: high.length,
    abstention: ratio(outAbstained, tops.length - inScope),
    inScopeAbstained: ratio(inAbstained, inScope),
    note: `top score >= ${threshold.toFixed(2)}`
  };
}

interface Speed {
  readonly engine: string;
  readonly build: Fastest;
  readonly match: Fastest;
  readonly heapMb: number;
}

/** One timed run: wall-clock and CPU time (user + system) of this process, in milliseconds. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function timed(work: () => void): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** The fastest of several runs, wall and CPU separately. */
interface Fastest {
  wall: number;
  cpu: number;
  runs: number;
}

function fastest(): Fastest {
  return { wall: Infinity, cpu: Infinity, runs: 0 };
}

function record(into: Fastest, timing: Timing): void {
  into.wall = Math.min(into.wall, timing.wall);
  into.cpu = Math.min(into.cpu, timing.cpu);
  into.runs++;
}

/** Up to `runs` runs of `work`; a single one when it is slow (its relative noise is small). */
function repeat(runs: number, work: () => void): Fastest {
  const result = fastest();
  while (result.runs < runs) {
    const timing = timed(work);
    record(result, timing);
    if (timing.wall > SLOW_RUN_MS) {
      break;
    }
  }
  return result;
}

/** Memory used: the JavaScript heap plus external memory (typed array backing stores live there). */
function memoryInUse(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Collects until memory stops shrinking: typed-array backing stores are released a collection late. */
function settle(): number {
  let previous = Infinity;
  let current = memoryInUse();
  for (let round = 0; round < 10 && current < previous; round++) {
    collectGarbage();
    previous = current;
    current = memoryInUse();
  }
  return current;
}

/** Memory retained by what build() returns, measured between settled collections. */
function retainedHeap<T>(build: () => T): { value: T; megabytes: number } {
  const before = settle();
  const value = build();
  const after = settle();
  return { value, megabytes: (after - before) / 1024 / 1024 };
}

function runs(count: number): string {
  return count === 1 ? '1 run' : `${count} runs`;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line)
  ].join('\n');
}

function main(): void {
  const library = loadLibrary();
  const questions = loadEvaluation();
  const holdout = loadHoldout();
  const vsaq = loadVsaq();
  const sets = [
    { name: 'evaluation', questions },
    { name: 'held-out', questions: holdout },
    ...(vsaq === undefined ? [] : [{ name: 'Google VSAQ', questions: vsaq }])
  ];

  const matcher = createMatcher(library);
  const qualities: Quality[] = [];
  const ours = sets.map((set) => trustDeskQuality(matcher, set.questions, set.name));
  qualities.push(...ours);
  const libraryIndex = buildMini(miniDocs(library));
  for (const baseline of BASELINES) {
    const tops = sets.map((set) => baselineTops(libraryIndex, set.questions, baseline.options));
    const threshold = thresholdForCount(tops[0] as Top[], (ours[0] as Quality).highCount);
    sets.forEach((set, i) =>
      qualities.push(baselineQuality(baseline.name, set.name, tops[i] as Top[], threshold))
    );
  }

  for (const set of sets) {
    const inScope = set.questions.filter((q) => q.entryId !== null).length;
    console.log(
      `${set.name}: ${set.questions.length} questions (${inScope} in scope, ${set.questions.length - inScope} out of scope)`
    );
  }
  console.log(`library: ${library.length} approved entries\n`);
  console.log(
    table(
      [
        'engine',
        'questions',
        'top-1 (in scope)',
        'high precision',
        'high coverage',
        'out-of-scope abstained',
        'in-scope abstained',
        'high band'
      ],
      qualities.map((q) => [
        q.engine,
        q.set,
        percent(q.top1),
        percent(q.highPrecision),
        `${percent(q.highCoverage)} (${q.highCount})`,
        percent(q.abstention),
        percent(q.inScopeAbstained),
        q.note
      ])
    )
  );

  console.log(
    '\nevaluation: the questions the lexicon was developed on and the calibration fitted on, so its ' +
      'Trust Desk figures are in-sample\n(fitCalibration.ts prints the 5-fold cross-validated ones). ' +
      'held-out: written after the engine was frozen, never used to tune or fit.\n' +
      (vsaq === undefined
        ? `Google VSAQ: skipped, ${VSAQ_DIR} is not present.`
        : "Google VSAQ: every answerable item of Google's four real questionnaires, labelled in data/vsaq-labels.json " +
          '(about half are outside this library: abstaining on them is right).')
  );
  if (process.argv.includes('--quality-only')) {
    return;
  }

  // Speed: the same generated corpus and questions for every engine.
  const entries = synthesizeLibrary(library, SPEED_ENTRIES, SEED);
  const items = synthesizeQuestions(questions, SPEED_QUESTIONS, SEED + 1);
  const docs = miniDocs(entries);
  // Warm up both engines once so that the timings compare steady-state code.
  createMatcher(entries.slice(0, 200)).matchAll(items.slice(0, 50));
  buildMini(docs.slice(0, 200)).search(items[0]?.question ?? '');

  // Index builds alternate between the engines, so that load from elsewhere on the machine hits both.
  // MiniSearch's index does not depend on the search options: one build serves both baselines.
  const ourBuild = fastest();
  const miniBuild = fastest();
  for (let run = 0; run < BUILD_RUNS; run++) {
    record(
      ourBuild,
      timed(() => createMatcher(entries))
    );
    record(
      miniBuild,
      timed(() => buildMini(docs))
    );
  }
  const speeds: Speed[] = [];
  {
    const { value: engine, megabytes } = retainedHeap(() => createMatcher(entries));
    const match = repeat(SPEED_RUNS, () => engine.matchAll(items));
    speeds.push({ engine: 'Trust Desk answerMatcher', build: ourBuild, match, heapMb: megabytes });
  }
  const { value: miniIndex, megabytes: miniMegabytes } = retainedHeap(() => buildMini(docs));
  for (const baseline of BASELINES) {
    const match = repeat(SPEED_RUNS, () => {
      for (const item of items) {
        miniIndex.search(item.question, baseline.options);
      }
    });
    speeds.push({ engine: baseline.name, build: miniBuild, match, heapMb: miniMegabytes });
  }

  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  console.log(
    `\nSpeed: ${SPEED_ENTRIES.toLocaleString('en-US')} entries, ${SPEED_QUESTIONS.toLocaleString('en-US')} ` +
      `questions (seeded), Node ${process.version}; fastest run, CPU time of this process and wall-clock time\n`
  );
  console.log(
    table(
      [
        'engine',
        'index build (cpu)',
        'index build (wall)',
        'match 1,000 (cpu)',
        'match 1,000 (wall)',
        'per question (cpu)',
        'index memory'
      ],
      speeds.map((s) => [
        s.engine,
        `${ms(s.build.cpu)} (${runs(s.build.runs)})`,
        ms(s.build.wall),
        `${ms(s.match.cpu)} (${runs(s.match.runs)})`,
        ms(s.match.wall),
        `${((s.match.cpu / SPEED_QUESTIONS) * 1000).toFixed(0)} µs`,
        `${s.heapMb.toFixed(1)} MB`
      ])
    )
  );
  console.log(
    '\nTrust Desk matches include calibration and band for every question; MiniSearch returns ranked hits only.'
  );
}

if (require.main === module) {
  main();
}
