import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { refreshApex } from '@salesforce/apex';
import getCoverage from '@salesforce/apex/CrisisCoverageController.getCoverage';
import getUnnotifiedAccounts from '@salesforce/apex/CrisisCoverageController.getUnnotifiedAccounts';
import requestSnapshot from '@salesforce/apex/CrisisCoverageController.requestSnapshot';
import DECLARED_AT_FIELD from '@salesforce/schema/Crisis_Event__c.Declared_At__c';
import PERSONAL_DATA_FIELD from '@salesforce/schema/Crisis_Event__c.Personal_Data_Involved__c';
import DATA_REGIMES_FIELD from '@salesforce/schema/Crisis_Event__c.Data_Regimes__c';
import DEADLINE_HOURS_FIELD from '@salesforce/schema/Crisis_Event__c.Regulator_Deadline_Hours__c';
import NOTIFIED_AT_FIELD from '@salesforce/schema/Crisis_Event__c.Regulator_Notified_At__c';
import TARGET_SOC2_FIELD from '@salesforce/schema/Crisis_Event__c.Target_Requires_SOC2__c';
import TARGET_SUSPENSION_FIELD from '@salesforce/schema/Crisis_Event__c.Target_Suspension_Clause__c';
import TARGET_PERSONAL_DATA_FIELD from '@salesforce/schema/Crisis_Event__c.Target_Personal_Data__c';
import TARGET_REGIMES_FIELD from '@salesforce/schema/Crisis_Event__c.Target_Regimes__c';
import LOCALE from '@salesforce/i18n/locale';
import CAN_LOG_NOTIFICATIONS from '@salesforce/customPermission/TrustDesk_Log_Notifications';
import {
  computeCoverage,
  describeTargetSegment,
  hasTargetSegment,
  splitMultiSelect,
  type CoverageFigures,
  type SegmentCriteria
} from 'c/campaignCoverage';
import {
  CLOCK_STATE_BOX_CLASSES,
  CLOCK_STATE_ICONS,
  evaluateContractDeadline,
  evaluateRegulatorClock,
  formatCountdown,
  formatHours,
  regulatorClockHeadline,
  type ClockState,
  type RegulatorClock
} from 'c/regulatorClock';

/**
 * The Crisis Event page's working view: how far the notification campaign has got against the event's target
 * segment, the regulator clock, and the accounts still to be told, each with a one-step way to log the notice.
 *
 * - The event's fields come from Lightning Data Service; the coverage counts and the pages of accounts not yet
 *   notified from cacheable Apex (`CrisisCoverageController`), which counts live for segments of up to 5,000
 *   accounts and otherwise shows the background snapshot, saying which and as of when.
 * - The clock is recomputed every minute (a timer started when the component is connected and cleared when it
 *   is disconnected); all arithmetic is in `c/regulatorClock`, all segment and percentage rules in
 *   `c/campaignCoverage`.
 * - "Log notification" opens the Account's own **Log Customer Notification** quick action for that account
 *   (`standard__quickAction`), so a notice is always logged through the one form that enforces approved
 *   templates and snapshots the exact text; the account name links to its record page as the way back in if a
 *   quick action cannot be opened there. The event id travels as `c__crisisEventId` for the action to preselect.
 */

/** `CrisisCoverageController.Coverage` (Apex leaves null fields out). */
export interface CoverageData {
  readonly source: 'live' | 'snapshot' | 'pending' | 'no-segment';
  readonly asOf?: string | null;
  readonly targeted?: number | null;
  readonly notified?: number | null;
  readonly acknowledged?: number | null;
  readonly overdueFollowUps?: number | null;
  readonly notifiedLate?: number | null;
  readonly unnotifiedPastDeadline?: number | null;
  readonly liveLimit?: number | null;
  readonly canRequestSnapshot?: boolean | null;
}

/** `CrisisCoverageController.UnnotifiedAccount`. */
export interface UnnotifiedAccountData {
  readonly id: string;
  readonly name: string;
  readonly ownerName?: string | null;
  readonly deadlineHours?: number | null;
  readonly soc2Required?: boolean | null;
  readonly suspensionClause?: boolean | null;
  readonly processesPersonalData?: boolean | null;
  readonly regimes?: readonly string[] | null;
}

