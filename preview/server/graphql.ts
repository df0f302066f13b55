/**
 * A GraphQL schema in the shape of the UI API's (`uiapi { query { Account(where:, first:, orderBy:) { edges
 * { node { Id Name { value displayValue } } } } } }`), generated with graphql-js from the package's object
 * metadata and executed over the preview database. Any query a component writes is validated against it the
 * way the org validates it (an unknown field or a wrong operator is an error, not an empty answer), and
 * answered from the same records the UI API serves.
 *
 * Covered: record connections with `where` (field operators, `and`/`or`/`not`, parent relationship filters,
 * `inq`/`ninq` semi-joins, date literals and ranges), `orderBy` (also through parents), `first`/`after`
 * paging with the UI API's default page of 10, `totalCount` and `pageInfo`, parent and child relationships
 * in the selection, and `uiapi.aggregate` with `groupBy` and count/countDistinct/sum/avg/min/max.
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  execute,
  parse,
  validate,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type ValueNode
} from 'graphql';
import type { DataType, PackageMetadata, PreviewField, PreviewObject } from './metadata';
import type { RecordStore, RecordValues } from './records';
import { displayValueOf } from './uiApi';
import {
  aggregateRows,
  countRows,
  selectRows,
  type AggregateFunction,
  type Condition,
  type OrderTerm
} from './query';
import { ApiError } from './errors';
import { asText } from '../shared/text';

interface RecordSource {
  readonly object: PreviewObject;
  readonly values: RecordValues;
}

interface RequestContext {
  readonly store: RecordStore;
  readonly now: Date;
  readonly parents: Map<string, RecordSource | null>;
}

const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 2000;

// ---------------------------------------------------------------------------------------------------------
// Scalars and value types

function passThroughScalar(name: string, description: string): GraphQLScalarType {
  const parseLiteral = (node: ValueNode): unknown => {
    switch (node.kind) {
      case Kind.STRING:
      case Kind.ENUM:
        return node.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.BOOLEAN:
        return node.value;
      case Kind.NULL:
        return null;
      default:
        throw new TypeError(`${name} cannot represent ${node.kind}`);
    }
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral
  });
}

const SCALARS: Readonly<Record<string, GraphQLScalarType>> = Object.fromEntries(
  (
    [
      ['Date', 'An ISO 8601 date, YYYY-MM-DD'],
      ['DateTime', 'An ISO 8601 date and time in UTC'],
      ['Time', 'A time of day'],
      ['Currency', 'A currency amount'],
      ['Double', 'A decimal number'],
      ['Long', 'A 64-bit integer'],
      ['Percent', 'A percentage'],
      ['Picklist', 'A picklist value'],
      ['MultiPicklist', 'Picklist values separated by semicolons'],
      ['Email', 'An email address'],
      ['PhoneNumber', 'A phone number'],
      ['Url', 'A URL'],
      ['TextArea', 'Text up to 255 characters with line breaks'],
      ['LongTextArea', 'Long text'],
      ['RichTextArea', 'Rich text'],
      ['EncryptedString', 'Encrypted text']
    ] as [string, string][]
  ).map(([name, description]) => [name, passThroughScalar(name, description)])
);

interface ValueTypeSpec {
  /** GraphQL name of the value wrapper: `StringValue`. */
  readonly type: string;
  readonly scalar: GraphQLScalarType;
  readonly operators?: string;
  readonly numeric?: boolean;
  readonly extra?: 'label' | 'format';
}

