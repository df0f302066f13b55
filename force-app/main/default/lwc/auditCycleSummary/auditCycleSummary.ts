import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getSummary from '@salesforce/apex/AuditCycleSummaryController.getSummary';
import LOCALE from '@salesforce/i18n/locale';
import {
  daysBetween,
  evaluateEvidenceWindow,
  forecastReadiness,
  type EvidenceCadence,
  type EvidenceResult,
  type EvidenceWindow,
  type ReadinessForecast
} from 'c/evidenceWindow';

// ---------------------------------------------------------------------------------------------------------
// What AuditCycleSummaryController.getSummary returns (Apex leaves null fields out).

interface CycleData {
  readonly id: string;
  readonly name?: string;
  readonly framework?: string;
  readonly reportType?: string;
  readonly opinion?: string;
  readonly opinionLabel?: string;
  readonly auditor?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly reportDate?: string;
  readonly bridgeLetterValidUntil?: string;
  readonly reauditTargetDate?: string;
}

interface FindingData {
  readonly id: string;
  readonly name?: string;
  readonly criterion?: string;
  readonly criterionLabel?: string;
  readonly severity?: string;
  readonly severityLabel?: string;
  readonly status?: string;
  readonly statusLabel?: string;
  readonly controlRecordId?: string;
  readonly ownerName?: string;
}

interface ControlWindowData {
  readonly id: string;
  readonly controlId?: string;
  readonly name?: string;
  readonly status?: string;
  readonly remediatedOn?: string;
  readonly windowDays?: number;
  readonly cadence?: EvidenceCadence;
  readonly evidence?: ReadonlyArray<{ readonly sampledOn: string; readonly result: EvidenceResult }>;
}

interface SummaryData {
  readonly asOf: string;
  readonly evidenceFrom?: string;
  readonly cycle: CycleData;
  readonly findings: readonly FindingData[];
  readonly controls: readonly ControlWindowData[];
  readonly access: { readonly exceptions: boolean; readonly controls: boolean; readonly evidence: boolean };
}

// ---------------------------------------------------------------------------------------------------------
// View models, derived once per wire emission.

interface FindingRow {
  readonly key: string;
  readonly name: string;
  readonly url: string;
  readonly id: string;
  readonly severityLabel: string;
  readonly severityClass: string;
  readonly statusLabel: string;
  readonly controlLabel: string;
  readonly ownerName: string;
}

interface CriterionGroup {
  readonly key: string;
  readonly heading: string;
  readonly countText: string;
  readonly findings: readonly FindingRow[];
}

interface ControlForecastRow {
  readonly key: string;
  readonly controlId: string;
  readonly name: string;
  readonly showProgress: boolean;
  readonly progressValue: number;
  readonly progressLabel: string;
  readonly windowText: string;
  readonly readyText: string;
  readonly verdict: string;
  readonly verdictClass: string;
}

interface Milestone {
  readonly key: string;
  readonly label: string;
  readonly dateText: string;
  readonly stateText: string;
  readonly itemClass: string;
}

interface Tile {
  readonly label: string;
  readonly detail: string;
  readonly badgeClass: string;
}

/** Findings in these statuses still need their control's window for the re-audit. */
const CLOSED = 'Closed';
const OPEN_STATUSES = new Set(['Open', 'Remediating']);
/** A bridge letter this close to its end is flagged, so customers can be told before it lapses. */
const BRIDGE_WARNING_DAYS = 30;

const OPINION_THEME: Readonly<Record<string, string>> = {
  Unqualified: 'slds-theme_success',
  Qualified: 'slds-theme_warning',
  Adverse: 'slds-theme_error',
  Disclaimer: 'slds-theme_error'
};

const SEVERITY_THEME: Readonly<Record<string, string>> = {
  'Material Weakness': 'slds-theme_error',
  'Significant Deficiency': 'slds-theme_warning'
};

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

function formatDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function badge(theme: string | undefined): string {
  return `slds-badge ${theme ?? ''}`.trim();
}

