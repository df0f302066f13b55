/** References to objects and fields, resolved by the platform at compile time. */
interface SchemaObjectId {
  readonly objectApiName: string;
}

interface SchemaFieldId {
  readonly objectApiName: string;
  readonly fieldApiName: string;
}

declare module '@salesforce/schema/*' {
  const reference: SchemaFieldId & SchemaObjectId;
  export default reference;
}
