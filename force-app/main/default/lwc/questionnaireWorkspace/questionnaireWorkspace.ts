import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { loadScript } from 'lightning/platformResourceLoader';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { refreshApex } from '@salesforce/apex';
import getWorkspace from '@salesforce/apex/QuestionnaireController.getWorkspace';
import importItems from '@salesforce/apex/QuestionnaireController.importItems';
import saveAnswers from '@salesforce/apex/QuestionnaireController.saveAnswers';
import SHEETJS from '@salesforce/resourceUrl/SheetJS';
import LOCALE from '@salesforce/i18n/locale';
import { createMatcher } from 'c/answerMatcher';
import { QuestionnaireError, type LibraryEntry, type ParsedQuestionnaire } from 'c/questionnaireModel';
import {
  ALL_SHEETS,
  DEFAULT_LIMITS,
  decodeText,
  gridsFromWorkbook,
  parseCsv,
  parseQuestionnaire,
  sheetJsReadOptions,
  type Grid,
  type TextEncodingName
} from 'c/questionnaireParser';
import {
  EXPORT_MEDIA_TYPES,
  csvText,
  exportCsv,
  exportDataUrl,
  exportFileName,
  exportRows,
  fillSheet,
  utf8Bytes,
  writeXlsx,
  type ExportFormat,
  type ExportSheet
} from 'c/questionnaireExport';
import {
  ACCEPTED,
  APPROVED,
  BAND_VALUES,
  ROUTED,
  SHORT_ANSWERS,
  STATUS_VALUES,
  SUGGESTED,
  UNMATCHED,
  acceptChange,
  applySaved,
  autoAnswerChange,
  editChange,
  exportItemOf,
  hasText,
  isOpen,
  matchesFilters,
  mergeChange,
  questionnaireFormat,
  tally,
  toModel,
  type BandValue,
  type Change,
  type ItemData,
  type ItemModel,
  type LibraryEntryData,
  type ReviewCounts
} from './reviewRules';

// ---------------------------------------------------------------------------------------------------------
// What QuestionnaireController.getWorkspace returns (Apex leaves null fields out).

interface QuestionnaireData {
  readonly id: string;
  readonly name?: string;
  readonly format?: string;
  readonly status?: string;
  readonly sourceFileName?: string;
}

interface WorkspaceData {
  readonly questionnaire: QuestionnaireData;
  readonly items: readonly ItemData[];
  readonly itemsTruncated?: boolean;
  readonly library: readonly LibraryEntryData[];
  readonly libraryTruncated?: boolean;
  readonly libraryAvailable?: boolean;
  readonly maxItems?: number;
}

// ---------------------------------------------------------------------------------------------------------
// View models

interface RowView {
  readonly id: string;
  readonly key: string;
  readonly section: string;
  readonly question: string;
  readonly answerText: string;
  readonly suggestionNote: string;
  readonly shortAnswer: string;
  readonly bandLabel: string;
  readonly hasBand: boolean;
  readonly bandClass: string;
  readonly scoreText: string;
  readonly statusLabel: string;
  readonly smeText: string;
  readonly unsaved: boolean;
  readonly canAccept: boolean;
  readonly cannotAccept: boolean;
  readonly isEditing: boolean;
  readonly isRouting: boolean;
  readonly acceptLabel: string;
  readonly editLabel: string;
  readonly routeLabel: string;
  readonly answerLabel: string;
  readonly shortAnswerLabel: string;
  readonly smeLabel: string;
}

interface Option {
  readonly label: string;
  readonly value: string;
}

interface SourceFile {
  readonly fileName: string;
  readonly text?: string;
  readonly encoding?: TextEncodingName;
  readonly grids?: readonly Grid[];
}

/** The buyer's own file, kept to write the answers back into its columns. */
interface BuyerFile {
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly grids: readonly Grid[];
  readonly grid: Grid;
  readonly parsed: ParsedQuestionnaire;
}

