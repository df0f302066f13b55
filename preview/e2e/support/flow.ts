/** A user flow through the preview, run by flows.e2e.ts. */
import type { Page } from 'playwright-core';

export interface FlowContext {
  readonly page: Page;
  /** The absolute URL of a preview route (`/lightning/r/Account/<id>/view`). */
  url(route: string): string;
  /** Saves a screenshot of the page under test-results/preview/flows/. */
  screenshot(name: string): Promise<void>;
  /** Calls the preview server directly, e.g. to find a demo record: `api('POST', '/api/graphql', { query })`. */
  api(method: string, route: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface PreviewFlow {
  readonly name: string;
  /** Why the flow cannot run yet (a component it needs is not in the package); undefined to run it. */
  skip?(): string | undefined;
  run(context: FlowContext): Promise<void>;
}

/** The first record of an object matching a GraphQL filter, through the preview's GraphQL endpoint. */
export async function findRecord(
  context: FlowContext,
  object: string,
  where = '{}'
): Promise<{ Id: string; Name: { value: string } }> {
  const { body } = await context.api('POST', '/api/graphql', {
    query: `{ uiapi { query { ${object}(first: 1, where: ${where}) { edges { node { Id Name { value } } } } } } }`
  });
  const edges = (
    body as {
      data?: {
        uiapi: { query: Record<string, { edges: { node: { Id: string; Name: { value: string } } }[] }> };
      };
    }
  ).data?.uiapi.query[object]?.edges;
  const record = edges?.[0]?.node;
  if (!record) throw new Error(`No ${object} matches ${where} in the demo data`);
  return record;
}
