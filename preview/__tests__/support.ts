/** A preview database in memory, with the package's metadata and trigger stand-ins, for the server's tests. */
import path from 'node:path';
import { loadPackageMetadata, type PackageMetadata } from '../server/metadata';
import { openDatabase } from '../server/database';
import { RecordStore, type RecordValues } from '../server/records';
import { loadApexRegistry, type ApexRegistry } from '../server/apexRegistry';
import { createPreviewUser } from '../server/seed';

export const ROOT = path.resolve(__dirname, '..', '..');

let metadata: PackageMetadata | undefined;

export function packageMetadata(): PackageMetadata {
  metadata ??= loadPackageMetadata(ROOT);
  return metadata;
}

export interface TestPreview {
  readonly store: RecordStore;
  readonly metadata: PackageMetadata;
  readonly apex: ApexRegistry;
  close(): void;
}

/** An empty preview database with the preview user and the shipped custom metadata. */
export async function testPreview(): Promise<TestPreview> {
  const metadata = packageMetadata();
  const apex = await loadApexRegistry(metadata);
  const { db } = openDatabase(':memory:', metadata);
  const store = new RecordStore(db, metadata, apex.triggers);
  for (const object of metadata.objects.values()) {
    if (object.customMetadata)
      store.insertShipped(object, metadata.customMetadataRecords.get(object.apiName.toLowerCase()) ?? []);
  }
  createPreviewUser(store);
  return { store, metadata, apex, close: () => db.close() };
}

/** A minimal valid record of each object the tests create, merged with `fields`. */
export function create(store: RecordStore, object: string, fields: RecordValues = {}): RecordValues {
  return store.create(object, fields);
}
