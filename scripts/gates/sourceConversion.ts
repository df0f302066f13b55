/**
 * Source conversion gate: converts the package to Metadata API format with Salesforce's own library
 * (source-deploy-retrieve, the code behind `sf project deploy` and `sf project convert source`) and
 * checks that what it produced is exactly what the source holds.
 *
 * The library resolves components leniently: it leaves out an Apex class without its -meta.xml or an
 * object whose -meta.xml has no values, lists a Lightning web component with no js-meta.xml, files a
 * field kept outside `fields/`, and skips stray files without a word. So the gate enumerates the
 * components independently, from the Salesforce DX folder and suffix conventions, and compares both
 * ways with the generated package.xml. It also rejects converted output that would ship TypeScript,
 * tests or tsconfig files, or a component bundle without its compiled JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ComponentSet,
  ForceIgnore,
  MetadataConverter,
  type ConvertOutputConfig,
  type ConvertResult
} from '@salesforce/source-deploy-retrieve';
import { XMLParser } from 'fast-xml-parser';
import { type Diagnostic, projectRoot, relativeToRoot, report } from '../lib/diagnostics';
import { isDeployable, walk } from '../lib/files';

// ---------------------------------------------------------------------------------------------------
// The project

/** What the gate and the package build need from `sfdx-project.json` (and `package.json`). */
export interface ProjectConfig {
  readonly root: string;
  /** Absolute paths of every package directory. */
  readonly packageDirs: readonly string[];
  readonly name?: string;
  readonly sourceApiVersion?: string;
  /** `versionNumber` of the default package directory, e.g. `0.1.0.NEXT`. */
  readonly versionNumber?: string;
  /** `version` from package.json, when there is one. */
  readonly npmVersion?: string;
  readonly npmName?: string;
}

export function readProject(root: string = projectRoot()): ProjectConfig {
  const project = readJson(path.join(root, 'sfdx-project.json'));
  if (!project) {
    throw new Error(`${path.join(root, 'sfdx-project.json')} is missing or not valid JSON.`);
  }
  const directories = Array.isArray(project.packageDirectories)
    ? project.packageDirectories.filter(isRecord)
    : [];
  const defaultDirectory = directories.find((entry) => entry.default === true) ?? directories[0];
  const npm = readJson(path.join(root, 'package.json'));
  return {
    root,
    packageDirs: directories
      .map((entry) => entry.path)
      .filter((value): value is string => typeof value === 'string')
      .map((dir) => path.resolve(root, dir)),
    name: stringOrUndefined(project.name),
    sourceApiVersion: stringOrUndefined(project.sourceApiVersion),
    versionNumber: stringOrUndefined(defaultDirectory?.versionNumber),
    npmVersion: stringOrUndefined(npm?.version),
    npmName: stringOrUndefined(npm?.name)
  };
}

// ---------------------------------------------------------------------------------------------------
// Conversion with source-deploy-retrieve

/**
 * Resolves the project's package directories the way `sf project deploy start` does: the nearest
 * `.forceignore` applies, and the manifest carries the project's sourceApiVersion. That version is
 * required: without it the library would ask a Salesforce server for the latest one.
 */
export function projectComponentSet(project: ProjectConfig): ComponentSet {
  if (!project.sourceApiVersion) {
    throw new Error(`${path.join(project.root, 'sfdx-project.json')} has no sourceApiVersion.`);
  }
  const set = ComponentSet.fromSource({ fsPaths: [...project.packageDirs] });
  set.projectDirectory = project.root;
  set.sourceApiVersion = project.sourceApiVersion;
  return set;
}

/** Converts the project to Metadata API format: a folder (with package.xml) or a zip in memory. */
export async function convertProject(
  project: ProjectConfig,
  output: ConvertOutputConfig
): Promise<{ set: ComponentSet; result: ConvertResult }> {
  const set = projectComponentSet(project);
  const result = await new MetadataConverter().convert(set, 'metadata', output);
  return { set, result };
}

