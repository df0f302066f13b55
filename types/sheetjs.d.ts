/**
 * The part of SheetJS (static resource `SheetJS`, the 0.20.3 mini build) the questionnaire workspace uses once
 * `loadScript` has run it: `window.XLSX`. Reading hands the workbook to `gridsFromWorkbook` (c/questionnaireParser),
 * which checks its shape, so the workbook is typed only as far as this code reads it; writing goes through
 * `writeXlsx` (c/questionnaireExport), whose `SheetJsWriter` this type satisfies.
 */
interface SheetJsWorkbook {
  readonly SheetNames: string[];
  readonly Sheets: Record<string, Record<string, unknown>>;
}

interface SheetJsLibrary {
  readonly version: string;
  read(data: Uint8Array, options: Record<string, unknown> & { type: 'array' }): SheetJsWorkbook;
  write(workbook: object, options: { type: 'array'; bookType: 'xlsx'; compression?: boolean }): unknown;
  readonly utils: {
    book_new(): object;
    aoa_to_sheet(data: string[][]): Record<string, unknown>;
    book_append_sheet(workbook: object, worksheet: Record<string, unknown>, name?: string): unknown;
  };
}

interface Window {
  /** Set by the SheetJS static resource when it loads. */
  XLSX?: SheetJsLibrary;
}
