/**
 * The slice of the User Interface API that Lightning Data Service and the preview's shell call: records
 * (single, batch, create, update, delete), object info and picklist values, related lists and list views.
 * Response bodies follow the UI API's representations (RecordRepresentation, ObjectInfoRepresentation,
 * RelatedListRecordCollection…) so the preview's `lightning/ui*Api` modules hand components what an org would.
 */
import type { PackageMetadata, PreviewField, PreviewObject } from './metadata';
import type { RecordStore, RecordValues } from './records';
import { ApiError } from './errors';
import { normalizeId } from './ids';
import type { ComparisonOperator, Condition, OrderTerm } from './query';
import { PREVIEW_TIME_ZONE } from './clock';
import { asText } from '../shared/text';

export interface FieldValue {
  readonly displayValue: string | null;
  readonly value: unknown;
}

export interface RecordRepresentation {
  readonly apiName: string;
  readonly childRelationships: Readonly<Record<string, unknown>>;
  readonly eTag: string;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly id: string;
  readonly lastModifiedById: string | null;
  readonly lastModifiedDate: string | null;
  readonly recordTypeId: string | null;
  readonly recordTypeInfo: null;
  readonly systemModstamp: string | null;
  readonly weakEtag: number;
}

/** The record type id every object without record types reports (the master record type). */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

const dateFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric'
});
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: PREVIEW_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit'
});
const currencyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/** The formatted value the UI shows, or null where the UI API gives none (text, checkboxes, ids). */
export function displayValueOf(field: PreviewField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (field.dataType) {
    case 'Picklist': {
      const entry = field.picklist?.entries.find((candidate) => candidate.value === value);
      return entry?.label ?? asText(value);
    }
    case 'MultiPicklist':
      return String(value as string)
        .split(';')
        .map((part) => field.picklist?.entries.find((entry) => entry.value === part)?.label ?? part)
        .join(';');
    case 'Date':
      return dateFormat.format(new Date(`${asText(value)}T00:00:00Z`));
    case 'DateTime':
      return dateTimeFormat.format(new Date(asText(value)));
    case 'Currency':
      return currencyFormat.format(Number(value));
    case 'Percent':
      return `${numberFormat.format(Number(value))}%`;
    case 'Int':
    case 'Double':
      return numberFormat.format(Number(value));
    default:
      return null;
  }
}

/** `Opportunity.Account.Name` → `['Account', 'Name']` when the page's object is Opportunity. */
export function fieldPath(objectApiName: string, qualified: string): string[] {
  const parts = qualified.split('.');
  return parts.length > 1 && parts[0]?.toLowerCase() === objectApiName.toLowerCase() ? parts.slice(1) : parts;
}

interface PathTree {
  readonly fields: Set<string>;
  readonly parents: Map<string, PathTree>;
}

function newTree(): PathTree {
  return { fields: new Set(), parents: new Map() };
}

export class UiApi {
  private readonly store: RecordStore;
  private readonly metadata: PackageMetadata;

  constructor(store: RecordStore) {
    this.store = store;
    this.metadata = store.metadata;
  }

  private requireObject(apiName: string): PreviewObject {
    const object = this.metadata.object(apiName);
    if (!object) throw new ApiError(400, 'INVALID_TYPE', `Object ${apiName} is not supported in UI API`);
    return object;
  }

  /** The record's id, or a 404 the way the UI API reports a missing record. */
  private requireRecord(recordId: string): { object: PreviewObject; values: RecordValues } {
    const id = normalizeId(recordId);
    if (!id) throw new ApiError(400, 'MALFORMED_ID', `Invalid record id: ${recordId}`);
    const record = this.store.get(id);
    if (!record) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return record;
  }

