import { LightningElement, wire } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import getOverview from '@salesforce/apex/CommandCenterController.getOverview';
import LOCALE from '@salesforce/i18n/locale';
import CRISIS_EVENT_OBJECT from '@salesforce/schema/Crisis_Event__c';
import CUSTOMER_COMMUNICATION_OBJECT from '@salesforce/schema/Customer_Communication__c';
import SECURITY_QUESTIONNAIRE_OBJECT from '@salesforce/schema/Security_Questionnaire__c';
import TRUST_CONTROL_OBJECT from '@salesforce/schema/Trust_Control__c';
import ANSWER_LIBRARY_ENTRY_OBJECT from '@salesforce/schema/Answer_Library_Entry__c';
import {
  CLOCK_STATE_BOX_CLASSES,
  CLOCK_STATE_ICONS,
  evaluateRegulatorClock,
  regulatorClockHeadline,
  type ClockState,
  type RegulatorClock
} from 'c/regulatorClock';
import { computeCoverage, percentOf } from 'c/campaignCoverage';
import type { GateStatus } from 'c/complianceGateRules';

// ---------------------------------------------------------------------------------------------------------
// What CommandCenterController.getOverview returns (Apex leaves null fields out).

interface GateSliceData {
  readonly gate?: GateStatus;
  readonly deals: number;
  readonly amount?: number;
  readonly atRisk: boolean;
}

interface PipelineData {
  readonly readable: boolean;
  readonly gates: readonly GateSliceData[];
  readonly amountsComplete: boolean;
  readonly atRiskAmountsComplete: boolean;
  readonly currencyCode?: string;
}

interface EventData {
  readonly id: string;
  readonly name?: string;
  readonly eventType?: string;
  readonly severity?: string;
  readonly status?: string;
  readonly declaredAt?: string;
  readonly personalDataInvolved?: boolean;
  readonly regimes?: readonly string[];
  readonly deadlineHours?: number;
  readonly regulatorNotifiedAt?: string;
  readonly coverageReadable: boolean;
  readonly hasSegment?: boolean;
  readonly targeted?: number;
  readonly notified?: number;
  readonly acknowledged?: number;
}

interface CrisisData {
  readonly readable: boolean;
  readonly openEvents?: number;
  readonly events: readonly EventData[];
}

interface CommunicationsData {
  readonly readable: boolean;
  readonly awaitingAcknowledgement?: number;
  readonly followUpsDue?: number;
}

interface QuestionnairesData {
  readonly readable: boolean;
  readonly dueThisWeek?: number;
}

interface ControlsData {
  readonly readable: boolean;
  readonly byStatus: ReadonlyArray<{ readonly status?: string; readonly count: number }>;
}

interface LibraryData {
  readonly readable: boolean;
  readonly flagged?: number;
  readonly reviewOverdue?: number;
}

interface OverviewData {
  readonly asOf: string;
  readonly pipeline: PipelineData;
  readonly crisis: CrisisData;
  readonly communications: CommunicationsData;
  readonly questionnaires: QuestionnairesData;
  readonly controls: ControlsData;
  readonly library: LibraryData;
  readonly pipelineReportId?: string;
}

// ---------------------------------------------------------------------------------------------------------
// View models

/** A figure with its link; `readable` false shows a dash and says why to assistive technology. */
interface Tile {
  readonly key: string;
  readonly label: string;
  readonly readable: boolean;
  readonly value: string;
  readonly detail: string;
  readonly unavailableText: string;
  readonly linkLabel: string;
  readonly href: string;
  readonly tileClass: string;
}

interface ClockView {
  readonly state: ClockState;
  readonly stateLabel: string;
  readonly headline: string;
  readonly iconName: string;
  readonly boxClass: string;
  readonly deadline: string | null;
  readonly notifiedAt: string | null;
}

interface CoverageView {
  readonly readable: boolean;
  readonly hasSegment: boolean;
  readonly targetedText: string;
  readonly toNotifyText: string;
  readonly notifiedText: string;
  readonly acknowledgedText: string;
  readonly notifiedPercent: number;
  readonly progressLabel: string;
}

interface EventView {
  readonly key: string;
  readonly id: string;
  readonly name: string;
  readonly href: string;
  /** Where the event's link goes (`handleNavigate`). */
  readonly linkKey: string;
  readonly summary: string;
  readonly clock: ClockView;
  readonly coverage: CoverageView;
}

interface Bar {
  readonly key: string;
  readonly label: string;
  readonly valueText: string;
  readonly amountText: string;
  readonly dealsText: string;
  readonly barClass: string;
  /** `width: N%`, from a percentage computed here: the only style the template binds. */
  readonly barStyle: string;
}

