/**
 * Apex gate: without an org, the best evidence that Apex will compile and pass review.
 *
 * 1. Syntax: every .cls and .trigger under force-app is parsed with @apexdevtools/apex-parser, which knows
 *    current Apex (WITH USER_MODE, `insert as user`, `??`). Any error fails with file:line:column.
 * 2. PMD, through Salesforce Code Analyzer's PMD engine used as a library: the Apex rules tagged Security,
 *    Performance, BestPractices, ErrorProne and Design. Severities 1-3 fail; 4-5 are printed as notes.
 *    PMD skips a file it cannot parse, so it only runs on files that passed step 1, and any processing
 *    error it still reports fails the gate too.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  SeverityLevel,
  type EngineLogEvent,
  type LogEvent,
  type Violation
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin } from '@salesforce/code-analyzer-pmd-engine';
import { condenseSyntaxMessage, isApexSource, parseApexFile } from '../lib/apexSource';
import { type Diagnostic, formatDiagnostic, projectRoot, relativeToRoot, report } from '../lib/diagnostics';
import { packageDir, walk } from '../lib/files';

const GATE = 'Apex';

/** Code Analyzer tags of the PMD rule categories this gate runs, intersected with the Apex tag. */
export const PMD_CATEGORIES = ['Security', 'Performance', 'BestPractices', 'ErrorProne', 'Design'] as const;
export const PMD_RULE_SELECTOR = `pmd:(${PMD_CATEGORIES.join(',')}):Apex`;

/** Violations at this severity or more serious (1 Critical, 2 High, 3 Moderate) fail the gate. */
export const FAILING_SEVERITY = SeverityLevel.Moderate;

/** Rules the gate exists for: if a new engine version renames its tags and drops one of these, fail loudly. */
const ESSENTIAL_RULES = [
  'ApexCRUDViolation',
  'ApexSharingViolations',
  'OperationWithLimitsInLoop',
  'ApexSOQLInjection'
];

const MINIMUM_JAVA_MAJOR = 11;
const JAVA_INSTALL_HINT =
  "Install Debian's openjdk-17-jre-headless (apt-get install -y openjdk-17-jre-headless), or set JAVA_HOME.";

export interface SyntaxCheck {
  readonly diagnostics: Diagnostic[];
  /** Files without syntax errors: the ones PMD can be trusted on. */
  readonly clean: string[];
  readonly ms: number;
}

export interface PmdRun {
  /** Violations of severity 1-3 and PMD processing errors: each one fails the gate. */
  readonly diagnostics: Diagnostic[];
  /** Violations of severity 4-5: shown, never failing. */
  readonly notes: Diagnostic[];
  /** Names of the rules that ran. */
  readonly rules: string[];
  readonly java: JavaRuntime;
  readonly engineVersion: string;
  /** Where PMD's working files went, under the system's temporary directory; removed when the run ends. */
  readonly workingFolder: string;
  readonly ms: number;
}

export interface PmdOptions {
  /** The java executable; found from JAVA_HOME, JRE_HOME, JDK_HOME or PATH when absent. */
  readonly javaCommand?: string;
  /** Paths in diagnostics are made relative to this folder. */
  readonly root?: string;
}

export interface JavaRuntime {
  readonly command: string;
  readonly version: string;
}

/** No usable Java: PMD cannot run, and the message says how to fix that. */
export class JavaNotFoundError extends Error {
  override readonly name = 'JavaNotFoundError';
}

/** Every Apex class and trigger of the package, sorted. */
export function apexSources(dir: string = packageDir()): string[] {
  return walk(dir, isApexSource);
}

/** Step 1: parses each file and reports every lexer and parser error with its line and column. */
export function checkApexSyntax(files: readonly string[], root: string = projectRoot()): SyntaxCheck {
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const clean: string[] = [];
  for (const file of files) {
    const { errors } = parseApexFile(file);
    if (errors.length === 0) {
      clean.push(file);
    }
    for (const error of errors) {
      diagnostics.push({
        file: relativeToRoot(file, root),
        line: error.line,
        column: error.column,
        subject: 'syntax',
        message: error.message
      });
    }
  }
  return { diagnostics, clean, ms: performance.now() - started };
}

