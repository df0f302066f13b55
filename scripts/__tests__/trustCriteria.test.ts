import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { projectRoot } from '../lib/diagnostics';

/**
 * The 61 SOC 2 Trust Services Criteria shipped as `Trust_Criterion__mdt` records: the package's only source of
 * valid criterion ids, so a missing, duplicated or mislabelled record silently breaks the compliance gate.
 */

const customMetadataDir = path.join(projectRoot(), 'force-app', 'main', 'default', 'customMetadata');
const RECORD_PREFIX = 'Trust_Criterion.';
const RECORD_SUFFIX = '.md-meta.xml';

/** Series and how many criteria each has (2017 criteria, revised points of focus 2022), in standard order. */
const SERIES: readonly (readonly [string, number])[] = [
  ['CC1', 5],
  ['CC2', 3],
  ['CC3', 4],
  ['CC4', 2],
  ['CC5', 3],
  ['CC6', 8],
  ['CC7', 5],
  ['CC8', 1],
  ['CC9', 2],
  ['A1', 3],
  ['C1', 2],
  ['PI1', 5],
  ['P1', 1],
  ['P2', 1],
  ['P3', 2],
  ['P4', 3],
  ['P5', 2],
  ['P6', 7],
  ['P7', 1],
  ['P8', 1]
];

const EXPECTED_IDS = SERIES.flatMap(([series, count]) =>
  Array.from({ length: count }, (_, index) => `${series}.${index + 1}`)
);

const CATEGORY_BY_PREFIX: Readonly<Record<string, string>> = {
  CC: 'Security',
  A: 'Availability',
  C: 'Confidentiality',
  PI: 'Processing Integrity',
  P: 'Privacy'
};

interface CriterionRecord {
  readonly file: string;
  readonly developerName: string;
  readonly label: string;
  readonly values: ReadonlyMap<string, string>;
}

interface ParsedValue {
  field?: unknown;
  value?: unknown;
}

// Values are not trimmed, so text that a formatter wrapped onto its own lines is caught as stray whitespace.
const parser = new XMLParser({
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => name === 'values'
});

function textOf(node: unknown): string {
  if (typeof node === 'string') {
    return node;
  }
  if (typeof node === 'object' && node !== null && '#text' in node) {
    return String(node['#text']);
  }
  return '';
}

function readRecord(file: string): CriterionRecord {
  const parsed = parser.parse(fs.readFileSync(path.join(customMetadataDir, file), 'utf8')) as {
    CustomMetadata?: { label?: unknown; values?: ParsedValue[] };
  };
  const root = parsed.CustomMetadata;
  if (!root) {
    throw new Error(`${file} has no CustomMetadata root element`);
  }
  const values = new Map<string, string>();
  for (const entry of root.values ?? []) {
    values.set(textOf(entry.field).trim(), textOf(entry.value));
  }
  return {
    file,
    developerName: file.slice(RECORD_PREFIX.length, -RECORD_SUFFIX.length),
    label: textOf(root.label),
    values
  };
}

const records: CriterionRecord[] = fs
  .readdirSync(customMetadataDir)
  .filter((file) => file.startsWith(RECORD_PREFIX) && file.endsWith(RECORD_SUFFIX))
  .sort()
  .map(readRecord);

const value = (record: CriterionRecord, field: string): string => record.values.get(field) ?? '';
const criterionIds = records.map((record) => value(record, 'Criterion_Id__c'));

describe('Trust_Criterion__mdt records', () => {
  it('ships exactly the 61 SOC 2 criteria', () => {
    expect(EXPECTED_IDS).toHaveLength(61);
    expect(records).toHaveLength(61);
    expect([...criterionIds].sort()).toEqual([...EXPECTED_IDS].sort());
  });

  it('has unique criterion ids, each matching its record name', () => {
    expect(new Set(criterionIds).size).toBe(records.length);
    for (const record of records) {
      expect(record.developerName).toBe(value(record, 'Criterion_Id__c').replace('.', '_'));
    }
  });

  it.each(records.map((record) => [record.developerName, record] as const))(
    '%s has a label, category, series, sort order and short label',
    (_name, record) => {
      const id = value(record, 'Criterion_Id__c');
      const prefix = /^[A-Z]+/.exec(id)?.[0] ?? '';

      expect(record.label.startsWith(`${id} `)).toBe(true);
      expect(record.label.length).toBeLessThanOrEqual(40);
      expect(value(record, 'Category__c')).toBe(CATEGORY_BY_PREFIX[prefix]);
      expect(value(record, 'Series__c')).toBe(id.split('.')[0]);
      expect(value(record, 'Series_Label__c').length).toBeGreaterThan(0);
      expect(value(record, 'Series_Label__c').length).toBeLessThanOrEqual(80);
      expect(Number.isInteger(Number(value(record, 'Sort_Order__c')))).toBe(true);
      expect(Number(value(record, 'Sort_Order__c'))).toBeGreaterThan(0);
      expect(value(record, 'Short_Label__c').length).toBeGreaterThan(0);
      expect(value(record, 'Short_Label__c').length).toBeLessThanOrEqual(255);

      for (const [field, text] of record.values) {
        expect({ field, text }).toEqual({ field, text: text.trim() });
      }
    }
  );

  it('has unique sort orders that follow the standard order of the criteria', () => {
    const sortOrders = records.map((record) => Number(value(record, 'Sort_Order__c')));
    expect(new Set(sortOrders).size).toBe(records.length);

    const bySortOrder = [...records]
      .sort((a, b) => Number(value(a, 'Sort_Order__c')) - Number(value(b, 'Sort_Order__c')))
      .map((record) => value(record, 'Criterion_Id__c'));
    expect(bySortOrder).toEqual(EXPECTED_IDS);
  });

  it('gives every criterion of a series the same series label', () => {
    const labels = new Map<string, Set<string>>();
    for (const record of records) {
      const series = value(record, 'Series__c');
      labels.set(series, (labels.get(series) ?? new Set<string>()).add(value(record, 'Series_Label__c')));
    }
    for (const [series, seriesLabels] of labels) {
      expect({ series, labels: [...seriesLabels] }).toEqual({
        series,
        labels: [...seriesLabels].slice(0, 1)
      });
    }
  });
});
