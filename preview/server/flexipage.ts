/**
 * Reads a FlexiPage (Lightning page) into the regions and items the shell renders: components with their
 * properties, Dynamic Forms fields, and facets (the tabs of a tabset, the columns of a field section) resolved
 * from the `Facet` regions their properties name, each with its visibility rule. Templates are read
 * generically: a region's width in the grid follows its name (header, main, sidebar, left/right columns), so
 * a template the preview has never seen still lays out sensibly.
 *
 * The page's actions are the highlights panel's dynamic actions (its `actionNames` list, each item with its
 * own visibility rule) or, on pages without them, the page's action list (`platformActionlist`).
 */
import { childElement, childElements, childText, type XmlElement } from '../../scripts/lib/schemaModel';
import type { PageItem, RegionModel, VisibilityRule } from '../shared/pageModel';

export interface FlexiPageDefinition {
  readonly name: string;
  readonly label: string;
  /** `RecordPage`, `AppPage`, `HomePage`. */
  readonly type: string;
  readonly sobjectType?: string;
  readonly template: string;
  readonly regions: readonly RegionModel[];
  /** The actions the page shows instead of the layout's; undefined when the layout's apply. */
  readonly actions?: readonly PageAction[];
}

/** An action the page places, with the visibility rule the page gives it. */
export interface PageAction {
  /** `Account.Log_Customer_Notification`, `Edit`. */
  readonly name: string;
  readonly visibility?: VisibilityRule;
}

const HIGHLIGHTS_PANELS = new Set(['force:highlightsPanel', 'records:highlightsPanel']);

const MAX_FACET_DEPTH = 8;

function visibilityOf(element: XmlElement): VisibilityRule | undefined {
  const rule = childElement(element, 'visibilityRule');
  if (!rule) return undefined;
  return {
    booleanFilter: childText(rule, 'booleanFilter'),
    criteria: childElements(rule, 'criteria').map((criterion) => ({
      leftValue: childText(criterion, 'leftValue') ?? '',
      operator: childText(criterion, 'operator') ?? 'EQUAL',
      rightValue: childText(criterion, 'rightValue')
    }))
  };
}

function propertiesOf(component: XmlElement): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const property of childElements(component, 'componentInstanceProperties')) {
    const name = childText(property, 'name');
    if (!name) continue;
    const list = childElement(property, 'valueList');
    properties[name] = list
      ? childElements(list, 'valueListItems')
          .map((item) => childText(item, 'value') ?? '')
          .join(',')
      : (childText(property, 'value') ?? '');
  }
  return properties;
}

/**
 * The highlights panel's dynamic actions: the items of its `actionNames` property list, in order, each with
 * its own visibility rule; undefined when no highlights panel on the page has that list.
 */
function dynamicActions(regions: readonly XmlElement[]): PageAction[] | undefined {
  for (const region of regions) {
    for (const instance of childElements(region, 'itemInstances')) {
      const component = childElement(instance, 'componentInstance');
      if (!component || !HIGHLIGHTS_PANELS.has(childText(component, 'componentName') ?? '')) continue;
      const property = childElements(component, 'componentInstanceProperties').find(
        (candidate) => childText(candidate, 'name') === 'actionNames'
      );
      const list = property ? childElement(property, 'valueList') : undefined;
      if (!list) continue;
      return childElements(list, 'valueListItems')
        .map((item) => ({ name: childText(item, 'value') ?? '', visibility: visibilityOf(item) }))
        .filter((action) => action.name !== '')
        .map(({ name, visibility }) => (visibility ? { name, visibility } : { name }));
    }
  }
  return undefined;
}

/** The page's own action list (`platformActionlist`), by sort order; undefined when it has none. */
function actionListOf(root: XmlElement): PageAction[] | undefined {
  const actionList = childElement(root, 'platformActionlist');
  const items = actionList ? childElements(actionList, 'platformActionListItems') : [];
  if (items.length === 0) return undefined;
  return items
    .sort((a, b) => Number(childText(a, 'sortOrder') ?? 0) - Number(childText(b, 'sortOrder') ?? 0))
    .map((item) => ({ name: childText(item, 'actionName') ?? '' }));
}

