import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { chooseSheet, extractItems, parseQuestionnaire, parseVsaq } from 'c/questionnaireParser';
import { QuestionnaireError, type ParsedQuestionnaire } from 'c/questionnaireModel';
import { projectRoot } from '../lib/diagnostics';
import { readWorkbook } from '../lib/readWorkbook';

/**
 * Questionnaire import end to end in Node: real workbooks built with SheetJS and read back through
 * readWorkbook, and Google's VSAQ questionnaires from the shared reference folder when it is present.
 */

const vsaqDir = path.resolve(projectRoot(), '..', 'shared', 'reference', 'questionnaires', 'vsaq');
const hasVsaq = fs.existsSync(vsaqDir);
const describeIfShared = hasVsaq ? describe : describe.skip;
if (!hasVsaq) {
  console.warn(`Skipping the VSAQ fixture tests: ${vsaqDir} is not present.`);
}

/** Answerable items per VSAQ file, as the fixture's README counts them. */
const VSAQ_COUNTS: Readonly<Record<string, number>> = {
  'infrastructure.json': 96,
  'webapp.json': 73,
  'security_privacy_programs.json': 46,
  'physical_and_datacenter.json': 30
};

function thrown(action: () => unknown): QuestionnaireError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireError);
    return error as QuestionnaireError;
  }
  throw new Error('expected a QuestionnaireError');
}

function workbook(sheets: Record<string, { rows: unknown[][]; merges?: XLSX.Range[] }>): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) {
    const worksheet = XLSX.utils.aoa_to_sheet(sheet.rows);
    if (sheet.merges) {
      worksheet['!merges'] = sheet.merges;
    }
    XLSX.utils.book_append_sheet(book, worksheet, name);
  }
  return book;
}

function xlsx(book: XLSX.WorkBook, bookType: XLSX.BookType = 'xlsx'): Buffer {
  return XLSX.write(book, { type: 'buffer', bookType, bookSST: true }) as Buffer;
}

const merge = (startRow: number, startCol: number, endRow: number, endCol: number): XLSX.Range => ({
  s: { r: startRow, c: startCol },
  e: { r: endRow, c: endCol }
});

/** A CAIQ-like workbook: an introduction sheet, the questions with merged domain cells, a glossary. */
function caiqWorkbook(): Buffer {
  return xlsx(
    workbook({
      Introduction: {
        rows: [
          ['Consensus Assessments Initiative Questionnaire'],
          ['Answer every question on the CAIQv4.0.3 sheet.'],
          ['Prepared for:', 'Northwind University']
        ]
      },
      'CAIQv4.0.3': {
        rows: [
          ['Consensus Assessments Initiative Questionnaire v4.0.3', '', '', '', ''],
          ['Control Domain', 'Question ID', 'Question', 'CSP CAIQ Answer', 'Last reviewed'],
          [
            'Audit & Assurance',
            'A&A-01.1',
            'Are audit and assurance policies, procedures, and standards established,\ndocumented, approved, communicated, applied, evaluated, and maintained?',
            '',
            new Date(Date.UTC(2024, 0, 15))
          ],
          [
            '',
            'A&A-01.2',
            'Are audit and assurance policies reviewed and updated at least annually?',
            '',
            ''
          ],
          ['', 'A&A-02.1', 'Are independent audit and assurance assessments conducted annually?', '', ''],
          [
            'Application & Interface Security',
            'AIS-01.1',
            'Are application security policies established?',
            '',
            ''
          ],
          ['', 'AIS-01.2', 'Are application security policies reviewed at least annually?', '', '']
        ],
        merges: [merge(2, 0, 4, 0), merge(5, 0, 6, 0), merge(0, 0, 0, 4)]
      },
      Glossary: {
        rows: [
          ['Term', 'Meaning'],
          ['CSP', 'Cloud service provider']
        ]
      }
    })
  );
}

