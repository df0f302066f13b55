/**
 * Questionnaire export: answered items back to the buyer, as CSV or as sheets for an XLSX workbook, in
 * the original order with the original keys, either in Trust Desk's own columns or written into the
 * buyer's own sheet (when the sheet and its layout from the import are at hand). Pure, so the
 * workspace component, the CLI and the local preview export exactly the same bytes; the XLSX bytes
 * come from SheetJS, which the caller passes in (the static resource in the browser, the npm package
 * in Node).
 *
 * Every cell leaves through `neutralizeCell`: a cell a spreadsheet could read as a formula is
 * prefixed with a single quote, as OWASP's CSV injection guidance recommends. A cell is formula-like
 * when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and also when any of those
 * follows leading blanks or invisible characters (spaces of any kind, line breaks, control and
 * zero-width characters, a byte-order mark): some spreadsheets trim leading spaces before deciding
 * whether a cell is a formula, so " =1+1" is treated like "=1+1". The full-width forms of the four
 * signs (＝ ＋ － ＠) count too, because East Asian input methods turn them into formulas. The price
 * is that a plain negative number such as "-5" or a phone number such as "+1 555 0100" comes back as
 * "'-5" or "'+1 555 0100": we never guess which ones are safe.
 */
import type { CellRange, CsvDelimiter, Grid } from 'c/questionnaireParser';
import { columnLetter, toCsv } from 'c/questionnaireParser';
import type {
  ConfidenceBand,
  MatchResult,
  ParsedQuestionnaire,
  QuestionnaireItem,
  SheetLayout
} from 'c/questionnaireModel';

// ---------------------------------------------------------------------------------------------------
// Formula injection
// ---------------------------------------------------------------------------------------------------

/** Signs that start a formula (or a DDE call) in Excel, LibreOffice and Google Sheets, with their full-width forms. */
const FORMULA_SIGNS = new Set(['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Whitespace of any kind (Unicode spaces, line breaks, the byte-order mark). */
const WHITESPACE = /\s/;

/** Blank or invisible: whitespace, C0 and C1 controls, soft hyphen, zero-width and bidi marks. */
function isBlankOrInvisible(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (
    WHITESPACE.test(ch) ||
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad ||
    code === 0x61c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x206f)
  );
}

/** The prefix that makes a spreadsheet read a cell as text. */
export const TEXT_PREFIX = "'";

/**
 * Whether a spreadsheet could read the cell as a formula: it starts with a tab or a carriage return, or
 * its first visible character (after blanks and invisible characters) is `=`, `+`, `-` or `@` (or a
 * full-width form of one), or a tab or carriage return comes before it.
 */
export function isFormulaLike(cell: string): boolean {
  for (const ch of cell) {
    if (ch === '\t' || ch === '\r') {
      return true;
    }
    if (!isBlankOrInvisible(ch)) {
      return FORMULA_SIGNS.has(ch);
    }
  }
  return false;
}

/** The cell as text a spreadsheet will not evaluate: formula-like cells get a leading `'`, others are unchanged. */
export function neutralizeCell(cell: string): string {
  return isFormulaLike(cell) ? TEXT_PREFIX + cell : cell;
}

/** Every cell of a grid neutralised (a new grid; the rows given are not changed). */
export function neutralizeRows(rows: readonly (readonly string[])[]): string[][] {
  return rows.map((row) => row.map((cell) => neutralizeCell(typeof cell === 'string' ? cell : '')));
}

// ---------------------------------------------------------------------------------------------------
// Items to export
// ---------------------------------------------------------------------------------------------------

/** One item with its answer, as the workspace or the CLI holds it. */
export interface ExportItem {
  /** The buyer's own key, written back verbatim. */
  readonly key: string;
  readonly section: string;
  readonly question: string;
  /** Position in the buyer's file (0-based): exports follow it, whatever order the items come in. */
  readonly order: number;
  readonly answer: string | null;
  /** Yes, No, Partial, Not Applicable (the Short_Answer global value set), when known. */
  readonly shortAnswer?: string | null;
  readonly entryId?: string | null;
  readonly score?: number | null;
  readonly band?: ConfidenceBand | null;
  readonly reviewStatus?: string | null;
}

/** A column of the standard export. */
export type ExportColumn =
  'key' | 'section' | 'question' | 'shortAnswer' | 'answer' | 'band' | 'score' | 'entryId' | 'reviewStatus';

/** What the buyer gets back: their key, section and question with our answer. */
export const BUYER_COLUMNS: readonly ExportColumn[] = ['key', 'section', 'question', 'shortAnswer', 'answer'];

/** For internal review: the buyer's columns plus the match and its review. */
export const REVIEW_COLUMNS: readonly ExportColumn[] = [
  ...BUYER_COLUMNS,
  'band',
  'score',
  'entryId',
  'reviewStatus'
];

const COLUMN_LABELS: Readonly<Record<ExportColumn, string>> = {
  key: 'Key',
  section: 'Section',
  question: 'Question',
  shortAnswer: 'Short answer',
  answer: 'Answer',
  band: 'Confidence',
  score: 'Score',
  entryId: 'Library entry',
  reviewStatus: 'Review status'
};

const BAND_LABELS: Readonly<Record<ConfidenceBand, string>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None'
};

