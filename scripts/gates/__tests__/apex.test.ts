import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryContext } from '@apexdevtools/apex-parser';
import {
  apexSources,
  checkApexSyntax,
  findJava,
  JavaNotFoundError,
  main,
  PMD_RULE_SELECTOR,
  runPmd,
  type PmdRun
} from '../apex';
import { descendants, parseApex, startOf } from '../../lib/apexSource';
import { type Diagnostic, relativeToRoot } from '../../lib/diagnostics';

const fixtures = path.join(__dirname, 'fixtures', 'apex');
const fixture = (name: string): string => path.join(fixtures, name);
const good = apexSources(fixture('good'));
const broken = fixture('broken/SyntaxError.cls');
const bad = {
  missingSharing: fixture('bad/MissingSharing.cls'),
  queryInLoop: fixture('bad/QueryInLoop.cls'),
  uncheckedDml: fixture('bad/UncheckedDml.cls')
};

/** PMD starts a JVM twice (rule description, then the run): allow for a slow machine. */
const PMD_TIMEOUT = 120_000;

const about = (diagnostics: readonly Diagnostic[], file: string): Diagnostic[] =>
  diagnostics.filter((diagnostic) => diagnostic.file === relativeToRoot(file));

describe('Apex syntax (apex-parser)', () => {
  it('finds the fixture classes and the trigger', () => {
    expect(good.map((file) => path.basename(file))).toEqual([
      'IncidentService.cls',
      'IncidentServiceTest.cls',
      'IncidentTriggerHandler.cls',
      'IncidentTrigger.trigger'
    ]);
  });

  it('accepts current Apex: WITH USER_MODE, insert as user, ??, System.runAs, Assert', () => {
    const { diagnostics, clean } = checkApexSyntax(good);
    expect(diagnostics).toEqual([]);
    expect(clean).toEqual(good);
  });

  it('rejects a missing semicolon with its line, 1-based column and the parser message', () => {
    const { diagnostics, clean } = checkApexSyntax([broken]);
    expect(clean).toEqual([]);
    expect(diagnostics).toEqual([
      {
        file: 'scripts/gates/__tests__/fixtures/apex/broken/SyntaxError.cls',
        line: 4,
        column: 5,
        subject: 'syntax',
        message: "missing ';' at 'return'"
      }
    ]);
  });

  it('reports lexer errors too, and shortens long expected-token lists', () => {
    const { errors } = parseApex("public class Escapes { String s = '\\q'; }", 'class');
    expect(errors[0]).toEqual(expect.objectContaining({ line: 1, column: 35 }));
    expect(errors[0]?.message).toMatch(/token recognition error/);
    const last = errors[errors.length - 1];
    expect(last?.message).toMatch(/expecting one of \d+ tokens \{.*, \.\.\.\}$/);
  });

  it('parses a trigger as a trigger and a class as a class', () => {
    expect(parseApex('trigger T on Case(before insert) { }', 'trigger').errors).toEqual([]);
    expect(parseApex('trigger T on Case(before insert) { }', 'class').errors).not.toEqual([]);
  });

  it('exposes the parse tree: SOQL queries with their position', () => {
    const { tree } = parseApex(
      ['public with sharing class Q {', '  List<Case> c = [SELECT Id FROM Case WITH USER_MODE];', '}'].join(
        '\n'
      ),
      'class'
    );
    const queries = descendants(tree, QueryContext);
    expect(queries).toHaveLength(1);
    const [query] = queries as [QueryContext];
    expect(query.fromNameList().getText()).toBe('Case');
    expect(query.withClause().getText().toUpperCase()).toBe('WITHUSER_MODE');
    expect(startOf(query)).toEqual({ line: 2, column: 19 });
  });
});

