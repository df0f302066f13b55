import assert from 'node:assert/strict';
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import {
  extractItems,
  gridsFromWorkbook,
  jsonErrorIndex,
  parseCsv,
  parseQuestionnaire,
  parseVsaq,
  toCsv,
  type CsvDelimiter,
  type Grid
} from 'c/questionnaireParser';
import { QuestionnaireError } from 'c/questionnaireModel';
import { readWorkbook } from '../lib/readWorkbook';

/**
 * Robustness of questionnaire import: whatever a buyer uploads, every parser either returns a result
 * that holds its invariants or throws a QuestionnaireError; never a TypeError, RangeError or a hang.
 * Runs are bounded (a few hundred cases each) so the suite stays fast; FUZZ_SCALE=20 searches deeper.
 */

const scale = Math.max(1, Number(process.env.FUZZ_SCALE ?? '1') || 1);
const RUNS = { numRuns: 300 * scale };
const FEW_RUNS = { numRuns: 150 * scale };

/** Runs the parser; any failure other than a QuestionnaireError fails the property. */
function settle<T>(parse: () => T): T | QuestionnaireError {
  try {
    return parse();
  } catch (error) {
    if (error instanceof QuestionnaireError) {
      assert.notEqual(error.message, '');
      return error;
    }
    throw error;
  }
}

/** Characters that matter to CSV, spreadsheets and JSON, mixed with arbitrary text. */
const csvChunk = fc.oneof(
  fc.constantFrom(
    '"',
    '""',
    ',',
    ';',
    '\t',
    '\n',
    '\r',
    '\r\n',
    ' ',
    '\uFEFF',
    'sep=;',
    'ID',
    'Question',
    '?'
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 })
);
const csvText = fc.array(csvChunk, { maxLength: 60 }).map((chunks) => chunks.join(''));

const cellText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'ID',
    'Question ID',
    '#',
    'Question',
    'Requirement',
    'Section',
    'Control Domain',
    'Response',
    'Answer (Yes/No/N/A)',
    'Type',
    'Choices',
    'Comments',
    'Yes/No',
    'Yes; No; N/A',
    'Multiple Choice',
    'Name:',
    'Email:',
    'jane@example.com',
    'Instructions: please complete every question',
    'Access Control',
    'A&A-01.1',
    'HLAD-04',
    '1',
    '1.1',
    'Do you encrypt customer data at rest?',
    'Describe your incident response process.',
    'Multi\nline\ncell'
  ),
  fc.string({ maxLength: 30 })
);
const rows = fc.array(fc.array(cellText, { maxLength: 7 }), { maxLength: 25 });
const mergeArb = fc.record({
  startRow: fc.integer({ min: -2, max: 30 }),
  startCol: fc.integer({ min: -2, max: 8 }),
  endRow: fc.integer({ min: -2, max: 30 }),
  endCol: fc.integer({ min: -2, max: 8 })
});
const gridArb: fc.Arbitrary<Grid> = fc.record({
  name: fc.string({ maxLength: 10 }),
  rows,
  merges: fc.array(mergeArb, { maxLength: 4 })
});

