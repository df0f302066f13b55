import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { type Diagnostic, projectRoot } from '../../lib/diagnostics';
import {
  bundleFiles,
  componentProblem,
  findLwcRoots,
  moduleProblem,
  type PlatformCompileResult
} from '../platformCompile';

const fixtures = path.join(__dirname, 'fixtures', 'platformCompile');
const lwcRoot = path.join(fixtures, 'lwc');
const fixtureDir = (bundle: string): string =>
  path.join('scripts', 'gates', '__tests__', 'fixtures', 'platformCompile', 'lwc', bundle);

let result: PlatformCompileResult;
let exitCode: number | null;

/** The problems found in one fixture bundle. */
function problemsOf(bundle: string, found: readonly Diagnostic[] = result.diagnostics): Diagnostic[] {
  return found.filter((diagnostic) => diagnostic.file.startsWith(`${fixtureDir(bundle)}${path.sep}`));
}

/**
 * The compiler runs in the gate's own process, as `npm run gate:compile` runs it: its @lwc/* peers are
 * ESM-only builds that Node loads but Jest's module loader cannot.
 */
beforeAll(() => {
  const gate = path.join(__dirname, '..', 'platformCompile.ts');
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), gate, '--json', lwcRoot], {
    cwd: projectRoot(),
    encoding: 'utf8'
  });
  if (run.error) {
    throw run.error;
  }
  exitCode = run.status;
  try {
    result = JSON.parse(run.stdout) as PlatformCompileResult;
  } catch {
    throw new Error(`The gate printed no result (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}, 120_000);

describe('platform compile gate on fixture bundles', () => {
  it('checks every bundle and compiles each one that has its main module', () => {
    expect(exitCode).toBe(1);
    expect(result.checked).toBe(12);
    // tsOnly has no compiled .js, so the compiler cannot run on it.
    expect(result.compiled).toBe(11);
  });

  it('passes bundles that use only lwc, lightning/*, @salesforce/* and bundles of the package', () => {
    for (const bundle of ['goodPanel', 'goodBadge', 'goodFormat']) {
      expect(problemsOf(bundle)).toEqual([]);
      expect(problemsOf(bundle, result.warnings)).toEqual([]);
    }
  });

  it('reports problems only in the bad fixtures', () => {
    const bundles = new Set(result.diagnostics.map((diagnostic) => diagnostic.file.split(path.sep)[6]));
    expect([...bundles].sort()).toEqual([
      'auraGlobal',
      'brokenTemplate',
      'escapingImport',
      'noMeta',
      'npmImport',
      'tsOnly',
      'unknownComponent',
      'unknownModule'
    ]);
  });

  it('sends the compiled .js and never the TypeScript source or tests to the compiler', () => {
    expect(Object.keys(bundleFiles(path.join(lwcRoot, 'goodFormat'))).sort()).toEqual([
      'goodFormat.js',
      'goodFormat.js-meta.xml'
    ]);
  });

  it('rejects an import of an npm module, naming the module, file and line', () => {
    expect(problemsOf('npmImport')).toEqual([
      {
        file: path.join(fixtureDir('npmImport'), 'npmImport.js'),
        line: 2,
        column: 20,
        subject: 'moment',
        message: expect.stringContaining("module 'moment' is not allowed") as string
      }
    ]);
  });

  it('rejects the Aura global $A, as the platform compiler does', () => {
    expect(problemsOf('auraGlobal')).toEqual([
      {
        file: path.join(fixtureDir('auraGlobal'), 'auraGlobal.js'),
        line: 5,
        column: 5,
        message: 'LWC1503: Do not use $A in LWC code'
      }
    ]);
  });

  it('rejects an import of a c/ module that is not a bundle of the package', () => {
    expect(problemsOf('unknownModule')).toEqual([
      {
        file: path.join(fixtureDir('unknownModule'), 'unknownModule.js'),
        line: 2,
        column: 24,
        subject: 'c/doesNotExist',
        message:
          "module 'c/doesNotExist' is not allowed: there is no bundle named 'doesNotExist' in this package"
      }
    ]);
  });

  it('rejects a template tag of a c- component that is not a bundle of the package', () => {
    expect(problemsOf('unknownComponent')).toEqual([
      {
        file: path.join(fixtureDir('unknownComponent'), 'unknownComponent.html'),
        line: 2,
        column: 4,
        subject: '<c-missing-thing>',
        message: 'component <c-missing-thing> is not allowed: there is no bundle for it in this package'
      }
    ]);
  });

  it('rejects a relative import that leaves the bundle', () => {
    const problems = problemsOf('escapingImport');
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual({
      file: path.join(fixtureDir('escapingImport'), 'escapingImport.js'),
      line: 1,
      column: 29,
      subject: '../goodFormat/goodFormat',
      message: expect.stringContaining('a relative import must stay inside its bundle') as string
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('LWC1011: Failed to resolve import') as string
      })
    );
  });

  it('rejects a bundle whose TypeScript was not compiled, telling to run the build', () => {
    expect(problemsOf('tsOnly')).toEqual([
      {
        file: path.join(fixtureDir('tsOnly'), 'tsOnly.ts'),
        subject: 'c/tsOnly',
        message: expect.stringContaining('tsOnly.js is missing: run `npm run build`') as string
      }
    ]);
  });

  it('rejects a template the platform compiler cannot compile, at its line', () => {
    const [problem, ...others] = problemsOf('brokenTemplate');
    expect(others).toEqual([]);
    expect(problem).toMatchObject({
      file: path.join(fixtureDir('brokenTemplate'), 'brokenTemplate.html'),
      line: 4,
      column: 7
    });
    expect(problem?.message).toMatch(/^fatal: .*LWC1071: Missing key for element <li> inside of iterator/);
  });

  it('rejects a bundle without its js-meta.xml', () => {
    expect(problemsOf('noMeta')).toEqual([
      {
        file: path.join(fixtureDir('noMeta'), 'noMeta.js-meta.xml'),
        subject: 'c/noMeta',
        message: expect.stringContaining('missing noMeta.js-meta.xml') as string
      }
    ]);
  });

  it('reports direct eval only as a warning, because that is all the platform compiler does', () => {
    expect(problemsOf('evalWarning')).toEqual([]);
    const warnings = problemsOf('evalWarning', result.warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('Use of eval');
  });
});

describe('module allow-list', () => {
  const known = new Set(['errorPanel', 'reduceErrors']);

  it.each([
    'lwc',
    'lightning/uiRecordApi',
    'lightning/navigation',
    '@salesforce/apex',
    '@salesforce/apex/TrustDeskController.getGates',
    '@salesforce/schema/Account.Name',
    '@salesforce/label/c.TrustDesk_Title',
    '@salesforce/resourceUrl/logo',
    '@salesforce/user/Id',
    '@salesforce/i18n/locale',
    '@salesforce/customPermission/TrustDesk_Admin',
    '@salesforce/messageChannel/TrustDesk__c',
    'c/reduceErrors',
    './helper',
    './sub/../helper'
  ])('allows %s', (specifier) => {
    expect(moduleProblem(specifier, 'errorPanel.js', known)).toBeUndefined();
  });

  it.each([
    ['moment', 'never npm packages'],
    ['lodash/fp', 'never npm packages'],
    ['tslib', 'never npm packages'],
    ['aura', 'never npm packages'],
    ['@salesforce/lds/records', "the platform's @salesforce modules are"],
    ['c/unknownThing', "there is no bundle named 'unknownThing'"],
    ['c/reduceErrors/reduceErrors', 'not a file inside it'],
    ['../reduceErrors/reduceErrors', 'must stay inside its bundle'],
    ['./../other', 'must stay inside its bundle']
  ])('rejects %s', (specifier, reason) => {
    expect(moduleProblem(specifier, 'errorPanel.js', known)).toContain(reason);
  });

  it('allows lightning-* and the package c-* components in templates, nothing else', () => {
    expect(componentProblem('lightning-card', known)).toBeUndefined();
    expect(componentProblem('c-error-panel', known)).toBeUndefined();
    expect(componentProblem('c-reduce-errors', known)).toBeUndefined();
    expect(componentProblem('c-missing', known)).toContain('no bundle for it');
    expect(componentProblem('x-other', known)).toContain('lightning-* base components');
  });
});

describe('findLwcRoots', () => {
  it('finds the lwc folders under a package directory', () => {
    expect(findLwcRoots(fixtures)).toEqual([lwcRoot]);
  });
});
