/**
 * Questionnaire import: CSV text, spreadsheet grids and Google's VSAQ JSON turned into the items of
 * `c/questionnaireModel`. Pure and synchronous, so the workspace component, the CLI and the local
 * preview all import exactly the same rules. XLSX bytes are read outside this module (SheetJS in Node
 * or as a static resource in the browser); `gridsFromWorkbook` turns what SheetJS returns into grids.
 */
import {
  QuestionnaireError,
  type ParsedQuestionnaire,
  type QuestionnaireItem,
  type ResponseType,
  type SheetLayout
} from 'c/questionnaireModel';

// ---------------------------------------------------------------------------------------------------
// Shapes and limits
// ---------------------------------------------------------------------------------------------------

/** A rectangle of merged cells, 0-based and inclusive. */
export interface CellRange {
  readonly startRow: number;
  readonly startCol: number;
  readonly endRow: number;
  readonly endCol: number;
}

/** The neutral form of one sheet or CSV file: cell text as displayed, row by row (0-based). */
export interface Grid {
  readonly name: string;
  readonly rows: readonly (readonly string[])[];
  readonly merges?: readonly CellRange[];
  /** The sheet's real number of rows when the reader stopped early at the row limit. */
  readonly rowCount?: number;
  /** Hidden in the workbook (old or helper sheets): never chosen unless named. */
  readonly hidden?: boolean;
  /**
   * Cells holding a formula whose result was never saved (files written by a program rather than saved
   * by a spreadsheet): they read as empty.
   */
  readonly unsavedFormulas?: number;
}

/** Size limits; every parser enforces the ones that apply to it. */
export interface ParseLimits {
  /** Largest accepted input, in UTF-8 bytes (text) or bytes (workbook). */
  readonly maxBytes?: number;
  /** Most rows a sheet or CSV file may have, blank rows included. */
  readonly maxRows?: number;
  /** Most columns a row may use. */
  readonly maxColumns?: number;
  /** Longest cell, in characters (Excel's own limit by default). */
  readonly maxCellLength?: number;
  /** Longest item key, in characters (Questionnaire_Item__c.Item_Key__c holds 255). */
  readonly maxKeyLength?: number;
}

export const DEFAULT_LIMITS: Readonly<Required<ParseLimits>> = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20000,
  maxColumns: 1000,
  maxCellLength: 32767,
  maxKeyLength: 255
};

export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvOptions extends ParseLimits {
  /** File name, for messages and the grid's name. */
  readonly file?: string;
  /** Skips detection. */
  readonly delimiter?: CsvDelimiter;
}

export interface ExtractOptions extends ParseLimits {
  readonly file?: string;
  readonly format?: 'csv' | 'xlsx';
  /** How many leading rows may hold titles and instructions before the header (30). */
  readonly headerSearchRows?: number;
}

export interface VsaqOptions {
  readonly file?: string;
  readonly maxBytes?: number;
}

export interface QuestionnaireInput {
  readonly fileName: string;
  /** The file's text, for CSV and VSAQ JSON. */
  readonly text?: string;
  /** What the text was decoded from ({@link decodeText}); a Windows-1252 guess is noted in the warnings. */
  readonly encoding?: TextEncodingName;
  /** The workbook's sheets, for XLSX (see `gridsFromWorkbook`). */
  readonly grids?: readonly Grid[];
  /**
   * Sheet to read; by default the one that holds the most questions. {@link ALL_SHEETS} reads every
   * visible sheet that holds questions, in the workbook's order (HECVAT and SIG put a domain on each tab).
   */
  readonly sheet?: string;
}

/** `sheet` value that imports every visible sheet holding questions. */
export const ALL_SHEETS = '*';

/** The encodings {@link decodeText} reads. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * A text file's bytes as text: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode
 * text"), UTF-8 when the bytes are valid UTF-8 (with or without a BOM), and otherwise Windows-1252, the
 * encoding Excel's plain "CSV" export uses in Western Europe and the Americas (every byte is a character,
 * so nothing is lost). The caller passes `encoding` on to {@link parseQuestionnaire}, which notes a guess.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const encoding: TextEncodingName =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  if (encoding !== 'utf-8') {
    return { text: new TextDecoder(encoding).decode(bytes), encoding };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252's characters for bytes 0x80-0x9F (the rest are ISO-8859-1, byte = code point). Decoded by
 * hand because some TextDecoder builds read the label as ISO-8859-1 and turn `€` into a control character.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const chunk: number[] = [];
  for (const byte of bytes) {
    chunk.push(byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte);
    if (chunk.length === 8192) {
      text += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return text + String.fromCharCode(...chunk);
}

export interface ParseOptions extends ParseLimits {
  /** Overrides detection by extension and content. */
  readonly format?: 'csv' | 'xlsx' | 'vsaq';
  readonly headerSearchRows?: number;
}

type Limits = Readonly<Required<ParseLimits>>;

function resolveLimits(options: ParseLimits): Limits {
  const pick = (value: number | undefined, fallback: number): number => {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
  };
  return {
    maxBytes: pick(options.maxBytes, DEFAULT_LIMITS.maxBytes),
    maxRows: pick(options.maxRows, DEFAULT_LIMITS.maxRows),
    maxColumns: pick(options.maxColumns, DEFAULT_LIMITS.maxColumns),
    maxCellLength: pick(options.maxCellLength, DEFAULT_LIMITS.maxCellLength),
    maxKeyLength: pick(options.maxKeyLength, DEFAULT_LIMITS.maxKeyLength)
  };
}

// ---------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------

/** `0` → `A`, `25` → `Z`, `26` → `AA`: the column as a spreadsheet shows it. */
export function columnLetter(index: number): string {
  let n = Math.floor(index) + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** UTF-8 size of a string without TextEncoder (absent from some runtimes). */
function utf8Length(text: string, stopAbove: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function checkTextSize(text: string, maxBytes: number, file: string | undefined, what: string): void {
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text, maxBytes) > maxBytes)) {
    throw new QuestionnaireError(`the ${what} is larger than the limit of ${formatBytes(maxBytes)}`, {
      file
    });
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  }
  if (bytes >= 1024) {
    return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  }
  return `${bytes} bytes`;
}

function mapOf<T>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normaliseNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

function quoteList(values: readonly string[], max = 5): string {
  const shown = values.slice(0, max).map((value) => `'${value}'`);
  return values.length > max ? `${shown.join(', ')} and ${values.length - max} more` : shown.join(', ');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Base name without folders and without extension: how a spreadsheet names a sheet opened from CSV. */
function baseName(file: string | undefined, fallback: string): string {
  if (file === undefined || file === '') {
    return fallback;
  }
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return stem === '' ? fallback : stem;
}

function extensionOf(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180)
// ---------------------------------------------------------------------------------------------------

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const CANDIDATE_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

/**
 * Parses CSV text into a grid: quoted fields with `""` escapes, CRLF, LF or CR line ends, line breaks
 * inside quoted cells (kept as `\n`), a leading BOM, Excel's `sep=` first line, and the delimiter
 * detected among comma, semicolon and tab. Row numbers in errors are records, as a spreadsheet shows them.
 */
export function parseCsv(text: string, options: CsvOptions = {}): Grid {
  const limits = resolveLimits(options);
  const file = options.file;
  if (typeof text !== 'string') {
    throw new QuestionnaireError('expected the text of a CSV file', { file });
  }
  checkTextSize(text, limits.maxBytes, file, 'CSV file');
  const name = baseName(file, 'CSV');
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let delimiter = options.delimiter;
  const directive = /^sep=([,;\t])(\r\n|\n|\r|$)/.exec(text.slice(start, start + 8));
  if (directive) {
    delimiter = delimiter ?? (directive[1] as CsvDelimiter);
    start += directive[0].length;
  }
  delimiter = delimiter ?? detectDelimiter(text, start);
  const rows: string[][] = [];
  if (start >= text.length) {
    return { name, rows };
  }
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const failure = (message: string, index: number, row: number, col: number): QuestionnaireError =>
    new QuestionnaireError(`${message} (line ${lineAt(text, index)})`, {
      file,
      row,
      column: columnLetter(col)
    });
  let row: string[] = [];
  /** The field's column in its record (past the limit, empty fields are read but not kept). */
  let col = 0;
  let i = start;
  for (;;) {
    const rowNumber = rows.length + 1;
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const opened = i;
      i++;
      let close = text.indexOf('"', i);
      let escaped = false;
      while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
        escaped = true;
        close = text.indexOf('"', close + 2);
      }
      if (close === -1) {
        throw failure('unterminated quoted field: the closing quote is missing', opened, rowNumber, col);
      }
      const quoted = escaped ? text.slice(i, close).replace(/""/g, '"') : text.slice(i, close);
      i = close + 1;
      value = normaliseNewlines(quoted);
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === SPACE || (c === TAB && d !== TAB)) {
          i++;
        } else {
          break;
        }
      }
      if (i < n) {
        const c = text.charCodeAt(i);
        if (c !== d && c !== LF && c !== CR) {
          throw failure('unexpected text after the closing quote of a quoted field', i, rowNumber, col);
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === d || c === LF || c === CR) {
          break;
        }
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    if (value.length > limits.maxCellLength) {
      throw failure(`cell longer than the limit of ${limits.maxCellLength} characters`, i, rowNumber, col);
    }
    // Empty cells past the column limit (trailing delimiters some exports pad rows with) are dropped.
    if (col >= limits.maxColumns) {
      if (value.trim() !== '') {
        throw failure(`more than ${limits.maxColumns} columns`, i, rowNumber, col);
      }
    } else {
      row.push(value);
    }
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === d) {
      i++;
      col++;
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rows.push(row);
    row = [];
    col = 0;
    if (rows.length > limits.maxRows) {
      throw new QuestionnaireError(`more than ${limits.maxRows} rows, the limit for one questionnaire`, {
        file,
        row: limits.maxRows + 1
      });
    }
    if (i >= n) {
      break;
    }
  }
  if (rows.length > limits.maxRows) {
    throw new QuestionnaireError(`more than ${limits.maxRows} rows, the limit for one questionnaire`, {
      file,
      row: limits.maxRows + 1
    });
  }
  return { name, rows };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
    }
  }
  return line;
}

