/**
 * Which page the org would show, built into the model the shell renders:
 *
 * - the app's navigation from the app's tabs (home, object tabs, Lightning page tabs, component tabs);
 * - a record page: the FlexiPage assigned in the app (`actionOverrides`), else the object's View override,
 *   else the object's only record page, else the org's default layout (highlights from the compact layout,
 *   details from the page layout, related lists);
 * - a record page's actions: the FlexiPage's (its highlights panel's dynamic actions, each with its visibility
 *   rule for the shell to evaluate, or its action list), else the layout's, else the object's quick actions;
 * - the home page: the app's home override, else a Home or App page, else a default home;
 * - a tab's Lightning page or component.
 *
 * Component properties from the FlexiPage are typed by the component's `targetConfigs` (a Boolean design
 * attribute arrives as a boolean), as the platform does.
 */
import type {
  ActionModel,
  AppModel,
  ComponentItem,
  LayoutModel,
  NavItem,
  PageItem,
  PageModel,
  RegionModel
} from '../shared/pageModel';
import type { FlexiPageDefinition } from './flexipage';
import { actionModel, type PackageMetadata, type PreviewObject } from './metadata';
import { ApiError } from './errors';

const STANDARD_TABS: Readonly<Record<string, { label: string; url: string } | null>> = {
  'standard-home': { label: 'Home', url: '/lightning/page/home' },
  'standard-report': null,
  'standard-Dashboard': null,
  'standard-Feed': null,
  'standard-File': null
};

export function appModel(
  metadata: PackageMetadata,
  user: { id: string; name: string; title?: string }
): AppModel {
  const { permissionSets, customPermissions } = metadata.previewUserAccess;
  const nav: NavItem[] = [];
  const tabs = metadata.app?.tabs ?? [
    'standard-home',
    ...[...metadata.objects.values()]
      .filter((object) => object.custom && !object.customMetadata)
      .map((object) => object.apiName)
  ];
  for (const tab of tabs) {
    if (tab in STANDARD_TABS) {
      const standard = STANDARD_TABS[tab];
      if (standard) nav.push({ name: tab, ...standard });
      continue;
    }
    const objectName = tab.startsWith('standard-') ? tab.slice('standard-'.length) : tab;
    const object = metadata.object(objectName);
    const customTab = metadata.tabs.get(tab);
    if (object && !object.customMetadata) {
      nav.push({
        name: tab,
        label: customTab?.label ?? object.pluralLabel,
        url: `/lightning/o/${object.apiName}/list`,
        objectApiName: object.apiName
      });
    } else if (customTab) {
      const page = customTab.flexiPage ? metadata.flexiPages.get(customTab.flexiPage) : undefined;
      nav.push({ name: tab, label: customTab.label ?? page?.label ?? tab, url: `/lightning/n/${tab}` });
    }
  }
  return {
    label: metadata.app?.label ?? 'Trust Desk',
    headerColor: metadata.app?.headerColor,
    nav,
    user: { ...user, permissionSets, customPermissions }
  };
}

function typedProperties(metadata: PackageMetadata, given: ComponentItem): ComponentItem {
  // A namespace-less org also accepts a package component by its bare name (`answerLibraryManager`).
  const bare =
    !given.name.includes(':') && metadata.components.some((component) => component.name === given.name);
  const item = bare ? { ...given, name: `c:${given.name}` } : given;
  const name = item.name.startsWith('c:') ? item.name.slice(2) : undefined;
  const bundle = name ? metadata.components.find((component) => component.name === name) : undefined;
  const facets = Object.fromEntries(
    Object.entries(item.facets).map(([key, items]) => [
      key,
      items.map((child) => (child.kind === 'component' ? typedProperties(metadata, child) : child))
    ])
  );
  if (!bundle) return { ...item, facets };
  const publicProperties = bundle.publicProperties;
  const properties: Record<string, string> = {};
  const typed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item.properties)) {
    const type = bundle.propertyTypes[key];
    if (type === 'Boolean') typed[key] = value === 'true';
    else if (type === 'Integer') typed[key] = Number(value);
    else properties[key] = value;
  }
  return {
    ...item,
    properties: { ...properties, ...(typed as Record<string, string>) },
    facets,
    publicProperties
  };
}

function withTypedProperties(metadata: PackageMetadata, regions: readonly RegionModel[]): RegionModel[] {
  return regions.map((region) => ({
    ...region,
    items: region.items.map((item: PageItem) =>
      item.kind === 'component' ? typedProperties(metadata, item) : item
    )
  }));
}

function component(
  name: string,
  properties: Record<string, string> = {},
  facets: Record<string, PageItem[]> = {}
): ComponentItem {
  return { kind: 'component', name, properties, facets };
}

/** The org's default record page for an object without a Lightning page. */
function defaultRecordRegions(object: PreviewObject): RegionModel[] {
  return [
    { name: 'header', width: 'full', items: [component('force:highlightsPanel')] },
    { name: 'main', width: 'large', items: [component('force:detailPanel')] },
    {
      name: 'sidebar',
      width: 'small',
      items: object.relatedLists.length > 0 ? [component('force:relatedListContainer')] : []
    }
  ];
}

