import path from 'node:path';

/** One problem a gate found, located as precisely as the gate can. */
export interface Diagnostic {
  /** Path of the offending file, relative to the project root when inside it. */
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The metadata element, field or module the problem is about, when there is one. */
  readonly subject?: string;
  readonly message: string;
}

export function relativeToRoot(file: string, root: string = projectRoot()): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

export function projectRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.file, diagnostic.line, diagnostic.column]
    .filter((part) => part !== undefined)
    .join(':');
  const subject = diagnostic.subject ? ` [${diagnostic.subject}]` : '';
  return `${where}${subject}: ${diagnostic.message}`;
}

/**
 * Prints a gate's result and sets the exit code: 0 when clean, 1 when anything was found.
 * A gate that checked nothing is an error too, so a broken file walk cannot pass silently.
 */
export function report(gate: string, checked: number, diagnostics: readonly Diagnostic[]): void {
  if (checked === 0) {
    console.error(`${gate}: nothing was checked; the project layout is not what this gate expects.`);
    process.exitCode = 1;
    return;
  }
  for (const diagnostic of diagnostics) {
    console.error(formatDiagnostic(diagnostic));
  }
  if (diagnostics.length > 0) {
    console.error(`${gate}: ${diagnostics.length} problem(s) in ${checked} item(s) checked.`);
    process.exitCode = 1;
  } else {
    console.log(`${gate}: ${checked} item(s) checked, no problems.`);
  }
}