/**
 * The delimiter that splits the first records most consistently (quoted text ignored). Title lines
 * with none of the candidates are skipped; with no evidence at all the comma wins.
 */
export function detectDelimiter(text: string, start = 0): CsvDelimiter {
  const counts: number[][] = CANDIDATE_DELIMITERS.map(() => []);
  let current = CANDIDATE_DELIMITERS.map(() => 0);
  let inQuotes = false;
  let records = 0;
  const end = Math.min(text.length, start + 65536);
  const flush = (): void => {
    if (current.some((count) => count > 0)) {
      current.forEach((count, index) => counts[index]?.push(count));
      records++;
    }
    current = CANDIDATE_DELIMITERS.map(() => 0);
  };
  for (let i = start; i < end && records < 50; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      inQuotes = !inQuotes;
    } else if (inQuotes) {
      continue;
    } else if (c === LF || c === CR) {
      flush();
    } else {
      const index = CANDIDATE_DELIMITERS.findIndex((candidate) => candidate.charCodeAt(0) === c);
      if (index >= 0) {
        current[index] = (current[index] ?? 0) + 1;
      }
    }
  }
  flush();
  let best: CsvDelimiter = ',';
  let bestConsistency = 0;
  let bestMode = 0;
  CANDIDATE_DELIMITERS.forEach((candidate, index) => {
    const seen = new Map<number, number>();
    for (const count of counts[index] ?? []) {
      if (count > 0) {
        seen.set(count, (seen.get(count) ?? 0) + 1);
      }
    }
    let mode = 0;
    let consistency = 0;
    for (const [count, times] of seen) {
      if (times > consistency || (times === consistency && count > mode)) {
        mode = count;
        consistency = times;
      }
    }
    if (consistency > bestConsistency || (consistency === bestConsistency && mode > bestMode)) {
      best = candidate;
      bestConsistency = consistency;
      bestMode = mode;
    }
  });
  return best;
}

/**
 * Writes a grid as RFC 4180 CSV: a field is quoted when it holds the delimiter, a quote, a line break,
 * a BOM, leading or trailing spaces, or is the only (empty) field of its row. `parseCsv` reads it back.
 * It does not neutralise spreadsheet formulas: files meant for people go through `c/questionnaireExport`.
 */
export function toCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  const quoteWhen = /[",;\t\r\n\uFEFF]|^\s|\s$|^sep=/;
  const field = (cell: string): string => {
    return quoteWhen.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
  const line = (row: readonly string[]): string => {
    return row.length === 1 && row[0] === '' ? '""' : row.map(field).join(delimiter);
  };
  return rows.map(line).join('\r\n');
}

// ---------------------------------------------------------------------------------------------------
// Workbooks read by SheetJS
// ---------------------------------------------------------------------------------------------------

/** Options to pass to SheetJS `read` so that `gridsFromWorkbook` sees number formats and stays bounded. */
export function sheetJsReadOptions(limits: ParseLimits = {}): Record<string, unknown> {
  const resolved = resolveLimits(limits);
  return {
    cellNF: true,
    cellHTML: false,
    // Formulas are never evaluated: they are read (with the stubs of cells that have no value) only to
    // tell a formula whose result was never saved.
    cellFormula: true,
    sheetStubs: true,
    cellStyles: false,
    bookVBA: false,
    sheetRows: resolved.maxRows + 1
  };
}

/**
 * Turns a workbook as SheetJS returns it (`XLSX.read`) into one grid per sheet: the text each cell
 * shows (rich text as plain text, booleans and errors as displayed), dates as ISO 8601 (`2024-01-15`,
 * with `T12:00:00` when there is a time), line breaks as `\n`, and `!merges` as merges. Accepts any
 * value and throws a QuestionnaireError when it is not a workbook.
 */
export function gridsFromWorkbook(workbook: unknown, options: ParseLimits & { file?: string } = {}): Grid[] {
  const limits = resolveLimits(options);
  const file = options.file;
  if (!isRecord(workbook) || !Array.isArray(workbook.SheetNames) || !isRecord(workbook.Sheets)) {
    throw new QuestionnaireError('not a workbook: expected SheetNames and Sheets', { file });
  }
  const sheets = workbook.Sheets;
  const props = isRecord(workbook.Workbook) ? workbook.Workbook.WBProps : undefined;
  const date1904 = isRecord(props) && props.date1904 === true;
  const hidden = hiddenSheets(workbook.Workbook);
  const grids: Grid[] = [];
  for (const name of workbook.SheetNames) {
    if (typeof name !== 'string') {
      continue;
    }
    const sheet = sheets[name];
    const grid = gridFromSheet(name, isRecord(sheet) ? sheet : {}, date1904, limits);
    grids.push(hidden.has(name) ? { ...grid, hidden: true } : grid);
  }
  return grids;
}

/** Names of the sheets SheetJS reports as hidden or very hidden (`Workbook.Sheets[i].Hidden` 1 or 2). */
function hiddenSheets(book: unknown): Set<string> {
  const hidden = new Set<string>();
  const sheets = isRecord(book) ? book.Sheets : undefined;
  if (Array.isArray(sheets)) {
    for (const sheet of sheets) {
      if (isRecord(sheet) && typeof sheet.name === 'string' && (sheet.Hidden === 1 || sheet.Hidden === 2)) {
        hidden.add(sheet.name);
      }
    }
  }
  return hidden;
}

function gridFromSheet(
  name: string,
  sheet: Record<string, unknown>,
  date1904: boolean,
  limits: Limits
): Grid {
  const rows: string[][] = [];
  let rowCount = 0;
  let unsavedFormulas = 0;
  const put = (r: number, c: number, cell: unknown): void => {
    if (r < 0 || c < 0 || !Number.isInteger(r) || !Number.isInteger(c)) {
      return;
    }
    if (isRecord(cell) && typeof cell.f === 'string' && (cell.v === undefined || cell.t === 'z')) {
      unsavedFormulas++;
    }
    const text = cellText(cell, date1904);
    if (text === '') {
      return;
    }
    rowCount = Math.max(rowCount, r + 1);
    if (r >= limits.maxRows) {
      return;
    }
    while (rows.length <= r) {
      rows.push([]);
    }
    const row = rows[r] as string[];
    while (row.length < c) {
      row.push('');
    }
    row[c] = text;
  };
  const dense = sheet['!data'];
  if (Array.isArray(dense)) {
    dense.forEach((cells: unknown, r) => {
      if (Array.isArray(cells)) {
        cells.forEach((cell: unknown, c) => put(r, c, cell));
      }
    });
  } else {
    for (const address of Object.keys(sheet)) {
      if (!address.startsWith('!')) {
        const at = decodeAddress(address);
        if (at) {
          put(at.row, at.col, sheet[address]);
        }
      }
    }
  }
  const full = typeof sheet['!fullref'] === 'string' ? decodeRange(sheet['!fullref']) : undefined;
  if (full) {
    rowCount = Math.max(rowCount, full.endRow + 1);
  }
  const merges: CellRange[] = [];
  const rawMerges = sheet['!merges'];
  if (Array.isArray(rawMerges)) {
    for (const merge of rawMerges) {
      const range = mergeRange(merge);
      if (range) {
        merges.push(range);
      }
    }
  }
  const grid: Grid = { name, rows, merges, ...(unsavedFormulas > 0 ? { unsavedFormulas } : {}) };
  return rowCount > rows.length && rowCount > limits.maxRows ? { ...grid, rowCount } : grid;
}

function mergeRange(merge: unknown): CellRange | undefined {
  if (!isRecord(merge) || !isRecord(merge.s) || !isRecord(merge.e)) {
    return undefined;
  }
  const { s, e } = merge;
  const values = [s.r, s.c, e.r, e.c];
  if (!values.every((value) => typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
    return undefined;
  }
  const [startRow, startCol, endRow, endCol] = values as number[];
  return {
    startRow: Math.min(startRow ?? 0, endRow ?? 0),
    startCol: Math.min(startCol ?? 0, endCol ?? 0),
    endRow: Math.max(startRow ?? 0, endRow ?? 0),
    endCol: Math.max(startCol ?? 0, endCol ?? 0)
  };
}

function decodeAddress(address: string): { row: number; col: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(address);
  if (!match) {
    return undefined;
  }
  let col = 0;
  for (const letter of match[1] ?? '') {
    col = col * 26 + (letter.charCodeAt(0) - 64);
  }
  return { row: Number(match[2]) - 1, col: col - 1 };
}

function decodeRange(ref: string): CellRange | undefined {
  const [first, second] = ref.split(':');
  const start = decodeAddress(first ?? '');
  const end = second === undefined ? start : decodeAddress(second);
  return start && end
    ? { startRow: start.row, startCol: start.col, endRow: end.row, endCol: end.col }
    : undefined;
}

function cellText(cell: unknown, date1904: boolean): string {
  if (cell === null || cell === undefined) {
    return '';
  }
  if (!isRecord(cell)) {
    return typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean'
      ? normaliseNewlines(String(cell))
      : '';
  }
  const { t, v, w, z } = cell;
  const shown = typeof w === 'string' ? w : undefined;
  let text: string;
  if (t === 's') {
    text = typeof v === 'string' ? v : (shown ?? '');
  } else if (t === 'n' && typeof v === 'number' && typeof z === 'string' && isDateFormat(z)) {
    text = serialToIso(v, date1904) ?? shown ?? String(v);
  } else if (t === 'd') {
    text = dateToIso(v) ?? shown ?? '';
  } else if (t === 'b') {
    text = shown ?? (v === true ? 'TRUE' : 'FALSE');
  } else if (t === 'z') {
    text = '';
  } else if (shown !== undefined) {
    text = shown;
  } else {
    text = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  }
  return normaliseNewlines(text);
}

/** Whether an Excel number format shows a date or time (quoted text, escapes and colours ignored). */
export function isDateFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/general/gi, '');
  return /[ymdhs]/i.test(bare);
}

