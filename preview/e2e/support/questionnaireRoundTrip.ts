/**
 * The responder's round trip on a Security Questionnaire page, shared by the questionnaire flows: create an
 * empty questionnaire, import the buyer's file, auto-answer, accept a suggestion, save, and export CSV.
 * Returns the exported CSV parsed into rows, for the flow to check keys, order and neutralised cells.
 */
import fs from 'node:fs';
import type { Locator } from 'playwright-core';
import { parseCsv } from 'c/questionnaireParser';
import { findRecord, type FlowContext } from './flow';

export interface RoundTripResult {
  /** The exported CSV, header row first. */
  readonly rows: string[][];
  /** The key of the row whose suggestion was accepted. */
  readonly acceptedKey: string;
}

/** Creates an empty questionnaire for the demo account through the UI API, as the New button would. */
async function createQuestionnaire(context: FlowContext, name: string, format: string): Promise<string> {
  const account = await findRecord(context, 'Account', '{ Name: { like: "Westbridge%" } }');
  const { status, body } = await context.api('POST', '/api/ui-api/records', {
    apiName: 'Security_Questionnaire__c',
    fields: { Name: name, Account__c: account.Id, Format__c: format, Status__c: 'Received' }
  });
  if (status !== 201 && status !== 200) {
    throw new Error(`Creating the questionnaire failed (${status}): ${JSON.stringify(body)}`);
  }
  return (body as { id: string }).id;
}

async function waitForToast(context: FlowContext, title: RegExp): Promise<void> {
  await context.page.locator('shell-toasts').getByText(title).first().waitFor();
}

export async function questionnaireRoundTrip(
  context: FlowContext,
  file: { path: string; name: string; format: string }
): Promise<RoundTripResult> {
  const { page } = context;
  const id = await createQuestionnaire(context, `Round trip - ${file.name}`, file.format);
  await page.goto(context.url(`/lightning/r/Security_Questionnaire__c/${id}/view`));
  const workspace = page.locator('c-questionnaire-workspace');

  await workspace.locator('.file-input input[type="file"]').setInputFiles({
    name: file.name,
    mimeType: file.name.endsWith('.json') ? 'application/json' : 'text/csv',
    buffer: fs.readFileSync(file.path)
  });
  await workspace.locator('.preview-summary').waitFor();
  await context.screenshot('preview');
  await workspace.getByRole('button', { name: /^Import/ }).click();
  await waitForToast(context, /Questionnaire imported/);

  await workspace.getByRole('button', { name: 'Auto-answer' }).click();
  await waitForToast(context, /Auto-answer finished/);
  await context.screenshot('answered');

  // Accept the first suggestion that still needs review, through its row's own button; the row is then
  // found again by its id, because once accepted it no longer matches the filter.
  const rowId = await workspace
    .locator('tr.item-row')
    .filter({ has: page.locator('button.accept-button:not([disabled])') })
    .first()
    .getAttribute('data-id');
  if (!rowId) throw new Error('No suggestion can be accepted after auto-answer');
  const row: Locator = workspace.locator(`tr.item-row[data-id="${rowId}"]`);
  const acceptedKey = (await row.locator('.item-key').innerText()).trim();
  await row.locator('button.accept-button').click();
  await row.locator('.review-status').getByText('Accepted').waitFor();

  await workspace.getByRole('button', { name: /^Save/ }).click();
  await waitForToast(context, /Answers saved/);
  await context.screenshot('saved');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    workspace.getByRole('button', { name: 'Export CSV' }).click()
  ]);
  const downloaded = await download.path();
  const text = fs.readFileSync(downloaded, 'utf8');
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).rows.map((cells) => [...cells]);

  // The record page shows the new counts (roll-up summaries) without a reload.
  const itemsField = page.locator(
    '[data-region="sidebar"] [data-field="Item_Count__c"] .slds-form-element__static'
  );
  await itemsField.filter({ hasText: new RegExp(`^\\s*${rows.length - 1}\\s*$`) }).waitFor();
  return { rows, acceptedKey };
}