describe('PMD through Code Analyzer', () => {
  let run: PmdRun;
  let elapsed: number;

  beforeAll(async () => {
    const started = Date.now();
    // The broken file goes in on purpose, to show what PMD does with a file it cannot parse.
    run = await runPmd([...good, ...Object.values(bad), broken]);
    elapsed = Date.now() - started;
    console.log(
      `PMD on ${good.length + 4} fixture files: ${elapsed} ms, ${run.rules.length} rules (${PMD_RULE_SELECTOR}), ` +
        `Java ${run.java.version}, engine ${run.engineVersion}`
    );
  }, PMD_TIMEOUT);

  it('runs the essential Security, Performance and BestPractices rules', () => {
    expect(run.rules).toEqual(
      expect.arrayContaining([
        'ApexCRUDViolation',
        'ApexSharingViolations',
        'ApexSOQLInjection',
        'OperationWithLimitsInLoop',
        'ApexUnitTestClassShouldHaveAsserts',
        'AvoidLogicInTrigger'
      ])
    );
  });

  it('finds nothing in the good class, handler, trigger and test class', () => {
    for (const file of good) {
      expect(about(run.diagnostics, file)).toEqual([]);
      expect(about(run.notes, file)).toEqual([]);
    }
  });

  it('rejects a class that queries without declaring a sharing model', () => {
    expect(about(run.diagnostics, bad.missingSharing)).toEqual([
      expect.objectContaining({
        line: 1,
        subject: 'ApexSharingViolations, severity 3 Moderate',
        message: 'Apex classes should declare a sharing model if DML or SOQL/SOSL is used'
      })
    ]);
  });

  it('rejects SOQL and DML inside a loop', () => {
    expect(about(run.diagnostics, bad.queryInLoop)).toEqual([
      expect.objectContaining({ line: 4, subject: 'OperationWithLimitsInLoop, severity 3 Moderate' }),
      expect.objectContaining({ line: 6, subject: 'OperationWithLimitsInLoop, severity 3 Moderate' })
    ]);
    expect(about(run.diagnostics, bad.queryInLoop)[0]?.message).toBe(
      'Avoid operations in loops that may hit governor limits'
    );
  });

  it('rejects SOQL and DML in system mode without CRUD checks', () => {
    const crud = {
      subject: 'ApexCRUDViolation, severity 2 High',
      message: 'Validate CRUD permission before SOQL/DML operation or enforce user mode'
    };
    expect(about(run.diagnostics, bad.uncheckedDml)).toEqual([
      expect.objectContaining({ line: 3, ...crud }),
      expect.objectContaining({ line: 7, ...crud })
    ]);
  });

  it('gives no violation for a file it cannot parse, only a processing error', () => {
    expect(about(run.diagnostics, broken)).toEqual([
      expect.objectContaining({ line: 4, subject: 'PMD processing error' })
    ]);
    expect(about(run.diagnostics, broken)[0]?.message).toMatch(/missing ';' at 'return'/);
  });

  it('keeps its working files out of the repository and removes them', () => {
    expect(run.workingFolder.startsWith(os.tmpdir())).toBe(true);
    expect(fs.existsSync(run.workingFolder)).toBe(false);
  });
});

describe('Java', () => {
  it('finds the Java PMD runs on', () => {
    expect(Number(findJava().version.split('.')[0])).toBeGreaterThanOrEqual(11);
  });

  it('says how to install Java when there is none', async () => {
    await expect(runPmd(good, { javaCommand: '/nonexistent/bin/java' })).rejects.toThrow(JavaNotFoundError);
    expect(() => findJava(['/nonexistent/bin/java'])).toThrow(/install Debian's openjdk-17-jre-headless/i);
  });
});

describe('the gate', () => {
  let output: string[];
  let exitCode: typeof process.exitCode;

  beforeEach(() => {
    output = [];
    exitCode = process.exitCode;
    const capture = (...parts: unknown[]): void => {
      output.push(parts.join(' '));
    };
    jest.spyOn(console, 'log').mockImplementation(capture);
    jest.spyOn(console, 'error').mockImplementation(capture);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = exitCode;
  });

  it('passes when the package has no Apex yet', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-desk-apex-'));
    try {
      await main(empty);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    expect(output).toEqual([expect.stringMatching(/no Apex sources yet/)]);
    expect(process.exitCode).toBe(exitCode);
  });

  it(
    'fails on every fixture problem, and keeps files with syntax errors away from PMD',
    async () => {
      await main(fixtures);
      const text = output.join('\n');
      expect(process.exitCode).toBe(1);
      expect(text).toMatch(/parsed 8 file\(s\) in \d+ ms, 1 syntax error/);
      expect(text).toMatch(/ran \d+ rule\(s\) on 7 file\(s\) in \d+ ms: 5 failing/);
      expect(text).toContain("broken/SyntaxError.cls:4:5 [syntax]: missing ';' at 'return'");
      expect(text).toContain('bad/UncheckedDml.cls:7:5 [ApexCRUDViolation, severity 2 High]');
      expect(text).toContain('1 file(s) with syntax errors were not analysed by PMD');
      expect(text).toContain('Apex: 6 problem(s) in 8 item(s) checked.');
      expect(text).not.toContain('PMD processing error');
    },
    PMD_TIMEOUT
  );
});
