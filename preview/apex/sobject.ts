/**
 * Records the way an `@AuraEnabled` method returns SObjects to a component: the fields it queried that have a
 * value (Aura leaves out null fields), with relationship fields as nested records that carry their `Id`.
 */
import type { RecordStore, RecordValues } from '../server/records';

/** `['Name', 'Sent_By__r.Name']` of `values` (a record of `object`), as the component receives it. */
export function sobject(
  store: RecordStore,
  object: string,
  values: RecordValues,
  fields: readonly string[]
): Record<string, unknown> {
  const definition = store.metadata.requireObject(object);
  const result: Record<string, unknown> = { Id: values.Id };
  const parents = new Map<string, string[]>();
  for (const field of fields) {
    const [head = '', ...rest] = field.split('.');
    if (rest.length > 0) {
      parents.set(head, [...(parents.get(head) ?? []), rest.join('.')]);
    } else if (values[head] !== null && values[head] !== undefined) {
      result[head] = values[head];
    }
  }
  for (const [relationship, paths] of parents) {
    const reference = definition.fields.find(
      (field) => field.reference?.relationshipName?.toLowerCase() === relationship.toLowerCase()
    );
    const id = reference ? values[reference.apiName] : undefined;
    const parent = typeof id === 'string' ? store.get(id) : undefined;
    if (parent)
      result[reference?.reference?.relationshipName ?? relationship] = sobject(
        store,
        parent.object.apiName,
        parent.values,
        paths
      );
  }
  return result;
}
