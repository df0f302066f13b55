/**
 * Platform compile gate: compiles every Lightning web component bundle the way the platform does on
 * deploy, with Salesforce's platform compiler in platform mode, from the compiled JavaScript that
 * deploys (never the TypeScript beside it), and checks every module and component a bundle references
 * against what the platform can load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import type { compile as platformCompile } from '@lwc/sfdc-lwc-compiler';
import { type Diagnostic, formatDiagnostic, projectRoot, relativeToRoot, report } from '../lib/diagnostics';
import { isDeployable, packageDir, walk } from '../lib/files';

type PlatformCompilerOutput = Awaited<ReturnType<typeof platformCompile>>;
type CompilerDiagnostic = PlatformCompilerOutput['diagnostics'][number];

/** The namespace of a package without a namespace prefix: modules are `c/<bundle>`, tags `<c-...>`. */
const NAMESPACE = 'c';

/** Compiler diagnostic levels: 0 fatal, 1 error, 2 warning, 3 log. */
const LEVEL_ERROR = 1;
const LEVEL_WARNING = 2;

/** The `@salesforce/<type>` modules a component may import (Salesforce's LWC developer guide). */
export const SALESFORCE_MODULE_TYPES: readonly string[] = [
  'apex',
  'apexContinuation',
  'client',
  'community',
  'contentAssetUrl',
  'customPermission',
  'i18n',
  'label',
  'messageChannel',
  'resourceUrl',
  'schema',
  'site',
  'user',
  'userPermission',
  'webstore'
];

export interface PlatformCompileOptions {
  /** Diagnostics' paths are relative to this folder; the project root by default. */
  readonly root?: string;
  /** API version for a bundle whose js-meta.xml names none; the project's sourceApiVersion by default. */
  readonly defaultApiVersion?: number;
  /** Receives one line per bundle and every compiler warning; nothing is printed without it. */
  readonly log?: (line: string) => void;
}

export interface PlatformCompileResult {
  /** Bundles checked. */
  readonly checked: number;
  /** Bundles the platform compiler ran on (a bundle with no compiled main module cannot be). */
  readonly compiled: number;
  /** Problems that fail the gate: fatal and error diagnostics, disallowed references, missing files. */
  readonly diagnostics: Diagnostic[];
  /** Compiler warnings: printed, never failing. */
  readonly warnings: Diagnostic[];
  readonly elapsedMs: number;
}

interface Bundle {
  readonly name: string;
  readonly dir: string;
}

