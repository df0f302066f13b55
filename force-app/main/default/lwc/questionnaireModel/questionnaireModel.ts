/**
 * The shapes shared by questionnaire import, auto-answer and export: one contract for the
 * parsers, the matching engine, the CLI, the workspace component and the local preview.
 */

/** How an item expects to be answered. Mirrors Questionnaire_Item__c.Response_Type__c. */
export type ResponseType = 'Yes/No' | 'Single Choice' | 'Multiple Choice' | 'Text' | 'Number' | 'Date';

/** One question as it arrived from the buyer. */
export interface QuestionnaireItem {
  /** The buyer's own key, kept verbatim (e.g. `A&A-01.1`, `HLAD-04`, `vsaq.webapp.csrf`). */
  readonly key: string;
  /** Section or heading the item sits under; '' when the source has none. */
  readonly section: string;
  readonly question: string;
  readonly responseType: ResponseType;
  /** Allowed answers for choice items, in the source's order. */
  readonly choices: readonly string[];
  /** Position in the source (0-based), so exports keep the original order. */
  readonly order: number;
  /** Where it came from, for messages: e.g. `Sheet1!B14` or `webapp.json#/items/3`. */
  readonly origin: string;
}

/** What a parser returns. */
export interface ParsedQuestionnaire {
  readonly format: 'csv' | 'xlsx' | 'vsaq';
  /** The sheet read, for spreadsheets. */
  readonly sheet?: string;
  readonly items: readonly QuestionnaireItem[];
  /** Rows or nodes that were not questions (headings, instructions, contact details, blanks). */
  readonly excluded: number;
  /** Non-fatal observations, e.g. "3 rows had no key: keys generated from row numbers". */
  readonly warnings: readonly string[];
  /** Spreadsheets only: where the header and the mapped columns are (0-based), to write answers back. */
  readonly layout?: SheetLayout;
}

/** The header row and the columns a spreadsheet parser mapped (0-based indexes). */
export interface SheetLayout {
  readonly headerRow: number;
  readonly question: number;
  readonly key?: number;
  readonly section?: number;
  readonly answer?: number;
  readonly responseType?: number;
  readonly choices?: number;
  readonly comments?: number;
}

/** A problem that stops an import, located precisely. */
export class QuestionnaireError extends Error {
  readonly file?: string;
  /** 1-based spreadsheet row (CSV record, sheet row). */
  readonly row?: number;
  /** Spreadsheet column letter (`C`) or, for text formats, the 1-based character column. */
  readonly column?: string;
  /** 1-based line of a text file (JSON), when the problem is located by line rather than by row. */
  readonly line?: number;

  constructor(
    message: string,
    location: { file?: string; row?: number; line?: number; column?: string } = {}
  ) {
    const where = [
      location.file,
      location.row === undefined ? undefined : `row ${location.row}`,
      location.line === undefined ? undefined : `line ${location.line}`,
      location.column === undefined ? undefined : `column ${location.column}`
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    super(where === '' ? message : `${where}: ${message}`);
    this.name = 'QuestionnaireError';
    this.file = location.file;
    this.row = location.row;
    this.line = location.line;
    this.column = location.column;
  }
}

/** One approved answer in the library. Mirrors Answer_Library_Entry__c. */
export interface LibraryEntry {
  readonly id: string;
  readonly question: string;
  readonly alternates?: readonly string[];
  readonly answer: string;
  readonly criteria?: readonly string[];
  /** Absent means Approved (files given to the CLI hold approved answers only). */
  readonly status?: 'Draft' | 'Approved' | 'Needs Review' | 'Retired';
}

/** How far a match can be trusted. */
export type ConfidenceBand = 'high' | 'medium' | 'low' | 'none';

/** The answer proposed for one item. */
export interface MatchResult {
  readonly key: string;
  readonly section: string;
  readonly question: string;
  /** null when the engine abstains. */
  readonly entryId: string | null;
  /** Calibrated: the estimated probability that entryId is the right entry, 0..1. */
  readonly score: number;
  readonly band: ConfidenceBand;
  readonly answer: string | null;
}