/** A package.xml: its API version and members by type, folder members without their trailing `/`. */
export interface Manifest {
  readonly version?: string;
  readonly members: ReadonlyMap<string, readonly string[]>;
}

export function parseManifest(xml: string): Manifest {
  const parsed = xmlParser.parse(xml) as unknown;
  const pkg = isRecord(parsed) && isRecord(parsed.Package) ? parsed.Package : {};
  const members = new Map<string, string[]>();
  for (const entry of arrayOf(pkg.types).filter(isRecord)) {
    const type = stringOrUndefined(entry.name);
    if (!type) {
      continue;
    }
    const list = members.get(type) ?? [];
    list.push(...arrayOf(entry.members).map((member) => normaliseMember(String(member))));
    members.set(type, list);
  }
  return { version: stringOrUndefined(pkg.version), members };
}

export function countMembers(manifest: Manifest): number {
  return [...manifest.members.values()].reduce((sum, list) => sum + list.length, 0);
}

/**
 * Files a converted package must never carry: TypeScript sources, tests and tsconfig files (the
 * `.forceignore` is what keeps them out). Paths are relative to the package root, `/`-separated.
 */
export function forbiddenPackageFiles(relativePaths: readonly string[]): string[] {
  return relativePaths.filter((file) => !isDeployable(file.split('/').join(path.sep)));
}

// ---------------------------------------------------------------------------------------------------
// What the source holds, from folder and suffix conventions alone

/** One component (or child component) the source declares, as package.xml must list it. */
export interface SourceMember {
  readonly type: string;
  readonly fullName: string;
  /** The file that declares it: its -meta.xml, or the bundle folder when that file is missing. */
  readonly file: string;
}

/** A Lightning web component bundle found in the source. */
export interface SourceBundle {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
}

export interface SourceInventory {
  readonly members: readonly SourceMember[];
  readonly lwcBundles: readonly SourceBundle[];
  readonly diagnostics: readonly Diagnostic[];
}

/** `<folder>/<Name>.<suffix>-meta.xml` declares `<type>` `<Name>`. */
const SIMPLE_TYPES: Readonly<Record<string, { folder: string; type: string }>> = {
  app: { folder: 'applications', type: 'CustomApplication' },
  cspTrustedSite: { folder: 'cspTrustedSites', type: 'CspTrustedSite' },
  customPermission: { folder: 'customPermissions', type: 'CustomPermission' },
  duplicateRule: { folder: 'duplicateRules', type: 'DuplicateRule' },
  flexipage: { folder: 'flexipages', type: 'FlexiPage' },
  flow: { folder: 'flows', type: 'Flow' },
  globalValueSet: { folder: 'globalValueSets', type: 'GlobalValueSet' },
  layout: { folder: 'layouts', type: 'Layout' },
  md: { folder: 'customMetadata', type: 'CustomMetadata' },
  messageChannel: { folder: 'messageChannels', type: 'LightningMessageChannel' },
  notiftype: { folder: 'notificationtypes', type: 'CustomNotificationType' },
  pathAssistant: { folder: 'pathAssistants', type: 'PathAssistant' },
  permissionset: { folder: 'permissionsets', type: 'PermissionSet' },
  permissionsetgroup: { folder: 'permissionsetgroups', type: 'PermissionSetGroup' },
  quickAction: { folder: 'quickActions', type: 'QuickAction' },
  remoteSite: { folder: 'remoteSiteSettings', type: 'RemoteSiteSetting' },
  reportType: { folder: 'reportTypes', type: 'ReportType' },
  standardValueSet: { folder: 'standardValueSets', type: 'StandardValueSet' },
  tab: { folder: 'tabs', type: 'CustomTab' }
};

