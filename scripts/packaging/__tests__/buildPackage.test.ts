import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, packageVersion } from '../buildPackage';
import { readProject } from '../../gates/sourceConversion';

/** The passing package of the source conversion gate's fixtures: a component, a class, an object… */
const goodProject = path.join(
  __dirname,
  '..',
  '..',
  'gates',
  '__tests__',
  'fixtures',
  'sourceConversion',
  'good'
);

let outDir: string;

beforeEach(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'build-package-test-'));
});

afterEach(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('package build', () => {
  it('writes a deployable zip with package.xml at its root and no TypeScript or tests', async () => {
    const built = await buildPackage(goodProject, outDir);

    expect(built.zipPath).toBe(path.join(outDir, 'fixture-good-1.2.0.0.zip'));
    expect(fs.statSync(built.zipPath).size).toBe(built.bytes);
    expect(built.bytes).toBeGreaterThan(0);
    expect(built.entries).toContain('package.xml');
    expect(built.entries).toEqual(
      expect.arrayContaining(['lwc/trustBadge/trustBadge.js', 'lwc/trustBadge/trustBadge.js-meta.xml'])
    );
    expect(built.entries.filter((entry) => entry.endsWith('.ts') || entry.includes('__tests__'))).toEqual([]);
    expect(built.componentCount).toBe(12);
    expect(built.apiVersion).toBe('66.0');
  });

  it('refuses to write a zip that would deploy TypeScript or tests', async () => {
    const project = path.join(outDir, 'project');
    fs.cpSync(goodProject, project, { recursive: true });
    fs.writeFileSync(path.join(project, '.forceignore'), '**/*.md\n');

    await expect(buildPackage(project, outDir)).rejects.toThrow(
      /must never deploy.*lwc\/trustBadge\/__tests__.*lwc\/trustBadge\/trustBadge\.ts/
    );
    expect(fs.readdirSync(outDir)).toEqual(['project']);
  });

  it('names the version after sfdx-project.json, NEXT as 0, else after package.json', () => {
    const project = readProject(goodProject);

    expect(packageVersion(project)).toBe('1.2.0.0');
    expect(packageVersion({ ...project, versionNumber: undefined, npmVersion: '0.3.1' })).toBe('0.3.1');
    expect(() => packageVersion({ ...project, versionNumber: undefined, npmVersion: undefined })).toThrow(
      /No version/
    );
  });
});