function isSummaryData(value: unknown): value is SummaryData {
  const summary = value as Partial<SummaryData> | null | undefined;
  return (
    typeof summary === 'object' &&
    summary !== null &&
    typeof summary.asOf === 'string' &&
    typeof summary.cycle === 'object' &&
    Array.isArray(summary.findings) &&
    Array.isArray(summary.controls) &&
    typeof summary.access === 'object'
  );
}

function opinionTile(cycle: CycleData): Tile {
  const opinion = cycle.opinion ?? 'Pending';
  const parts = [
    cycle.reportDate ? `Report dated ${formatDate(cycle.reportDate)}` : 'No report yet',
    cycle.auditor ?? ''
  ].filter((part) => part !== '');
  return {
    label: cycle.opinionLabel ?? opinion,
    detail: parts.join(' · '),
    badgeClass: badge(OPINION_THEME[opinion])
  };
}

/** Bridge-letter cover: how long customers are covered between the report and the re-audit. */
function bridgeTile(cycle: CycleData, today: string): Tile {
  const validUntil = cycle.bridgeLetterValidUntil;
  if (!validUntil) {
    return {
      label: 'No bridge letter',
      detail: 'No bridge letter date is recorded.',
      badgeClass: badge(undefined)
    };
  }
  const daysLeft = daysBetween(today, validUntil);
  let label = `${plural(daysLeft, 'day', 'days')} left`;
  let theme: string | undefined =
    daysLeft <= BRIDGE_WARNING_DAYS ? 'slds-theme_warning' : 'slds-theme_success';
  if (daysLeft < 0) {
    label = 'Expired';
    theme = 'slds-theme_error';
  } else if (daysLeft === 0) {
    label = 'Expires today';
    theme = 'slds-theme_warning';
  }
  const details = [
    daysLeft < 0
      ? `Expired ${formatDate(validUntil)}, ${plural(-daysLeft, 'day', 'days')} ago.`
      : `Valid until ${formatDate(validUntil)}.`
  ];
  if (cycle.reauditTargetDate) {
    const gap = daysBetween(validUntil, cycle.reauditTargetDate);
    if (gap > 0) details.push(`Ends ${plural(gap, 'day', 'days')} before the re-audit target.`);
  }
  return { label, detail: details.join(' '), badgeClass: badge(theme) };
}

function timeline(cycle: CycleData, today: string, readyOn: string | null): Milestone[] {
  const entries: Array<{ key: string; label: string; date: string | undefined }> = [
    { key: 'period-start', label: 'Audit period starts', date: cycle.periodStart },
    { key: 'period-end', label: 'Audit period ends', date: cycle.periodEnd },
    { key: 'report', label: 'Report issued', date: cycle.reportDate },
    { key: 'bridge', label: 'Bridge letter ends', date: cycle.bridgeLetterValidUntil },
    { key: 'ready', label: 'Controls projected re-audit ready', date: readyOn ?? undefined },
    { key: 'target', label: 'Re-audit target', date: cycle.reauditTargetDate }
  ];
  return entries
    .filter((entry): entry is { key: string; label: string; date: string } => Boolean(entry.date))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((entry) => {
      const days = daysBetween(today, entry.date);
      let stateText = 'Upcoming';
      if (days < 0) stateText = 'Past';
      else if (days === 0) stateText = 'Today';
      return {
        key: entry.key,
        label: entry.label,
        dateText: formatDate(entry.date),
        stateText,
        itemClass: `milestone slds-p-vertical_xx-small ${days < 0 ? 'slds-text-color_weak' : ''}`.trim()
      };
    });
}

