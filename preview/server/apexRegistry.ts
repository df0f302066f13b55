/**
 * The package's Apex as the preview runs it: TypeScript stand-ins, one file per Apex class, found by name.
 *
 * - `preview/apex/<ApexClass>.ts` exports (default) an `ApexClassStandIn`: the class's `@AuraEnabled`
 *   methods, called by components through `@salesforce/apex/<ApexClass>.<method>`.
 * - `preview/apex/triggers/<HandlerClass>.ts` exports (default) a `TriggerHandler`: what the object's trigger
 *   does, run by the record layer on every save.
 *
 * Adding a file is all it takes; an `@AuraEnabled` method or a trigger without a stand-in is reported at
 * start, and a call to such a method fails with a message that says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackageMetadata } from './metadata';
import type { RecordStore, TriggerHandler } from './records';

export interface ApexContext {
  readonly store: RecordStore;
  readonly userId: string;
  readonly now: Date;
}

export type ApexMethodStandIn = (params: Readonly<Record<string, unknown>>, context: ApexContext) => unknown;

export interface ApexClassStandIn {
  readonly className: string;
  readonly methods: Readonly<Record<string, ApexMethodStandIn>>;
}

export interface ApexRegistry {
  readonly classes: ReadonlyMap<string, ApexClassStandIn>;
  readonly triggers: readonly TriggerHandler[];
  /** `@AuraEnabled` methods and triggers of the package that have no stand-in. */
  readonly missing: readonly string[];
}

const APEX_DIR = path.join(__dirname, '..', 'apex');

function isStandInFile(file: string): boolean {
  return file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts');
}

/**
 * Stand-ins are found at run time, so they are loaded with CommonJS `require`, which both tsx (the preview
 * runs as CommonJS) and Jest provide; a dynamic `import()` would need Jest's experimental VM modules.
 */
function loadDefaults<T>(dir: string): T[] {
  if (!fs.existsSync(dir)) return [];
  const loaded: T[] = [];
  for (const file of fs.readdirSync(dir).filter(isStandInFile).sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(dir, file)) as { default?: T };
    if (module.default) loaded.push(module.default);
  }
  return loaded;
}

export function loadApexRegistry(metadata: PackageMetadata): Promise<ApexRegistry> {
  const classes = loadDefaults<ApexClassStandIn>(APEX_DIR).filter(
    (candidate) => typeof candidate === 'object' && 'methods' in candidate
  );
  const triggers = loadDefaults<TriggerHandler>(path.join(APEX_DIR, 'triggers'));
  const byName = new Map(classes.map((standIn) => [standIn.className, standIn]));
  const missing: string[] = [];
  for (const method of metadata.apexMethods) {
    if (!byName.get(method.className)?.methods[method.methodName]) {
      missing.push(`@AuraEnabled ${method.className}.${method.methodName}`);
    }
  }
  const triggerDir = path.join(metadata.root, 'force-app', 'main', 'default', 'triggers');
  if (fs.existsSync(triggerDir)) {
    for (const file of fs.readdirSync(triggerDir).filter((name) => name.endsWith('.trigger'))) {
      const source = fs.readFileSync(path.join(triggerDir, file), 'utf8');
      const object = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(source)?.[1];
      const handlerClass = /(\w+)\.handle\s*\(/.exec(source)?.[1];
      const covered = triggers.some(
        (handler) =>
          handler.object.toLowerCase() === object?.toLowerCase() &&
          (!handlerClass || handler.apexClass === handlerClass)
      );
      if (!covered)
        missing.push(`trigger ${file.replace(/\.trigger$/, '')}${handlerClass ? ` (${handlerClass})` : ''}`);
    }
  }
  return Promise.resolve({ classes: byName, triggers, missing });
}
