import * as XLSX from '@e965/xlsx';
import {
  DEFAULT_LIMITS,
  gridsFromWorkbook,
  sheetJsReadOptions,
  type Grid,
  type ParseLimits
} from 'c/questionnaireParser';
import { QuestionnaireError } from 'c/questionnaireModel';

/**
 * Reads an Excel workbook (.xlsx, .xlsm, .xls, .ods) in Node with SheetJS (@e965/xlsx, the maintained
 * 0.20 line without the CVEs of npm's `xlsx` 0.18) and returns one grid per sheet, in workbook order:
 * cell text as displayed (rich text flattened, dates as ISO 8601), merges from `!merges`. The browser
 * does the same with SheetJS loaded as a static resource and `gridsFromWorkbook`.
 *
 * Anything that is not a workbook, or is larger than the limits, fails with a QuestionnaireError.
 */
export function readWorkbook(data: Uint8Array, options: ParseLimits & { file?: string } = {}): Grid[] {
  const file = options.file;
  if (!(data instanceof Uint8Array)) {
    throw new QuestionnaireError('expected the bytes of a workbook', { file });
  }
  const maxBytes = options.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  if (data.length > maxBytes) {
    throw new QuestionnaireError(
      `the workbook is ${data.length} bytes, larger than the limit of ${maxBytes} bytes`,
      { file }
    );
  }
  if (!isZip(data) && !isCompoundFile(data)) {
    throw new QuestionnaireError(
      'not an Excel workbook: expected an .xlsx, .xlsm, .xls or .ods file (save CSV files as .csv)',
      { file }
    );
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(data, { ...sheetJsReadOptions(options), type: 'buffer' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuestionnaireError(
      `the workbook cannot be read (damaged, password-protected or not a spreadsheet): ${reason}`,
      { file }
    );
  }
  try {
    return gridsFromWorkbook(workbook, options);
  } catch (error) {
    if (error instanceof QuestionnaireError) {
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new QuestionnaireError(`the workbook's contents cannot be read: ${reason}`, { file });
  }
}

/** ZIP local file header: .xlsx, .xlsm, .ods. */
function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** OLE compound file: legacy .xls (and encrypted OOXML). */
function isCompoundFile(data: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return data.length >= magic.length && magic.every((byte, index) => data[index] === byte);
}
