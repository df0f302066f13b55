/**
 * The cacheable Apex methods behind the customer notification components (customerCommunications,
 * logCustomerNotification, followUps). Components wire them, so each declaration adds the wire adapter the
 * platform attaches to a cacheable method (the wildcard declaration of `@salesforce/apex/*` only types the call).
 * Payloads are typed where they are read, because Apex is the source of their shape.
 */
declare module '@salesforce/apex/CustomerCommunicationController.getTimeline' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetTimeline {
    (params: { accountId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { accountId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getTimeline: GetTimeline;
  export default getTimeline;
}

declare module '@salesforce/apex/CustomerCommunicationController.getLogContext' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetLogContext {
    (params: { accountId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { accountId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getLogContext: GetLogContext;
  export default getLogContext;
}

declare module '@salesforce/apex/CustomerCommunicationController.getFollowUps' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetFollowUps {
    (): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      Record<string, never>,
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getFollowUps: GetFollowUps;
  export default getFollowUps;
}
