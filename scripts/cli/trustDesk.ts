import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as XLSX from '@e965/xlsx';
import { createMatcher } from 'c/answerMatcher';
import {
  ExportError,
  exportCsv,
  exportItemsFromResults,
  exportRows,
  writeXlsx,
  type ExportColumn
} from 'c/questionnaireExport';
import {
  QuestionnaireError,
  type ConfidenceBand,
  type LibraryEntry,
  type MatchResult,
  type ParsedQuestionnaire
} from 'c/questionnaireModel';
import {
  ALL_SHEETS,
  DEFAULT_LIMITS,
  columnLetter,
  decodeText,
  jsonErrorIndex,
  parseCsv,
  parseQuestionnaire
} from 'c/questionnaireParser';
import { readWorkbook } from '../lib/readWorkbook';

/**
 * The `trust-desk` command (bin/trust-desk.js runs it): answers a buyer's questionnaire from an answer
 * library on the command line, with the same parsers, matching engine and export as the workspace.
 *
 *   trust-desk answer --library lib.json --questionnaire caiq.xlsx --sheet CAIQ --out answers.csv
 *
 * Exit codes: 0 success; 2 bad input, with one line on stderr that names the file, row and column or
 * the option at fault; 1 anything unexpected (a bug), with its stack.
 */

const USAGE = `Usage: trust-desk answer --library <lib.json|lib.csv> --questionnaire <file.csv|file.xlsx|file.json>
                         [--format csv|xlsx|vsaq] [--sheet NAME] --out <out.json|out.csv|out.xlsx>

Answers a security questionnaire from a library of approved answers, offline.

Options:
  -l, --library FILE         the approved answers: JSON [{id, question, alternates?, answer, criteria?}],
                             or CSV with those columns (alternates separated by |, criteria by ;);
                             an optional status (Draft, Approved, Needs Review, Retired) leaves out
                             every entry that is not Approved
  -q, --questionnaire FILE   the buyer's questionnaire: CSV, XLSX (also XLSM, XLS, ODS) or VSAQ JSON
  -f, --format FORMAT        csv, xlsx or vsaq; by default from the questionnaire's extension
  -s, --sheet NAME           the workbook's sheet to read; by default the one with the most questions;
                             '*' reads every visible sheet with questions, one after the other
  -o, --out FILE             where to write the answers: .json, .csv or .xlsx
  -v, --verbose              progress, the import's notes and a summary on stderr for every questionnaire
                             (they are always shown for questionnaires of more than 500 questions)
  -h, --help                 show this help

One result per question, in the questionnaire's order, with its original key: key, section, question,
entryId, score (0..1, calibrated), band (high: auto-answer; medium: suggest; low or none: route to an
expert) and answer. entryId and answer are null (empty cells in CSV and XLSX) when the engine abstains.
CSV and XLSX cells that a spreadsheet could run as a formula are prefixed with '.

Exit codes: 0 answered; 2 bad input (one line on stderr); 1 unexpected error.
`;

/** Questionnaires with more items than this report progress every PROGRESS_EVERY items, and a summary. */
const PROGRESS_EVERY = 500;

const BANDS: readonly ConfidenceBand[] = ['high', 'medium', 'low', 'none'];

/** The CSV and XLSX columns: the JSON output's fields, in the same order, headed by their names. */
const OUTPUT_COLUMNS: readonly ExportColumn[] = [
  'key',
  'section',
  'question',
  'entryId',
  'score',
  'band',
  'answer'
];

type QuestionnaireFormat = 'csv' | 'xlsx' | 'vsaq';
type OutputFormat = 'json' | 'csv' | 'xlsx';

const FORMAT_BY_EXTENSION: Readonly<Record<string, QuestionnaireFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xls: 'xlsx',
  ods: 'xlsx',
  json: 'vsaq'
};

const OUTPUT_BY_EXTENSION: Readonly<Record<string, OutputFormat>> = {
  json: 'json',
  csv: 'csv',
  xlsx: 'xlsx'
};

const STATUSES: ReadonlySet<string> = new Set(['Draft', 'Approved', 'Needs Review', 'Retired']);

