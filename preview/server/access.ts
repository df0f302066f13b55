/**
 * What the preview user holds beyond seeing every record: the package's permission sets (or permission set
 * groups) the preview assigns them, and the custom permissions those enable. FlexiPage visibility rules on
 * `$Permission.CustomPermission.*`, `@salesforce/customPermission/*` imports and `$Permission` in formulas
 * are answered from here, as the org answers them for a user with the same assignments. Object and field
 * access are not emulated: the preview user reads and writes every record.
 */
import path from 'node:path';
import { childElements, childText, readXml } from '../../scripts/lib/schemaModel';
import { walk } from '../../scripts/lib/files';

export interface UserAccess {
  /** The assigned permission sets and groups, as named. */
  readonly permissionSets: readonly string[];
  /** Custom permissions enabled by any of them, sorted. */
  readonly customPermissions: readonly string[];
}

export interface PermissionSources {
  /** Permission set → the custom permissions it enables. */
  readonly permissionSets: ReadonlyMap<string, readonly string[]>;
  /** Permission set group → its permission sets. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
}

/** The permission sets and groups of the package under `root`. */
export function readPermissionSources(root: string): PermissionSources {
  const permissionSets = new Map<string, readonly string[]>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.permissionset-meta.xml'))) {
    const xml = readXml(file);
    permissionSets.set(
      path.basename(file).replace(/\.permissionset-meta\.xml$/, ''),
      childElements(xml, 'customPermissions')
        .filter((permission) => childText(permission, 'enabled') === 'true')
        .map((permission) => childText(permission, 'name') ?? '')
        .filter((name) => name !== '')
    );
  }
  const groups = new Map<string, readonly string[]>();
  for (const file of walk(path.join(root, 'force-app'), (f) => f.endsWith('.permissionsetgroup-meta.xml'))) {
    const xml = readXml(file);
    groups.set(
      path.basename(file).replace(/\.permissionsetgroup-meta\.xml$/, ''),
      childElements(xml, 'permissionSets').map((element) => element.text)
    );
  }
  return { permissionSets, groups };
}

/**
 * The access of a user assigned `assigned` (permission sets or groups); a name the package does not define
 * grants nothing and is reported through `warn`.
 */
export function userAccess(
  assigned: readonly string[],
  sources: PermissionSources,
  warn: (message: string) => void = () => undefined
): UserAccess {
  const customPermissions = new Set<string>();
  const grant = (set: string, via?: string): void => {
    const enabled = sources.permissionSets.get(set);
    if (!enabled) {
      warn(
        `the preview user's permission set ${set}${via ? ` (in group ${via})` : ''} is not in the package`
      );
      return;
    }
    for (const name of enabled) customPermissions.add(name);
  };
  for (const name of assigned) {
    const group = sources.groups.get(name);
    if (group) {
      for (const set of group) grant(set, name);
    } else {
      grant(name);
    }
  }
  return { permissionSets: [...assigned], customPermissions: [...customPermissions].sort() };
}

/** Whether the access holds a custom permission; API names compare without regard to case, as in formulas. */
export function holdsCustomPermission(access: UserAccess, name: string): boolean {
  return access.customPermissions.some((held) => held.toLowerCase() === name.toLowerCase());
}
