/** Apex methods exposed with @AuraEnabled: called imperatively or wired. */
declare module '@salesforce/apex/*' {
  interface ApexMethod {
    (params?: Record<string, unknown>): Promise<unknown>;
  }
  const method: ApexMethod;
  export default method;
}

declare module '@salesforce/apex' {
  export function refreshApex(wiredValue: unknown): Promise<void>;
  export function getSObjectValue(sobject: Record<string, unknown>, field: SchemaFieldId | string): unknown;
}

/** Custom labels: translated strings managed in Setup. */
declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

/** Static resource URLs. */
declare module '@salesforce/resourceUrl/*' {
  const url: string;
  export default url;
}

declare module '@salesforce/user/Id' {
  const userId: string;
  export default userId;
}

declare module '@salesforce/customPermission/*' {
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/userPermission/*' {
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/i18n/*' {
  const value: string;
  export default value;
}
