/**
 * The shell's view of the package metadata (app navigation, page and layout models), fetched once per
 * object and shared by the shell's components.
 */
import { request } from '../../preview/transport/transport';
import type { AppModel, LayoutModel, PageModel } from '../../../../shared/pageModel';

const layouts = new Map<string, Promise<LayoutModel>>();
let app: Promise<AppModel> | undefined;

export function appModel(): Promise<AppModel> {
  app ??= request<AppModel>('GET', '/api/preview/app');
  return app;
}

export function layoutOf(objectApiName: string): Promise<LayoutModel> {
  let layout = layouts.get(objectApiName);
  if (!layout) {
    layout = request<LayoutModel>('GET', `/api/preview/layout/${encodeURIComponent(objectApiName)}`);
    layout.catch(() => layouts.delete(objectApiName));
    layouts.set(objectApiName, layout);
  }
  return layout;
}

export function pageModel(query: Record<string, string>): Promise<PageModel> {
  return request<PageModel>('GET', `/api/preview/page?${new URLSearchParams(query).toString()}`);
}

export interface ObjectInfoField {
  apiName: string;
  label: string;
  dataType: string;
  relationshipName: string | null;
  referenceToInfos: { apiName: string }[];
  updateable: boolean;
  createable: boolean;
  required: boolean;
  calculated: boolean;
  inlineHelpText: string | null;
}

export interface ObjectInfo {
  apiName: string;
  label: string;
  labelPlural: string;
  fields: Record<string, ObjectInfoField>;
}

/** Icon of an object: standard objects' own, custom objects' tab style. */
export function iconOf(objectApiName: string | undefined): string {
  switch (objectApiName) {
    case 'Account':
      return 'standard:account';
    case 'Opportunity':
      return 'standard:opportunity';
    case 'Contact':
      return 'standard:contact';
    case 'User':
      return 'standard:user';
    default:
      return 'standard:custom';
  }
}