/** `<folder>/<Name>.<suffix>` with `<Name>.<suffix>-meta.xml` beside it declares `<type>` `<Name>`. */
const CONTENT_TYPES: Readonly<Record<string, { folder: string; type: string }>> = {
  cls: { folder: 'classes', type: 'ApexClass' },
  component: { folder: 'components', type: 'ApexComponent' },
  page: { folder: 'pages', type: 'ApexPage' },
  trigger: { folder: 'triggers', type: 'ApexTrigger' }
};

/** `objects/<Object>/<folder>/<Name>.<suffix>-meta.xml` declares `<type>` `<Object>.<Name>`. */
const OBJECT_CHILD_TYPES: Readonly<Record<string, { folder: string; type: string }>> = {
  businessProcess: { folder: 'businessProcesses', type: 'BusinessProcess' },
  compactLayout: { folder: 'compactLayouts', type: 'CompactLayout' },
  field: { folder: 'fields', type: 'CustomField' },
  fieldSet: { folder: 'fieldSets', type: 'FieldSet' },
  index: { folder: 'indexes', type: 'Index' },
  listView: { folder: 'listViews', type: 'ListView' },
  recordType: { folder: 'recordTypes', type: 'RecordType' },
  sharingReason: { folder: 'sharingReasons', type: 'SharingReason' },
  validationRule: { folder: 'validationRules', type: 'ValidationRule' },
  webLink: { folder: 'webLinks', type: 'WebLink' }
};

/**
 * Types kept in folders: `<root>/<Folder>.<folderSuffix>-meta.xml` declares the folder `<Folder>` and
 * `<root>/<Folder>/<Name>.<suffix>-meta.xml` the item `<Folder>/<Name>`, both listed under `<type>`.
 */
const FOLDERED_TYPES: readonly {
  root: string;
  type: string;
  folderSuffix: string;
  suffix: string;
  content: boolean;
}[] = [
  { root: 'reports', type: 'Report', folderSuffix: 'reportFolder', suffix: 'report', content: false },
  {
    root: 'dashboards',
    type: 'Dashboard',
    folderSuffix: 'dashboardFolder',
    suffix: 'dashboard',
    content: false
  },
  { root: 'email', type: 'EmailTemplate', folderSuffix: 'emailFolder', suffix: 'email', content: true }
];

const BUNDLE_TYPES: Readonly<Record<string, string>> = {
  lwc: 'LightningComponentBundle',
  aura: 'AuraDefinitionBundle'
};

const CUSTOM_OBJECT_SUFFIX = /__(c|mdt|e|b|x)$/;

/**
 * Enumerates the components the package directories hold, honouring the `.forceignore` that applies
 * to each, and reports source laid out where the conventions do not put it.
 */
export function inventorySource(packageDirs: readonly string[]): SourceInventory {
  const members: SourceMember[] = [];
  const lwcBundles: SourceBundle[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const dir of packageDirs) {
    const forceIgnore = ForceIgnore.findAndCreate(dir);
    const files = walk(dir, (file) => forceIgnore.accepts(file));
    const inventory = new DirectoryInventory(dir, files, members, lwcBundles, diagnostics);
    inventory.run();
  }
  return { members, lwcBundles, diagnostics };
}

class DirectoryInventory {
  private readonly claimed = new Set<string>();
  private readonly objectsWithDefinition = new Set<string>();
  private readonly objectFolders = new Map<string, string>();

  private readonly fileSet: ReadonlySet<string>;

  constructor(
    private readonly packageDir: string,
    private readonly files: readonly string[],
    private readonly members: SourceMember[],
    private readonly lwcBundles: SourceBundle[],
    private readonly diagnostics: Diagnostic[]
  ) {
    this.fileSet = new Set(files);
  }

