/**
 * Stand-in for `QuestionnaireController.getWorkspace` (QuestionnaireWorkspace.load): a questionnaire with its
 * items in order and the approved answer library entries the auto-answer engine may use. Importing items and
 * saving answers (`importItems`, `saveAnswers`) have no stand-in yet: the preview says so when they are called.
 */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { ApexError } from '../server/errors';
import { normalizeId } from '../server/ids';

export const MAX_ITEMS = 5000;
export const MAX_LIBRARY_ENTRIES = 5000;
export const NOT_FOUND = 'This questionnaire was not found, or you do not have access to it.';

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

const standIn: ApexClassStandIn = {
  className: 'QuestionnaireController',
  methods: { getWorkspace }
};
export default standIn;
