/**
 * `lightning/uiGraphQLApi` for the preview: `gql` and the `graphql` wire adapter, answered by the preview's
 * GraphQL endpoint (a schema in the UI API's shape generated from the package metadata). The wire emits
 * `{ data, errors }` like the org's; identical queries in flight are sent once; a result that contains a
 * record changed through LDS is read again; `refreshGraphQL(result)` reads a wire's query again.
 */
import { request } from '../../preview/transport/transport';
import { onRecordsChanged } from '../../preview/records/records';

type DataCallback = (value: { data?: unknown; errors?: unknown }) => void;

interface GraphQLResult {
  data?: unknown;
  errors?: unknown;
}

/** The query text: values interpolated (fragments written as template values). */
export function gql(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce(
    (text, part, index) => text + part + (index < values.length ? String(values[index] as string) : ''),
    ''
  );
}

const inFlight = new Map<string, Promise<GraphQLResult>>();
const adapters = new WeakMap<object, GraphQLAdapter>();

function run(body: { query: string; variables?: unknown; operationName?: unknown }): Promise<GraphQLResult> {
  const key = JSON.stringify(body);
  let promise = inFlight.get(key);
  if (!promise) {
    promise = request<GraphQLResult>('POST', '/api/graphql', body).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
  }
  return promise;
}

class GraphQLAdapter {
  private readonly callback: DataCallback;
  private body?: { query: string; variables?: unknown; operationName?: unknown };
  private lastJson = '';
  private unsubscribe?: () => void;
  private version = 0;

  constructor(callback: DataCallback) {
    this.callback = callback;
  }

  connect(): void {
    this.unsubscribe = onRecordsChanged((ids) => {
      if (!this.body) return;
      if (ids.has('*') || [...ids].some((id) => this.lastJson.includes(id))) void this.load();
    });
  }

  disconnect(): void {
    this.unsubscribe?.();
  }

  update(config: Record<string, unknown>): void {
    const query = config.query;
    if (typeof query !== 'string' || query.trim() === '') return;
    const variables = config.variables as Record<string, unknown> | undefined;
    if (variables && Object.values(variables).some((value) => value === undefined)) return;
    this.body = { query, variables, operationName: config.operationName };
    void this.load();
  }

  async load(): Promise<void> {
    if (!this.body) return;
    const version = ++this.version;
    let result: GraphQLResult;
    try {
      result = await run(this.body);
    } catch (error) {
      const failure = error as { body?: unknown };
      result = {
        data: undefined,
        errors: Array.isArray(failure.body) ? failure.body : [failure.body ?? error]
      };
    }
    if (version !== this.version) return;
    this.lastJson = JSON.stringify(result.data ?? null);
    const emitted = { data: result.data, errors: result.errors };
    adapters.set(emitted, this);
    this.callback(emitted);
  }
}

export const graphql = GraphQLAdapter;

export async function refreshGraphQL(result: unknown): Promise<void> {
  const adapter = typeof result === 'object' && result !== null ? adapters.get(result) : undefined;
  if (adapter) await adapter.load();
}