/** The part of SheetJS's container library (untyped in its declarations) used to edit a zip entry. */
interface ZipContainer {
  FullPaths: string[];
  FileIndex: { content: Uint8Array; size: number }[];
}
interface ZipLibrary {
  read(data: Buffer, options: { type: 'buffer' }): ZipContainer;
  write(container: ZipContainer, options: { fileType: 'zip'; type: 'buffer' }): Buffer;
}
const zip = XLSX.CFB as unknown as ZipLibrary;

/** Rewrites one shared string as rich text (bold and italic runs), as Excel saves formatted cells. */
function withRichText(buffer: Buffer, plain: string, runs: string[]): Buffer {
  const container = zip.read(buffer, { type: 'buffer' });
  const index = container.FullPaths.findIndex((file) => file.endsWith('xl/sharedStrings.xml'));
  const entry = container.FileIndex[index];
  if (!entry) {
    throw new Error('the workbook has no shared strings');
  }
  const xml = Buffer.from(entry.content).toString('utf8');
  const rich = runs
    .map((run, at) => `<r>${at % 2 === 0 ? '<rPr><b/></rPr>' : ''}<t xml:space="preserve">${run}</t></r>`)
    .join('');
  entry.content = Buffer.from(xml.replace(`<si><t>${plain}</t></si>`, `<si>${rich}</si>`), 'utf8');
  entry.size = entry.content.length;
  return zip.write(container, { fileType: 'zip', type: 'buffer' });
}

