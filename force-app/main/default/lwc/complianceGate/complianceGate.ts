import { LightningElement, api, wire } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getGateView from '@salesforce/apex/ComplianceGateController.getGateView';
import {
  deriveComplianceGate,
  type AuditOpinion,
  type GateInput,
  type GateReason,
  type GateResult,
  type GateStatus
} from 'c/complianceGateRules';
import { renderTemplate, type MergeContext, type MergeError } from 'c/templateRenderer';

/**
 * The compliance gate of a deal (or of a buyer, on an Account page) in one glance: whether procurement can
 * proceed and why, the buyer's affected criteria with what may be said about each fix, the re-audit date and the
 * evidence window of each control, the latest customer communication, the open questionnaire, the approved
 * procurement talk track merged for this account, and on an Account the open pipeline at risk.
 *
 * Everything comes from one cacheable Apex call (`getGateView`), so the first render costs one round trip. The
 * gate shown is derived live from that payload with the same rules that keep the stored gate (the one reports
 * use) equal to its inputs; when the two differ, the stored one is about to be refreshed and the card says so.
 */

/** The payload of ComplianceGateController.getGateView (ComplianceGateView.GateView in Apex). */
export interface GateView {
  readonly recordKind: 'Opportunity' | 'Account';
  readonly today: string;
  readonly account?: AccountView | null;
  readonly opportunity?: OpportunityView | null;
  readonly cycle?: CycleView | null;
  readonly exceptions: readonly ExceptionView[];
  readonly criteria: readonly CriterionView[];
  readonly controls: readonly ControlView[];
  readonly latestCommunication?: CommunicationView | null;
  readonly questionnaire?: QuestionnaireView | null;
  readonly templates: readonly TemplateView[];
  readonly mergeContext?: Readonly<Record<string, Readonly<Record<string, string | null>>>> | null;
  readonly pipeline?: PipelineView | null;
  readonly restricted: readonly string[];
}

export interface AccountView {
  readonly id: string;
  readonly name: string;
  readonly soc2Required: boolean;
  readonly suspensionClause: boolean;
  readonly processesPersonalData: boolean;
  readonly regimes: readonly string[];
  readonly categories: readonly string[];
  readonly notificationDeadlineHours?: number | null;
}

export interface OpportunityView {
  readonly id: string;
  readonly name: string;
  readonly storedGate?: string | null;
  readonly gateReason?: string | null;
  readonly gateExpectedClear?: string | null;
  readonly gateEvaluatedAt?: string | null;
}

export interface CycleView {
  readonly id: string;
  readonly name: string;
  readonly opinion?: string | null;
  readonly status?: string | null;
  readonly periodEnd?: string | null;
  readonly reportDate?: string | null;
  readonly bridgeLetterValidUntil?: string | null;
  readonly reauditTargetDate?: string | null;
}

export interface ExceptionView {
  readonly id: string;
  readonly criterion: string;
  readonly category?: string | null;
  readonly severity?: string | null;
  readonly status?: string | null;
  readonly controlId?: string | null;
}

export interface CriterionView {
  readonly id: string;
  readonly label?: string | null;
  readonly category?: string | null;
}

export interface ControlView {
  readonly id: string;
  readonly controlId?: string | null;
  readonly status?: string | null;
  readonly criteria: readonly string[];
  readonly remediatedOn?: string | null;
  readonly cleanWindowDays?: number | null;
  readonly customerSafeSummary?: string | null;
  readonly latestEvidenceOn?: string | null;
}

export interface CommunicationView {
  readonly id: string;
  readonly name: string;
  readonly sentAt?: string | null;
  readonly channel?: string | null;
  readonly audience?: string | null;
  readonly status?: string | null;
  readonly subject?: string | null;
  readonly acknowledgedAt?: string | null;
  readonly acknowledgedBy?: string | null;
}

export interface QuestionnaireView {
  readonly id: string;
  readonly name: string;
  readonly format?: string | null;
  readonly status?: string | null;
  readonly dueDate?: string | null;
  readonly itemCount?: number | null;
  readonly answeredCount?: number | null;
  readonly approvedCount?: number | null;
}

