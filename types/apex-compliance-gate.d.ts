/**
 * ComplianceGateController.getGateView is cacheable, so components wire it as well as call it. The wildcard
 * declaration of `@salesforce/apex/*` only types the call; this one adds the wire adapter the platform attaches.
 * The payload is typed where it is read (complianceGate), because Apex is the source of its shape.
 */
declare module '@salesforce/apex/ComplianceGateController.getGateView' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetGateView {
    (params: { recordId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { recordId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getGateView: GetGateView;
  export default getGateView;
}
