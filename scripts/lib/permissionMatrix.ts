/**
 * The access the package's permission sets grant, read from their source files and checked against the
 * package's own metadata: object CRUD, field-level security, tabs, the app, Apex classes, custom metadata
 * types, custom permissions and user permissions. Two kinds of check:
 *
 * - `checkPermissionSets`: least-privilege rules that hold for every set whatever its persona (nobody
 *   deletes what must not be deleted, no View All / Modify All outside an explicit list, no org-wide user
 *   permissions, every field named exists and may be named, every field of a readable object is decided
 *   explicitly, derived fields are never editable, a custom permission that shows a feature goes with the
 *   access the feature needs…).
 * - `accessMatrix` and `diffMatrix`: the whole matrix of persona × object and persona × field, in letters,
 *   to compare with the matrix a test states.
 *
 * Both take parsed values rather than files, so a test can break a permission set in memory and prove that
 * the check reports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type Diagnostic, relativeToRoot } from './diagnostics';
import { walk } from './files';

// ---------------------------------------------------------------------------------------------------------
// Permission sets

export interface ObjectAccess {
  create: boolean;
  read: boolean;
  edit: boolean;
  delete: boolean;
  viewAll: boolean;
  modifyAll: boolean;
}

export interface FieldAccess {
  readable: boolean;
  editable: boolean;
}

export interface PermissionSetModel {
  /** API name: the file name without `.permissionset-meta.xml`. */
  name: string;
  file: string;
  label?: string;
  description?: string;
  hasActivationRequired?: boolean;
  /** By object API name. */
  objects: Map<string, ObjectAccess>;
  /** By `Object.Field`. */
  fields: Map<string, FieldAccess>;
  /** Tab name → visibility (`Visible`, `Available`, `None`). */
  tabs: Map<string, string>;
  /** Application → visible. */
  applications: Map<string, boolean>;
  /** Apex class → enabled. */
  classes: Map<string, boolean>;
  /** Custom metadata type → enabled. */
  customMetadataTypes: Map<string, boolean>;
  /** Custom permission → enabled. */
  customPermissions: Map<string, boolean>;
  /** User permission name → enabled. */
  userPermissions: Map<string, boolean>;
  /** Entries named more than once, e.g. `fieldPermissions Account.SOC2_Required__c`. */
  duplicates: string[];
}

export interface PermissionSetGroupModel {
  name: string;
  file: string;
  label?: string;
  description?: string;
  permissionSets: string[];
  mutingPermissionSets: string[];
}

const PERMISSION_SET_SUFFIX = '.permissionset-meta.xml';
const PERMISSION_SET_GROUP_SUFFIX = '.permissionsetgroup-meta.xml';

/** Elements that repeat: always arrays, even with one entry. */
const LIST_ELEMENTS = new Set([
  'objectPermissions',
  'fieldPermissions',
  'tabSettings',
  'applicationVisibilities',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customPermissions',
  'userPermissions',
  'permissionSets',
  'mutingPermissionSets'
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LIST_ELEMENTS.has(name)
});

type XmlNode = Record<string, unknown>;

function rootOf(xml: string, rootName: string): XmlNode {
  const parsed = parser.parse(xml) as XmlNode;
  const root = parsed[rootName];
  if (root === undefined || root === null || typeof root !== 'object') {
    throw new Error(`expected a ${rootName} root element`);
  }
  return root as XmlNode;
}

function text(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  return typeof value === 'string' ? value : undefined;
}

function flag(node: XmlNode, name: string): boolean {
  return text(node, name) === 'true';
}

