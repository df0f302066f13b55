import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../lib/diagnostics';
import { packageDir, walk } from '../lib/files';
import { changedText, paddedValues } from '../lib/xmlText';

const metadataFiles = walk(packageDir(), (file) => file.endsWith('-meta.xml') && !file.includes('__tests__'));

const formula = `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Period_End_After_Start</fullName>
    <description>Auditor "Example &amp; Partners".</description>
    <errorConditionFormula>AND(NOT(ISPICKVAL(Opinion__c, &quot;Pending&quot;)), End__c &lt;= Start__c)</errorConditionFormula>
</ValidationRule>
`;

interface FormatRequest {
  readonly file: string;
  readonly source: string;
  readonly overrides?: Record<string, unknown>;
}

/** Formats with the project's Prettier settings. Prettier is ESM-only inside Jest, so it runs in Node. */
function formatAll(requests: readonly FormatRequest[]): string[] {
  const program = `
    import * as prettier from 'prettier';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const out = [];
    for (const { file, source, overrides } of JSON.parse(input)) {
      const options = (await prettier.resolveConfig(file)) ?? {};
      out.push(await prettier.format(source, { ...options, ...overrides, filepath: file }));
    }
    process.stdout.write(JSON.stringify(out));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', program], {
    cwd: projectRoot(),
    input: JSON.stringify(requests),
    maxBuffer: 256 * 1024 * 1024
  });
  return JSON.parse(output.toString('utf8')) as string[];
}

describe('metadata formatting', () => {
  const sample = path.join(projectRoot(), 'force-app', 'sample.validationRule-meta.xml');
  const sources = metadataFiles.map((file) => fs.readFileSync(file, 'utf8'));
  const [formattedSample = '', mangled = '', ...formatted] = formatAll([
    { file: sample, source: formula },
    { file: sample, source: formula, overrides: { xmlWhitespaceSensitivity: 'ignore' } },
    ...metadataFiles.map((file, index) => ({ file, source: sources[index] ?? '' }))
  ]);

  it('keeps every text value of a formula byte for byte with the project settings', () => {
    expect(changedText(formula, formattedSample)).toEqual([]);
  });

  it('detects a formatter setting that rewrites formulas', () => {
    const changes = changedText(formula, mangled).map((change) => change.path);
    expect(changes).toContain('/ValidationRule[0]/errorConditionFormula[0]');
    expect(paddedValues(mangled)).toContain('/ValidationRule[0]/description[0]');
  });

  it.each(metadataFiles.map((file, index) => [path.relative(projectRoot(), file), index]))(
    '%s has no padded values and formats without changing them',
    (_name, index) => {
      const source = sources[index] ?? '';
      expect(paddedValues(source)).toEqual([]);
      expect(changedText(source, formatted[index] ?? '')).toEqual([]);
    }
  );
});