/** The java executables worth trying, in the order Code Analyzer's PMD engine tries them. */
export function javaCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const homes = ['JAVA_HOME', 'JRE_HOME', 'JDK_HOME']
    .map((name) => env[name])
    .filter((home): home is string => Boolean(home));
  return [...homes.map((home) => path.join(home, 'bin', 'java')), 'java'];
}

/** The first candidate that runs and is Java 11 or newer. */
export function findJava(candidates: readonly string[] = javaCandidates()): JavaRuntime {
  const tried: string[] = [];
  for (const command of candidates) {
    const probe = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.error || probe.status !== 0) {
      tried.push(`${command}: ${probe.error ? probe.error.message : `exit code ${probe.status}`}`);
      continue;
    }
    const version = /version "?([0-9][^"\s]*)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
    const major = version === undefined ? NaN : javaMajor(version);
    if (major >= MINIMUM_JAVA_MAJOR) {
      return { command, version: version as string };
    }
    tried.push(`${command}: version ${version ?? 'unrecognised'} is older than ${MINIMUM_JAVA_MAJOR}`);
  }
  throw new JavaNotFoundError(
    `PMD needs Java ${MINIMUM_JAVA_MAJOR} or newer and none was found (${tried.join('; ')}). ${JAVA_INSTALL_HINT}`
  );
}

/** "1.8.0_392" is Java 8, "17.0.12" is Java 17. */
function javaMajor(version: string): number {
  const [first, second] = version.split(/[.+_-]/).map(Number);
  return first === 1 && second !== undefined ? second : (first ?? NaN);
}

/**
 * Step 2: runs PMD's Apex rules on the given files. Only give it files that passed checkApexSyntax:
 * PMD yields no violations for a file it cannot parse. Its working files go to a folder under the
 * system's temporary directory, removed afterwards.
 */
export async function runPmd(files: readonly string[], options: PmdOptions = {}): Promise<PmdRun> {
  const started = performance.now();
  const root = options.root ?? projectRoot();
  const java = findJava(options.javaCommand ? [options.javaCommand] : javaCandidates());
  const workingFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-pmd-'));
  const processingErrors: Diagnostic[] = [];
  const analyzerErrors: string[] = [];
  try {
    const analyzer = new CodeAnalyzer(
      CodeAnalyzerConfig.fromObject(
        {
          log_folder: workingFolder,
          root_working_folder: workingFolder,
          engines: {
            pmd: { java_command: java.command },
            cpd: { disable_engine: true }
          }
        },
        workingFolder
      )
    );
    analyzer.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) => {
      if (event.logLevel === LogLevel.Error) {
        processingErrors.push(toProcessingError(event.message, root));
      }
    });
    analyzer.onEvent(EventType.LogEvent, (event: LogEvent) => {
      if (event.logLevel === LogLevel.Error) {
        analyzerErrors.push(event.message);
      }
    });
    await analyzer.addEnginePlugin(createEnginePlugin());
    const workspace = await analyzer.createWorkspace([...files]);
    const selection = await analyzer.selectRules([PMD_RULE_SELECTOR], { workspace });
    const rules = selection.getRulesFor('pmd').map((rule) => rule.getName());
    const missing = ESSENTIAL_RULES.filter((rule) => !rules.includes(rule));
    if (files.length > 0 && missing.length > 0) {
      throw new Error(
        `The PMD rule selection ${PMD_RULE_SELECTOR} lost ${missing.join(', ')}; the engine's tags have changed.`
      );
    }
    const results = await analyzer.run(selection, { workspace });
    const diagnostics: Diagnostic[] = [...processingErrors];
    const notes: Diagnostic[] = [];
    for (const violation of results.getViolations()) {
      const diagnostic = toDiagnostic(violation, root);
      if (violation.getRule().getSeverityLevel() <= FAILING_SEVERITY) {
        diagnostics.push(diagnostic);
      } else {
        notes.push(diagnostic);
      }
    }
    if (analyzerErrors.length > 0) {
      throw new Error(`Code Analyzer reported errors:\n${analyzerErrors.join('\n')}`);
    }
    const engineVersion = results.getEngineNames().includes('pmd')
      ? results.getEngineRunResults('pmd').getEngineVersion()
      : 'not run';
    return { diagnostics, notes, rules, java, engineVersion, workingFolder, ms: performance.now() - started };
  } finally {
    fs.rmSync(workingFolder, { recursive: true, force: true });
  }
}

