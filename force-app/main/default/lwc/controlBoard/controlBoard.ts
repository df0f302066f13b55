import { LightningElement, wire } from 'lwc';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { refreshApex } from '@salesforce/apex';
import getBoard from '@salesforce/apex/ControlBoardController.getBoard';
import TRUST_CONTROL_OBJECT from '@salesforce/schema/Trust_Control__c';
import ID_FIELD from '@salesforce/schema/Trust_Control__c.Id';
import STATUS_FIELD from '@salesforce/schema/Trust_Control__c.Status__c';
import LOCALE from '@salesforce/i18n/locale';
import {
  evaluateEvidenceWindow,
  isRemediationOverdue,
  type EvidenceCadence,
  type EvidenceResult,
  type EvidenceWindow
} from 'c/evidenceWindow';

// ---------------------------------------------------------------------------------------------------------
// What ControlBoardController.getBoard returns (Apex leaves null fields out).

interface EvidencePointData {
  readonly sampledOn: string;
  readonly result: EvidenceResult;
}

interface ControlRowData {
  readonly id: string;
  readonly name?: string;
  readonly controlId?: string;
  readonly ownerId?: string;
  readonly ownerName?: string;
  readonly status?: string;
  readonly remediationDue?: string;
  readonly remediatedOn?: string;
  readonly windowDays?: number;
  readonly cadence?: EvidenceCadence;
  readonly surfaces?: readonly string[];
  readonly criteria?: readonly string[];
  readonly evidence?: readonly EvidencePointData[];
  readonly openExceptionIds?: readonly string[];
}

interface CriterionInfoData {
  readonly id: string;
  readonly shortLabel?: string;
  readonly category?: string;
  readonly series?: string;
  readonly seriesLabel?: string;
  readonly sortOrder?: number;
}

interface BoardData {
  readonly asOf: string;
  readonly evidenceFrom?: string;
  readonly controlsTruncated?: boolean;
  readonly controls: readonly ControlRowData[];
  readonly criteria: readonly CriterionInfoData[];
  readonly access: { readonly criteria: boolean; readonly evidence: boolean; readonly exceptions: boolean };
}

interface ObjectInfoData {
  readonly updateable?: boolean;
  readonly defaultRecordTypeId?: string;
  readonly fields?: Readonly<Record<string, { readonly updateable?: boolean } | undefined>>;
}

interface PicklistData {
  readonly values?: ReadonlyArray<{ readonly label: string; readonly value: string }>;
}

interface Option {
  readonly label: string;
  readonly value: string;
}

// ---------------------------------------------------------------------------------------------------------
// View models, derived once per data or filter change.

/** A control with everything its rows need, computed when the data arrives. */
interface ControlModel {
  readonly data: ControlRowData;
  readonly id: string;
  readonly title: string;
  readonly ownerKey: string;
  readonly ownerName: string;
  readonly status: string;
  readonly surfaces: readonly string[];
  readonly overdue: boolean;
  readonly window: EvidenceWindow | null;
  /** Series group keys this control belongs to. */
  readonly groupKeys: readonly string[];
  /** Bumped when a row must be re-created, e.g. to show the status kept after a rejected change. */
  readonly revision: number;
}

/** One control row; every value is ready to show. `controlBoardGroup` renders it as it is. */
export interface RowView {
  readonly key: string;
  readonly id: string;
  readonly controlId: string;
  readonly name: string;
  readonly recordUrl: string;
  readonly ownerName: string;
  readonly status: string;
  readonly statusFieldLabel: string;
  /** The remediation due date, formatted once here rather than by a component per row. */
  readonly dueText: string;
  readonly overdue: boolean;
  readonly showProgress: boolean;
  readonly progressValue: number;
  readonly progressLabel: string;
  readonly windowText: string;
  readonly windowDetail: string;
  readonly detailClass: string;
  readonly exceptionsVisible: boolean;
  readonly hasExceptions: boolean;
  readonly exceptionsText: string;
  readonly exceptionsLabel: string;
  readonly exceptionsUrl: string;
}

/** A criteria series group of the board, passed to a `controlBoardGroup`; rows are only derived while it is expanded. */
export interface GroupView {
  readonly key: string;
  readonly title: string;
  readonly caption: string;
  readonly countText: string;
  readonly expanded: boolean;
  /** `aria-expanded` wants the strings true and false. */
  readonly expandedText: string;
  readonly iconName: string;
  readonly rows: readonly RowView[];
}

