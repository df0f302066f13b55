/** The subset of Lightning Data Service and platform modules the package uses, typed. */

interface FieldValueRepresentation {
  readonly displayValue: string | null;
  readonly value: unknown;
}

interface RecordRepresentation {
  readonly id: string;
  readonly apiName: string;
  readonly fields: Readonly<Record<string, FieldValueRepresentation>>;
  readonly lastModifiedDate?: string;
  readonly systemModstamp?: string;
}

interface WireResult<T> {
  readonly data?: T;
  readonly error?: unknown;
}

interface WireAdapterConstructor {
  new (callback: (value: unknown) => void): {
    connect(): void;
    disconnect(): void;
    update(config: Record<string, unknown>, context?: Record<string, unknown>): void;
  };
}

declare module 'lightning/uiRecordApi' {
  export interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
  }
  export type FieldId = SchemaFieldId;
  export type Record = RecordRepresentation;
  export const getRecord: WireAdapterConstructor;
  export const getRecords: WireAdapterConstructor;
  export const getRecordCreateDefaults: WireAdapterConstructor;
  export function getFieldValue(
    record: RecordRepresentation | undefined,
    field: SchemaFieldId | string
  ): unknown;
  export function getFieldDisplayValue(
    record: RecordRepresentation | undefined,
    field: SchemaFieldId | string
  ): string | null | undefined;
  export function createRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
  export function updateRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
  export function deleteRecord(recordId: string): Promise<void>;
  export function notifyRecordUpdateAvailable(items: ReadonlyArray<{ recordId: string }>): Promise<void>;
}

declare module 'lightning/uiGraphQLApi' {
  export interface GraphQLResult<T = unknown> {
    readonly data?: T;
    readonly errors?: ReadonlyArray<{ message: string }>;
  }
  export const graphql: WireAdapterConstructor;
  export function gql(strings: TemplateStringsArray, ...values: unknown[]): string;
  export function refreshGraphQL(result: unknown): Promise<void>;
}

declare module 'lightning/uiRelatedListApi' {
  export const getRelatedListRecords: WireAdapterConstructor;
  export const getRelatedListCount: WireAdapterConstructor;
}

declare module 'lightning/uiObjectInfoApi' {
  export const getObjectInfo: WireAdapterConstructor;
  export const getPicklistValues: WireAdapterConstructor;
  export const getPicklistValuesByRecordType: WireAdapterConstructor;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventInit {
    title: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
    messageData?: ReadonlyArray<string | { url: string; label: string }>;
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
    constructor(init: ShowToastEventInit);
  }
}

declare module 'lightning/navigation' {
  export interface PageReference {
    type: string;
    attributes: Record<string, unknown>;
    state?: Record<string, string>;
  }
  // A mixin's constructor must accept any arguments (TS2545), so `any[]` is required here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Constructor<T = object> = abstract new (...args: any[]) => T;
  export const CurrentPageReference: WireAdapterConstructor;
  export function NavigationMixin<T extends Constructor>(
    base: T
  ): T & {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    new (...args: any[]): {
      [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
      [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
    };
  };
  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }
}

declare module 'lightning/platformResourceLoader' {
  export function loadScript(component: object, url: string): Promise<void>;
  export function loadStyle(component: object, url: string): Promise<void>;
}

declare module 'lightning/actions' {
  export class CloseActionScreenEvent extends CustomEvent<undefined> {
    constructor();
  }
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<undefined> {
    constructor();
  }
}