function list(node: XmlNode, name: string): XmlNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function strings(node: XmlNode, name: string): string[] {
  const value = node[name];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Parses one permission set's source; `file` names it and gives its API name. */
export function parsePermissionSet(file: string, xml: string): PermissionSetModel {
  const root = rootOf(xml, 'PermissionSet');
  const duplicates: string[] = [];
  const keyed = <T>(element: string, entries: XmlNode[], key: string, value: (entry: XmlNode) => T) => {
    const map = new Map<string, T>();
    for (const entry of entries) {
      const name = text(entry, key) ?? '';
      if (map.has(name)) {
        duplicates.push(`${element} ${name}`);
      }
      map.set(name, value(entry));
    }
    return map;
  };
  const activation = text(root, 'hasActivationRequired');
  return {
    name: path.basename(file, PERMISSION_SET_SUFFIX),
    file,
    label: text(root, 'label'),
    description: text(root, 'description'),
    hasActivationRequired: activation === undefined ? undefined : activation === 'true',
    objects: keyed('objectPermissions', list(root, 'objectPermissions'), 'object', (entry) => ({
      create: flag(entry, 'allowCreate'),
      read: flag(entry, 'allowRead'),
      edit: flag(entry, 'allowEdit'),
      delete: flag(entry, 'allowDelete'),
      viewAll: flag(entry, 'viewAllRecords'),
      modifyAll: flag(entry, 'modifyAllRecords')
    })),
    fields: keyed('fieldPermissions', list(root, 'fieldPermissions'), 'field', (entry) => ({
      readable: flag(entry, 'readable'),
      editable: flag(entry, 'editable')
    })),
    tabs: keyed('tabSettings', list(root, 'tabSettings'), 'tab', (entry) => text(entry, 'visibility') ?? ''),
    applications: keyed(
      'applicationVisibilities',
      list(root, 'applicationVisibilities'),
      'application',
      (entry) => flag(entry, 'visible')
    ),
    classes: keyed('classAccesses', list(root, 'classAccesses'), 'apexClass', (entry) =>
      flag(entry, 'enabled')
    ),
    customMetadataTypes: keyed(
      'customMetadataTypeAccesses',
      list(root, 'customMetadataTypeAccesses'),
      'name',
      (entry) => flag(entry, 'enabled')
    ),
    customPermissions: keyed('customPermissions', list(root, 'customPermissions'), 'name', (entry) =>
      flag(entry, 'enabled')
    ),
    userPermissions: keyed('userPermissions', list(root, 'userPermissions'), 'name', (entry) =>
      flag(entry, 'enabled')
    ),
    duplicates
  };
}

export function parsePermissionSetGroup(file: string, xml: string): PermissionSetGroupModel {
  const root = rootOf(xml, 'PermissionSetGroup');
  return {
    name: path.basename(file, PERMISSION_SET_GROUP_SUFFIX),
    file,
    label: text(root, 'label'),
    description: text(root, 'description'),
    permissionSets: strings(root, 'permissionSets'),
    mutingPermissionSets: strings(root, 'mutingPermissionSets')
  };
}

/** Every permission set under `<sourceDir>/permissionsets`, sorted by name. */
export function loadPermissionSets(sourceDir: string): PermissionSetModel[] {
  return walk(path.join(sourceDir, 'permissionsets'), (file) => file.endsWith(PERMISSION_SET_SUFFIX)).map(
    (file) => parsePermissionSet(file, fs.readFileSync(file, 'utf8'))
  );
}

/** Every permission set group under `<sourceDir>/permissionsetgroups`, sorted by name. */
export function loadPermissionSetGroups(sourceDir: string): PermissionSetGroupModel[] {
  return walk(path.join(sourceDir, 'permissionsetgroups'), (file) =>
    file.endsWith(PERMISSION_SET_GROUP_SUFFIX)
  ).map((file) => parsePermissionSetGroup(file, fs.readFileSync(file, 'utf8')));
}

// ---------------------------------------------------------------------------------------------------------
// What the package holds

/**
 * How a field may appear in fieldPermissions. The platform rejects required and master-detail fields there
 * (their access follows the object's), and formula, roll-up summary and auto-number fields can only be read.
 */
export type FieldKind = 'objectControlled' | 'readOnly' | 'normal';

export interface PackageField {
  name: string;
  type: string;
  kind: FieldKind;
}

export interface PackageObject {
  name: string;
  /** A custom object (`__c`) of the package, rather than a standard object the package adds fields to. */
  custom: boolean;
  fields: Map<string, PackageField>;
}

export interface PackageContents {
  /** Custom objects and extended standard objects, by API name; custom metadata types are not here. */
  objects: Map<string, PackageObject>;
  customMetadataTypes: Set<string>;
  /** Custom permissions in `customPermissions/`. */
  customPermissions: Set<string>;
  /** Tabs in `tabs/`: a custom object's tab is named after the object. */
  tabs: Set<string>;
  /** Applications in `applications/`. */
  applications: Set<string>;
  apexClasses: Set<string>;
  /** Non-test Apex classes with at least one `@AuraEnabled` member: the only ones a component can call. */
  auraEnabledClasses: Set<string>;
}

function readRoot(file: string, rootName: string): XmlNode {
  return rootOf(fs.readFileSync(file, 'utf8'), rootName);
}

export function fieldKind(field: XmlNode): FieldKind {
  const type = text(field, 'type') ?? '';
  if (type === 'MasterDetail' || flag(field, 'required')) {
    return 'objectControlled';
  }
  if (text(field, 'formula') !== undefined || type === 'Summary' || type === 'AutoNumber') {
    return 'readOnly';
  }
  return 'normal';
}

function namesIn(dir: string, suffix: string): Set<string> {
  return new Set(walk(dir, (file) => file.endsWith(suffix)).map((file) => path.basename(file, suffix)));
}

/** Reads objects, fields, custom permissions, tabs, applications and Apex classes under a source directory (`force-app/main/default`). */
export function loadPackageContents(sourceDir: string): PackageContents {
  const objects = new Map<string, PackageObject>();
  const customMetadataTypes = new Set<string>();
  const objectsDir = path.join(sourceDir, 'objects');
  const objectNames = fs.existsSync(objectsDir)
    ? fs
        .readdirSync(objectsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  for (const name of objectNames) {
    if (name.endsWith('__mdt')) {
      customMetadataTypes.add(name);
      continue;
    }
    const fields = new Map<string, PackageField>();
    for (const file of walk(path.join(objectsDir, name, 'fields'), (candidate) =>
      candidate.endsWith('.field-meta.xml')
    )) {
      const field = readRoot(file, 'CustomField');
      const fieldName = path.basename(file, '.field-meta.xml');
      fields.set(fieldName, {
        name: fieldName,
        type: text(field, 'type') ?? 'Formula',
        kind: fieldKind(field)
      });
    }
    objects.set(name, { name, custom: name.endsWith('__c'), fields });
  }

  const classesDir = path.join(sourceDir, 'classes');
  const apexClasses = new Set<string>();
  const auraEnabledClasses = new Set<string>();
  for (const file of walk(classesDir, (candidate) => candidate.endsWith('.cls'))) {
    const name = path.basename(file, '.cls');
    apexClasses.add(name);
    const source = stripApexComments(fs.readFileSync(file, 'utf8'));
    if (/@AuraEnabled\b/i.test(source) && !/@IsTest\b/i.test(source)) {
      auraEnabledClasses.add(name);
    }
  }

  return {
    objects,
    customMetadataTypes,
    customPermissions: namesIn(path.join(sourceDir, 'customPermissions'), '.customPermission-meta.xml'),
    tabs: namesIn(path.join(sourceDir, 'tabs'), '.tab-meta.xml'),
    applications: namesIn(path.join(sourceDir, 'applications'), '.app-meta.xml'),
    apexClasses,
    auraEnabledClasses
  };
}

/** Apex without comments, so a `@AuraEnabled` in ApexDoc does not count. String literals are left alone. */
function stripApexComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

// ---------------------------------------------------------------------------------------------------------
// Least-privilege rules

export interface LeastPrivilegePolicy {
  /** Objects nobody may delete (allowDelete or Modify All). */
  readonly undeletable: readonly string[];
  /** Objects each set may hold View All Records on; any other View All is reported. */
  readonly viewAllAllowed: Readonly<Record<string, readonly string[]>>;
  /** Objects each set may hold Modify All Records on. */
  readonly modifyAllAllowed: Readonly<Record<string, readonly string[]>>;
  /** User permissions each set may enable (ModifyAllData, ViewAllData… are never in such a list). */
  readonly userPermissionsAllowed: Readonly<Record<string, readonly string[]>>;
  /** Objects only the listed sets may create, edit or delete. */
  readonly exclusiveEditors: Readonly<Record<string, readonly string[]>>;
  /** `Object.Field` values only the system derives: readable, never editable, in every set. */
  readonly systemFields: readonly string[];
  /** `Object.Field` → the only sets that may read it (internal wording). */
  readonly restrictedReaders: Readonly<Record<string, readonly string[]>>;
  /** An application every set must make visible. */
  readonly application: string;
  /**
   * Custom permissions that show a feature on a page (a FlexiPage visibility rule), each with the access the
   * feature needs. A set holds such a permission exactly when it grants that access: nobody is shown an action
   * that fails for them, and nobody who can use it goes without it.
   */
  readonly featurePermissions: Readonly<Record<string, FeatureAccess>>;
}

/** What a feature needs: create on an object, or an Apex class its component calls. */
export type FeatureAccess =
  | { readonly kind: 'create'; readonly object: string }
  | { readonly kind: 'apexClass'; readonly name: string };

function describeFeatureAccess(access: FeatureAccess): string {
  return access.kind === 'create' ? `create on ${access.object}` : `access to the ${access.name} class`;
}

function grantsFeatureAccess(set: PermissionSetModel, access: FeatureAccess): boolean {
  return access.kind === 'create'
    ? set.objects.get(access.object)?.create === true
    : set.classes.get(access.name) === true;
}

function problem(set: PermissionSetModel, subject: string, message: string): Diagnostic {
  return { file: relativeToRoot(set.file), subject: `${set.name} ${subject}`, message };
}

/** Whether a set grants read on an object; standard objects the package extends get theirs from the org. */
function canRead(set: PermissionSetModel, object: PackageObject): boolean {
  return object.custom ? (set.objects.get(object.name)?.read ?? false) : true;
}

function canWrite(set: PermissionSetModel, object: PackageObject): boolean {
  if (!object.custom) {
    return true;
  }
  const access = set.objects.get(object.name);
  return Boolean(access && (access.create || access.edit));
}

/** Every least-privilege problem of every set, in a stable order. */
export function checkPermissionSets(
  sets: readonly PermissionSetModel[],
  contents: PackageContents,
  policy: LeastPrivilegePolicy
): Diagnostic[] {
  return sets.flatMap((set) => checkPermissionSet(set, contents, policy));
}

export function checkPermissionSet(
  set: PermissionSetModel,
  contents: PackageContents,
  policy: LeastPrivilegePolicy
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (subject: string, message: string): void => {
    found.push(problem(set, subject, message));
  };

  if (!set.label) report('label', 'has no label');
  const descriptionProblem = describeDescription(set.description);
  if (descriptionProblem) report('description', descriptionProblem);
  if (set.hasActivationRequired !== false) {
    report('hasActivationRequired', 'must be false: persona sets are assigned, not activated per session');
  }
  for (const duplicate of set.duplicates) {
    report(duplicate, 'is listed more than once');
  }

  checkObjects(set, contents, policy, report);
  checkFields(set, contents, policy, report);
  checkTabs(set, contents, report);
  checkAccessLists(set, contents, policy, report);
  return found;
}

type Report = (subject: string, message: string) => void;

/** The platform stores at most 255 characters, line breaks and indentation of the source included. */
const DESCRIPTION_LIMIT = 255;
const DESCRIPTION_MINIMUM = 40;

function describeDescription(description: string | undefined): string | undefined {
  if (!description || description.length < DESCRIPTION_MINIMUM) {
    return 'needs a description saying who it is for and what it grants';
  }
  if (description.length > DESCRIPTION_LIMIT) {
    return `is ${description.length} characters long; the platform stores at most ${DESCRIPTION_LIMIT}`;
  }
  return undefined;
}

function checkObjects(
  set: PermissionSetModel,
  contents: PackageContents,
  policy: LeastPrivilegePolicy,
  report: Report
): void {
  for (const [name, access] of set.objects) {
    const subject = `objectPermissions ${name}`;
    if (name.endsWith('__c') && !contents.objects.has(name)) {
      report(subject, 'names an object the package does not define');
    }
    if (
      !access.read &&
      (access.create || access.edit || access.delete || access.viewAll || access.modifyAll)
    ) {
      report(subject, 'grants create, edit, delete or View All without read');
    }
    if (access.delete && !access.edit) report(subject, 'grants delete without edit');
    if (access.modifyAll && !(access.viewAll && access.delete && access.edit)) {
      report(subject, 'grants Modify All without View All, edit and delete');
    }
    if (policy.undeletable.includes(name) && (access.delete || access.modifyAll)) {
      report(subject, `grants delete, but nobody may delete a ${name} record`);
    }
    if (access.viewAll && !(policy.viewAllAllowed[set.name] ?? []).includes(name)) {
      report(subject, 'grants View All Records, which is not in the allowed list');
    }
    if (access.modifyAll && !(policy.modifyAllAllowed[set.name] ?? []).includes(name)) {
      report(subject, 'grants Modify All Records, which is not in the allowed list');
    }
    const editors = policy.exclusiveEditors[name];
    if (editors && !editors.includes(set.name) && (access.create || access.edit || access.delete)) {
      report(
        subject,
        `grants create, edit or delete, but only ${editors.join(', ')} may change ${name} records`
      );
    }
  }
}

function checkFields(
  set: PermissionSetModel,
  contents: PackageContents,
  policy: LeastPrivilegePolicy,
  report: Report
): void {
  for (const [qualified, access] of set.fields) {
    const subject = `fieldPermissions ${qualified}`;
    const [objectName = '', fieldName = ''] = qualified.split('.');
    const object = contents.objects.get(objectName);
    const field = object?.fields.get(fieldName);
    if (!object || !field) {
      report(subject, 'names a field the package does not define');
      continue;
    }
    if (field.kind === 'objectControlled') {
      report(
        subject,
        `is required or master-detail (${field.type}): the platform rejects it in fieldPermissions`
      );
      continue;
    }
    if (access.editable && !access.readable) report(subject, 'is editable but not readable');
    if (access.editable && field.kind === 'readOnly') {
      report(
        subject,
        `is a ${field.type === 'Summary' ? 'roll-up summary' : 'formula or auto-number'} field: only readable`
      );
    }
    if (access.readable && !canRead(set, object)) {
      report(subject, `is readable but the set grants no read on ${objectName}`);
    }
    if (access.editable && !canWrite(set, object)) {
      report(subject, `is editable but the set can neither create nor edit ${objectName}`);
    }
    if (access.editable && policy.systemFields.includes(qualified)) {
      report(subject, 'is derived by the system and must not be editable by anyone');
    }
    const readers = policy.restrictedReaders[qualified];
    if (access.readable && readers && !readers.includes(set.name)) {
      report(subject, `is internal: only ${readers.join(', ')} may read it`);
    }
  }

  // Completeness: a field nobody decided on would be silently hidden, or silently granted by a later edit.
  for (const object of contents.objects.values()) {
    if (!canRead(set, object)) continue;
    for (const field of object.fields.values()) {
      if (field.kind !== 'objectControlled' && !set.fields.has(`${object.name}.${field.name}`)) {
        report(
          `fieldPermissions ${object.name}.${field.name}`,
          `is missing: every field of a readable object must be listed, readable or not`
        );
      }
    }
  }
}

function checkTabs(set: PermissionSetModel, contents: PackageContents, report: Report): void {
  for (const [tab, visibility] of set.tabs) {
    const subject = `tabSettings ${tab}`;
    if (!contents.tabs.has(tab)) {
      report(subject, 'names a tab the package does not define');
      continue;
    }
    const object = contents.objects.get(tab);
    if (visibility !== 'None' && object && !canRead(set, object)) {
      report(subject, `is ${visibility} but the set grants no read on ${tab}`);
    }
  }
  for (const object of contents.objects.values()) {
    if (
      object.custom &&
      contents.tabs.has(object.name) &&
      canRead(set, object) &&
      set.tabs.get(object.name) !== 'Visible'
    ) {
      report(
        `tabSettings ${object.name}`,
        'must be Visible: the set reads the object and the package has its tab'
      );
    }
  }
}

function checkAccessLists(
  set: PermissionSetModel,
  contents: PackageContents,
  policy: LeastPrivilegePolicy,
  report: Report
): void {
  for (const [name, enabled] of set.userPermissions) {
    if (enabled && !(policy.userPermissionsAllowed[set.name] ?? []).includes(name)) {
      report(`userPermissions ${name}`, 'is an org-wide user permission outside the allowed list');
    }
  }
  for (const [name] of set.classes) {
    if (!contents.apexClasses.has(name)) {
      report(`classAccesses ${name}`, 'names an Apex class the package does not define');
    } else if (!contents.auraEnabledClasses.has(name)) {
      report(`classAccesses ${name}`, 'names a class with no @AuraEnabled method (or a test class)');
    }
  }
  for (const [name] of set.customMetadataTypes) {
    if (!contents.customMetadataTypes.has(name)) {
      report(
        `customMetadataTypeAccesses ${name}`,
        'names a custom metadata type the package does not define'
      );
    }
  }
  for (const [name] of set.customPermissions) {
    if (!contents.customPermissions.has(name)) {
      report(`customPermissions ${name}`, 'names a custom permission the package does not define');
    }
  }
  for (const [name, access] of Object.entries(policy.featurePermissions)) {
    const holds = set.customPermissions.get(name) === true;
    const grants = grantsFeatureAccess(set, access);
    if (holds && !grants) {
      report(
        `customPermissions ${name}`,
        `shows a feature that needs ${describeFeatureAccess(access)}, which the set does not grant`
      );
    } else if (grants && !holds) {
      report(
        `customPermissions ${name}`,
        `is missing: the set grants ${describeFeatureAccess(access)}, so it must show the feature`
      );
    }
  }
  for (const [name] of set.applications) {
    if (!contents.applications.has(name)) {
      report(`applicationVisibilities ${name}`, 'names an application the package does not define');
    }
  }
  if (set.applications.get(policy.application) !== true) {
    report(`applicationVisibilities ${policy.application}`, 'must be visible to every persona');
  }
}

/** Problems of permission set groups: unknown or muted sets, no description. */
export function checkPermissionSetGroups(
  groups: readonly PermissionSetGroupModel[],
  sets: readonly PermissionSetModel[]
): Diagnostic[] {
  const known = new Set(sets.map((set) => set.name));
  return groups.flatMap((group) => {
    const found: Diagnostic[] = [];
    const report = (subject: string, message: string): void => {
      found.push({ file: relativeToRoot(group.file), subject: `${group.name} ${subject}`, message });
    };
    if (!group.label) report('label', 'has no label');
    const descriptionProblem = describeDescription(group.description);
    if (descriptionProblem) report('description', descriptionProblem);
    if (group.permissionSets.length < 2) report('permissionSets', 'a group combines at least two sets');
    for (const name of group.permissionSets) {
      if (!known.has(name))
        report(`permissionSets ${name}`, 'names a permission set the package does not define');
    }
    for (const name of group.mutingPermissionSets) {
      report(`mutingPermissionSets ${name}`, 'muting is not used: combine whole persona sets');
    }
    return found;
  });
}

// ---------------------------------------------------------------------------------------------------------
// The access matrix in letters

/**
 * Object access as letters in a fixed order: C(reate) R(ead) E(dit) D(elete), then `+V` for View All and
 * `+M` for Modify All; `-` for none.
 */
export function objectLetters(access: ObjectAccess | undefined): string {
  if (!access) return '-';
  const letters = [
    access.create ? 'C' : '',
    access.read ? 'R' : '',
    access.edit ? 'E' : '',
    access.delete ? 'D' : '',
    access.viewAll ? '+V' : '',
    access.modifyAll ? '+M' : ''
  ].join('');
  return letters === '' ? '-' : letters;
}

/** Field access as `RW` (read and edit), `R` (read only) or `-` (hidden, or not listed). */
export function fieldLetters(access: FieldAccess | undefined): string {
  if (!access?.readable) return access?.editable ? 'W' : '-';
  return access.editable ? 'RW' : 'R';
}

/** Rows (an object, or `Object.Field`) → permission set name → letters. */
export type Matrix = Record<string, Record<string, string>>;

export interface AccessMatrix {
  objects: Matrix;
  fields: Matrix;
}

/**
 * The matrix the sets grant over every custom object and every field that may appear in fieldPermissions
 * (custom objects' and the extended standard objects').
 */
export function accessMatrix(sets: readonly PermissionSetModel[], contents: PackageContents): AccessMatrix {
  const objects: Matrix = {};
  const fields: Matrix = {};
  for (const object of contents.objects.values()) {
    if (object.custom) {
      objects[object.name] = Object.fromEntries(
        sets.map((set) => [set.name, objectLetters(set.objects.get(object.name))])
      );
    }
    for (const field of object.fields.values()) {
      if (field.kind === 'objectControlled') continue;
      const qualified = `${object.name}.${field.name}`;
      fields[qualified] = Object.fromEntries(
        sets.map((set) => [set.name, fieldLetters(set.fields.get(qualified))])
      );
    }
  }
  return { objects, fields };
}

/** Every cell where the matrices differ, and every row one has and the other lacks. */
export function diffMatrix(expected: Matrix, actual: Matrix): string[] {
  const differences: string[] = [];
  const rows = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const row of rows) {
    const want = expected[row];
    const have = actual[row];
    if (!want) {
      differences.push(`${row}: not in the expected matrix (a new object or field needs a decision)`);
      continue;
    }
    if (!have) {
      differences.push(`${row}: in the expected matrix but not in the package`);
      continue;
    }
    for (const column of [...new Set([...Object.keys(want), ...Object.keys(have)])].sort()) {
      if (want[column] !== have[column]) {
        differences.push(
          `${row} / ${column}: expected ${want[column] ?? 'no column'}, found ${have[column] ?? 'no column'}`
        );
      }
    }
  }
  return differences;
}
