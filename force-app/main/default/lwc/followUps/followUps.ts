import { LightningElement, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getFollowUps from '@salesforce/apex/CustomerCommunicationController.getFollowUps';
import LOCALE from '@salesforce/i18n/locale';

// ---------------------------------------------------------------------------------------------------------
// What CustomerCommunicationController.getFollowUps returns: Customer_Communication__c records by API name
// (Apex leaves empty fields out).

interface FollowUpData {
  readonly Id: string;
  readonly Name?: string;
  readonly Account__c?: string;
  readonly Account__r?: { readonly Name?: string };
  readonly Subject__c?: string;
  readonly Status__c?: string;
  readonly Audience__c?: string;
  readonly Channel__c?: string;
  readonly Commitment__c?: string;
  readonly Commitment_Due__c?: string;
  readonly Follow_Up_Due__c?: string;
  readonly Follow_Up_Required__c?: boolean;
  readonly Follow_Up_Reason__c?: string;
}

interface FollowUpsData {
  readonly asOf: string;
  readonly horizon: string;
  readonly truncated?: boolean;
  readonly accountsTruncated?: boolean;
  readonly communications: readonly FollowUpData[];
}

interface ItemView {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly accountName: string;
  readonly accountUrl: string;
  readonly dueText: string;
  readonly dueClass: string;
  readonly reason: string;
  readonly commitment: string;
  readonly detail: string;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' });

/** A date field (`YYYY-MM-DD`) is a calendar day: formatted in UTC so it never shifts. */
function formatDate(iso: string): string {
  return dateFormat.format(new Date(`${iso}T00:00:00Z`));
}

function isFollowUpsData(value: unknown): value is FollowUpsData {
  const followUps = value as Partial<FollowUpsData> | null | undefined;
  return (
    typeof followUps === 'object' &&
    followUps !== null &&
    typeof followUps.asOf === 'string' &&
    Array.isArray(followUps.communications)
  );
}

function dueOf(record: FollowUpData, asOf: string): Pick<ItemView, 'dueText' | 'dueClass'> {
  const due = record.Follow_Up_Due__c;
  if (!due) return { dueText: 'Follow-up required', dueClass: 'due slds-text-color_error' };
  if (due < asOf)
    return { dueText: `Overdue since ${formatDate(due)}`, dueClass: 'due slds-text-color_error' };
  if (due === asOf) return { dueText: 'Due today', dueClass: 'due slds-text-color_error' };
  return { dueText: `Due ${formatDate(due)}`, dueClass: 'due' };
}

function toItem(record: FollowUpData, asOf: string): ItemView {
  const commitmentDue = record.Commitment_Due__c ? ` (due ${formatDate(record.Commitment_Due__c)})` : '';
  return {
    id: record.Id,
    title: record.Subject__c ?? record.Name ?? record.Id,
    url: `/lightning/r/Customer_Communication__c/${record.Id}/view`,
    accountName: record.Account__r?.Name ?? '',
    accountUrl: record.Account__c ? `/lightning/r/Account/${record.Account__c}/view` : '',
    ...dueOf(record, asOf),
    reason: record.Follow_Up_Reason__c ?? '',
    commitment: record.Commitment__c ? `${record.Commitment__c}${commitmentDue}` : '',
    detail: [record.Name, record.Audience__c, record.Channel__c, record.Status__c]
      .filter((part) => part)
      .join(' · ')
  };
}

/**
 * The account owner's customer follow-ups, for the home page or an app page: communications sent to the user's
 * accounts whose follow-up is due within a week (overdue first) or flagged as required, for instance because the
 * control behind a commitment was remediated. Each shows the reason and links to the account and the communication.
 */
export default class FollowUps extends LightningElement {
  followUps: FollowUpsData | undefined;
  loadError: unknown;
  isRefreshing = false;

  private wiredFollowUps: unknown;

  @wire(getFollowUps)
  wiredGetFollowUps(value: WireResult<unknown>): void {
    this.wiredFollowUps = value;
    if (value.error) {
      this.loadError = value.error;
      this.followUps = undefined;
    } else if (isFollowUpsData(value.data)) {
      this.loadError = undefined;
      this.followUps = value.data;
    }
  }

  get isLoading(): boolean {
    return this.followUps === undefined && this.loadError === undefined;
  }

  get hasLoadError(): boolean {
    return this.loadError !== undefined;
  }

  get isEmpty(): boolean {
    return this.followUps !== undefined && this.followUps.communications.length === 0;
  }

  get hasItems(): boolean {
    return this.followUps !== undefined && this.followUps.communications.length > 0;
  }

  get items(): ItemView[] {
    const followUps = this.followUps;
    if (!followUps) return [];
    return followUps.communications.map((record) => toItem(record, followUps.asOf));
  }

  get summary(): string {
    const count = this.followUps?.communications.length ?? 0;
    const horizon = this.followUps?.horizon ? formatDate(this.followUps.horizon) : '';
    return `${count} ${count === 1 ? 'follow-up' : 'follow-ups'} due by ${horizon} or flagged`;
  }

  get isTruncated(): boolean {
    return this.followUps?.truncated === true || this.followUps?.accountsTruncated === true;
  }

  async handleRefresh(): Promise<void> {
    this.isRefreshing = true;
    try {
      await refreshApex(this.wiredFollowUps);
    } catch (error) {
      this.loadError = error;
    } finally {
      this.isRefreshing = false;
    }
  }
}
