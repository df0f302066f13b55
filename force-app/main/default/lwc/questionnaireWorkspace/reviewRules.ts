/**
 * The review rules of the questionnaire workspace, apart from its rendering: how a stored item and its unsaved
 * changes combine, what auto-answer may change (only questions nobody has worked on; it fills the answer only for
 * high and medium matches), what accepting and editing do, the counts, the filters, and the Format__c a file most
 * likely is. Pure, so each rule is tested on its own.
 */
import type { ConfidenceBand, MatchResult, ParsedQuestionnaire } from 'c/questionnaireModel';
import type { ExportItem } from 'c/questionnaireExport';

/** One item as QuestionnaireController.getWorkspace returns it (Apex leaves null fields out). */
export interface ItemData {
  readonly id: string;
  readonly key?: string;
  readonly section?: string;
  readonly question?: string;
  readonly sortOrder?: number;
  readonly answer?: string;
  readonly shortAnswer?: string;
  readonly suggestedEntryId?: string;
  readonly matchScore?: number;
  readonly confidenceBand?: string;
  readonly reviewStatus?: string;
  readonly smeId?: string;
  readonly smeName?: string;
}

/** One Approved library entry as the workspace receives it. */
export interface LibraryEntryData {
  readonly id: string;
  readonly name?: string;
  readonly question?: string;
  readonly alternates?: readonly string[];
  readonly answer?: string;
  readonly shortAnswer?: string;
  readonly criteria?: readonly string[];
}

/** Confidence_Band__c values. */
export type BandValue = 'High' | 'Medium' | 'Low' | 'None';

/** The fields a review changes, named as QuestionnaireController.saveAnswers takes them. */
export interface ItemFields {
  readonly answer: string | null;
  readonly shortAnswer: string | null;
  readonly suggestedEntryId: string | null;
  readonly matchScore: number | null;
  readonly confidenceBand: BandValue | null;
  readonly reviewStatus: string;
  readonly smeId: string | null;
}

export type FieldName = keyof ItemFields;

/** Unsaved changes to one item: only the fields that differ from what is stored. */
export type Change = Partial<Record<FieldName, ItemFields[FieldName]>>;

/** One item as the grid shows it: stored values with unsaved changes applied. */
export interface ItemModel extends ItemFields {
  readonly id: string;
  readonly key: string;
  readonly section: string;
  readonly question: string;
  /** Position in the buyer's file, 1-based. */
  readonly order: number;
  readonly smeName: string;
  readonly unsaved: boolean;
}

/** Review_Status__c values. */
export const UNANSWERED = 'Unanswered';
export const SUGGESTED = 'Suggested';
export const ACCEPTED = 'Accepted';
export const EDITED = 'Edited';
export const ROUTED = 'Routed to SME';
export const APPROVED = 'Approved';
export const STATUS_VALUES: readonly string[] = [UNANSWERED, SUGGESTED, ACCEPTED, EDITED, ROUTED, APPROVED];
export const BAND_VALUES: readonly BandValue[] = ['High', 'Medium', 'Low', 'None'];
/** The Short_Answer global value set. */
export const SHORT_ANSWERS: readonly string[] = ['Yes', 'No', 'Partial', 'Not Applicable'];
/** The band filter value for items the engine has not looked at yet. */
export const UNMATCHED = 'unmatched';

const BAND_OF: Readonly<Record<ConfidenceBand, BandValue>> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None'
};

export function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function bandValue(value: string | undefined): BandValue | null {
  return BAND_VALUES.find((band) => band === value) ?? null;
}

/** The stored review fields of an item. */
export function baseFields(item: ItemData): ItemFields {
  return {
    answer: item.answer ?? null,
    shortAnswer: item.shortAnswer ?? null,
    suggestedEntryId: item.suggestedEntryId ?? null,
    matchScore: typeof item.matchScore === 'number' ? item.matchScore : null,
    confidenceBand: bandValue(item.confidenceBand),
    reviewStatus: item.reviewStatus ?? UNANSWERED,
    smeId: item.smeId ?? null
  };
}

/** The item with its unsaved change applied; `index` orders items that have no sort order. */
export function toModel(item: ItemData, change: Change | undefined, index: number): ItemModel {
  const fields = { ...baseFields(item), ...change } as ItemFields;
  return {
    ...fields,
    id: item.id,
    key: item.key ?? '',
    section: item.section ?? '',
    question: item.question ?? '',
    order: typeof item.sortOrder === 'number' ? item.sortOrder : index + 1,
    // The stored name belongs to the stored expert only.
    smeName: fields.smeId !== null && fields.smeId === (item.smeId ?? null) ? (item.smeName ?? '') : '',
    unsaved: change !== undefined
  };
}

/** An item's unsaved change with more fields set, keeping only what differs from the stored values. */
export function mergeChange(
  item: ItemData,
  existing: Change | undefined,
  fields: Change
): Change | undefined {
  const base = baseFields(item);
  const merged: Change = { ...existing, ...fields };
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(merged) as FieldName[]) {
    if (merged[name] !== base[name]) {
      kept[name] = merged[name];
    }
  }
  return Object.keys(kept).length === 0 ? undefined : kept;
}