const VALUE_TYPES: Readonly<Record<DataType, ValueTypeSpec>> = {
  Id: { type: 'IDValue', scalar: GraphQLID, operators: 'IDOperators' },
  Reference: { type: 'IDValue', scalar: GraphQLID, operators: 'IDOperators' },
  String: { type: 'StringValue', scalar: GraphQLString, operators: 'StringOperators', extra: 'label' },
  TextArea: {
    type: 'TextAreaValue',
    scalar: SCALARS.TextArea as GraphQLScalarType,
    operators: 'TextAreaOperators',
    extra: 'label'
  },
  LongTextArea: {
    type: 'LongTextAreaValue',
    scalar: SCALARS.LongTextArea as GraphQLScalarType,
    extra: 'label'
  },
  RichTextArea: {
    type: 'RichTextAreaValue',
    scalar: SCALARS.RichTextArea as GraphQLScalarType,
    extra: 'label'
  },
  EncryptedString: {
    type: 'EncryptedStringValue',
    scalar: SCALARS.EncryptedString as GraphQLScalarType,
    extra: 'label'
  },
  Email: {
    type: 'EmailValue',
    scalar: SCALARS.Email as GraphQLScalarType,
    operators: 'EmailOperators',
    extra: 'label'
  },
  Phone: {
    type: 'PhoneNumberValue',
    scalar: SCALARS.PhoneNumber as GraphQLScalarType,
    operators: 'PhoneNumberOperators',
    extra: 'label'
  },
  Url: {
    type: 'UrlValue',
    scalar: SCALARS.Url as GraphQLScalarType,
    operators: 'UrlOperators',
    extra: 'label'
  },
  Picklist: {
    type: 'PicklistValue',
    scalar: SCALARS.Picklist as GraphQLScalarType,
    operators: 'PicklistOperators',
    extra: 'label'
  },
  MultiPicklist: {
    type: 'MultiPicklistValue',
    scalar: SCALARS.MultiPicklist as GraphQLScalarType,
    operators: 'MultiPicklistOperators',
    extra: 'label'
  },
  Boolean: { type: 'BooleanValue', scalar: GraphQLBoolean, operators: 'BooleanOperators', extra: 'label' },
  Int: {
    type: 'IntValue',
    scalar: GraphQLInt,
    operators: 'IntegerOperators',
    numeric: true,
    extra: 'format'
  },
  Double: {
    type: 'DoubleValue',
    scalar: SCALARS.Double as GraphQLScalarType,
    operators: 'DoubleOperators',
    numeric: true,
    extra: 'format'
  },
  Currency: {
    type: 'CurrencyValue',
    scalar: SCALARS.Currency as GraphQLScalarType,
    operators: 'CurrencyOperators',
    numeric: true,
    extra: 'format'
  },
  Percent: {
    type: 'PercentValue',
    scalar: SCALARS.Percent as GraphQLScalarType,
    operators: 'PercentOperators',
    numeric: true,
    extra: 'format'
  },
  Date: {
    type: 'DateValue',
    scalar: SCALARS.Date as GraphQLScalarType,
    operators: 'DateOperators',
    extra: 'format'
  },
  DateTime: {
    type: 'DateTimeValue',
    scalar: SCALARS.DateTime as GraphQLScalarType,
    operators: 'DateTimeOperators',
    extra: 'format'
  },
  Time: { type: 'TimeValue', scalar: SCALARS.Time as GraphQLScalarType, extra: 'format' },
  Address: { type: 'StringValue', scalar: GraphQLString }
};

interface WrappedValue {
  readonly value: unknown;
  readonly displayValue: string | null;
  readonly label?: string | null;
  readonly format?: string | null;
}

function wrap(field: PreviewField, value: unknown): WrappedValue {
  return {
    value: value ?? null,
    displayValue: displayValueOf(field, value),
    label: field.label,
    format: null
  };
}

// ---------------------------------------------------------------------------------------------------------
// Filters: GraphQL arguments to query conditions

const DATE_LITERALS = [
  'TODAY',
  'YESTERDAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_YEAR',
  'THIS_YEAR',
  'NEXT_YEAR'
];

type FilterInput = Readonly<Record<string, unknown>>;

function dateOperand(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const input = value as { value?: unknown; literal?: string; range?: Record<string, number> };
  if (input.literal) return { literal: input.literal };
  if (input.range) {
    const [name, n] = Object.entries(input.range)[0] ?? [];
    if (name) return { literal: name.toUpperCase(), n };
  }
  return input.value ?? null;
}

