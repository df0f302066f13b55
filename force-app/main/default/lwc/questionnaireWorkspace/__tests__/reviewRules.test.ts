import {
  acceptChange,
  applySaved,
  autoAnswerChange,
  baseFields,
  editChange,
  exportItemOf,
  isOpen,
  matchesFilters,
  mergeChange,
  questionnaireFormat,
  tally,
  toModel,
  UNMATCHED,
  type ItemData,
  type LibraryEntryData
} from '../reviewRules';
import type { MatchResult } from 'c/questionnaireModel';

const stored: ItemData = {
  id: 'a0R1',
  key: 'CEK-03.1',
  section: 'Cryptography',
  question: 'Do you encrypt customer data at rest?',
  sortOrder: 3,
  answer: 'Yes.',
  shortAnswer: 'Yes',
  suggestedEntryId: 'a0B3',
  matchScore: 0.62,
  confidenceBand: 'Medium',
  reviewStatus: 'Suggested',
  smeId: '005A',
  smeName: 'Dana Whitfield'
};

const entry: LibraryEntryData = {
  id: 'a0B3',
  name: 'Encryption at rest',
  answer: 'Yes. AES-256 with keys in a cloud KMS.',
  shortAnswer: 'Yes'
};

function result(band: MatchResult['band'], entryId: string | null, score: number): MatchResult {
  return { key: 'K', section: '', question: 'Q?', entryId, score, band, answer: null };
}

describe('stored items and unsaved changes', () => {
  it('read the stored fields, with defaults for what Apex left out', () => {
    expect(baseFields({ id: 'x' })).toEqual({
      answer: null,
      shortAnswer: null,
      suggestedEntryId: null,
      matchScore: null,
      confidenceBand: null,
      reviewStatus: 'Unanswered',
      smeId: null
    });
    expect(baseFields({ id: 'x', confidenceBand: 'Certain' }).confidenceBand).toBeNull();
  });

  it('apply a change over the stored item, and keep the expert name only for the stored expert', () => {
    const model = toModel(stored, { reviewStatus: 'Accepted' }, 0);
    expect(model).toMatchObject({ key: 'CEK-03.1', order: 3, reviewStatus: 'Accepted', unsaved: true });
    expect(model.smeName).toBe('Dana Whitfield');
    expect(toModel(stored, { smeId: '005B' }, 0).smeName).toBe('');
    expect(toModel({ id: 'y' }, undefined, 4)).toMatchObject({
      order: 5,
      key: '',
      unsaved: false,
      smeName: ''
    });
  });

  it('keep only what differs from the stored values', () => {
    expect(mergeChange(stored, undefined, { reviewStatus: 'Accepted', answer: 'Yes.' })).toEqual({
      reviewStatus: 'Accepted'
    });
    expect(mergeChange(stored, { reviewStatus: 'Accepted' }, { reviewStatus: 'Suggested' })).toBeUndefined();
    expect(mergeChange(stored, { answer: 'No.' }, { shortAnswer: 'No' })).toEqual({
      answer: 'No.',
      shortAnswer: 'No'
    });
  });

  it('apply a saved change as Apex would return it', () => {
    const saved = applySaved(stored, { answer: null, smeId: '005B', reviewStatus: 'Routed to SME' });
    expect(saved.answer).toBeUndefined();
    expect(saved.smeId).toBe('005B');
    expect(saved.smeName).toBeUndefined();
    expect(saved.reviewStatus).toBe('Routed to SME');
    expect(applySaved(stored, { reviewStatus: 'Accepted' }).smeName).toBe('Dana Whitfield');
  });
});

describe('auto-answer', () => {
  it('only touches questions nobody has worked on', () => {
    const statuses = ['Unanswered', 'Suggested', 'Accepted', 'Edited', 'Routed to SME', 'Approved'];
    expect(statuses.filter((reviewStatus) => isOpen({ ...baseFields(stored), reviewStatus }))).toEqual([
      'Unanswered',
      'Suggested'
    ]);
  });

  it('fills the answer for high and medium matches, which become Suggested', () => {
    for (const band of ['high', 'medium'] as const) {
      expect(autoAnswerChange(result(band, 'a0B3', 0.9), entry)).toEqual({
        suggestedEntryId: 'a0B3',
        matchScore: 0.9,
        confidenceBand: band === 'high' ? 'High' : 'Medium',
        answer: 'Yes. AES-256 with keys in a cloud KMS.',
        shortAnswer: 'Yes',
        reviewStatus: 'Suggested'
      });
    }
  });

  it('keeps a low match as a suggestion without filling anything in, and clears a no-match', () => {
    expect(autoAnswerChange(result('low', 'a0B3', 0.3), entry)).toEqual({
      suggestedEntryId: 'a0B3',
      matchScore: 0.3,
      confidenceBand: 'Low',
      answer: null,
      shortAnswer: null,
      reviewStatus: 'Unanswered'
    });
    expect(autoAnswerChange(result('none', null, 0.01), undefined)).toMatchObject({
      suggestedEntryId: null,
      confidenceBand: 'None',
      answer: null,
      reviewStatus: 'Unanswered'
    });
    expect(autoAnswerChange(result('high', 'gone', 0.97), undefined).answer).toBeNull();
  });
});

