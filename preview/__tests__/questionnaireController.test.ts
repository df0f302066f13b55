/**
 * The `QuestionnaireController` stand-in imports a parsed questionnaire and saves answers the way the Apex does:
 * all or nothing, through the record layer, with the Apex's checks and messages.
 */
import { ApexError } from '../server/errors';
import type { ApexContext, ApexMethodStandIn } from '../server/apexRegistry';
import { testPreview, type TestPreview } from './support';

describe('QuestionnaireController stand-in', () => {
  let preview: TestPreview;
  let context: ApexContext;

  function method(name: string): ApexMethodStandIn {
    const found = preview.apex.classes.get('QuestionnaireController')?.methods[name];
    if (!found) throw new Error(`QuestionnaireController.${name} has no stand-in`);
    return found;
  }

  function call(name: string, params: Record<string, unknown>): unknown {
    return method(name)(params, context);
  }

  function failure(name: string, params: Record<string, unknown>): string {
    try {
      call(name, params);
    } catch (error) {
      if (error instanceof ApexError) return error.message;
      throw error;
    }
    throw new Error(`${name} succeeded`);
  }

  function questionnaire(): string {
    return String(preview.store.create('Security_Questionnaire__c', { Name: 'Hallberg CAIQ' }).Id);
  }

  function itemsOf(questionnaireId: string) {
    return preview.store.query({
      object: 'Questionnaire_Item__c',
      where: { path: ['Security_Questionnaire__c'], op: 'eq', value: questionnaireId },
      orderBy: [{ path: ['Sort_Order__c'], direction: 'ASC' }]
    });
  }

  const items = [
    { key: 'A&A-01.1', section: 'Audit', question: 'Are audits planned?', responseType: 'Yes/No' },
    {
      key: 'A&A-02.1',
      question: 'Are results shared?',
      responseType: 'Single Choice',
      choices: ['Yes', 'No']
    }
  ];

  beforeAll(async () => {
    preview = await testPreview();
    context = { store: preview.store, userId: preview.store.userId, now: new Date() };
  });

  afterAll(() => preview.close());

  it('imports every item in order, Unanswered, with the file name and format', () => {
    const id = questionnaire();
    const itemsJson = JSON.stringify({ fileName: 'caiq.csv', format: 'CAIQ', items });
    expect(call('importItems', { questionnaireId: id, itemsJson })).toEqual({
      questionnaireId: id,
      itemCount: 2
    });
    expect(
      itemsOf(id).map((item) => [
        item.Item_Key__c,
        item.Sort_Order__c,
        item.Review_Status__c,
        item.Choices__c
      ])
    ).toEqual([
      ['A&A-01.1', 1, 'Unanswered', null],
      ['A&A-02.1', 2, 'Unanswered', 'Yes\nNo']
    ]);
    const stored = preview.store.get(id)?.values;
    expect(stored?.Source_File_Name__c).toBe('caiq.csv');
    expect(stored?.Format__c).toBe('CAIQ');
    const workspace = call('getWorkspace', { questionnaireId: id }) as { items: { key: string }[] };
    expect(workspace.items.map((item) => item.key)).toEqual(['A&A-01.1', 'A&A-02.1']);
  });

  it('accepts the items array alone', () => {
    const id = questionnaire();
    expect(call('importItems', { questionnaireId: id, itemsJson: JSON.stringify(items) })).toEqual({
      questionnaireId: id,
      itemCount: 2
    });
  });

  it('refuses a questionnaire that already has items, keeping what is stored', () => {
    const id = questionnaire();
    call('importItems', { questionnaireId: id, itemsJson: JSON.stringify(items) });
    const [first] = itemsOf(id);
    call('saveAnswers', {
      updatesJson: JSON.stringify([{ id: first?.Id, answer: 'Yes, yearly.', reviewStatus: 'Edited' }])
    });
    expect(
      failure('importItems', {
        questionnaireId: id,
        itemsJson: JSON.stringify({ fileName: 'other.csv', items: [{ key: 'X-1', question: 'Other?' }] })
      })
    ).toBe(
      'This questionnaire already has 2 questions: already imported; delete or use a new questionnaire.'
    );
    expect(itemsOf(id).map((item) => [item.Item_Key__c, item.Answer__c])).toEqual([
      ['A&A-01.1', 'Yes, yearly.'],
      ['A&A-02.1', null]
    ]);
    expect(preview.store.get(id)?.values.Source_File_Name__c).toBeNull();
  });

  it('refuses more than 5,000 items and an empty file', () => {
    const id = questionnaire();
    const many = Array.from({ length: 5001 }, (_, index) => ({ key: `Q-${index}`, question: 'Q?' }));
    expect(failure('importItems', { questionnaireId: id, itemsJson: JSON.stringify(many) })).toBe(
      'The file has 5,001 questions, more than the 5,000 one questionnaire may hold. Split it into several questionnaires.'
    );
    expect(failure('importItems', { questionnaireId: id, itemsJson: '[]' })).toBe(
      'The file has no questions to import.'
    );
    expect(itemsOf(id)).toEqual([]);
  });

  it('checks every item before saving any', () => {
    const id = questionnaire();
    const check = (bad: Record<string, unknown>) =>
      failure('importItems', { questionnaireId: id, itemsJson: JSON.stringify([items[0], bad]) });
    expect(check({ question: 'No key?' })).toBe('Question 2 has no key.');
    expect(check({ key: 'B-1' })).toBe('Question 2 (B-1) has no question text.');
    expect(check({ key: 'B-1', question: 'Q?', responseType: 'Essay' })).toBe(
      'Question 2 (B-1) has an unknown response type: Essay.'
    );
    expect(
      failure('importItems', {
        questionnaireId: id,
        itemsJson: JSON.stringify({ format: 'Spreadsheet', items })
      })
    ).toBe("The questionnaire format cannot be 'Spreadsheet'.");
    expect(failure('importItems', { questionnaireId: id, itemsJson: '{not json' })).toMatch(
      /^The questions could not be read: /
    );
    expect(itemsOf(id)).toEqual([]);
  });

  it('refuses an id that is not a questionnaire', () => {
    const accountId = String(preview.store.create('Account', { Name: 'Nordwind AG' }).Id);
    expect(failure('importItems', { questionnaireId: accountId, itemsJson: JSON.stringify(items) })).toBe(
      'This questionnaire was not found, or you do not have access to it.'
    );
  });

  it('saves answers and review decisions of many items in one call', () => {
    const id = questionnaire();
    call('importItems', { questionnaireId: id, itemsJson: JSON.stringify(items) });
    const [first, second] = itemsOf(id);
    const entry = String(
      preview.store.create('Answer_Library_Entry__c', { Name: 'Audits', Question__c: 'Audits?' }).Id
    );
    const saved = call('saveAnswers', {
      updatesJson: JSON.stringify([
        {
          id: first?.Id,
          answer: 'Yes.',
          suggestedEntryId: entry,
          matchScore: 0.97315,
          confidenceBand: 'High',
          reviewStatus: 'Accepted'
        },
        { id: second?.Id, reviewStatus: 'Routed to SME', smeId: preview.store.userId }
      ])
    });
    expect(saved).toBe(2);
    const [one, two] = itemsOf(id);
    expect(one).toMatchObject({
      Answer__c: 'Yes.',
      Suggested_Entry__c: entry,
      Match_Score__c: 0.9732,
      Confidence_Band__c: 'High',
      Review_Status__c: 'Accepted'
    });
    expect(two).toMatchObject({ Review_Status__c: 'Routed to SME', SME__c: preview.store.userId });
    expect(call('saveAnswers', { updatesJson: JSON.stringify([{ id: first?.Id, answer: null }]) })).toBe(1);
    expect(itemsOf(id)[0]?.Answer__c).toBeNull();
  });

  it('saves nothing when one update is wrong', () => {
    const id = questionnaire();
    call('importItems', { questionnaireId: id, itemsJson: JSON.stringify(items) });
    const [first, second] = itemsOf(id);
    const save = (updates: unknown) => failure('saveAnswers', { updatesJson: JSON.stringify(updates) });
    expect(
      save([
        { id: first?.Id, answer: 'Yes.' },
        { id: second?.Id, reviewStatus: 'Done' }
      ])
    ).toBe(`Update 2 (${String(second?.Id)}) reviewStatus cannot be 'Done'.`);
    expect(save([{ id: first?.Id, reviewStatus: null }])).toBe(
      `Update 1 (${String(first?.Id)}) reviewStatus cannot be empty.`
    );
    expect(save([{ id: first?.Id, colour: 'red' }])).toBe(
      `Update 1 (${String(first?.Id)}): unknown field 'colour'.`
    );
    expect(save([{ id: first?.Id, matchScore: 1.5 }])).toBe(
      `Update 1 (${String(first?.Id)}) matchScore must be between 0 and 1, not 1.5.`
    );
    expect(save([{ id: first?.Id }, { id: first?.Id }])).toBe(`Update 2 repeats item ${String(first?.Id)}.`);
    expect(save([{ id: id, answer: 'Yes.' }])).toBe(
      `Update 1 id: expected a record id of Questionnaire Item, not ${id}.`
    );
    expect(save({ id: first?.Id })).toBe('The answers to save must be a list.');
    expect(itemsOf(id).map((item) => [item.Answer__c, item.Review_Status__c])).toEqual([
      [null, 'Unanswered'],
      [null, 'Unanswered']
    ]);
    expect(call('saveAnswers', { updatesJson: '' })).toBe(0);
  });
});