const MS_PER_DAY = 86400000;

/** An Excel serial date as ISO 8601, independent of the machine's time zone. */
export function serialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958466) {
    return undefined;
  }
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds >= 86400) {
    days += 1;
    seconds -= 86400;
  }
  const time = (): string =>
    [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
      .map((part) => String(part).padStart(2, '0'))
      .join(':');
  if (days === 0 && !date1904) {
    return time();
  }
  if (!date1904 && days === 60) {
    return seconds === 0 ? '1900-02-29' : `1900-02-29T${time()}`;
  }
  const epochDays = date1904 ? days - 24107 : days < 60 ? days - 25568 : days - 25569;
  const date = new Date(epochDays * MS_PER_DAY).toISOString().slice(0, 10);
  return seconds === 0 ? date : `${date}T${time()}`;
}

function dateToIso(value: unknown): string | undefined {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' || typeof value === 'number'
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime())) {
    return undefined;
  }
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}

// ---------------------------------------------------------------------------------------------------
// Choosing a sheet
// ---------------------------------------------------------------------------------------------------

const QUESTION_STARTERS = new Set(
  (
    'do does did is are was were has have had can could will would should shall may must how what which who ' +
    'whom whose when where why describe provide explain list specify indicate identify confirm state detail ' +
    'outline attach upload please enter select define summarize summarise submit share give'
  ).split(' ')
);

/** Reads like a question or request: has a question mark or starts with an interrogative or an imperative. */
export function isQuestionLike(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < 8) {
    return false;
  }
  if (trimmed.includes('?')) {
    return true;
  }
  const first = /^[^A-Za-z]*([A-Za-z]+)/.exec(trimmed.slice(0, 40));
  return (
    first !== null && QUESTION_STARTERS.has((first[1] ?? '').toLowerCase()) && words(trimmed).length >= 3
  );
}

/** How well a sheet reads as a questionnaire: a header row can be found, and how many rows read like questions. */
function sheetFitness(grid: Grid): { header: boolean; questions: number } {
  let questions = 0;
  for (const row of grid.rows) {
    if (Array.isArray(row) && row.some((cell) => typeof cell === 'string' && isQuestionLike(cell))) {
      questions++;
    }
  }
  const top = grid.rows.slice(0, 30).map((row): string[] => {
    return Array.isArray(row) ? row.map((cell) => (typeof cell === 'string' ? cell.trim() : '')) : [];
  });
  return { header: detectHeader(top) !== undefined, questions };
}

/**
 * The sheet to import: the one named (exact, then case- and space-insensitive), or else, among the
 * visible sheets (all of them when every sheet is hidden), one with a header row and the most
 * question-like rows (the first on a tie). Lists the sheet names when the name matches none.
 */
export function chooseSheet(grids: readonly Grid[], name?: string, options: { file?: string } = {}): Grid {
  const file = options.file;
  if (grids.length === 0) {
    throw new QuestionnaireError('the workbook has no sheets', { file });
  }
  if (name !== undefined && name !== '') {
    const wanted = name.trim().toLowerCase();
    const found =
      grids.find((grid) => grid.name === name) ??
      grids.find((grid) => grid.name.trim().toLowerCase() === wanted);
    if (!found) {
      throw new QuestionnaireError(
        `there is no sheet named '${name}': the workbook has ${quoteList(
          grids.map((grid) => grid.name),
          50
        )}`,
        { file }
      );
    }
    return found;
  }
  const visible = grids.filter((grid) => grid.hidden !== true);
  let best = (visible[0] ?? grids[0]) as Grid;
  let bestScore = -1;
  for (const grid of visible.length > 0 ? visible : grids) {
    const fitness = sheetFitness(grid);
    const score = (fitness.header ? 1_000_000 : 0) + fitness.questions;
    if (score > bestScore) {
      best = grid;
      bestScore = score;
    }
  }
  return best;
}

/** Other visible sheets that also read as questionnaires (a header and a few question rows), by name. */
export function otherQuestionSheets(grids: readonly Grid[], chosen: Grid): string[] {
  return grids
    .filter((grid) => grid !== chosen && grid.hidden !== true)
    .filter((grid) => {
      const fitness = sheetFitness(grid);
      return fitness.header && fitness.questions >= 3;
    })
    .map((grid) => grid.name);
}

// ---------------------------------------------------------------------------------------------------
// Header detection
// ---------------------------------------------------------------------------------------------------

type Role = 'key' | 'section' | 'question' | 'answer' | 'responseType' | 'choices' | 'comments' | 'known';

export interface HeaderMatch {
  readonly role: Role;
  /** Lower is better when several columns claim a role. */
  readonly rank: number;
  /** Choices named in the header itself, e.g. `Response (Yes/No/N/A)`. */
  readonly choices?: readonly string[];
}

const ID_WORDS = new Set(
  (
    'id # no nr num number ref reference key identifier qid item index code sn ' +
    // French, German, Spanish, Italian, Portuguese, Dutch
    'numero nummer identifiant codigo codice'
  ).split(' ')
);
const YES_NO_WORDS = new Set(['yes', 'y', 'no', 'n', 'na', 'n', 'a', 'not', 'applicable']);
const SECTION_RANKS: ReadonlyMap<string, number> = mapOf({
  section: 0,
  domain: 0,
  category: 0,
  domaine: 0,
  categorie: 0,
  kategorie: 0,
  categoria: 0,
  dominio: 0,
  abschnitt: 0,
  seccion: 0,
  sezione: 0,
  secao: 0,
  rubrique: 1,
  bereich: 1,
  thema: 1,
  tema: 1,
  area: 1,
  topic: 1,
  group: 1,
  chapter: 1,
  family: 1,
  heading: 1,
  subject: 2,
  module: 2,
  subcategory: 2,
  subsection: 2,
  title: 3
});
const ANSWER_WORDS = [
  'response',
  'responses',
  'answer',
  'answers',
  'reply',
  'compliant',
  'reponse',
  'reponses',
  'antwort',
  'antworten',
  'respuesta',
  'respuestas',
  'risposta',
  'risposte',
  'resposta',
  'respostas',
  'antwoord'
];
const CHOICE_WORDS = ['choices', 'choice', 'options', 'option', 'values', 'allowed', 'possible', 'valid'];
const COMMENT_WORDS = (
  'comment comments note notes remark remarks additional explanation evidence justification details ' +
  'guidance supporting implementation elaboration commentaire commentaires remarque remarques ' +
  'kommentar kommentare bemerkung bemerkungen comentario comentarios observaciones commento commenti'
).split(' ');
const KNOWN_WORDS =
  'owner ownership responsible responsibility responsibilities status date priority weight weighting score scoring mapping mappings item risk severity applicable scope standard framework'.split(
    ' '
  );
const QUESTION_RANKS: ReadonlyMap<string, number> = mapOf({
  question: 0,
  questions: 0,
  frage: 0,
  fragen: 0,
  pregunta: 0,
  preguntas: 0,
  domanda: 0,
  domande: 0,
  pergunta: 0,
  perguntas: 0,
  vraag: 0,
  vragen: 0,
  exigence: 1,
  exigences: 1,
  anforderung: 1,
  anforderungen: 1,
  requisito: 1,
  requisitos: 1,
  ques: 0,
  query: 0,
  queries: 0,
  requirement: 1,
  requirements: 1,
  request: 1,
  requests: 1,
  control: 2,
  controls: 2,
  description: 3,
  specification: 3,
  criteria: 3,
  criterion: 3,
  statement: 3
});
const INSTRUCTION_WORDS = new Set(
  'please below above each every all must should following complete fill this'.split(' ')
);

/** Header words of Japanese, Chinese and Korean questionnaires, read as their English equivalents. */
const CJK_HEADER_WORDS: readonly (readonly [RegExp, string])[] = [
  [/質問事項|質問|設問|问题|問題|질문|문항/g, ' question '],
  [/回答|答复|답변|응답/g, ' answer '],
  [/番号|項番|编号|序号|번호/g, ' id '],
  [/区分|分類|分类|类别|カテゴリー?|領域|분류|영역/g, ' category '],
  [/備考|备注|コメント|비고/g, ' comments ']
];

function headerTokens(text: string): string[] {
  let english = text;
  for (const [pattern, word] of CJK_HEADER_WORDS) {
    english = english.replace(pattern, word);
  }
  return (
    english
      .toLowerCase()
      // `S/N`, `N°` (the degree sign for the ordinal indicator) are number columns.
      .replace(/\bs\s*\/\s*n\b/g, 'sn')
      .replace(/\bn\s*\u00b0/g, 'no')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[a-z0-9]+|#/g) ?? []
  );
}

/** What a header cell announces, if it reads like a header at all. */
export function classifyHeader(cell: string): HeaderMatch | undefined {
  const text = cell.trim();
  if (text === '' || text.length > 60 || text.includes('?')) {
    return undefined;
  }
  const tokens = headerTokens(text);
  if (tokens.some((token) => INSTRUCTION_WORDS.has(token))) {
    // `Question (please answer all)`: the note in brackets is not the header.
    const bare = text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').trim();
    return bare !== text && bare !== '' ? classifyHeader(bare) : undefined;
  }
  if (tokens.length === 0 || tokens.length > 6) {
    return undefined;
  }
  const has = (...candidates: string[]): boolean => candidates.some((word) => tokens.includes(word));
  const yesNo = has('yes', 'y') && has('no', 'n') ? yesNoChoicesFrom(tokens) : undefined;
  if (yesNo && tokens.every((token) => YES_NO_WORDS.has(token))) {
    return { role: 'answer', rank: 0, choices: yesNo };
  }
  const sectionRank = Math.min(...tokens.map((token) => SECTION_RANKS.get(token) ?? Infinity));
  if (tokens.some((token) => ID_WORDS.has(token)) && !has(...ANSWER_WORDS, 'type', ...COMMENT_WORDS)) {
    return sectionRank === Infinity
      ? { role: 'key', rank: has('question', 'ques', 'q') ? 0 : has('control') ? 2 : 1 }
      : { role: 'known', rank: 0 };
  }
  if (has('type', 'format', 'kind')) {
    return { role: 'responseType', rank: 0 };
  }
  if (has(...CHOICE_WORDS)) {
    return { role: 'choices', rank: 0 };
  }
  if (sectionRank !== Infinity) {
    return { role: 'section', rank: sectionRank + (has('sub') ? 2 : 0) };
  }
  if (has(...ANSWER_WORDS)) {
    return yesNo ? { role: 'answer', rank: 0, choices: yesNo } : { role: 'answer', rank: 0 };
  }
  if (has(...COMMENT_WORDS)) {
    return { role: 'comments', rank: 0 };
  }
  if (has(...KNOWN_WORDS)) {
    return { role: 'known', rank: 0 };
  }
  const questionRank = Math.min(...tokens.map((token) => QUESTION_RANKS.get(token) ?? Infinity));
  if (questionRank !== Infinity) {
    return { role: 'question', rank: questionRank };
  }
  return undefined;
}