describe('parseCsv never fails with anything but a QuestionnaireError', () => {
  it('on arbitrary text', () => {
    const property = fc.property(fc.oneof(csvText, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const grid = settle(() => parseCsv(text));
      if (!(grid instanceof QuestionnaireError)) {
        for (const row of grid.rows) {
          assert.ok(row.length > 0);
          assert.ok(row.every((cell) => typeof cell === 'string'));
        }
      }
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('and respects tight limits', () => {
    const limits = { maxBytes: 60, maxRows: 3, maxColumns: 3, maxCellLength: 5 };
    const property = fc.property(csvText, (text) => {
      const grid = settle(() => parseCsv(text, limits));
      if (!(grid instanceof QuestionnaireError)) {
        assert.ok(grid.rows.length <= 3);
        for (const row of grid.rows) {
          assert.ok(row.length <= 3);
          assert.ok(row.every((cell) => cell.length <= 5));
        }
      } else if (grid.row !== undefined) {
        assert.ok(grid.row > 0);
      }
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('CSV round trip', () => {
  const field = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '',
      '"',
      'a,b',
      'a;b',
      'a\tb',
      'line\nbreak',
      'cr\rlf\r\n',
      ' pad ',
      '\uFEFF',
      'sep=;',
      'A&A-01.1'
    )
  );
  const grid = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 12 });
  const normalise = (table: string[][]): string[][] =>
    table.map((row) => row.map((cell) => cell.replace(/\r\n?/g, '\n')));

  it('a grid written with proper quoting reads back the same, delimiter detected', () => {
    const property = fc.property(grid, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (table, delimiter) => {
      assert.deepEqual(parseCsv(toCsv(table, delimiter)).rows, normalise(table));
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('and with the delimiter given', () => {
    const property = fc.property(grid, fc.constantFrom<CsvDelimiter>(',', ';', '\t'), (table, delimiter) => {
      assert.deepEqual(parseCsv(toCsv(table, delimiter), { delimiter }).rows, normalise(table));
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('extractItems never fails with anything but a QuestionnaireError', () => {
  it('on arbitrary grids, accounting for every row', () => {
    const property = fc.property(gridArb, (grid) => {
      const parsed = settle(() => extractItems(grid));
      if (!(parsed instanceof QuestionnaireError)) {
        assert.equal(parsed.items.length + parsed.excluded, grid.rows.length);
        parsed.items.forEach((item, order) => {
          assert.equal(item.order, order);
          assert.notEqual(item.key, '');
          assert.notEqual(item.question, '');
        });
      }
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('on values that are not grids at all', () => {
    const property = fc.property(fc.anything(), (value) => {
      settle(() => extractItems(value as Grid));
    });
    expect(() => fc.assert(property, FEW_RUNS)).not.toThrow();
  });

  it('keeps every key verbatim, straight from a grid or through CSV', () => {
    const key = fc.stringMatching(/^[A-Za-z0-9&._\-/#()+]{1,24}$/);
    const property = fc.property(fc.array(key, { minLength: 1, maxLength: 20 }), (keys) => {
      const table = [
        ['ID', 'Question', 'Response'],
        ...keys.map((k, at) => [k, `Do you enforce control number ${at}?`, ''])
      ];
      const direct = extractItems({ name: 'Keys', rows: table });
      assert.deepEqual(
        direct.items.map((item) => item.key),
        keys
      );
      const viaCsv = parseQuestionnaire({ fileName: 'keys.csv', text: toCsv(table) });
      assert.deepEqual(
        viaCsv.items.map((item) => item.key),
        keys
      );
    });
    expect(() => fc.assert(property, FEW_RUNS)).not.toThrow();
  });
});

/** VSAQ-shaped trees, sometimes malformed. */
const vsaqNode: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record(
      {
        type: fc.constantFrom(
          'line',
          'box',
          'radiogroup',
          'checkgroup',
          'yesno',
          'check',
          'info',
          'tip',
          'spacer',
          'x'
        ),
        id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(undefined)),
        text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('<b>Bold</b> &amp; &#x41;', '')),
        cond: fc.option(fc.string({ maxLength: 5 })),
        choices: fc.option(
          fc.array(
            fc.oneof(
              fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 8 })),
              fc.string(),
              fc.integer()
            ),
            { maxLength: 4 }
          )
        ),
        defaultChoice: fc.boolean()
      },
      { requiredKeys: ['type'] }
    ),
    fc.record({
      type: fc.constant('block'),
      text: fc.string({ maxLength: 10 }),
      items: fc.oneof(fc.array(tie('node'), { maxLength: 5 }), fc.constant('nope'))
    }),
    fc.anything({ maxDepth: 1 })
  )
})).node;

describe('parseVsaq never fails with anything but a QuestionnaireError', () => {
  it('on arbitrary text', () => {
    const property = fc.property(
      fc.oneof(csvText, fc.string({ unit: 'binary', maxLength: 200 }), fc.json()),
      (text) => {
        settle(() => parseVsaq(text));
      }
    );
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('on arbitrary JSON values and VSAQ-shaped trees, as values and as text', () => {
    const input = fc.oneof(
      fc.jsonValue(),
      fc.record({ questionnaire: fc.array(vsaqNode, { maxLength: 6 }) }),
      fc.array(vsaqNode, { maxLength: 6 })
    );
    const property = fc.property(input, (value) => {
      const parsed = settle(() => parseVsaq(value));
      const text = JSON.stringify(value);
      if (text !== undefined) {
        const fromText = settle(() => parseVsaq(text));
        if (!(parsed instanceof QuestionnaireError) && !(fromText instanceof QuestionnaireError)) {
          assert.deepEqual(
            fromText.items.map((item) => item.key),
            parsed.items.map((item) => item.key)
          );
        }
      }
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('counts every answerable item of a well-formed questionnaire and keeps its id', () => {
    const answerable = fc.record({
      type: fc.constantFrom('line', 'box', 'yesno', 'upload'),
      text: fc.string({ minLength: 1, maxLength: 20 })
    });
    const content = fc.record({
      type: fc.constantFrom('info', 'tip', 'spacer'),
      text: fc.string({ maxLength: 10 })
    });
    const tree = fc.letrec<{ block: unknown }>((tie) => ({
      block: fc.record({
        type: fc.constant('block'),
        text: fc.string({ maxLength: 10 }),
        items: fc.array(fc.oneof({ depthSize: 'small' }, answerable, content, tie('block')), { maxLength: 5 })
      })
    })).block;
    const property = fc.property(fc.array(tree, { maxLength: 4 }), (blocks) => {
      let next = 0;
      const ids: string[] = [];
      let others = 0;
      const number = (node: unknown): unknown => {
        const item = node as { type: string; items?: unknown[] };
        if (item.type === 'block') {
          return { ...item, items: (item.items ?? []).map(number) };
        }
        if (item.type === 'info' || item.type === 'tip' || item.type === 'spacer') {
          others++;
          return item;
        }
        const id = `item_${next++}`;
        ids.push(id);
        return { ...item, id };
      };
      const questionnaire = { questionnaire: blocks.map(number) };
      const parsed = parseVsaq(JSON.stringify(questionnaire));
      assert.deepEqual(
        parsed.items.map((item) => item.key),
        ids
      );
      assert.equal(parsed.excluded, others);
    });
    expect(() => fc.assert(property, FEW_RUNS)).not.toThrow();
  });
});

describe('jsonErrorIndex agrees with JSON.parse', () => {
  const mutated = fc
    .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '\\', 'x', ' '))
    .map(([text, at, insert]) => {
      const position = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, position) + insert + text.slice(position + (insert === '' ? 1 : 0));
    });

  it('on valid, broken and arbitrary text', () => {
    const property = fc.property(fc.oneof(fc.json(), mutated, fc.string({ maxLength: 30 })), (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const index = jsonErrorIndex(text);
      assert.equal(index === -1, valid);
      assert.ok(index <= text.length);
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('readWorkbook never fails with anything but a QuestionnaireError', () => {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([
      ['Question ID', 'Question', 'Answer'],
      ['A&A-01.1', 'Are audit policies established?\nAnd reviewed?', 'Yes'],
      ['HLAD-04', 'Do you support SSO?', new Date(Date.UTC(2024, 0, 15))]
    ]),
    'Questions'
  );
  const valid = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;

  it('on arbitrary bytes, with or without a ZIP or OLE signature', () => {
    const signature = fc.constantFrom(
      [],
      [0x50, 0x4b, 0x03, 0x04],
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
    );
    const property = fc.property(signature, fc.uint8Array({ maxLength: 600 }), (magic, bytes) => {
      settle(() => readWorkbook(Uint8Array.from([...magic, ...bytes])));
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });

  it('on damaged copies of a real workbook', () => {
    const damage = fc.record({
      cut: fc.option(fc.integer({ min: 4, max: valid.length })),
      flips: fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        maxLength: 8
      })
    });
    const property = fc.property(damage, ({ cut, flips }) => {
      const bytes = Uint8Array.from(valid.subarray(0, cut ?? valid.length));
      for (const [at, value] of flips) {
        if (at < bytes.length) {
          bytes[at] = value;
        }
      }
      const grids = settle(() => readWorkbook(bytes));
      if (!(grids instanceof QuestionnaireError)) {
        for (const grid of grids) {
          settle(() => extractItems(grid));
        }
      }
    });
    expect(() => fc.assert(property, FEW_RUNS)).not.toThrow();
  });

  it('reads the undamaged workbook', () => {
    const [grid] = readWorkbook(valid);
    expect(extractItems(grid as Grid).items.map((item) => item.key)).toEqual(['A&A-01.1', 'HLAD-04']);
  });

  it('gridsFromWorkbook on arbitrary values', () => {
    const workbookLike = fc.record({
      SheetNames: fc.array(fc.oneof(fc.constantFrom('S', 'T'), fc.anything({ maxDepth: 0 })), {
        maxLength: 3
      }),
      Sheets: fc.dictionary(
        fc.constantFrom('S', 'T'),
        fc.dictionary(
          fc.oneof(fc.constantFrom('A1', 'B2', 'ZZ10', '!merges', '!data', '!fullref'), fc.string()),
          fc.anything()
        )
      ),
      Workbook: fc.anything()
    });
    const property = fc.property(fc.oneof(fc.anything(), workbookLike), (value) => {
      const grids = settle(() => gridsFromWorkbook(value));
      if (!(grids instanceof QuestionnaireError)) {
        for (const grid of grids) {
          settle(() => extractItems(grid));
        }
      }
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});

describe('parseQuestionnaire never fails with anything but a QuestionnaireError', () => {
  it('on arbitrary inputs', () => {
    const input = fc.record(
      {
        fileName: fc.oneof(
          fc.constantFrom('q.csv', 'q.json', 'q.xlsx', 'q', 'q.pdf', ''),
          fc.string({ maxLength: 8 })
        ),
        text: fc.oneof(csvText, fc.json()),
        grids: fc.array(gridArb, { maxLength: 3 }),
        sheet: fc.string({ maxLength: 5 })
      },
      { requiredKeys: ['fileName'] }
    );
    const property = fc.property(input, (value) => {
      settle(() => parseQuestionnaire(value));
    });
    expect(() => fc.assert(property, RUNS)).not.toThrow();
  });
});
