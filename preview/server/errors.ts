/**
 * Errors the way the platform reports them. A save that fails collects every problem (a record can break a
 * required field and a validation rule at once); the same failure is then shaped for whoever asked:
 * - Lightning Data Service (`createRecord`, `updateRecord`, `deleteRecord`): the UI API "Error with Output"
 *   body, `{ message, enhancedErrorType: 'RecordError', output: { errors, fieldErrors } }`;
 * - an `@AuraEnabled` method whose DML failed: the DmlException body, `{ message, pageErrors, fieldErrors }`;
 * - any other UI API failure: a list of `{ errorCode, message }`.
 */

export interface SaveProblem {
  readonly errorCode: string;
  readonly message: string;
  /** Fields the problem is about; empty for a record-level error. */
  readonly fields: readonly string[];
}

/** A record save or delete the org would reject. */
export class RecordSaveError extends Error {
  readonly problems: readonly SaveProblem[];
  readonly statusCode: number;
  readonly operation: 'insert' | 'update' | 'delete';

  constructor(operation: 'insert' | 'update' | 'delete', problems: readonly SaveProblem[], statusCode = 400) {
    super(problems.map((problem) => problem.message).join('; '));
    this.name = 'RecordSaveError';
    this.operation = operation;
    this.problems = problems;
    this.statusCode = statusCode;
  }
}

/** Any other failure the UI API answers with a status and an error code. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly errorCode: string;

  constructor(statusCode: number, errorCode: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }
}

/** An `AuraHandledException` (or any exception) thrown by an Apex method. */
export class ApexError extends Error {
  readonly exceptionType: string;
  readonly isUserDefinedException: boolean;

  constructor(
    message: string,
    exceptionType = 'System.AuraHandledException',
    isUserDefinedException = false
  ) {
    super(message);
    this.name = 'ApexError';
    this.exceptionType = exceptionType;
    this.isUserDefinedException = isUserDefinedException;
  }
}

export interface RecordExceptionError {
  readonly constituentField: null;
  readonly duplicateRecordError: null;
  readonly errorCode: string;
  readonly field: string | null;
  readonly fieldLabel: string | null;
  readonly message: string;
}

export interface UiApiRecordErrorBody {
  readonly enhancedErrorType: 'RecordError';
  readonly message: string;
  readonly output: {
    readonly errors: readonly RecordExceptionError[];
    readonly fieldErrors: Readonly<Record<string, readonly RecordExceptionError[]>>;
  };
}

const GENERIC_SAVE_MESSAGE = 'An error occurred while trying to update the record. Please try again.';

/** The UI API body for a failed create, update or delete. */
export function uiApiRecordErrorBody(
  error: RecordSaveError,
  labelOf: (field: string) => string | undefined
): UiApiRecordErrorBody {
  const errors: RecordExceptionError[] = [];
  const fieldErrors: Record<string, RecordExceptionError[]> = {};
  for (const problem of error.problems) {
    if (problem.fields.length === 0) {
      errors.push({
        constituentField: null,
        duplicateRecordError: null,
        errorCode: problem.errorCode,
        field: null,
        fieldLabel: null,
        message: problem.message
      });
      continue;
    }
    for (const field of problem.fields) {
      (fieldErrors[field] ??= []).push({
        constituentField: null,
        duplicateRecordError: null,
        errorCode: problem.errorCode,
        field,
        fieldLabel: labelOf(field) ?? field,
        message: problem.message
      });
    }
  }
  return {
    enhancedErrorType: 'RecordError',
    message:
      error.operation === 'delete'
        ? (error.problems[0]?.message ?? GENERIC_SAVE_MESSAGE)
        : GENERIC_SAVE_MESSAGE,
    output: { errors, fieldErrors }
  };
}

/** The body an `@AuraEnabled` method's unhandled DmlException reaches the component with. */
export function dmlExceptionBody(error: RecordSaveError): {
  message: string;
  exceptionType: string;
  pageErrors: { statusCode: string; message: string }[];
  fieldErrors: Record<string, { statusCode: string; message: string }[]>;
} {
  const verb = error.operation === 'insert' ? 'Insert' : error.operation === 'update' ? 'Update' : 'Delete';
  const first = error.problems[0];
  const pageErrors: { statusCode: string; message: string }[] = [];
  const fieldErrors: Record<string, { statusCode: string; message: string }[]> = {};
  for (const problem of error.problems) {
    if (problem.fields.length === 0) {
      pageErrors.push({ statusCode: problem.errorCode, message: problem.message });
    }
    for (const field of problem.fields) {
      (fieldErrors[field] ??= []).push({ statusCode: problem.errorCode, message: problem.message });
    }
  }
  return {
    message: first
      ? `${verb} failed. First exception on row 0; first error: ${first.errorCode}, ${first.message}: [${first.fields.join(', ')}]`
      : `${verb} failed.`,
    exceptionType: 'System.DmlException',
    pageErrors,
    fieldErrors
  };
}
