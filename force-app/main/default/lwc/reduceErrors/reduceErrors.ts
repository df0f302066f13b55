/**
 * Turns whatever the platform threw (a UI API error, an Apex AuraHandledException, a DML error
 * with field errors, a plain Error, an array of those) into the messages a person can act on.
 * Every component reports errors through this one function, so users see them the same way.
 */

interface FieldErrorLike {
  readonly message?: unknown;
}

interface ErrorBody {
  readonly message?: unknown;
  readonly pageErrors?: ReadonlyArray<FieldErrorLike>;
  /** Record-level errors of a UI API save (validation rules not tied to a field). */
  readonly errors?: ReadonlyArray<FieldErrorLike>;
  readonly fieldErrors?: Readonly<Record<string, ReadonlyArray<FieldErrorLike>>>;
  readonly output?: ErrorBody;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function messagesOf(list: ReadonlyArray<FieldErrorLike> | undefined): string[] {
  return (list ?? [])
    .map((entry) => entry.message)
    .filter((m): m is string => typeof m === 'string' && m !== '');
}

function fromBody(body: ErrorBody): string[] {
  const messages = [...messagesOf(body.pageErrors), ...messagesOf(body.errors)];
  for (const fieldErrors of Object.values(body.fieldErrors ?? {})) {
    messages.push(...messagesOf(fieldErrors));
  }
  if (body.output) {
    messages.push(...fromBody(body.output));
  }
  if (messages.length === 0 && typeof body.message === 'string' && body.message !== '') {
    messages.push(body.message);
  }
  return messages;
}

function fromOne(error: unknown): string[] {
  if (typeof error === 'string') {
    return error === '' ? [] : [error];
  }
  if (!isRecord(error)) {
    return [];
  }
  const body: unknown = error.body;
  if (Array.isArray(body)) {
    return (body as unknown[]).flatMap((entry) => fromOne({ body: entry }));
  }
  if (isRecord(body)) {
    const messages = fromBody(body);
    if (messages.length > 0) {
      return messages;
    }
  }
  if (typeof error.message === 'string' && error.message !== '') {
    return [error.message];
  }
  if (typeof error.statusText === 'string' && error.statusText !== '') {
    return [error.statusText];
  }
  return [];
}

/** Distinct, non-empty messages in the order they were reported. */
export function reduceErrors(errors: unknown): string[] {
  const list: unknown[] = Array.isArray(errors) ? errors : [errors];
  const messages = list.flatMap(fromOne);
  return [...new Set(messages)];
}
