/**
 * The preview's HTTP server: the shell page, the built bundle, SLDS assets, the package's static
 * resources, and the JSON endpoints the preview's platform modules call (UI API, GraphQL, Apex).
 *
 * Safe by default: it listens on 127.0.0.1 only, answers only requests addressed to that host (no DNS
 * rebinding), takes writes only as `application/json` from its own origin (no cross-site form posts), caps
 * request bodies, and answers every malformed request with a 4xx and a message that says what was wrong.
 *
 * Every request from a page carries the page load's id (`x-preview-page`); the server counts the data
 * requests (round trips) per page load for the benchmark and the shell's footer.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { PackageMetadata } from './metadata';
import type { RecordStore } from './records';
import type { ApexRegistry } from './apexRegistry';
import { ApexError, ApiError, RecordSaveError, dmlExceptionBody, uiApiRecordErrorBody } from './errors';
import { executeGraphQL } from './graphql';
import { UiApi } from './uiApi';
import { appModel, componentPage, homePage, layoutModel, recordPage, tabPage } from './pages';
import { normalizeId } from './ids';
import { asText } from '../shared/text';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
const PAGE_METRICS_KEPT = 500;

export interface ServerOptions {
  readonly metadata: PackageMetadata;
  readonly store: RecordStore;
  readonly schema: GraphQLSchema;
  readonly apex: ApexRegistry;
  /** Folder of the built bundle (with `manifest.json`). */
  readonly buildDir: string;
  readonly port: number;
}

export interface PageMetrics {
  readonly page: string;
  requests: number;
  readonly byKind: Record<string, number>;
  readonly startedAt: number;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: (request: RequestContext) => unknown;
}

interface RequestContext {
  readonly request: http.IncomingMessage;
  readonly url: URL;
  readonly params: readonly string[];
  readonly body: unknown;
}

/** A response that is not JSON: a file, a redirect or an empty 204. */
class RawResponse {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly body?: Buffer | string
  ) {}
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
};

const SLDS_ASSETS = path.dirname(require.resolve('@salesforce-ux/design-system/package.json'));

/** A file under `root`, or undefined when the path escapes it or does not exist. */
function fileUnder(root: string, relative: string): string | undefined {
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${decodeURIComponent(relative)}`)}`);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return undefined;
  return fs.existsSync(resolved) && fs.statSync(resolved).isFile() ? resolved : undefined;
}

function sendFile(file: string, cache: 'immutable' | 'revalidate', contentType?: string): RawResponse {
  return new RawResponse(
    200,
    {
      'content-type':
        contentType ?? CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache'
    },
    fs.readFileSync(file)
  );
}

function parameters(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name).flatMap((value) => value.split(','));
  const cleaned = values.map((value) => value.trim()).filter(Boolean);
  return cleaned.length > 0 ? cleaned : undefined;
}

function requireObjectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'INVALID_INPUT', `${what}: the request body must be a JSON object`);
  }
  return body as Record<string, unknown>;
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ApiError(400, 'INVALID_INPUT', `${name} must be a list of strings`);
  }
  return value;
}

export class PreviewServer {
  readonly options: ServerOptions;
  readonly metrics = new Map<string, PageMetrics>();
  private readonly uiApi: UiApi;
  private readonly routes: Route[];
  private server?: http.Server;
  private port = 0;

  constructor(options: ServerOptions) {
    this.options = options;
    this.uiApi = new UiApi(options.store);
    this.routes = this.buildRoutes();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<string> {
    const server = http.createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    return this.url;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private count(request: http.IncomingMessage, kind: string): void {
    const page = request.headers['x-preview-page'];
    if (typeof page !== 'string' || page.length > 64) return;
    let metrics = this.metrics.get(page);
    if (!metrics) {
      metrics = { page, requests: 0, byKind: {}, startedAt: Date.now() };
      this.metrics.set(page, metrics);
      if (this.metrics.size > PAGE_METRICS_KEPT) {
        const oldest = this.metrics.keys().next().value;
        if (oldest !== undefined) this.metrics.delete(oldest);
      }
    }
    metrics.requests++;
    metrics.byKind[kind] = (metrics.byKind[kind] ?? 0) + 1;
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      const url = this.checkRequest(request);
      const route = this.match(request.method ?? 'GET', url.pathname);
      if (!route) {
        throw new ApiError(404, 'NOT_FOUND', `No such resource: ${request.method ?? 'GET'} ${url.pathname}`);
      }
      const body = await this.readBody(request);
      if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/preview/')) {
        this.count(request, url.pathname.split('/')[2] ?? 'api');
      }
      const result = route.route.handler({ request, url, params: route.params, body });
      this.send(response, result);
    } catch (error) {
      this.sendError(response, request, error);
    }
  }