describe('readWorkbook and extractItems on real .xlsx files', () => {
  it('reads every sheet, merges and multi-line cells, dates as ISO', () => {
    const grids = readWorkbook(caiqWorkbook(), { file: 'caiq.xlsx' });
    expect(grids.map((grid) => grid.name)).toEqual(['Introduction', 'CAIQv4.0.3', 'Glossary']);
    const caiq = grids[1];
    expect(caiq?.merges).toEqual(
      expect.arrayContaining([
        { startRow: 2, startCol: 0, endRow: 4, endCol: 0 },
        { startRow: 5, startCol: 0, endRow: 6, endCol: 0 }
      ])
    );
    expect(caiq?.rows[2]?.[2]).toContain('established,\ndocumented');
    expect(caiq?.rows[2]?.[4]).toBe('2024-01-15');
  });

  it('chooses the questions sheet and keeps keys and sections from merged cells', () => {
    const grids = readWorkbook(caiqWorkbook());
    const sheet = chooseSheet(grids);
    expect(sheet.name).toBe('CAIQv4.0.3');
    const parsed = extractItems(sheet, { file: 'caiq.xlsx' });
    expect(parsed).toMatchObject({ format: 'xlsx', sheet: 'CAIQv4.0.3', excluded: 2 });
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      ['A&A-01.1', 'Audit & Assurance'],
      ['A&A-01.2', 'Audit & Assurance'],
      ['A&A-02.1', 'Audit & Assurance'],
      ['AIS-01.1', 'Application & Interface Security'],
      ['AIS-01.2', 'Application & Interface Security']
    ]);
    expect(parsed.items[0]?.question).toContain('\ndocumented');
    expect(parsed.items[0]?.origin).toBe('CAIQv4.0.3!C3');
  });

  it('imports through parseQuestionnaire with a named sheet, or says which sheets exist', () => {
    const grids = readWorkbook(caiqWorkbook());
    const parsed = parseQuestionnaire({ fileName: 'caiq.xlsx', grids, sheet: 'caiqv4.0.3' });
    expect(parsed.items).toHaveLength(5);
    const error = thrown(() => parseQuestionnaire({ fileName: 'caiq.xlsx', grids, sheet: 'CAIQ v4' }));
    expect(error.message).toBe(
      "caiq.xlsx: there is no sheet named 'CAIQ v4': the workbook has 'Introduction', 'CAIQv4.0.3', 'Glossary'"
    );
  });

  it('reads rich text as its plain text', () => {
    const plain = 'Do you encrypt data at rest?';
    const buffer = withRichText(
      xlsx(
        workbook({
          HECVAT: {
            rows: [
              ['Question ID', 'Question'],
              ['HLAD-04', plain]
            ]
          }
        })
      ),
      plain,
      ['Do you ', 'encrypt', ' data at rest?']
    );
    const [sheet] = readWorkbook(buffer);
    const parsed = extractItems(sheet as NonNullable<typeof sheet>);
    expect(parsed.items).toEqual([
      {
        key: 'HLAD-04',
        section: '',
        question: 'Do you encrypt data at rest?',
        responseType: 'Text',
        choices: [],
        order: 0,
        origin: 'HECVAT!B2'
      }
    ]);
  });

  it('reads a HECVAT-like sheet with horizontally merged heading rows', () => {
    const buffer = xlsx(
      workbook({
        Instructions: { rows: [['Complete the HECVAT Lite tab.']] },
        'HECVAT Lite': {
          rows: [
            ['HECVAT Lite v3', '', '', ''],
            ['Vendor Name:', 'Northwind EdTech', '', ''],
            ['Question ID', 'Question', 'Answer', 'Additional Information'],
            ['Application/Service Security', '', '', ''],
            ['HLAD-01', 'Do you support role-based access control (RBAC) for end-users?', 'Yes/No', ''],
            ['HLAD-02', 'Do you support RBAC for system administrators?', '', ''],
            ['Data', '', '', ''],
            ['HLAD-03', 'Is institutional data encrypted at rest?', '', 'AES-256'],
            ['HLAD-04', 'Describe how you segregate\ninstitutional data from other customers.', '', '']
          ],
          merges: [merge(3, 0, 3, 3), merge(6, 0, 6, 3)]
        }
      })
    );
    const parsed = parseQuestionnaire({ fileName: 'hecvat.xlsx', grids: readWorkbook(buffer) });
    expect(parsed.sheet).toBe('HECVAT Lite');
    expect(parsed.items.map((item) => [item.key, item.section, item.responseType])).toEqual([
      ['HLAD-01', 'Application/Service Security', 'Yes/No'],
      ['HLAD-02', 'Application/Service Security', 'Text'],
      ['HLAD-03', 'Data', 'Text'],
      ['HLAD-04', 'Data', 'Text']
    ]);
    expect(parsed.items[3]?.question).toBe(
      'Describe how you segregate\ninstitutional data from other customers.'
    );
  });

  it('reads legacy .xls (BIFF8) as well', () => {
    const buffer = xlsx(
      workbook({
        Sheet1: {
          rows: [
            ['#', 'Question'],
            ['1', 'Do you have a CISO?']
          ]
        }
      }),
      'biff8'
    );
    const parsed = extractItems(chooseSheet(readWorkbook(buffer, { file: 'old.xls' })));
    expect(parsed.items.map((item) => item.key)).toEqual(['1']);
  });

  it('stops at the row limit and reports the row', () => {
    const rows = [['ID', 'Question'], ...Array.from({ length: 30 }, (_, at) => [`Q-${at}`, 'Do you patch?'])];
    const grids = readWorkbook(xlsx(workbook({ Big: { rows } })), { maxRows: 10 });
    expect(grids[0]?.rows).toHaveLength(10);
    const error = thrown(() => extractItems(grids[0] as NonNullable<(typeof grids)[0]>, { maxRows: 10 }));
    expect(error.row).toBe(11);
    expect(error.message).toContain("sheet 'Big' has 31 rows, more than the limit of 10");
  });

  it.each<[string, Uint8Array, string]>([
    ['plain text', Buffer.from('ID,Question\n1,Do you?'), 'not an Excel workbook'],
    ['an empty file', new Uint8Array(0), 'not an Excel workbook'],
    ['a truncated zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'the workbook cannot be read'],
    [
      'a broken compound file',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'the workbook cannot be read'
    ]
  ])('rejects %s with a QuestionnaireError', (_label, bytes, message) => {
    const error = thrown(() => readWorkbook(bytes, { file: 'upload.xlsx' }));
    expect(error.message).toContain(message);
    expect(error.file).toBe('upload.xlsx');
  });

  it('rejects files over the size limit and values that are not bytes', () => {
    expect(thrown(() => readWorkbook(caiqWorkbook(), { maxBytes: 100 })).message).toMatch(
      /^the workbook is \d+ bytes, larger than the limit of 100 bytes$/
    );
    expect(thrown(() => readWorkbook('PK' as unknown as Uint8Array)).message).toBe(
      'expected the bytes of a workbook'
    );
  });
});