  run(): void {
    this.staticResources();
    this.bundles();
    for (const file of this.files) {
      if (!this.claimed.has(file) && file.endsWith('-meta.xml')) {
        this.metadataFile(file);
      }
    }
    for (const [objectName, objectDir] of this.objectFolders) {
      if (CUSTOM_OBJECT_SUFFIX.test(objectName) && !this.objectsWithDefinition.has(objectName)) {
        this.problem(
          objectDir,
          `CustomObject ${objectName}`,
          `custom object folder without ${objectName}.object-meta.xml: its children would deploy to an object that does not exist`
        );
      }
    }
    for (const file of this.files) {
      if (this.claimed.has(file)) {
        continue;
      }
      const extension = path.extname(file).slice(1);
      const content = CONTENT_TYPES[extension];
      if (content) {
        // An Apex source without its -meta.xml: the source holds the component, the conversion drops it.
        this.add(content.type, path.basename(file, `.${extension}`), file);
      } else {
        this.problem(
          file,
          undefined,
          'file belongs to no component by the source conventions: it would not deploy (move it, delete it or list it in .forceignore)'
        );
      }
    }
  }

  /** `staticresources/<Name>.resource-meta.xml` with `<Name>.<ext>` or a `<Name>/` folder beside it. */
  private staticResources(): void {
    for (const meta of this.files.filter((file) => file.endsWith('.resource-meta.xml'))) {
      const name = path.basename(meta, '.resource-meta.xml');
      const dir = path.dirname(meta);
      const content = this.files.filter(
        (file) =>
          file !== meta &&
          ((path.dirname(file) === dir && stripExtension(path.basename(file)) === name) ||
            file.startsWith(path.join(dir, name) + path.sep))
      );
      this.claim(meta, ...content);
      this.expectFolder(meta, 'staticresources', `StaticResource ${name}`);
      if (content.length === 0) {
        this.problem(
          meta,
          `StaticResource ${name}`,
          `static resource without content: no ${name}.<ext> or ${name}/`
        );
      }
      this.add('StaticResource', name, meta);
    }
  }

  /** Every folder directly under `lwc/` or `aura/` is a bundle; everything inside belongs to it. */
  private bundles(): void {
    const bundles = new Map<string, { kind: string; files: string[] }>();
    for (const file of this.files) {
      if (this.claimed.has(file)) {
        continue;
      }
      const parts = this.partsOf(file);
      const index = parts.findIndex((part, i) => part in BUNDLE_TYPES && i < parts.length - 2);
      if (index < 0) {
        continue;
      }
      const dir = path.join(this.packageDir, ...parts.slice(0, index + 2));
      const bundle = bundles.get(dir) ?? { kind: parts[index] ?? '', files: [] };
      bundle.files.push(file);
      bundles.set(dir, bundle);
    }
    for (const [dir, bundle] of bundles) {
      const name = path.basename(dir);
      const type = BUNDLE_TYPES[bundle.kind] ?? '';
      this.claim(...bundle.files);
      let declaringFile: string | undefined;
      if (bundle.kind === 'lwc') {
        declaringFile = bundle.files.find((file) => file === path.join(dir, `${name}.js-meta.xml`));
        this.lwcBundles.push({ name, dir, files: bundle.files });
        if (!declaringFile) {
          this.problem(
            dir,
            `${type} ${name}`,
            `bundle without ${name}.js-meta.xml: the Metadata API rejects a component without its configuration file`
          );
        }
      } else {
        declaringFile = bundle.files.find(
          (file) =>
            path.dirname(file) === dir &&
            path.basename(file).startsWith(`${name}.`) &&
            file.endsWith('-meta.xml')
        );
        if (!declaringFile) {
          this.problem(dir, `${type} ${name}`, `Aura bundle without a ${name}.<kind>-meta.xml`);
        }
      }
      this.add(type, name, declaringFile ?? dir);
    }
  }

