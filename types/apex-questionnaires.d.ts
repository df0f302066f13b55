/**
 * The cacheable Apex methods behind the questionnaire workspace and the answer library manager. Components wire
 * them, so each declaration adds the wire adapter the platform attaches to a cacheable method (the wildcard
 * declaration of `@salesforce/apex/*` only types the call). Payloads are typed where they are read, because Apex
 * is the source of their shape.
 */
declare module '@salesforce/apex/QuestionnaireController.getWorkspace' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetWorkspace {
    (params: { questionnaireId: string }): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      { questionnaireId?: string },
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getWorkspace: GetWorkspace;
  export default getWorkspace;
}

declare module '@salesforce/apex/AnswerLibraryController.getLibrary' {
  import type { WireAdapterConstructor } from 'lwc';

  interface GetLibrary {
    (): Promise<unknown>;
    readonly adapter: WireAdapterConstructor<
      Record<string, never>,
      { readonly data?: unknown; readonly error?: unknown }
    >;
  }
  const getLibrary: GetLibrary;
  export default getLibrary;
}