function yesNoChoicesFrom(tokens: readonly string[]): string[] {
  const choices = ['Yes', 'No'];
  const joined = tokens.join(' ');
  if (/\bn a\b|\bna\b|\bnot applicable\b/.test(joined)) {
    choices.push('N/A');
  }
  return choices;
}

export interface HeaderColumns {
  readonly row: number;
  readonly question: number;
  readonly key?: number;
  readonly section?: number;
  readonly answer?: number;
  readonly responseType?: number;
  readonly choices?: number;
  readonly comments?: number;
  readonly answerChoices?: readonly string[];
  readonly score: number;
  /**
   * Set when no row names the question column and the header is a section title followed by column
   * labels (`General Information | | Vendor Answers | Additional Information`): the title of the first section.
   */
  readonly title?: string;
}

/** A questionnaire key with a separator (`GNRL-03`, `A.1`, `A&A-01.1`): never found in a header row. */
const STRONG_KEY = /^[A-Za-z&]{1,10}[-_.]\d+(?:[.\-_]\d+)*[A-Za-z]?$/;

/** Roles a column label takes in a section title row that repeats the labels. */
const LABEL_ROLES: ReadonlySet<Role> = new Set<Role>([
  'answer',
  'comments',
  'choices',
  'responseType',
  'known'
]);

const ROLE_WEIGHTS: Readonly<Record<Role, number>> = {
  question: 4,
  key: 2,
  answer: 1.5,
  section: 1,
  responseType: 1,
  choices: 1,
  comments: 0.5,
  known: 0.25
};

function headerFromRow(cells: readonly string[], row: number): HeaderColumns | undefined {
  if (cells.some((cell) => STRONG_KEY.test(cell))) {
    return undefined;
  }
  const best = new Map<Role, { col: number; match: HeaderMatch }>();
  let score = 0;
  let known = 0;
  cells.forEach((cell, col) => {
    if (cell.trim() === '') {
      return;
    }
    const match = classifyHeader(cell);
    if (!match) {
      score -= 0.5;
      return;
    }
    if (match.role === 'known') {
      known++;
      return;
    }
    const current = best.get(match.role);
    if (!current || match.rank < current.match.rank) {
      best.set(match.role, { col, match });
    }
  });
  const question = best.get('question');
  if (!question) {
    return undefined;
  }
  for (const role of best.keys()) {
    score += ROLE_WEIGHTS[role];
  }
  score += Math.min(known, 4) * ROLE_WEIGHTS.known;
  return {
    row,
    question: question.col,
    key: best.get('key')?.col,
    section: best.get('section')?.col,
    answer: best.get('answer')?.col,
    responseType: best.get('responseType')?.col,
    choices: best.get('choices')?.col,
    comments: best.get('comments')?.col,
    answerChoices: best.get('answer')?.match.choices,
    score
  };
}

/** The header row among the first rows: the one whose cells best match questionnaire header words. */
export function detectHeader(
  rows: readonly (readonly string[])[],
  searchRows = 30
): HeaderColumns | undefined {
  let found: HeaderColumns | undefined;
  const last = Math.min(rows.length, Math.max(1, searchRows));
  for (let r = 0; r < last; r++) {
    const header = headerFromRow(rows[r] ?? [], r);
    if (header && header.score > 0 && (!found || header.score > found.score)) {
      found = header;
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Rows to items
// ---------------------------------------------------------------------------------------------------

const CONTACT_LABEL =
  /^(?:(?:primary|secondary|main|technical|security|billing|business|full|your|vendor|supplier|company|organi[sz]ation|contact|respondent|authori[sz]ed) )*(?:name|contact(?: person| name| details)?|e-?mail(?: address)?|phone(?: number)?|telephone|tel|mobile|fax|title|job title|position|role|company|organi[sz]ation|vendor|supplier|address|website|url|date(?: completed| submitted)?|signature|signed|signatory|representative|prepared by|completed by|submitted by|reviewed by|respondent)\s*[:\uFF1A]?$/i;
const CONTACT_PREFIX =
  /^(?:(?:primary|secondary|main|technical|security|billing|business|full|your|vendor|supplier|company|organi[sz]ation|contact|respondent) )*(?:name|contact(?: person| name)?|e-?mail(?: address)?|phone(?: number)?|telephone|tel|mobile|fax|title|job title|position|company|organi[sz]ation|address|website|date(?: completed| submitted)?|signature|prepared by|completed by|submitted by)\s*[:\uFF1A]/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,20}$/;
const INSTRUCTION =
  /^(?:instructions?\b|notes?\s*:|important\b|please (?:complete|fill|answer|respond|return|read|note|submit|refer|use|select|enter|ensure|do not|provide (?:a|your) (?:response|answer)s?)\b|(?:this|the) (?:questionnaire|section|form|sheet|document|workbook|spreadsheet)\b|for (?:each|every|all) (?:question|item|row)s?\b|answer (?:each|all|every)\b|complete (?:this|the|all|each)\b|if you have (?:any )?questions\b|(?:do not|don't) (?:modify|change|edit|alter)\b|thank you\b|thanks\b|by (?:signing|submitting|completing)\b|(?:i|we) (?:hereby )?(?:certify|confirm|attest|declare|acknowledge|agree)\b|the undersigned\b)/i;

/**
 * A section title followed by column labels only (`Company Overview | | Vendor Answers | Additional
 * Information`): the title, or undefined when the row is anything else.
 */
function labelRowTitle(cells: readonly string[]): string | undefined {
  const filled = cells.map((cell, col) => ({ cell, col })).filter(({ cell }) => cell !== '');
  const [first, ...labels] = filled;
  if (
    first === undefined ||
    labels.length === 0 ||
    looksLikeKey(first.cell) ||
    isQuestionLike(first.cell) ||
    INSTRUCTION.test(first.cell)
  ) {
    return undefined;
  }
  const roles = labels.map(({ cell }) => classifyHeader(cell)?.role);
  return roles.every((role) => role !== undefined && LABEL_ROLES.has(role)) &&
    roles.some((role) => role === 'answer' || role === 'comments')
    ? first.cell
    : undefined;
}

/**
 * A header for a sheet where no row names the question column, but section titles repeat the column
 * labels (HECVAT Lite 2.x): the first such row is the header, its labels map the answer and comment
 * columns, and the key and question columns are the ones whose cells below hold keys and questions.
 */
export function inferHeader(rows: readonly (readonly string[])[]): HeaderColumns | undefined {
  const row = rows.findIndex((cells) => labelRowTitle(cells) !== undefined);
  if (row < 0) {
    return undefined;
  }
  const width = Math.max(...rows.map((cells) => cells.length));
  const keys = new Array<number>(width).fill(0);
  const questions = new Array<number>(width).fill(0);
  for (const cells of rows.slice(row + 1)) {
    cells.forEach((cell, col) => {
      if (STRONG_KEY.test(cell)) keys[col] = (keys[col] ?? 0) + 1;
      if (isQuestionLike(cell)) questions[col] = (questions[col] ?? 0) + 1;
    });
  }
  const argmax = (counts: readonly number[], except?: number): number =>
    counts.reduce((best, count, col) => (col !== except && count > (counts[best] ?? -1) ? col : best), -1);
  const key = argmax(keys);
  const question = argmax(questions, key);
  if (key < 0 || question < 0 || (keys[key] ?? 0) < 3 || (questions[question] ?? 0) < 3) {
    return undefined;
  }
  const header = rows[row] ?? [];
  const labelled = (wanted: Role): number | undefined => {
    const col = header.findIndex(
      (cell, index) => index !== key && index !== question && classifyHeader(cell)?.role === wanted
    );
    return col < 0 ? undefined : col;
  };
  return {
    row,
    question,
    key,
    answer: labelled('answer'),
    comments: labelled('comments'),
    score: 0,
    title: labelRowTitle(header)
  };
}

function isContactRow(cells: readonly string[]): boolean {
  const filled = cells.filter((cell) => cell !== '');
  const first = filled[0];
  if (first === undefined || filled.length > 3 || filled.some((cell) => isQuestionLike(cell))) {
    return false;
  }
  if (first.length <= 60 && (CONTACT_LABEL.test(first) || CONTACT_PREFIX.test(first))) {
    return true;
  }
  return filled.every((cell) => cell.length <= 254 && (EMAIL.test(cell) || PHONE.test(cell)));
}

function looksLikeKey(text: string): boolean {
  return text.length <= 40 && !/\s/.test(text) && /\d/.test(text);
}

function isHeadingLike(text: string, maxWords = 8): boolean {
  if (text.length > maxWords * 12 + 4 || text.includes('\n') || isQuestionLike(text)) {
    return false;
  }
  const count = words(text).length;
  return count > 0 && count <= maxWords && !/[.;,]$/.test(text);
}

/** Most words in the title of a numbered heading (`3 | Governance, risk and compliance …`). */
const KEYED_HEADING_WORDS = 15;

/**
 * The number a heading row's key stands for: `1.0` and `1.` stand for `1`, `Section 2` for `2`, so that
 * the keys below it (`1.1`, `2.1`) show it is a heading.
 */
function headingStem(key: string): string {
  return key
    .replace(/^(?:section|part|chapter|domain)\s+/i, '')
    .replace(/(?:[.,]0+)+$/, '')
    .replace(/[.,]$/, '');
}

const YES_VARIANTS = new Set(['yes', 'y', 'true']);
const NO_VARIANTS = new Set(['no', 'n', 'false']);
const NA_VARIANTS = new Set(['na', 'n/a', 'n.a.', 'n.a', 'not applicable', 'notapplicable']);

function choiceWord(choice: string): string {
  return choice
    .trim()
    .toLowerCase()
    .replace(/[\s.]+$/, '');
}

/** Yes/No (optionally with N/A) and nothing else. */
function isYesNoList(choices: readonly string[]): boolean {
  const normalised = choices.map(choiceWord);
  return (
    normalised.some((choice) => YES_VARIANTS.has(choice)) &&
    normalised.some((choice) => NO_VARIANTS.has(choice)) &&
    normalised.every(
      (choice) => YES_VARIANTS.has(choice) || NO_VARIANTS.has(choice) || NA_VARIANTS.has(choice)
    )
  );
}

/** Splits a list of allowed answers: one per line, else on `|`, `;`, `/` (N/A kept whole) or `,`. */
export function splitChoices(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') {
    return [];
  }
  const marker = '\u0000';
  const protectedText = trimmed.replace(/\bn\/a\b/gi, (match) => match.replace('/', marker));
  const separator = protectedText.includes('\n')
    ? '\n'
    : ['|', ';', '/', ','].find((candidate) => protectedText.includes(candidate));
  const parts = separator === undefined ? [protectedText] : protectedText.split(separator);
  const seen = new Set<string>();
  const choices: string[] = [];
  for (const part of parts) {
    const choice = part.split(marker).join('/').trim();
    if (choice !== '' && !seen.has(choice.toLowerCase())) {
      seen.add(choice.toLowerCase());
      choices.push(choice);
    }
  }
  return choices;
}

/** A response type named in a type column ("Yes/No", "Multi-select", "Free text", "Date"...). */
export function responseTypeFromLabel(label: string): ResponseType | undefined {
  const text = label.trim().toLowerCase();
  if (text === '') {
    return undefined;
  }
  if (/\byes\s*\/\s*no\b|\by\s*\/\s*n\b|\bboolean\b|\byes[\s-]*no\b/.test(text)) {
    return 'Yes/No';
  }
  if (/multi|multiple|check\s*box|checklist|check all|many/.test(text)) {
    return 'Multiple Choice';
  }
  if (/single|radio|drop\s*-?\s*down|picklist|select|choice|pick one|one of|list/.test(text)) {
    return 'Single Choice';
  }
  if (/\bdate\b/.test(text)) {
    return 'Date';
  }
  if (/number|numeric|integer|decimal|percent|amount|count|quantity/.test(text)) {
    return 'Number';
  }
  if (/text|narrative|string|comment|free|open|essay|describe|paragraph/.test(text)) {
    return 'Text';
  }
  return undefined;
}

interface Typed {
  readonly responseType: ResponseType;
  readonly choices: readonly string[];
}

function inferType(
  typeCell: string,
  choicesCell: string,
  answerCell: string,
  headerChoices: readonly string[] | undefined
): Typed {
  let choices = splitChoices(choicesCell);
  let named = responseTypeFromLabel(typeCell);
  if (named === undefined && typeCell !== '') {
    const listed = splitChoices(typeCell);
    if (listed.length >= 2) {
      choices = choices.length > 0 ? choices : listed;
      named = isYesNoList(listed) ? 'Yes/No' : 'Single Choice';
    }
  }
  if (choices.length === 0 && answerCell !== '') {
    const listed = splitChoices(answerCell);
    if (listed.length >= 2 && isYesNoList(listed)) {
      choices = listed;
    }
  }
  if (named === 'Yes/No') {
    if (choices.length === 0) {
      const listed = splitChoices(typeCell);
      choices = isYesNoList(listed) ? listed : ['Yes', 'No'];
    }
    return { responseType: 'Yes/No', choices };
  }
  if (named !== undefined) {
    return {
      responseType: named,
      choices: named === 'Single Choice' || named === 'Multiple Choice' ? choices : []
    };
  }
  if (choices.length > 0) {
    return { responseType: isYesNoList(choices) ? 'Yes/No' : 'Single Choice', choices };
  }
  if (headerChoices && headerChoices.length > 0) {
    return { responseType: 'Yes/No', choices: headerChoices };
  }
  return { responseType: 'Text', choices: [] };
}

type RowKind =
  | 'item'
  | 'headingCandidate'
  | 'heading'
  | 'blank'
  | 'header'
  | 'beforeHeader'
  | 'contact'
  | 'instruction'
  | 'noQuestion';

const EXCLUSION_LABELS: Readonly<Record<Exclude<RowKind, 'item' | 'headingCandidate'>, string>> = {
  blank: 'blank',
  header: 'header',
  beforeHeader: 'title or instruction above the header',
  heading: 'section heading',
  contact: 'contact detail',
  instruction: 'instruction',
  noQuestion: 'without question text'
};

interface RowInfo {
  kind: RowKind;
  readonly row: number;
  readonly key: string;
  readonly question: string;
  readonly section: string;
  heading: string;
}

function isCellRange(value: unknown): value is CellRange {
  return (
    isRecord(value) &&
    [value.startRow, value.startCol, value.endRow, value.endCol].every(
      (part) => typeof part === 'number' && Number.isInteger(part) && part >= 0
    )
  );
}

/** The cell values of a grid with vertical merges filled down (except in the question column). */
function filledRows(grid: Grid, questionCol: number | undefined): string[][] {
  const rows = grid.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : '')));
  for (const merge of grid.merges ?? []) {
    if (merge.endRow <= merge.startRow || merge.startCol === questionCol) {
      continue;
    }
    const value = rows[merge.startRow]?.[merge.startCol] ?? '';
    if (value === '') {
      continue;
    }
    const last = Math.min(merge.endRow, rows.length - 1);
    for (let r = merge.startRow + 1; r <= last; r++) {
      const row = rows[r] as string[];
      while (row.length <= merge.startCol) {
        row.push('');
      }
      if ((row[merge.startCol] ?? '') === '') {
        row[merge.startCol] = value;
      }
    }
  }
  return rows;
}

