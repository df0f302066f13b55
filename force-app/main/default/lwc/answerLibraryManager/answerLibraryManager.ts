import { LightningElement, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getLibrary from '@salesforce/apex/AnswerLibraryController.getLibrary';
import LOCALE from '@salesforce/i18n/locale';
import {
  DEFAULT_THRESHOLD,
  duplicatesByEntry,
  findNearDuplicates,
  type NearDuplicate
} from './nearDuplicates';

// ---------------------------------------------------------------------------------------------------------
// What AnswerLibraryController.getLibrary returns (Apex leaves null fields out).

interface EntryData {
  readonly id: string;
  readonly name?: string;
  readonly entryKey?: string;
  readonly question?: string;
  readonly status?: string;
  readonly category?: string;
  readonly ownerId?: string;
  readonly ownerName?: string;
  readonly reviewIntervalDays?: number;
  readonly lastReviewedOn?: string;
  readonly nextReviewOn?: string;
  readonly flagReason?: string;
  readonly flaggedOn?: string;
}

interface LibraryData {
  readonly asOf: string;
  readonly truncated?: boolean;
  readonly entries: readonly EntryData[];
}

interface Option {
  readonly label: string;
  readonly value: string;
}

interface EntryModel {
  readonly data: EntryData;
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly overdue: boolean;
  readonly duplicates: ReadonlyArray<{ readonly id: string; readonly similarity: number }>;
}

interface RowView {
  readonly id: string;
  readonly title: string;
  readonly entryKey: string;
  readonly recordUrl: string;
  readonly linkLabel: string;
  readonly ownerName: string;
  readonly statusText: string;
  readonly excludedText: string;
  readonly intervalText: string;
  readonly lastReviewedOn: string | null;
  readonly nextReviewOn: string | null;
  readonly overdue: boolean;
  readonly reviewNote: string;
  readonly duplicatesText: string;
}

interface FlaggedView {
  readonly id: string;
  readonly title: string;
  readonly recordUrl: string;
  readonly reason: string;
  readonly flaggedOn: string | null;
}

interface PairView {
  readonly key: string;
  readonly firstId: string;
  readonly firstTitle: string;
  readonly firstUrl: string;
  readonly secondId: string;
  readonly secondTitle: string;
  readonly secondUrl: string;
  readonly similarityText: string;
}

const ALL = '';
const APPROVED = 'Approved';
const NEEDS_REVIEW = 'Needs Review';
const RETIRED = 'Retired';
const STATUS_VALUES = ['Draft', APPROVED, NEEDS_REVIEW, RETIRED];
const PAGE_SIZE = 50;
/** Pairs listed in the duplicates section; the count says how many more there are. */
const PAIRS_SHOWN = 50;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString(LOCALE)} ${count === 1 ? one : many}`;
}

function isLibraryData(value: unknown): value is LibraryData {
  const library = value as Partial<LibraryData> | null | undefined;
  return (
    typeof library === 'object' &&
    library !== null &&
    typeof library.asOf === 'string' &&
    Array.isArray(library.entries)
  );
}

function recordUrl(id: string): string {
  return `/lightning/r/Answer_Library_Entry__c/${id}/view`;
}

/**
 * The compliance lead's answer library: every entry with its owner, status, review interval, last and next review
 * (overdue reviews said in words), entries flagged for review with the reason they are excluded from auto-answer,
 * and questions that nearly duplicate each other.
 */
export default class AnswerLibraryManager extends NavigationMixin(LightningElement) {
  library: LibraryData | undefined;
  loadError: unknown;

  rows: RowView[] = [];
  flagged: FlaggedView[] = [];
  pairs: PairView[] = [];
  pairCount = 0;
  visibleCount = 0;
  pageIndex = 0;

  statusFilter = ALL;
  overdueOnly = false;
  duplicatesOnly = false;

  readonly statusOptions: Option[] = [
    { label: 'All statuses', value: ALL },
    ...STATUS_VALUES.map((value) => ({ label: value, value }))
  ];

  private models: EntryModel[] = [];
  private filtered: EntryModel[] = [];

  @wire(getLibrary)
  wiredLibrary(result: WireResult<unknown>): void {
    if (result.error) {
      this.loadError = result.error;
      this.library = undefined;
    } else if (isLibraryData(result.data)) {
      this.loadError = undefined;
      this.library = result.data;
      this.buildModels(result.data);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return this.library === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get isEmpty(): boolean {
    return this.library !== undefined && this.library.entries.length === 0;
  }

  get hasEntries(): boolean {
    return this.library !== undefined && this.library.entries.length > 0;
  }

  get hasVisibleRows(): boolean {
    return this.visibleCount > 0;
  }

  get isTruncated(): boolean {
    return this.library?.truncated === true;
  }

  get hasFlagged(): boolean {
    return this.flagged.length > 0;
  }

  get hasPairs(): boolean {
    return this.pairs.length > 0;
  }

  get morePairsText(): string {
    const more = this.pairCount - this.pairs.length;
    return more > 0 ? `And ${plural(more, 'more pair', 'more pairs')}.` : '';
  }

  get flaggedHeading(): string {
    return `Flagged for review: excluded from auto-answer (${this.flagged.length.toLocaleString(LOCALE)})`;
  }

  get pairsHeading(): string {
    return `Possible duplicates (${this.pairCount.toLocaleString(LOCALE)})`;
  }

  get pairsCaption(): string {
    return `Library entries whose questions share at least ${Math.round(DEFAULT_THRESHOLD * 100)}% of their words`;
  }

  get summary(): string {
    const total = this.models.length;
    const approved = this.models.filter((model) => model.status === APPROVED).length;
    const overdue = this.models.filter((model) => model.overdue).length;
    return [
      `Showing ${this.visibleCount.toLocaleString(LOCALE)} of ${plural(total, 'entry', 'entries')}`,
      `${approved.toLocaleString(LOCALE)} approved`,
      `${this.flagged.length.toLocaleString(LOCALE)} flagged`,
      plural(overdue, 'overdue review', 'overdue reviews'),
      plural(this.pairCount, 'possible duplicate', 'possible duplicates')
    ].join(' · ');
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.filtered.length / PAGE_SIZE));
  }

  // -------------------------------------------------------------------------------------------------------
  // Derivation

  private buildModels(library: LibraryData): void {
    const candidates = library.entries
      .filter((entry) => entry.status !== RETIRED && typeof entry.question === 'string')
      .map((entry) => ({ id: entry.id, question: entry.question ?? '' }));
    const pairs = findNearDuplicates(candidates, DEFAULT_THRESHOLD);
    const byEntry = duplicatesByEntry(pairs);
    this.models = library.entries.map((data) => {
      const status = data.status ?? '';
      return {
        data,
        id: data.id,
        title: data.name ?? data.entryKey ?? data.id,
        status,
        overdue: status === APPROVED && data.nextReviewOn !== undefined && data.nextReviewOn < library.asOf,
        duplicates: byEntry.get(data.id) ?? []
      };
    });
    const titles = new Map(this.models.map((model) => [model.id, model.title]));
    this.flagged = this.models
      .filter((model) => model.status === NEEDS_REVIEW)
      .map((model) => ({
        id: model.id,
        title: model.title,
        recordUrl: recordUrl(model.id),
        reason: model.data.flagReason ?? 'No reason recorded.',
        flaggedOn: model.data.flaggedOn ?? null
      }));
    this.pairCount = pairs.length;
    this.pairs = pairs.slice(0, PAIRS_SHOWN).map((pair: NearDuplicate) => ({
      key: `${pair.a}:${pair.b}`,
      firstId: pair.a,
      firstTitle: titles.get(pair.a) ?? pair.a,
      firstUrl: recordUrl(pair.a),
      secondId: pair.b,
      secondTitle: titles.get(pair.b) ?? pair.b,
      secondUrl: recordUrl(pair.b),
      similarityText: `${Math.round(pair.similarity * 100)}% of words shared`
    }));
    this.derive();
  }

  private derive(): void {
    this.filtered = this.models.filter(
      (model) =>
        (this.statusFilter === ALL || model.status === this.statusFilter) &&
        (!this.overdueOnly || model.overdue) &&
        (!this.duplicatesOnly || model.duplicates.length > 0)
    );
    this.visibleCount = this.filtered.length;
    this.pageIndex = Math.min(this.pageIndex, this.pageCount - 1);
    const titles = new Map(this.models.map((model) => [model.id, model.title]));
    this.rows = this.filtered
      .slice(this.pageIndex * PAGE_SIZE, (this.pageIndex + 1) * PAGE_SIZE)
      .map((model) => this.toRow(model, titles));
  }

  private toRow(model: EntryModel, titles: ReadonlyMap<string, string>): RowView {
    const { data } = model;
    const interval = data.reviewIntervalDays;
    let reviewNote = '';
    if (model.overdue) reviewNote = 'Overdue';
    else if (model.status === APPROVED && !data.lastReviewedOn) reviewNote = 'Never reviewed';
    return {
      id: model.id,
      title: model.title,
      entryKey: data.entryKey ?? '',
      recordUrl: recordUrl(model.id),
      linkLabel: `Open ${model.title}`,
      ownerName: data.ownerName ?? 'No owner',
      statusText: model.status === '' ? 'No status' : model.status,
      excludedText: model.status === APPROVED ? '' : 'Excluded from auto-answer',
      intervalText: typeof interval === 'number' ? plural(interval, 'day', 'days') : 'Not set',
      lastReviewedOn: data.lastReviewedOn ?? null,
      nextReviewOn: data.nextReviewOn ?? null,
      overdue: model.overdue,
      reviewNote,
      duplicatesText: model.duplicates
        .map(
          (duplicate) =>
            `${titles.get(duplicate.id) ?? duplicate.id} (${Math.round(duplicate.similarity * 100)}%)`
        )
        .join(', ')
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Handlers

  handleStatusFilter(event: CustomEvent<{ value: string }>): void {
    this.statusFilter = event.detail.value;
    this.pageIndex = 0;
    this.derive();
  }

  handleOverdueFilter(event: Event): void {
    this.overdueOnly = (event.target as HTMLInputElement).checked;
    this.pageIndex = 0;
    this.derive();
  }

  handleDuplicatesFilter(event: Event): void {
    this.duplicatesOnly = (event.target as HTMLInputElement).checked;
    this.pageIndex = 0;
    this.derive();
  }

  handleClearFilters(): void {
    this.statusFilter = ALL;
    this.overdueOnly = false;
    this.duplicatesOnly = false;
    this.pageIndex = 0;
    this.derive();
  }

  handlePageChange(event: CustomEvent<{ pageIndex: number }>): void {
    this.pageIndex = event.detail.pageIndex;
    this.derive();
  }

  handleOpenEntry(event: Event): void {
    event.preventDefault();
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: id, objectApiName: 'Answer_Library_Entry__c', actionName: 'view' }
    });
  }
}