export function recordFlexiPage(
  metadata: PackageMetadata,
  object: PreviewObject
): FlexiPageDefinition | undefined {
  const assigned = metadata.app?.pageOverrides.get(object.apiName.toLowerCase()) ?? object.viewOverride;
  if (assigned) return metadata.flexiPages.get(assigned);
  const candidates = [...metadata.flexiPages.values()]
    .filter(
      (page) => page.type === 'RecordPage' && page.sobjectType?.toLowerCase() === object.apiName.toLowerCase()
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  return candidates[0];
}

export function recordActions(
  metadata: PackageMetadata,
  object: PreviewObject,
  page?: FlexiPageDefinition
): ActionModel[] {
  if (page?.actions) {
    return page.actions.map(({ name, visibility }) => {
      const action = actionModel(name, metadata.quickActions, object.apiName);
      return visibility ? { ...action, visibility } : action;
    });
  }
  if (object.layoutActions.length > 0) return [...object.layoutActions];
  // Quick actions defined on the object but not placed on a layout still show, as in a new org's default.
  return [...metadata.quickActions.values()]
    .filter((action) => action.name.startsWith(`${object.apiName}.`))
    .map((action) => actionModel(action.name, metadata.quickActions, object.apiName));
}

export function recordPage(
  metadata: PackageMetadata,
  object: PreviewObject,
  recordId: string,
  title: string
): PageModel {
  const page = recordFlexiPage(metadata, object);
  return {
    kind: 'record',
    title,
    objectApiName: object.apiName,
    recordId,
    source: page
      ? `FlexiPage ${page.name}`
      : object.layout?.source === 'default' || !object.layout
        ? 'default record page'
        : `page layout ${object.layout.source}`,
    template: page?.template ?? 'flexipage:recordHomeTemplateDesktop',
    regions: page ? withTypedProperties(metadata, page.regions) : defaultRecordRegions(object),
    actions: recordActions(metadata, object, page)
  };
}

export function homePage(metadata: PackageMetadata): PageModel {
  const assigned = metadata.app?.pageOverrides.get('standard-home');
  const page =
    (assigned ? metadata.flexiPages.get(assigned) : undefined) ??
    [...metadata.flexiPages.values()].find((candidate) => candidate.type === 'HomePage') ??
    [...metadata.flexiPages.values()].find(
      (candidate) => candidate.type === 'AppPage' && /home/i.test(candidate.name)
    );
  if (page) {
    return {
      kind: 'home',
      title: page.label,
      source: `FlexiPage ${page.name}`,
      template: page.template,
      regions: withTypedProperties(metadata, page.regions),
      actions: []
    };
  }
  return {
    kind: 'home',
    title: 'Home',
    source: 'default home page (no Home or App page in the package yet)',
    template: 'default',
    regions: [{ name: 'main', width: 'full', items: [component('preview:defaultHome')] }],
    actions: []
  };
}

export function tabPage(metadata: PackageMetadata, tabName: string): PageModel {
  const tab = metadata.tabs.get(tabName);
  const page = tab?.flexiPage ? metadata.flexiPages.get(tab.flexiPage) : metadata.flexiPages.get(tabName);
  if (page) {
    return {
      kind: 'app',
      title: tab?.label ?? page.label,
      source: `FlexiPage ${page.name}`,
      template: page.template,
      regions: withTypedProperties(metadata, page.regions),
      actions: []
    };
  }
  if (tab?.lwcComponent) {
    return {
      kind: 'app',
      title: tab.label ?? tab.lwcComponent,
      source: `Lightning component tab ${tab.name}`,
      template: 'component',
      regions: [{ name: 'main', width: 'full', items: [component(`c:${tab.lwcComponent}`)] }],
      actions: []
    };
  }
  throw new ApiError(404, 'NOT_FOUND', `No tab named ${tabName} in the package`);
}

/** One package component alone on a page, for the component harness and benchmarks. */
export function componentPage(
  metadata: PackageMetadata,
  name: string,
  properties: Record<string, string>
): PageModel {
  const bundle = metadata.components.find((candidate) => candidate.name === name);
  if (!bundle?.hasTemplate)
    throw new ApiError(404, 'NOT_FOUND', `No component c:${name} with a template in the package`);
  return {
    kind: 'component',
    title: bundle.masterLabel ?? name,
    objectApiName: properties.objectApiName,
    recordId: properties.recordId,
    source: `component c:${name}`,
    template: 'component',
    regions: [
      { name: 'main', width: 'full', items: [typedProperties(metadata, component(`c:${name}`, properties))] }
    ],
    actions: []
  };
}

const STANDARD_ICONS: Readonly<Record<string, string>> = {
  Account: 'standard:account',
  Opportunity: 'standard:opportunity',
  Contact: 'standard:contact',
  User: 'standard:user'
};

/** The object's icon: a standard object's own, a custom object's tab style (`Custom57: Building` → `custom:custom57`). */
export function iconOf(metadata: PackageMetadata, object: PreviewObject): string {
  const standard = STANDARD_ICONS[object.apiName];
  if (standard) return standard;
  const motif = /^Custom(\d+)/i.exec(metadata.tabs.get(object.apiName)?.icon ?? '')?.[1];
  return motif ? `custom:custom${motif}` : 'standard:custom';
}

export function layoutModel(metadata: PackageMetadata, object: PreviewObject): LayoutModel {
  return {
    objectApiName: object.apiName,
    objectLabel: object.label,
    icon: iconOf(metadata, object),
    source: object.layout?.source ?? 'default',
    sections: object.layout?.sections ?? [],
    relatedLists: object.relatedLists,
    highlights: object.compactLayout.filter((field) => object.fieldsByName.has(field.toLowerCase())),
    actions: recordActions(metadata, object, recordFlexiPage(metadata, object))
  };
}
