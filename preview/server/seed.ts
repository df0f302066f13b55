/**
 * Seeds the preview database the way `sf data import tree` loads a scratch org: the package's custom
 * metadata records, the preview's user, then every `data/*-plan.json` step in order, each record through
 * the full save (validation, required fields, trigger stand-ins), `@referenceId` values replaced by the ids
 * of records saved before. A record the org would reject is reported with its file and reference id, and
 * the records that depend on it are skipped, so one bad record does not hide the rest of the demo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackageMetadata } from './metadata';
import type { RecordStore, RecordValues } from './records';
import { RecordSaveError, ApiError } from './errors';
import { makeId } from './ids';

export interface SeedProblem {
  readonly file: string;
  readonly referenceId: string;
  readonly message: string;
}

export interface SeedResult {
  readonly userId: string;
  readonly records: number;
  readonly byObject: Readonly<Record<string, number>>;
  readonly problems: readonly SeedProblem[];
}

interface PlanStep {
  readonly sobject: string;
  readonly files: readonly string[];
}

interface TreeRecord {
  readonly attributes?: { readonly type?: string; readonly referenceId?: string };
  readonly [field: string]: unknown;
}

/** The id the preview user gets: the first User record. */
export function previewUserId(metadata: PackageMetadata): string {
  return makeId(metadata.requireObject('User').keyPrefix, 1);
}

export function createPreviewUser(store: RecordStore): string {
  const userId = previewUserId(store.metadata);
  store.userId = userId;
  const user = store.create('User', { ...store.metadata.previewUser, IsActive: true });
  return String(user.Id);
}

function describeFailure(error: unknown): string {
  if (error instanceof RecordSaveError) {
    return error.problems
      .map(
        (problem) =>
          `${problem.errorCode}${problem.fields.length > 0 ? ` [${problem.fields.join(', ')}]` : ''}: ${problem.message}`
      )
      .join('; ');
  }
  if (error instanceof ApiError) return `${error.errorCode}: ${error.message}`;
  return String(error);
}

export function seedDatabase(store: RecordStore, dataDir: string): SeedResult {
  const metadata = store.metadata;
  const problems: SeedProblem[] = [];
  const byObject: Record<string, number> = {};
  let records = 0;

  for (const object of metadata.objects.values()) {
    if (!object.customMetadata) continue;
    const shipped = metadata.customMetadataRecords.get(object.apiName.toLowerCase()) ?? [];
    store.insertShipped(object, shipped);
    byObject[object.apiName] = shipped.length;
  }
  const userId = createPreviewUser(store);
  byObject.User = 1;

  const plans = fs.existsSync(dataDir)
    ? fs
        .readdirSync(dataDir)
        .filter((file) => file.endsWith('-plan.json'))
        .sort()
    : [];
  const ids = new Map<string, string>();
  for (const plan of plans) {
    const steps = JSON.parse(fs.readFileSync(path.join(dataDir, plan), 'utf8')) as PlanStep[];
    for (const step of steps) {
      for (const file of step.files) {
        const tree = JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as {
          records?: TreeRecord[];
        };
        for (const record of tree.records ?? []) {
          const referenceId = record.attributes?.referenceId ?? '(no referenceId)';
          const input: RecordValues = {};
          let unresolved: string | undefined;
          for (const [name, value] of Object.entries(record)) {
            if (name === 'attributes') continue;
            if (typeof value === 'string' && /^@\w+$/.test(value)) {
              const id = ids.get(value.slice(1));
              if (!id) {
                unresolved = value;
                break;
              }
              input[name] = id;
            } else {
              input[name] = value;
            }
          }
          if (unresolved) {
            problems.push({ file, referenceId, message: `refers to ${unresolved}, which was not saved` });
            continue;
          }
          try {
            const saved = store.create(record.attributes?.type ?? step.sobject, input);
            ids.set(referenceId, String(saved.Id));
            records++;
            const objectName = metadata.object(step.sobject)?.apiName ?? step.sobject;
            byObject[objectName] = (byObject[objectName] ?? 0) + 1;
          } catch (error) {
            problems.push({ file, referenceId, message: describeFailure(error) });
          }
        }
      }
    }
  }
  store.markSeeded(JSON.stringify({ records, byObject, problems, at: new Date().toISOString() }));
  return { userId, records, byObject, problems };
}
