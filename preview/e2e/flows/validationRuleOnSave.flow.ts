/**
 * The package's validation rules run on every save: a control set to "Remediated - Evidence Accruing"
 * without its remediation date is refused on that field, and saves once the date is given.
 */
import { findRecord, type PreviewFlow } from '../support/flow';

const flow: PreviewFlow = {
  name: 'a validation rule refuses a save until the record is complete',
  async run(context) {
    const { page } = context;
    const control = await findRecord(
      context,
      'Trust_Control__c',
      '{ Status__c: { eq: "Remediation In Progress" } }'
    );
    await page.goto(context.url(`/lightning/r/Trust_Control__c/${control.Id}/view`));
    const details = page.locator('shell-detail-panel');
    await details.getByRole('button', { name: 'Edit' }).click();
    await details.getByRole('combobox', { name: 'Status' }).click();
    await details.getByRole('option', { name: 'Remediated - Evidence Accruing' }).click();
    await details.getByRole('button', { name: 'Save' }).click();
    await details
      .getByText('Remediated On is required when Status is Remediated - Evidence Accruing.')
      .waitFor();
    await context.screenshot('refused');
    await details.locator('lightning-input[data-field="Remediated_On__c"] input').fill('Nov 2, 2026');
    await details.getByRole('button', { name: 'Save' }).click();
    await details.getByRole('button', { name: 'Edit' }).waitFor();
    await context.screenshot('saved');
  }
};

export default flow;
