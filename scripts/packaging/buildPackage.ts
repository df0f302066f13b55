/**
 * Builds the deployable Metadata API package: `dist/trust-desk-<version>.zip`, package.xml at its root,
 * converted by the same code the source conversion gate checks. `npm run package:build` compiles the
 * components and runs every gate first. Deploy the zip to any org, namespace or not, with
 * `sf project deploy start --metadata-dir dist/trust-desk-<version>.zip --single-package`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ZipTreeContainer } from '@salesforce/source-deploy-retrieve';
import { projectRoot, relativeToRoot } from '../lib/diagnostics';
import {
  convertProject,
  countMembers,
  forbiddenPackageFiles,
  parseManifest,
  readProject,
  type ProjectConfig
} from '../gates/sourceConversion';

export interface BuiltPackage {
  readonly zipPath: string;
  readonly bytes: number;
  readonly version: string;
  /** Members of package.xml, child components (fields, list views, labels…) included. */
  readonly componentCount: number;
  readonly apiVersion?: string;
  /** Every entry of the zip, folders included, `/`-separated. */
  readonly entries: readonly string[];
}

/**
 * The version the zip is named after: the default package directory's `versionNumber` with its build
 * number `NEXT` as 0 (`0.1.0.NEXT` → `0.1.0.0`), else package.json's version.
 */
export function packageVersion(project: ProjectConfig): string {
  const version = project.versionNumber?.replace(/\.NEXT$/, '.0') ?? project.npmVersion;
  if (!version) {
    throw new Error('No version: set versionNumber in sfdx-project.json or version in package.json.');
  }
  return version;
}

/** Every entry of a zip, folders included, as `/`-separated paths from its root. */
export async function zipEntries(zip: Buffer): Promise<string[]> {
  const tree = await ZipTreeContainer.create(zip);
  const entries: string[] = [];
  const visit = (dir: string): void => {
    for (const name of tree.readDirectory(dir)) {
      const entry = dir === '.' ? name : `${dir}/${name}`;
      entries.push(entry);
      if (tree.isDirectory(entry)) {
        visit(entry);
      }
    }
  };
  visit('.');
  return entries.sort();
}

/** Converts the project to a zip in `outDir` and checks it before writing it. */
export async function buildPackage(
  root: string = projectRoot(),
  outDir: string = path.join(root, 'dist')
): Promise<BuiltPackage> {
  const project = readProject(root);
  const version = packageVersion(project);
  const name = project.name ?? project.npmName ?? path.basename(root);
  const { result } = await convertProject(project, { type: 'zip' });
  if (!result.zipBuffer) {
    throw new Error('The conversion produced no zip.');
  }
  const entries = await zipEntries(result.zipBuffer);
  if (!entries.includes('package.xml')) {
    throw new Error('The converted zip has no package.xml at its root.');
  }
  const forbidden = forbiddenPackageFiles(entries);
  if (forbidden.length > 0) {
    throw new Error(
      `The converted zip contains files that must never deploy (check .forceignore): ${forbidden.join(', ')}`
    );
  }
  const tree = await ZipTreeContainer.create(result.zipBuffer);
  const manifest = parseManifest((await tree.readFile('package.xml')).toString('utf8'));

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `${name}-${version}.zip`);
  fs.writeFileSync(zipPath, result.zipBuffer);
  return {
    zipPath,
    bytes: result.zipBuffer.length,
    version,
    componentCount: countMembers(manifest),
    apiVersion: manifest.version,
    entries
  };
}

async function main(): Promise<void> {
  const built = await buildPackage();
  const kib = (built.bytes / 1024).toFixed(1);
  console.log(
    `package build: ${relativeToRoot(built.zipPath)} (${kib} KiB, ${built.componentCount} component(s), ` +
      `API version ${built.apiVersion ?? '(none)'}, version ${built.version})`
  );
  console.log(
    `  deploy: sf project deploy start --metadata-dir ${relativeToRoot(built.zipPath)} --single-package --wait 30`
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