  private metadataFile(meta: string): void {
    const base = path.basename(meta, '-meta.xml');
    const dot = base.lastIndexOf('.');
    const suffix = dot < 0 ? '' : base.slice(dot + 1);
    const name = dot < 0 ? base : base.slice(0, dot);
    this.claim(meta);

    const content = CONTENT_TYPES[suffix];
    if (content) {
      const source = meta.slice(0, -'-meta.xml'.length);
      this.expectFolder(meta, content.folder, `${content.type} ${name}`);
      if (this.fileSet.has(source)) {
        this.claim(source);
      } else {
        this.problem(meta, `${content.type} ${name}`, `no ${path.basename(source)} beside its -meta.xml`);
      }
      this.add(content.type, name, meta);
      return;
    }
    if (suffix === 'object') {
      this.customObject(meta, name);
      return;
    }
    const child = OBJECT_CHILD_TYPES[suffix];
    if (child) {
      this.objectChild(meta, name, child.folder, child.type);
      return;
    }
    if (suffix === 'labels') {
      this.customLabels(meta, name);
      return;
    }
    const foldered = FOLDERED_TYPES.find((entry) => entry.suffix === suffix || entry.folderSuffix === suffix);
    if (foldered) {
      this.folderedItem(meta, name, suffix === foldered.folderSuffix, foldered);
      return;
    }
    const simple = SIMPLE_TYPES[suffix];
    if (simple) {
      this.expectFolder(meta, simple.folder, `${simple.type} ${name}`);
      this.add(simple.type, name, meta);
      return;
    }
    // Bundle configuration files are claimed with their bundle; anything left is a type this gate
    // does not know, which must be taught to it rather than passed unseen.
    this.problem(
      meta,
      undefined,
      `metadata file with suffix .${suffix}-meta.xml that this gate does not recognise: add its convention to scripts/gates/sourceConversion.ts`
    );
  }

  private customObject(meta: string, name: string): void {
    const parts = this.partsOf(meta);
    const folder = parts.at(-2);
    const objectsFolder = parts.at(-3);
    if (folder !== name || objectsFolder !== 'objects') {
      this.problem(
        meta,
        `CustomObject ${name}`,
        `object definition outside objects/${name}/: the source format keeps it at objects/${name}/${name}.object-meta.xml`
      );
    } else {
      this.objectsWithDefinition.add(name);
      this.objectFolders.set(name, path.dirname(meta));
    }
    this.add('CustomObject', name, meta);
  }

  private objectChild(meta: string, name: string, folder: string, type: string): void {
    const parts = this.partsOf(meta);
    const objectsIndex = parts.indexOf('objects');
    const objectName =
      objectsIndex >= 0 && objectsIndex < parts.length - 2 ? parts[objectsIndex + 1] : undefined;
    if (objectName === undefined) {
      this.problem(meta, `${type} ?.${name}`, `${type} outside any objects/<Object>/${folder}/ folder`);
      return;
    }
    const member = `${objectName}.${name}`;
    this.objectFolders.set(objectName, path.join(this.packageDir, ...parts.slice(0, objectsIndex + 2)));
    if (parts.length !== objectsIndex + 4 || parts[objectsIndex + 2] !== folder) {
      this.problem(
        meta,
        `${type} ${member}`,
        `${type} outside ${folder}/: the source format keeps it at objects/${objectName}/${folder}/${path.basename(meta)}`
      );
    }
    this.add(type, member, meta);
  }

  private customLabels(meta: string, name: string): void {
    this.expectFolder(meta, 'labels', `CustomLabels ${name}`);
    this.add('CustomLabels', name, meta);
    const parsed = xmlParser.parse(fs.readFileSync(meta, 'utf8')) as unknown;
    const labels = isRecord(parsed) && isRecord(parsed.CustomLabels) ? parsed.CustomLabels.labels : undefined;
    for (const label of arrayOf(labels).filter(isRecord)) {
      const fullName = stringOrUndefined(label.fullName);
      if (fullName) {
        this.add('CustomLabel', fullName, meta);
      } else {
        this.problem(meta, 'CustomLabel', 'a label without <fullName>');
      }
    }
  }