// ---------------------------------------------------------------------------------------------------------
// Rules of presentation

/** The regulator clocks count down by the minute. */
export const TICK_MS = 60_000;

const REPORT_OBJECT = 'Report';
const ALL_LIST_VIEW = 'All';
const NO_ACCESS = 'Not available: your access does not include';

const STATE_LABELS: Readonly<Record<ClockState, string>> = {
  'not-required': 'No regulator deadline',
  running: 'Running',
  'due-soon': 'Due soon',
  breached: 'Breached',
  'met-on-time': 'Met on time',
  'met-late': 'Met late'
};

/** Most urgent first: a breached or nearly due clock must be the first thing the lead reads. */
const STATE_URGENCY: Readonly<Record<ClockState, number>> = {
  breached: 0,
  'due-soon': 1,
  running: 2,
  'met-late': 3,
  'met-on-time': 4,
  'not-required': 5
};

/** Chart order: the deals held up first. A deal without a stored gate has not been evaluated yet. */
const GATE_ORDER: readonly (GateStatus | undefined)[] = ['Blocked', 'At Risk', 'Clear', undefined];

const GATE_BARS: Readonly<Record<GateStatus | 'none', { label: string; barClass: string }>> = {
  Blocked: { label: 'Blocked', barClass: 'bar bar-blocked' },
  'At Risk': { label: 'At risk', barClass: 'bar bar-at-risk' },
  Clear: { label: 'Clear', barClass: 'bar bar-clear' },
  none: { label: 'Not evaluated', barClass: 'bar bar-not-evaluated' }
};

/** Trust control statuses that mean the control is broken and its fix is not in place yet. */
const CONTROL_OPEN = new Set(['Exception Noted', 'Remediation In Progress']);
const CONTROL_ACCRUING = 'Remediated - Evidence Accruing';

const NUMBERS = new Intl.NumberFormat(LOCALE);

function plural(count: number, one: string, many: string): string {
  return `${NUMBERS.format(count)} ${count === 1 ? one : many}`;
}

/** Amounts in whole units of the currency, or as plain numbers when the currency cannot be named. */
function formatAmount(amount: number, currencyCode: string | undefined): string {
  if (currencyCode) {
    try {
      return new Intl.NumberFormat(LOCALE, {
        style: 'currency',
        currency: currencyCode,
        maximumFractionDigits: 0
      }).format(amount);
    } catch {
      // An ISO code this browser does not know: fall through to a plain number.
    }
  }
  return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }).format(amount);
}

function isOverviewData(value: unknown): value is OverviewData {
  const overview = value as Partial<OverviewData> | null | undefined;
  return (
    typeof overview === 'object' &&
    overview !== null &&
    typeof overview.pipeline === 'object' &&
    typeof overview.crisis === 'object' &&
    typeof overview.communications === 'object' &&
    typeof overview.questionnaires === 'object' &&
    typeof overview.controls === 'object' &&
    typeof overview.library === 'object'
  );
}

function listView(objectApiName: string, filterName: string): PageReference {
  return {
    type: 'standard__objectPage',
    attributes: { objectApiName, actionName: 'list' },
    state: { filterName }
  };
}

function recordPage(objectApiName: string, recordId: string): PageReference {
  return {
    type: 'standard__recordPage',
    attributes: { recordId, objectApiName, actionName: 'view' }
  };
}

/**
 * The address a link shows (to open in a new tab, to copy); a click navigates with the page reference itself.
 */
function hrefOf(pageReference: PageReference): string {
  const { objectApiName, recordId, actionName } = pageReference.attributes as Record<string, string>;
  if (pageReference.type === 'standard__recordPage') {
    return `/lightning/r/${objectApiName}/${recordId}/view`;
  }
  const filterName = pageReference.state?.filterName;
  const query = filterName ? `?filterName=${encodeURIComponent(filterName)}` : '';
  return `/lightning/o/${objectApiName}/${actionName}${query}`;
}

function clockHeadline(clock: RegulatorClock): string {
  const headline = regulatorClockHeadline(clock);
  if (headline !== null) {
    return headline;
  }
  if (clock.basis.kind === 'no-fixed-clock') {
    return 'The regimes involved set no fixed deadline: notify the regulator without undue delay.';
  }
  return clock.basis.kind === 'no-personal-data'
    ? 'No personal data is involved and no deadline is set on this event.'
    : 'The event has no declared time, so no deadline can be counted.';
}

