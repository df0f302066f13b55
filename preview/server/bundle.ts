/**
 * Builds what the browser runs: the package's compiled components (force-app/.../lwc/*.js, as deployed),
 * the real `lightning-base-components`, the preview's shell and its implementations of the platform modules,
 * bundled with Rollup and `@lwc/rollup-plugin` (explicit rootDir, dynamic components enabled, synthetic
 * shadow, `import.meta.env.SSR` replaced by false).
 *
 * Module resolution, in order:
 * - `c/<name>`: the package's bundle, compiled `.js` (namespace `c`, as on the platform);
 * - `@salesforce/apex|schema|label|resourceUrl|user|customPermission|userPermission|messageChannel/*`:
 *   generated from the package metadata (a custom permission is whether the preview user holds it; every
 *   user permission is granted);
 * - `preview/components`: every package component with a template, loaded on demand (one chunk each),
 *   so a new component or FlexiPage needs no change here;
 * - `lightning/*`, `shell/*`, `preview/*`: the preview's own modules first, then lightning-base-components;
 * - anything else the platform would provide but the preview does not: a stub that fails when used, with a
 *   build warning naming the importer.
 *
 * The result is cached in .preview/build with a fingerprint of its inputs: a start with nothing changed
 * does not rebuild.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import type { PackageMetadata } from './metadata';
import { holdsCustomPermission } from './access';

export interface BuildResult {
  readonly entry: string;
  readonly fingerprint: string;
  readonly rebuilt: boolean;
  readonly milliseconds: number;
  readonly warnings: readonly string[];
  readonly bytes: number;
}

export interface BuildOptions {
  readonly metadata: PackageMetadata;
  readonly outDir: string;
  readonly userId: string;
  /** LWC development mode (extra runtime checks and warnings); production by default, as in an org. */
  readonly development?: boolean;
  readonly force?: boolean;
}

const CLIENT_DIR = path.join(__dirname, '..', 'client');
const LBC_SCOPED = path.join(
  path.dirname(require.resolve('lightning-base-components/package.json')),
  'scopedImports'
);
const SHARED_DIR = path.join(__dirname, '..', 'shared');
const VIRTUAL = '\0preview:';
/** A stable timestamp for static resource URLs (`/resource/<timestamp>/<name>`), as the platform adds one. */
const RESOURCE_TIMESTAMP = '1700000000000';

function lwcDir(metadata: PackageMetadata): string {
  return path.join(metadata.root, 'force-app', 'main', 'default', 'lwc');
}

function listFiles(dir: string, accept: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__' && entry.name !== 'node_modules') files.push(...listFiles(full, accept));
    } else if (accept(full)) {
      files.push(full);
    }
  }
  return files.sort();
}

