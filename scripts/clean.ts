import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './lib/diagnostics';
import { packageDir, walk } from './lib/files';

/** Removes the compiled JavaScript that `npm run build` writes beside each component's TypeScript. */
const compiled = walk(
  packageDir(),
  (file) => file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts'))
);
for (const file of compiled) {
  fs.rmSync(file);
}
fs.rmSync(path.join(projectRoot(), 'dist'), { recursive: true, force: true });
console.log(`Removed ${compiled.length} compiled file(s) and dist/.`);