export interface ExportOptions {
  /** Columns in order; BUYER_COLUMNS by default. */
  readonly columns?: readonly ExportColumn[];
  /** Header cells: people's labels ("Short answer", the default) or the column ids ("shortAnswer"). */
  readonly header?: 'labels' | 'ids';
}

export interface CsvExportOptions extends ExportOptions {
  /** Starts the file with a UTF-8 byte-order mark so that Excel reads accents correctly; true by default. */
  readonly bom?: boolean;
  readonly delimiter?: CsvDelimiter;
}

/** Match results in the order they were matched (the questionnaire's order), ready to export. */
export function exportItemsFromResults(results: readonly MatchResult[]): ExportItem[] {
  return results.map((result, order) => ({ ...result, order }));
}

/** Items in the buyer's order: by `order`, ties and unusable orders kept where they were given. */
export function inOriginalOrder<T extends { readonly order: number }>(items: readonly T[]): T[] {
  const rank = (item: T): number => (Number.isFinite(item.order) ? item.order : Number.MAX_SAFE_INTEGER);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}

function cellOf(item: ExportItem, column: ExportColumn, header: 'labels' | 'ids'): string {
  switch (column) {
    case 'band':
      if (!item.band) {
        return '';
      }
      return header === 'ids' ? item.band : (BAND_LABELS[item.band] ?? String(item.band));
    case 'score':
      return typeof item.score === 'number' && Number.isFinite(item.score) ? String(item.score) : '';
    default: {
      const value = item[column];
      return typeof value === 'string' ? value : '';
    }
  }
}

/** The header row and one row per item, in the original order, every cell neutralised. */
export function exportRows(items: readonly ExportItem[], options: ExportOptions = {}): string[][] {
  const columns = options.columns && options.columns.length > 0 ? options.columns : BUYER_COLUMNS;
  const header = options.header ?? 'labels';
  const rows: string[][] = [columns.map((column) => (header === 'ids' ? column : COLUMN_LABELS[column]))];
  for (const item of inOriginalOrder(items)) {
    rows.push(columns.map((column) => cellOf(item, column, header)));
  }
  return neutralizeRows(rows);
}

/** The items as CSV text (RFC 4180, CRLF line ends), in the original order, every cell neutralised. */
export function exportCsv(items: readonly ExportItem[], options: CsvExportOptions = {}): string {
  return csvText(exportRows(items, options), options);
}

/** Any grid as CSV text, every cell neutralised. */
export function csvText(
  rows: readonly (readonly string[])[],
  options: { readonly bom?: boolean; readonly delimiter?: CsvDelimiter } = {}
): string {
  const text = toCsv(neutralizeRows(rows), options.delimiter ?? ',');
  return options.bom === false ? text : `\uFEFF${text}`;
}

// ---------------------------------------------------------------------------------------------------
// Writing into the buyer's own sheet
// ---------------------------------------------------------------------------------------------------

/** A problem that stops an export, in words the user can act on. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** The answer to put back into the buyer's sheet for one item. */
export interface SheetAnswer {
  readonly key: string;
  readonly order: number;
  readonly answer: string | null;
  readonly shortAnswer?: string | null;
}

/** One sheet ready to write: its name, its cells (neutralised) and its merged ranges. */
export interface ExportSheet {
  readonly name: string;
  readonly rows: readonly (readonly string[])[];
  readonly merges?: readonly CellRange[];
}

/** The buyer's sheet with the answers in it. */
export interface FilledSheet extends ExportSheet {
  readonly rows: string[][];
  readonly merges: readonly CellRange[];
  /** Items whose answer was written. */
  readonly filled: number;
  /** Keys of the sheet's items that got no answer (none given, or empty). */
  readonly unanswered: readonly string[];
  /** Answers given for items that are not in the sheet. */
  readonly unplaced: readonly string[];
  /** 0-based column the answers went to (appended after the last column when the sheet had none). */
  readonly answerColumn: number;
  /** 0-based column the full answers went to, when the sheet has a comments column beside a short answer. */
  readonly commentsColumn?: number;
}

