import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import * as XLSX from '@e965/xlsx';
import { exportRows, fillSheet, isFormulaLike, writeXlsx, type SheetJsWriter } from 'c/questionnaireExport';
import { gridsFromWorkbook, parseQuestionnaire, sheetJsReadOptions } from 'c/questionnaireParser';
import { projectRoot } from '../lib/diagnostics';
import { readWorkbook } from '../lib/readWorkbook';

/**
 * The SheetJS static resource the questionnaire workspace loads is the installed package's own browser build,
 * byte for byte, so upgrading `@e965/xlsx` without refreshing the resource (or the other way round) fails here.
 * It is then run the way the browser runs it (a script that sets `window.XLSX`) to prove that this build reads
 * what buyers send and writes what the export produces.
 */

const root = projectRoot();
const resourceDir = path.join(root, 'force-app/main/default/staticresources');
const resourceFile = path.join(resourceDir, 'SheetJS.js');
const resourceMeta = path.join(resourceDir, 'SheetJS.resource-meta.xml');
const packageDir = path.join(root, 'node_modules/@e965/xlsx');
const browserBuild = path.join(packageDir, 'dist/xlsx.mini.min.js');

interface PackageJson {
  readonly version: string;
  readonly license: string;
}

const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PackageJson;

/** Runs the static resource as a browser script and returns what it put on `window`. */
function loadStaticResource(): SheetJsLibrary {
  const window: { XLSX?: SheetJsLibrary } = {};
  const context = vm.createContext({ window, self: window });
  vm.runInContext(fs.readFileSync(resourceFile, 'utf8'), context, { filename: 'SheetJS.js' });
  if (!window.XLSX) {
    throw new Error('the static resource did not set window.XLSX');
  }
  return window.XLSX;
}

/** A CAIQ-like workbook: an introduction sheet, then the questions with merged domain cells and a notes column. */
function buyerWorkbook(): Uint8Array {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    book,
    XLSX.utils.aoa_to_sheet([['Read me first'], ['Answer every question.']]),
    'Intro'
  );
  const questions = XLSX.utils.aoa_to_sheet([
    ['Consensus Assessments Initiative Questionnaire v4.0.3'],
    ['Control Domain', 'Question ID', 'Question', 'CSP CAIQ Answer', 'Comments'],
    ['Audit & Assurance', 'A&A-01.1', 'Are audit and assurance policies established?', '', ''],
    ['', 'A&A-02.1', 'Are independent audits conducted at least annually?', '', ''],
    ['Application Security', 'AIS-01.1', 'Are application security policies documented?', '', '']
  ]);
  questions['!merges'] = [{ s: { r: 2, c: 0 }, e: { r: 3, c: 0 } }];
  XLSX.utils.book_append_sheet(book, questions, 'CAIQv4.0.3');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('the SheetJS static resource', () => {
  it('is byte-identical to the browser build of the installed @e965/xlsx', () => {
    const shipped = fs.readFileSync(resourceFile);
    const expected = fs.readFileSync(browserBuild);
    expect(shipped.length).toBe(expected.length);
    expect(shipped.equals(expected)).toBe(true);
  });

  it('describes the installed version and its licence, and is served as public JavaScript', () => {
    const meta = fs.readFileSync(resourceMeta, 'utf8');
    expect(installed.license).toBe('Apache-2.0');
    expect(meta).toContain(`SheetJS ${installed.version}`);
    expect(meta).toContain('Apache-2.0');
    expect(meta).toContain('<contentType>application/javascript</contentType>');
    expect(meta).toContain('<cacheControl>Public</cacheControl>');
  });

  it('loads as a browser script and reports the installed version', () => {
    expect(loadStaticResource().version).toBe(installed.version);
  });

  it("reads a buyer's workbook and writes the answers back into the buyer's columns", () => {
    const sheetJs = loadStaticResource();
    const workbook = sheetJs.read(buyerWorkbook(), { ...sheetJsReadOptions(), type: 'array' });
    const grids = gridsFromWorkbook(workbook, { file: 'caiq.xlsx' });
    const parsed = parseQuestionnaire({ fileName: 'caiq.xlsx', grids });
    expect(parsed.sheet).toBe('CAIQv4.0.3');
    expect(parsed.items.map((item) => item.key)).toEqual(['A&A-01.1', 'A&A-02.1', 'AIS-01.1']);

    const grid = grids.find((candidate) => candidate.name === parsed.sheet);
    if (!grid) throw new Error('sheet not found');
    const filled = fillSheet(grid, parsed, [
      { key: 'A&A-01.1', order: 0, answer: 'Yes. Reviewed every year.', shortAnswer: 'Yes' },
      { key: 'AIS-01.1', order: 2, answer: "=cmd|' /C calc'!A0", shortAnswer: null }
    ]);
    const bytes = writeXlsx(sheetJs, [filled]);

    const [back] = readWorkbook(bytes, { file: 'answered.xlsx' });
    expect(back?.name).toBe('CAIQv4.0.3');
    expect(back?.rows[2]?.slice(1)).toEqual([
      'A&A-01.1',
      'Are audit and assurance policies established?',
      'Yes',
      'Yes. Reviewed every year.'
    ]);
    expect(back?.rows[3]?.[3] ?? '').toBe('');
    expect(back?.rows[4]?.[3]).toBe("'=cmd|' /C calc'!A0");
    expect(back?.merges).toEqual([{ startRow: 2, startCol: 0, endRow: 3, endCol: 0 }]);

    // Text cells only: nothing in the file is a formula.
    const written = XLSX.read(bytes, { type: 'array', cellFormula: true });
    const sheet = written.Sheets['CAIQv4.0.3'] ?? {};
    const cells = Object.entries(sheet).filter(([address]) => !address.startsWith('!'));
    expect(cells.length).toBeGreaterThan(10);
    for (const [, cell] of cells) {
      const value = cell as XLSX.CellObject;
      expect(value.f).toBeUndefined();
      expect(value.t).toBe('s');
      expect(isFormulaLike(String(value.v))).toBe(false);
    }
  });

  it('the npm package fits the writer the export needs, for the CLI', () => {
    const writer: SheetJsWriter = XLSX;
    const bytes = writeXlsx(writer, [{ name: 'Answers', rows: exportRows([]) }]);
    const [grid] = readWorkbook(bytes);
    expect(grid?.rows).toEqual([['Key', 'Section', 'Question', 'Short answer', 'Answer']]);
  });
});