describe('review actions', () => {
  it('accept an answer as it is, or the suggested entry when nothing is filled in', () => {
    expect(acceptChange(baseFields(stored), entry)).toEqual({ reviewStatus: 'Accepted' });
    const empty = baseFields({ id: 'x', suggestedEntryId: 'a0B3' });
    expect(acceptChange(empty, entry)).toEqual({
      answer: 'Yes. AES-256 with keys in a cloud KMS.',
      shortAnswer: 'Yes',
      reviewStatus: 'Accepted'
    });
    expect(acceptChange(empty, { ...entry, shortAnswer: undefined })?.shortAnswer).toBeNull();
    expect(acceptChange(empty, undefined)).toBeUndefined();
    expect(acceptChange(baseFields({ id: 'x', answer: '   ' }), { id: 'e', answer: '' })).toBeUndefined();
  });

  it('edit: what is typed is Edited, clearing everything is Unanswered', () => {
    expect(editChange('Yes, quarterly.', 'Yes')).toEqual({
      answer: 'Yes, quarterly.',
      shortAnswer: 'Yes',
      reviewStatus: 'Edited'
    });
    expect(editChange('  ', 'No')).toEqual({ answer: null, shortAnswer: 'No', reviewStatus: 'Edited' });
    expect(editChange('  ', '')).toEqual({ answer: null, shortAnswer: null, reviewStatus: 'Unanswered' });
  });
});

describe('counts, filters and export', () => {
  const models = [
    { ...baseFields(stored) },
    { ...baseFields(stored), confidenceBand: 'High' as const, reviewStatus: 'Accepted' },
    { ...baseFields(stored), confidenceBand: null, reviewStatus: 'Routed to SME' },
    { ...baseFields(stored), confidenceBand: 'None' as const, reviewStatus: 'Approved' },
    { ...baseFields(stored), confidenceBand: 'Low' as const, reviewStatus: 'Edited' }
  ];

  it('count items by band and by review outcome', () => {
    expect(tally(models)).toEqual({
      high: 1,
      medium: 1,
      low: 1,
      none: 1,
      unmatched: 1,
      accepted: 1,
      edited: 1,
      routed: 1,
      approved: 1
    });
  });

  it('filter by band (or not matched) and by status', () => {
    expect(models.filter((model) => matchesFilters(model, '', ''))).toHaveLength(5);
    expect(models.filter((model) => matchesFilters(model, 'High', ''))).toHaveLength(1);
    expect(models.filter((model) => matchesFilters(model, UNMATCHED, ''))).toHaveLength(1);
    expect(models.filter((model) => matchesFilters(model, '', 'Edited'))).toHaveLength(1);
    expect(models.filter((model) => matchesFilters(model, 'High', 'Edited'))).toHaveLength(0);
  });

  it('hand the export module the item with its band in the engine form', () => {
    expect(exportItemOf(toModel(stored, undefined, 0))).toEqual({
      key: 'CEK-03.1',
      section: 'Cryptography',
      question: 'Do you encrypt customer data at rest?',
      order: 3,
      answer: 'Yes.',
      shortAnswer: 'Yes',
      entryId: 'a0B3',
      score: 0.62,
      band: 'medium',
      reviewStatus: 'Suggested'
    });
    expect(exportItemOf(toModel({ id: 'x' }, undefined, 0)).band).toBeNull();
  });
});

describe('questionnaire format', () => {
  it.each([
    [{ format: 'vsaq' as const }, 'webapp.json', 'VSAQ'],
    [{ format: 'xlsx' as const, sheet: 'HECVAT Lite' }, 'westbridge.xlsx', 'HECVAT'],
    [{ format: 'xlsx' as const, sheet: 'Sheet1' }, 'CAIQv4.0.3-northwind.xlsx', 'CAIQ'],
    [{ format: 'xlsx' as const, sheet: 'Questions' }, 'SIG-Lite-2025.xlsx', 'SIG Lite'],
    [{ format: 'csv' as const }, 'vendor sig.csv', 'SIG Lite'],
    [{ format: 'csv' as const }, 'design-review.csv', 'Custom']
  ])('reads %j named %s as %s', (parsed, fileName, expected) => {
    expect(questionnaireFormat(parsed, fileName)).toBe(expected);
  });
});