/** Bad input: the user can fix it. Reported on one line, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Where the command writes: stdout for help, stderr for everything else. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
};

/** Runs the command line (arguments without `node` and the script) and returns the exit code. */
export function main(argv: readonly string[], output: CliOutput = processOutput): number {
  try {
    return run(argv, output);
  } catch (error) {
    if (error instanceof InputError || error instanceof QuestionnaireError || error instanceof ExportError) {
      output.stderr(`trust-desk: ${oneLine(error.message)}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    output.stderr(`trust-desk: unexpected error: ${detail}\n`);
    return 1;
  }
}

/** A message on a single line, without control characters that a terminal could act on. */
function oneLine(message: string): string {
  return message
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim();
}

interface AnswerOptions {
  readonly library: string;
  readonly questionnaire: string;
  readonly format?: QuestionnaireFormat;
  readonly sheet?: string;
  readonly out: string;
  readonly verbose: boolean;
}

function run(argv: readonly string[], output: CliOutput): number {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      throw new InputError(`${parseArgsMessage(error as Error)} (see trust-desk --help)`);
    }
    throw error;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === 'help') {
    output.stdout(USAGE);
    return 0;
  }
  if (command === undefined) {
    throw new InputError('no command: use trust-desk answer --library FILE --questionnaire FILE --out FILE');
  }
  if (command !== 'answer') {
    throw new InputError(
      `unknown command '${command}': the only command is 'answer' (see trust-desk --help)`
    );
  }
  if (positionals.length > 1) {
    throw new InputError(`unexpected argument '${positionals[1]}' (see trust-desk --help)`);
  }
  const missing = (['library', 'questionnaire', 'out'] as const).filter(
    (name) => values[name] === undefined || values[name] === ''
  );
  if (missing.length > 0) {
    throw new InputError(
      `missing ${missing.map((name) => `--${name}`).join(', ')}: trust-desk answer needs --library, ` +
        '--questionnaire and --out'
    );
  }
  const format = values.format;
  if (format !== undefined && format !== 'csv' && format !== 'xlsx' && format !== 'vsaq') {
    throw new InputError(`unknown --format '${format}': use csv, xlsx or vsaq`);
  }
  return answer(
    {
      library: values.library as string,
      questionnaire: values.questionnaire as string,
      format,
      sheet: values.sheet,
      out: values.out as string,
      verbose: values.verbose === true
    },
    output
  );
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      library: { type: 'string', short: 'l' },
      questionnaire: { type: 'string', short: 'q' },
      format: { type: 'string', short: 'f' },
      sheet: { type: 'string', short: 's' },
      out: { type: 'string', short: 'o' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' }
    }
  });
}

/** Node's parseArgs messages, shortened to what the user typed and what to do instead. */
function parseArgsMessage(error: Error): string {
  const unknown = /^Unknown option '([^']*)'/.exec(error.message);
  if (unknown) {
    return `unknown option '${unknown[1]}'`;
  }
  const needsValue = /^Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(error.message);
  if (needsValue) {
    return `${needsValue[1]} needs a value`;
  }
  return error.message.split('\n')[0] ?? error.message;
}

// ---------------------------------------------------------------------------------------------------
// answer
// ---------------------------------------------------------------------------------------------------

function answer(options: AnswerOptions, output: CliOutput): number {
  const outFormat = outputFormat(options.out);
  const format = options.format ?? questionnaireFormat(options.questionnaire);
  if (options.sheet !== undefined && format !== 'xlsx') {
    throw new InputError(
      `--sheet applies to workbooks only, and '${options.questionnaire}' is read as ${format}`
    );
  }
  const outPath = path.resolve(options.out);
  for (const [role, file] of [
    ['questionnaire', options.questionnaire],
    ['library', options.library]
  ] as const) {
    if (path.resolve(file) === outPath) {
      throw new InputError(`--out '${options.out}' is the ${role} itself: choose another file to write`);
    }
  }

  const entries = loadLibrary(options.library);
  const matcher = createMatcher(entries);
  if (matcher.size === 0) {
    throw new InputError(
      `the library '${options.library}' has no Approved entries to answer from ` +
        `(${entries.length} ${entries.length === 1 ? 'entry is' : 'entries are'} Draft, Needs Review or Retired)`
    );
  }
  const questionnaire = loadQuestionnaire(options.questionnaire, format, options.sheet);
  const items = questionnaire.items;
  if (items.length === 0) {
    // The import's last note says why when it knows (unsaved formulas, a sheet with only a header…).
    const why = questionnaire.warnings.at(-1);
    throw new InputError(
      `no questions found in '${options.questionnaire}'` +
        (questionnaire.excluded > 0
          ? ` (${plural(questionnaire.excluded, 'row or node')} that are not questions)`
          : '') +
        (why === undefined ? '' : `: ${why}`)
    );
  }

  const verbose = options.verbose || items.length > PROGRESS_EVERY;
  const results: MatchResult[] = [];
  for (let start = 0; start < items.length; start += PROGRESS_EVERY) {
    results.push(...matcher.matchAll(items.slice(start, start + PROGRESS_EVERY)));
    if (verbose && results.length < items.length) {
      output.stderr(`trust-desk: answered ${results.length} of ${items.length} questions\n`);
    }
  }

  writeFile(options.out, render(results, outFormat));

  if (verbose) {
    for (const observation of questionnaire.warnings) {
      output.stderr(`trust-desk: note: ${oneLine(observation)}\n`);
    }
    const unused = matcher.excluded.length;
    if (unused > 0) {
      output.stderr(
        `trust-desk: note: ${plural(unused, 'library entry', 'library entries')} not used because ` +
          `${unused === 1 ? 'it is' : 'they are'} not Approved\n`
      );
    }
    output.stderr(`trust-desk: ${summary(results, options, questionnaire)}\n`);
  }
  return 0;
}

/** `answered 1200 questions from 'q.csv' (3 skipped as not questions) into 'out.json': high 900, medium 150, low 50, none 100` */
function summary(
  results: readonly MatchResult[],
  options: AnswerOptions,
  parsed: ParsedQuestionnaire
): string {
  const counts = new Map<ConfidenceBand, number>(BANDS.map((band) => [band, 0]));
  for (const result of results) {
    counts.set(result.band, (counts.get(result.band) ?? 0) + 1);
  }
  const excluded = parsed.excluded > 0 ? ` (${parsed.excluded} skipped as not questions)` : '';
  const sheet =
    parsed.format !== 'xlsx' || parsed.sheet === undefined
      ? ''
      : parsed.sheet === ALL_SHEETS
        ? ', all sheets with questions'
        : `, sheet '${parsed.sheet}'`;
  return (
    `answered ${plural(results.length, 'question')} from '${options.questionnaire}'${sheet}${excluded} ` +
    `into '${options.out}': ${BANDS.map((band) => `${band} ${counts.get(band)}`).join(', ')}`
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function extensionOf(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

function questionnaireFormat(file: string): QuestionnaireFormat {
  const format = FORMAT_BY_EXTENSION[extensionOf(file)];
  if (format === undefined) {
    throw new InputError(
      `cannot tell the format of '${file}' from its extension: use --format csv, xlsx or vsaq ` +
        '(or name it .csv, .xlsx or .json)'
    );
  }
  return format;
}

function outputFormat(file: string): OutputFormat {
  const format = OUTPUT_BY_EXTENSION[extensionOf(file)];
  if (format === undefined) {
    throw new InputError(`--out '${file}' must end in .json, .csv or .xlsx`);
  }
  return format;
}

function render(results: readonly MatchResult[], format: OutputFormat): Uint8Array | string {
  if (format === 'json') {
    return `${JSON.stringify(results, null, 2)}\n`;
  }
  const items = exportItemsFromResults(results);
  if (format === 'csv') {
    return exportCsv(items, { columns: OUTPUT_COLUMNS, header: 'ids' });
  }
  return writeXlsx(XLSX, [
    { name: 'Answers', rows: exportRows(items, { columns: OUTPUT_COLUMNS, header: 'ids' }) }
  ]);
}

// ---------------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------------

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a folder in its path is a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function readInput(file: string, role: 'library' | 'questionnaire'): Uint8Array {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      throw new InputError(`cannot read the ${role} '${file}': it is not a file`);
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(`cannot read the ${role} '${file}': ${reasonOf(error)}`);
  }
  const limit = DEFAULT_LIMITS.maxBytes;
  if (size > limit) {
    throw new InputError(
      `the ${role} '${file}' is ${size} bytes, larger than the limit of ${limit / (1024 * 1024)} MB`
    );
  }
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read the ${role} '${file}': ${reasonOf(error)}`);
  }
}

function loadQuestionnaire(
  file: string,
  format: QuestionnaireFormat,
  sheet: string | undefined
): ParsedQuestionnaire {
  const bytes = readInput(file, 'questionnaire');
  const fileName = path.basename(file);
  if (format === 'xlsx') {
    const grids = readWorkbook(bytes, { file: fileName });
    return parseQuestionnaire({ fileName, grids, sheet }, { format });
  }
  return parseQuestionnaire({ fileName, ...decodeText(bytes) }, { format });
}

/** Writes next to the target and renames, so a failed run never leaves half a file behind. */
function writeFile(file: string, data: Uint8Array | string): void {
  const target = path.resolve(file);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new InputError(`cannot write '${file}': ${reasonOf(error)}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The answer library
// ---------------------------------------------------------------------------------------------------

/** An entry's fields as read from JSON or CSV, before validation. */
interface EntryFields {
  readonly id: unknown;
  readonly question: unknown;
  readonly alternates: unknown;
  readonly answer: unknown;
  readonly criteria: unknown;
  readonly status: unknown;
}

type Field = keyof EntryFields;

/** Says where a field is: `lib.json, entry 3` or `lib.csv, row 4, column D`. */
type Locate = (field: Field) => string;

/** Reads and validates an answer library: JSON or CSV by extension (anything else is tried as JSON). */
export function loadLibrary(file: string): LibraryEntry[] {
  const { text } = decodeText(readInput(file, 'library'));
  const name = path.basename(file);
  const entries = extensionOf(file) === 'csv' ? libraryFromCsv(text, name) : libraryFromJson(text, name);
  if (entries.length === 0) {
    throw new InputError(`the library '${file}' has no entries`);
  }
  return entries;
}

/** Library JSON: `[{id, question, alternates?: string[], answer, criteria?: string[], status?}]`. */
export function libraryFromJson(text: string, file: string): LibraryEntry[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    throw new InputError(`${file}: the library is empty: expected a JSON list of entries`);
  }
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new InputError(`${file}, ${jsonLocation(source, error)}`);
  }
  if (!Array.isArray(data)) {
    throw new InputError(`${file}: expected a JSON list of entries [{id, question, answer, ...}]`);
  }
  const seen = new Map<string, string>();
  return data.map((value: unknown, index) => {
    const where = `${file}, entry ${index + 1}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`${where}: expected an object {id, question, answer, ...}`);
    }
    const fields = value as Record<string, unknown>;
    return checkEntry(
      {
        id: fields.id,
        question: fields.question,
        alternates: fields.alternates,
        answer: fields.answer,
        criteria: fields.criteria,
        status: fields.status
      },
      () => where,
      `entry ${index + 1}`,
      seen
    );
  });
}

