/**
 * The cacheable Apex methods behind the Control Board and the Audit Cycle summary. Components wire them, so
 * each declaration adds the wire adapter the platform attaches to a cacheable method (the wildcard declaration
 * of `@salesforce/apex/*` only types the call). Payloads are typed where they are read, because Apex is the
 * source of their shape.
 */
declare module '@salesforce/apex/ControlBoardController.getBoard' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetBoard {
    (): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      Record<string, never>,
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getBoard: GetBoard;
  export default getBoard;
}

declare module '@salesforce/apex/AuditCycleSummaryController.getSummary' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetSummary {
    (params: { cycleId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { cycleId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getSummary: GetSummary;
  export default getSummary;
}