/** The modules the generated code exports, per virtual specifier. */
function virtualSource(
  specifier: string,
  options: BuildOptions,
  warnings: string[],
  importer?: string
): string | undefined {
  const { metadata } = options;
  const literal = (value: unknown): string => JSON.stringify(value);
  if (specifier === 'preview/components') {
    const components = metadata.components.filter((component) => component.hasTemplate);
    return [
      'const loaders = {',
      ...components.map(
        (component) => `  ${literal(`c:${component.name}`)}: () => import(${literal(`c/${component.name}`)}),`
      ),
      '};',
      'export const componentNames = Object.keys(loaders);',
      'export function loadComponent(name) {',
      '  const loader = loaders[name];',
      '  if (!loader) return Promise.reject(new Error(`No component ${name} in the package`));',
      '  return loader().then((module) => module.default);',
      '}'
    ].join('\n');
  }
  const [, namespace, rest = ''] = /^@salesforce\/([^/]+)\/?(.*)$/.exec(specifier) ?? [];
  switch (namespace) {
    case 'apex': {
      if (rest === '') return "export { refreshApex, getSObjectValue } from 'preview/apex';";
      const [className = '', methodName = ''] = rest.split('.');
      const method = metadata.apexMethods.find(
        (candidate) => candidate.className === className && candidate.methodName === methodName
      );
      if (!method)
        warnings.push(
          `${specifier} (imported by ${importer ?? '?'}) is not an @AuraEnabled method of the package`
        );
      return `import { apexMethod } from 'preview/apex';\nexport default apexMethod(${literal(className)}, ${literal(methodName)}, ${literal(method?.cacheable ?? false)});`;
    }
    case 'schema': {
      const [objectApiName = '', ...fieldPath] = rest.split('.');
      const object = metadata.object(objectApiName);
      if (!object && !metadata.schema.hasObject(objectApiName))
        warnings.push(`${specifier} names an unknown object (imported by ${importer ?? '?'})`);
      const value =
        fieldPath.length > 0 ? { objectApiName, fieldApiName: fieldPath.join('.') } : { objectApiName };
      return `export default ${literal(value)};`;
    }
    case 'label': {
      if (!rest.startsWith('c.')) return undefined;
      const name = rest.slice(2);
      const value = metadata.labels.get(name);
      if (value === undefined)
        warnings.push(`custom label ${name} is not in the package (imported by ${importer ?? '?'})`);
      return `export default ${literal(value ?? name)};`;
    }
    case 'resourceUrl':
      if (!metadata.staticResources.has(rest))
        warnings.push(`static resource ${rest} is not in the package (imported by ${importer ?? '?'})`);
      return `export default ${literal(`/resource/${RESOURCE_TIMESTAMP}/${rest}`)};`;
    case 'user':
      if (rest === 'Id') return `export default ${literal(options.userId)};`;
      if (rest === 'isGuest') return 'export default false;';
      return undefined;
    case 'customPermission':
      return `export default ${literal(holdsCustomPermission(metadata.previewUserAccess, rest))};`;
    case 'userPermission':
      return 'export default true;';
    case 'messageChannel':
      return `export default ${literal({ channelName: rest })};`;
    case 'client':
      return rest === 'formFactor' ? "export default 'Large';" : undefined;
    default:
      return undefined;
  }
}