/** Width of a region in the page grid, from its name and the other column regions (itself included). */
export function regionWidth(name: string, siblings: readonly string[]): RegionModel['width'] {
  const lower = name.toLowerCase();
  if (/^(header|top|bottom|footer|subheader)/.test(lower)) return 'full';
  if (/sidebar/.test(lower)) return 'small';
  if (/^main/.test(lower)) {
    return siblings.some((sibling) => /sidebar/i.test(sibling))
      ? 'large'
      : siblings.length > 1
        ? 'medium'
        : 'full';
  }
  return siblings.length > 1 ? 'medium' : 'full';
}

function regionRank(name: string): number {
  const lower = name.toLowerCase();
  if (/^(header|subheader|top)/.test(lower)) return 0;
  if (/^(left|leftsidebar|leftcol|column1)/.test(lower)) return 1;
  if (/^main/.test(lower)) return 2;
  if (/^(right|sidebar|rightsidebar|rightcol|column2|column3)/.test(lower)) return 3;
  if (/^(bottom|footer)/.test(lower)) return 5;
  return 4;
}

export function parseFlexiPage(root: XmlElement, name: string): FlexiPageDefinition {
  if (root.name !== 'FlexiPage') {
    throw new Error(`expected a FlexiPage, found <${root.name}>`);
  }
  const regionElements = childElements(root, 'flexiPageRegions');
  const regions = regionElements.map((region) => ({
    name: childText(region, 'name') ?? '',
    type: childText(region, 'type') ?? 'Region',
    items: childElements(region, 'itemInstances')
  }));
  const facets = new Map(
    regions.filter((region) => region.type === 'Facet').map((region) => [region.name, region])
  );

  const itemsOf = (instances: readonly XmlElement[], depth: number): PageItem[] => {
    const items: PageItem[] = [];
    for (const instance of instances) {
      const component = childElement(instance, 'componentInstance');
      const field = childElement(instance, 'fieldInstance');
      if (component) {
        const properties = propertiesOf(component);
        const resolved: Record<string, PageItem[]> = {};
        for (const [property, value] of Object.entries(properties)) {
          const facet = facets.get(value);
          if (facet && depth < MAX_FACET_DEPTH) {
            resolved[property] = itemsOf(facet.items, depth + 1);
          }
        }
        items.push({
          kind: 'component',
          name: childText(component, 'componentName') ?? '',
          identifier: childText(component, 'identifier'),
          properties,
          facets: resolved,
          visibility: visibilityOf(component)
        });
      } else if (field) {
        const behaviour = childElements(field, 'fieldInstanceProperties').find(
          (property) => childText(property, 'name') === 'uiBehavior'
        );
        items.push({
          kind: 'field',
          field: (childText(field, 'fieldItem') ?? '').replace(/^Record\./, ''),
          behavior: behaviour ? childText(behaviour, 'value') : undefined,
          visibility: visibilityOf(field)
        });
      }
    }
    return items;
  };

  const pageRegions = regions.filter((region) => region.type !== 'Facet');
  const columns = pageRegions
    .map((region) => region.name)
    .filter((regionName) => !/^(header|top|bottom|footer|subheader)/i.test(regionName));
  const template = childElement(root, 'template');
  return {
    name,
    label: childText(root, 'masterLabel') ?? name,
    type: childText(root, 'type') ?? 'RecordPage',
    sobjectType: childText(root, 'sobjectType'),
    template: template ? (childText(template, 'name') ?? '') : '',
    regions: pageRegions
      .map((region) => ({
        name: region.name,
        width: regionWidth(region.name, columns),
        items: itemsOf(region.items, 0)
      }))
      .sort((a, b) => regionRank(a.name) - regionRank(b.name)),
    actions: dynamicActions(regionElements) ?? actionListOf(root)
  };
}