/** One module or component a bundle file refers to, with its position (1-based) in that file. */
interface BundleReference {
  readonly kind: 'module' | 'component';
  readonly id: string;
  /** Path inside the bundle, with forward slashes. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * Compiles every bundle under the given `lwc` folders. A `c/<name>` import or `<c-...>` tag is allowed
 * only when `<name>` is a bundle under one of these folders.
 */
export async function compilePackageBundles(
  lwcRoots: readonly string[],
  options: PlatformCompileOptions = {}
): Promise<PlatformCompileResult> {
  const started = performance.now();
  const root = options.root ?? projectRoot();
  const defaultApiVersion = options.defaultApiVersion ?? sourceApiVersion(root);
  const bundles = lwcRoots.flatMap(listBundles);
  const known = new Set(bundles.map((bundle) => bundle.name));
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  let compiled = 0;
  if (bundles.length === 0) {
    return { checked: 0, compiled, diagnostics, warnings, elapsedMs: 0 };
  }

  const compile = await loadCompiler();
  options.log?.(`  platform compiler loaded in ${Math.round(performance.now() - started)} ms`);
  for (const bundle of bundles) {
    const bundleStarted = performance.now();
    const result = await checkBundle(bundle, { known, root, defaultApiVersion, compile });
    diagnostics.push(...result.diagnostics);
    warnings.push(...result.warnings);
    compiled += result.compiled ? 1 : 0;
    if (options.log) {
      const ms = Math.round(performance.now() - bundleStarted);
      options.log(
        `  ${NAMESPACE}/${bundle.name}: ${result.compiled ? `compiled in ${ms} ms` : 'not compiled'}, ` +
          `${result.diagnostics.length} problem(s), ${result.warnings.length} warning(s)`
      );
      for (const warning of result.warnings) {
        options.log(`  warning: ${formatDiagnostic(warning)}`);
      }
    }
  }
  return {
    checked: bundles.length,
    compiled,
    diagnostics,
    warnings,
    elapsedMs: Math.round(performance.now() - started)
  };
}

/** Every `lwc` folder under a package directory. */
export function findLwcRoots(dir: string = packageDir()): string[] {
  const roots = new Set<string>();
  for (const file of walk(dir, () => true)) {
    const parts = path.relative(dir, file).split(path.sep);
    const index = parts.indexOf('lwc');
    if (index >= 0 && index < parts.length - 2) {
      roots.add(path.join(dir, ...parts.slice(0, index + 1)));
    }
  }
  return [...roots].sort();
}

function listBundles(lwcRoot: string): Bundle[] {
  if (!fs.existsSync(lwcRoot)) {
    return [];
  }
  return fs
    .readdirSync(lwcRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== '__tests__')
    .map((entry) => ({ name: entry.name, dir: path.join(lwcRoot, entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

interface BundleCheck {
  readonly compiled: boolean;
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
}

interface BundleContext {
  /** Names of every bundle in the package: what `c/<name>` may refer to. */
  readonly known: ReadonlySet<string>;
  readonly root: string;
  readonly defaultApiVersion: number | undefined;
  readonly compile: typeof platformCompile;
}

async function checkBundle(bundle: Bundle, context: BundleContext): Promise<BundleCheck> {
  const { known, root, defaultApiVersion, compile } = context;
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const at = (file: string): string => relativeToRoot(path.join(bundle.dir, file), root);
  const subject = `${NAMESPACE}/${bundle.name}`;

  if (!/^[a-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(bundle.name)) {
    diagnostics.push({
      file: relativeToRoot(bundle.dir, root),
      subject,
      message:
        `'${bundle.name}' is not a valid component name: it must begin with a lowercase letter and ` +
        'contain only letters, digits and single underscores, not at the end'
    });
  }

  const metaFile = `${bundle.name}.js-meta.xml`;
  const metaPath = path.join(bundle.dir, metaFile);
  if (!fs.existsSync(metaPath)) {
    diagnostics.push({
      file: at(metaFile),
      subject,
      message: `missing ${metaFile}: the platform does not deploy a bundle without its configuration file`
    });
  }

  const sources = walk(bundle.dir, (file) => isTypeScriptSource(path.relative(bundle.dir, file)));
  for (const source of sources) {
    const compiled = source.replace(/\.ts$/, '.js');
    if (!fs.existsSync(compiled)) {
      diagnostics.push({
        file: relativeToRoot(source, root),
        subject,
        message:
          `${path.basename(compiled)} is missing: run \`npm run build\` to compile the TypeScript ` +
          '(the platform deploys the compiled JavaScript, never the .ts)'
      });
    }
  }

  const mainFile = `${bundle.name}.js`;
  if (!fs.existsSync(path.join(bundle.dir, mainFile))) {
    if (!fs.existsSync(path.join(bundle.dir, `${bundle.name}.ts`))) {
      diagnostics.push({
        file: at(mainFile),
        subject,
        message: `missing ${mainFile}: every bundle needs a main module named after it`
      });
    }
    return { compiled: false, diagnostics, warnings };
  }

  const files = bundleFiles(bundle.dir);
  const apiVersion = fs.existsSync(metaPath)
    ? (metaApiVersion(fs.readFileSync(metaPath, 'utf8')) ?? defaultApiVersion)
    : defaultApiVersion;

  let output: PlatformCompilerOutput | undefined;
  try {
    output = await compile({
      bundle: {
        namespace: NAMESPACE,
        name: bundle.name,
        type: 'platform',
        files: { ...files },
        options: apiVersion === undefined ? {} : { apiVersion }
      },
      compilerConfigs: [{ outputConfig: { minify: false, env: { NODE_ENV: 'production' } } }]
    });
  } catch (error) {
    diagnostics.push({
      file: at(mainFile),
      subject,
      message: `the platform compiler failed on this bundle: ${error instanceof Error ? error.message : String(error)}`
    });
  }

  if (output) {
    for (const found of uniqueDiagnostics(output.diagnostics)) {
      const diagnostic = fromCompiler(found, bundle, root);
      if (found.level <= LEVEL_ERROR) {
        diagnostics.push(diagnostic);
      } else if (found.level === LEVEL_WARNING) {
        warnings.push(diagnostic);
      }
    }
    if (!output.success && !output.diagnostics.some((found) => found.level <= LEVEL_ERROR)) {
      diagnostics.push({
        file: at(mainFile),
        subject,
        message: 'the platform compiler rejected the bundle without saying why'
      });
    }
  }

  for (const reference of bundleReferences(files, output)) {
    const problem =
      reference.kind === 'module'
        ? moduleProblem(reference.id, reference.file, known)
        : componentProblem(reference.id, known);
    if (problem) {
      diagnostics.push({
        file: at(reference.file),
        line: reference.line,
        column: reference.column,
        subject: reference.kind === 'module' ? reference.id : `<${reference.id}>`,
        message: problem
      });
    }
  }
  return { compiled: output !== undefined, diagnostics, warnings };
}

/**
 * The files of a bundle as the platform receives them, keyed by their path inside the bundle: the
 * compiled .js, templates, styles, SVG, configuration; never TypeScript sources or tests.
 */
export function bundleFiles(bundleDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of walk(bundleDir, (found) => isDeployable(path.relative(bundleDir, found)))) {
    files[path.relative(bundleDir, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

/** A TypeScript source that compiles to a deployed .js, given by its path inside the bundle. */
function isTypeScriptSource(file: string): boolean {
  return (
    file.endsWith('.ts') &&
    !file.endsWith('.d.ts') &&
    !file.endsWith('.test.ts') &&
    !file.split(path.sep).includes('__tests__')
  );
}

/**
 * Every module the bundle's JavaScript imports (static, re-exported, dynamic, `require`), read from the
 * source so that it is known even when compilation fails, plus what the compiler's metadata lists,
 * which adds the components its templates use.
 */
function bundleReferences(
  files: Readonly<Record<string, string>>,
  output: PlatformCompilerOutput | undefined
): BundleReference[] {
  const references: BundleReference[] = [];
  const seen = new Set<string>();
  const add = (reference: BundleReference): void => {
    const key = [reference.kind, reference.id, reference.file, reference.line].join('|');
    if (!seen.has(key)) {
      seen.add(key);
      references.push(reference);
    }
  };

  for (const [file, source] of Object.entries(files)) {
    if (!file.endsWith('.js')) {
      continue;
    }
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      add({ kind: 'module', id: imported.fileName, file, ...position(source, imported.pos) });
    }
  }
  for (const reference of output?.metadata?.references ?? []) {
    if (reference.type !== 'module' && reference.type !== 'component') {
      continue;
    }
    const location = reference.locations[0];
    add({
      kind: reference.type,
      id: reference.id,
      file: reference.file,
      line: location?.startLine,
      column: location?.startColumn
    });
  }
  return references;
}

/** Why the platform cannot load `specifier` from `file` (a path inside the bundle), or undefined. */
export function moduleProblem(
  specifier: string,
  file: string,
  known: ReadonlySet<string>
): string | undefined {
  if (specifier === 'lwc' || /^lightning\/[A-Za-z][A-Za-z0-9_]*$/.test(specifier)) {
    return undefined;
  }
  const salesforce = /^@salesforce\/([^/]+)/.exec(specifier);
  if (salesforce) {
    return SALESFORCE_MODULE_TYPES.includes(salesforce[1] ?? '')
      ? undefined
      : `module '${specifier}' is not allowed: the platform's @salesforce modules are ` +
          SALESFORCE_MODULE_TYPES.map((type) => `@salesforce/${type}`).join(', ');
  }
  const own = new RegExp(`^${NAMESPACE}/(.*)$`).exec(specifier);
  if (own) {
    const name = own[1] ?? '';
    if (known.has(name)) {
      return undefined;
    }
    return name.includes('/')
      ? `module '${specifier}' is not allowed: import a bundle as ${NAMESPACE}/<bundle>, not a file inside it`
      : `module '${specifier}' is not allowed: there is no bundle named '${name}' in this package`;
  }
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return target.startsWith('../')
      ? `module '${specifier}' is not allowed: a relative import must stay inside its bundle; ` +
          `import another bundle as ${NAMESPACE}/<bundle>`
      : undefined;
  }
  return (
    `module '${specifier}' is not allowed: the platform loads only lwc, lightning/*, @salesforce/* ` +
    `and this package's ${NAMESPACE}/<bundle> modules, never npm packages or other modules`
  );
}

/** Why the platform cannot render `<tag>` in a template, or undefined. */
export function componentProblem(tag: string, known: ReadonlySet<string>): string | undefined {
  if (tag.startsWith('lightning-')) {
    return undefined;
  }
  if (tag.startsWith(`${NAMESPACE}-`)) {
    const kebab = tag.slice(NAMESPACE.length + 1);
    if ([...known].some((name) => toKebab(name) === kebab)) {
      return undefined;
    }
    return `component <${tag}> is not allowed: there is no bundle for it in this package`;
  }
  return (
    `component <${tag}> is not allowed: templates may use lightning-* base components and ` +
    `this package's ${NAMESPACE}-* components`
  );
}

function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function uniqueDiagnostics(found: readonly CompilerDiagnostic[]): CompilerDiagnostic[] {
  const seen = new Set<string>();
  return found.filter((diagnostic) => {
    const key = JSON.stringify([
      diagnostic.level,
      diagnostic.code,
      diagnostic.message,
      diagnostic.filename,
      diagnostic.location?.line,
      diagnostic.location?.column
    ]);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function fromCompiler(found: CompilerDiagnostic, bundle: Bundle, root: string): Diagnostic {
  const file = found.filename
    ? relativeToRoot(
        path.isAbsolute(found.filename) ? found.filename : path.join(bundle.dir, found.filename),
        root
      )
    : relativeToRoot(bundle.dir, root);
  const line = found.location?.line;
  return {
    file,
    ...(line ? { line, column: found.location?.column } : {}),
    message: found.level === 0 ? `fatal: ${found.message}` : found.message
  };
}

/** 1-based line and column of a 0-based offset. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

function metaApiVersion(xml: string): number | undefined {
  const match = /<apiVersion>\s*([\d.]+)\s*<\/apiVersion>/.exec(xml);
  return match?.[1] ? Number(match[1]) : undefined;
}

function sourceApiVersion(root: string): number | undefined {
  try {
    const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
      sourceApiVersion?: unknown;
    };
    const version = Number(project.sourceApiVersion);
    return Number.isFinite(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The platform compiler, loaded on first use. Its @lwc/* peers resolve to ESM-only builds here, which
 * Node loads through require(esm) but Jest's module loader cannot, so helpers of this module stay
 * usable in Jest as long as nothing compiles there.
 */
async function loadCompiler(): Promise<typeof platformCompile> {
  const compiler = await import('@lwc/sfdc-lwc-compiler');
  return compiler.compile;
}

/**
 * `tsx scripts/gates/platformCompile.ts [--json] [lwc folder...]`: checks the given `lwc` folders, or
 * every one in the package; `--json` prints the result as JSON instead of the report.
 */
async function main(args: readonly string[]): Promise<void> {
  const json = args.includes('--json');
  const given = args.filter((arg) => arg !== '--json').map((arg) => path.resolve(arg));
  const roots = given.length > 0 ? given : findLwcRoots();
  if (json) {
    const result = await compilePackageBundles(roots);
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.checked === 0 || result.diagnostics.length > 0 ? 1 : 0;
    return;
  }
  const result = await compilePackageBundles(roots, { log: (line) => console.log(line) });
  const compiler = JSON.parse(
    fs.readFileSync(require.resolve('@lwc/sfdc-lwc-compiler/package.json'), 'utf8')
  ) as { version: string };
  console.log(
    `platform compile: ${result.compiled} of ${result.checked} bundle(s) compiled with ` +
      `@lwc/sfdc-lwc-compiler ${compiler.version} in ${result.elapsedMs} ms, ${result.warnings.length} warning(s).`
  );
  report('platform compile', result.checked, result.diagnostics);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