interface SectionView {
  readonly key: string;
  readonly title: string;
  readonly groups: readonly GroupView[];
}

interface GroupDefinition {
  readonly key: string;
  readonly category: string;
  readonly title: string;
  readonly order: number;
}

const ALL = '';
const UNMAPPED_GROUP = 'unmapped';
const ALL_CONTROLS_GROUP = 'all';
/** Above this many controls the groups start collapsed, so the first render stays light. */
const COLLAPSE_THRESHOLD = 50;

/** Status values in picklist order; their labels come from the picklist when it has loaded. */
const STATUS_VALUES = [
  'Operating',
  'Exception Noted',
  'Remediation In Progress',
  'Remediated - Evidence Accruing',
  'Not Applicable'
];

const CADENCE_NOUN: Readonly<Record<string, string>> = {
  Daily: 'daily',
  Weekly: 'weekly',
  Monthly: 'monthly',
  Quarterly: 'quarterly'
};

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

function formatDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function controlTitle(data: ControlRowData): string {
  return data.controlId ?? data.name ?? data.id;
}

/** Recognises the wire payload; anything else is treated as no data. */
function isBoardData(value: unknown): value is BoardData {
  const board = value as Partial<BoardData> | null | undefined;
  return (
    typeof board === 'object' &&
    board !== null &&
    typeof board.asOf === 'string' &&
    Array.isArray(board.controls) &&
    Array.isArray(board.criteria) &&
    typeof board.access === 'object'
  );
}

function groupDefinitions(board: BoardData): Map<string, GroupDefinition> {
  const groups = new Map<string, GroupDefinition>();
  for (const criterion of board.criteria) {
    const series = criterion.series ?? criterion.id;
    const key = `series:${series}`;
    const order = criterion.sortOrder ?? Number.MAX_SAFE_INTEGER;
    const existing = groups.get(key);
    if (!existing || order < existing.order) {
      groups.set(key, {
        key,
        category: criterion.category ?? 'Other criteria',
        title: criterion.seriesLabel ? `${series} · ${criterion.seriesLabel}` : series,
        order
      });
    }
  }
  return groups;
}

function groupKeysOf(
  data: ControlRowData,
  board: BoardData,
  seriesByCriterion: ReadonlyMap<string, string>
): string[] {
  if (!board.access.criteria) return [ALL_CONTROLS_GROUP];
  const keys = new Set<string>();
  for (const criterion of data.criteria ?? []) {
    keys.add(`series:${seriesByCriterion.get(criterion) ?? criterion}`);
  }
  return keys.size === 0 ? [UNMAPPED_GROUP] : [...keys];
}

function toModel(
  data: ControlRowData,
  board: BoardData,
  seriesByCriterion: ReadonlyMap<string, string>
): ControlModel {
  const status = data.status ?? '';
  const window =
    board.access.evidence && data.remediatedOn
      ? evaluateEvidenceWindow({
          today: board.asOf,
          remediatedOn: data.remediatedOn,
          windowDays: data.windowDays,
          cadence: data.cadence,
          evidence: data.evidence ?? [],
          evidenceFrom: board.evidenceFrom
        })
      : null;
  return {
    data,
    id: data.id,
    title: controlTitle(data),
    ownerKey: data.ownerId ?? '',
    ownerName: data.ownerName ?? 'No owner',
    status,
    surfaces: data.surfaces ?? [],
    overdue: isRemediationOverdue({ status, remediationDue: data.remediationDue }, board.asOf),
    window,
    groupKeys: groupKeysOf(data, board, seriesByCriterion),
    revision: 0
  };
}

function windowSummary(
  model: ControlModel,
  evidenceVisible: boolean
): Pick<RowView, 'showProgress' | 'progressValue' | 'progressLabel' | 'windowText' | 'windowDetail'> & {
  warning: boolean;
} {
  const { window } = model;
  if (!window) {
    let text = 'Starts when remediated';
    if (model.status === 'Operating') text = 'Operating';
    else if (model.status === 'Not Applicable') text = 'Not applicable';
    else if (!evidenceVisible && model.data.remediatedOn) text = 'Evidence not visible to you';
    return {
      showProgress: false,
      progressValue: 0,
      progressLabel: '',
      windowText: text,
      windowDetail: '',
      warning: false
    };
  }
  const details: string[] = [];
  const ready = window.projectedReadyOn ? formatDate(window.projectedReadyOn) : '';
  if (window.state === 'ready') details.push(`Ready since ${ready}`);
  else details.push(`Ready ${ready}`);
  if (window.gapsInWindow > 0) {
    const noun = CADENCE_NOUN[window.cadence] ?? '';
    details.push(plural(window.gapsInWindow, `missing ${noun} sample`, `missing ${noun} samples`));
  }
  if (window.restarts > 0 && window.lastFailure) {
    details.push(
      `restarted after ${window.lastFailure.result} on ${formatDate(window.lastFailure.sampledOn)}`
    );
  }
  if (!window.historyComplete) details.push('earlier evidence not loaded');
  const days = `${window.cleanDays} of ${window.windowDays} clean days`;
  return {
    showProgress: true,
    progressValue: Math.round(window.progress * 100),
    progressLabel: `Evidence window for ${model.title}: ${days}`,
    windowText: days,
    windowDetail: details.join(' · '),
    warning: window.gapsInWindow > 0 || window.state === 'evidence-missing'
  };
}