function toDiagnostic(violation: Violation, root: string): Diagnostic {
  const rule = violation.getRule();
  const location = violation.getPrimaryLocation();
  const file = location.getFile();
  if (file === undefined || rule.getEngineName() !== 'pmd') {
    // UninstantiableEngineError, UnexpectedEngineError: no verdict on the code at all.
    throw new Error(`PMD could not run (${rule.getName()}): ${violation.getMessage()}`);
  }
  const severity = rule.getSeverityLevel();
  return {
    file: relativeToRoot(file, root),
    line: location.getStartLine(),
    column: location.getStartColumn(),
    subject: `${rule.getName()}, severity ${severity} ${SeverityLevel[severity]}`,
    message: violation.getMessage().trim()
  };
}

/** "PMD issued a processing error for file '<path>':\n    ParseException: ... Syntax error at 4:2: ..." */
function toProcessingError(message: string, root: string): Diagnostic {
  const file = /processing error for file '([^']+)'/.exec(message)?.[1];
  const detail = message
    .split('\n')
    .slice(file === undefined ? 0 : 1)
    .map((line) => line.trim())
    .filter(Boolean);
  const where = /Syntax error at (\d+):(\d+)/.exec(message);
  return {
    file: file === undefined ? 'PMD' : relativeToRoot(file, root),
    ...(where ? { line: Number(where[1]) } : {}),
    subject: 'PMD processing error',
    message: condenseSyntaxMessage(detail.join(' ') || message)
  };
}

/** The gate: step 1 on every Apex source of `dir`, then step 2 on those that parsed. */
export async function main(dir: string = packageDir()): Promise<void> {
  const files = apexSources(dir);
  if (files.length === 0) {
    console.log(
      `${GATE}: no Apex sources yet (no .cls or .trigger under ${relativeToRoot(dir)}); nothing to check.`
    );
    return;
  }

  const syntax = checkApexSyntax(files);
  console.log(
    `${GATE}: parsed ${files.length} file(s) in ${Math.round(syntax.ms)} ms, ${syntax.diagnostics.length} syntax error(s).`
  );

  const diagnostics = [...syntax.diagnostics];
  let javaProblem: string | undefined;
  if (syntax.clean.length > 0) {
    try {
      const pmd = await runPmd(syntax.clean);
      for (const note of pmd.notes) {
        console.log(`note: ${formatDiagnostic(note)}`);
      }
      console.log(
        `${GATE}: PMD (Code Analyzer PMD engine ${pmd.engineVersion}, Java ${pmd.java.version}) ran ${pmd.rules.length} rule(s) ` +
          `on ${syntax.clean.length} file(s) in ${Math.round(pmd.ms)} ms: ${pmd.diagnostics.length} failing, ${pmd.notes.length} note(s).`
      );
      diagnostics.push(...pmd.diagnostics);
    } catch (error) {
      if (!(error instanceof JavaNotFoundError)) {
        throw error;
      }
      javaProblem = error.message;
    }
  }
  const skipped = files.length - syntax.clean.length;
  if (skipped > 0) {
    console.error(`${GATE}: ${skipped} file(s) with syntax errors were not analysed by PMD; fix them first.`);
  }

  if (javaProblem !== undefined) {
    for (const diagnostic of diagnostics) {
      console.error(formatDiagnostic(diagnostic));
    }
    console.error(`${GATE}: PMD did not run. ${javaProblem}`);
    process.exitCode = 1;
    return;
  }
  report(GATE, files.length, diagnostics);
}

if (require.main === module) {
  // An optional folder argument checks that folder instead of the package, e.g. a fixture folder.
  const dir = process.argv[2];
  main(dir === undefined ? undefined : path.resolve(dir)).catch((error: unknown) => {
    console.error(`${GATE}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
