import { parseXml } from '../../scripts/lib/schemaModel';
import { parseFlexiPage, regionWidth } from '../server/flexipage';
import { homePage, recordPage } from '../server/pages';
import { packageMetadata } from './support';

const PAGE = `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
  <flexiPageRegions>
    <itemInstances><componentInstance><componentName>force:highlightsPanel</componentName></componentInstance></itemInstances>
    <name>header</name><type>Region</type>
  </flexiPageRegions>
  <flexiPageRegions>
    <itemInstances><componentInstance>
      <componentInstanceProperties><name>tabs</name><value>Facet-tabs</value></componentInstanceProperties>
      <componentName>flexipage:tabset</componentName>
    </componentInstance></itemInstances>
    <name>main</name><type>Region</type>
  </flexiPageRegions>
  <flexiPageRegions>
    <itemInstances><componentInstance>
      <componentInstanceProperties><name>body</name><value>Facet-details</value></componentInstanceProperties>
      <componentInstanceProperties><name>title</name><value>Standard.Tab.detail</value></componentInstanceProperties>
      <componentName>flexipage:tab</componentName>
    </componentInstance></itemInstances>
    <name>Facet-tabs</name><type>Facet</type>
  </flexiPageRegions>
  <flexiPageRegions>
    <itemInstances><fieldInstance>
      <fieldInstanceProperties><name>uiBehavior</name><value>readonly</value></fieldInstanceProperties>
      <fieldItem>Record.Status__c</fieldItem>
    </fieldInstance></itemInstances>
    <itemInstances><componentInstance>
      <componentName>c:complianceGate</componentName>
      <visibilityRule><criteria><leftValue>{!Record.Status__c}</leftValue><operator>EQUAL</operator><rightValue>Sent</rightValue></criteria></visibilityRule>
    </componentInstance></itemInstances>
    <name>Facet-details</name><type>Facet</type>
  </flexiPageRegions>
  <flexiPageRegions>
    <name>sidebar</name><type>Region</type>
  </flexiPageRegions>
  <masterLabel>Example</masterLabel>
  <sobjectType>Customer_Communication__c</sobjectType>
  <template><name>flexipage:recordHomeTemplateDesktop</name></template>
  <type>RecordPage</type>
</FlexiPage>`;

describe('FlexiPages', () => {
  it('reads regions, resolves facets into the components that name them, and keeps fields and visibility rules', () => {
    const page = parseFlexiPage(parseXml(PAGE), 'Example');
    expect(page.regions.map((region) => [region.name, region.width])).toEqual([
      ['header', 'full'],
      ['main', 'large'],
      ['sidebar', 'small']
    ]);
    const tabset = page.regions[1]?.items[0];
    expect(tabset).toMatchObject({ kind: 'component', name: 'flexipage:tabset' });
    const tab = tabset?.kind === 'component' ? tabset.facets.tabs?.[0] : undefined;
    expect(tab).toMatchObject({ name: 'flexipage:tab', properties: { title: 'Standard.Tab.detail' } });
    const body = tab?.kind === 'component' ? tab.facets.body : undefined;
    expect(body?.[0]).toEqual({
      kind: 'field',
      field: 'Status__c',
      behavior: 'readonly',
      visibility: undefined
    });
    expect(body?.[1]).toMatchObject({
      name: 'c:complianceGate',
      visibility: { criteria: [{ leftValue: '{!Record.Status__c}', operator: 'EQUAL', rightValue: 'Sent' }] }
    });
  });

  it('sizes regions it has never seen by their names', () => {
    expect(regionWidth('leftcol', ['leftcol', 'rightcol'])).toBe('medium');
    expect(regionWidth('main', ['main'])).toBe('full');
  });

  it('falls back to the org default record page and home page', () => {
    const metadata = packageMetadata();
    const contact = metadata.requireObject('Contact');
    const page = recordPage(metadata, contact, '003Pv0000000001IAA', 'Oliver Grant');
    expect(
      page.regions.flatMap((region) =>
        region.items.map((item) => (item.kind === 'component' ? item.name : item.field))
      )
    ).toEqual(expect.arrayContaining(['force:highlightsPanel', 'force:detailPanel']));
    expect(homePage(metadata).kind).toBe('home');
  });
});