function filterToCondition(
  object: PreviewObject,
  filter: FilterInput,
  metadata: PackageMetadata,
  path: readonly string[] = []
): Condition {
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      const list = (value as FilterInput[]).map((item) => filterToCondition(object, item, metadata, path));
      parts.push(key === 'and' ? { and: list } : { or: list });
      continue;
    }
    if (key === 'not') {
      parts.push({ not: filterToCondition(object, value as FilterInput, metadata, path) });
      continue;
    }
    const field = object.fieldsByName.get(key.toLowerCase());
    if (field) {
      for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
        if (operand === undefined) continue;
        const fieldPath = [...path, field.apiName];
        if (operator === 'inq' || operator === 'ninq') {
          const join = operand as Record<string, unknown>;
          const apiName = String(join.ApiName);
          const [joinObjectName, joinFilter] =
            Object.entries(join).find(([name]) => name !== 'ApiName') ?? [];
          const joinObject = joinObjectName ? metadata.object(joinObjectName) : undefined;
          if (!joinObject)
            throw new ApiError(400, 'INVALID_QUERY', `${operator} needs one object filter beside ApiName`);
          parts.push({
            path: fieldPath,
            op: operator,
            join: {
              object: joinObject.apiName,
              field: apiName,
              where: filterToCondition(joinObject, (joinFilter ?? {}) as FilterInput, metadata)
            }
          });
          continue;
        }
        const dates = field.dataType === 'Date' || field.dataType === 'DateTime';
        const converted = dates
          ? Array.isArray(operand)
            ? operand.map(dateOperand)
            : dateOperand(operand)
          : operand;
        parts.push({ path: fieldPath, op: operator as 'eq', value: converted });
      }
      continue;
    }
    const reference = object.fields.find((candidate) => candidate.reference?.relationshipName === key);
    const target = reference?.reference ? metadata.object(reference.reference.targets[0] ?? '') : undefined;
    if (reference && target) {
      parts.push(filterToCondition(target, value as FilterInput, metadata, [...path, key]));
    }
  }
  return parts.length === 1 ? (parts[0] as Condition) : { and: parts };
}

function orderByToTerms(
  object: PreviewObject,
  orderBy: FilterInput | undefined,
  metadata: PackageMetadata,
  path: readonly string[] = []
): OrderTerm[] {
  const terms: OrderTerm[] = [];
  for (const [key, value] of Object.entries(orderBy ?? {})) {
    if (value === undefined || value === null) continue;
    const field = object.fieldsByName.get(key.toLowerCase());
    if (field) {
      const clause = value as { order?: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST' };
      terms.push({ path: [...path, field.apiName], direction: clause.order ?? 'ASC', nulls: clause.nulls });
      continue;
    }
    const reference = object.fields.find((candidate) => candidate.reference?.relationshipName === key);
    const target = reference?.reference ? metadata.object(reference.reference.targets[0] ?? '') : undefined;
    if (target) terms.push(...orderByToTerms(target, value as FilterInput, metadata, [...path, key]));
  }
  return terms;
}

function cursorOf(offset: number): string {
  return Buffer.from(`v1:${offset}`).toString('base64');
}

function offsetOf(cursor: unknown): number {
  if (typeof cursor !== 'string' || cursor === '') return 0;
  const match = /^v1:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match)
    throw new ApiError(400, 'INVALID_QUERY', `after: "${cursor}" is not a cursor this query returned`);
  return Number(match[1]) + 1;
}

// ---------------------------------------------------------------------------------------------------------
// Schema