export interface TemplateView {
  readonly id: string;
  readonly name: string;
  readonly version?: number | null;
  readonly approvalStatus?: string | null;
  readonly subject?: string | null;
  readonly body?: string | null;
}

export interface PipelineView {
  readonly openCount: number;
  readonly openAmount: number;
  readonly atRiskCount: number;
  readonly atRiskAmount: number;
  readonly currencyCode: string;
  readonly byGate: ReadonlyArray<{ readonly gate: string; readonly count: number; readonly amount: number }>;
}

/** Clean days of a control's evidence window so far, for the progress bar. */
export interface EvidenceProgress {
  readonly cleanDays: number;
  readonly windowDays: number;
  /** 0–100, whole. */
  readonly percent: number;
  readonly complete: boolean;
}

const APPROVED = 'Approved';
const CONTROL_ACCRUING = 'Remediated - Evidence Accruing';
/** Trust_Control__c.Clean_Window_Days__c defaults to 90 days when a control was saved without one. */
const DEFAULT_CLEAN_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Sections without which a live derivation would be built on half its inputs. */
const GATE_INPUT_SECTIONS = ['cycle', 'exceptions', 'controls'];
const OPINIONS: readonly AuditOpinion[] = ['Pending', 'Unqualified', 'Qualified', 'Adverse', 'Disclaimer'];

const STATUS_PRESENTATION: Readonly<
  Record<GateStatus, { icon: string; badgeClass: string; headline: string }>
> = {
  Clear: {
    icon: 'utility:success',
    badgeClass: 'gate-badge slds-theme_success',
    headline: 'Procurement can proceed'
  },
  'At Risk': {
    icon: 'utility:warning',
    badgeClass: 'gate-badge slds-theme_warning',
    headline: 'Procurement can proceed with caveats'
  },
  Blocked: {
    icon: 'utility:ban',
    badgeClass: 'gate-badge slds-theme_error',
    headline: 'Procurement is blocked'
  }
};

/**
 * Whole days from `from` to `to` (ISO dates, compared as calendar dates), or null when either is not a date.
 */
export function daysBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  const start = isoDay(from);
  const end = isoDay(to);
  return start === null || end === null ? null : Math.round((end - start) / DAY_MS);
}

function isoDay(value: string | null | undefined): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/**
 * How far a remediated control is into its clean-operation window on `today`: clean days since it was
 * remediated (never negative, never past the window) out of the window's days.
 */
export function evidenceProgress(
  remediatedOn: string | null | undefined,
  windowDays: number | null | undefined,
  today: string
): EvidenceProgress | null {
  const elapsed = daysBetween(remediatedOn, today);
  const window = windowDays ?? DEFAULT_CLEAN_WINDOW_DAYS;
  if (elapsed === null || window <= 0) {
    return null;
  }
  const cleanDays = Math.min(Math.max(elapsed, 0), window);
  return {
    cleanDays,
    windowDays: window,
    percent: Math.round((cleanDays / window) * 100),
    complete: cleanDays >= window
  };
}

/** The derivation's input from the payload. */
export function gateInputOf(view: GateView, buyer: AccountView): GateInput {
  const cycle = view.cycle;
  const opinion = OPINIONS.find((candidate) => candidate === cycle?.opinion) ?? 'Pending';
  return {
    today: view.today,
    buyer: {
      soc2Required: buyer.soc2Required,
      suspensionClause: buyer.suspensionClause,
      processesPersonalData: buyer.processesPersonalData,
      regimes: buyer.regimes,
      categories: buyer.categories
    },
    cycle: cycle
      ? {
          opinion,
          reportDate: cycle.reportDate ?? undefined,
          bridgeLetterValidUntil: cycle.bridgeLetterValidUntil ?? undefined,
          reauditTargetDate: cycle.reauditTargetDate ?? undefined,
          periodEnd: cycle.periodEnd ?? undefined
        }
      : undefined,
    exceptions: view.exceptions.map((exception) => ({
      id: exception.id,
      criterion: exception.criterion,
      category: exception.category ?? '',
      severity: exception.severity ?? '',
      status: exception.status ?? '',
      controlId: exception.controlId ?? undefined
    })),
    controls: view.controls.map((control) => ({
      id: control.id,
      name: control.controlId ?? control.id,
      status: control.status ?? '',
      criteria: control.criteria,
      remediatedOn: control.remediatedOn ?? undefined,
      cleanWindowDays: control.cleanWindowDays ?? DEFAULT_CLEAN_WINDOW_DAYS,
      customerSafeSummary: control.customerSafeSummary ?? undefined
    }))
  };
}