function criterionGroups(
  findings: readonly FindingData[],
  controls: ReadonlyMap<string, string>
): CriterionGroup[] {
  const groups = new Map<string, { label: string; rows: FindingRow[]; open: number }>();
  for (const finding of findings) {
    const criterion = finding.criterion ?? 'No criterion';
    const group = groups.get(criterion) ?? { label: finding.criterionLabel ?? '', rows: [], open: 0 };
    if (OPEN_STATUSES.has(finding.status ?? '')) group.open++;
    group.rows.push({
      key: finding.id,
      id: finding.id,
      name: finding.name ?? finding.id,
      url: `/lightning/r/Audit_Exception__c/${finding.id}/view`,
      severityLabel: finding.severityLabel ?? finding.severity ?? '',
      severityClass: badge(SEVERITY_THEME[finding.severity ?? '']),
      statusLabel: finding.statusLabel ?? finding.status ?? '',
      controlLabel: finding.controlRecordId
        ? (controls.get(finding.controlRecordId) ?? 'Not visible')
        : 'None',
      ownerName: finding.ownerName ?? ''
    });
    groups.set(criterion, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([criterion, group]) => ({
      key: criterion,
      heading: group.label ? `${criterion} · ${group.label}` : criterion,
      countText: `${plural(group.rows.length, 'exception', 'exceptions')}, ${group.open} open`,
      findings: group.rows
    }));
}

function forecastRow(
  control: ControlWindowData,
  window: EvidenceWindow,
  target: string | undefined
): ControlForecastRow {
  const title = control.controlId ?? control.name ?? control.id;
  const ready = window.projectedReadyOn;
  let verdict = 'No remediation date';
  let verdictClass = 'slds-text-color_error';
  if (ready && target) {
    const late = daysBetween(target, ready);
    verdict = late > 0 ? `${plural(late, 'day', 'days')} after target` : 'By the target';
    verdictClass = late > 0 ? 'slds-text-color_error' : 'slds-text-color_success';
  } else if (ready) {
    verdict = 'No target to compare';
    verdictClass = 'slds-text-color_weak';
  }
  const days = `${window.cleanDays} of ${window.windowDays} clean days`;
  return {
    key: control.id,
    controlId: title,
    name: control.name ?? '',
    showProgress: window.state !== 'not-started',
    progressValue: Math.round(window.progress * 100),
    progressLabel: `Evidence window for ${title}: ${days}`,
    windowText: window.state === 'not-started' ? 'Not started' : days,
    readyText: ready ? formatDate(ready) : '—',
    verdict,
    verdictClass
  };
}

const FORECAST_LABEL: Readonly<Record<ReadinessForecast['status'], string>> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'no-target': 'No re-audit target',
  'nothing-to-forecast': 'Nothing to forecast'
};

const FORECAST_THEME: Readonly<Record<ReadinessForecast['status'], string | undefined>> = {
  'on-track': 'slds-theme_success',
  'at-risk': 'slds-theme_error',
  'no-target': undefined,
  'nothing-to-forecast': undefined
};

function forecastDetail(forecast: ReadinessForecast, titles: ReadonlyMap<string, string>): string {
  const latest = forecast.latestReadyOn ? formatDate(forecast.latestReadyOn) : '';
  const target = forecast.target ? formatDate(forecast.target) : '';
  const named = forecast.atRisk.map((key) => titles.get(key) ?? key).join(', ');
  switch (forecast.status) {
    case 'on-track':
      return `Every control is projected ready by ${latest}, ${plural(forecast.slackDays ?? 0, 'day', 'days')} before the re-audit target of ${target}.`;
    case 'at-risk':
      return `Not ready in time for the re-audit target${target ? ` of ${target}` : ''}: ${named}.`;
    case 'no-target':
      return `The last control is projected ready on ${latest}. Set a re-audit target date to compare.`;
    default:
      return 'No control is linked to an exception of this cycle that is still open or remediated.';
  }
}

/**
 * The summary on the Audit Cycle record page: the opinion, bridge-letter cover, re-audit timeline, a readiness
 * forecast from the evidence windows of the controls behind the cycle's exceptions, and the exceptions grouped
 * by criterion with severity and status.
 */
export default class AuditCycleSummary extends NavigationMixin(LightningElement) {
  @api recordId: string | undefined;

  summary: SummaryData | undefined;
  loadError: unknown;

