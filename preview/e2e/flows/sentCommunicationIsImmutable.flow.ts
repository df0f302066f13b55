/**
 * A sent customer communication is a record of fact: editing its text on its record page is refused with
 * the platform's message on the field, and the text stays as sent.
 */
import { findRecord, type PreviewFlow } from '../support/flow';

const flow: PreviewFlow = {
  name: 'editing a sent communication is refused on the field',
  async run(context) {
    const { page } = context;
    const communication = await findRecord(
      context,
      'Customer_Communication__c',
      '{ Status__c: { eq: "Sent" } }'
    );
    await page.goto(context.url(`/lightning/r/Customer_Communication__c/${communication.Id}/view`));
    const details = page.locator('shell-detail-panel');
    await details.getByRole('button', { name: 'Edit' }).click();
    const text = details.locator('lightning-textarea[data-field="Message_Text__c"] textarea');
    await text.fill('A kinder wording, written afterwards.');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByText('cannot be changed once the communication is sent').first().waitFor();
    await context.screenshot('refused');
    const { body } = await context.api(
      'GET',
      `/api/ui-api/records/${communication.Id}?fields=Customer_Communication__c.Message_Text__c`
    );
    expect(
      (body as { fields: { Message_Text__c: { value: string } } }).fields.Message_Text__c.value
    ).not.toBe('A kinder wording, written afterwards.');
  }
};

export default flow;
