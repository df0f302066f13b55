/**
 * Starts the preview in this process: the package metadata, the database (created and seeded when new,
 * reset or out of date), the Apex stand-ins, the browser bundle and the server. Used by `npm start`, the
 * benchmark and the browser tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadPackageMetadata, type PackageMetadata } from './metadata';
import { openDatabase } from './database';
import { RecordStore } from './records';
import { loadApexRegistry } from './apexRegistry';
import { previewUserId, seedDatabase, type SeedResult } from './seed';
import { buildBundle, type BuildResult } from './bundle';
import { buildUiApiSchema } from './graphql';
import { PreviewServer } from './server';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const PREVIEW_DIR = path.join(PROJECT_ROOT, '.preview');

export interface StartOptions {
  readonly port?: number;
  /** The database file; `:memory:` for a throwaway one. */
  readonly databaseFile?: string;
  readonly reset?: boolean;
  readonly dataDir?: string;
  readonly buildDir?: string;
  readonly development?: boolean;
  /** Skip compiling the package's TypeScript (the caller did it). */
  readonly skipCompile?: boolean;
  readonly log?: (message: string) => void;
}

export interface RunningPreview {
  readonly url: string;
  readonly server: PreviewServer;
  readonly store: RecordStore;
  readonly metadata: PackageMetadata;
  readonly seed?: SeedResult;
  readonly build: BuildResult;
  readonly timings: Readonly<Record<string, number>>;
  close(): Promise<void>;
}

/** Whether some component's TypeScript is newer than its compiled JavaScript (or has none). */
export function componentsNeedCompiling(root: string = PROJECT_ROOT): boolean {
  const lwcDir = path.join(root, 'force-app', 'main', 'default', 'lwc');
  if (!fs.existsSync(lwcDir)) return false;
  for (const bundle of fs.readdirSync(lwcDir, { withFileTypes: true })) {
    if (!bundle.isDirectory()) continue;
    const dir = path.join(lwcDir, bundle.name);
    for (const file of fs.readdirSync(dir)) {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.endsWith('.test.ts')) continue;
      const compiled = path.join(dir, file.replace(/\.ts$/, '.js'));
      if (
        !fs.existsSync(compiled) ||
        fs.statSync(compiled).mtimeMs < fs.statSync(path.join(dir, file)).mtimeMs
      )
        return true;
    }
  }
  return false;
}

export function compileComponents(log: (message: string) => void): number {
  const started = Date.now();
  log('Compiling the components (npm run build)…');
  try {
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit'
    });
  } catch {
    // tsc still writes JavaScript when it reports type errors; `npm test` is where those fail the build.
    log('The components have TypeScript errors (above): the preview runs the JavaScript tsc emitted anyway.');
  }
  return Date.now() - started;
}

export async function startPreview(options: StartOptions = {}): Promise<RunningPreview> {
  const log = options.log ?? ((): void => undefined);
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    timings[name] = Date.now() - started;
    return result;
  };

  if (!options.skipCompile && componentsNeedCompiling()) {
    timings.compile = compileComponents(log);
  }
  const metadata = await time('metadata', () => loadPackageMetadata(PROJECT_ROOT));
  const apex = await time('apex', () => loadApexRegistry(metadata));
  const databaseFile = options.databaseFile ?? path.join(PREVIEW_DIR, 'trust-desk.db');
  const opened = await time('database', () => openDatabase(databaseFile, metadata, { reset: options.reset }));
  const store = new RecordStore(opened.db, metadata, apex.triggers);
  let seed: SeedResult | undefined;
  if (opened.fresh) {
    log(`Seeding the database (${opened.reason ?? 'new'}) from data/*-plan.json…`);
    seed = await time('seed', () =>
      seedDatabase(store, options.dataDir ?? process.env.PREVIEW_DATA_DIR ?? path.join(PROJECT_ROOT, 'data'))
    );
  } else {
    store.userId = previewUserId(metadata);
  }
  const build = await time('bundle', () =>
    buildBundle({
      metadata,
      outDir: options.buildDir ?? path.join(PREVIEW_DIR, 'build'),
      userId: store.userId,
      development: options.development
    })
  );
  const schema = await time('graphql', () => buildUiApiSchema(metadata));
  const server = new PreviewServer({
    metadata,
    store,
    schema,
    apex,
    buildDir: options.buildDir ?? path.join(PREVIEW_DIR, 'build'),
    port: options.port ?? 0
  });
  const url = await server.listen();
  return {
    url,
    server,
    store,
    metadata,
    seed,
    build,
    timings,
    warnings: [
      ...metadata.warnings,
      ...store.warnings,
      ...apex.missing.map((name) => `${name} has no preview stand-in`),
      ...build.warnings
    ],
    close: async () => {
      await server.close();
      opened.db.close();
    }
  } as RunningPreview & { warnings: string[] };
}