  /**
   * Builds the tree of requested paths, checking each against the schema. An unknown path in `fields` is an
   * error; in `optionalFields` it is left out, as in the org.
   */
  private pathTree(
    object: PreviewObject,
    fields: readonly string[],
    optionalFields: readonly string[]
  ): PathTree {
    const tree = newTree();
    const add = (qualified: string, optional: boolean): void => {
      const path = fieldPath(object.apiName, qualified);
      let current = object;
      let node = tree;
      for (let index = 0; index < path.length; index++) {
        const name = path[index] ?? '';
        const last = index === path.length - 1;
        if (last) {
          const field = current.fieldsByName.get(name.toLowerCase());
          if (!field) {
            if (optional) return;
            throw new ApiError(
              400,
              'INVALID_FIELD',
              `No such column '${name}' on entity '${current.apiName}'. (${qualified})`
            );
          }
          node.fields.add(field.apiName);
          return;
        }
        const reference = current.fields.find(
          (field) => field.reference?.relationshipName?.toLowerCase() === name.toLowerCase()
        );
        const target = reference?.reference
          ? this.metadata.object(reference.reference.targets[0] ?? '')
          : undefined;
        if (!reference || !target) {
          if (optional) return;
          throw new ApiError(
            400,
            'INVALID_FIELD',
            `No such relation '${name}' on entity '${current.apiName}'. (${qualified})`
          );
        }
        node.fields.add(reference.apiName);
        const key = reference.reference?.relationshipName ?? name;
        let child = node.parents.get(key);
        if (!child) {
          child = newTree();
          node.parents.set(key, child);
        }
        node = child;
        current = target;
      }
    };
    for (const field of fields) add(field, false);
    for (const field of optionalFields) add(field, true);
    return tree;
  }

  private allFieldsTree(object: PreviewObject): PathTree {
    const tree = newTree();
    for (const field of object.fields) {
      tree.fields.add(field.apiName);
      if (field.reference?.relationshipName && this.metadata.object(field.reference.targets[0] ?? '')) {
        const parent = newTree();
        parent.fields.add('Id');
        parent.fields.add('Name');
        tree.parents.set(field.reference.relationshipName, parent);
      }
    }
    return tree;
  }

  representation(object: PreviewObject, values: RecordValues, tree: PathTree): RecordRepresentation {
    const fields: Record<string, FieldValue> = {};
    for (const name of tree.fields) {
      const field = object.fieldsByName.get(name.toLowerCase());
      if (!field) continue;
      fields[field.apiName] = {
        displayValue: displayValueOf(field, values[field.apiName]),
        value: values[field.apiName] ?? null
      };
    }
    for (const [relationshipName, subtree] of tree.parents) {
      const reference = object.fields.find((field) => field.reference?.relationshipName === relationshipName);
      const id = reference ? values[reference.apiName] : undefined;
      const parent = typeof id === 'string' ? this.store.get(id) : undefined;
      fields[relationshipName] = parent
        ? {
            displayValue: typeof parent.values.Name === 'string' ? parent.values.Name : null,
            value: this.representation(parent.object, parent.values, subtree)
          }
        : { displayValue: null, value: null };
    }
    const modstamp = typeof values.SystemModstamp === 'string' ? values.SystemModstamp : null;
    const weakEtag = modstamp ? Date.parse(modstamp) : 0;
    return {
      apiName: object.apiName,
      childRelationships: {},
      eTag: `${String(values.Id)}-${weakEtag}`,
      fields,
      id: String(values.Id),
      lastModifiedById: typeof values.LastModifiedById === 'string' ? values.LastModifiedById : null,
      lastModifiedDate: typeof values.LastModifiedDate === 'string' ? values.LastModifiedDate : null,
      recordTypeId: MASTER_RECORD_TYPE_ID,
      recordTypeInfo: null,
      systemModstamp: modstamp,
      weakEtag
    };
  }

  private layoutFields(object: PreviewObject, layoutTypes: readonly string[]): string[] {
    const fields = new Set<string>();
    if (layoutTypes.some((type) => type.toLowerCase() === 'compact')) {
      for (const field of object.compactLayout) fields.add(field);
    }
    if (layoutTypes.some((type) => type.toLowerCase() === 'full')) {
      for (const section of object.layout?.sections ?? []) {
        for (const column of section.columns) for (const item of column) fields.add(item.field);
      }
    }
    return [...fields].filter((field) => object.fieldsByName.has(field.toLowerCase()));
  }

  getRecord(
    recordId: string,
    options: {
      fields?: readonly string[];
      optionalFields?: readonly string[];
      layoutTypes?: readonly string[];
    }
  ): RecordRepresentation {
    const record = this.requireRecord(recordId);
    const fields = options.fields ?? [];
    const optional = [
      ...(options.optionalFields ?? []),
      ...this.layoutFields(record.object, options.layoutTypes ?? [])
    ];
    if (fields.length === 0 && optional.length === 0) {
      throw new ApiError(
        400,
        'ILLEGAL_QUERY_PARAMETER_VALUE',
        'getRecord needs fields, optionalFields or layoutTypes'
      );
    }
    return this.representation(record.object, record.values, this.pathTree(record.object, fields, optional));
  }