function clockOf(event: EventData, now: number): ClockView {
  const clock = evaluateRegulatorClock(
    {
      declaredAt: event.declaredAt,
      personalDataInvolved: event.personalDataInvolved,
      regimes: event.regimes,
      deadlineHours: event.deadlineHours,
      notifiedAt: event.regulatorNotifiedAt
    },
    now
  );
  return {
    state: clock.state,
    stateLabel: STATE_LABELS[clock.state],
    headline: clockHeadline(clock),
    iconName: CLOCK_STATE_ICONS[clock.state],
    boxClass:
      `clock slds-box slds-box_x-small slds-grid slds-grid_vertical-align-start ${CLOCK_STATE_BOX_CLASSES[clock.state]}`.trim(),
    deadline: clock.deadline,
    notifiedAt: clock.notifiedAt
  };
}

function coverageOf(event: EventData): CoverageView {
  // The counts come from separate queries; computeCoverage makes them consistent (never more notified than
  // targeted, nor acknowledged than notified) and gives percentages that neither round progress up nor down.
  const figures = computeCoverage({
    targeted: event.targeted ?? 0,
    notified: event.notified ?? 0,
    acknowledged: event.acknowledged ?? 0,
    overdueFollowUps: 0,
    notifiedLate: 0,
    unnotifiedPastDeadline: 0
  });
  return {
    readable: event.coverageReadable,
    hasSegment: event.hasSegment === true,
    targetedText: plural(figures.targeted, 'account targeted', 'accounts targeted'),
    toNotifyText: `${NUMBERS.format(figures.notYetNotified)} to notify`,
    notifiedText: `${NUMBERS.format(figures.notified)} notified (${figures.notifiedPercent}%)`,
    acknowledgedText: `${NUMBERS.format(figures.acknowledged)} acknowledged (${figures.acknowledgedPercent}%)`,
    notifiedPercent: figures.notifiedPercent,
    progressLabel: `${event.name ?? 'Crisis event'}: ${NUMBERS.format(figures.notified)} of ${plural(
      figures.targeted,
      'targeted account',
      'targeted accounts'
    )} notified`
  };
}

/** One bar per gate with open deals, by amount when every amount was summed, else by number of deals. */
function barsOf(pipeline: PipelineData): Bar[] {
  const byAmount = pipeline.amountsComplete;
  const slices = GATE_ORDER.map((gate) => pipeline.gates.find((slice) => slice.gate === gate)).filter(
    (slice): slice is GateSliceData => slice !== undefined && slice.deals > 0
  );
  const measure = (slice: GateSliceData): number => (byAmount ? (slice.amount ?? 0) : slice.deals);
  const largest = Math.max(0, ...slices.map(measure));
  return slices.map((slice) => {
    const look = GATE_BARS[slice.gate ?? 'none'];
    const amountText =
      slice.amount === undefined ? 'Not totalled' : formatAmount(slice.amount, pipeline.currencyCode);
    const dealsText = plural(slice.deals, 'deal', 'deals');
    return {
      key: slice.gate ?? 'not-evaluated',
      label: look.label,
      valueText: byAmount ? `${amountText} · ${dealsText}` : dealsText,
      amountText,
      dealsText,
      barClass: look.barClass,
      barStyle: `width: ${percentOf(measure(slice), largest)}%`
    };
  });
}