describeIfShared(
  `Google VSAQ questionnaires (${hasVsaq ? vsaqDir : 'skipped: ' + vsaqDir + ' is absent'})`,
  () => {
    const files = Object.keys(VSAQ_COUNTS);
    const parsed = new Map<string, ParsedQuestionnaire>();

    beforeAll(() => {
      for (const file of files) {
        parsed.set(file, parseVsaq(fs.readFileSync(path.join(vsaqDir, file), 'utf8'), { file }));
      }
    });

    it('finds 245 answerable items with the per-file counts', () => {
      const counts = Object.fromEntries(files.map((file) => [file, parsed.get(file)?.items.length]));
      expect(counts).toEqual(VSAQ_COUNTS);
      const total = [...parsed.values()].reduce((sum, questionnaire) => sum + questionnaire.items.length, 0);
      expect(total).toBe(245);
    });

    it.each(Object.keys(VSAQ_COUNTS))('%s: unique keys, questions, sections and choices', (file) => {
      const questionnaire = parsed.get(file);
      expect(questionnaire?.format).toBe('vsaq');
      const items = questionnaire?.items ?? [];
      expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
      expect(items.map((item) => item.order)).toEqual(items.map((_, at) => at));
      for (const item of items) {
        expect(item.key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(item.question).not.toBe('');
        expect(item.question).not.toMatch(/<\/?(?:p|b|i|a|li|ul|code|strong)\b[^>]*>/);
        expect(item.section).not.toBe('');
        expect(item.origin.startsWith(`${file}#/questionnaire/`)).toBe(true);
      }
      const minimumChoices = { 'Single Choice': 1, 'Multiple Choice': 1, 'Yes/No': 2 } as Record<
        string,
        number
      >;
      const missingChoices = items.filter(
        (item) => item.choices.length < (minimumChoices[item.responseType] ?? 0)
      );
      expect(missingChoices.map((item) => item.key)).toEqual([]);
      const textWithChoices = items.filter((item) => item.responseType === 'Text' && item.choices.length > 0);
      expect(textWithChoices.map((item) => item.key)).toEqual([]);
      expect(items.filter((item) => item.choices.length > 0).length).toBeGreaterThan(items.length / 2);
      expect(questionnaire?.excluded).toBeGreaterThan(0);
      expect(
        questionnaire?.warnings.some((warning) => warning.includes('shown only under a condition'))
      ).toBe(true);
    });

    it('keeps ids verbatim, choices in order and conditional items', () => {
      const webapp = parsed.get('webapp.json');
      const contact = webapp?.items.find((item) => item.key === 'application_vm_securitycontact');
      expect(contact).toMatchObject({
        section: 'Vulnerability Reporting and Management',
        responseType: 'Yes/No'
      });
      expect(contact?.choices).toHaveLength(2);
      expect(contact?.choices[0]).toMatch(/^Yes, we have a published security email contact/);
      const physical = parsed.get('physical_and_datacenter.json');
      const dcControls = physical?.items.filter((item) => item.key.startsWith('dc_controls'));
      expect(dcControls?.map((item) => item.key)).toEqual(['dc_controls', 'dc_controls_2']);
      expect(dcControls?.[1]?.question).toBe(dcControls?.[0]?.question);
    });

    it('imports the same files through parseQuestionnaire', () => {
      const text = fs.readFileSync(path.join(vsaqDir, 'webapp.json'), 'utf8');
      expect(parseQuestionnaire({ fileName: 'webapp.json', text }).items).toHaveLength(73);
    });
  }
);