export function buildUiApiSchema(metadata: PackageMetadata): GraphQLSchema {
  const objects = [...metadata.objects.values()].filter((object) => !object.customMetadata);
  const objectNames = new Set(objects.map((object) => object.apiName.toLowerCase()));

  const valueTypes = new Map<string, GraphQLObjectType>();
  const valueType = (spec: ValueTypeSpec): GraphQLObjectType => {
    let type = valueTypes.get(spec.type);
    if (!type) {
      const fields: GraphQLFieldConfigMap<WrappedValue, unknown> = {
        value: { type: spec.scalar },
        displayValue: { type: GraphQLString }
      };
      if (spec.extra === 'label' || spec.type === 'IDValue') fields.label = { type: GraphQLString };
      if (spec.extra === 'format') fields.format = { type: GraphQLString };
      type = new GraphQLObjectType({ name: spec.type, fields });
      valueTypes.set(spec.type, type);
    }
    return type;
  };

  const resultOrder = new GraphQLEnumType({ name: 'ResultOrder', values: { ASC: {}, DESC: {} } });
  const nullOrder = new GraphQLEnumType({ name: 'NullOrder', values: { FIRST: {}, LAST: {} } });
  const orderByClause = new GraphQLInputObjectType({
    name: 'OrderByClause',
    fields: { order: { type: resultOrder }, nulls: { type: nullOrder } }
  });
  const dateLiteral = new GraphQLEnumType({
    name: 'DateLiteral',
    values: Object.fromEntries(DATE_LITERALS.map((name) => [name, {}]))
  });
  const dateRange = new GraphQLInputObjectType({
    name: 'DateRange',
    fields: { last_n_days: { type: GraphQLInt }, next_n_days: { type: GraphQLInt } }
  });
  const dateInput = (name: string, scalar: GraphQLScalarType): GraphQLInputObjectType =>
    new GraphQLInputObjectType({
      name,
      fields: { value: { type: scalar }, literal: { type: dateLiteral }, range: { type: dateRange } }
    });
  const dateInputs = {
    DateOperators: dateInput('DateInput', SCALARS.Date as GraphQLScalarType),
    DateTimeOperators: dateInput('DateTimeInput', SCALARS.DateTime as GraphQLScalarType)
  };

  const joinInput: GraphQLInputObjectType = new GraphQLInputObjectType({
    name: 'JoinInput',
    fields: (): GraphQLInputFieldConfigMap => ({
      ApiName: { type: new GraphQLNonNull(GraphQLString) },
      ...Object.fromEntries(objects.map((object) => [object.apiName, { type: filterType(object) }]))
    })
  });

  const operatorTypes = new Map<string, GraphQLInputObjectType>();
  const operatorType = (name: string, scalar: GraphQLScalarType): GraphQLInputObjectType => {
    let type = operatorTypes.get(name);
    if (type) return type;
    const dateOperand = name in dateInputs ? dateInputs[name as keyof typeof dateInputs] : undefined;
    const operand: GraphQLInputType = dateOperand ?? scalar;
    const fields: GraphQLInputFieldConfigMap = {
      eq: { type: operand },
      ne: { type: operand }
    };
    if (name !== 'BooleanOperators' && name !== 'MultiPicklistOperators') {
      Object.assign(fields, {
        lt: { type: operand },
        gt: { type: operand },
        lte: { type: operand },
        gte: { type: operand },
        in: { type: new GraphQLList(operand) },
        nin: { type: new GraphQLList(operand) }
      });
    }
    if (
      [
        'StringOperators',
        'PicklistOperators',
        'TextAreaOperators',
        'EmailOperators',
        'PhoneNumberOperators',
        'UrlOperators',
        'IDOperators'
      ].includes(name)
    ) {
      fields.like = { type: scalar };
    }
    if (name === 'IDOperators') {
      fields.inq = { type: joinInput };
      fields.ninq = { type: joinInput };
    }
    if (name === 'MultiPicklistOperators') {
      fields.includes = { type: new GraphQLList(scalar) };
      fields.excludes = { type: new GraphQLList(scalar) };
    }
    type = new GraphQLInputObjectType({ name, fields });
    operatorTypes.set(name, type);
    return type;
  };

  const filterTypes = new Map<string, GraphQLInputObjectType>();
  const filterType = (object: PreviewObject): GraphQLInputObjectType => {
    const type = filterTypes.get(object.apiName);
    if (type) return type;
    const created: GraphQLInputObjectType = new GraphQLInputObjectType({
      name: `${object.apiName}_Filter`,
      fields: (): GraphQLInputFieldConfigMap => {
        const fields: GraphQLInputFieldConfigMap = {
          and: { type: new GraphQLList(created) },
          or: { type: new GraphQLList(created) },
          not: { type: created }
        };
        for (const field of object.fields) {
          const spec = VALUE_TYPES[field.dataType];
          if (!field.filterable || !spec.operators || !(field.stored || field.summary)) continue;
          fields[field.apiName] = { type: operatorType(spec.operators, spec.scalar) };
          const target = parentObject(field);
          if (target && field.reference?.relationshipName)
            fields[field.reference.relationshipName] = { type: filterType(target) };
        }
        return fields;
      }
    });
    filterTypes.set(object.apiName, created);
    return created;
  };

  const orderByTypes = new Map<string, GraphQLInputObjectType>();
  const orderByType = (object: PreviewObject): GraphQLInputObjectType => {
    let type = orderByTypes.get(object.apiName);
    if (type) return type;
    type = new GraphQLInputObjectType({
      name: `${object.apiName}_OrderBy`,
      fields: (): GraphQLInputFieldConfigMap => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const field of object.fields) {
          if (!field.filterable || !(field.stored || field.summary)) continue;
          fields[field.apiName] = { type: orderByClause };
          const target = parentObject(field);
          if (target && field.reference?.relationshipName)
            fields[field.reference.relationshipName] = { type: orderByType(target) };
        }
        return fields;
      }
    });
    orderByTypes.set(object.apiName, type);
    return type;
  };

  const parentObject = (field: PreviewField): PreviewObject | undefined => {
    const target = field.reference?.targets.length === 1 ? field.reference.targets[0] : undefined;
    return target && objectNames.has(target.toLowerCase()) ? metadata.object(target) : undefined;
  };

  const pageInfo = new GraphQLObjectType({
    name: 'PageInfo',
    fields: {
      hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
      startCursor: { type: GraphQLString },
      endCursor: { type: GraphQLString }
    }
  });

  const recordInterface: GraphQLInterfaceType = new GraphQLInterfaceType({
    name: 'Record',
    fields: () => ({
      Id: { type: new GraphQLNonNull(GraphQLID) },
      ApiName: { type: new GraphQLNonNull(GraphQLString) },
      WeakEtag: { type: new GraphQLNonNull(SCALARS.Long as GraphQLScalarType) },
      DisplayValue: { type: GraphQLString },
      LastModifiedById: { type: valueType(VALUE_TYPES.Id) },
      LastModifiedDate: { type: valueType(VALUE_TYPES.DateTime) },
      SystemModstamp: { type: valueType(VALUE_TYPES.DateTime) },
      RecordTypeId: { type: valueType(VALUE_TYPES.Id), args: { fallback: { type: GraphQLBoolean } } }
    }),
    resolveType: (source: RecordSource) => source.object.apiName
  });

  interface ConnectionSource {
    readonly object: PreviewObject;
    readonly rows: RecordValues[];
    readonly offset: number;
    readonly hasNext: boolean;
    readonly total: () => number;
  }

  const connectionArgs = (object: PreviewObject) => ({
    first: { type: GraphQLInt },
    after: { type: GraphQLString },
    where: { type: filterType(object) },
    orderBy: { type: orderByType(object) },
    scope: { type: GraphQLString },
    upperBound: { type: GraphQLInt }
  });

  const runConnection = (
    object: PreviewObject,
    args: Record<string, unknown>,
    context: RequestContext,
    extra?: Condition
  ): ConnectionSource => {
    const first = args.first === undefined || args.first === null ? DEFAULT_PAGE_SIZE : Number(args.first);
    if (first < 0 || first > MAX_PAGE_SIZE)
      throw new ApiError(400, 'INVALID_QUERY', `first must be between 0 and ${MAX_PAGE_SIZE}`);
    const offset = offsetOf(args.after);
    const conditions: Condition[] = [];
    if (extra) conditions.push(extra);
    if (args.where) conditions.push(filterToCondition(object, args.where as FilterInput, metadata));
    if (args.scope === 'MINE' && object.fieldsByName.has('ownerid')) {
      conditions.push({ path: ['OwnerId'], op: 'eq', value: context.store.userId });
    }
    const where: Condition = { and: conditions };
    const orderBy = [
      ...orderByToTerms(object, args.orderBy as FilterInput | undefined, metadata),
      { path: ['Id'], direction: 'ASC' as const }
    ];
    const rows = selectRows(
      context.store.db,
      metadata,
      { object: object.apiName, where, orderBy, limit: first + 1, offset },
      context.now
    ).map((row) => context.store.decode(object, row));
    let total: number | undefined;
    return {
      object,
      rows: rows.slice(0, first),
      offset,
      hasNext: rows.length > first,
      total: () =>
        (total ??= countRows(context.store.db, metadata, { object: object.apiName, where }, context.now))
    };
  };

  const connectionTypes = new Map<string, GraphQLObjectType>();
  const connectionType = (object: PreviewObject): GraphQLObjectType => {
    let type = connectionTypes.get(object.apiName);
    if (type) return type;
    const edge = new GraphQLObjectType({
      name: `${object.apiName}Edge`,
      fields: () => ({
        node: { type: recordType(object) },
        cursor: { type: new GraphQLNonNull(GraphQLString) }
      })
    });
    type = new GraphQLObjectType({
      name: `${object.apiName}Connection`,
      fields: () => ({
        edges: {
          type: new GraphQLList(edge),
          resolve: (source: ConnectionSource) =>
            source.rows.map((values, index) => ({
              node: { object: source.object, values },
              cursor: cursorOf(source.offset + index)
            }))
        },
        pageInfo: {
          type: new GraphQLNonNull(pageInfo),
          resolve: (source: ConnectionSource) => ({
            hasNextPage: source.hasNext,
            hasPreviousPage: source.offset > 0,
            startCursor: source.rows.length > 0 ? cursorOf(source.offset) : null,
            endCursor: source.rows.length > 0 ? cursorOf(source.offset + source.rows.length - 1) : null
          })
        },
        totalCount: {
          type: new GraphQLNonNull(GraphQLInt),
          resolve: (source: ConnectionSource) => source.total()
        },
        pageResultCount: {
          type: new GraphQLNonNull(GraphQLInt),
          resolve: (source: ConnectionSource) => source.rows.length
        }
      })
    });
    connectionTypes.set(object.apiName, type);
    return type;
  };

  const loadParent = (context: RequestContext, id: unknown): RecordSource | null => {
    if (typeof id !== 'string') return null;
    if (!context.parents.has(id)) {
      const record = context.store.get(id);
      context.parents.set(id, record ? { object: record.object, values: record.values } : null);
    }
    return context.parents.get(id) ?? null;
  };

  const recordTypes = new Map<string, GraphQLObjectType>();
  const recordType = (object: PreviewObject): GraphQLObjectType => {
    let type = recordTypes.get(object.apiName);
    if (type) return type;
    type = new GraphQLObjectType({
      name: object.apiName,
      interfaces: [recordInterface],
      fields: () => {
        const fields: GraphQLFieldConfigMap<RecordSource, RequestContext> = {
          Id: { type: new GraphQLNonNull(GraphQLID), resolve: (source) => source.values.Id },
          ApiName: { type: new GraphQLNonNull(GraphQLString), resolve: (source) => source.object.apiName },
          WeakEtag: {
            type: new GraphQLNonNull(SCALARS.Long as GraphQLScalarType),
            resolve: (source) => Date.parse(asText(source.values.SystemModstamp ?? '')) || 0
          },
          DisplayValue: { type: GraphQLString, resolve: (source) => source.values.Name ?? null },
          RecordTypeId: {
            type: valueType(VALUE_TYPES.Id),
            args: { fallback: { type: GraphQLBoolean } },
            resolve: () => ({ value: '012000000000000AAA', displayValue: null, label: 'Record Type ID' })
          }
        };
        for (const field of object.fields) {
          if (field.apiName === 'Id') continue;
          const spec = VALUE_TYPES[field.dataType];
          fields[field.apiName] = {
            type: valueType(spec),
            resolve: (source) => wrap(field, source.values[field.apiName])
          };
          const target = parentObject(field);
          if (target && field.reference?.relationshipName) {
            fields[field.reference.relationshipName] = {
              type: recordType(target),
              resolve: (source, _args, context) => loadParent(context, source.values[field.apiName])
            };
          }
        }
        for (const relationship of object.childRelationships) {
          const child = metadata.object(relationship.childObject);
          if (!child || child.customMetadata) continue;
          fields[relationship.name] = {
            type: connectionType(child),
            args: connectionArgs(child),
            resolve: (source, args: Record<string, unknown>, context) =>
              runConnection(child, args, context, {
                path: [relationship.field],
                op: 'eq',
                value: source.values.Id
              })
          };
        }
        return fields;
      }
    });
    recordTypes.set(object.apiName, type);
    return type;
  };

  // Aggregates --------------------------------------------------------------------------------------------
  const groupByClause = new GraphQLInputObjectType({
    name: 'GroupByClause',
    fields: { group: { type: GraphQLBoolean } }
  });
  const aggregateValueTypes = new Map<string, GraphQLObjectType>();
  const aggregateValueType = (spec: ValueTypeSpec): GraphQLObjectType => {
    const name = spec.type.replace(/Value$/, 'Aggregate');
    let type = aggregateValueTypes.get(name);
    if (type) return type;
    const longValue = valueType({
      type: 'LongValue',
      scalar: SCALARS.Long as GraphQLScalarType,
      extra: 'format'
    });
    const doubleValue = valueType(VALUE_TYPES.Double);
    const fields: GraphQLFieldConfigMap<Record<string, WrappedValue>, unknown> = {
      value: { type: spec.scalar, resolve: (source) => source.group?.value ?? null },
      displayValue: { type: GraphQLString, resolve: (source) => source.group?.displayValue ?? null },
      count: { type: longValue },
      countDistinct: { type: longValue },
      min: { type: valueType(spec) },
      max: { type: valueType(spec) }
    };
    if (spec.numeric) {
      fields.sum = { type: valueType(spec) };
      fields.avg = { type: doubleValue };
    }
    type = new GraphQLObjectType({ name, fields });
    aggregateValueTypes.set(name, type);
    return type;
  };

  interface AggregateNode {
    readonly object: PreviewObject;
    readonly groups: ReadonlyMap<string, unknown>;
    readonly values: Readonly<Record<string, unknown>>;
  }

  const aggregateResultTypes = new Map<string, GraphQLObjectType>();
  const aggregateResultType = (object: PreviewObject): GraphQLObjectType => {
    let type = aggregateResultTypes.get(object.apiName);
    if (type) return type;
    type = new GraphQLObjectType({
      name: `${object.apiName}_AggregateResult`,
      fields: () =>
        Object.fromEntries(
          object.fields
            .filter((field) => field.stored || field.summary)
            .map((field) => {
              const spec = VALUE_TYPES[field.dataType];
              return [
                field.apiName,
                {
                  type: aggregateValueType(spec),
                  resolve: (source: AggregateNode) => {
                    const result: Record<string, WrappedValue> = {};
                    if (source.groups.has(field.apiName))
                      result.group = wrap(field, source.groups.get(field.apiName));
                    for (const fn of ['count', 'countDistinct', 'sum', 'avg', 'min', 'max']) {
                      const value = source.values[`${field.apiName}.${fn}`];
                      if (value !== undefined) {
                        const numberField = fn === 'count' || fn === 'countDistinct' || fn === 'avg';
                        result[fn] = numberField
                          ? { value, displayValue: null, format: null }
                          : wrap(field, value);
                      }
                    }
                    return result;
                  }
                }
              ];
            })
        )
    });
    aggregateResultTypes.set(object.apiName, type);
    return type;
  };

  const aggregateConnectionType = (object: PreviewObject): GraphQLObjectType => {
    const node = new GraphQLObjectType({
      name: `${object.apiName}_AggregateNode`,
      fields: () => ({
        aggregate: { type: aggregateResultType(object), resolve: (source: AggregateNode) => source }
      })
    });
    const edge = new GraphQLObjectType({
      name: `${object.apiName}_AggregateEdge`,
      fields: () => ({ node: { type: node }, cursor: { type: new GraphQLNonNull(GraphQLString) } })
    });
    return new GraphQLObjectType({
      name: `${object.apiName}_AggregateConnection`,
      fields: () => ({
        edges: { type: new GraphQLList(edge) },
        pageInfo: { type: new GraphQLNonNull(pageInfo) },
        totalCount: { type: new GraphQLNonNull(GraphQLInt) }
      })
    });
  };

  const aggregateFields = (object: PreviewObject) => ({
    type: aggregateConnectionType(object),
    args: {
      first: { type: GraphQLInt },
      after: { type: GraphQLString },
      where: { type: filterType(object) },
      orderBy: { type: orderByType(object) },
      groupBy: {
        type: new GraphQLInputObjectType({
          name: `${object.apiName}_GroupBy`,
          fields: () =>
            Object.fromEntries(
              object.fields
                .filter((field) => field.filterable && field.stored)
                .map((field) => [field.apiName, { type: groupByClause }])
            )
        })
      }
    },
    resolve: (
      _source: unknown,
      args: Record<string, unknown>,
      context: RequestContext,
      info: { fieldNodes: readonly unknown[] }
    ) => {
      const groupBy = Object.entries((args.groupBy ?? {}) as Record<string, { group?: boolean }>)
        .filter(([, clause]) => clause.group !== false)
        .map(([name]) => [object.fieldsByName.get(name.toLowerCase())?.apiName ?? name]);
      const requested = requestedAggregates(info.fieldNodes, object);
      const where = args.where ? filterToCondition(object, args.where as FilterInput, metadata) : undefined;
      const first = args.first === undefined || args.first === null ? MAX_PAGE_SIZE : Number(args.first);
      const offset = offsetOf(args.after);
      const rows = aggregateRows(
        context.store.db,
        metadata,
        {
          object: object.apiName,
          where,
          groupBy,
          aggregates: requested,
          orderBy: orderByToTerms(object, args.orderBy as FilterInput | undefined, metadata),
          limit: first + 1,
          offset
        },
        context.now
      );
      const page = rows.slice(0, first);
      return {
        edges: page.map((row, index) => ({
          node: {
            object,
            groups: new Map(groupBy.map((path, position) => [path[0] ?? '', row.groups[position]])),
            values: row.values
          },
          cursor: cursorOf(offset + index)
        })),
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: offset > 0,
          startCursor: page.length > 0 ? cursorOf(offset) : null,
          endCursor: page.length > 0 ? cursorOf(offset + page.length - 1) : null
        },
        totalCount: rows.length > first ? offset + rows.length : offset + page.length
      };
    }
  });

  const query = new GraphQLObjectType({
    name: 'RecordQuery',
    fields: () =>
      Object.fromEntries(
        objects.map((object) => [
          object.apiName,
          {
            type: connectionType(object),
            args: connectionArgs(object),
            resolve: (_source: unknown, args: Record<string, unknown>, context: RequestContext) =>
              runConnection(object, args, context)
          }
        ])
      )
  });
  const aggregate = new GraphQLObjectType({
    name: 'RecordQueryAggregate',
    fields: () => Object.fromEntries(objects.map((object) => [object.apiName, aggregateFields(object)]))
  });
  const uiapi = new GraphQLObjectType({
    name: 'UIAPI',
    fields: {
      query: { type: new GraphQLNonNull(query), resolve: () => ({}) },
      aggregate: { type: new GraphQLNonNull(aggregate), resolve: () => ({}) }
    }
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { uiapi: { type: new GraphQLNonNull(uiapi), resolve: () => ({}) } }
    }),
    types: objects.map(recordType)
  });
}

