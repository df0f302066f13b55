/**
 * Stand-in for `QuestionnaireController`: `getWorkspace` (QuestionnaireWorkspace.load), a questionnaire with its
 * items in order and the approved answer library entries the auto-answer engine may use; `importItems`
 * (QuestionnaireImport, QuestionnaireImportItems), every item of a parsed file in one all-or-nothing save into a
 * questionnaire that has none; and `saveAnswers` (QuestionnaireAnswers), many items' answers and review decisions
 * in one all-or-nothing save. Values are checked the way QuestionnaireFieldValues checks them, with the same
 * messages, and written through the record layer, so the package's field metadata applies as in the org.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { ApexError, RecordSaveError } from '../server/errors';
import { normalizeId } from '../server/ids';
import type { RecordStore, RecordValues } from '../server/records';

export const MAX_ITEMS = 5000;
export const MAX_LIBRARY_ENTRIES = 5000;
export const MAX_JSON_LENGTH = 3000000;
export const MAX_UPDATES = MAX_ITEMS;
export const NOT_FOUND = 'This questionnaire was not found, or you do not have access to it.';
export const ALREADY_IMPORTED = 'already imported; delete or use a new questionnaire';
const NOTHING = 'The file has no questions to import.';
const UNANSWERED = 'Unanswered';
const TEXT_LIMIT = 255;
const LONG_TEXT_LIMIT = 32768;

/** The JSON names of the fields `saveAnswers` may change (QuestionnaireAnswers.FIELDS). */
const ANSWER_FIELDS: Readonly<Record<string, string>> = {
  answer: 'Answer__c',
  shortAnswer: 'Short_Answer__c',
  suggestedEntryId: 'Suggested_Entry__c',
  matchScore: 'Match_Score__c',
  confidenceBand: 'Confidence_Band__c',
  reviewStatus: 'Review_Status__c',
  smeId: 'SME__c'
};

/** Apex `Integer.format()` in the en_US locale: 5,000. */
function formatted(value: number): string {
  return value.toLocaleString('en-US');
}

