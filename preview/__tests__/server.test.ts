/**
 * The preview server is safe by default: it listens on 127.0.0.1 only, answers malformed requests with a 4xx
 * that says what is wrong, shapes errors like the platform, and loses no write when many arrive at once.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PreviewServer } from '../server/server';
import { buildUiApiSchema } from '../server/graphql';
import { testPreview, type TestPreview } from './support';

describe('the preview server', () => {
  let preview: TestPreview;
  let server: PreviewServer;
  let url: string;
  let accountId: string;
  const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preview-build-'));

  const call = async (
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {}
  ) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };

  beforeAll(async () => {
    preview = await testPreview();
    accountId = String(preview.store.create('Account', { Name: 'Hallberg & Rowe Group plc' }).Id);
    server = new PreviewServer({
      metadata: preview.metadata,
      store: preview.store,
      schema: buildUiApiSchema(preview.metadata),
      apex: preview.apex,
      buildDir,
      port: 0
    });
    url = await server.listen();
  });

  afterAll(async () => {
    await server.close();
    preview.close();
    fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers malformed requests with a 4xx and a clear message', async () => {
    expect(await call('POST', '/api/ui-api/records', '{"apiName": "Account",')).toMatchObject({
      status: 400,
      body: [{ errorCode: 'JSON_PARSER_ERROR' }]
    });
    const textBody = await fetch(`${url}/api/ui-api/records`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'Name=x'
    });
    expect(textBody.status).toBe(415);
    expect(await call('POST', '/api/ui-api/records', [1, 2])).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_INPUT' }]
    });
    expect(await call('GET', '/api/ui-api/nothing-here')).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND' }]
    });
    expect(await call('PUT', '/api/ui-api/records')).toMatchObject({
      status: 405,
      body: [{ errorCode: 'METHOD_NOT_ALLOWED' }]
    });
    expect(await call('GET', '/api/ui-api/records/notAnId42?fields=Account.Name')).toMatchObject({
      status: 400,
      body: [{ errorCode: 'MALFORMED_ID' }]
    });
    expect(await call('GET', `/api/ui-api/records/${accountId}?fields=Account.Colour__c`)).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_FIELD' }]
    });
    const huge = await call('POST', '/api/graphql', { query: 'x'.repeat(6 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('refuses requests for another host name and writes from another origin', async () => {
    const wrongHost = await new Promise<number>((resolve, reject) => {
      const request = http.get(
        `${url}/api/preview/app`,
        { headers: { host: 'evil.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        }
      );
      request.on('error', reject);
    });
    expect(wrongHost).toBe(421);
    const crossSite = await call(
      'POST',
      '/api/ui-api/records',
      { apiName: 'Account', fields: { Name: 'X' } },
      { origin: 'http://evil.example' }
    );
    expect(crossSite).toMatchObject({ status: 403, body: [{ errorCode: 'FORBIDDEN_ORIGIN' }] });
  });

  it('creates, reads and updates records in the UI API shape, and rejects a save with the record error body', async () => {
    const created = await call('POST', '/api/ui-api/records', {
      apiName: 'Trust_Control__c',
      fields: { Name: 'API call logging', Control_Id__c: 'LOG-01' }
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        apiName: 'Trust_Control__c',
        fields: { Status__c: { value: 'Operating', displayValue: 'Operating' } }
      }
    });
    const id = (created.body as { id: string }).id;
    const read = await call(
      'GET',
      `/api/ui-api/records/${id}?fields=Trust_Control__c.Name&optionalFields=Trust_Control__c.Owner.Name`
    );
    expect(read.body).toMatchObject({
      id,
      fields: {
        Name: { value: 'API call logging' },
        Owner: { value: { fields: { Name: { value: 'Morgan Reyes' } } } }
      }
    });
    const rejected = await call('PATCH', `/api/ui-api/records/${id}`, {
      fields: { Status__c: 'Remediated - Evidence Accruing' }
    });
    expect(rejected).toMatchObject({
      status: 400,
      body: {
        enhancedErrorType: 'RecordError',
        output: {
          errors: [],
          fieldErrors: {
            Remediated_On__c: [
              {
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                field: 'Remediated_On__c',
                fieldLabel: 'Remediated On',
                message: 'Remediated On is required when Status is Remediated - Evidence Accruing.'
              }
            ]
          }
        }
      }
    });
  });

  it('rejects an update made from a stale copy (If-Unmodified-Since)', async () => {
    const control = preview.store.create('Trust_Control__c', { Name: 'Backups', Control_Id__c: 'BCK-01' });
    const stale = new Date(Date.parse(String(control.LastModifiedDate)) - 60_000).toUTCString();
    const result = await call(
      'PATCH',
      `/api/ui-api/records/${String(control.Id)}`,
      { fields: { Name: 'Backups v2' } },
      { 'if-unmodified-since': stale }
    );
    expect(result).toMatchObject({ status: 412, body: [{ errorCode: 'PRECONDITION_FAILED' }] });
  });

  it('loses none of 200 concurrent creates and 200 concurrent updates', async () => {
    const creates = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        call('POST', '/api/ui-api/records', {
          apiName: 'Contact',
          fields: { LastName: `Concurrent ${index}`, AccountId: accountId }
        })
      )
    );
    expect(creates.every((result) => result.status === 200)).toBe(true);
    const ids = creates.map((result) => (result.body as { id: string }).id);
    expect(new Set(ids).size).toBe(200);
    expect(
      preview.store.count({
        object: 'Contact',
        where: { path: ['LastName'], op: 'like', value: 'Concurrent %' }
      })
    ).toBe(200);

    const updates = await Promise.all(
      ids.map((id, index) =>
        call('PATCH', `/api/ui-api/records/${id}`, { fields: { Title: `Title ${index}` } })
      )
    );
    expect(updates.every((result) => result.status === 200)).toBe(true);
    ids.forEach((id, index) => expect(preview.store.get(id)?.values.Title).toBe(`Title ${index}`));
  });

  it('calls Apex stand-ins and reports a method without one', async () => {
    const gate = await call('POST', '/api/apex/ComplianceGateController/getGateView', {
      recordId: accountId
    });
    expect(gate).toMatchObject({
      status: 200,
      body: { returnValue: { recordKind: 'Account', account: { name: 'Hallberg & Rowe Group plc' } } }
    });
    const wrongRecord = await call('POST', '/api/apex/ComplianceGateController/getGateView', {
      recordId: preview.store.userId
    });
    expect(wrongRecord).toMatchObject({
      status: 400,
      body: { message: 'The compliance gate is shown on Opportunity and Account records only.' }
    });
    const unknown = await call('POST', '/api/apex/NoSuchController/method', {});
    expect(unknown).toMatchObject({ status: 400, body: { exceptionType: 'System.NoSuchMethodException' } });
  });

  it('counts the data requests of each page load', async () => {
    await call('GET', `/api/ui-api/object-info/Account`, undefined, { 'x-preview-page': 'page-1' });
    await call(
      'POST',
      '/api/graphql',
      { query: '{ uiapi { query { Account { totalCount } } } }' },
      { 'x-preview-page': 'page-1' }
    );
    expect(await call('GET', '/api/preview/metrics?page=page-1')).toMatchObject({
      body: { requests: 2, byKind: { 'ui-api': 1, graphql: 1 } }
    });
  });
});