function enforceGridLimits(grid: Grid, limits: Limits, file: string | undefined): void {
  const total = Math.max(grid.rows.length, grid.rowCount ?? 0);
  if (total > limits.maxRows) {
    throw new QuestionnaireError(
      `sheet '${grid.name}' has ${total} rows, more than the limit of ${limits.maxRows} for one questionnaire`,
      { file, row: limits.maxRows + 1 }
    );
  }
  grid.rows.forEach((row, r) => {
    if (!Array.isArray(row)) {
      throw new QuestionnaireError(`sheet '${grid.name}' is malformed: a row is not a list of cells`, {
        file,
        row: r + 1
      });
    }
    let lastFilled = -1;
    row.forEach((cell: unknown, c) => {
      if (typeof cell !== 'string') {
        throw new QuestionnaireError(`sheet '${grid.name}' is malformed: a cell is not text`, {
          file,
          row: r + 1,
          column: columnLetter(c)
        });
      }
      if (cell.length > limits.maxCellLength) {
        throw new QuestionnaireError(
          `cell is ${cell.length} characters long, more than the limit of ${limits.maxCellLength}`,
          { file, row: r + 1, column: columnLetter(c) }
        );
      }
      if (cell.trim() !== '') {
        lastFilled = c;
      }
    });
    if (lastFilled >= limits.maxColumns) {
      throw new QuestionnaireError(`row uses more than ${limits.maxColumns} columns`, {
        file,
        row: r + 1,
        column: columnLetter(limits.maxColumns)
      });
    }
  });
}

/**
 * Finds the header row, maps the columns and turns every question row into an item. Rows that are not
 * questions (blank, titles and instructions above the header, section headings, repeated headers,
 * contact details, rows without question text) are excluded and counted: `items.length + excluded`
 * is the number of rows in the sheet.
 */