const ALL = '';
const BAND_CLASS: Readonly<Record<BandValue, string>> = {
  High: 'band-badge slds-theme_success',
  Medium: 'band-badge slds-theme_warning',
  Low: 'band-badge slds-theme_error',
  None: 'band-badge'
};
const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'ods']);
const LEGACY_WORKBOOKS = new Set(['xls', 'xlsb']);
const ACCEPTED_FILES = '.csv,.tsv,.txt,.xlsx,.xlsm,.ods,.json';
/** Questions matched between two yields to the browser: small enough to keep the page responsive. */
const MATCH_CHUNK = 100;
const PAGE_SIZE = 50;
const DEFAULT_MAX_ITEMS = 5000;

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString(LOCALE)} ${count === 1 ? one : many}`;
}

function isWorkspaceData(value: unknown): value is WorkspaceData {
  const data = value as Partial<WorkspaceData> | null | undefined;
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof data.questionnaire === 'object' &&
    data.questionnaire !== null &&
    Array.isArray(data.items) &&
    Array.isArray(data.library)
  );
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** Reads a file's bytes through FileReader, which every browser and Lightning Web Security support. */
function readFile(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`The file ${file.name} could not be read.`));
    reader.readAsArrayBuffer(file);
  });
}

/** Lets the browser paint the progress bar and handle input between chunks of matching. */
function nextTask(): Promise<void> {
  // A macrotask, not a microtask: only a macrotask lets the browser render in between.
  // eslint-disable-next-line @lwc/lwc/no-async-operation
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The questionnaire responder's workspace on a Security Questionnaire record: upload the buyer's file (CSV, XLSX or
 * VSAQ JSON), preview and import all its questions in one call, auto-answer them from the Approved answer library
 * with a progress bar, review the answers (accept, edit, route to a subject-matter expert; filter by confidence and
 * status), save them in one call, and export them back in the buyer's order with the buyer's keys, formula
 * injection neutralised, optionally into the buyer's own spreadsheet.
 */
export default class QuestionnaireWorkspace extends LightningElement {
  @api recordId: string | undefined;

  workspace: WorkspaceData | undefined;
  loadError: unknown;

  // Upload and import
  readonly acceptedFiles = ACCEPTED_FILES;
  source: SourceFile | undefined;
  parsed: ParsedQuestionnaire | undefined;
  selectedSheet = '';
  reading = false;
  parseErrorMessage = '';
  parseError: unknown;
  importing = false;
  importError: unknown;

  // Auto-answer
  matching = false;
  progress = 0;
  progressText = '';
  matchError: unknown;

  // Review
  rows: RowView[] = [];
  visibleCount = 0;
  pageIndex = 0;
  bandFilter = ALL;
  statusFilter = ALL;
  editingId = '';
  draftAnswer = '';
  draftShortAnswer = '';
  routingId = '';
  routeSmeId = '';
  counts: ReviewCounts = tally([]);
  saving = false;
  saveError: unknown;

  // Export
  exporting = false;
  exportError: unknown;
  buyerFile: BuyerFile | undefined;
  buyerFileError = '';

  readonly bandOptions: Option[] = [
    { label: 'All confidence bands', value: ALL },
    ...BAND_VALUES.map((band) => ({ label: band, value: band })),
    { label: 'Not matched yet', value: UNMATCHED }
  ];
  readonly statusOptions: Option[] = [
    { label: 'All review statuses', value: ALL },
    ...STATUS_VALUES.map((status) => ({ label: status, value: status }))
  ];
  readonly shortAnswerOptions: Option[] = [
    { label: 'None', value: '' },
    ...SHORT_ANSWERS.map((value) => ({ label: value, value }))
  ];

  private wiredResult: unknown;
  private items: ItemData[] = [];
  private itemsById = new Map<string, ItemData>();
  private changes = new Map<string, Change>();
  private models: ItemModel[] = [];
  private filtered: ItemModel[] = [];
  private libraryById = new Map<string, LibraryEntryData>();
  private sheetJsLoad: Promise<SheetJsLibrary> | undefined;
  private downloadUrl: string | undefined;
  private focusSelector = '';

  @wire(getWorkspace, { questionnaireId: '$recordId' })
  wiredWorkspace(result: WireResult<unknown>): void {
    this.wiredResult = result;
    if (result.error) {
      this.loadError = result.error;
      this.workspace = undefined;
    } else if (isWorkspaceData(result.data)) {
      this.loadError = undefined;
      this.workspace = result.data;
      this.setItems([...result.data.items]);
      this.libraryById = new Map(result.data.library.map((entry) => [entry.id, entry]));
      this.rebuild();
    }
  }

  override renderedCallback(): void {
    if (this.focusSelector === '') return;
    const target = this.template?.querySelector<HTMLElement>(this.focusSelector);
    if (target) {
      this.focusSelector = '';
      target.focus();
    }
  }

  override disconnectedCallback(): void {
    this.revokeDownload();
  }

  // -------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return this.workspace === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get hasItems(): boolean {
    return this.workspace !== undefined && this.items.length > 0;
  }

  get isEmpty(): boolean {
    return this.workspace !== undefined && this.items.length === 0;
  }

  get questionnaireName(): string {
    return this.workspace?.questionnaire.name ?? 'questionnaire';
  }

  get maxItems(): number {
    return this.workspace?.maxItems ?? DEFAULT_MAX_ITEMS;
  }

  // Upload -------------------------------------------------------------------------------------------------

  get hasPreview(): boolean {
    return this.parsed !== undefined;
  }

  get previewItemCount(): number {
    return this.parsed?.items.length ?? 0;
  }

  get previewSummary(): string {
    const parsed = this.parsed;
    if (!parsed) return '';
    return [
      plural(parsed.items.length, 'question', 'questions'),
      `${plural(parsed.excluded, 'row', 'rows')} excluded`,
      plural(parsed.warnings.length, 'warning', 'warnings')
    ].join(' · ');
  }

  get previewWarnings(): Array<{ key: string; text: string }> {
    return (this.parsed?.warnings ?? []).map((text, index) => ({ key: `w${index}`, text }));
  }

  get hasPreviewWarnings(): boolean {
    return (this.parsed?.warnings.length ?? 0) > 0;
  }

  get sheetOptions(): Option[] {
    return [
      { label: 'All sheets with questions', value: ALL_SHEETS },
      ...(this.source?.grids ?? []).map((grid) => ({
        label: grid.hidden === true ? `${grid.name} (hidden)` : grid.name,
        value: grid.name
      }))
    ];
  }

  get hasSheetChoice(): boolean {
    return (this.source?.grids?.length ?? 0) > 1;
  }

  get tooManyItems(): boolean {
    return this.previewItemCount > this.maxItems;
  }

  get tooManyItemsMessage(): string {
    return `This file has ${plural(this.previewItemCount, 'question', 'questions')}, more than the ${this.maxItems.toLocaleString(LOCALE)} one questionnaire may hold. Split it into several questionnaires.`;
  }

  get importLabel(): string {
    return this.importing ? 'Importing…' : `Import ${plural(this.previewItemCount, 'item', 'items')}`;
  }

  get importDisabled(): boolean {
    return this.importing || this.previewItemCount === 0 || this.tooManyItems;
  }

  get previewFileName(): string {
    return this.source?.fileName ?? '';
  }

  // Review ------------------------------------------------------------------------------------------------

  get libraryCount(): number {
    return this.workspace?.library.length ?? 0;
  }

  get libraryNotice(): string {
    const workspace = this.workspace;
    if (!workspace) return '';
    if (workspace.libraryAvailable === false) {
      return 'You cannot read the answer library, so auto-answer is not available.';
    }
    if (workspace.library.length === 0) {
      return 'The answer library has no approved entries yet, so auto-answer has nothing to suggest.';
    }
    const base = `Auto-answer uses ${plural(workspace.library.length, 'approved library entry', 'approved library entries')}; entries flagged for review, drafts and retired entries are never used.`;
    return workspace.libraryTruncated ? `${base} Only the first 5,000 are loaded.` : base;
  }

  get autoAnswerDisabled(): boolean {
    return this.matching || this.saving || this.libraryCount === 0;
  }

  get highToAccept(): number {
    return this.models.filter((model) => model.confidenceBand === 'High' && model.reviewStatus === SUGGESTED)
      .length;
  }

  get acceptHighLabel(): string {
    return `Accept ${plural(this.highToAccept, 'high-confidence answer', 'high-confidence answers')}`;
  }

  get acceptHighDisabled(): boolean {
    return this.matching || this.highToAccept === 0;
  }

  get unsavedCount(): number {
    return this.changes.size;
  }

  get saveLabel(): string {
    if (this.saving) return 'Saving…';
    return this.unsavedCount === 0 ? 'Save' : `Save ${plural(this.unsavedCount, 'change', 'changes')}`;
  }

  get saveDisabled(): boolean {
    return this.saving || this.matching || this.unsavedCount === 0;
  }

  get busy(): boolean {
    return this.matching || this.saving || this.exporting;
  }

  get countItems(): Array<{ key: string; label: string; value: string }> {
    const c = this.counts;
    const entry = (key: string, label: string, value: number) => ({
      key,
      label,
      value: value.toLocaleString(LOCALE)
    });
    return [
      entry('high', 'High', c.high),
      entry('medium', 'Medium', c.medium),
      entry('low', 'Low', c.low),
      entry('none', 'None', c.none),
      entry('unmatched', 'Not matched', c.unmatched),
      entry('accepted', 'Accepted', c.accepted),
      entry('edited', 'Edited', c.edited),
      entry('routed', 'Routed to SME', c.routed),
      entry('approved', 'Approved', c.approved),
      entry('unsaved', 'Unsaved', this.unsavedCount)
    ];
  }

  get statusLine(): string {
    return `Showing ${this.visibleCount.toLocaleString(LOCALE)} of ${plural(this.models.length, 'question', 'questions')}.`;
  }

  get isTruncated(): boolean {
    return this.workspace?.itemsTruncated === true;
  }

  get hasVisibleRows(): boolean {
    return this.visibleCount > 0;
  }

  get pageCount(): number {
    return Math.max(1, Math.ceil(this.filtered.length / PAGE_SIZE));
  }

  get progressLabel(): string {
    return `Auto-answer progress: ${this.progress}%`;
  }

  get exportDisabled(): boolean {
    return this.busy;
  }

  get fillDisabled(): boolean {
    return this.busy || this.buyerFile === undefined;
  }

  get fillLabel(): string {
    const buyer = this.buyerFile;
    return buyer ? `Fill ${buyer.fileName}` : "Fill the buyer's file";
  }

  // -------------------------------------------------------------------------------------------------------
  // Derivation

  private setItems(items: ItemData[]): void {
    this.items = items;
    this.itemsById = new Map(items.map((item) => [item.id, item]));
  }

  private rebuild(): void {
    this.models = this.items.map((item, index) => toModel(item, this.changes.get(item.id), index));
    this.counts = tally(this.models);
    this.filtered = this.models.filter((model) => matchesFilters(model, this.bandFilter, this.statusFilter));
    this.visibleCount = this.filtered.length;
    this.pageIndex = Math.min(this.pageIndex, this.pageCount - 1);
    this.rows = this.filtered
      .slice(this.pageIndex * PAGE_SIZE, (this.pageIndex + 1) * PAGE_SIZE)
      .map((model) => this.toRow(model));
  }

  private suggestionOf(model: ItemModel): LibraryEntryData | undefined {
    return model.suggestedEntryId === null ? undefined : this.libraryById.get(model.suggestedEntryId);
  }

  private toRow(model: ItemModel): RowView {
    const suggestion = this.suggestionOf(model);
    const answered = hasText(model.answer);
    const finished = model.reviewStatus === ACCEPTED || model.reviewStatus === APPROVED;
    const canAccept = !finished && acceptChange(model, suggestion) !== undefined;
    const label = model.key === '' ? 'this question' : model.key;
    let suggestionNote = '';
    if (suggestion && answered) suggestionNote = `From the library: ${suggestion.name ?? suggestion.id}`;
    else if (suggestion)
      suggestionNote = `Possible answer from the library (${suggestion.name ?? suggestion.id}): not filled in`;
    let smeText = '';
    if (model.reviewStatus === ROUTED) {
      smeText =
        model.smeName !== '' ? `SME: ${model.smeName}` : model.smeId ? 'SME chosen' : 'No SME chosen yet';
    }
    return {
      id: model.id,
      key: model.key,
      section: model.section,
      question: model.question,
      answerText: answered ? (model.answer ?? '') : '',
      suggestionNote,
      shortAnswer: model.shortAnswer ?? '',
      bandLabel: model.confidenceBand ?? 'Not matched',
      hasBand: model.confidenceBand !== null,
      bandClass: model.confidenceBand ? BAND_CLASS[model.confidenceBand] : 'band-badge',
      scoreText: model.matchScore === null ? '' : `${Math.round(model.matchScore * 100)}%`,
      statusLabel: model.reviewStatus,
      smeText,
      unsaved: model.unsaved,
      canAccept,
      cannotAccept: !canAccept,
      isEditing: this.editingId === model.id,
      isRouting: this.routingId === model.id,
      acceptLabel: `Accept the answer to ${label}`,
      editLabel: `Edit the answer to ${label}`,
      routeLabel: `Route ${label} to a subject-matter expert`,
      answerLabel: `Answer to ${label}`,
      shortAnswerLabel: `Short answer to ${label}`,
      smeLabel: `Subject-matter expert for ${label}`
    };
  }

  /** Records a change to an item, keeping only what differs from the stored values. */
  private change(changes: Map<string, Change>, id: string, fields: Change): void {
    const item = this.itemsById.get(id);
    if (!item) return;
    const merged = mergeChange(item, changes.get(id), fields);
    if (merged === undefined) changes.delete(id);
    else changes.set(id, merged);
  }

  private update(id: string, fields: Change): void {
    const changes = new Map(this.changes);
    this.change(changes, id, fields);
    this.changes = changes;
    this.rebuild();
  }

  private modelOf(id: string): ItemModel | undefined {
    return this.models.find((model) => model.id === id);
  }

  /**
   * The import and the save change the questionnaire's counts (roll-up summaries): tell the record page so its
   * highlights and details show them. A failure here only leaves the counts stale, so it is not reported.
   */
  private notifyRecordChanged(): void {
    if (this.recordId === undefined) return;
    notifyRecordUpdateAvailable([{ recordId: this.recordId }]).catch(() => undefined);
  }

  private toast(title: string, message: string, variant: 'success' | 'info' | 'warning' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }

  // -------------------------------------------------------------------------------------------------------
  // Upload and import

  async handleFileChange(event: CustomEvent<{ files?: FileList | File[] }>): Promise<void> {
    const file = event.detail?.files?.[0];
    this.resetUpload();
    if (!file) return;
    this.reading = true;
    try {
      this.source = await this.readSource(file);
      this.parse('');
    } catch (error: unknown) {
      this.failParse(file.name, error);
    } finally {
      this.reading = false;
    }
  }

  private resetUpload(): void {
    this.source = undefined;
    this.parsed = undefined;
    this.selectedSheet = '';
    this.parseError = undefined;
    this.parseErrorMessage = '';
    this.importError = undefined;
  }

  private async readSource(file: File): Promise<SourceFile> {
    const extension = extensionOf(file.name);
    if (file.size > DEFAULT_LIMITS.maxBytes) {
      throw new QuestionnaireError(
        `the file is ${Math.ceil(file.size / (1024 * 1024))} MB, more than the limit of ${DEFAULT_LIMITS.maxBytes / (1024 * 1024)} MB`,
        { file: file.name }
      );
    }
    if (LEGACY_WORKBOOKS.has(extension)) {
      throw new QuestionnaireError(
        'this workbook format cannot be read here: save it as .xlsx and upload it again',
        {
          file: file.name
        }
      );
    }
    if (WORKBOOK_EXTENSIONS.has(extension)) {
      const [bytes, sheetJs] = await Promise.all([readFile(file), this.sheetJs()]);
      let workbook: unknown;
      try {
        workbook = sheetJs.read(bytes, { ...sheetJsReadOptions(), type: 'array' });
      } catch (error: unknown) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new QuestionnaireError(
          `the workbook cannot be read (damaged, password-protected or not a spreadsheet): ${reason}`,
          { file: file.name }
        );
      }
      return { fileName: file.name, grids: gridsFromWorkbook(workbook, { file: file.name }) };
    }
    return { fileName: file.name, ...decodeText(await readFile(file)) };
  }

  private parse(sheet: string): void {
    const source = this.source;
    if (!source) return;
    this.parseError = undefined;
    this.parseErrorMessage = '';
    try {
      this.parsed = parseQuestionnaire({ ...source, ...(sheet === '' ? {} : { sheet }) });
      this.selectedSheet = this.parsed.sheet ?? '';
    } catch (error: unknown) {
      this.parsed = undefined;
      this.failParse(source.fileName, error);
    }
  }

  private failParse(fileName: string, error: unknown): void {
    if (error instanceof QuestionnaireError) {
      this.parseErrorMessage = `We couldn't read ${fileName}: ${error.message}`;
      this.parseError = undefined;
    } else {
      this.parseErrorMessage = `We couldn't read ${fileName}.`;
      this.parseError = error;
    }
  }

  get hasParseError(): boolean {
    return this.parseErrorMessage !== '';
  }

  handleSheetChange(event: CustomEvent<{ value: string }>): void {
    this.parse(event.detail.value);
  }

  handleCancelUpload(): void {
    this.resetUpload();
  }

  async handleImport(): Promise<void> {
    const parsed = this.parsed;
    const source = this.source;
    if (!parsed || !source || this.recordId === undefined || this.importDisabled) return;
    this.importing = true;
    this.importError = undefined;
    const request = {
      fileName: source.fileName,
      ...(this.workspace?.questionnaire.format
        ? {}
        : { format: questionnaireFormat(parsed, source.fileName) }),
      items: parsed.items.map((item) => ({
        key: item.key,
        section: item.section,
        question: item.question,
        responseType: item.responseType,
        choices: item.choices
      }))
    };
    try {
      await importItems({ questionnaireId: this.recordId, itemsJson: JSON.stringify(request) });
      this.buyerFile = this.buyerFileOf(source, parsed);
      this.resetUpload();
      this.toast(
        'Questionnaire imported',
        `${plural(parsed.items.length, 'question', 'questions')} imported.`,
        'success'
      );
      this.notifyRecordChanged();
      await refreshApex(this.wiredResult);
    } catch (error: unknown) {
      this.importError = error;
    } finally {
      this.importing = false;
    }
  }

  /** The source file with the sheet its questions came from, when answers can be written back into it. */
  private buyerFileOf(source: SourceFile, parsed: ParsedQuestionnaire): BuyerFile | undefined {
    if (!parsed.layout) return undefined;
    if (parsed.format === 'csv' && typeof source.text === 'string') {
      const grid = parseCsv(source.text, { file: source.fileName });
      return { fileName: source.fileName, format: 'csv', grids: [grid], grid, parsed };
    }
    const grid = source.grids?.find((candidate) => candidate.name === parsed.sheet);
    return grid && source.grids
      ? { fileName: source.fileName, format: 'xlsx', grids: source.grids, grid, parsed }
      : undefined;
  }

  private sheetJs(): Promise<SheetJsLibrary> {
    if (window.XLSX) return Promise.resolve(window.XLSX);
    if (this.sheetJsLoad === undefined) {
      this.sheetJsLoad = loadScript(this, SHEETJS).then(() => {
        if (!window.XLSX) throw new Error('The spreadsheet library did not load.');
        return window.XLSX;
      });
      // A failed load is not cached: the next export or upload tries again.
      this.sheetJsLoad.catch(() => {
        this.sheetJsLoad = undefined;
      });
    }
    return this.sheetJsLoad;
  }

  // -------------------------------------------------------------------------------------------------------
  // Auto-answer

  private libraryEntries(): LibraryEntry[] {
    return (this.workspace?.library ?? []).map((entry) => ({
      id: entry.id,
      question: entry.question ?? '',
      alternates: entry.alternates ?? [],
      answer: entry.answer ?? '',
      criteria: entry.criteria ?? [],
      status: 'Approved'
    }));
  }

  async handleAutoAnswer(): Promise<void> {
    if (this.autoAnswerDisabled) return;
    // Only questions nobody has worked on: accepted, edited, routed and approved answers are never replaced.
    const targets = this.models.filter(isOpen);
    if (targets.length === 0) {
      this.toast('Nothing to auto-answer', 'Every question has already been reviewed.', 'info');
      return;
    }
    this.matching = true;
    this.matchError = undefined;
    this.progress = 0;
    this.progressText = `Matched 0 of ${plural(targets.length, 'question', 'questions')}`;
    const bands = { high: 0, medium: 0, low: 0, none: 0 };
    try {
      await nextTask();
      const matcher = createMatcher(this.libraryEntries());
      for (let start = 0; start < targets.length; start += MATCH_CHUNK) {
        const chunk = targets.slice(start, start + MATCH_CHUNK);
        const results = matcher.matchAll(
          chunk.map((model) => ({ key: model.key, section: model.section, question: model.question }))
        );
        const changes = new Map(this.changes);
        const latest = new Map(this.models.map((model) => [model.id, model]));
        results.forEach((result, i) => {
          const model = chunk[i] as ItemModel;
          bands[result.band]++;
          // A reviewer may have accepted or edited the question while the engine was running.
          const current = latest.get(model.id);
          if (!current || !isOpen(current)) return;
          const entry = result.entryId === null ? undefined : this.libraryById.get(result.entryId);
          this.change(changes, model.id, autoAnswerChange(result, entry));
        });
        this.changes = changes;
        this.rebuild();
        const done = Math.min(start + MATCH_CHUNK, targets.length);
        this.progress = Math.round((done * 100) / targets.length);
        this.progressText = `Matched ${done.toLocaleString(LOCALE)} of ${plural(targets.length, 'question', 'questions')}`;
        // One chunk at a time on purpose: the page renders the progress and stays usable in between.
        // eslint-disable-next-line no-await-in-loop
        await nextTask();
      }
      this.toast(
        'Auto-answer finished',
        `${bands.high} high, ${bands.medium} medium, ${bands.low} low, ${bands.none} none. Review the answers, then save.`,
        'success'
      );
    } catch (error: unknown) {
      this.matchError = error;
    } finally {
      this.matching = false;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Review

  handleBandFilter(event: CustomEvent<{ value: string }>): void {
    this.bandFilter = event.detail.value;
    this.pageIndex = 0;
    this.rebuild();
  }

  handleStatusFilter(event: CustomEvent<{ value: string }>): void {
    this.statusFilter = event.detail.value;
    this.pageIndex = 0;
    this.rebuild();
  }

  handleClearFilters(): void {
    this.bandFilter = ALL;
    this.statusFilter = ALL;
    this.pageIndex = 0;
    this.rebuild();
  }

  handlePageChange(event: CustomEvent<{ pageIndex: number }>): void {
    this.pageIndex = event.detail.pageIndex;
    this.rebuild();
  }

  handleAccept(event: Event): void {
    const model = this.modelOf((event.currentTarget as HTMLElement).dataset.id ?? '');
    const change = model ? acceptChange(model, this.suggestionOf(model)) : undefined;
    if (model && change) {
      this.update(model.id, change);
    }
  }

  handleAcceptHigh(): void {
    const changes = new Map(this.changes);
    for (const model of this.models) {
      if (model.confidenceBand === 'High' && model.reviewStatus === SUGGESTED) {
        this.change(changes, model.id, { reviewStatus: ACCEPTED });
      }
    }
    this.changes = changes;
    this.rebuild();
  }

  handleEdit(event: Event): void {
    const model = this.modelOf((event.currentTarget as HTMLElement).dataset.id ?? '');
    if (!model) return;
    const suggestion = this.suggestionOf(model);
    this.routingId = '';
    this.editingId = model.id;
    this.draftAnswer = hasText(model.answer) ? model.answer : (suggestion?.answer ?? '');
    this.draftShortAnswer =
      model.shortAnswer ?? (hasText(model.answer) ? '' : (suggestion?.shortAnswer ?? ''));
    this.focusSelector = '.answer-editor';
    this.rebuild();
  }

  handleDraftAnswer(event: CustomEvent<{ value: string }>): void {
    this.draftAnswer = event.detail.value;
  }

  handleDraftShortAnswer(event: CustomEvent<{ value: string }>): void {
    this.draftShortAnswer = event.detail.value;
  }

  handleSaveEdit(): void {
    const id = this.editingId;
    this.editingId = '';
    this.focusSelector = `.edit-button[data-id="${id}"]`;
    this.update(id, editChange(this.draftAnswer, this.draftShortAnswer));
  }

  handleCancelEdit(): void {
    const id = this.editingId;
    this.editingId = '';
    this.focusSelector = `.edit-button[data-id="${id}"]`;
    this.rebuild();
  }

  handleEditorKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.handleCancelEdit();
    }
  }

  handleRoute(event: Event): void {
    const model = this.modelOf((event.currentTarget as HTMLElement).dataset.id ?? '');
    if (!model) return;
    this.editingId = '';
    this.routingId = model.id;
    this.routeSmeId = model.smeId ?? '';
    this.focusSelector = '.sme-picker';
    this.rebuild();
  }

  handleSmeChange(event: CustomEvent<{ recordId?: string | null }>): void {
    this.routeSmeId = event.detail?.recordId ?? '';
  }

  handleConfirmRoute(): void {
    const id = this.routingId;
    this.routingId = '';
    this.focusSelector = `.route-button[data-id="${id}"]`;
    this.update(id, { reviewStatus: ROUTED, smeId: this.routeSmeId === '' ? null : this.routeSmeId });
  }

  handleCancelRoute(): void {
    const id = this.routingId;
    this.routingId = '';
    this.focusSelector = `.route-button[data-id="${id}"]`;
    this.rebuild();
  }

  handleRouteKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.handleCancelRoute();
    }
  }

  async handleSave(): Promise<void> {
    if (this.saveDisabled) return;
    const saved = new Map(this.changes);
    const updates = [...saved].map(([id, change]) => ({ id, ...change }));
    this.saving = true;
    this.saveError = undefined;
    try {
      await saveAnswers({ updatesJson: JSON.stringify(updates) });
      // Keep what was saved on screen while the workspace reloads.
      this.setItems(
        this.items.map((item) => {
          const change = saved.get(item.id);
          return change ? applySaved(item, change) : item;
        })
      );
      const remaining = new Map(this.changes);
      for (const [id, change] of saved) {
        if (remaining.get(id) === change) remaining.delete(id);
      }
      this.changes = remaining;
      this.rebuild();
      this.toast('Answers saved', `${plural(updates.length, 'question', 'questions')} saved.`, 'success');
      this.notifyRecordChanged();
      await refreshApex(this.wiredResult);
    } catch (error: unknown) {
      this.saveError = error;
    } finally {
      this.saving = false;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Export

  private exportItems(): ReturnType<typeof exportItemOf>[] {
    return this.models.map(exportItemOf);
  }

  handleExportCsv(): void {
    this.exportError = undefined;
    try {
      const csv = exportCsv(this.exportItems());
      this.download('csv', utf8Bytes(csv), exportFileName(`${this.questionnaireName} answers`, 'csv'));
    } catch (error: unknown) {
      this.exportError = error;
    }
  }

  async handleExportXlsx(): Promise<void> {
    await this.exportWith(async () => {
      const sheetJs = await this.sheetJs();
      const bytes = writeXlsx(sheetJs, [{ name: 'Answers', rows: exportRows(this.exportItems()) }]);
      this.download('xlsx', bytes, exportFileName(`${this.questionnaireName} answers`, 'xlsx'));
    });
  }

  async handleFillBuyerFile(): Promise<void> {
    const buyer = this.buyerFile;
    if (!buyer) return;
    await this.exportWith(async () => {
      const filled = fillSheet(
        buyer.grid,
        buyer.parsed,
        this.models.map((model) => ({
          key: model.key,
          order: model.order - 1,
          answer: model.answer,
          shortAnswer: model.shortAnswer
        }))
      );
      const base = buyer.fileName.replace(/\.[^.]*$/, '');
      if (buyer.format === 'csv') {
        this.download('csv', utf8Bytes(csvText(filled.rows)), exportFileName(`${base} answered`, 'csv'));
      } else {
        const sheets: ExportSheet[] = buyer.grids.map((grid) => (grid === buyer.grid ? filled : grid));
        const bytes = writeXlsx(await this.sheetJs(), sheets);
        this.download('xlsx', bytes, exportFileName(`${base} answered`, 'xlsx'));
      }
      const notes = [`${plural(filled.filled, 'answer', 'answers')} written into ${buyer.fileName}`];
      if (filled.unanswered.length > 0)
        notes.push(`${plural(filled.unanswered.length, 'question', 'questions')} left unanswered`);
      if (filled.unplaced.length > 0)
        notes.push(`${plural(filled.unplaced.length, 'answer', 'answers')} not found in the file`);
      this.toast(
        "Buyer's file filled",
        `${notes.join('; ')}.`,
        filled.unplaced.length > 0 ? 'warning' : 'success'
      );
    });
  }

  async handleBuyerFileChange(event: CustomEvent<{ files?: FileList | File[] }>): Promise<void> {
    const file = event.detail?.files?.[0];
    this.buyerFileError = '';
    if (!file) return;
    try {
      const source = await this.readSource(file);
      const parsed = parseQuestionnaire(source);
      const buyer = this.buyerFileOf(source, parsed);
      if (!buyer) {
        this.buyerFileError = `${file.name} has no columns to write answers into: use the CSV or XLSX export instead.`;
        return;
      }
      this.buyerFile = buyer;
    } catch (error: unknown) {
      this.buyerFileError =
        error instanceof QuestionnaireError
          ? `We couldn't read ${file.name}: ${error.message}`
          : `We couldn't read ${file.name}.`;
    }
  }

  private async exportWith(action: () => Promise<void>): Promise<void> {
    this.exporting = true;
    this.exportError = undefined;
    try {
      await action();
    } catch (error: unknown) {
      this.exportError = error;
    } finally {
      this.exporting = false;
    }
  }

  /**
   * Downloads bytes under a fixed media type: a blob URL where the browser offers one, else a base64 `data:` URL.
   * Neither the URL nor the media type is built from cell text; the file name is sanitised.
   */
  private download(format: ExportFormat, bytes: Uint8Array, fileName: string): void {
    this.revokeDownload();
    const mediaType = EXPORT_MEDIA_TYPES[format];
    let url: string;
    if (typeof URL.createObjectURL === 'function' && typeof Blob === 'function') {
      url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mediaType }));
      this.downloadUrl = url;
    } else {
      url = exportDataUrl(format, bytes);
    }
    // A link inside the component, so that every browser downloads it (some ignore clicks on detached links).
    const link =
      this.template?.querySelector<HTMLAnchorElement>('a.download-link') ?? document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  }

  private revokeDownload(): void {
    if (this.downloadUrl !== undefined) {
      URL.revokeObjectURL(this.downloadUrl);
      this.downloadUrl = undefined;
    }
  }
}
