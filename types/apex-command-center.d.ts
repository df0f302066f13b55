/**
 * CommandCenterController.getOverview is cacheable, so the crisis command center wires it: one request for every
 * figure on the page. The wildcard declaration of `@salesforce/apex/*` only types the call; this one adds the wire
 * adapter the platform attaches. The payload is typed where it is read (crisisCommandCenter), because Apex is the
 * source of its shape.
 */
declare module '@salesforce/apex/CommandCenterController.getOverview' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetOverview {
    (): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      Record<string, never>,
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getOverview: GetOverview;
  export default getOverview;
}