/** Package components (`c/<name>`), generated modules, and stubs for what the preview does not provide. */
function previewModules(options: BuildOptions, warnings: string[]): Plugin {
  const packageDir = lwcDir(options.metadata);
  return {
    name: 'trust-desk-preview-modules',
    resolveId(source, importer) {
      if (source.startsWith(VIRTUAL)) return source;
      // Locale settings: the values lightning-base-components is built with (en-US, the user's time zone…).
      const i18n = /^@salesforce\/(i18n|client)\/(.+)$/.exec(source);
      if (i18n) {
        const file = path.join(LBC_SCOPED, `@salesforce-${i18n[1] ?? ''}-${i18n[2] ?? ''}.js`);
        if (fs.existsSync(file)) return file;
      }
      // Icons come from the SLDS sprites the server serves, not from ~7,000 compiled SVG templates.
      if (/^lightning\/iconSvgTemplates/.test(source)) return `${VIRTUAL}icon-templates`;
      if (virtualSource(source, options, [], importer) !== undefined) return `${VIRTUAL}${source}`;
      const component = /^c\/(\w+)$/.exec(source)?.[1];
      if (component) {
        const file = path.join(packageDir, component, `${component}.js`);
        if (!fs.existsSync(file)) {
          warnings.push(
            `c/${component} (imported by ${importer ?? '?'}) has no compiled .js: run npm run build`
          );
          return `${VIRTUAL}missing:${source}`;
        }
        return `${file}?specifier=c/${component}`;
      }
      // Files of a package bundle keep the bundle's `c` namespace (CSS scoping, template compilation).
      if (importer && (source.startsWith('./') || source.startsWith('../'))) {
        const base = importer.split('?')[0] ?? importer;
        if (base.startsWith(packageDir + path.sep)) {
          const bundle = path.relative(packageDir, base).split(path.sep)[0] ?? '';
          const resolved = path.resolve(path.dirname(base), source);
          const withExtension = path.extname(resolved) ? resolved : `${resolved}.js`;
          const query = source.includes('?') ? `&${source.split('?')[1] ?? ''}` : '';
          if (withExtension.startsWith(path.join(packageDir, bundle) + path.sep) && !source.includes('?')) {
            return `${withExtension}?specifier=c/${bundle}${query}`;
          }
        }
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const specifier = id.slice(VIRTUAL.length);
      if (specifier === 'icon-templates') return 'export default null;';
      if (specifier.startsWith('missing:') || specifier.startsWith('stub:')) {
        const name = specifier.replace(/^(missing|stub):/, '');
        return {
          code: `const fail = () => { throw new Error(${JSON.stringify(`${name} is not available in the preview`)}); };
export default new Proxy(fail, { get: (_target, key) => (key === 'then' ? undefined : fail) });`,
          syntheticNamedExports: 'default'
        };
      }
      return virtualSource(specifier, options, warnings);
    }
  };
}

/**
 * lightning-primitive-icon draws an icon from compiled SVG templates when it has them and otherwise from the
 * `src` it is given; without templates in the bundle, its `src` falls back to the icon's SLDS sprite, which
 * draws the same icon.
 */
function spriteIcons(warnings: string[]): Plugin {
  const file = `${path.sep}lightning${path.sep}primitiveIcon${path.sep}primitiveIcon.js`;
  return {
    name: 'trust-desk-preview-sprite-icons',
    transform(code, id) {
      if (!id.split('?')[0]?.endsWith(file)) return null;
      const getter = /get href\(\) \{\s*return this\.src \? sanitizeURL\(this\.src\) : '';\s*\}/;
      const imports = "import { getName, isValidName } from 'lightning/iconUtils';";
      if (!getter.test(code) || !code.includes(imports)) {
        warnings.push('lightning-primitive-icon changed: icons may not show in the preview');
        return null;
      }
      return code
        .replace(imports, "import { getName, isValidName, getIconPath } from 'lightning/iconUtils';")
        .replace(
          getter,
          "get href() { return this.src ? sanitizeURL(this.src) : isValidName(this.iconName) ? getIconPath(this.iconName, 'ltr') : ''; }"
        );
    }
  };
}

/** Last resort: a platform module nobody provides becomes a stub that fails when called. */
function platformStubs(warnings: string[]): Plugin {
  return {
    name: 'trust-desk-preview-platform-stubs',
    resolveId(source, importer) {
      if (/^(lightning|force|@salesforce)\//.test(source)) {
        if (source.startsWith('@salesforce/label/')) return `${VIRTUAL}label:${source}`;
        warnings.push(
          `${source} (imported by ${importer ? path.basename(importer.split('?')[0] ?? importer) : '?'}) is not emulated: it fails when used`
        );
        return `${VIRTUAL}stub:${source}`;
      }
      return null;
    },
    load(id) {
      if (id.startsWith(`${VIRTUAL}label:`)) {
        const key = id.slice(`${VIRTUAL}label:@salesforce/label/`.length);
        return `export default ${JSON.stringify(key.split('.').pop() ?? key)};`;
      }
      return null;
    }
  };
}

/** TypeScript in the preview's own modules: types stripped, standard decorators kept for the LWC compiler. */
function typescript(): Plugin {
  return {
    name: 'trust-desk-preview-typescript',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.endsWith('.ts')) return null;
      const output = ts.transpileModule(code, {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ESNext,
          module: ts.ModuleKind.ESNext,
          experimentalDecorators: false,
          useDefineForClassFields: true,
          isolatedModules: true,
          sourceMap: false
        }
      });
      return { code: output.outputText, map: null };
    }
  };
}