function toRow(model: ControlModel, groupKey: string, board: BoardData): RowView {
  const { data } = model;
  const summary = windowSummary(model, board.access.evidence);
  const openCount = data.openExceptionIds?.length ?? 0;
  return {
    key: `${groupKey}:${model.id}:${model.revision}`,
    id: model.id,
    controlId: data.controlId ?? '',
    name: data.name ?? '',
    recordUrl: `/lightning/r/Trust_Control__c/${model.id}/view`,
    ownerName: model.ownerName,
    status: model.status,
    statusFieldLabel: `Status of ${model.title}`,
    dueText: data.remediationDue ? formatDate(data.remediationDue) : '',
    overdue: model.overdue,
    showProgress: summary.showProgress,
    progressValue: summary.progressValue,
    progressLabel: summary.progressLabel,
    windowText: summary.windowText,
    windowDetail: summary.windowDetail,
    detailClass: summary.warning
      ? 'window-detail slds-text-body_small slds-text-color_error'
      : 'window-detail slds-text-body_small slds-text-color_weak',
    exceptionsVisible: board.access.exceptions,
    hasExceptions: openCount > 0,
    exceptionsText: openCount > 0 ? `${openCount} open` : 'None',
    exceptionsLabel: `${plural(openCount, 'open audit exception', 'open audit exceptions')} on ${model.title}`,
    exceptionsUrl: `/lightning/r/Trust_Control__c/${model.id}/related/Audit_Exceptions__r/view`
  };
}

function sortedOptions(values: Iterable<Option>, allLabel: string): Option[] {
  const unique = new Map<string, Option>();
  for (const option of values) unique.set(option.value, option);
  return [
    { label: allLabel, value: ALL },
    ...[...unique.values()].sort((a, b) => a.label.localeCompare(b.label, LOCALE))
  ];
}

/**
 * The compliance lead's Control Board: every control grouped by criteria category and series, with its
 * owner, status, remediation due date, evidence-window progress and open audit exceptions; filters by status,
 * owner, surface and overdue; status changed in place when the user may edit it.
 */
export default class ControlBoard extends LightningElement {
  board: BoardData | undefined;
  loadError: unknown;
  updateError: unknown;
  updateErrorMessage = '';

  sections: SectionView[] = [];
  visibleCount = 0;
  statusOptions: Option[] = STATUS_VALUES.map((value) => ({ label: value, value }));
  statusFilterOptions: Option[] = [];
  ownerOptions: Option[] = [];
  surfaceOptions: Option[] = [];

  statusFilter = ALL;
  ownerFilter = ALL;
  surfaceFilter = ALL;
  overdueOnly = false;

  canEditStatus = false;
  recordTypeId: string | undefined;

  private wiredBoard: unknown;
  private models: ControlModel[] = [];
  private groupsByKey = new Map<string, GroupDefinition>();
  private expanded = new Set<string>();
  private statusLabels = new Map<string, string>();

  @wire(getBoard)
  wiredGetBoard(result: WireResult<unknown>): void {
    this.wiredBoard = result;
    if (result.error) {
      this.loadError = result.error;
      this.board = undefined;
      this.derive();
    } else if (isBoardData(result.data)) {
      const firstLoad = this.board === undefined;
      this.loadError = undefined;
      this.board = result.data;
      this.buildModels(firstLoad);
    }
  }

  @wire(getObjectInfo, { objectApiName: TRUST_CONTROL_OBJECT })
  wiredObjectInfo(value: unknown): void {
    const { data } = value as WireResult<ObjectInfoData>;
    if (data) {
      this.canEditStatus =
        data.updateable === true && data.fields?.[STATUS_FIELD.fieldApiName]?.updateable === true;
      this.recordTypeId = data.defaultRecordTypeId;
    }
  }