  opinion: Tile | undefined;
  bridge: Tile | undefined;
  forecastLabel = '';
  forecastBadgeClass = '';
  forecastText = '';
  forecastNote = '';
  forecastRows: ControlForecastRow[] = [];
  milestones: Milestone[] = [];
  groups: CriterionGroup[] = [];
  findingCountText = '';

  @wire(getSummary, { cycleId: '$recordId' })
  wiredSummary(result: WireResult<unknown>): void {
    if (result.error) {
      this.loadError = result.error;
      this.summary = undefined;
    } else if (isSummaryData(result.data)) {
      this.loadError = undefined;
      this.summary = result.data;
      this.derive(result.data);
    }
  }

  get isLoading(): boolean {
    return this.summary === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get hasSummary(): boolean {
    return this.summary !== undefined;
  }

  get canSeeExceptions(): boolean {
    return this.summary?.access.exceptions === true;
  }

  get hasFindings(): boolean {
    return this.groups.length > 0;
  }

  get canForecast(): boolean {
    const access = this.summary?.access;
    return access !== undefined && access.exceptions && access.controls && access.evidence;
  }

  get forecastUnavailableText(): string {
    const access = this.summary?.access;
    if (!access) return '';
    const missing = [
      access.exceptions ? '' : 'audit exceptions',
      access.controls ? '' : 'trust controls',
      access.evidence ? '' : 'control evidence'
    ].filter((part) => part !== '');
    return `Your access does not include ${missing.join(', ')}, so there is no readiness forecast.`;
  }

  get hasForecastRows(): boolean {
    return this.forecastRows.length > 0;
  }

  private derive(summary: SummaryData): void {
    const { cycle, asOf } = summary;
    const controlTitles = new Map(summary.controls.map((c) => [c.id, c.controlId ?? c.name ?? c.id]));
    this.opinion = opinionTile(cycle);
    this.bridge = bridgeTile(cycle, asOf);
    this.groups = criterionGroups(summary.findings, controlTitles);
    const open = summary.findings.filter((finding) => OPEN_STATUSES.has(finding.status ?? '')).length;
    this.findingCountText = `${plural(summary.findings.length, 'exception', 'exceptions')}, ${open} open`;

    // The re-audit needs every control whose finding is not closed to have run its window.
    const pending = summary.findings.filter((finding) => finding.status !== CLOSED);
    const forecastIds = new Set(
      pending.map((f) => f.controlRecordId).filter((id): id is string => Boolean(id))
    );
    const controls = summary.controls.filter((control) => forecastIds.has(control.id));
    const windows = controls.map((control) => ({
      control,
      window: evaluateEvidenceWindow({
        today: asOf,
        remediatedOn: control.remediatedOn,
        windowDays: control.windowDays,
        cadence: control.cadence,
        evidence: control.evidence ?? [],
        evidenceFrom: summary.evidenceFrom
      })
    }));
    const forecast = forecastReadiness(
      windows.map(({ control, window }) => ({ key: control.id, window })),
      cycle.reauditTargetDate
    );
    this.forecastLabel = FORECAST_LABEL[forecast.status];
    this.forecastBadgeClass = badge(FORECAST_THEME[forecast.status]);
    this.forecastText = forecastDetail(forecast, controlTitles);
    const unlinked = pending.filter((finding) => !finding.controlRecordId).length;
    this.forecastNote =
      unlinked > 0
        ? `${plural(unlinked, 'exception has', 'exceptions have')} no control linked and ${unlinked === 1 ? 'is' : 'are'} not in the forecast.`
        : '';
    this.forecastRows = windows.map(({ control, window }) =>
      forecastRow(control, window, cycle.reauditTargetDate)
    );
    this.milestones = timeline(cycle, asOf, this.canForecast ? forecast.latestReadyOn : null);
  }

  handleOpenFinding(event: Event): void {
    event.preventDefault();
    const id = (event.currentTarget as HTMLElement).dataset.id ?? '';
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: id, objectApiName: 'Audit_Exception__c', actionName: 'view' }
    });
  }
}