function fingerprintOf(options: BuildOptions): string {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...listFiles(
      lwcDir(options.metadata),
      (file) => /\.(js|html|css)$/.test(file) && !file.endsWith('.d.js')
    ),
    ...listFiles(CLIENT_DIR, () => true),
    ...listFiles(SHARED_DIR, () => true),
    __filename,
    path.join(options.metadata.root, 'package-lock.json')
  ];
  for (const file of inputs) {
    if (!fs.existsSync(file)) continue;
    const stat = fs.statSync(file);
    hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
  }
  hash.update(
    JSON.stringify({
      user: options.userId,
      customPermissions: options.metadata.previewUserAccess.customPermissions,
      development: options.development === true,
      labels: [...options.metadata.labels.entries()],
      resources: [...options.metadata.staticResources.keys()],
      apex: options.metadata.apexMethods,
      components: options.metadata.components.map((component) => component.name)
    })
  );
  return hash.digest('hex').slice(0, 16);
}

interface Manifest {
  readonly entry: string;
  readonly fingerprint: string;
  readonly warnings: readonly string[];
  readonly bytes: number;
}

export async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const fingerprint = fingerprintOf(options);
  const manifestFile = path.join(options.outDir, 'manifest.json');
  if (!options.force && fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.fingerprint === fingerprint && fs.existsSync(path.join(options.outDir, manifest.entry))) {
      return { ...manifest, rebuilt: false, milliseconds: Date.now() - started };
    }
  }
  const warnings: string[] = [];
  const onLog = (_level: string, log: RollupLog): void => {
    if (log.code === 'CIRCULAR_DEPENDENCY' || log.code === 'THIS_IS_UNDEFINED' || log.code === 'EMPTY_BUNDLE')
      return;
    if (
      log.plugin === 'rollup-plugin-lwc-compiler' &&
      !(log.id ?? '').includes(`${path.sep}force-app${path.sep}`)
    )
      return;
    warnings.push(log.message);
  };
  const bundle = await rollup({
    input: { main: path.join(CLIENT_DIR, 'main.ts') },
    perf: process.env.PREVIEW_BUILD_PERF === '1',
    onLog,
    plugins: [
      previewModules(options, warnings),
      spriteIcons(warnings),
      typescript(),
      lwc({
        rootDir: CLIENT_DIR,
        modules: [{ dir: path.join(CLIENT_DIR, 'lwc') }, { npm: 'lightning-base-components' }],
        enableDynamicComponents: true,
        // As the platform compiles them: form-associated base components (the combobox) get element
        // internals that work in synthetic shadow.
        enableSyntheticElementInternals: true,
        apiVersion: 66
      }),
      replace({
        preventAssignment: true,
        values: {
          'import.meta.env.SSR': 'false',
          'process.env.NODE_ENV': JSON.stringify(options.development ? 'development' : 'production')
        }
      }),
      nodeResolve({ browser: true }),
      platformStubs(warnings)
    ]
  });
  fs.rmSync(options.outDir, { recursive: true, force: true });
  const { output } = await bundle.write({
    dir: options.outDir,
    format: 'es',
    entryFileNames: '[name]-[hash].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: false
  });
  if (process.env.PREVIEW_BUILD_PERF === '1') {
    const sizes = output.flatMap((chunk) =>
      chunk.type === 'chunk'
        ? Object.entries(chunk.modules).map(([id, module]) => [id, module.renderedLength] as const)
        : []
    );
    console.log(sizes.sort((a, b) => b[1] - a[1]).slice(0, 25));
  }
  await bundle.close();
  const entry = output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  if (!entry) throw new Error('the preview bundle has no entry chunk');
  const bytes = output.reduce((sum, chunk) => sum + (chunk.type === 'chunk' ? chunk.code.length : 0), 0);
  const manifest: Manifest = { entry: entry.fileName, fingerprint, warnings: [...new Set(warnings)], bytes };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return { ...manifest, rebuilt: true, milliseconds: Date.now() - started };
}
