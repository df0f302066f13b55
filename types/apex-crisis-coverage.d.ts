/**
 * The cacheable Apex methods behind the Crisis Event page (`crisisEventCoverage`). Components wire them, so each
 * declaration adds the wire adapter the platform attaches to a cacheable method (the wildcard declaration of
 * `@salesforce/apex/*` only types the call). Payloads are typed where they are read, because Apex is the source
 * of their shape. `requestSnapshot` is not cacheable and is typed by the wildcard.
 */
declare module '@salesforce/apex/CrisisCoverageController.getCoverage' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetCoverage {
    (params: { crisisEventId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { crisisEventId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getCoverage: GetCoverage;
  export default getCoverage;
}

declare module '@salesforce/apex/CrisisCoverageController.getUnnotifiedAccounts' {
  import type { WireAdapterConstructor } from 'lwc';

  interface UnnotifiedAccountsParams {
    crisisEventId?: string;
    pageSize?: number;
    after?: string | null;
  }

  interface GetUnnotifiedAccounts {
    (params: UnnotifiedAccountsParams): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      UnnotifiedAccountsParams,
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getUnnotifiedAccounts: GetUnnotifiedAccounts;
  export default getUnnotifiedAccounts;
}