/** 1-based row of an item's origin such as `CAIQv4.0.3!C14` or `Sheet1!$C$14`, if it names a cell. */
export function originRow(origin: string): number | undefined {
  const match = /!\$?[A-Z]{1,3}\$?(\d{1,7})$/.exec(origin);
  return match ? Number(match[1]) : undefined;
}

function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Pairs each item of the sheet with its answer: the answer with the same order and key (robust to
 * repeated keys), else the only answer with that key. Answers left over are reported as unplaced.
 */
function pairAnswers(
  items: readonly QuestionnaireItem[],
  answers: readonly SheetAnswer[]
): { paired: Map<QuestionnaireItem, SheetAnswer>; unplaced: string[] } {
  const byOrder = new Map<number, SheetAnswer>();
  const byKey = new Map<string, SheetAnswer[]>();
  for (const answer of answers) {
    if (!byOrder.has(answer.order)) {
      byOrder.set(answer.order, answer);
    }
    const list = byKey.get(answer.key) ?? [];
    list.push(answer);
    byKey.set(answer.key, list);
  }
  const used = new Set<SheetAnswer>();
  const paired = new Map<QuestionnaireItem, SheetAnswer>();
  for (const item of items) {
    const sameOrder = byOrder.get(item.order);
    const sameKey = byKey.get(item.key) ?? [];
    let answer: SheetAnswer | undefined;
    if (sameOrder && sameOrder.key === item.key && !used.has(sameOrder)) {
      answer = sameOrder;
    } else if (sameKey.length === 1 && !used.has(sameKey[0] as SheetAnswer)) {
      answer = sameKey[0];
    }
    if (answer) {
      used.add(answer);
      paired.set(item, answer);
    }
  }
  const unplaced = answers.filter((answer) => !used.has(answer)).map((answer) => answer.key);
  return { paired, unplaced };
}

/**
 * Writes the answers into a copy of the buyer's own sheet, in the columns the import found: the answer
 * column (appended after the last column, headed "Answer", when the sheet has none), and, when the sheet
 * also has a comments column and the answer has a short form, the short answer (Yes, No...) in the
 * answer column and the full answer in the comments column. Items without an answer leave the buyer's
 * cells as they were. `parsed` is what the parser returned for this very sheet: its items carry the row
 * each came from. Every cell of the result is neutralised, the buyer's own cells included.
 */
export function fillSheet(
  grid: Grid,
  parsed: Pick<ParsedQuestionnaire, 'items' | 'layout'>,
  answers: readonly SheetAnswer[]
): FilledSheet {
  const layout: SheetLayout | undefined = parsed.layout;
  if (!layout) {
    throw new ExportError(
      "the buyer's columns are unknown for this file (only spreadsheets and CSV files have them): " +
        'export the standard columns instead'
    );
  }
  const rows = grid.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : '')));
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const answerColumn = layout.answer ?? Math.max(width, layout.question + 1);
  const commentsColumn =
    layout.answer !== undefined && layout.comments !== undefined && layout.comments !== layout.answer
      ? layout.comments
      : undefined;
  const put = (rowIndex: number, column: number, value: string): void => {
    while (rows.length <= rowIndex) {
      rows.push([]);
    }
    const row = rows[rowIndex] as string[];
    while (row.length <= column) {
      row.push('');
    }
    row[column] = value;
  };
  if (layout.answer === undefined) {
    put(layout.headerRow, answerColumn, 'Answer');
  }

  const { paired, unplaced } = pairAnswers(parsed.items, answers);
  const unanswered: string[] = [];
  let filled = 0;
  for (const item of parsed.items) {
    const answer = paired.get(item);
    const rowNumber = originRow(item.origin);
    if (rowNumber === undefined) {
      if (answer) {
        unplaced.push(item.key);
      }
      continue;
    }
    const full = answer && hasText(answer.answer) ? answer.answer : '';
    const short = answer && hasText(answer.shortAnswer) ? answer.shortAnswer : '';
    if (full === '' && short === '') {
      unanswered.push(item.key);
      continue;
    }
    if (commentsColumn !== undefined && short !== '') {
      put(rowNumber - 1, answerColumn, short);
      if (full !== '') {
        put(rowNumber - 1, commentsColumn, full);
      }
    } else {
      put(rowNumber - 1, answerColumn, full !== '' ? full : short);
    }
    filled++;
  }
  return {
    name: grid.name,
    rows: neutralizeRows(rows),
    merges: grid.merges ?? [],
    filled,
    unanswered,
    unplaced,
    answerColumn,
    ...(commentsColumn === undefined ? {} : { commentsColumn })
  };
}

// ---------------------------------------------------------------------------------------------------
// XLSX through SheetJS
// ---------------------------------------------------------------------------------------------------

/** A worksheet as SheetJS builds it: cells by address, plus `!merges` and other `!` keys. */
export type SheetJsWorksheet = Record<string, unknown>;

