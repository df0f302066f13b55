import fs from 'node:fs';
import {
  ApexErrorListener,
  ApexParserFactory,
  ApexParseTreeWalker,
  type ApexParserBaseListener,
  type ApexParserRuleContext,
  type ApexParseTree,
  type CompilationUnitContext,
  type TriggerUnitContext
} from '@apexdevtools/apex-parser';

/** What a file holds: a class (`.cls`, also interfaces and enums) or a trigger (`.trigger`). */
export type ApexKind = 'class' | 'trigger';

/** A syntax error from the lexer or the parser. Line and column are 1-based, as editors and PMD count. */
export interface ApexSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One parsed Apex source. The tree is built even when there are errors, with error nodes where recovery happened. */
export interface ParsedApex {
  readonly kind: ApexKind;
  readonly tree: CompilationUnitContext | TriggerUnitContext;
  readonly errors: readonly ApexSyntaxError[];
}

/** A parsed Apex file. */
export interface ParsedApexFile extends ParsedApex {
  readonly file: string;
}

/** Expected-token sets longer than this are summarised: the parser lists every keyword usable as an identifier. */
const MAX_EXPECTED_SHOWN = 8;

/** The kind of Apex source a path holds, or undefined when it is no Apex source. */
export function apexKindOf(file: string): ApexKind | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.cls')) {
    return 'class';
  }
  if (lower.endsWith('.trigger')) {
    return 'trigger';
  }
  return undefined;
}

export function isApexSource(file: string): boolean {
  return apexKindOf(file) !== undefined;
}

/**
 * Parses Apex source text with @apexdevtools/apex-parser, which knows current Apex (user-mode SOQL and DML,
 * null coalescing, switch, ...). The lexer is case-insensitive by itself since 5.0, so no
 * CaseInsensitiveInputStream is needed. One listener on both the lexer and the parser collects every error.
 */
export function parseApex(source: string, kind: ApexKind): ParsedApex {
  const listener = new CollectingErrorListener();
  const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
  const tree = kind === 'trigger' ? parser.triggerUnit() : parser.compilationUnit();
  return { kind, tree, errors: listener.errors };
}

/** Reads and parses a `.cls` or `.trigger` file. */
export function parseApexFile(file: string): ParsedApexFile {
  const kind = apexKindOf(file);
  if (kind === undefined) {
    throw new Error(`${file} is not an Apex class (.cls) or trigger (.trigger).`);
  }
  return { file, ...parseApex(fs.readFileSync(file, 'utf8'), kind) };
}

/** Walks a tree depth-first with a listener (enterX/exitX methods for the parser's rules). */
export function walkApex(tree: ApexParseTree, listener: ApexParserBaseListener): void {
  ApexParseTreeWalker.DEFAULT.walk(listener, tree);
}

/**
 * Every rule node under `root` (itself included) that is an instance of `type`, in source order,
 * e.g. `descendants(parsed.tree, SoqlLiteralContext)` or `descendants(parsed.tree, FieldNameContext)`.
 */
export function descendants<T extends ApexParserRuleContext>(
  root: ApexParserRuleContext,
  type: abstract new (...args: never[]) => T
): T[] {
  const found: T[] = [];
  const pending: ApexParserRuleContext[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as ApexParserRuleContext;
    if (node instanceof type) {
      found.push(node);
    }
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (isRuleNode(child)) {
        pending.push(child);
      }
    }
  }
  return found;
}

/** Where a rule node starts, 1-based like syntax errors. */
export function startOf(node: ApexParserRuleContext): { line: number; column: number } {
  return { line: node.start.line, column: node.start.column + 1 };
}

function isRuleNode(node: ApexParseTree | undefined): node is ApexParserRuleContext {
  return node !== undefined && 'children' in node && 'start' in node;
}

/** Shortens "expecting {'after', 'before', ... 150 more}" to its first few alternatives. */
export function condenseSyntaxMessage(message: string): string {
  return message.replace(/expecting \{([^}]*)\}/, (whole, list: string) => {
    const alternatives = list.split(', ');
    if (alternatives.length <= MAX_EXPECTED_SHOWN) {
      return whole;
    }
    const shown = alternatives.slice(0, MAX_EXPECTED_SHOWN).join(', ');
    return `expecting one of ${alternatives.length} tokens {${shown}, ...}`;
  });
}

class CollectingErrorListener extends ApexErrorListener {
  readonly errors: ApexSyntaxError[] = [];

  apexSyntaxError(line: number, column: number, message: string): void {
    // ANTLR counts columns from 0.
    this.errors.push({ line, column: column + 1, message: condenseSyntaxMessage(message) });
  }
}