interface SelectionLike {
  readonly kind: string;
  readonly name?: { readonly value: string };
  readonly selectionSet?: { readonly selections: readonly SelectionLike[] };
}

/** The aggregates a query selects: `Amount { sum { value } }` → `{ fn: 'sum', path: ['Amount'] }`. */
function requestedAggregates(
  fieldNodes: readonly unknown[],
  object: PreviewObject
): { fn: AggregateFunction; path?: string[]; alias: string }[] {
  const wanted: { fn: AggregateFunction; path?: string[]; alias: string }[] = [];
  const functions = new Set(['count', 'countDistinct', 'sum', 'avg', 'min', 'max']);
  const visit = (nodes: readonly SelectionLike[], depth: number): void => {
    for (const node of nodes) {
      if (node.kind !== 'Field' || !node.name) continue;
      if (depth === 3) {
        const field = object.fieldsByName.get(node.name.value.toLowerCase());
        for (const inner of node.selectionSet?.selections ?? []) {
          const fn = inner.name?.value;
          if (
            field &&
            fn &&
            functions.has(fn) &&
            !wanted.some((entry) => entry.alias === `${field.apiName}.${fn}`)
          ) {
            wanted.push({
              fn: fn as AggregateFunction,
              path: [field.apiName],
              alias: `${field.apiName}.${fn}`
            });
          }
        }
        continue;
      }
      visit(node.selectionSet?.selections ?? [], depth + 1);
    }
  };
  // edges (0) → node (1) → aggregate (2) → <field> (3)
  visit(
    (fieldNodes as SelectionLike[]).flatMap((node) => node.selectionSet?.selections ?? []),
    0
  );
  return wanted;
}

