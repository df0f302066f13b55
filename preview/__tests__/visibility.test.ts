/**
 * Visibility rules driven by custom permissions: the preview reads them on components and on the highlights
 * panel's dynamic actions, and evaluates them for the preview user's permission sets as the org does, so the
 * Account page offers Log Customer Notification and the Security Questionnaire page its workspace only to
 * the personas whose access can use them.
 */
import { parseXml } from '../../scripts/lib/schemaModel';
import { parseFlexiPage } from '../server/flexipage';
import { appModel, recordPage } from '../server/pages';
import { readPermissionSources, userAccess, type UserAccess } from '../server/access';
import { isVisible, ruleFields } from '../shared/visibility';
import type { ActionModel, PageItem, VisibilityRule } from '../shared/pageModel';
import { ROOT, packageMetadata } from './support';

const LOG_ACTION = 'Account.Log_Customer_Notification';
const ADMIN = 'TrustDesk_Compliance_Admin';
const MANAGER = 'TrustDesk_Account_Manager';
const SALES = 'TrustDesk_Sales_Rep';
const RESPONDER = 'TrustDesk_Questionnaire_Responder';

const permissionRule = (name: string, value = 'true'): VisibilityRule => ({
  criteria: [{ leftValue: `{!$Permission.CustomPermission.${name}}`, operator: 'EQUAL', rightValue: value }]
});