function eventSummary(event: EventData): string {
  return [event.eventType, event.severity, event.status].filter((part) => part).join(' · ');
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The crisis command center on the Trust Desk home page: every figure the compliance lead watches, each linked
 * to the list behind it, the regulator clock and notification coverage of each open crisis event, and open
 * pipeline by compliance gate as a bar chart with a table for screen readers. Everything comes from one cacheable
 * Apex call (`CommandCenterController.getOverview`), counted with aggregate queries; the clocks are computed
 * here by `c/regulatorClock` and move on every minute. A figure the user may not read shows a dash.
 */
export default class CrisisCommandCenter extends NavigationMixin(LightningElement) {
  overview: OverviewData | undefined;
  loadError: unknown;

  /** The instant the clocks are evaluated at, in epoch milliseconds; moved on by the timer. */
  now = Date.now();

  private timer?: ReturnType<typeof setInterval>;
  private readonly pageReferences = new Map<string, PageReference>();

  override connectedCallback(): void {
    this.now = Date.now();
    // The regulator clocks count down by the minute; the timer is cleared on disconnect.
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

  @wire(getOverview)
  wiredOverview(result: WireResult<unknown>): void {
    if (result.error) {
      this.loadError = result.error;
      this.overview = undefined;
    } else if (isOverviewData(result.data)) {
      this.loadError = undefined;
      this.overview = result.data;
    }
  }

  get isLoading(): boolean {
    return this.overview === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get hasOverview(): boolean {
    return this.overview !== undefined;
  }

  // -------------------------------------------------------------------------------------------------------
  // Crisis events

  get canSeeCrisis(): boolean {
    return this.overview?.crisis.readable === true;
  }

  get events(): EventView[] {
    const crisis = this.overview?.crisis;
    if (!crisis?.readable) {
      return [];
    }
    return crisis.events
      .map((event) => {
        const linkKey = `event-${event.id}`;
        return {
          key: event.id,
          id: event.id,
          name: event.name ?? 'Crisis event',
          href: this.link(linkKey, recordPage(CRISIS_EVENT_OBJECT.objectApiName, event.id)),
          linkKey,
          summary: eventSummary(event),
          clock: clockOf(event, this.now),
          coverage: coverageOf(event)
        };
      })
      .sort(
        (a, b) =>
          STATE_URGENCY[a.clock.state] - STATE_URGENCY[b.clock.state] ||
          (a.clock.deadline ?? '').localeCompare(b.clock.deadline ?? '')
      );
  }

  get hasEvents(): boolean {
    return (this.overview?.crisis.events.length ?? 0) > 0;
  }

  get moreEventsText(): string {
    const crisis = this.overview?.crisis;
    const open = crisis?.openEvents ?? 0;
    const listed = crisis?.events.length ?? 0;
    return open > listed
      ? `Showing the ${listed} most recently declared of ${NUMBERS.format(open)} open crisis events.`
      : '';
  }

  get allEventsHref(): string {
    return this.link('events-all', listView(CRISIS_EVENT_OBJECT.objectApiName, ALL_LIST_VIEW));
  }

  // -------------------------------------------------------------------------------------------------------
  // Figures

  get tiles(): Tile[] {
    const overview = this.overview;
    if (!overview) {
      return [];
    }
    return [
      this.pipelineTile(overview),
      this.awaitingTile(overview.communications),
      this.followUpsTile(overview.communications),
      this.questionnairesTile(overview.questionnaires),
      this.controlsTile(overview.controls),
      this.libraryTile(overview.library)
    ];
  }

  private pipelineTile(overview: OverviewData): Tile {
    const { pipeline } = overview;
    const atRisk = pipeline.gates.filter((slice) => slice.atRisk);
    const deals = atRisk.reduce((sum, slice) => sum + slice.deals, 0);
    const amount = atRisk.reduce((sum, slice) => sum + (slice.amount ?? 0), 0);
    const blocked = atRisk.filter((slice) => slice.gate === 'Blocked').reduce((sum, s) => sum + s.deals, 0);
    const reportReference = overview.pipelineReportId
      ? recordPage(REPORT_OBJECT, overview.pipelineReportId)
      : { type: 'standard__objectPage', attributes: { objectApiName: REPORT_OBJECT, actionName: 'home' } };
    return this.tile({
      key: 'pipeline',
      label: 'Pipeline at risk',
      readable: pipeline.readable,
      value: pipeline.atRiskAmountsComplete
        ? formatAmount(amount, pipeline.currencyCode)
        : plural(deals, 'deal', 'deals'),
      detail: pipeline.atRiskAmountsComplete
        ? `${plural(deals, 'deal', 'deals')} held up: ${NUMBERS.format(blocked)} blocked, ${NUMBERS.format(deals - blocked)} at risk`
        : `${NUMBERS.format(blocked)} blocked, ${NUMBERS.format(deals - blocked)} at risk; too many to total here`,
      unavailableText: `${NO_ACCESS} opportunity amounts and compliance gates.`,
      linkLabel: overview.pipelineReportId ? 'Pipeline at Risk by Gate report' : 'Reports home',
      pageReference: reportReference
    });
  }

  private awaitingTile(communications: CommunicationsData): Tile {
    const count = communications.awaitingAcknowledgement ?? 0;
    return this.tile({
      key: 'awaiting',
      label: 'Awaiting acknowledgement',
      readable: communications.readable,
      value: NUMBERS.format(count),
      detail: `${plural(count, 'notice', 'notices')} sent, not yet acknowledged`,
      unavailableText: `${NO_ACCESS} customer communications.`,
      linkLabel: 'Awaiting Acknowledgement list',
      pageReference: listView(CUSTOMER_COMMUNICATION_OBJECT.objectApiName, 'Awaiting_Acknowledgement')
    });
  }

  private followUpsTile(communications: CommunicationsData): Tile {
    const count = communications.followUpsDue ?? 0;
    return this.tile({
      key: 'follow-ups',
      label: 'Follow-ups due',
      readable: communications.readable,
      value: NUMBERS.format(count),
      detail: `${plural(count, 'follow-up', 'follow-ups')} due today or earlier`,
      unavailableText: `${NO_ACCESS} customer communications.`,
      linkLabel: 'Follow-ups Due list',
      pageReference: listView(CUSTOMER_COMMUNICATION_OBJECT.objectApiName, 'Follow_Ups_Due')
    });
  }

  private questionnairesTile(questionnaires: QuestionnairesData): Tile {
    const count = questionnaires.dueThisWeek ?? 0;
    return this.tile({
      key: 'questionnaires',
      label: 'Questionnaires due this week',
      readable: questionnaires.readable,
      value: NUMBERS.format(count),
      detail: `${plural(count, 'questionnaire', 'questionnaires')} not yet submitted`,
      unavailableText: `${NO_ACCESS} security questionnaires.`,
      linkLabel: 'Due This Week list',
      pageReference: listView(SECURITY_QUESTIONNAIRE_OBJECT.objectApiName, 'Due_This_Week')
    });
  }

  private controlsTile(controls: ControlsData): Tile {
    let open = 0;
    let remediated = 0;
    for (const { status, count } of controls.byStatus) {
      if (CONTROL_OPEN.has(status ?? '')) open += count;
      if (status === CONTROL_ACCRUING) remediated += count;
    }
    return this.tile({
      key: 'controls',
      label: 'Controls open',
      readable: controls.readable,
      value: NUMBERS.format(open),
      detail: `${NUMBERS.format(open)} open vs ${NUMBERS.format(remediated)} remediated, evidence accruing`,
      unavailableText: `${NO_ACCESS} trust controls.`,
      linkLabel: 'Not Operating list',
      pageReference: listView(TRUST_CONTROL_OBJECT.objectApiName, 'Not_Operating')
    });
  }

  private libraryTile(library: LibraryData): Tile {
    const flagged = library.flagged ?? 0;
    const overdue = library.reviewOverdue ?? 0;
    return this.tile({
      key: 'library',
      label: 'Answers needing review',
      readable: library.readable,
      value: NUMBERS.format(flagged + overdue),
      detail: `${NUMBERS.format(flagged)} flagged, ${NUMBERS.format(overdue)} past their review date`,
      unavailableText: `${NO_ACCESS} the answer library.`,
      linkLabel: 'Needs Review list',
      pageReference: listView(ANSWER_LIBRARY_ENTRY_OBJECT.objectApiName, 'Needs_Review')
    });
  }

  private tile(spec: Omit<Tile, 'href' | 'tileClass'> & { pageReference: PageReference }): Tile {
    const { pageReference, ...rest } = spec;
    return {
      ...rest,
      href: this.link(spec.key, pageReference),
      tileClass: `tile tile-${spec.key} slds-box slds-box_x-small slds-theme_default`
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Pipeline chart

  get canSeePipeline(): boolean {
    return this.overview?.pipeline.readable === true;
  }

  get bars(): Bar[] {
    const pipeline = this.overview?.pipeline;
    return pipeline?.readable ? barsOf(pipeline) : [];
  }

  get hasBars(): boolean {
    return this.bars.length > 0;
  }

  get chartMeasure(): string {
    return this.overview?.pipeline.amountsComplete ? 'amount' : 'number of deals';
  }

  get chartCaption(): string {
    return `Open pipeline by compliance gate, by ${this.chartMeasure}`;
  }

  get chartNote(): string {
    const pipeline = this.overview?.pipeline;
    if (!pipeline?.readable) {
      return '';
    }
    const notes: string[] = [];
    if (!pipeline.amountsComplete) {
      notes.push(
        pipeline.atRiskAmountsComplete
          ? 'There are too many open deals to total every gate here: the bars compare numbers of deals, and only the blocked and at-risk amounts are totalled. The report and the dashboard total them all.'
          : 'There are too many open deals to total here: the bars compare numbers of deals. The report and the dashboard total the amounts.'
      );
    }
    if (!pipeline.currencyCode) {
      notes.push('Amounts are in the corporate currency.');
    }
    return notes.join(' ');
  }

  // -------------------------------------------------------------------------------------------------------
  // Navigation

  /** Remembers where a link goes and returns its address; a click then navigates to the page reference. */
  private link(key: string, pageReference: PageReference): string {
    this.pageReferences.set(key, pageReference);
    return hrefOf(pageReference);
  }

  handleNavigate(event: Event): void {
    const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
    const pageReference = this.pageReferences.get(key);
    if (pageReference) {
      event.preventDefault();
      this[NavigationMixin.Navigate](pageReference);
    }
  }
}
