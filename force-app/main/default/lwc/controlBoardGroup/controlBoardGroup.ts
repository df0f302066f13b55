import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';

/** One control row, as `controlBoard` derives it; every value is ready to show. */
export interface BoardRow {
  readonly key: string;
  readonly id: string;
  readonly controlId: string;
  readonly name: string;
  readonly recordUrl: string;
  readonly ownerName: string;
  readonly status: string;
  readonly statusFieldLabel: string;
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

/** A criteria series group of the board; rows are only derived while it is expanded. */
export interface BoardGroup {
  readonly key: string;
  readonly title: string;
  readonly caption: string;
  readonly countText: string;
  readonly expanded: boolean;
  /** `aria-expanded` wants the strings true and false. */
  readonly expandedText: string;
  readonly iconName: string;
  readonly rows: readonly BoardRow[];
}

/**
 * One group of the Control Board: a toggle heading and, when expanded, the table of its controls. Each group
 * renders in its own shadow tree, so expanding or changing one group leaves the others untouched. The board
 * owns the data: this component reports `toggle` ({ key }) and `statuschange` ({ id, value }) and navigates
 * to a control or its audit exceptions itself.
 */
export default class ControlBoardGroup extends NavigationMixin(LightningElement) {
  @api group: BoardGroup | undefined;
  @api statusOptions: ReadonlyArray<{ label: string; value: string }> = [];
  @api readOnly = false;

  get rows(): readonly BoardRow[] {
    return this.group?.rows ?? [];
  }

  handleToggle(): void {
    this.dispatchEvent(new CustomEvent('toggle', { detail: { key: this.group?.key ?? '' } }));
  }

  handleStatusChange(event: CustomEvent<{ value: string }>): void {
    event.stopPropagation();
    const id = (event.target as HTMLElement).dataset.id ?? '';
    this.dispatchEvent(new CustomEvent('statuschange', { detail: { id, value: event.detail.value } }));
  }

  handleOpenControl(event: Event): void {
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId: this.idOf(event), objectApiName: 'Trust_Control__c', actionName: 'view' }
    });
  }

  handleOpenExceptions(event: Event): void {
    event.preventDefault();
    this[NavigationMixin.Navigate]({
      type: 'standard__recordRelationshipPage',
      attributes: {
        recordId: this.idOf(event),
        objectApiName: 'Trust_Control__c',
        relationshipApiName: 'Audit_Exceptions__r',
        actionName: 'view'
      }
    });
  }

  private idOf(event: Event): string {
    return (event.currentTarget as HTMLElement).dataset.id ?? '';
  }
}