  /** `getRecords`: one result per id, each with its own status, as the batch resource answers. */
  getRecords(
    requests: readonly {
      recordIds: readonly string[];
      fields?: readonly string[];
      optionalFields?: readonly string[];
      layoutTypes?: readonly string[];
    }[]
  ): {
    results: { statusCode: number; result: unknown }[];
  } {
    const results: { statusCode: number; result: unknown }[] = [];
    for (const request of requests) {
      for (const recordId of request.recordIds) {
        try {
          results.push({ statusCode: 200, result: this.getRecord(recordId, request) });
        } catch (error) {
          const apiError =
            error instanceof ApiError ? error : new ApiError(500, 'UNKNOWN_EXCEPTION', String(error));
          results.push({
            statusCode: apiError.statusCode,
            result: [{ errorCode: apiError.errorCode, message: apiError.message }]
          });
        }
      }
    }
    return { results };
  }

  createRecord(input: { apiName?: unknown; fields?: unknown }): RecordRepresentation {
    if (typeof input.apiName !== 'string' || typeof input.fields !== 'object' || input.fields === null) {
      throw new ApiError(400, 'INVALID_INPUT', 'createRecord needs { apiName: string, fields: object }');
    }
    const object = this.requireObject(input.apiName);
    const saved = this.store.create(object.apiName, input.fields as RecordValues);
    return this.representation(object, saved, this.allFieldsTree(object));
  }

  updateRecord(
    recordId: string,
    input: { fields?: unknown },
    ifUnmodifiedSince?: string
  ): RecordRepresentation {
    if (typeof input.fields !== 'object' || input.fields === null) {
      throw new ApiError(400, 'INVALID_INPUT', 'updateRecord needs { fields: object }');
    }
    const fields = { ...(input.fields as RecordValues) };
    const { object } = this.requireRecord(recordId);
    if (fields.Id !== undefined && normalizeId(fields.Id) !== normalizeId(recordId)) {
      throw new ApiError(400, 'INVALID_INPUT', 'fields.Id does not match the record id in the URL');
    }
    delete fields.Id;
    const saved = this.store.update(recordId, fields, { ifUnmodifiedSince });
    return this.representation(object, saved, this.allFieldsTree(object));
  }

  deleteRecord(recordId: string): void {
    this.requireRecord(recordId);
    this.store.delete(recordId);
  }

  // -------------------------------------------------------------------------------------------------------
  // Object info

  objectInfo(apiName: string): Record<string, unknown> {
    const object = this.requireObject(apiName);
    const fields: Record<string, unknown> = {};
    for (const field of object.fields) {
      fields[field.apiName] = {
        apiName: field.apiName,
        calculated: field.calculated,
        compound: false,
        compoundComponentName: null,
        compoundFieldName: null,
        controllerName: null,
        controllingFields: [],
        createable: field.createable,
        custom: field.custom,
        dataType: field.dataType,
        externalId: field.externalId,
        extraTypeInfo: null,
        filterable: field.filterable,
        filteredLookupInfo: null,
        highScaleNumber: false,
        htmlFormatted: field.dataType === 'RichTextArea',
        inlineHelpText: field.inlineHelpText ?? null,
        label: field.label,
        length: field.length ?? 0,
        nameField: field.apiName === object.nameField,
        polymorphicForeignKey: (field.reference?.targets.length ?? 0) > 1,
        precision: field.precision ?? 0,
        reference: field.dataType === 'Reference',
        referenceTargetField: null,
        referenceToInfos: (field.reference?.targets ?? []).map((target) => ({
          apiName: target,
          nameFields: ['Name']
        })),
        relationshipName: field.reference?.relationshipName ?? null,
        required: field.required,
        scale: field.scale ?? 0,
        searchPrefilterable: false,
        sortable: field.filterable,
        unique: field.unique,
        updateable: field.updateable
      };
    }
    return {
      apiName: object.apiName,
      associateEntityType: null,
      associateParentEntity: null,
      childRelationships: object.childRelationships.map((relationship) => ({
        childObjectApiName: relationship.childObject,
        fieldName: relationship.field,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: relationship.name
      })),
      createable: !object.customMetadata,
      custom: object.custom,
      defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
      deletable: !object.customMetadata,
      dependentFields: {},
      feedEnabled: false,
      fields,
      keyPrefix: object.keyPrefix,
      label: object.label,
      labelPlural: object.pluralLabel,
      layoutable: true,
      mruEnabled: true,
      nameFields: object.nameFrom ? [...object.nameFrom, 'Name'] : ['Name'],
      queryable: true,
      recordTypeInfos: {
        [MASTER_RECORD_TYPE_ID]: {
          available: true,
          defaultRecordTypeMapping: true,
          master: true,
          name: 'Master',
          recordTypeId: MASTER_RECORD_TYPE_ID
        }
      },
      searchable: true,
      themeInfo: null,
      updateable: !object.customMetadata
    };
  }

