/**
 * Google's VSAQ web application questionnaire (../shared/reference/questionnaires/vsaq) imported on a new
 * Security Questionnaire, auto-answered, one suggestion accepted, saved and exported: every answerable
 * item comes back once, in the questionnaire's order. Skipped, saying so, when the reference folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { neutralizeCell } from 'c/questionnaireExport';
import { parseVsaq } from 'c/questionnaireParser';
import type { PreviewFlow } from '../support/flow';
import { questionnaireRoundTrip } from '../support/questionnaireRoundTrip';

const VSAQ = path.resolve(__dirname, '../../../../shared/reference/questionnaires/vsaq/webapp.json');

const flow: PreviewFlow = {
  name: 'the VSAQ web application questionnaire is imported, auto-answered, accepted, saved and exported',
  skip: () => (fs.existsSync(VSAQ) ? undefined : `${VSAQ} is not present`),
  async run(context) {
    const { rows, acceptedKey } = await questionnaireRoundTrip(context, {
      path: VSAQ,
      name: 'webapp.json',
      format: 'VSAQ'
    });
    const expected = parseVsaq(JSON.parse(fs.readFileSync(VSAQ, 'utf8')) as unknown).items;
    const [header, ...body] = rows;
    expect(header?.[0]).toBe('Key');
    const keys = body.map((row) => row[0]);
    expect(keys).toHaveLength(expected.length);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(acceptedKey);
    const questionColumn = header?.indexOf('Question') ?? -1;
    expect(body.map((row) => row[questionColumn])).toEqual(
      expected.map((item) => neutralizeCell(item.question))
    );
  }
};

export default flow;
