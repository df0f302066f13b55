import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import type { GroupView, RowView } from 'c/controlBoard';

/**
 * One group of the Control Board: a toggle heading and, when expanded, the table of its controls. Each group
 * renders in its own shadow tree, so expanding or changing one group leaves the others untouched. The board
 * owns the data: this component reports `toggle` ({ key }) and `statuschange` ({ id, value }) and navigates
 * to a control or its audit exceptions itself.
 */
export default class ControlBoardGroup extends NavigationMixin(LightningElement) {
  @api group: GroupView | undefined;
  @api statusOptions: ReadonlyArray<{ label: string; value: string }> = [];
  @api readOnly = false;

  get rows(): readonly RowView[] {
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