  picklistValues(objectApiName: string, fieldApiName: string): Record<string, unknown> {
    const object = this.requireObject(objectApiName);
    const name = fieldPath(object.apiName, fieldApiName).join('.');
    const field = object.fieldsByName.get(name.toLowerCase());
    if (!field?.picklist)
      throw new ApiError(400, 'INVALID_FIELD', `${object.apiName}.${name} is not a picklist`);
    const defaultEntry = field.picklist.entries.find((entry) => entry.isDefault);
    return {
      controllerValues: {},
      defaultValue: defaultEntry
        ? { attributes: null, label: defaultEntry.label, validFor: [], value: defaultEntry.value }
        : null,
      eTag: `${object.apiName}.${field.apiName}`,
      url: `/services/data/v66.0/ui-api/object-info/${object.apiName}/picklist-values/${MASTER_RECORD_TYPE_ID}/${field.apiName}`,
      values: field.picklist.entries.map((entry) => ({
        attributes: null,
        label: entry.label,
        validFor: [],
        value: entry.value
      }))
    };
  }

  picklistValuesByRecordType(objectApiName: string): Record<string, unknown> {
    const object = this.requireObject(objectApiName);
    const picklistFieldValues: Record<string, unknown> = {};
    for (const field of object.fields) {
      if (field.picklist)
        picklistFieldValues[field.apiName] = this.picklistValues(object.apiName, field.apiName);
    }
    return { eTag: object.apiName, picklistFieldValues };
  }

  // -------------------------------------------------------------------------------------------------------
  // Related lists and list views

  private relationship(
    parent: PreviewObject,
    relatedListId: string
  ): { name: string; childObject: PreviewObject; field: string } {
    const wanted = relatedListId.toLowerCase();
    const relationship = parent.childRelationships.find(
      (candidate) =>
        candidate.name.toLowerCase() === wanted || candidate.name.toLowerCase() === `${wanted}__r`
    );
    const childObject = relationship ? this.metadata.object(relationship.childObject) : undefined;
    if (!relationship || !childObject) {
      throw new ApiError(
        400,
        'INVALID_ID_FIELD',
        `${relatedListId} is not a related list of ${parent.apiName}`
      );
    }
    return { name: relationship.name, childObject, field: relationship.field };
  }

  /** `sortBy: ['-Sampled_On__c']` or `['Control_Evidence__c.Sampled_On__c']`. */
  private orderTerms(object: PreviewObject, sortBy: readonly string[]): OrderTerm[] {
    return sortBy.map((term) => {
      const descending = term.startsWith('-');
      return {
        path: fieldPath(object.apiName, descending ? term.slice(1) : term),
        direction: descending ? 'DESC' : 'ASC'
      };
    });
  }

