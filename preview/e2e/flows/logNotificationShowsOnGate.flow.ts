/**
 * Log a customer notification on an Account (its quick action), then see it as the latest communication in
 * the compliance gate of one of the account's opportunities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findRecord, type PreviewFlow } from '../support/flow';

const COMPONENT = path.resolve(
  __dirname,
  '../../../force-app/main/default/lwc/logCustomerNotification/logCustomerNotification.html'
);

const flow: PreviewFlow = {
  name: 'a notification logged on an account shows on its opportunity gate',
  skip: () =>
    fs.existsSync(COMPONENT) ? undefined : 'the package has no logCustomerNotification component yet',
  async run(context) {
    const { page } = context;
    const account = await findRecord(context, 'Account', '{ Name: { like: "Hallberg%" } }');
    const opportunity = await findRecord(context, 'Opportunity', `{ AccountId: { eq: "${account.Id}" } }`);
    await page.goto(context.url(`/lightning/r/Account/${account.Id}/view`));
    await page.getByRole('button', { name: 'Log Customer Notification' }).click();
    const form = page.locator('c-log-customer-notification');
    const choose = async (field: string, option: RegExp): Promise<void> => {
      await form.getByRole('combobox', { name: field }).click();
      await form.getByRole('option', { name: option }).first().click();
    };
    await choose('Approved template', /Customer notice/);
    await choose('Audience', /Procurement/);
    await choose('Channel', /Meeting/);
    await choose('Contact', /Whitcombe/);
    await context.screenshot('form');
    await form.getByRole('button', { name: 'Log notification' }).click();
    await page
      .locator('shell-toasts')
      .getByText(/logged|sent|recorded/i)
      .first()
      .waitFor();
    await page.goto(context.url(`/lightning/r/Opportunity/${opportunity.Id}/view`));
    await page
      .locator('c-compliance-gate')
      .getByText(/Meeting to Procurement/)
      .first()
      .waitFor();
    await context.screenshot('gate');
  }
};

export default flow;