export function extractItems(grid: Grid, options: ExtractOptions = {}): ParsedQuestionnaire {
  const file = options.file;
  const limits = resolveLimits(options);
  if (!isRecord(grid) || !Array.isArray(grid.rows)) {
    throw new QuestionnaireError('not a sheet: expected rows of cells', { file });
  }
  const sheetName = typeof grid.name === 'string' && grid.name !== '' ? grid.name : 'Sheet1';
  const merges = Array.isArray(grid.merges) ? grid.merges.filter(isCellRange) : [];
  const safeGrid: Grid = { name: sheetName, rows: grid.rows, merges, rowCount: grid.rowCount };
  enforceGridLimits(safeGrid, limits, file);
  const format = options.format ?? 'xlsx';
  const searchRows = options.headerSearchRows ?? 30;
  const trimmedForHeader = filledRows(safeGrid, undefined).map((row) => row.map((cell) => cell.trim()));
  const detected = detectHeader(trimmedForHeader, searchRows) ?? inferHeader(trimmedForHeader);
  if (!detected) {
    const unsaved = typeof grid.unsavedFormulas === 'number' && grid.unsavedFormulas > 0;
    throw new QuestionnaireError(
      `no header row found in the first ${Math.min(searchRows, safeGrid.rows.length)} rows of sheet ` +
        `'${sheetName}': expected a question column headed Question, Requirement, Control or Description, ` +
        'and optionally ID/#/Ref, Section/Category/Domain, Response/Answer, Type and Choices columns' +
        (unsaved ? `; ${unsavedFormulasNote(sheetName, grid.unsavedFormulas ?? 0)}` : ''),
      { file }
    );
  }
  const warnings: string[] = [];
  if (detected.title !== undefined) {
    warnings.push(
      `no row names the question column: column ${columnLetter(detected.question)} was read as the questions ` +
        `and column ${columnLetter(detected.key ?? 0)} as their keys, from what their cells hold`
    );
  }
  const header = refineQuestionColumn(trimmedForHeader, detected, warnings);
  const rows = filledRows(safeGrid, header.question).map((row) => row.map((cell) => cell.trim()));
  const keyCol = header.key ?? impliedKeyColumn(rows, header, warnings);
  const cell = (r: number, c: number | undefined): string => (c === undefined ? '' : (rows[r]?.[c] ?? ''));
  const headerQuestion = cell(header.row, header.question).toLowerCase();
  const mapped = new Set(
    [keyCol, header.question, header.section].filter((col): col is number => col !== undefined)
  );

  const infos: RowInfo[] = rows.map((cells, r): RowInfo => {
    const key = cell(r, keyCol);
    const question = cell(r, header.question);
    const section = cell(r, header.section);
    const base = { row: r, key, question, section, heading: '' };
    if (r < header.row) {
      const kind = !cells.some((value) => value !== '')
        ? 'blank'
        : isContactRow(cells)
          ? 'contact'
          : 'beforeHeader';
      return { ...base, kind };
    }
    if (r === header.row) {
      return { ...base, kind: 'header' };
    }
    const filled = cells.filter((value) => value !== '');
    if (filled.length === 0) {
      return { ...base, kind: 'blank' };
    }
    if (
      question.toLowerCase() === headerQuestion &&
      (keyCol === undefined || key === cell(header.row, keyCol))
    ) {
      return { ...base, kind: 'header' };
    }
    if (isContactRow(cells)) {
      return { ...base, kind: 'contact' };
    }
    if (question === '') {
      const title = labelRowTitle(cells);
      if (title !== undefined) {
        return { ...base, kind: 'heading', heading: title };
      }
      const distinct = new Set(filled);
      const only = filled[0] ?? '';
      if (distinct.size === 1 && !looksLikeKey(only) && !isQuestionLike(only) && !INSTRUCTION.test(only)) {
        return { ...base, kind: 'heading', heading: only };
      }
      return { ...base, kind: INSTRUCTION.test(only) ? 'instruction' : 'noQuestion' };
    }
    if (key === '' && INSTRUCTION.test(question)) {
      return { ...base, kind: 'instruction' };
    }
    const others = cells.some((value, c) => value !== '' && !mapped.has(c));
    if (key === '' && !others && section === '' && isHeadingLike(question)) {
      return { ...base, kind: 'headingCandidate', heading: question };
    }
    return { ...base, kind: 'item' };
  });

  // A key followed by keys below it (`1` then `1.1`) with a short title and nothing else is a heading.
  let nextKey = '';
  for (let index = infos.length - 1; index >= 0; index--) {
    const info = infos[index] as RowInfo;
    if (info.kind !== 'item' || info.key === '') {
      continue;
    }
    const below = nextKey;
    nextKey = info.key;
    const cells = rows[info.row] ?? [];
    const stem = headingStem(info.key);
    if (
      stem !== '' &&
      below.length > stem.length &&
      below.startsWith(stem) &&
      /^[.,\-_ ]/.test(below.slice(stem.length)) &&
      isHeadingLike(info.question, KEYED_HEADING_WORDS) &&
      !cells.some((value, c) => value !== '' && !mapped.has(c))
    ) {
      info.kind = 'heading';
      info.heading = info.question;
    }
  }

  // Short lines without keys are headings, unless the whole sheet is made of them (a terse list).
  const candidates = infos.filter((info) => info.kind === 'headingCandidate');
  const itemCount = infos.filter((info) => info.kind === 'item').length;
  const candidatesAreItems = candidates.length > itemCount;
  for (const info of candidates) {
    info.kind = candidatesAreItems ? 'item' : 'heading';
  }

  const items: QuestionnaireItem[] = [];
  const excludedBy = new Map<string, number>();
  const generated: number[] = [];
  const missingKeys: number[] = [];
  const keyRows = new Map<string, number[]>();
  let currentSection = header.title ?? '';
  for (const info of infos) {
    if (info.kind === 'heading') {
      currentSection = info.heading;
    }
    if (info.kind !== 'item') {
      const label = EXCLUSION_LABELS[info.kind as keyof typeof EXCLUSION_LABELS];
      excludedBy.set(label, (excludedBy.get(label) ?? 0) + 1);
      continue;
    }
    const rowNumber = info.row + 1;
    let key = info.key;
    if (key === '') {
      key = `R${rowNumber}`;
      (keyCol === undefined ? generated : missingKeys).push(rowNumber);
    } else if (key.length > limits.maxKeyLength) {
      throw new QuestionnaireError(
        `key is ${key.length} characters long, more than the limit of ${limits.maxKeyLength}`,
        { file, row: rowNumber, column: columnLetter(keyCol ?? 0) }
      );
    }
    const seenAt = keyRows.get(key);
    if (seenAt) {
      seenAt.push(rowNumber);
    } else {
      keyRows.set(key, [rowNumber]);
    }
    const typed = inferType(
      cell(info.row, header.responseType),
      cell(info.row, header.choices),
      cell(info.row, header.answer),
      header.answerChoices
    );
    items.push({
      key,
      section: info.section !== '' ? info.section : currentSection,
      question: info.question,
      responseType: typed.responseType,
      choices: typed.choices,
      order: items.length,
      origin: `${sheetName}!${columnLetter(header.question)}${rowNumber}`
    });
  }

  const rowKeys = (rowNumbers: readonly number[]): string =>
    rowNumbers
      .slice(0, 3)
      .map((row) => `R${row}`)
      .join(', ') + (rowNumbers.length > 3 ? ', ...' : '');
  if (generated.length > 0) {
    warnings.push(
      `sheet '${sheetName}' has no key column: keys were generated from row numbers (${rowKeys(generated)})`
    );
  }
  if (missingKeys.length > 0) {
    warnings.push(
      `${plural(missingKeys.length, 'question row')} had no key in column ${columnLetter(keyCol ?? 0)}: ` +
        `keys generated from row numbers (${rowKeys(missingKeys)})`
    );
  }
  const duplicates = [...keyRows].filter(([, at]) => at.length > 1);
  if (duplicates.length > 0) {
    warnings.push(
      `${plural(duplicates.length, 'key appears', 'keys appear')} more than once: ${duplicates
        .slice(0, 5)
        .map(([key, at]) => `'${key}' (rows ${at.join(', ')})`)
        .join('; ')}${duplicates.length > 5 ? '...' : ''}`
    );
  }
  const excluded = [...excludedBy.values()].reduce((sum, count) => sum + count, 0);
  if (excluded > 0) {
    warnings.push(
      `${plural(excluded, 'row')} excluded as not questions: ${[...excludedBy]
        .map(([label, count]) => `${count} ${label}`)
        .join(', ')}`
    );
  }
  if (items.length === 0) {
    warnings.push(`sheet '${sheetName}' has a header on row ${header.row + 1} but no question rows below it`);
  }
  if ((grid.unsavedFormulas ?? 0) > 0) {
    warnings.push(unsavedFormulasNote(sheetName, grid.unsavedFormulas ?? 0));
  }
  const layout: SheetLayout = {
    headerRow: header.row,
    question: header.question,
    ...(keyCol === undefined ? {} : { key: keyCol }),
    ...(header.section === undefined ? {} : { section: header.section }),
    ...(header.answer === undefined ? {} : { answer: header.answer }),
    ...(header.responseType === undefined ? {} : { responseType: header.responseType }),
    ...(header.choices === undefined ? {} : { choices: header.choices }),
    ...(header.comments === undefined ? {} : { comments: header.comments })
  };
  return {
    format,
    ...(format === 'xlsx' ? { sheet: sheetName } : {}),
    items,
    excluded,
    warnings,
    layout
  };
}

/** A column without a header just left of the questions, holding key-like values on most question rows. */
function unsavedFormulasNote(sheet: string, count: number): string {
  const [holds, reads] =
    count === 1
      ? ['holds a formula whose result was', 'it reads']
      : ['hold formulas whose results were', 'they read'];
  return (
    `${plural(count, 'cell')} of sheet '${sheet}' ${holds} never saved (the file was written by a program, ` +
    `not saved by a spreadsheet), so ${reads} as empty: open the file in Excel or LibreOffice, save it, and ` +
    'import it again'
  );
}

/** Share of a column's filled cells below the header that read like questions, and of those that look like keys. */
function columnContent(
  rows: readonly string[][],
  header: HeaderColumns,
  col: number
): { questions: number; keys: number } {
  let filled = 0;
  let questions = 0;
  let keys = 0;
  for (let r = header.row + 1; r < rows.length; r++) {
    const value = rows[r]?.[col] ?? '';
    if (value !== '') {
      filled++;
      if (isQuestionLike(value)) questions++;
      if (looksLikeKey(value) || value.length <= 6) keys++;
    }
  }
  return filled === 0 ? { questions: 0, keys: 0 } : { questions: questions / filled, keys: keys / filled };
}

/**
 * The header names the question column, but its content decides between candidates: another column also
 * headed as questions (`Question`, `Question Text`), or the unlabelled column right of it when the header
 * cell spans both (a `Question` header merged over the number and the text). The column whose cells read
 * most like questions wins; the one it replaces becomes the key column when it holds keys and there is none.
 */
function refineQuestionColumn(
  rows: readonly string[][],
  header: HeaderColumns,
  warnings: string[]
): HeaderColumns {
  const headerCells = rows[header.row] ?? [];
  const candidates = new Set<number>();
  headerCells.forEach((cell, col) => {
    if (col !== header.question && classifyHeader(cell)?.role === 'question') candidates.add(col);
  });
  if ((headerCells[header.question + 1] ?? '') === '') candidates.add(header.question + 1);
  const current = columnContent(rows, header, header.question);
  let best = header.question;
  let bestShare = current.questions;
  for (const col of candidates) {
    const share = columnContent(rows, header, col).questions;
    if (share >= bestShare + 0.3) {
      best = col;
      bestShare = share;
    }
  }
  if (best === header.question) {
    return header;
  }
  const key = header.key ?? (current.keys >= 0.6 ? header.question : undefined);
  warnings.push(
    `column ${columnLetter(best)} holds the questions (column ${columnLetter(header.question)}, also headed as ` +
      `questions, ${key === header.question ? 'holds their keys' : 'does not'})`
  );
  return { ...header, question: best, key };
}