/** `CrisisCoverageController.UnnotifiedPage`. */
export interface UnnotifiedPageData {
  readonly accounts: readonly UnnotifiedAccountData[];
  readonly hasMore: boolean;
  readonly nextCursor?: string | null;
}

interface ClockView {
  readonly state: ClockState;
  readonly stateLabel: string;
  readonly headline: string;
  readonly iconName: string;
  readonly boxClass: string;
  readonly deadline: string | null;
  readonly basisText: string;
  readonly notifiedAt: string | null;
  readonly rules: ReadonlyArray<{ readonly key: string; readonly text: string }>;
  readonly hasRules: boolean;
}

interface MetricView {
  readonly key: string;
  readonly label: string;
  readonly value: string;
  readonly percent: number;
  readonly progressLabel: string;
}

interface AccountRow {
  readonly id: string;
  readonly name: string;
  readonly recordUrl: string;
  readonly details: string;
  readonly deadlineText: string;
  readonly deadlineClass: string;
  readonly deadlineIcon: string | null;
}

/** The Account quick action that logs a notification (built by `logCustomerNotification`). */
export const LOG_NOTIFICATION_ACTION = 'Account.Log_Customer_Notification';
/** Accounts per page of the not-yet-notified list. */
export const PAGE_SIZE = 50;
/** The clock and the contractual deadlines tick once a minute. */
export const TICK_MS = 60_000;

const EVENT_FIELDS = [
  DECLARED_AT_FIELD,
  PERSONAL_DATA_FIELD,
  DATA_REGIMES_FIELD,
  DEADLINE_HOURS_FIELD,
  NOTIFIED_AT_FIELD,
  TARGET_SOC2_FIELD,
  TARGET_SUSPENSION_FIELD,
  TARGET_PERSONAL_DATA_FIELD,
  TARGET_REGIMES_FIELD
];

const STATE_LABELS: Readonly<Record<ClockState, string>> = {
  'not-required': 'Not required',
  running: 'Running',
  'due-soon': 'Due soon',
  breached: 'Breached',
  'met-on-time': 'Met on time',
  'met-late': 'Met late'
};

function isCoverageData(value: unknown): value is CoverageData {
  return typeof value === 'object' && value !== null && typeof (value as CoverageData).source === 'string';
}

