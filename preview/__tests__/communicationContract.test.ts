/**
 * The customer communication contract (staticresources/TrustDeskCommunicationContract.json), run against the
 * preview's stand-in for CustomerCommunicationHandler through the preview's full save path: the same cases
 * the Apex tests run against the trigger in an org.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RecordSaveError } from '../server/errors';
import type { RecordValues } from '../server/records';
import { ROOT, testPreview, type TestPreview } from './support';

interface ExpectedError {
  readonly field: string | null;
  readonly message: string;
}

interface Step {
  readonly operation: 'insert' | 'update' | 'delete';
  readonly fields?: RecordValues;
  readonly expect: {
    readonly saved: boolean;
    readonly fields?: RecordValues;
    readonly errors?: readonly ExpectedError[];
  };
}

type Outcome = { saved: true; record?: RecordValues } | { saved: false; error: RecordSaveError };

interface Contract {
  readonly fixtures: Readonly<Record<string, { sobject: string; fields: RecordValues }>>;
  readonly sobject: string;
  readonly base: RecordValues;
  readonly cases: readonly { name: string; steps: readonly Step[] }[];
}

const contract = JSON.parse(
  fs.readFileSync(
    path.join(ROOT, 'force-app/main/default/staticresources/TrustDeskCommunicationContract.json'),
    'utf8'
  )
) as Contract;

describe('customer communication contract (preview stand-in of CustomerCommunicationHandler)', () => {
  let preview: TestPreview;
  const ids = new Map<string, string>();

  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string' && value.startsWith('@')) {
      const id = ids.get(value.slice(1));
      if (!id) throw new Error(`unknown fixture ${value}`);
      return id;
    }
    return value;
  };
  const resolveAll = (fields: RecordValues | undefined): RecordValues =>
    Object.fromEntries(Object.entries(fields ?? {}).map(([name, value]) => [name, resolve(value)]));
  const message = (text: string): string =>
    text.replace(/\{label:(\w+)\}/g, (_, field: string) => preview.store.labelOf(contract.sobject, field));

  /** What a step expects, with '$notNull', '$base' and fixture references resolved. */
  const expected = (step: Step): unknown =>
    step.expect.saved
      ? {
          saved: true,
          fields: Object.fromEntries(
            Object.entries(step.expect.fields ?? {}).map(([field, value]) => [
              field,
              value === '$notNull'
                ? expect.anything()
                : value === '$base'
                  ? resolve(contract.base[field])
                  : resolve(value)
            ])
          )
        }
      : {
          saved: false,
          errors: (step.expect.errors ?? []).map((error) => ({
            field: error.field,
            message: message(error.message)
          }))
        };

  /** What happened, in the same shape: the saved values of the expected fields, or the errors. */
  const summary = (outcome: Outcome, step: Step): unknown =>
    outcome.saved
      ? {
          saved: true,
          fields: Object.fromEntries(
            Object.keys(step.expect.fields ?? {}).map((field) => [field, outcome.record?.[field] ?? null])
          )
        }
      : {
          saved: false,
          errors: outcome.error.problems.map((problem) => ({
            field: problem.fields[0] ?? null,
            message: problem.message
          }))
        };

  beforeAll(async () => {
    preview = await testPreview();
    ids.set('runningUser', preview.store.userId);
    const otherUser = preview.store.create('User', {
      FirstName: 'Avery',
      LastName: 'Other',
      Alias: 'aother',
      Username: 'avery.other@trustdesk.preview',
      Email: 'avery.other@corvane.example.com'
    });
    ids.set('otherUser', String(otherUser.Id));
    for (const [name, fixture] of Object.entries(contract.fixtures)) {
      ids.set(name, String(preview.store.create(fixture.sobject, resolveAll(fixture.fields)).Id));
    }
  });

  afterAll(() => preview.close());

  it('has cases for every frozen field', () => {
    expect(contract.cases.length).toBeGreaterThan(20);
  });

  it.each(contract.cases.map((contractCase) => [contractCase.name, contractCase] as const))(
    '%s',
    (_name, contractCase) => {
      let id: string | undefined;
      for (const step of contractCase.steps) {
        let outcome: Outcome;
        try {
          if (step.operation === 'insert') {
            const record = preview.store.create(
              contract.sobject,
              resolveAll({ ...contract.base, ...step.fields })
            );
            id = String(record.Id);
            outcome = { saved: true, record };
          } else if (step.operation === 'update') {
            outcome = { saved: true, record: preview.store.update(String(id), resolveAll(step.fields)) };
          } else {
            preview.store.delete(String(id));
            outcome = { saved: true };
          }
        } catch (error) {
          if (!(error instanceof RecordSaveError)) throw error;
          outcome = { saved: false, error };
        }
        expect(summary(outcome, step)).toEqual(expected(step));
      }
    }
  );
});