function impliedKeyColumn(
  rows: readonly string[][],
  header: HeaderColumns,
  warnings: string[]
): number | undefined {
  const headerCells = rows[header.row] ?? [];
  for (let col = header.question - 1; col >= 0; col--) {
    if ((headerCells[col] ?? '') !== '') {
      return undefined;
    }
    let questions = 0;
    let keys = 0;
    for (let r = header.row + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      if ((row[header.question] ?? '') !== '') {
        questions++;
        if (looksLikeKey(row[col] ?? '')) {
          keys++;
        }
      }
    }
    if (questions > 0 && keys >= Math.max(1, 0.6 * questions)) {
      warnings.push(
        `column ${columnLetter(col)} has no header but holds keys: it was used as the key column`
      );
      return col;
    }
    if (keys > 0) {
      return undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// VSAQ
// ---------------------------------------------------------------------------------------------------

const VSAQ_ANSWERABLE = new Set('line box radiogroup checkgroup yesno check radio upload'.split(' '));
const VSAQ_CONTENT = new Set(['info', 'tip', 'spacer']);
const VSAQ_MAX_DEPTH = 64;
const DEFAULT_CHOICE = 'None of the above.';

const ENTITIES: ReadonlyMap<string, string> = mapOf({
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  rsquo: '\u2019',
  lsquo: '\u2018',
  rdquo: '\u201d',
  ldquo: '\u201c',
  bull: '\u2022',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122'
});

/** VSAQ text is HTML: tags removed (block tags become line breaks), entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(?:br|\/p|\/li|\/ul|\/ol|\/div|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<\s*li\b[^>]*>/gi, '\n- ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
          ? String.fromCodePoint(code)
          : entity;
      }
      return ENTITIES.get(name.toLowerCase()) ?? entity;
    })
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

interface VsaqState {
  readonly file: string | undefined;
  readonly source: string;
  readonly items: QuestionnaireItem[];
  readonly pending: { index: number; choiceIds: string[]; pointer: string }[];
  readonly explicitIds: Map<string, string>;
  excluded: number;
  conditional: string[];
  untitled: number;
  unknownTypes: Map<string, number>;
}

/**
 * Reads Google's VSAQ questionnaire JSON (`{"questionnaire": [blocks]}`): walks nested blocks, takes
 * every answerable item (line, box, radiogroup, checkgroup, yesno, check, radio, upload) with its id as
 * key and the enclosing block's title as section, and counts info, tip and spacer nodes as excluded.
 * Conditional items (`cond`, on the item or a block above it) stay answerable and are noted in warnings.
 * Groups without an id (VSAQ allows them: each choice has its own id) get the common prefix of their
 * choice ids as key.
 */
export function parseVsaq(json: unknown, options: VsaqOptions = {}): ParsedQuestionnaire {
  const file = options.file;
  let data: unknown = json;
  if (typeof json === 'string') {
    const maxBytes = resolveLimits(options).maxBytes;
    checkTextSize(json, maxBytes, file, 'JSON file');
    const text = json.charCodeAt(0) === 0xfeff ? json.slice(1) : json;
    if (text.trim() === '') {
      throw new QuestionnaireError('the file is empty: expected VSAQ questionnaire JSON', { file });
    }
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw jsonError(error, text, file);
    }
  }
  const roots = isRecord(data) ? data.questionnaire : Array.isArray(data) ? data : undefined;
  if (!Array.isArray(roots)) {
    throw new QuestionnaireError(
      "not a VSAQ questionnaire: expected an object with a 'questionnaire' list of blocks",
      { file }
    );
  }
  const state: VsaqState = {
    file,
    source: file ?? 'vsaq',
    items: [],
    pending: [],
    explicitIds: new Map(),
    excluded: 0,
    conditional: [],
    untitled: 0,
    unknownTypes: new Map()
  };
  walkVsaq(roots, isRecord(data) ? '#/questionnaire' : '#', '', false, 0, state);
  const warnings: string[] = [];
  assignDerivedKeys(state, warnings);
  const duplicates = [...countValues(state.items.map((item) => item.key))].filter(([, count]) => count > 1);
  if (duplicates.length > 0) {
    warnings.push(`duplicate item ids: ${quoteList(duplicates.map(([key]) => key))}`);
  }
  if (state.conditional.length > 0) {
    warnings.push(
      `${plural(state.conditional.length, 'item is', 'items are')} shown only under a condition (cond), ` +
        `e.g. ${quoteList(state.conditional, 3)}: imported as answerable items`
    );
  }
  if (state.untitled > 0) {
    warnings.push(
      `${plural(state.untitled, 'item')} had no text: the question was taken from the text just before it`
    );
  }
  if (state.unknownTypes.size > 0) {
    warnings.push(
      `unknown item types skipped: ${[...state.unknownTypes].map(([type, count]) => `${type} (${count})`).join(', ')}`
    );
  }
  if (state.items.length === 0) {
    warnings.push('the questionnaire has no answerable items');
  }
  return { format: 'vsaq', items: state.items, excluded: state.excluded, warnings };
}

function countValues(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function jsonError(error: unknown, text: string, file: string | undefined): QuestionnaireError {
  const index = jsonErrorIndex(text);
  if (index < 0) {
    const reason = error instanceof Error ? error.message : String(error);
    return new QuestionnaireError(`invalid JSON: ${reason}`, { file });
  }
  const before = text.slice(0, index);
  const line = lineAt(text, index);
  const column = index - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const found =
    index >= text.length
      ? 'the file ends too early'
      : `unexpected ${JSON.stringify(text.slice(index, index + 12))}`;
  return new QuestionnaireError(`invalid JSON: ${found}`, { file, line, column: String(column) });
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * Where JSON text first goes wrong (its length when it ends too early), or -1 when it is valid.
 * JavaScript engines do not all report a position, so the import locates the error itself.
 */
export function jsonErrorIndex(text: string): number {
  const stack: string[] = [];
  let i = 0;
  const skip = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) {
      i++;
    }
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c === 92) {
        JSON_ESCAPE.lastIndex = i;
        if (!JSON_ESCAPE.test(text)) {
          return false;
        }
        i = JSON_ESCAPE.lastIndex;
      } else {
        i++;
      }
    }
    return false;
  };
  const key = (): boolean => {
    skip();
    if (text.charAt(i) !== '"' || !string()) {
      return false;
    }
    skip();
    if (text.charAt(i) !== ':') {
      return false;
    }
    i++;
    return true;
  };
  for (;;) {
    // One value.
    skip();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      i++;
      skip();
      if (text.charAt(i) !== (c === '{' ? '}' : ']')) {
        stack.push(c);
        if (c === '{' && !key()) {
          return i;
        }
        continue;
      }
      i++;
    } else if (c === '"') {
      if (!string()) {
        return i;
      }
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
      i += 4;
    } else if (text.startsWith('false', i)) {
      i += 5;
    } else {
      JSON_NUMBER.lastIndex = i;
      if (!JSON_NUMBER.test(text)) {
        return i;
      }
      i = JSON_NUMBER.lastIndex;
    }
    // What follows it: closing brackets, then a comma before the next member, or the end.
    for (;;) {
      skip();
      const container = stack[stack.length - 1];
      if (container === undefined) {
        return i < text.length ? i : -1;
      }
      const next = text.charAt(i);
      if (next === (container === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      if (next !== ',') {
        return i;
      }
      i++;
      if (container === '{' && !key()) {
        return i;
      }
      break;
    }
  }
}

function walkVsaq(
  nodes: readonly unknown[],
  pointer: string,
  section: string,
  conditional: boolean,
  depth: number,
  state: VsaqState
): void {
  if (depth > VSAQ_MAX_DEPTH) {
    throw new QuestionnaireError(`blocks are nested more than ${VSAQ_MAX_DEPTH} levels deep at ${pointer}`, {
      file: state.file
    });
  }
  let previousText = section;
  nodes.forEach((node, index) => {
    const at = `${pointer}/${index}`;
    if (!isRecord(node) || typeof node.type !== 'string') {
      throw new QuestionnaireError(`expected an item with a 'type' at ${at}`, { file: state.file });
    }
    const text = typeof node.text === 'string' ? htmlToText(node.text) : '';
    const isConditional = conditional || (typeof node.cond === 'string' && node.cond.trim() !== '');
    const type = node.type;
    if (type === 'block') {
      const children = node.items ?? [];
      if (!Array.isArray(children)) {
        throw new QuestionnaireError(`the 'items' of the block at ${at} is not a list`, { file: state.file });
      }
      walkVsaq(children, `${at}/items`, text !== '' ? text : section, isConditional, depth + 1, state);
      return;
    }
    if (VSAQ_ANSWERABLE.has(type)) {
      addVsaqItem(
        node,
        type,
        at,
        section,
        text !== '' ? text : previousText,
        text === '',
        isConditional,
        state
      );
    } else {
      state.excluded++;
      if (!VSAQ_CONTENT.has(type)) {
        state.unknownTypes.set(type, (state.unknownTypes.get(type) ?? 0) + 1);
      }
    }
    if (text !== '') {
      previousText = text;
    }
  });
}

function addVsaqItem(
  node: Record<string, unknown>,
  type: string,
  at: string,
  section: string,
  question: string,
  untitled: boolean,
  conditional: boolean,
  state: VsaqState
): void {
  const { choices, choiceIds } = vsaqChoices(node, type, at, state.file);
  const rawId = node.id;
  const id =
    typeof rawId === 'string' && rawId.trim() !== '' ? rawId : typeof rawId === 'number' ? String(rawId) : '';
  if (id === '' && choiceIds.length === 0) {
    throw new QuestionnaireError(`the ${type} item at ${at} has no id`, { file: state.file });
  }
  if (untitled) {
    state.untitled++;
  }
  const index = state.items.length;
  if (id === '') {
    state.pending.push({ index, choiceIds, pointer: at });
  } else {
    state.explicitIds.set(id, at);
  }
  if (conditional) {
    state.conditional.push(id !== '' ? id : at);
  }
  state.items.push({
    key: id,
    section,
    question,
    responseType: vsaqResponseType(type, choices),
    choices,
    order: index,
    origin: `${state.source}${at}`
  });
}

function vsaqChoices(
  node: Record<string, unknown>,
  type: string,
  at: string,
  file: string | undefined
): { choices: string[]; choiceIds: string[] } {
  if (type === 'yesno') {
    const yes = typeof node.yes === 'string' ? htmlToText(node.yes) : '';
    const no = typeof node.no === 'string' ? htmlToText(node.no) : '';
    return { choices: [yes !== '' ? yes : 'Yes', no !== '' ? no : 'No'], choiceIds: [] };
  }
  if (type === 'check' || type === 'radio') {
    return { choices: ['Yes', 'No'], choiceIds: [] };
  }
  if (type !== 'radiogroup' && type !== 'checkgroup') {
    return { choices: [], choiceIds: [] };
  }
  const raw = node.choices;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new QuestionnaireError(`the ${type} item at ${at} has no 'choices' list`, { file });
  }
  const choices: string[] = [];
  const choiceIds: string[] = [];
  raw.forEach((choice: unknown, index) => {
    if (typeof choice === 'string') {
      choices.push(htmlToText(choice));
      return;
    }
    const entries = isRecord(choice) ? Object.entries(choice) : [];
    const [first] = entries;
    if (!first || typeof first[1] !== 'string') {
      throw new QuestionnaireError(`choice ${index + 1} of the ${type} item at ${at} is not {"id": "text"}`, {
        file
      });
    }
    choiceIds.push(first[0]);
    choices.push(htmlToText(first[1]));
  });
  if (node.defaultChoice === true) {
    choices.push(DEFAULT_CHOICE);
  }
  return { choices, choiceIds };
}