function isPageData(value: unknown): value is UnnotifiedPageData {
  return typeof value === 'object' && value !== null && Array.isArray((value as UnnotifiedPageData).accounts);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

const NUMBERS = new Intl.NumberFormat(LOCALE);

/** Re-reads a wired Apex value from the server. The wire provisions any error itself, so none is lost here. */
function reread(wired: unknown): void {
  refreshApex(wired).catch(() => undefined);
}

function plural(count: number, noun: string): string {
  return `${NUMBERS.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function clockHeadline(clock: RegulatorClock): string {
  const headline = regulatorClockHeadline(clock);
  if (headline !== null) {
    return headline;
  }
  return clock.basis.kind === 'no-fixed-clock'
    ? 'The regimes involved set no fixed deadline: notify the regulator without undue delay.'
    : 'No regulator notice is required unless a deadline is set on this event.';
}

function basisText(clock: RegulatorClock): string {
  switch (clock.basis.kind) {
    case 'event-override':
      return `Deadline: ${formatHours(clock.basis.hours)} after the declaration, as set on this event.`;
    case 'regime':
      return `Deadline: ${formatHours(clock.basis.hours)} after the declaration under ${clock.basis.regimes.join(
        ' and '
      )}.`;
    case 'no-fixed-clock':
      return 'Set Regulator Deadline (Hours) on this event if a regulator fixes one.';
    case 'no-personal-data':
      return 'No personal data is involved in this event.';
    default:
      return 'The event has no declared time, so no deadline can be counted.';
  }
}

export default class CrisisEventCoverage extends NavigationMixin(LightningElement) {
  /** Set by the record page. */
  @api recordId?: string;

  /** The instant the clocks are evaluated at, in epoch milliseconds; moved on by the timer. */
  now = Date.now();

  eventRecord?: RecordRepresentation;
  eventError?: unknown;

  coverage?: CoverageData;
  coverageError?: unknown;

  /** The cursor of the page being shown last; null for the first page. */
  cursor: string | null = null;
  accounts: UnnotifiedAccountData[] = [];
  hasMore = false;
  pageLoaded = false;
  loadingMore = false;
  pageError?: unknown;

  snapshotRequested = false;
  requestingSnapshot = false;
  snapshotError?: unknown;

  private wiredCoverage: unknown;
  private wiredPage: unknown;
  private nextCursor: string | null = null;
  /** Set when a refresh moved the list back to its first page, which must then be re-read from the server. */
  private refreshFirstPage = false;
  private timer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    this.now = Date.now();
    // The regulator and contractual clocks count down by the minute; the timer is cleared on disconnect.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
  }

  override disconnectedCallback(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  @wire(getRecord, { recordId: '$recordId', fields: EVENT_FIELDS })
  wiredEvent(value: unknown): void {
    const { data, error } = value as WireResult<RecordRepresentation>;
    this.eventRecord = data;
    this.eventError = data ? undefined : error;
  }

  @wire(getCoverage, { crisisEventId: '$recordId' })
  wiredGetCoverage(value: unknown): void {
    this.wiredCoverage = value;
    const { data, error } = value as WireResult<unknown>;
    this.coverage = isCoverageData(data) ? data : undefined;
    this.coverageError = this.coverage ? undefined : error;
  }

  @wire(getUnnotifiedAccounts, { crisisEventId: '$recordId', pageSize: PAGE_SIZE, after: '$cursor' })
  wiredGetUnnotifiedAccounts(value: unknown): void {
    this.wiredPage = value;
    const { data, error } = value as WireResult<unknown>;
    this.loadingMore = false;
    if (error) {
      this.pageError = error;
      return;
    }
    if (!isPageData(data)) {
      return;
    }
    if (this.refreshFirstPage && this.cursor === null) {
      this.refreshFirstPage = false;
      reread(value);
    }
    this.pageError = undefined;
    const known = new Set(this.cursor === null ? [] : this.accounts.map((account) => account.id));
    const fresh = data.accounts.filter((account) => !known.has(account.id));
    this.accounts = this.cursor === null ? [...fresh] : [...this.accounts, ...fresh];
    this.hasMore = data.hasMore;
    this.nextCursor = data.nextCursor ?? null;
    this.pageLoaded = true;
  }

  // ---------------------------------------------------------------------------------------------------------
  // The event

  get eventLoading(): boolean {
    return !this.eventRecord && !this.eventError;
  }

  get eventFailed(): boolean {
    return !this.eventRecord && Boolean(this.eventError);
  }

  private field(field: SchemaFieldId): unknown {
    return getFieldValue(this.eventRecord, field);
  }

  private get declaredAt(): string | null {
    return text(this.field(DECLARED_AT_FIELD));
  }

  get criteria(): SegmentCriteria {
    return {
      requiresSoc2: this.field(TARGET_SOC2_FIELD) === true,
      suspensionClause: this.field(TARGET_SUSPENSION_FIELD) === true,
      personalData: this.field(TARGET_PERSONAL_DATA_FIELD) === true,
      regimes: splitMultiSelect(text(this.field(TARGET_REGIMES_FIELD)))
    };
  }

  get segmentDescription(): string {
    return describeTargetSegment(this.criteria);
  }

  get hasSegment(): boolean {
    return hasTargetSegment(this.criteria);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The regulator clock

  get clock(): ClockView {
    const clock = evaluateRegulatorClock(
      {
        declaredAt: this.declaredAt,
        personalDataInvolved: this.field(PERSONAL_DATA_FIELD) === true,
        regimes: splitMultiSelect(text(this.field(DATA_REGIMES_FIELD))),
        deadlineHours: numberOf(this.field(DEADLINE_HOURS_FIELD)),
        notifiedAt: text(this.field(NOTIFIED_AT_FIELD))
      },
      this.now
    );
    const noFixedClock = clock.state === 'not-required' && clock.basis.kind === 'no-fixed-clock';
    const rules = clock.rules.map((rule) => ({
      key: rule.regime,
      text: `${rule.regime}: ${rule.guidance} (${rule.source})`
    }));
    return {
      state: clock.state,
      stateLabel: noFixedClock ? 'No fixed deadline' : STATE_LABELS[clock.state],
      headline: clockHeadline(clock),
      iconName: CLOCK_STATE_ICONS[clock.state],
      boxClass: `clock slds-box slds-box_x-small slds-grid slds-grid_vertical-align-start ${CLOCK_STATE_BOX_CLASSES[clock.state]}`,
      deadline: clock.deadline,
      basisText: basisText(clock),
      notifiedAt: clock.notifiedAt,
      rules,
      hasRules: rules.length > 0
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Coverage

  get coverageLoading(): boolean {
    return !this.coverage && !this.coverageError;
  }

  get coverageFailed(): boolean {
    return !this.coverage && Boolean(this.coverageError);
  }

  get noSegment(): boolean {
    return this.coverage?.source === 'no-segment';
  }

  get pending(): boolean {
    return this.coverage?.source === 'pending';
  }

  get isSnapshot(): boolean {
    return this.coverage?.source === 'snapshot';
  }

  /** Too large to count live: the background calculation is what can be requested. */
  get pendingOrSnapshot(): boolean {
    return this.pending || this.isSnapshot;
  }

  get liveLimitText(): string {
    return NUMBERS.format(this.coverage?.liveLimit ?? 5000);
  }

  get canRequestSnapshot(): boolean {
    return this.coverage?.canRequestSnapshot === true && !this.snapshotRequested;
  }

  get snapshotButtonLabel(): string {
    return this.isSnapshot ? 'Recalculate coverage' : 'Calculate coverage';
  }

  get figures(): CoverageFigures | undefined {
    const data = this.coverage;
    if (!data || (data.source !== 'live' && data.source !== 'snapshot')) {
      return undefined;
    }
    return computeCoverage({
      targeted: data.targeted ?? 0,
      notified: data.notified ?? 0,
      acknowledged: data.acknowledged ?? 0,
      overdueFollowUps: data.overdueFollowUps ?? 0,
      notifiedLate: data.notifiedLate ?? 0,
      unnotifiedPastDeadline: data.unnotifiedPastDeadline ?? 0
    });
  }

  get asOf(): string | null {
    return this.coverage?.asOf ?? null;
  }

  get targetedText(): string {
    return plural(this.figures?.targeted ?? 0, 'targeted account');
  }

  get metrics(): MetricView[] {
    const figures = this.figures;
    if (!figures) {
      return [];
    }
    const metric = (key: string, label: string, part: number, of: string, percent: number): MetricView => ({
      key,
      label,
      value: `${NUMBERS.format(part)} of ${of}`,
      percent,
      progressLabel: `${label}: ${percent}% of ${of}`
    });
    const targeted = plural(figures.targeted, 'targeted account');
    return [
      metric('notified', 'Notified', figures.notified, targeted, figures.notifiedPercent),
      metric('acknowledged', 'Acknowledged', figures.acknowledged, targeted, figures.acknowledgedPercent),
      metric(
        'overdue',
        'Overdue follow-ups',
        figures.overdueFollowUps,
        plural(figures.notified, 'notified account'),
        figures.overdueFollowUpPercent
      ),
      metric(
        'not-notified',
        'Not yet notified',
        figures.notYetNotified,
        targeted,
        figures.notYetNotifiedPercent
      )
    ];
  }

  get hasContractBreaches(): boolean {
    return (this.figures?.contractBreaches ?? 0) > 0;
  }

  get contractBreachText(): string {
    const figures = this.figures;
    if (!figures) {
      return '';
    }
    if (figures.contractBreaches === 0) {
      return 'No contractual notification deadline has been missed.';
    }
    return (
      `${plural(figures.contractBreaches, 'account')} missed the notification deadline in their contract: ` +
      `${NUMBERS.format(figures.notifiedLate)} notified late, ` +
      `${NUMBERS.format(figures.unnotifiedPastDeadline)} not notified yet.`
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Accounts not yet notified

  get pageLoading(): boolean {
    return !this.pageLoaded && !this.pageError;
  }

  get pageFailed(): boolean {
    return !this.pageLoaded && Boolean(this.pageError);
  }

  get loadMoreFailed(): boolean {
    return this.pageLoaded && Boolean(this.pageError);
  }

  get allNotified(): boolean {
    return this.pageLoaded && this.accounts.length === 0;
  }

  get unnotifiedHeading(): string {
    const count = this.figures?.notYetNotified;
    return count === undefined ? 'Not yet notified' : `Not yet notified (${NUMBERS.format(count)})`;
  }

  get rows(): AccountRow[] {
    const declaredAt = this.declaredAt;
    return this.accounts.map((account) => {
      const clock = evaluateContractDeadline({ declaredAt, deadlineHours: account.deadlineHours }, this.now);
      const countdown = clock.countdown ? formatCountdown(clock.countdown) : '';
      let deadlineText = 'No contractual notification deadline';
      let deadlineClass = 'contract-deadline slds-text-body_small slds-text-color_weak';
      let deadlineIcon: string | null = null;
      if (clock.state === 'breached') {
        deadlineText = `Overdue: the contractual deadline passed ${countdown} ago`;
        deadlineClass = 'contract-deadline contract-breached slds-text-body_small slds-text-color_error';
        deadlineIcon = 'utility:error';
      } else if (clock.state === 'due-soon') {
        deadlineText = `Due soon: ${countdown} left under the contract`;
        deadlineClass = 'contract-deadline contract-due-soon slds-text-body_small';
        deadlineIcon = 'utility:warning';
      } else if (clock.state === 'running') {
        deadlineText = `${countdown} left under the contract`;
        deadlineClass = 'contract-deadline slds-text-body_small';
      }
      return {
        id: account.id,
        name: account.name,
        recordUrl: `/lightning/r/Account/${account.id}/view`,
        details: this.detailsOf(account),
        deadlineText,
        deadlineClass,
        deadlineIcon
      };
    });
  }

  private detailsOf(account: UnnotifiedAccountData): string {
    const reasons: string[] = [];
    if (account.soc2Required) {
      reasons.push('requires SOC 2');
    }
    if (account.suspensionClause) {
      reasons.push('suspension clause');
    }
    if (account.processesPersonalData) {
      reasons.push('personal data');
    }
    reasons.push(...(account.regimes ?? []));
    const owner = `Owner: ${account.ownerName ?? 'unknown'}`;
    return reasons.length === 0 ? owner : `${owner} · ${reasons.join(', ')}`;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Actions

  handleRefresh(): void {
    reread(this.wiredCoverage);
    if (this.cursor === null) {
      reread(this.wiredPage);
    } else {
      this.refreshFirstPage = true;
      this.cursor = null;
    }
  }

  handleLoadMore(): void {
    this.loadingMore = true;
    if (this.pageError) {
      reread(this.wiredPage);
    } else {
      this.cursor = this.nextCursor;
    }
  }

  /** Only those who may log a notification (the Account action's own visibility rule) get the button. */
  get canLogNotifications(): boolean {
    return CAN_LOG_NOTIFICATIONS === true;
  }

  handleLogNotification(event: Event): void {
    const accountId = (event.currentTarget as HTMLElement).dataset.id;
    if (!accountId) {
      return;
    }
    const pageReference: PageReference = {
      type: 'standard__quickAction',
      attributes: { apiName: LOG_NOTIFICATION_ACTION },
      state: { recordId: accountId, c__crisisEventId: this.recordId ?? '' }
    };
    this[NavigationMixin.Navigate](pageReference);
  }

  handleOpenAccount(event: Event): void {
    event.preventDefault();
    const accountId = (event.currentTarget as HTMLElement).dataset.id;
    if (!accountId) {
      return;
    }
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: accountId, objectApiName: 'Account', actionName: 'view' }
    });
  }

  async handleRequestSnapshot(): Promise<void> {
    if (!this.recordId) {
      return;
    }
    this.requestingSnapshot = true;
    this.snapshotError = undefined;
    try {
      await requestSnapshot({ crisisEventId: this.recordId });
      this.snapshotRequested = true;
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Coverage calculation started',
          message: 'The figures are calculated in the background. Refresh in a few minutes to see them.',
          variant: 'success'
        })
      );
    } catch (error) {
      this.snapshotError = error;
    } finally {
      this.requestingSnapshot = false;
    }
  }
}
