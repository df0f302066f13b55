/**
 * The GraphQL endpoint answers the UI API's query shape from the preview database, and rejects what the
 * org's schema rejects.
 */
import { buildUiApiSchema, executeGraphQL } from '../server/graphql';
import { testPreview, type TestPreview } from './support';

interface Edge<T> {
  node: T;
  cursor: string;
}

interface Connection<T> {
  edges: Edge<T>[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('GraphQL in the UI API shape', () => {
  let preview: TestPreview;
  let schema: ReturnType<typeof buildUiApiSchema>;
  const query = (text: string, variables?: Record<string, unknown>) =>
    executeGraphQL(schema, preview.store, { query: text, variables });

  beforeAll(async () => {
    preview = await testPreview();
    schema = buildUiApiSchema(preview.metadata);
    const store = preview.store;
    for (let index = 1; index <= 12; index++) {
      const account = store.create('Account', {
        Name: `Account ${String(index).padStart(2, '0')}`,
        SOC2_Required__c: index % 2 === 0,
        Data_Regimes__c: index % 3 === 0 ? 'GDPR;CCPA' : null
      });
      store.create('Opportunity', {
        Name: `Deal ${index}`,
        AccountId: account.Id,
        StageName: index % 4 === 0 ? 'Closed Won' : 'Prospecting',
        CloseDate: '2027-01-29',
        Amount: index * 1000
      });
      if (index <= 2) store.create('Contact', { LastName: `Person ${index}`, AccountId: account.Id });
    }
  });

  afterAll(() => preview.close());

  it('filters, orders and pages a connection, ten records by default', () => {
    const result = query(`query {
      uiapi { query { Account(where: { SOC2_Required__c: { eq: true } }, orderBy: { Name: { order: DESC } }) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { Id Name { value displayValue } SOC2_Required__c { value } } }
      } } }
    }`);
    expect(result.errors).toBeUndefined();
    const accounts = (
      result.data as { uiapi: { query: { Account: Connection<{ Name: { value: string } }> } } }
    ).uiapi.query.Account;
    expect(accounts.totalCount).toBe(6);
    expect(accounts.edges.map((edge) => edge.node.Name.value)).toEqual([
      'Account 12',
      'Account 10',
      'Account 08',
      'Account 06',
      'Account 04',
      'Account 02'
    ]);
    expect(accounts.pageInfo.hasNextPage).toBe(false);

    const all = query(
      '{ uiapi { query { Account { edges { node { Id } } pageInfo { hasNextPage endCursor } } } } }'
    );
    const page = (all.data as { uiapi: { query: { Account: Connection<{ Id: string }> } } }).uiapi.query
      .Account;
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = query(
      'query next($after: String) { uiapi { query { Account(after: $after) { edges { node { Id } } } } } }',
      { after: page.pageInfo.endCursor }
    );
    expect(
      (next.data as { uiapi: { query: { Account: Connection<unknown> } } }).uiapi.query.Account.edges
    ).toHaveLength(2);
  });

  it('follows parent and child relationships, and filters through a parent', () => {
    const result = query(`{ uiapi { query {
      Opportunity(first: 20, where: { and: [{ Account: { Name: { like: "Account 0%" } } }, { StageName: { ne: "Closed Won" } }] }, orderBy: { Account: { Name: { order: ASC } } }) {
        edges { node { Name { value } StageName { value displayValue } Amount { value displayValue } Account { Name { value } Contacts { edges { node { Name { value } } } } } } }
      }
    } } }`);
    expect(result.errors).toBeUndefined();
    const deals = (
      result.data as {
        uiapi: {
          query: {
            Opportunity: Connection<{
              Name: { value: string };
              Amount: { displayValue: string };
              Account: { Contacts: Connection<unknown> };
            }>;
          };
        };
      }
    ).uiapi.query.Opportunity;
    expect(deals.edges.map((edge) => edge.node.Name.value)).toEqual([
      'Deal 1',
      'Deal 2',
      'Deal 3',
      'Deal 5',
      'Deal 6',
      'Deal 7',
      'Deal 9'
    ]);
    expect(deals.edges[0]?.node.Amount.displayValue).toBe('$1,000.00');
    expect(deals.edges[1]?.node.Account.Contacts.edges).toHaveLength(1);
  });

  it('supports semi-joins, multi-select includes and aggregates', () => {
    const joined = query(
      `{ uiapi { query { Account(where: { Id: { inq: { Contact: { LastName: { like: "Person%" } }, ApiName: "AccountId" } } }) { totalCount } } } }`
    );
    expect(
      (joined.data as { uiapi: { query: { Account: { totalCount: number } } } }).uiapi.query.Account
        .totalCount
    ).toBe(2);
    const regimes = query(
      '{ uiapi { query { Account(where: { Data_Regimes__c: { includes: ["CCPA"] } }) { totalCount } } } }'
    );
    expect(
      (regimes.data as { uiapi: { query: { Account: { totalCount: number } } } }).uiapi.query.Account
        .totalCount
    ).toBe(4);
    const aggregate = query(`{ uiapi { aggregate { Opportunity(groupBy: { StageName: { group: true } }) {
      edges { node { aggregate { StageName { value } Amount { sum { value } } Id { count { value } } } } }
    } } } }`);
    expect(aggregate.errors).toBeUndefined();
    const groups = (
      aggregate.data as {
        uiapi: {
          aggregate: {
            Opportunity: Connection<{
              aggregate: {
                StageName: { value: string };
                Amount: { sum: { value: number } };
                Id: { count: { value: number } };
              };
            }>;
          };
        };
      }
    ).uiapi.aggregate.Opportunity.edges.map((edge) => [
      edge.node.aggregate.StageName.value,
      edge.node.aggregate.Id.count.value,
      edge.node.aggregate.Amount.sum.value
    ]);
    expect(groups).toEqual([
      ['Closed Won', 3, 24000],
      ['Prospecting', 9, 54000]
    ]);
  });

  it('answers a query the schema does not allow with errors, as the org does', () => {
    const unknownField = query('{ uiapi { query { Account { edges { node { Colour__c { value } } } } } } }');
    expect(unknownField.data).toBeUndefined();
    expect(unknownField.errors?.[0]?.message).toMatch(/Cannot query field "Colour__c" on type "Account"/);
    const wrongOperator = query(
      '{ uiapi { query { Account(where: { SOC2_Required__c: { like: "x" } }) { totalCount } } } }'
    );
    expect(wrongOperator.errors?.[0]?.message).toMatch(/like/);
    expect(() => executeGraphQL(schema, preview.store, { query: 42 })).toThrow(/needs a "query" string/);
  });
});