  private folderedItem(
    meta: string,
    name: string,
    isFolder: boolean,
    kind: (typeof FOLDERED_TYPES)[number]
  ): void {
    const parts = this.partsOf(meta);
    const rootIndex = parts.indexOf(kind.root);
    const inFolders = parts.slice(rootIndex + 1, -1);
    const fullName = [...inFolders, name].join('/');
    if (rootIndex < 0 || (!isFolder && inFolders.length === 0)) {
      this.problem(
        meta,
        `${kind.type} ${name}`,
        isFolder
          ? `folder definition outside ${kind.root}/`
          : `${kind.type} outside a folder: the source format keeps it at ${kind.root}/<Folder>/${path.basename(meta)}`
      );
      return;
    }
    if (!isFolder && kind.content) {
      const source = meta.slice(0, -'-meta.xml'.length);
      if (this.fileSet.has(source)) {
        this.claim(source);
      } else {
        this.problem(meta, `${kind.type} ${fullName}`, `no ${path.basename(source)} beside its -meta.xml`);
      }
    }
    this.add(kind.type, fullName, meta);
  }

  /** Path segments below the package directory, so that folders above it never match a convention. */
  private partsOf(file: string): string[] {
    return path.relative(this.packageDir, file).split(path.sep);
  }

  private expectFolder(file: string, folder: string, subject: string): void {
    if (path.basename(path.dirname(file)) !== folder) {
      this.problem(file, subject, `the source format keeps this type in a ${folder}/ folder`);
    }
  }

  private add(type: string, fullName: string, file: string): void {
    this.members.push({ type, fullName, file });
  }

  private claim(...files: string[]): void {
    for (const file of files) {
      this.claimed.add(file);
    }
  }

  private problem(file: string, subject: string | undefined, message: string): void {
    this.diagnostics.push({ file: relativeToRoot(file), ...(subject ? { subject } : {}), message });
  }
}

// ---------------------------------------------------------------------------------------------------
// The gate

export interface SourceConversionResult {
  /** Components compared between the source and package.xml. */
  readonly checked: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The generated package.xml, when conversion got that far. */
  readonly manifest?: Manifest;
  readonly sourceApiVersion?: string;
  readonly elapsedMs: number;
}