interface WiredGateView {
  readonly data?: unknown;
  readonly error?: unknown;
}

interface ControlRow {
  readonly key: string;
  readonly label: string;
  readonly status: string;
  readonly summary: string;
  readonly latestEvidenceOn?: string | null;
  readonly progress: EvidenceProgress | null;
  readonly progressLabel: string;
}

interface CriterionRow {
  readonly key: string;
  readonly heading: string;
  readonly controls: readonly ControlRow[];
  readonly hasControls: boolean;
}

interface ReasonRow {
  readonly key: string;
  readonly message: string;
  readonly detail?: string;
}

interface TalkTrack {
  readonly ok: boolean;
  readonly text: string;
  readonly errors: ReadonlyArray<{ readonly key: string; readonly message: string }>;
}

export default class ComplianceGate extends LightningElement {
  /** Set by the record page: an Opportunity or Account id. */
  @api recordId?: string;

  /** Set by the record page: `Opportunity` or `Account`. */
  @api objectApiName?: string;

  view?: GateView;
  error?: unknown;
  /** The live derivation, computed once per payload. */
  gate?: GateResult;
  selectedTemplateId?: string;

  @wire(getGateView, { recordId: '$recordId' })
  wiredView({ data, error }: WiredGateView): void {
    this.view = data ? (data as GateView) : undefined;
    this.error = error;
    this.gate = undefined;
    const view = this.view;
    if (view?.account && this.canDerive) {
      try {
        this.gate = deriveComplianceGate(gateInputOf(view, view.account));
      } catch (derivationError) {
        this.view = undefined;
        this.error = derivationError;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // States

  get isLoading(): boolean {
    return !this.view && !this.error;
  }

  get hasError(): boolean {
    return !this.view && Boolean(this.error);
  }

  get isAccountPage(): boolean {
    return (this.view?.recordKind ?? this.objectApiName) === 'Account';
  }

  get cardTitle(): string {
    return this.isAccountPage ? 'Compliance gate for this account' : 'Compliance gate';
  }

  get hasView(): boolean {
    return this.view !== undefined;
  }

  get hasNoBuyer(): boolean {
    return this.view !== undefined && !this.view.account;
  }

  get soc2NotRequired(): boolean {
    return Boolean(this.view?.account) && this.view?.account?.soc2Required === false;
  }

  get showsGate(): boolean {
    return Boolean(this.view?.account?.soc2Required);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The gate

  /** Whether the user can read every input of the derivation; otherwise only the stored gate can be shown. */
  get canDerive(): boolean {
    const restricted = this.view?.restricted ?? [];
    return !GATE_INPUT_SECTIONS.some((section) => restricted.includes(section));
  }

  get storedGate(): GateStatus | undefined {
    const stored = this.view?.opportunity?.storedGate;
    return stored === 'Clear' || stored === 'At Risk' || stored === 'Blocked' ? stored : undefined;
  }

  /** The gate on display: the live derivation, or the stored gate when the user cannot see every input. */
  get displayedStatus(): GateStatus | undefined {
    return this.gate?.status ?? this.storedGate;
  }

  get hasStatus(): boolean {
    return this.displayedStatus !== undefined;
  }

  get statusLabel(): string {
    return this.displayedStatus ?? '';
  }

  get statusIcon(): string {
    return this.displayedStatus ? STATUS_PRESENTATION[this.displayedStatus].icon : '';
  }

  get badgeClass(): string {
    return this.displayedStatus ? STATUS_PRESENTATION[this.displayedStatus].badgeClass : '';
  }

  get headline(): string {
    return this.displayedStatus ? STATUS_PRESENTATION[this.displayedStatus].headline : '';
  }

  get isClear(): boolean {
    return this.displayedStatus === 'Clear';
  }

  get isAtRisk(): boolean {
    return this.displayedStatus === 'At Risk';
  }

  get isBlocked(): boolean {
    return this.displayedStatus === 'Blocked';
  }

  get summary(): string {
    return this.gate?.summary ?? this.view?.opportunity?.gateReason ?? '';
  }

  get expectedClearDate(): string | undefined {
    return this.gate ? this.gate.expectedClearDate : (this.view?.opportunity?.gateExpectedClear ?? undefined);
  }

  get reasons(): ReasonRow[] {
    return (this.gate?.reasons ?? []).map((reason: GateReason, index) => ({
      key: `${reason.code}-${reason.criterion ?? ''}-${reason.controlId ?? ''}-${index}`,
      message: reason.message,
      detail: reason.detail
    }));
  }

  get hasReasons(): boolean {
    return this.reasons.length > 0;
  }

  /** On a deal, when the stored gate (what reports see) differs from the live derivation. */
  get refreshNote(): string | undefined {
    const live = this.gate?.status;
    if (!live || !this.view?.opportunity) {
      return undefined;
    }
    const stored = this.view.opportunity.storedGate;
    if (!stored) {
      return `Refreshing: this deal has no stored gate yet; reports will show ${live} once it is saved.`;
    }
    return stored === live
      ? undefined
      : `Refreshing: the gate stored on this deal says ${stored}; reports will show ${live} once it is updated.`;
  }

  get restrictedNote(): string | undefined {
    if (this.canDerive) {
      return undefined;
    }
    return this.storedGate
      ? 'You cannot see every audit record behind this gate, so it shows the gate stored on the deal.'
      : 'You cannot see every audit record behind this gate, so it cannot be shown here.';
  }

  // ---------------------------------------------------------------------------------------------------------
  // Affected criteria, controls and the re-audit

  get affectedCriteria(): CriterionRow[] {
    const view = this.view;
    const gate = this.gate;
    if (!view || !gate) {
      return [];
    }
    return gate.affectedCriteria.map((criterionId) => {
      const criterion = view.criteria.find((candidate) => candidate.id === criterionId);
      const namedControls = new Set(
        view.exceptions
          .filter((exception) => exception.criterion === criterionId && exception.controlId)
          .map((exception) => exception.controlId)
      );
      const controls = view.controls
        .filter((control) => control.criteria.includes(criterionId) || namedControls.has(control.id))
        .map((control) => this.controlRow(criterionId, control, view.today));
      return {
        key: criterionId,
        heading: criterion?.label ? `${criterionId} ${criterion.label}` : criterionId,
        controls,
        hasControls: controls.length > 0
      };
    });
  }

  get hasAffectedCriteria(): boolean {
    return this.affectedCriteria.length > 0;
  }

  private controlRow(criterionId: string, control: ControlView, today: string): ControlRow {
    const label = control.controlId ?? 'Control';
    const progress =
      control.status === CONTROL_ACCRUING
        ? evidenceProgress(control.remediatedOn, control.cleanWindowDays, today)
        : null;
    return {
      key: `${criterionId}-${control.id}`,
      label,
      status: control.status ?? 'Status unknown',
      summary: control.customerSafeSummary ?? 'No customer-safe summary yet.',
      latestEvidenceOn: control.latestEvidenceOn,
      progress,
      progressLabel: progress
        ? `${label} evidence window: ${progress.cleanDays} of ${progress.windowDays} clean days`
        : ''
    };
  }

  get reauditTargetDate(): string | undefined {
    return this.view?.cycle?.reauditTargetDate ?? undefined;
  }

  get hasCycle(): boolean {
    return Boolean(this.view?.cycle);
  }

  get cycleName(): string {
    return this.view?.cycle?.name ?? '';
  }

  get cycleOpinion(): string {
    return this.view?.cycle?.opinion ?? 'Pending';
  }

  // ---------------------------------------------------------------------------------------------------------
  // Communication and questionnaire

  get communication(): CommunicationView | undefined {
    return this.view?.latestCommunication ?? undefined;
  }

  get isAcknowledged(): boolean {
    return Boolean(this.communication?.acknowledgedAt);
  }

  get questionnaire(): QuestionnaireView | undefined {
    return this.view?.questionnaire ?? undefined;
  }

  get questionnaireProgress(): {
    answered: number;
    approved: number;
    items: number;
    percent: number;
    label: string;
  } {
    const items = this.questionnaire?.itemCount ?? 0;
    const answered = this.questionnaire?.answeredCount ?? 0;
    const approved = this.questionnaire?.approvedCount ?? 0;
    return {
      items,
      answered,
      approved,
      percent: items > 0 ? Math.round((approved / items) * 100) : 0,
      label: `Questionnaire progress: ${approved} of ${items} answers approved`
    };
  }

  get communicationsRestricted(): boolean {
    return this.view?.restricted.includes('communications') ?? false;
  }

  get questionnairesRestricted(): boolean {
    return this.view?.restricted.includes('questionnaires') ?? false;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Talk track

  /** Only approved templates are ever offered, whatever the server returned. */
  get approvedTemplates(): TemplateView[] {
    return (this.view?.templates ?? []).filter((template) => template.approvalStatus === APPROVED);
  }

  get hasTemplates(): boolean {
    return this.approvedTemplates.length > 0;
  }

  get hasSeveralTemplates(): boolean {
    return this.approvedTemplates.length > 1;
  }

  get templateOptions(): Array<{ label: string; value: string }> {
    return this.approvedTemplates.map((template) => ({
      label: template.version ? `${template.name} (v${template.version})` : template.name,
      value: template.id
    }));
  }

  get selectedTemplate(): TemplateView | undefined {
    const templates = this.approvedTemplates;
    return templates.find((template) => template.id === this.selectedTemplateId) ?? templates[0];
  }

  get selectedTemplateValue(): string | undefined {
    return this.selectedTemplate?.id;
  }

  get talkTrack(): TalkTrack | undefined {
    const template = this.selectedTemplate;
    if (!template) {
      return undefined;
    }
    const context = (this.view?.mergeContext ?? {}) as MergeContext;
    const result = renderTemplate(template.body ?? '', context, { channel: 'text' });
    if (result.ok) {
      return { ok: true, text: result.output, errors: [] };
    }
    return {
      ok: false,
      text: '',
      errors: result.errors.map((mergeError: MergeError, index) => ({
        key: `${mergeError.code}-${index}`,
        message: mergeError.message
      }))
    };
  }

  get talkTrackReady(): boolean {
    return this.talkTrack?.ok === true;
  }

  handleTemplateChange(event: CustomEvent<{ value: string }>): void {
    this.selectedTemplateId = event.detail.value;
  }

  /** Copies the merged talk track: the Clipboard API where the browser allows it, else a selected textarea. */
  async handleCopy(): Promise<void> {
    const text = this.talkTrack?.ok ? this.talkTrack.text : '';
    if (!text) {
      return;
    }
    let copied = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied) {
      copied = this.copyWithSelection(text);
    }
    this.dispatchEvent(
      new ShowToastEvent(
        copied
          ? {
              title: 'Talk track copied',
              message: 'Paste it into your reply to procurement.',
              variant: 'success'
            }
          : {
              title: 'Could not copy the talk track',
              message: 'Select the text and copy it yourself.',
              variant: 'error'
            }
      )
    );
  }

  private copyWithSelection(text: string): boolean {
    const buffer = this.refs?.copyBuffer as HTMLTextAreaElement | undefined;
    if (!buffer) {
      return false;
    }
    buffer.value = text;
    buffer.select();
    try {
      // The Clipboard API is missing or refused (an older browser, an insecure frame): the legacy command
      // still copies a selection.
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pipeline (Account pages)

  get pipeline(): PipelineView | undefined {
    return this.isAccountPage ? (this.view?.pipeline ?? undefined) : undefined;
  }

  get pipelineBuckets(): Array<{ key: string; gate: string; count: number; amount: number }> {
    return (this.pipeline?.byGate ?? []).map((bucket) => ({ key: bucket.gate, ...bucket }));
  }

  get hasOpenPipeline(): boolean {
    return (this.pipeline?.openCount ?? 0) > 0;
  }
}