export interface GraphQLRequest {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

export interface GraphQLResponse {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; locations?: unknown; path?: unknown; extensions?: unknown }[];
}

/** Executes one request; GraphQL errors are answered in `errors` like the org does, with status 200. */
export function executeGraphQL(
  schema: GraphQLSchema,
  store: RecordStore,
  request: GraphQLRequest
): GraphQLResponse {
  if (typeof request.query !== 'string' || request.query.trim() === '') {
    throw new ApiError(400, 'INVALID_INPUT', 'A GraphQL request needs a "query" string');
  }
  if (
    request.variables !== undefined &&
    request.variables !== null &&
    (typeof request.variables !== 'object' || Array.isArray(request.variables))
  ) {
    throw new ApiError(400, 'INVALID_INPUT', '"variables" must be an object');
  }
  let document;
  try {
    document = parse(request.query);
  } catch (error) {
    return { errors: [{ message: (error as Error).message }] };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return {
      errors: validationErrors.map((error) => ({ message: error.message, locations: error.locations }))
    };
  }
  const result = execute({
    schema,
    document,
    variableValues: (request.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
    contextValue: { store, now: store.now(), parents: new Map() } satisfies RequestContext
  });
  if ('then' in result)
    throw new ApiError(500, 'UNKNOWN_EXCEPTION', 'GraphQL execution must be synchronous in the preview');
  return {
    data: result.data ?? undefined,
    errors: result.errors?.map((error) => ({
      message: error.originalError instanceof ApiError ? error.originalError.message : error.message,
      locations: error.locations,
      path: error.path
    }))
  };
}