/** Apex `String.abbreviate(max)`: at most `max` characters, ending in an ellipsis when cut. */
function abbreviate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 3)}...`;
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** The active API values of a picklist field (QuestionnaireFieldValues.picklistValues). */
function picklistValues(store: RecordStore, object: string, field: string): Set<string> {
  const entries = store.metadata.object(object)?.fieldsByName.get(field.toLowerCase())?.picklist?.entries;
  return new Set((entries ?? []).map((entry) => entry.value));
}

/** QuestionnaireFieldValues.textOf: text, or null for null and blank text. */
function textOf(value: unknown, what: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw new ApexError(`${what} must be text.`);
  return value.trim() === '' ? null : value;
}

/** QuestionnaireFieldValues.choiceOf: one of the allowed values, or null. */
function choiceOf(value: unknown, allowed: ReadonlySet<string>, what: string): string | null {
  const text = textOf(value, what);
  if (text !== null && !allowed.has(text)) throw new ApexError(`${what} cannot be '${text}'.`);
  return text;
}

/** QuestionnaireFieldValues.idOf: the 18-character id of a record of the expected object, or null. */
function idOf(store: RecordStore, value: unknown, expected: string, what: string): string | null {
  const text = textOf(value, what);
  if (text === null) return null;
  const id = normalizeId(text);
  if (!id) throw new ApexError(`${what} is not a record id: ${text}.`);
  if (store.objectOfId(id)?.apiName !== expected) {
    const label = store.metadata.object(expected)?.label ?? expected;
    throw new ApexError(`${what}: expected a record id of ${label}, not ${text}.`);
  }
  return id;
}

/** QuestionnaireFieldValues.scoreOf: a score between 0 and 1 rounded to 4 decimals, or null. */
function scoreOf(value: unknown, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ApexError(`${what} must be a number.`);
  if (value < 0 || value > 1) throw new ApexError(`${what} must be between 0 and 1, not ${value}.`);
  return Math.round(value * 10000) / 10000;
}

/** The messages of a rejected save, as `DmlException.getDmlMessage(0)` gives the first of them. */
function firstMessage(error: RecordSaveError): string {
  return error.problems[0]?.message ?? error.message;
}

function lines(text: unknown): string[] {
  return (typeof text === 'string' ? text : '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function getWorkspace(params: Readonly<Record<string, unknown>>, { store }: ApexContext): unknown {
  const questionnaireId = normalizeId(params.questionnaireId);
  const found = questionnaireId ? store.get(questionnaireId) : undefined;
  if (!found || found.object.apiName !== 'Security_Questionnaire__c') throw new ApexError(NOT_FOUND);
  const questionnaire = found.values;
  const items = store.query({
    object: 'Questionnaire_Item__c',
    where: { path: ['Security_Questionnaire__c'], op: 'eq', value: questionnaire.Id },
    orderBy: [
      { path: ['Sort_Order__c'], direction: 'ASC', nulls: 'LAST' },
      { path: ['Name'], direction: 'ASC' }
    ],
    limit: MAX_ITEMS + 1
  });
  const library = store.query({
    object: 'Answer_Library_Entry__c',
    where: { path: ['Status__c'], op: 'eq', value: 'Approved' },
    orderBy: [
      { path: ['Entry_Key__c'], direction: 'ASC', nulls: 'LAST' },
      { path: ['Name'], direction: 'ASC' }
    ],
    limit: MAX_LIBRARY_ENTRIES + 1
  });
  return {
    maxItems: MAX_ITEMS,
    questionnaire: {
      id: questionnaire.Id,
      name: questionnaire.Name,
      format: questionnaire.Format__c ?? null,
      status: questionnaire.Status__c ?? null,
      sourceFileName: questionnaire.Source_File_Name__c ?? null,
      dueDate: questionnaire.Due_Date__c ?? null,
      itemCount: questionnaire.Item_Count__c ?? 0,
      answeredCount: questionnaire.Answered_Count__c ?? 0,
      approvedCount: questionnaire.Approved_Count__c ?? 0
    },
    itemsTruncated: items.length > MAX_ITEMS,
    items: items.slice(0, MAX_ITEMS).map((item) => ({
      id: item.Id,
      key: item.Item_Key__c ?? null,
      section: item.Section__c ?? null,
      question: item.Question__c ?? null,
      responseType: item.Response_Type__c ?? null,
      choices: lines(item.Choices__c),
      sortOrder: item.Sort_Order__c ?? null,
      answer: item.Answer__c ?? null,
      shortAnswer: item.Short_Answer__c ?? null,
      suggestedEntryId: item.Suggested_Entry__c ?? null,
      matchScore: item.Match_Score__c ?? null,
      confidenceBand: item.Confidence_Band__c ?? null,
      reviewStatus: item.Review_Status__c ?? null,
      smeId: item.SME__c ?? null,
      smeName: typeof item.SME__c === 'string' ? store.nameOf(item.SME__c) : null
    })),
    libraryAvailable: true,
    libraryTruncated: library.length > MAX_LIBRARY_ENTRIES,
    library: library.slice(0, MAX_LIBRARY_ENTRIES).map((entry) => ({
      id: entry.Id,
      name: entry.Name,
      entryKey: entry.Entry_Key__c ?? null,
      question: entry.Question__c ?? null,
      alternates: lines(entry.Alternate_Phrasings__c),
      answer: entry.Answer__c ?? null,
      shortAnswer: entry.Short_Answer__c ?? null,
      criteria:
        typeof entry.Criteria__c === 'string' && entry.Criteria__c.trim() !== ''
          ? entry.Criteria__c.split(';')
          : []
    }))
  };
}

// ---------------------------------------------------------------------------------------------------------
// importItems (QuestionnaireImport, QuestionnaireImportItems)

interface ParsedItem {
  readonly key?: string;
  readonly section?: string;
  readonly question?: string;
  readonly responseType?: string;
  readonly choices?: readonly string[];
}

interface ImportRequest {
  readonly fileName?: string;
  readonly format?: string;
  readonly items: readonly ParsedItem[];
}

function unreadable(detail: string): ApexError {
  return new ApexError(`The questions could not be read: ${detail}`);
}

/** What `JSON.deserialize(itemsJson, ParsedItem.class)` accepts: strings where strings go, a list of choices. */
function parsedItem(value: unknown, index: number): ParsedItem {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw unreadable(`item ${index + 1} is not an object.`);
  const item = value as Record<string, unknown>;
  for (const name of ['key', 'section', 'question', 'responseType']) {
    const field = item[name];
    if (field !== undefined && field !== null && typeof field !== 'string')
      throw unreadable(`item ${index + 1} ${name} must be text.`);
  }
  const choices = item.choices;
  if (
    choices !== undefined &&
    choices !== null &&
    (!Array.isArray(choices) || choices.some((choice) => typeof choice !== 'string'))
  )
    throw unreadable(`item ${index + 1} choices must be a list of text.`);
  return item;
}

/** QuestionnaireImportItems.read: the request, with at least one and at most MAX_ITEMS items. */
function readRequest(itemsJson: unknown): ImportRequest {
  if (isBlank(itemsJson)) throw new ApexError(NOTHING);
  const json = itemsJson as string;
  if (json.length > MAX_JSON_LENGTH) {
    throw new ApexError(
      `The file is too large to import in one go (${formatted(MAX_JSON_LENGTH)} characters of questions at most). Split it into several questionnaires.`
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  let request: { fileName?: unknown; format?: unknown; items?: unknown };
  if (Array.isArray(parsed)) request = { items: parsed };
  else if (typeof parsed === 'object' && parsed !== null) request = parsed;
  else throw unreadable('expected an object or a list of questions.');
  if (request.items !== undefined && request.items !== null && !Array.isArray(request.items))
    throw unreadable('items must be a list.');
  for (const name of ['fileName', 'format'] as const) {
    const field = request[name];
    if (field !== undefined && field !== null && typeof field !== 'string')
      throw unreadable(`${name} must be text.`);
  }
  const items = ((request.items as unknown[] | null | undefined) ?? []).map(parsedItem);
  if (items.length === 0) throw new ApexError(NOTHING);
  if (items.length > MAX_ITEMS) {
    throw new ApexError(
      `The file has ${formatted(items.length)} questions, more than the ${formatted(MAX_ITEMS)} one questionnaire may hold. Split it into several questionnaires.`
    );
  }
  return {
    fileName: (request.fileName as string | null | undefined) ?? undefined,
    format: (request.format as string | null | undefined) ?? undefined,
    items
  };
}

/** QuestionnaireImportItems.toRecords: unsaved items, Sort_Order__c 1…n in the order given, all Unanswered. */
function toRecords(
  store: RecordStore,
  questionnaireId: string,
  items: readonly ParsedItem[]
): RecordValues[] {
  const responseTypes = picklistValues(store, 'Questionnaire_Item__c', 'Response_Type__c');
  return items.map((item, index) => {
    let label = `Question ${index + 1}`;
    if (isBlank(item.key)) throw new ApexError(`${label} has no key.`);
    const key = item.key as string;
    label += ` (${abbreviate(key, 40)})`;
    if (key.length > TEXT_LIMIT)
      throw new ApexError(`${label} has a key longer than ${TEXT_LIMIT} characters.`);
    if (isBlank(item.question)) throw new ApexError(`${label} has no question text.`);
    const question = item.question as string;
    if (question.length > LONG_TEXT_LIMIT)
      throw new ApexError(`${label} is longer than ${formatted(LONG_TEXT_LIMIT)} characters.`);
    const responseType = isBlank(item.responseType) ? null : (item.responseType as string);
    if (responseType !== null && !responseTypes.has(responseType))
      throw new ApexError(`${label} has an unknown response type: ${responseType}.`);
    let choices: string | null = null;
    if (item.choices && item.choices.length > 0) {
      choices = item.choices.join('\n');
      if (choices.length > LONG_TEXT_LIMIT)
        throw new ApexError(
          `${label} has more choices than fit in ${formatted(LONG_TEXT_LIMIT)} characters.`
        );
    }
    return {
      Security_Questionnaire__c: questionnaireId,
      Item_Key__c: key,
      Section__c: isBlank(item.section) ? null : abbreviate(item.section as string, TEXT_LIMIT),
      Question__c: question,
      Response_Type__c: responseType,
      Choices__c: choices,
      Sort_Order__c: index + 1,
      Review_Status__c: UNANSWERED
    };
  });
}

function importItems(params: Readonly<Record<string, unknown>>, { store }: ApexContext): unknown {
  const request = readRequest(params.itemsJson);
  const questionnaireId = normalizeId(params.questionnaireId);
  if (!questionnaireId || store.objectOfId(questionnaireId)?.apiName !== 'Security_Questionnaire__c')
    throw new ApexError(NOT_FOUND);
  const records = toRecords(store, questionnaireId, request.items);
  const source: RecordValues = {};
  if (!isBlank(request.fileName))
    source.Source_File_Name__c = abbreviate(request.fileName as string, TEXT_LIMIT);
  if (!isBlank(request.format)) {
    source.Format__c = choiceOf(
      request.format,
      picklistValues(store, 'Security_Questionnaire__c', 'Format__c'),
      'The questionnaire format'
    );
  }
  return store.transaction(() => {
    if (!store.get(questionnaireId)) throw new ApexError(NOT_FOUND);
    const existing = store.count({
      object: 'Questionnaire_Item__c',
      where: { path: ['Security_Questionnaire__c'], op: 'eq', value: questionnaireId }
    });
    if (existing > 0) {
      throw new ApexError(
        `This questionnaire already has ${formatted(existing)} questions: ${ALREADY_IMPORTED}.`
      );
    }
    if (Object.keys(source).length > 0) {
      try {
        store.update(questionnaireId, source);
      } catch (error) {
        if (error instanceof RecordSaveError)
          throw new ApexError(`The file name and format could not be saved: ${firstMessage(error)}`);
        throw error;
      }
    }
    records.forEach((record) => {
      try {
        store.create('Questionnaire_Item__c', record);
      } catch (error) {
        if (error instanceof RecordSaveError)
          throw new ApexError(
            `The questions could not be saved. Question ${String(record.Item_Key__c)}: ${firstMessage(error)}`
          );
        throw error;
      }
    });
    return { questionnaireId, itemCount: records.length };
  });
}

// ---------------------------------------------------------------------------------------------------------
// saveAnswers (QuestionnaireAnswers)

function readUpdates(updatesJson: unknown): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(isBlank(updatesJson) ? '[]' : (updatesJson as string));
  } catch (error) {
    throw new ApexError(
      `The answers could not be read: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  if (!Array.isArray(parsed)) throw new ApexError('The answers to save must be a list.');
  if (parsed.length > MAX_UPDATES) {
    throw new ApexError(
      `At most ${formatted(MAX_UPDATES)} answers can be saved at once, not ${formatted(parsed.length)}.`
    );
  }
  return parsed;
}