function page(header: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
  <flexiPageRegions>
    <itemInstances><componentInstance>${header}</componentInstance></itemInstances>
    <name>header</name><type>Region</type>
  </flexiPageRegions>
  ${extra}
  <masterLabel>Example</masterLabel>
  <sobjectType>Account</sobjectType>
  <template><name>flexipage:recordHomeTemplateDesktop</name></template>
  <type>RecordPage</type>
</FlexiPage>`;
}

const DYNAMIC_ACTIONS = `
  <componentInstanceProperties>
    <name>actionNames</name>
    <valueList>
      <valueListItems>
        <value>Account.Log_Customer_Notification</value>
        <visibilityRule>
          <booleanFilter>1 OR 2</booleanFilter>
          <criteria><leftValue>{!$Permission.CustomPermission.TrustDesk_Log_Notifications}</leftValue><operator>EQUAL</operator><rightValue>true</rightValue></criteria>
          <criteria><leftValue>{!Record.Type}</leftValue><operator>EQUAL</operator><rightValue>Partner</rightValue></criteria>
        </visibilityRule>
      </valueListItems>
      <valueListItems><value>Edit</value></valueListItems>
    </valueList>
  </componentInstanceProperties>
  <componentInstanceProperties><name>numVisibleActions</name><value>3</value></componentInstanceProperties>
  <componentName>force:highlightsPanel</componentName>`;

describe('the highlights panel dynamic actions of a FlexiPage', () => {
  it('are read in order, each with its own visibility rule', () => {
    const parsed = parseFlexiPage(parseXml(page(DYNAMIC_ACTIONS)), 'Example');
    expect(parsed.actions).toEqual([
      {
        name: LOG_ACTION,
        visibility: {
          booleanFilter: '1 OR 2',
          criteria: [
            {
              leftValue: '{!$Permission.CustomPermission.TrustDesk_Log_Notifications}',
              operator: 'EQUAL',
              rightValue: 'true'
            },
            { leftValue: '{!Record.Type}', operator: 'EQUAL', rightValue: 'Partner' }
          ]
        }
      },
      { name: 'Edit' }
    ]);
  });

  it('take the place of the page action list, which applies on pages without them', () => {
    const actionList = `<platformActionlist>
      <actionListContext>Record</actionListContext>
      <platformActionListItems><actionName>Delete</actionName><actionType>StandardButton</actionType><sortOrder>1</sortOrder></platformActionListItems>
      <platformActionListItems><actionName>Edit</actionName><actionType>StandardButton</actionType><sortOrder>0</sortOrder></platformActionListItems>
    </platformActionlist>`;
    const panel = '<componentName>force:highlightsPanel</componentName>';
    expect(parseFlexiPage(parseXml(page(DYNAMIC_ACTIONS, actionList)), 'Example').actions).toHaveLength(2);
    expect(parseFlexiPage(parseXml(page(panel, actionList)), 'Example').actions).toEqual([
      { name: 'Edit' },
      { name: 'Delete' }
    ]);
    expect(parseFlexiPage(parseXml(page(panel)), 'Example').actions).toBeUndefined();
  });
});

describe('a visibility rule', () => {
  const rule = permissionRule('TrustDesk_Log_Notifications');

  it('on a custom permission holds exactly for users who hold it', () => {
    expect(isVisible(rule, { customPermissions: ['TrustDesk_Log_Notifications'] })).toBe(true);
    expect(isVisible(rule, { customPermissions: ['trustdesk_log_notifications'] })).toBe(true);
    expect(isVisible(rule, { customPermissions: ['TrustDesk_Approve_Answers'] })).toBe(false);
    expect(isVisible(rule, { customPermissions: [] })).toBe(false);
  });

  it('on the lack of a custom permission holds exactly for users who lack it', () => {
    const lacking = permissionRule('TrustDesk_Log_Notifications', 'false');
    expect(isVisible(lacking, { customPermissions: [] })).toBe(true);
    expect(isVisible(lacking, { customPermissions: ['TrustDesk_Log_Notifications'] })).toBe(false);
    const notHeld: VisibilityRule = {
      criteria: [{ ...(rule.criteria[0] ?? { leftValue: '' }), operator: 'NE' }]
    };
    expect(isVisible(notHeld, { customPermissions: [] })).toBe(true);
    expect(isVisible(notHeld, { customPermissions: ['TrustDesk_Log_Notifications'] })).toBe(false);
  });

  it('on permissions shows nothing while the user is not known, either way', () => {
    expect(isVisible(rule, {})).toBe(false);
    expect(isVisible(permissionRule('TrustDesk_Log_Notifications', 'false'), {})).toBe(false);
  });

  it('combines permissions, record fields and the form factor with its filter', () => {
    const combined: VisibilityRule = {
      booleanFilter: '(1 OR 2) AND NOT 3',
      criteria: [
        ...rule.criteria,
        { leftValue: '{!Record.Type}', operator: 'EQUAL', rightValue: 'Partner' },
        { leftValue: '{!$Client.FormFactor}', operator: 'EQUAL', rightValue: 'Small' }
      ]
    };
    const partner = (name: string): unknown => (name === 'Type' ? 'Partner' : null);
    const customer = (name: string): unknown => (name === 'Type' ? 'Customer' : null);
    expect(ruleFields(combined)).toEqual(['Type']);
    expect(isVisible(combined, { field: partner, customPermissions: [] })).toBe(true);
    expect(isVisible(combined, { field: customer, customPermissions: [] })).toBe(false);
    expect(isVisible(combined, { customPermissions: ['TrustDesk_Log_Notifications'] })).toBe(true);
    expect(isVisible(combined, { customPermissions: [] })).toBe(false);
    expect(isVisible(undefined, {})).toBe(true);
  });
});

describe('the preview user', () => {
  const sources = readPermissionSources(ROOT);
  const access = (...assigned: string[]): UserAccess => userAccess(assigned, sources);

  it('is the compliance lead who also answers questionnaires, with the custom permissions of both sets', () => {
    const metadata = packageMetadata();
    expect(metadata.previewUserAccess).toEqual({
      permissionSets: [ADMIN, RESPONDER],
      customPermissions: [
        'TrustDesk_Answer_Questionnaires',
        'TrustDesk_Approve_Answers',
        'TrustDesk_Log_Notifications'
      ]
    });
    expect(metadata.previewUser.Title).toBe('Compliance Lead');
    expect(appModel(metadata, { id: '005000000000001AAA', name: 'Morgan Reyes' }).user).toMatchObject({
      permissionSets: [ADMIN, RESPONDER],
      customPermissions: metadata.previewUserAccess.customPermissions
    });
  });

  it('holds what the sets of an assigned group enable, and nothing for a set the package lacks', () => {
    expect(access('TrustDesk_Account_Manager_Responder').customPermissions).toEqual([
      'TrustDesk_Answer_Questionnaires',
      'TrustDesk_Log_Notifications'
    ]);
    const warnings: string[] = [];
    expect(userAccess(['TrustDesk_Auditor'], sources, (message) => warnings.push(message))).toEqual({
      permissionSets: ['TrustDesk_Auditor'],
      customPermissions: []
    });
    expect(warnings).toEqual(["the preview user's permission set TrustDesk_Auditor is not in the package"]);
  });

  describe('as each persona, on the Trust Desk record pages', () => {
    const metadata = packageMetadata();

    const accountActions = (): readonly ActionModel[] =>
      recordPage(metadata, metadata.requireObject('Account'), '001000000000001AAA', 'Hallberg').actions;

    const shownActions = (user: UserAccess): string[] =>
      accountActions()
        .filter((action) => isVisible(action.visibility, { customPermissions: user.customPermissions }))
        .map((action) => action.name);

    const shownInMain = (user: UserAccess): string[] => {
      const questionnaire = metadata.requireObject('Security_Questionnaire__c');
      const model = recordPage(metadata, questionnaire, 'a00000000000001AAA', 'Q');
      const main = model.regions.find((region) => region.name === 'main')?.items ?? [];
      return main
        .filter((item: PageItem) => isVisible(item.visibility, { customPermissions: user.customPermissions }))
        .map((item) => (item.kind === 'component' ? item.name : item.field));
    };

    it('offers Log Customer Notification only to those who can create communications', () => {
      const log = accountActions().find((action) => action.name === LOG_ACTION);
      expect(log).toMatchObject({
        component: 'logCustomerNotification',
        visibility: permissionRule('TrustDesk_Log_Notifications')
      });
      expect(shownActions(access(ADMIN))).toEqual([LOG_ACTION, 'Edit', 'ChangeOwnerOne', 'Delete']);
      expect(shownActions(access(MANAGER))).toContain(LOG_ACTION);
      expect(shownActions(access(SALES))).toEqual(['Edit', 'ChangeOwnerOne', 'Delete']);
      expect(shownActions(access(RESPONDER))).not.toContain(LOG_ACTION);
      expect(shownActions(access(SALES, RESPONDER))).not.toContain(LOG_ACTION);
    });

    it('shows the questionnaire workspace to those who import and answer questionnaires, a note to the others', () => {
      const workspace = 'c:questionnaireWorkspace';
      const note = 'flexipage:richText';
      expect(shownInMain(access(ADMIN))).toEqual([note]);
      expect(shownInMain(access(ADMIN, RESPONDER))).toEqual([workspace]);
      expect(shownInMain(access(RESPONDER))).toEqual([workspace]);
      expect(shownInMain(access(SALES, RESPONDER))).toEqual([workspace]);
      expect(shownInMain(access(MANAGER))).toEqual([note]);
      expect(shownInMain(access(SALES))).toEqual([note]);
    });

    it('shows the details of a questionnaire to everyone', () => {
      const questionnaire = metadata.requireObject('Security_Questionnaire__c');
      const sidebar = recordPage(metadata, questionnaire, 'a00000000000001AAA', 'Q').regions.find(
        (region) => region.name === 'sidebar'
      );
      expect(sidebar?.items).toEqual([expect.objectContaining({ name: 'force:detailPanel' })]);
      expect(sidebar?.items[0]?.visibility).toBeUndefined();
    });
  });
});
