import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './diagnostics';

/** The package directory that deploys. */
export function packageDir(root: string = projectRoot()): string {
  return path.join(root, 'force-app');
}

/** Every file under `dir` whose path matches `accept`, sorted, skipping dependency and tool folders. */
export function walk(dir: string, accept: (file: string) => boolean): string[] {
  const found: string[] = [];
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) {
        continue;
      }
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        visit(full);
      } else if (accept(full)) {
        found.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    visit(dir);
  }
  return found.sort();
}

/** Files that are part of the deployable package, i.e. not tests or TypeScript sources. */
export function isDeployable(file: string): boolean {
  const parts = file.split(path.sep);
  return !parts.includes('__tests__') && !file.endsWith('.ts') && !/tsconfig.*\.json$/.test(file);
}
