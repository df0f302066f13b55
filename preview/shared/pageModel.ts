/**
 * What the preview server sends the shell to lay out a page: the regions of a FlexiPage (or of the layout
 * the org would fall back to) with their components, facets already resolved, and the record context.
 * Shared by the server, which builds it from metadata, and the shell, which renders it. Types only.
 */

/** `{!Record.Status__c} EQUAL Sent`: a FlexiPage visibility criterion, evaluated by the shell. */
export interface VisibilityCriterion {
  readonly leftValue: string;
  readonly operator: string;
  readonly rightValue?: string;
}

export interface VisibilityRule {
  /** `1 AND (2 OR 3)`; all criteria must hold when absent. */
  readonly booleanFilter?: string;
  readonly criteria: readonly VisibilityCriterion[];
}

export interface ComponentItem {
  readonly kind: 'component';
  /** For package components: the public (`@api`) properties, so the page sets only what the component declares. */
  readonly publicProperties?: readonly string[];
  /** `c:complianceGate`, `force:highlightsPanel`, `flexipage:tabset`… */
  readonly name: string;
  readonly identifier?: string;
  /** Properties as written in the FlexiPage; facet references are resolved into `facets`. */
  readonly properties: Readonly<Record<string, string>>;
  /** Facets by the property that names them (`tabs`, `body`, `columns`). */
  readonly facets: Readonly<Record<string, readonly PageItem[]>>;
  readonly visibility?: VisibilityRule;
}

export interface FieldItem {
  readonly kind: 'field';
  /** API name on the page's object. */
  readonly field: string;
  /** `Readonly`, `Required`, `Edit`: the behaviour the page gives the field. */
  readonly behavior?: string;
  readonly visibility?: VisibilityRule;
}

export type PageItem = ComponentItem | FieldItem;

export interface RegionModel {
  readonly name: string;
  /** How much of the page the region takes in the template's grid. */
  readonly width: 'full' | 'large' | 'medium' | 'small';
  readonly items: readonly PageItem[];
}

/** A quick action the highlights panel offers. */
export interface ActionModel {
  /** `Account.Log_Notification`, `NewNote`, `Edit`. */
  readonly name: string;
  readonly label: string;
  /** A quick action backed by a Lightning web component opens it in a modal. */
  readonly component?: string;
  /** `ScreenAction` (a modal with the component) or `Action` (headless). */
  readonly actionSubtype?: string;
  /** The rule the page's dynamic actions give the action: it shows only when the rule holds. */
  readonly visibility?: VisibilityRule;
}

export interface PageModel {
  readonly kind: 'record' | 'app' | 'home' | 'list' | 'component';
  readonly title: string;
  readonly objectApiName?: string;
  readonly recordId?: string;
  /** Where the layout came from, shown in the shell's footer: "FlexiPage Opportunity_Record_Page". */
  readonly source: string;
  readonly template: string;
  readonly regions: readonly RegionModel[];
  readonly actions: readonly ActionModel[];
}

/** One entry of the app's navigation bar. */
export interface NavItem {
  readonly name: string;
  readonly label: string;
  /** Preview URL: `/lightning/o/Account/home`, `/lightning/page/home`, `/lightning/n/Tab`. */
  readonly url: string;
  readonly objectApiName?: string;
}

export interface AppModel {
  readonly label: string;
  readonly headerColor?: string;
  readonly nav: readonly NavItem[];
  readonly user: PreviewUser;
}

/** The preview's one user, with the persona permission sets the preview assigns them. */
export interface PreviewUser {
  readonly id: string;
  readonly name: string;
  readonly title?: string;
  /** Permission sets and groups assigned to the user: `TrustDesk_Compliance_Admin`. */
  readonly permissionSets: readonly string[];
  /** Custom permissions those grant: what `$Permission.CustomPermission.*` visibility rules see. */
  readonly customPermissions: readonly string[];
}

/** A page layout section, for the detail panel and default record pages. */
export interface LayoutSection {
  readonly label: string;
  readonly showHeading: boolean;
  readonly columns: readonly (readonly { readonly field: string; readonly behavior: string }[])[];
}

/** A related list as a page layout (or the org's default) defines it. */
export interface RelatedListModel {
  /** Child relationship name: `Control_Evidence__r`, `Contacts`. */
  readonly relationshipName: string;
  readonly label: string;
  readonly childObject: string;
  /** The reference field on the child pointing at the parent. */
  readonly field: string;
  readonly columns: readonly string[];
  readonly sortField?: string;
  readonly sortOrder?: 'Asc' | 'Desc';
}

export interface LayoutModel {
  readonly objectApiName: string;
  readonly objectLabel: string;
  /** SLDS icon name: `standard:account`, `custom:custom57`. */
  readonly icon: string;
  readonly source: string;
  readonly sections: readonly LayoutSection[];
  readonly relatedLists: readonly RelatedListModel[];
  /** Compact layout fields: the highlights panel. */
  readonly highlights: readonly string[];
  readonly actions: readonly ActionModel[];
}

export interface ListViewModel {
  readonly name: string;
  readonly label: string;
  readonly columns: readonly string[];
  readonly filterScope: string;
  readonly filters: readonly { readonly field: string; readonly operation: string; readonly value: string }[];
}

/** A column of a list, with what the shell needs to format it. */
export interface ColumnModel {
  readonly field: string;
  readonly label: string;
  readonly dataType: string;
  /** For references: the relationship whose name to show (`Owner`). */
  readonly relationshipName?: string;
}