  private checkRequest(request: http.IncomingMessage): URL {
    const host = request.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      throw new ApiError(
        421,
        'MISDIRECTED_REQUEST',
        `The preview only answers requests for 127.0.0.1 or localhost, not "${host}"`
      );
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
    } catch {
      throw new ApiError(400, 'MALFORMED_URL', `Malformed request URL: ${request.url ?? ''}`);
    }
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) {
        throw new ApiError(
          403,
          'FORBIDDEN_ORIGIN',
          `Writes are only accepted from the preview's own pages, not from ${origin}`
        );
      }
    }
    return url;
  }

  private async readBody(request: http.IncomingMessage): Promise<unknown> {
    const method = request.method ?? 'GET';
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') {
      request.resume();
      return undefined;
    }
    const type = request.headers['content-type'] ?? '';
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      request.resume();
      throw new ApiError(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) {
        throw new ApiError(
          413,
          'REQUEST_TOO_LARGE',
          `The request body is larger than ${MAX_BODY_BYTES} bytes`
        );
      }
      chunks.push(buffer);
    }
    if (size === 0) return undefined;
    if (!/^application\/json\b/i.test(type)) {
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the request body as application/json, not "${type || 'no content type'}"`
      );
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `The request body is not valid JSON: ${(error as Error).message}`
      );
    }
  }

  private match(method: string, pathname: string): { route: Route; params: string[] } | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method === method || (route.method === 'GET' && method === 'HEAD')) {
        return { route, params: match.slice(1).map((part) => decodeURIComponent(part ?? '')) };
      }
    }
    if (pathMatched)
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', `${method} is not supported on ${pathname}`);
    return undefined;
  }

  private send(response: http.ServerResponse, result: unknown): void {
    if (result instanceof RawResponse) {
      response.writeHead(result.status, { 'x-content-type-options': 'nosniff', ...result.headers });
      response.end(result.body);
      return;
    }
    const body = JSON.stringify(result ?? null);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff'
    });
    response.end(body);
  }

  private sendError(response: http.ServerResponse, request: http.IncomingMessage, error: unknown): void {
    let status = 500;
    let body: unknown;
    const apex = (request.url ?? '').startsWith('/api/apex/');
    if (error instanceof RecordSaveError) {
      status = error.statusCode;
      body = apex
        ? dmlExceptionBody(error)
        : uiApiRecordErrorBody(error, (field) => {
            const id = (request.url ?? '').split('/').pop()?.split('?')[0] ?? '';
            const normalized = normalizeId(id);
            const object = normalized ? this.options.store.objectOfId(normalized) : undefined;
            return object?.fieldsByName.get(field.toLowerCase())?.label;
          });
    } else if (error instanceof ApexError) {
      status = 400;
      body = {
        message: error.message,
        exceptionType: error.exceptionType,
        isUserDefinedException: error.isUserDefinedException,
        stackTrace: null
      };
    } else if (error instanceof ApiError) {
      status = error.statusCode;
      body = apex
        ? { message: error.message, exceptionType: 'System.QueryException', errorCode: error.errorCode }
        : [{ errorCode: error.errorCode, message: error.message }];
    } else {
      console.error(error);
      body = [{ errorCode: 'UNKNOWN_EXCEPTION', message: `The preview failed: ${String(error)}` }];
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store'
    });
    response.end(JSON.stringify(body));
  }

  private shellHtml(): RawResponse {
    const manifestFile = path.join(this.options.buildDir, 'manifest.json');
    if (!fs.existsSync(manifestFile))
      throw new ApiError(503, 'NOT_BUILT', 'The preview bundle is not built yet');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { entry: string };
    const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${this.options.metadata.app?.label ?? 'Trust Desk'} | Preview</title>
    <link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css" />
    <link rel="icon" href="data:," />
    <style>body{background:#b0c4df}#root{min-height:100vh}</style>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/build/${manifest.entry}"></script>
  </body>
</html>`;
    return new RawResponse(
      200,
      { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
      html
    );
  }

  private staticResource(name: string, rest: string): RawResponse {
    const resource = this.options.metadata.staticResources.get(name);
    if (!resource) throw new ApiError(404, 'NOT_FOUND', `No static resource named ${name}`);
    if (resource.folder) {
      const file = fileUnder(resource.location, rest || 'index.html');
      if (!file) throw new ApiError(404, 'NOT_FOUND', `No file ${rest} in static resource ${name}`);
      return sendFile(file, 'revalidate');
    }
    return sendFile(resource.location, 'revalidate', resource.contentType);
  }

  private pageModel(url: URL): unknown {
    const { metadata, store } = this.options;
    const type = url.searchParams.get('type');
    switch (type) {
      case 'record': {
        const id = normalizeId(url.searchParams.get('recordId') ?? '');
        const record = id ? store.get(id) : undefined;
        if (!record)
          throw new ApiError(404, 'NOT_FOUND', `No record with id ${url.searchParams.get('recordId') ?? ''}`);
        return recordPage(
          metadata,
          record.object,
          String(record.values.Id),
          String(record.values.Name ?? record.values.Id)
        );
      }
      case 'home':
        return homePage(metadata);
      case 'tab':
        return tabPage(metadata, url.searchParams.get('name') ?? '');
      case 'component': {
        const properties = Object.fromEntries(
          [...url.searchParams.entries()].filter(([key]) => key !== 'type' && key !== 'name')
        );
        return componentPage(metadata, url.searchParams.get('name') ?? '', properties);
      }
      default:
        throw new ApiError(400, 'INVALID_INPUT', 'type must be record, home, tab or component');
    }
  }

  /** Every page of the app with demo content: the navigation, and one record of each object with a record page. */
  private pages(): unknown {
    const { metadata, store } = this.options;
    const app = appModel(metadata, { id: store.userId, name: store.nameOf(store.userId) ?? 'Preview User' });
    const pages: { name: string; url: string; kind: string }[] = app.nav.map((item) => ({
      name: item.label,
      url: item.url,
      kind: item.objectApiName ? 'list' : 'app'
    }));
    for (const object of metadata.objects.values()) {
      if (object.customMetadata || object.apiName === 'User') continue;
      const [record] = store.query({
        object: object.apiName,
        orderBy: [
          { path: ['CreatedDate'], direction: 'ASC' },
          { path: ['Id'], direction: 'ASC' }
        ],
        limit: 1
      });
      if (!record) continue;
      const flexiPage = [...metadata.flexiPages.values()].some(
        (page) => page.sobjectType?.toLowerCase() === object.apiName.toLowerCase()
      );
      pages.push({
        name: `${object.label}: ${String(record.Name ?? record.Id)}`,
        url: `/lightning/r/${object.apiName}/${String(record.Id)}/view`,
        kind: flexiPage ? 'record' : 'record-default'
      });
    }
    return { pages };
  }

  private buildRoutes(): Route[] {
    const { metadata, store, schema, apex, buildDir } = this.options;
    const api = this.uiApi;
    const route = (method: string, pattern: RegExp, handler: Route['handler']): Route => ({
      method,
      pattern,
      handler
    });
    return [
      route('GET', /^\/$/, () => new RawResponse(302, { location: '/lightning/page/home' })),
      route('GET', /^\/(lightning|preview)(\/.*)?$/, () => this.shellHtml()),
      route('GET', /^\/build\/(.+)$/, ({ params }) => {
        const file = fileUnder(buildDir, params[0] ?? '');
        if (!file) throw new ApiError(404, 'NOT_FOUND', `No built file ${params[0] ?? ''}`);
        return sendFile(file, path.basename(file) === 'manifest.json' ? 'revalidate' : 'immutable');
      }),
      route('GET', /^\/assets\/(.+)$/, ({ params }) => {
        const file = fileUnder(path.join(SLDS_ASSETS, 'assets'), params[0] ?? '');
        if (!file) throw new ApiError(404, 'NOT_FOUND', `No SLDS asset ${params[0] ?? ''}`);
        return sendFile(file, 'immutable');
      }),
      route('GET', /^\/resource\/(?:\d+\/)?([A-Za-z0-9_]+)(?:\/(.*))?$/, ({ params }) =>
        this.staticResource(params[0] ?? '', params[1] ?? '')
      ),

      // Shell
      route('GET', /^\/api\/preview\/app$/, () =>
        appModel(metadata, {
          id: store.userId,
          name: store.nameOf(store.userId) ?? 'Preview User',
          title: asText(store.get(store.userId)?.values.Title ?? '')
        })
      ),
      route('GET', /^\/api\/preview\/page$/, ({ url }) => this.pageModel(url)),
      route('GET', /^\/api\/preview\/pages$/, () => this.pages()),
      route('GET', /^\/api\/preview\/status$/, () => {
        const row = store.db.prepare(`SELECT "value" FROM "_preview_meta" WHERE "key" = 'seeded'`).get() as
          { value: string } | undefined;
        return { seed: row ? (JSON.parse(row.value) as unknown) : null, userId: store.userId };
      }),
      route('GET', /^\/api\/preview\/layout\/(\w+)$/, ({ params }) => {
        const object = metadata.object(params[0] ?? '');
        if (!object) throw new ApiError(404, 'NOT_FOUND', `No object ${params[0] ?? ''}`);
        return layoutModel(metadata, object);
      }),
      route('GET', /^\/api\/preview\/list-views\/(\w+)$/, ({ params }) => {
        const object = metadata.object(params[0] ?? '');
        if (!object) throw new ApiError(404, 'NOT_FOUND', `No object ${params[0] ?? ''}`);
        return { views: object.listViews.map((view) => ({ name: view.name, label: view.label })) };
      }),
      route('GET', /^\/api\/preview\/metrics$/, ({ url }) => {
        const page = url.searchParams.get('page');
        if (!page) throw new ApiError(400, 'INVALID_INPUT', 'page is required');
        return this.metrics.get(page) ?? { page, requests: 0, byKind: {} };
      }),
      route('GET', /^\/api\/preview\/home-summary$/, () =>
        appModel(metadata, { id: store.userId, name: '' })
          .nav.filter((item) => item.objectApiName)
          .map((item) => ({ ...item, count: store.count({ object: item.objectApiName ?? '' }) }))
      ),

      // UI API
      route('GET', /^\/api\/ui-api\/records\/batch\/([\w,]+)$/, ({ params, url }) =>
        api.getRecords([
          {
            recordIds: (params[0] ?? '').split(','),
            fields: parameters(url, 'fields'),
            optionalFields: parameters(url, 'optionalFields')
          }
        ])
      ),
      route('POST', /^\/api\/ui-api\/records\/batch$/, ({ body }) => {
        const input = requireObjectBody(body, 'records/batch');
        if (!Array.isArray(input.requests))
          throw new ApiError(400, 'INVALID_INPUT', 'requests must be a list');
        return api.getRecords(
          (input.requests as unknown[]).map((entry) => {
            const request = requireObjectBody(entry, 'records/batch request');
            return {
              recordIds: stringList(request.recordIds, 'recordIds') ?? [],
              fields: stringList(request.fields, 'fields'),
              optionalFields: stringList(request.optionalFields, 'optionalFields'),
              layoutTypes: stringList(request.layoutTypes, 'layoutTypes')
            };
          })
        );
      }),
      route('GET', /^\/api\/ui-api\/records\/(\w+)$/, ({ params, url }) =>
        api.getRecord(params[0] ?? '', {
          fields: parameters(url, 'fields'),
          optionalFields: parameters(url, 'optionalFields'),
          layoutTypes: parameters(url, 'layoutTypes')
        })
      ),
      route('POST', /^\/api\/ui-api\/records$/, ({ body }) =>
        api.createRecord(requireObjectBody(body, 'createRecord'))
      ),
      route('PATCH', /^\/api\/ui-api\/records\/(\w+)$/, ({ params, body, request }) => {
        const since = request.headers['if-unmodified-since'];
        return api.updateRecord(
          params[0] ?? '',
          requireObjectBody(body, 'updateRecord'),
          typeof since === 'string' ? since : undefined
        );
      }),
      route('DELETE', /^\/api\/ui-api\/records\/(\w+)$/, ({ params }) => {
        api.deleteRecord(params[0] ?? '');
        return new RawResponse(204, {});
      }),
      route('GET', /^\/api\/ui-api\/object-info\/(\w+)$/, ({ params }) => api.objectInfo(params[0] ?? '')),
      route('GET', /^\/api\/ui-api\/object-info\/(\w+)\/picklist-values\/\w+$/, ({ params }) =>
        api.picklistValuesByRecordType(params[0] ?? '')
      ),
      route('GET', /^\/api\/ui-api\/object-info\/(\w+)\/picklist-values\/\w+\/([\w.]+)$/, ({ params }) =>
        api.picklistValues(params[0] ?? '', params[1] ?? '')
      ),
      route('POST', /^\/api\/ui-api\/related-list-records\/(\w+)\/(\w+)$/, ({ params, body }) => {
        const input = body === undefined ? {} : requireObjectBody(body, 'related-list-records');
        return api.relatedListRecords(params[0] ?? '', params[1] ?? '', {
          fields: stringList(input.fields, 'fields'),
          optionalFields: stringList(input.optionalFields, 'optionalFields'),
          sortBy: stringList(input.sortBy, 'sortBy'),
          pageSize: typeof input.pageSize === 'number' ? input.pageSize : undefined,
          pageToken: typeof input.pageToken === 'string' ? input.pageToken : undefined
        });
      }),
      route('GET', /^\/api\/ui-api\/related-list-count\/(\w+)\/(\w+)$/, ({ params }) =>
        api.relatedListCount(params[0] ?? '', params[1] ?? '')
      ),
      route('GET', /^\/api\/ui-api\/list-records\/(\w+)\/(\w+)$/, ({ params, url }) =>
        api.listViewRecords(params[0] ?? '', params[1] ?? '', {
          pageSize: Number(url.searchParams.get('pageSize') ?? 50) || 50,
          pageToken: url.searchParams.get('pageToken') ?? undefined,
          sortBy: parameters(url, 'sortBy')
        })
      ),

      // GraphQL and Apex
      route('POST', /^\/api\/graphql$/, ({ body }) =>
        executeGraphQL(schema, store, requireObjectBody(body, 'graphql'))
      ),
      route('POST', /^\/api\/apex\/(\w+)\/(\w+)$/, ({ params, body }) => {
        const [className = '', methodName = ''] = params;
        const declared = metadata.apexMethods.find(
          (method) => method.className === className && method.methodName === methodName
        );
        if (!declared)
          throw new ApexError(
            `No @AuraEnabled method ${className}.${methodName} in the package`,
            'System.NoSuchMethodException'
          );
        const standIn = apex.classes.get(className)?.methods[methodName];
        if (!standIn) {
          throw new ApexError(
            `${className}.${methodName} has no stand-in in the preview yet: add preview/apex/${className}.ts (see preview/apex/ComplianceGateController.ts)`,
            'System.NoSuchMethodException'
          );
        }
        const input = body === undefined ? {} : requireObjectBody(body, `${className}.${methodName}`);
        return { returnValue: standIn(input, { store, userId: store.userId, now: store.now() }) ?? null };
      })
    ];
  }
}
