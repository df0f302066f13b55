/** Stand-in for `AnswerLibraryController.getLibrary`: every answer library entry with its review state. */
import type { ApexClassStandIn, ApexContext } from '../server/apexRegistry';
import { todayIn } from '../server/clock';

export const MAX_ENTRIES = 5000;

function getLibrary(_params: Readonly<Record<string, unknown>>, { store, now }: ApexContext): unknown {
  const records = store.query({
    object: 'Answer_Library_Entry__c',
    orderBy: [
      { path: ['Name'], direction: 'ASC' },
      { path: ['Id'], direction: 'ASC' }
    ],
    limit: MAX_ENTRIES + 1
  });
  return {
    asOf: todayIn(now),
    truncated: records.length > MAX_ENTRIES,
    entries: records.slice(0, MAX_ENTRIES).map((record) => ({
      id: record.Id,
      name: record.Name,
      entryKey: record.Entry_Key__c ?? null,
      question: record.Question__c ?? null,
      status: record.Status__c ?? null,
      category: record.Category__c ?? null,
      shortAnswer: record.Short_Answer__c ?? null,
      ownerId: record.OwnerId,
      ownerName: typeof record.OwnerId === 'string' ? store.nameOf(record.OwnerId) : null,
      reviewIntervalDays: record.Review_Interval_Days__c ?? null,
      lastReviewedOn: record.Last_Reviewed_On__c ?? null,
      nextReviewOn: record.Next_Review_On__c ?? null,
      flagReason: record.Flag_Reason__c ?? null,
      flaggedOn: record.Flagged_On__c ?? null
    }))
  };
}

const standIn: ApexClassStandIn = {
  className: 'AnswerLibraryController',
  methods: { getLibrary }
};
export default standIn;