/** A saved change in the shape Apex returns items: absent instead of null, and no stale expert name. */
export function applySaved(item: ItemData, change: Change): ItemData {
  const data: Record<string, unknown> = { ...item };
  for (const [name, value] of Object.entries(change)) {
    data[name] = value === null ? undefined : value;
  }
  if ('smeId' in change) {
    data.smeName = undefined;
  }
  return data as unknown as ItemData;
}

/** Whether auto-answer may change the item: only questions nobody has accepted, edited, routed or approved. */
export function isOpen(model: ItemFields): boolean {
  return model.reviewStatus === UNANSWERED || model.reviewStatus === SUGGESTED;
}

/**
 * What an auto-answer result changes: the suggestion, its score and band always; the answer (and short answer)
 * only for a high or medium match, which makes the item Suggested. A low match keeps its suggestion for the
 * reviewer without filling anything in, and no match clears what an earlier run had suggested.
 */
export function autoAnswerChange(result: MatchResult, entry: LibraryEntryData | undefined): Change {
  const fill = entry !== undefined && (result.band === 'high' || result.band === 'medium');
  return {
    suggestedEntryId: result.entryId,
    matchScore: result.score,
    confidenceBand: BAND_OF[result.band],
    answer: fill ? (entry.answer ?? null) : null,
    shortAnswer: fill ? (entry.shortAnswer ?? null) : null,
    reviewStatus: fill ? SUGGESTED : UNANSWERED
  };
}

/**
 * What accepting does: an item with an answer becomes Accepted; one without takes its suggested entry's answer;
 * an item with neither has nothing to accept (undefined).
 */
export function acceptChange(
  model: ItemFields,
  suggestion: LibraryEntryData | undefined
): Change | undefined {
  if (hasText(model.answer)) {
    return { reviewStatus: ACCEPTED };
  }
  if (hasText(suggestion?.answer)) {
    return { answer: suggestion.answer, shortAnswer: suggestion.shortAnswer ?? null, reviewStatus: ACCEPTED };
  }
  return undefined;
}

/** What an edit does: the text typed (blank means none) is Edited; clearing everything makes it Unanswered. */
export function editChange(answer: string, shortAnswer: string): Change {
  const text = answer.trim() === '' ? null : answer;
  const short = shortAnswer === '' ? null : shortAnswer;
  return {
    answer: text,
    shortAnswer: short,
    reviewStatus: text === null && short === null ? UNANSWERED : EDITED
  };
}

export interface ReviewCounts {
  readonly high: number;
  readonly medium: number;
  readonly low: number;
  readonly none: number;
  readonly unmatched: number;
  readonly accepted: number;
  readonly edited: number;
  readonly routed: number;
  readonly approved: number;
}

/** Items by confidence band and by review outcome. */
export function tally(models: readonly ItemFields[]): ReviewCounts {
  const count = (test: (model: ItemFields) => boolean): number => models.filter(test).length;
  return {
    high: count((model) => model.confidenceBand === 'High'),
    medium: count((model) => model.confidenceBand === 'Medium'),
    low: count((model) => model.confidenceBand === 'Low'),
    none: count((model) => model.confidenceBand === 'None'),
    unmatched: count((model) => model.confidenceBand === null),
    accepted: count((model) => model.reviewStatus === ACCEPTED),
    edited: count((model) => model.reviewStatus === EDITED),
    routed: count((model) => model.reviewStatus === ROUTED),
    approved: count((model) => model.reviewStatus === APPROVED)
  };
}

/** The band filter ('' for all, a band, or UNMATCHED) and the status filter ('' for all). */
export function matchesFilters(model: ItemFields, band: string, status: string): boolean {
  const bandMatches =
    band === '' || (band === UNMATCHED ? model.confidenceBand === null : model.confidenceBand === band);
  return bandMatches && (status === '' || model.reviewStatus === status);
}

/** The item as the export module takes it. */
export function exportItemOf(model: ItemModel): ExportItem {
  return {
    key: model.key,
    section: model.section,
    question: model.question,
    order: model.order,
    answer: model.answer,
    shortAnswer: model.shortAnswer,
    entryId: model.suggestedEntryId,
    score: model.matchScore,
    band: model.confidenceBand === null ? null : (model.confidenceBand.toLowerCase() as ConfidenceBand),
    reviewStatus: model.reviewStatus
  };
}

/** The Format__c a file most likely is, from what the parser read and the file's (and sheet's) name. */
export function questionnaireFormat(
  parsed: Pick<ParsedQuestionnaire, 'format' | 'sheet'>,
  fileName: string
): string {
  if (parsed.format === 'vsaq') return 'VSAQ';
  const name = `${fileName} ${parsed.sheet ?? ''}`.toLowerCase();
  if (name.includes('hecvat')) return 'HECVAT';
  if (name.includes('caiq')) return 'CAIQ';
  if (/(^|[^a-z])sig([^a-z]|$)|sig[ _-]?lite/.test(name)) return 'SIG Lite';
  return 'Custom';
}