function jsonLocation(text: string, error: unknown): string {
  const index = jsonErrorIndex(text);
  if (index < 0) {
    return `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const before = text.slice(0, index);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = index - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const found =
    index >= text.length
      ? 'the file ends too early'
      : `unexpected ${JSON.stringify(text.slice(index, index + 12))}`;
  return `line ${line}, column ${column}: invalid JSON: ${found}`;
}

const CSV_FIELDS: readonly Field[] = ['id', 'question', 'alternates', 'answer', 'criteria', 'status'];
const REQUIRED_CSV_FIELDS: readonly Field[] = ['id', 'question', 'answer'];

/** Library CSV: a header row naming id, question, answer and optionally alternates (`|`), criteria (`;`), status. */
export function libraryFromCsv(text: string, file: string): LibraryEntry[] {
  const grid = parseCsv(text, { file });
  const header = grid.rows[0];
  if (header === undefined || header.every((cell) => cell.trim() === '')) {
    throw new InputError(
      `${file}: the library is empty: expected a header row id, question, alternates, answer, criteria`
    );
  }
  const columns = new Map<Field, number>();
  header.forEach((cell, index) => {
    const name = cell.trim().toLowerCase() as Field;
    if (CSV_FIELDS.includes(name)) {
      if (columns.has(name)) {
        throw new InputError(`${file}, row 1, column ${columnLetter(index)}: a second '${name}' column`);
      }
      columns.set(name, index);
    }
  });
  const missing = REQUIRED_CSV_FIELDS.filter((field) => !columns.has(field));
  if (missing.length > 0) {
    throw new InputError(
      `${file}, row 1: no ${missing.map((field) => `'${field}'`).join(', ')} column in the header ` +
        '(expected id, question, alternates, answer, criteria)'
    );
  }
  const seen = new Map<string, string>();
  const entries: LibraryEntry[] = [];
  grid.rows.forEach((row, index) => {
    if (index === 0 || row.every((cell) => cell.trim() === '')) {
      return;
    }
    const cell = (field: Field): string | undefined => {
      const column = columns.get(field);
      return column === undefined ? undefined : (row[column] ?? '');
    };
    const split = (value: string | undefined, separator: string): string[] | undefined =>
      value === undefined ? undefined : value.split(separator);
    const status = cell('status');
    entries.push(
      checkEntry(
        {
          id: cell('id'),
          question: cell('question'),
          alternates: split(cell('alternates'), '|'),
          answer: cell('answer'),
          criteria: split(cell('criteria'), ';'),
          status: status === undefined || status.trim() === '' ? undefined : status.trim()
        },
        (field) => `${file}, row ${index + 1}, column ${columnLetter(columns.get(field) ?? 0)}`,
        `row ${index + 1}`,
        seen
      )
    );
  });
  return entries;
}

/** Validates one entry; `seen` maps ids already read to where they were, to report duplicates. */
function checkEntry(
  fields: EntryFields,
  locate: Locate,
  label: string,
  seen: Map<string, string>
): LibraryEntry {
  if (typeof fields.id !== 'string' || fields.id.trim() === '') {
    throw new InputError(`${locate('id')}: the id is ${describeMissing(fields.id)}`);
  }
  const id = fields.id.trim();
  const at = (field: Field): string => `${locate(field)} (id '${id}')`;
  const first = seen.get(id);
  if (first !== undefined) {
    throw new InputError(`${at('id')}: the id is already used by ${first}`);
  }
  seen.set(id, label);
  const text = (field: 'question' | 'answer'): string => {
    const value = fields[field];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InputError(`${at(field)}: the ${field} is ${describeMissing(value)}`);
    }
    return value.trim();
  };
  const list = (field: 'alternates' | 'criteria'): string[] | undefined => {
    const value = fields[field];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw new InputError(`${at(field)}: ${field} must be a list of strings`);
    }
    const items = (value as string[]).map((item) => item.trim()).filter((item) => item !== '');
    return items.length > 0 ? items : undefined;
  };
  const status = fields.status;
  if (status !== undefined && status !== null && (typeof status !== 'string' || !STATUSES.has(status))) {
    throw new InputError(
      `${at('status')}: unknown status ${JSON.stringify(status)}: use Draft, Approved, Needs Review or Retired`
    );
  }
  const question = text('question');
  const answerText = text('answer');
  const alternates = list('alternates');
  const criteria = list('criteria');
  return {
    id,
    question,
    answer: answerText,
    ...(alternates === undefined ? {} : { alternates }),
    ...(criteria === undefined ? {} : { criteria }),
    ...(typeof status === 'string' ? { status: status as LibraryEntry['status'] } : {})
  };
}

function describeMissing(value: unknown): string {
  if (value === undefined || value === null) {
    return 'missing';
  }
  return typeof value === 'string' ? 'empty' : `not text (${Array.isArray(value) ? 'a list' : typeof value})`;
}