  relatedListRecords(
    parentRecordId: string,
    relatedListId: string,
    options: {
      fields?: readonly string[];
      optionalFields?: readonly string[];
      sortBy?: readonly string[];
      pageSize?: number;
      pageToken?: string;
      where?: Condition;
    }
  ): Record<string, unknown> {
    const parent = this.requireRecord(parentRecordId);
    const { name, childObject, field } = this.relationship(parent.object, relatedListId);
    const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 1999);
    const offset = Number(options.pageToken ?? 0) || 0;
    const where: Condition = options.where
      ? { and: [{ path: [field], op: 'eq', value: parent.values.Id }, options.where] }
      : { path: [field], op: 'eq', value: parent.values.Id };
    const orderBy = this.orderTerms(childObject, options.sortBy ?? []);
    const rows = this.store.query({
      object: childObject.apiName,
      where,
      orderBy: [...orderBy, { path: ['Id'], direction: 'ASC' }],
      limit: pageSize + 1,
      offset
    });
    const count = this.store.count({ object: childObject.apiName, where });
    const tree = this.pathTree(childObject, options.fields ?? [], [
      ...(options.optionalFields ?? []),
      'Id',
      'Name'
    ]);
    return {
      count,
      currentPageToken: String(offset),
      currentPageUrl: null,
      fields: options.fields ?? [],
      listReference: {
        inContextOfRecordId: parent.values.Id,
        listViewApiName: null,
        objectApiName: childObject.apiName,
        parentObjectApiName: parent.object.apiName,
        recordTypeId: null,
        relatedListId: name
      },
      nextPageToken: rows.length > pageSize ? String(offset + pageSize) : null,
      nextPageUrl: null,
      optionalFields: options.optionalFields ?? [],
      pageSize,
      parentRecordId: parent.values.Id,
      previousPageToken: offset > 0 ? String(Math.max(0, offset - pageSize)) : null,
      previousPageUrl: null,
      records: rows.slice(0, pageSize).map((row) => this.representation(childObject, row, tree)),
      sortBy: options.sortBy ?? []
    };
  }

  relatedListCount(parentRecordId: string, relatedListId: string): Record<string, unknown> {
    const parent = this.requireRecord(parentRecordId);
    const { name, childObject, field } = this.relationship(parent.object, relatedListId);
    const count = this.store.count({
      object: childObject.apiName,
      where: { path: [field], op: 'eq', value: parent.values.Id }
    });
    return {
      count,
      hasMore: false,
      listReference: {
        inContextOfRecordId: parent.values.Id,
        objectApiName: childObject.apiName,
        parentObjectApiName: parent.object.apiName,
        relatedListId: name
      }
    };
  }

  /** A list view's records, its filters applied ("Mine" means owned by the preview user). */
  listViewRecords(
    objectApiName: string,
    listViewName: string,
    options: { pageSize?: number; pageToken?: string; sortBy?: readonly string[] }
  ): Record<string, unknown> {
    const object = this.requireObject(objectApiName);
    const view =
      object.listViews.find((candidate) => candidate.name.toLowerCase() === listViewName.toLowerCase()) ??
      object.listViews[0];
    if (!view) throw new ApiError(404, 'NOT_FOUND', `No list view ${listViewName} on ${object.apiName}`);
    const conditions: Condition[] = [];
    if (view.filterScope === 'Mine' && object.fieldsByName.has('ownerid')) {
      conditions.push({ path: ['OwnerId'], op: 'eq', value: this.store.userId });
    }
    for (const filter of view.filters) {
      const column = filter.field.split('.').pop() ?? filter.field;
      const fieldName = object.fieldsByName.has(column.toLowerCase()) ? column : undefined;
      if (!fieldName) continue;
      const values = filter.value.split(',').map((value) => value.trim());
      const operators: Readonly<Record<string, ComparisonOperator>> = {
        equals: 'in',
        notEqual: 'nin',
        lessThan: 'lt',
        greaterThan: 'gt',
        lessOrEqual: 'lte',
        greaterOrEqual: 'gte',
        contains: 'like',
        startsWith: 'like',
        includes: 'includes',
        excludes: 'excludes'
      };
      const op = operators[filter.operation] ?? 'eq';
      const value =
        filter.operation === 'contains'
          ? `%${filter.value}%`
          : filter.operation === 'startsWith'
            ? `${filter.value}%`
            : op === 'in' || op === 'nin'
              ? values
              : values[0];
      conditions.push({ path: [fieldName], op, value });
    }
    const where: Condition = { and: conditions };
    const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 2000);
    const offset = Number(options.pageToken ?? 0) || 0;
    const sortBy =
      options.sortBy && options.sortBy.length > 0
        ? this.orderTerms(object, options.sortBy)
        : [{ path: ['Name'], direction: 'ASC' as const }];
    const rows = this.store.query({
      object: object.apiName,
      where,
      orderBy: [...sortBy, { path: ['Id'], direction: 'ASC' }],
      limit: pageSize,
      offset
    });
    const columns = view.columns.filter((column) => object.fieldsByName.has(column.toLowerCase()));
    // Lookup columns show the related record's name, as list views do.
    const names = columns.flatMap((column) => {
      const relationship = object.fieldsByName.get(column.toLowerCase())?.reference?.relationshipName;
      return relationship ? [`${relationship}.Name`] : [];
    });
    const tree = this.pathTree(object, [], [...columns, ...names, 'Id', 'Name']);
    return {
      count: this.store.count({ object: object.apiName, where }),
      listInfo: { apiName: view.name, label: view.label, columns },
      records: rows.map((row) => this.representation(object, row, tree)),
      nextPageToken: rows.length === pageSize ? String(offset + pageSize) : null
    };
  }
}