function vsaqResponseType(type: string, choices: readonly string[]): ResponseType {
  switch (type) {
    case 'checkgroup':
      return 'Multiple Choice';
    case 'radiogroup':
      return isYesNoLabels(choices) ? 'Yes/No' : 'Single Choice';
    case 'yesno':
    case 'check':
    case 'radio':
      return 'Yes/No';
    default:
      return 'Text';
  }
}

/** Radio labels that answer yes or no ("Yes, we have...", "No, we do not..."), N/A allowed. */
function isYesNoLabels(choices: readonly string[]): boolean {
  const firstWords = choices.map((choice) =>
    (/^[^A-Za-z]*([A-Za-z]+(?:\/[A-Za-z]+)?)/.exec(choice)?.[1] ?? '').toLowerCase()
  );
  return (
    choices.length >= 2 &&
    choices.length <= 3 &&
    firstWords.includes('yes') &&
    firstWords.includes('no') &&
    firstWords.every((word) => word === 'yes' || word === 'no' || NA_VARIANTS.has(word))
  );
}

/** Keys for groups without an id: the longest `_`-separated prefix their choice ids share. */
function assignDerivedKeys(state: VsaqState, warnings: string[]): void {
  if (state.pending.length === 0) {
    return;
  }
  const taken = new Set(state.explicitIds.keys());
  const derived: string[] = [];
  for (const pending of state.pending) {
    const base = commonIdPrefix(pending.choiceIds);
    let key = base;
    for (let suffix = 2; taken.has(key); suffix++) {
      key = `${base}_${suffix}`;
    }
    taken.add(key);
    derived.push(key);
    const item = state.items[pending.index] as QuestionnaireItem;
    state.items[pending.index] = { ...item, key };
    const conditionalIndex = state.conditional.indexOf(pending.pointer);
    if (conditionalIndex >= 0) {
      state.conditional[conditionalIndex] = key;
    }
  }
  warnings.push(
    `${plural(derived.length, 'choice group has', 'choice groups have')} no id: keys derived from their ` +
      `choice ids (${quoteList(derived, 3)})`
  );
}

function commonIdPrefix(ids: readonly string[]): string {
  const split = ids.map((id) => id.split('_'));
  const first = split[0] ?? [];
  let length = first.length;
  for (const parts of split.slice(1)) {
    let same = 0;
    while (same < length && same < parts.length && parts[same] === first[same]) {
      same++;
    }
    length = same;
  }
  if (ids.length === 1) {
    return ids[0] ?? '';
  }
  return length > 0 ? first.slice(0, length).join('_') : ids.join('+');
}

// ---------------------------------------------------------------------------------------------------
// One entry point
// ---------------------------------------------------------------------------------------------------

const CSV_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);
const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls', 'xlsb', 'ods']);

/**
 * Imports a questionnaire file: VSAQ for `.json` (or JSON content), CSV for `.csv`/`.tsv`/`.txt`, a
 * workbook's grids for `.xlsx` and friends (read them first with SheetJS and `gridsFromWorkbook`).
 */
export function parseQuestionnaire(
  input: QuestionnaireInput,
  options: ParseOptions = {}
): ParsedQuestionnaire {
  if (!isRecord(input)) {
    throw new QuestionnaireError('nothing to import: expected a file name with its text or sheets');
  }
  const file = typeof input.fileName === 'string' && input.fileName !== '' ? input.fileName : undefined;
  const format = options.format ?? detectFormat(input, file);
  if (format === 'vsaq' || format === 'csv') {
    if (typeof input.text !== 'string') {
      throw new QuestionnaireError(`the file's text is needed to read it as ${format.toUpperCase()}`, {
        file
      });
    }
    const parsed =
      format === 'vsaq'
        ? parseVsaq(input.text, { file, maxBytes: options.maxBytes })
        : extractItems(parseCsv(input.text, { ...options, file }), { ...options, file, format: 'csv' });
    return input.encoding === 'windows-1252'
      ? {
          ...parsed,
          warnings: [
            'the file is not UTF-8: it was read as Windows-1252 (Western European); check accented letters, ' +
              'or save it as "CSV UTF-8"',
            ...parsed.warnings
          ]
        }
      : parsed;
  }
  if (!Array.isArray(input.grids)) {
    throw new QuestionnaireError(
      "the workbook's sheets are needed: read the file with SheetJS and gridsFromWorkbook first",
      { file }
    );
  }
  if (input.sheet === ALL_SHEETS) {
    return extractAllSheets(input.grids, { ...options, file, format: 'xlsx' });
  }
  const grid = chooseSheet(input.grids, input.sheet, { file });
  const parsed = extractItems(grid, { ...options, file, format: 'xlsx' });
  const others =
    input.sheet === undefined || input.sheet === '' ? otherQuestionSheets(input.grids, grid) : [];
  if (others.length === 0) {
    return parsed;
  }
  return {
    ...parsed,
    warnings: [
      ...parsed.warnings,
      `only sheet '${grid.name}' was read; ${others.length === 1 ? 'sheet' : 'sheets'} ${quoteList(others, 10)} ` +
        `also ${others.length === 1 ? 'holds' : 'hold'} questions: choose all sheets to import them together`
    ]
  };
}

/**
 * Every visible sheet with a header row and at least one question, read one after the other as one
 * questionnaire: the items keep their order (sheet by sheet), a sheet's name is the section of items that
 * have none, and a key that two sheets share is prefixed with its sheet (`Product!GNRL-01`). There is no
 * sheet layout to write answers back to, since there are several sheets.
 */
function extractAllSheets(grids: readonly Grid[], options: ExtractOptions): ParsedQuestionnaire {
  const candidates = grids.filter((grid) => grid.hidden !== true && sheetFitness(grid).header);
  const parts: { sheet: string; parsed: ParsedQuestionnaire }[] = [];
  for (const grid of candidates) {
    const parsed = extractItems(grid, { ...options, format: 'xlsx' });
    if (parsed.items.length > 0) {
      parts.push({ sheet: grid.name, parsed });
    }
  }
  if (parts.length === 0) {
    throw new QuestionnaireError(
      `no sheet holds questions: the workbook has ${quoteList(
        grids.map((grid) => grid.name),
        50
      )}`,
      { file: options.file }
    );
  }
  const keyCount = countValues(parts.flatMap((part) => part.parsed.items.map((item) => item.key)));
  const items: QuestionnaireItem[] = [];
  for (const { sheet, parsed } of parts) {
    for (const item of parsed.items) {
      items.push({
        ...item,
        key: (keyCount.get(item.key) ?? 0) > 1 ? `${sheet}!${item.key}` : item.key,
        section: item.section === '' ? sheet : item.section,
        order: items.length
      });
    }
  }
  const excluded = parts.reduce((sum, part) => sum + part.parsed.excluded, 0);
  const skipped = grids.length - parts.length;
  return {
    format: 'xlsx',
    sheet: ALL_SHEETS,
    items,
    excluded,
    warnings: [
      `read ${plural(parts.length, 'sheet')} (${quoteList(
        parts.map((part) => part.sheet),
        20
      )})${skipped > 0 ? `; ${plural(skipped, 'other sheet')} without questions or hidden` : ''}`,
      ...parts.flatMap((part) => part.parsed.warnings.map((warning) => `${part.sheet}: ${warning}`))
    ]
  };
}

function detectFormat(input: QuestionnaireInput, file: string | undefined): 'csv' | 'xlsx' | 'vsaq' {
  const extension = file === undefined ? '' : extensionOf(file);
  if (extension === 'json') {
    return 'vsaq';
  }
  if (CSV_EXTENSIONS.has(extension)) {
    return 'csv';
  }
  if (WORKBOOK_EXTENSIONS.has(extension) || (Array.isArray(input.grids) && typeof input.text !== 'string')) {
    return 'xlsx';
  }
  if (typeof input.text === 'string') {
    const first = /^\uFEFF?\s*(\S)/.exec(input.text.slice(0, 1024));
    return first?.[1] === '{' || first?.[1] === '[' ? 'vsaq' : 'csv';
  }
  throw new QuestionnaireError(
    `cannot tell the format of '${file ?? 'the file'}': use .csv, .xlsx or .json (VSAQ)`,
    { file }
  );
}