  @wire(getPicklistValues, { recordTypeId: '$recordTypeId', fieldApiName: STATUS_FIELD })
  wiredStatusValues(value: unknown): void {
    const { data } = value as WireResult<PicklistData>;
    if (data?.values) {
      this.statusLabels = new Map(data.values.map((entry) => [entry.value, entry.label]));
      this.statusOptions = data.values.map((entry) => ({ label: entry.label, value: entry.value }));
      this.buildFilterOptions();
      this.derive();
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return this.board === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get isEmpty(): boolean {
    return this.board !== undefined && this.board.controls.length === 0;
  }

  get hasControls(): boolean {
    return this.board !== undefined && this.board.controls.length > 0;
  }

  get hasVisibleControls(): boolean {
    return this.visibleCount > 0;
  }

  get isTruncated(): boolean {
    return this.board?.controlsTruncated === true;
  }

  get isReadOnly(): boolean {
    return !this.canEditStatus;
  }

  get limitedAccessMessage(): string {
    const access = this.board?.access;
    if (!access) return '';
    const hidden = [
      access.criteria ? '' : 'criteria',
      access.evidence ? '' : 'evidence',
      access.exceptions ? '' : 'audit exceptions'
    ].filter((part) => part !== '');
    return hidden.length === 0
      ? ''
      : `Your access does not include ${hidden.join(', ')}, so they are not shown.`;
  }

  get statusLine(): string {
    const total = this.board?.controls.length ?? 0;
    const groups = this.sections.reduce((sum, section) => sum + section.groups.length, 0);
    return `Showing ${this.visibleCount} of ${plural(total, 'control', 'controls')} in ${plural(groups, 'group', 'groups')}.`;
  }

  get allExpanded(): boolean {
    return this.sections.every((section) => section.groups.every((group) => group.expanded));
  }

  get expandAllLabel(): string {
    return this.allExpanded ? 'Collapse all' : 'Expand all';
  }

  get hasFilters(): boolean {
    return (
      this.statusFilter !== ALL || this.ownerFilter !== ALL || this.surfaceFilter !== ALL || this.overdueOnly
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Derivation

  private buildModels(firstLoad: boolean): void {
    const board = this.board;
    if (!board) return;
    this.groupsByKey = groupDefinitions(board);
    const seriesByCriterion = new Map(board.criteria.map((c) => [c.id, c.series ?? c.id]));
    this.models = board.controls.map((data) => toModel(data, board, seriesByCriterion));
    for (const model of this.models) {
      for (const key of model.groupKeys) {
        if (!this.groupsByKey.has(key)) {
          this.groupsByKey.set(key, this.fallbackGroup(key));
        }
      }
    }
    if (firstLoad && this.models.length <= COLLAPSE_THRESHOLD) {
      this.expanded = new Set(this.groupsByKey.keys());
    }
    this.buildFilterOptions();
    this.derive();
  }

  private fallbackGroup(key: string): GroupDefinition {
    if (key === UNMAPPED_GROUP) {
      return {
        key,
        category: 'Not mapped to criteria',
        title: 'No criteria',
        order: Number.MAX_SAFE_INTEGER
      };
    }
    if (key === ALL_CONTROLS_GROUP) {
      return { key, category: 'Controls', title: 'All controls', order: 0 };
    }
    const series = key.replace(/^series:/, '');
    return { key, category: 'Other criteria', title: series, order: Number.MAX_SAFE_INTEGER - 1 };
  }

  private buildFilterOptions(): void {
    this.statusFilterOptions = [{ label: 'All statuses', value: ALL }, ...this.statusOptions];
    this.ownerOptions = sortedOptions(
      this.models.map((model) => ({ label: model.ownerName, value: model.ownerKey })),
      'All owners'
    );
    this.surfaceOptions = sortedOptions(
      this.models.flatMap((model) => model.surfaces.map((surface) => ({ label: surface, value: surface }))),
      'All surfaces'
    );
  }

  private matches(model: ControlModel): boolean {
    return (
      (this.statusFilter === ALL || model.status === this.statusFilter) &&
      (this.ownerFilter === ALL || model.ownerKey === this.ownerFilter) &&
      (this.surfaceFilter === ALL || model.surfaces.includes(this.surfaceFilter)) &&
      (!this.overdueOnly || model.overdue)
    );
  }

  /** Filters and groups the models into sections; rows are only built for expanded groups. */
  private derive(): void {
    const board = this.board;
    if (!board) {
      this.sections = [];
      this.visibleCount = 0;
      return;
    }
    const members = new Map<string, ControlModel[]>();
    let visible = 0;
    for (const model of this.models) {
      if (!this.matches(model)) continue;
      visible++;
      for (const key of model.groupKeys) {
        const list = members.get(key) ?? [];
        list.push(model);
        members.set(key, list);
      }
    }
    const definitions = [...members.keys()]
      .map((key) => this.groupsByKey.get(key) ?? this.fallbackGroup(key))
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, LOCALE));
    const sections = new Map<string, GroupView[]>();
    for (const definition of definitions) {
      const models = members.get(definition.key) ?? [];
      const expanded = this.expanded.has(definition.key);
      const notOperating = models.filter(
        (model) => model.status !== 'Operating' && model.status !== 'Not Applicable'
      ).length;
      const group: GroupView = {
        key: definition.key,
        title: definition.title,
        caption: `Controls for ${definition.title}`,
        countText: `${plural(models.length, 'control', 'controls')}, ${notOperating} not operating`,
        expanded,
        expandedText: String(expanded),
        iconName: expanded ? 'utility:chevrondown' : 'utility:chevronright',
        rows: expanded ? models.map((model) => toRow(model, definition.key, board)) : []
      };
      const list = sections.get(definition.category) ?? [];
      list.push(group);
      sections.set(definition.category, list);
    }
    this.sections = [...sections.entries()].map(([category, groups]) => ({
      key: category,
      title: category,
      groups
    }));
    this.visibleCount = visible;
  }

  // -------------------------------------------------------------------------------------------------------
  // Handlers

  handleStatusFilter(event: CustomEvent<{ value: string }>): void {
    this.statusFilter = event.detail.value;
    this.derive();
  }

  handleOwnerFilter(event: CustomEvent<{ value: string }>): void {
    this.ownerFilter = event.detail.value;
    this.derive();
  }

  handleSurfaceFilter(event: CustomEvent<{ value: string }>): void {
    this.surfaceFilter = event.detail.value;
    this.derive();
  }

  handleOverdueFilter(event: Event): void {
    this.overdueOnly = (event.target as HTMLInputElement).checked;
    this.derive();
  }

  handleClearFilters(): void {
    this.statusFilter = ALL;
    this.ownerFilter = ALL;
    this.surfaceFilter = ALL;
    this.overdueOnly = false;
    this.derive();
  }

  handleToggleGroup(event: CustomEvent<{ key: string }>): void {
    const { key } = event.detail;
    const expanded = new Set(this.expanded);
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    this.expanded = expanded;
    this.derive();
  }

  handleToggleAll(): void {
    this.expanded = this.allExpanded ? new Set() : new Set(this.groupsByKey.keys());
    this.derive();
  }

  async handleStatusChange(event: CustomEvent<{ id: string; value: string }>): Promise<void> {
    const { id, value: status } = event.detail;
    const board = this.board;
    const model = this.models.find((candidate) => candidate.id === id);
    if (!board || !model || model.status === status) return;
    this.updateError = undefined;
    try {
      await updateRecord({ fields: { [ID_FIELD.fieldApiName]: id, [STATUS_FIELD.fieldApiName]: status } });
    } catch (error: unknown) {
      // A new revision re-creates the row, so its combobox shows the status that was kept.
      this.replaceModel(id, (current) => ({ ...current, revision: current.revision + 1 }));
      this.updateErrorMessage = `We couldn't change the status of ${model.title}.`;
      this.updateError = error;
      return;
    }
    this.replaceModel(id, (current) => ({
      ...current,
      data: { ...current.data, status },
      status,
      overdue: isRemediationOverdue({ status, remediationDue: current.data.remediationDue }, board.asOf)
    }));
    this.dispatchEvent(
      new ShowToastEvent({
        title: 'Status updated',
        message: `${model.title} is now ${this.statusLabels.get(status) ?? status}.`,
        variant: 'success'
      })
    );
    // Reload the board for what the change set off elsewhere; a failure reaches the wire as its error.
    await refreshApex(this.wiredBoard).catch(() => undefined);
  }

  private replaceModel(id: string, change: (model: ControlModel) => ControlModel): void {
    this.models = this.models.map((model) => (model.id === id ? change(model) : model));
    this.derive();
  }
}