/** The part of SheetJS that writing a workbook needs (the npm package and the static resource both fit). */
export interface SheetJsWriter {
  readonly utils: {
    book_new(): object;
    aoa_to_sheet(data: string[][]): SheetJsWorksheet;
    book_append_sheet(workbook: object, worksheet: SheetJsWorksheet, name?: string): unknown;
  };
  write(workbook: object, options: { type: 'array'; bookType: 'xlsx'; compression?: boolean }): unknown;
}

/** Excel's limit for the text of one cell. */
export const MAX_CELL_LENGTH = 32767;

/** A sheet name Excel accepts: no `[]:*?/\`, not blank, at most 31 characters, unique in the workbook. */
export function sheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim();
  const base = (cleaned === '' ? 'Answers' : cleaned).slice(0, 31);
  const lowerTaken = new Set([...taken].map((value) => value.toLowerCase()));
  let candidate = base;
  for (let n = 2; lowerTaken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  return candidate;
}

/** SheetJS's form of merged ranges. */
export function sheetJsMerges(
  merges: readonly CellRange[]
): Array<{ s: { r: number; c: number }; e: { r: number; c: number } }> {
  return merges.map((range) => ({
    s: { r: range.startRow, c: range.startCol },
    e: { r: range.endRow, c: range.endCol }
  }));
}

function toBytes(output: unknown): Uint8Array {
  if (output instanceof Uint8Array) {
    return output;
  }
  // The static resource runs in its own realm in some tests, so its ArrayBuffer is not this realm's.
  if (Object.prototype.toString.call(output) === '[object ArrayBuffer]') {
    return new Uint8Array(output as ArrayBuffer);
  }
  throw new ExportError('the spreadsheet library did not return the bytes of a workbook');
}

/**
 * Writes sheets as the bytes of an XLSX workbook with SheetJS. Every cell is neutralised again here (so
 * nothing formula-like reaches a file, whatever the caller did) and written as text, never as a formula.
 */
export function writeXlsx(xlsx: SheetJsWriter, sheets: readonly ExportSheet[]): Uint8Array {
  if (sheets.length === 0) {
    throw new ExportError('nothing to export: a workbook needs at least one sheet');
  }
  const workbook = xlsx.utils.book_new();
  const names = new Set<string>();
  for (const sheet of sheets) {
    const name = sheetName(sheet.name, names);
    names.add(name);
    const rows = neutralizeRows(sheet.rows);
    rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell.length > MAX_CELL_LENGTH) {
          throw new ExportError(
            `cell ${columnLetter(c)}${r + 1} of sheet '${name}' has ${cell.length} characters, more than ` +
              `Excel's limit of ${MAX_CELL_LENGTH}: shorten that answer or export CSV`
          );
        }
      });
    });
    const worksheet = xlsx.utils.aoa_to_sheet(rows);
    if (sheet.merges && sheet.merges.length > 0) {
      worksheet['!merges'] = sheetJsMerges(sheet.merges);
    }
    xlsx.utils.book_append_sheet(workbook, worksheet, name);
  }
  return toBytes(xlsx.write(workbook, { type: 'array', bookType: 'xlsx', compression: true }));
}

// ---------------------------------------------------------------------------------------------------
// Files to download
// ---------------------------------------------------------------------------------------------------

export type ExportFormat = 'csv' | 'xlsx';

/** The only media types an export is ever served as. */
export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
};

/**
 * A file name that is safe on every system: letters (any script), digits, spaces, `.`, `_`, `-`, `(`,
 * `)` kept; everything else (path separators, quotes, control characters) becomes `_`; at most 120
 * characters before the extension.
 */
export function exportFileName(base: string, format: ExportFormat): string {
  const cleaned = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120)
    .trim();
  return `${cleaned === '' ? 'questionnaire' : cleaned}.${format}`;
}

/** UTF-8 bytes of a string (lone surrogates as U+FFFD), without TextEncoder, which some runtimes lack. */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f)
      );
    }
  }
  return Uint8Array.from(bytes);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, with padding). */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    parts.push(
      BASE64.charAt((triple >> 18) & 63) +
        BASE64.charAt((triple >> 12) & 63) +
        (b === undefined ? '=' : BASE64.charAt((triple >> 6) & 63)) +
        (c === undefined ? '=' : BASE64.charAt(triple & 63))
    );
  }
  return parts.join('');
}

/**
 * A `data:` URL for an export: the media type comes from the fixed list above, never from the data,
 * and the content is base64, so nothing in a cell can change what the URL is.
 */
export function exportDataUrl(format: ExportFormat, bytes: Uint8Array): string {
  return `data:${EXPORT_MEDIA_TYPES[format]};base64,${base64(bytes)}`;
}