function answerValue(store: RecordStore, name: string, value: unknown, what: string): unknown {
  switch (name) {
    case 'suggestedEntryId':
      return idOf(store, value, 'Answer_Library_Entry__c', what);
    case 'smeId':
      return idOf(store, value, 'User', what);
    case 'matchScore':
      return scoreOf(value, what);
    case 'answer': {
      const answer = textOf(value, what);
      if (answer !== null && answer.length > LONG_TEXT_LIMIT)
        throw new ApexError(`${what} is longer than ${formatted(LONG_TEXT_LIMIT)} characters.`);
      return answer;
    }
    case 'reviewStatus': {
      const status = choiceOf(
        value,
        picklistValues(store, 'Questionnaire_Item__c', 'Review_Status__c'),
        what
      );
      if (status === null) throw new ApexError(`${what} cannot be empty.`);
      return status;
    }
    default:
      return choiceOf(
        value,
        picklistValues(store, 'Questionnaire_Item__c', ANSWER_FIELDS[name] as string),
        what
      );
  }
}

function toUpdate(store: RecordStore, value: unknown, label: string): { id: string; values: RecordValues } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ApexError(`${label} is not an object.`);
  const given = value as Record<string, unknown>;
  const id = idOf(store, given.id, 'Questionnaire_Item__c', `${label} id`);
  if (id === null) throw new ApexError(`${label} names no item id.`);
  const location = `${label} (${id})`;
  const values: RecordValues = {};
  for (const [name, fieldValue] of Object.entries(given)) {
    if (name === 'id') continue;
    const field = Object.prototype.hasOwnProperty.call(ANSWER_FIELDS, name) ? ANSWER_FIELDS[name] : undefined;
    if (!field) throw new ApexError(`${location}: unknown field '${name}'.`);
    values[field] = answerValue(store, name, fieldValue, `${location} ${name}`);
  }
  return { id, values };
}

function saveAnswers(params: Readonly<Record<string, unknown>>, { store }: ApexContext): unknown {
  const updates = readUpdates(params.updatesJson);
  const records = new Map<string, RecordValues>();
  updates.forEach((update, index) => {
    const { id, values } = toUpdate(store, update, `Update ${index + 1}`);
    if (records.has(id)) throw new ApexError(`Update ${index + 1} repeats item ${id}.`);
    records.set(id, values);
  });
  if (records.size > 0) {
    store.transaction(() => {
      for (const [id, values] of records) {
        if (!store.get(id))
          throw new ApexError(`The answers could not be saved. Item ${id}: entity is deleted`);
        try {
          store.update(id, values);
        } catch (error) {
          if (error instanceof RecordSaveError)
            throw new ApexError(`The answers could not be saved. Item ${id}: ${firstMessage(error)}`);
          throw error;
        }
      }
    });
  }
  return records.size;
}

const standIn: ApexClassStandIn = {
  className: 'QuestionnaireController',
  methods: { getWorkspace, importItems, saveAnswers }
};
export default standIn;