/** Converts the project in a temporary folder and checks the result against the source. */
export async function checkSourceConversion(root: string = projectRoot()): Promise<SourceConversionResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const project = readProject(root);
  const projectFile = relativeToRoot(path.join(root, 'sfdx-project.json'));
  if (project.packageDirs.length === 0) {
    return {
      checked: 0,
      diagnostics: [{ file: projectFile, message: 'sfdx-project.json lists no packageDirectories' }],
      elapsedMs: elapsed()
    };
  }
  const inventory = inventorySource(project.packageDirs);
  const diagnostics: Diagnostic[] = [...inventory.diagnostics];
  const checked = inventory.members.length;
  if (!project.sourceApiVersion) {
    diagnostics.push({
      file: projectFile,
      subject: 'sourceApiVersion',
      message:
        'no sourceApiVersion: the API version of package.xml would depend on the machine that converts it'
    });
    return { checked, diagnostics, elapsedMs: elapsed() };
  }
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-convert-'));
  try {
    let set: ComponentSet;
    try {
      ({ set } = await convertProject(project, {
        type: 'directory',
        outputDirectory: outputDir,
        genUniqueDir: false
      }));
    } catch (error) {
      diagnostics.push({
        file: relativeToRoot(project.packageDirs[0] ?? root),
        message: `source-deploy-retrieve could not convert the package: ${errorMessage(error)}`
      });
      return { checked, diagnostics, sourceApiVersion: project.sourceApiVersion, elapsedMs: elapsed() };
    }
    const packageXml = path.join(outputDir, 'package.xml');
    if (!fs.existsSync(packageXml)) {
      diagnostics.push({ file: projectFile, message: 'the conversion wrote no package.xml' });
      return { checked, diagnostics, sourceApiVersion: project.sourceApiVersion, elapsedMs: elapsed() };
    }
    const manifest = parseManifest(fs.readFileSync(packageXml, 'utf8'));
    diagnostics.push(...compareWithManifest(inventory.members, manifest, set));
    diagnostics.push(...checkApiVersion(manifest, project.sourceApiVersion, projectFile));
    diagnostics.push(...checkConvertedFiles(outputDir, inventory.lwcBundles));
    return {
      checked,
      diagnostics,
      manifest,
      sourceApiVersion: project.sourceApiVersion,
      elapsedMs: elapsed()
    };
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

/** Both directions: every source component is in package.xml, every package.xml member in the source. */
export function compareWithManifest(
  sourceMembers: readonly SourceMember[],
  manifest: Manifest,
  set?: ComponentSet
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const expected = new Map<string, SourceMember>();
  for (const member of sourceMembers) {
    const key = memberKey(member.type, member.fullName);
    const earlier = expected.get(key);
    if (earlier) {
      diagnostics.push({
        file: relativeToRoot(member.file),
        subject: `${member.type} ${member.fullName}`,
        message: `declared twice: also by ${relativeToRoot(earlier.file)}`
      });
    } else {
      expected.set(key, member);
    }
  }
  const listed = new Set<string>();
  for (const [type, members] of manifest.members) {
    for (const member of members) {
      listed.add(memberKey(type, member));
    }
  }
  for (const [key, member] of expected) {
    if (!listed.has(key)) {
      diagnostics.push({
        file: relativeToRoot(member.file),
        subject: `${member.type} ${member.fullName}`,
        message: `in the source but missing from the converted package.xml: it would not deploy${MISSING_HINTS[member.type] ?? ''}`
      });
    }
  }
  const resolvedFiles = set ? filesByMember(set) : new Map<string, string>();
  for (const [type, members] of manifest.members) {
    for (const member of members) {
      const key = memberKey(type, member);
      if (!expected.has(key)) {
        const file = resolvedFiles.get(key);
        diagnostics.push({
          file: file ? relativeToRoot(file) : 'package.xml',
          subject: `${type} ${member}`,
          message:
            'in the converted package.xml but no source file declares it by the folder and suffix conventions: ' +
            'check where the file lives and what it is named'
        });
      }
    }
  }
  return diagnostics;
}

const MISSING_HINTS: Readonly<Record<string, string>> = {
  CustomObject: ' (an .object-meta.xml without any value, e.g. no <label>, is left out)',
  ApexClass: ' (a class needs both its .cls and its .cls-meta.xml)',
  ApexTrigger: ' (a trigger needs both its .trigger and its .trigger-meta.xml)'
};

function checkApiVersion(manifest: Manifest, sourceApiVersion: string, projectFile: string): Diagnostic[] {
  if (manifest.version === sourceApiVersion) {
    return [];
  }
  return [
    {
      file: projectFile,
      subject: 'sourceApiVersion',
      message: `package.xml has API version ${manifest.version ?? '(none)'}, sfdx-project.json says ${sourceApiVersion}`
    }
  ];
}

/**
 * The converted folder must hold no TypeScript, tests or tsconfig files, and every component bundle
 * its compiled JavaScript: `<name>.js` and a `.js` for each TypeScript module of the source bundle.
 */
export function checkConvertedFiles(outputDir: string, lwcBundles: readonly SourceBundle[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const entries = fs
    .readdirSync(outputDir, { recursive: true, encoding: 'utf8' })
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
  const forbidden = forbiddenPackageFiles(entries);
  const reported = forbidden.filter(
    (entry) => !forbidden.some((other) => other !== entry && entry.startsWith(`${other}/`))
  );
  const bundleDirs = new Map(lwcBundles.map((bundle) => [bundle.name, bundle.dir]));
  const sourceOf = (entry: string): string => {
    const [folder, bundle, ...rest] = entry.split('/');
    const dir = folder === 'lwc' && bundle ? bundleDirs.get(bundle) : undefined;
    return dir ? relativeToRoot(path.join(dir, ...rest)) : `(converted package)/${entry}`;
  };
  for (const entry of reported) {
    diagnostics.push({
      file: sourceOf(entry),
      message: `the converted package contains ${entry}: TypeScript, tests and tsconfig files must not deploy (.forceignore)`
    });
  }

  const lwcDir = path.join(outputDir, 'lwc');
  const converted = fs.existsSync(lwcDir)
    ? fs.readdirSync(lwcDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())
    : [];
  for (const { name } of converted) {
    const outputFiles = new Set(
      entries
        .filter((entry) => entry.startsWith(`lwc/${name}/`))
        .map((entry) => entry.slice(`lwc/${name}/`.length))
    );
    const source = lwcBundles.find((bundle) => bundle.name === name);
    // The TypeScript modules are forceignored, so they are read from the bundle folder itself.
    const modules = source ? typeScriptModules(source.dir) : [];
    const cssOnly =
      !outputFiles.has(`${name}.html`) && outputFiles.has(`${name}.css`) && !modules.includes(`${name}.ts`);
    const required = new Set([
      ...(cssOnly ? [] : [`${name}.js`]),
      ...modules.map((file) => file.replace(/\.ts$/, '.js'))
    ]);
    for (const file of required) {
      if (!outputFiles.has(file)) {
        const typescript = file.replace(/\.js$/, '.ts');
        diagnostics.push({
          file: source
            ? relativeToRoot(path.join(source.dir, file))
            : `(converted package)/lwc/${name}/${file}`,
          subject: `LightningComponentBundle ${name}`,
          message: modules.includes(typescript)
            ? `the converted bundle has no compiled ${file}: run \`npm run build\` to compile ${typescript} before converting`
            : `the converted bundle has no ${file}: a component deploys its JavaScript module`
        });
      }
    }
  }
  return diagnostics;
}

/** A bundle's TypeScript modules (not tests or declarations), relative to it, `/`-separated. */
function typeScriptModules(bundleDir: string): string[] {
  return walk(bundleDir, (file) => file.endsWith('.ts'))
    .map((file) => path.relative(bundleDir, file).split(path.sep).join('/'))
    .filter(
      (file) =>
        !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && !file.split('/').includes('__tests__')
    );
}

/** Where source-deploy-retrieve found each package.xml member, to name the file of a stray one. */
function filesByMember(set: ComponentSet): Map<string, string> {
  const files = new Map<string, string>();
  for (const component of set.getSourceComponents()) {
    const file = component.xml ?? component.content;
    if (!file) {
      continue;
    }
    for (const type of [component.type.name, component.type.folderContentType]) {
      if (type) {
        files.set(memberKey(type, component.fullName), file);
      }
    }
    try {
      for (const child of component.getChildren()) {
        files.set(memberKey(child.type.name, child.fullName.split('.').at(-1) ?? ''), file);
        files.set(memberKey(child.type.name, child.fullName), file);
      }
    } catch {
      // A child that cannot be read is reported by the comparison itself.
    }
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------
// Helpers

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'types' || name === 'members' || name === 'labels'
});

function memberKey(type: string, fullName: string): string {
  return `${type}\u0000${normaliseMember(fullName)}`;
}

/** Folders are listed as `Folder/` for reports and dashboards, `Folder` for email templates. */
function normaliseMember(member: string): string {
  return member.endsWith('/') ? member.slice(0, -1) : member;
}

function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const result = await checkSourceConversion();
  if (result.manifest) {
    const types = [...result.manifest.members.entries()].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(0, ...types.map(([type]) => type.length));
    console.log(
      `source conversion: package.xml API version ${result.manifest.version ?? '(none)'} ` +
        `(sfdx-project.json sourceApiVersion ${result.sourceApiVersion ?? '(none)'}), ` +
        `${countMembers(result.manifest)} member(s) of ${types.length} type(s), converted in ${result.elapsedMs} ms:`
    );
    for (const [type, members] of types) {
      console.log(`  ${type.padEnd(width)}  ${members.length}`);
    }
  }
  report('source conversion', result.checked, result.diagnostics);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
