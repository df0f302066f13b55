/**
 * The Salesforce formula language, as far as validation rules and formula fields of a package like this one
 * use it: literals, field references (with relationship paths), arithmetic on numbers, dates and date/times,
 * comparison, `&&`/`||`/`&`, and the common functions (AND, OR, NOT, IF, CASE, ISBLANK, ISPICKVAL, TEXT,
 * TODAY, DATETIMEVALUE, INCLUDES…). Blank follows the platform: a comparison with a blank value is not true,
 * so a rule like `Sample_Size__c > Population__c` does not fire while either is blank.
 *
 * Parsing is separate from evaluation so that the preview parses every rule once at start and reports a
 * formula it cannot evaluate instead of failing on the first save.
 */

import { asText } from '../shared/text';

export type FormulaValue =
  | null
  | boolean
  | number
  | string
  | { readonly kind: 'date'; readonly days: number }
  | { readonly kind: 'datetime'; readonly ms: number };

export type FormulaNode =
  | { readonly type: 'literal'; readonly value: FormulaValue }
  | { readonly type: 'field'; readonly path: readonly string[] }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly FormulaNode[] }
  | { readonly type: 'unary'; readonly op: string; readonly operand: FormulaNode }
  | { readonly type: 'binary'; readonly op: string; readonly left: FormulaNode; readonly right: FormulaNode };

export interface FormulaContext {
  /** The value of a field path (`Status__c`, `Account__r.Name`) already converted with `toFormulaValue`. */
  field(path: readonly string[]): FormulaValue;
  /** The value before this save, for PRIORVALUE and ISCHANGED; undefined on insert. */
  prior?(path: readonly string[]): FormulaValue | undefined;
  isNew?: boolean;
  /** Now, for NOW(); the preview passes the request time so one save sees one instant. */
  now: Date;
  /** Today in the user's time zone (YYYY-MM-DD), for TODAY(); the UTC date of `now` when absent. */
  today?: string;
}

export class FormulaError extends Error {}

const MS_PER_DAY = 86_400_000;

export function dateValue(text: string): FormulaValue {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  return {
    kind: 'date',
    days: Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY)
  };
}

export function dateTimeValue(text: string): FormulaValue {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : { kind: 'datetime', ms };
}

/** A stored value as the formula language sees it, by UI API data type. */
export function toFormulaValue(value: unknown, dataType: string): FormulaValue {
  if (value === null || value === undefined || value === '') return null;
  switch (dataType) {
    case 'Boolean':
      return value === true || value === 1 || value === 'true';
    case 'Date':
      return dateValue(asText(value));
    case 'DateTime':
      return dateTimeValue(asText(value));
    case 'Int':
    case 'Double':
    case 'Currency':
    case 'Percent':
      return Number(value);
    default:
      return typeof value === 'string' ? value : asText(value);
  }
}

/** A formula value as stored for a field of `dataType`. */
export function fromFormulaValue(value: FormulaValue, dataType: string): unknown {
  if (value === null) return null;
  if (typeof value === 'object') {
    if (value.kind === 'date') {
      const iso = new Date(value.days * MS_PER_DAY).toISOString();
      return dataType === 'DateTime' ? iso : iso.slice(0, 10);
    }
    const iso = new Date(value.ms).toISOString();
    return dataType === 'Date' ? iso.slice(0, 10) : iso;
  }
  if (dataType === 'Boolean') return value === true;
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

interface Token {
  readonly kind: 'number' | 'string' | 'name' | 'op' | 'paren' | 'comma' | 'end';
  readonly text: string;
  readonly at: number;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (source.startsWith('/*', index)) {
      const end = source.indexOf('*/', index + 2);
      index = end < 0 ? source.length : end + 2;
    } else if (/[0-9.]/.test(char) && /[0-9]/.test(source[index + (char === '.' ? 1 : 0)] ?? '')) {
      const match = /^\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(source.slice(index));
      const text = match?.[0] ?? char;
      tokens.push({ kind: 'number', text, at: index });
      index += text.length;
    } else if (char === '"' || char === "'") {
      let text = '';
      let cursor = index + 1;
      while (cursor < source.length && source[cursor] !== char) {
        if (source[cursor] === '\\' && cursor + 1 < source.length) {
          const next = source[cursor + 1] ?? '';
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          cursor += 2;
        } else {
          text += source[cursor];
          cursor++;
        }
      }
      if (cursor >= source.length) throw new FormulaError(`unterminated string at ${index}`);
      tokens.push({ kind: 'string', text, at: index });
      index = cursor + 1;
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/.exec(source.slice(index));
      const text = match?.[0] ?? char;
      tokens.push({ kind: 'name', text, at: index });
      index += text.length;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: 'paren', text: char, at: index });
      index++;
    } else if (char === ',') {
      tokens.push({ kind: 'comma', text: char, at: index });
      index++;
    } else {
      const two = source.slice(index, index + 2);
      const op = ['<=', '>=', '<>', '!=', '==', '&&', '||'].includes(two) ? two : char;
      if (
        ![
          '+',
          '-',
          '*',
          '/',
          '^',
          '&',
          '=',
          '<',
          '>',
          '!',
          '<=',
          '>=',
          '<>',
          '!=',
          '==',
          '&&',
          '||'
        ].includes(op)
      ) {
        throw new FormulaError(`unexpected character "${char}" at ${index}`);
      }
      tokens.push({ kind: 'op', text: op, at: index });
      index += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

const BINARY_PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '=': 3,
  '==': 3,
  '!=': 3,
  '<>': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '&': 5,
  '*': 6,
  '/': 6,
  '^': 7
};

export const FUNCTIONS = new Set([
  'AND',
  'OR',
  'NOT',
  'IF',
  'CASE',
  'ISBLANK',
  'ISNULL',
  'BLANKVALUE',
  'NULLVALUE',
  'ISPICKVAL',
  'TEXT',
  'VALUE',
  'LEN',
  'TODAY',
  'NOW',
  'DATE',
  'DATEVALUE',
  'DATETIMEVALUE',
  'YEAR',
  'MONTH',
  'DAY',
  'ADDMONTHS',
  'INCLUDES',
  'CONTAINS',
  'BEGINS',
  'UPPER',
  'LOWER',
  'TRIM',
  'LEFT',
  'RIGHT',
  'MID',
  'MAX',
  'MIN',
  'ABS',
  'ROUND',
  'FLOOR',
  'CEILING',
  'MOD',
  'ISCHANGED',
  'PRIORVALUE',
  'ISNEW',
  'REGEX',
  'ISNUMBER'
]);

export function parseFormula(source: string): FormulaNode {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position] ?? { kind: 'end', text: '', at: source.length };
  const next = (): Token => tokens[position++] ?? { kind: 'end', text: '', at: source.length };
  const expect = (kind: Token['kind'], text?: string): Token => {
    const token = next();
    if (token.kind !== kind || (text !== undefined && token.text !== text)) {
      throw new FormulaError(`expected ${text ?? kind} at ${token.at}, found "${token.text}"`);
    }
    return token;
  };

  const primary = (): FormulaNode => {
    const token = next();
    switch (token.kind) {
      case 'number':
        return { type: 'literal', value: Number(token.text) };
      case 'string':
        return { type: 'literal', value: token.text };
      case 'paren': {
        if (token.text !== '(') throw new FormulaError(`unexpected ")" at ${token.at}`);
        const inner = expression(0);
        expect('paren', ')');
        return inner;
      }
      case 'op':
        if (token.text === '-' || token.text === '+' || token.text === '!') {
          return { type: 'unary', op: token.text, operand: unaryOperand() };
        }
        throw new FormulaError(`unexpected "${token.text}" at ${token.at}`);
      case 'name': {
        const upper = token.text.toUpperCase();
        if (peek().kind === 'paren' && peek().text === '(') {
          if (!FUNCTIONS.has(upper)) throw new FormulaError(`unknown function ${token.text}`);
          next();
          const args: FormulaNode[] = [];
          if (!(peek().kind === 'paren' && peek().text === ')')) {
            args.push(expression(0));
            while (peek().kind === 'comma') {
              next();
              args.push(expression(0));
            }
          }
          expect('paren', ')');
          return { type: 'call', name: upper, args };
        }
        if (upper === 'TRUE') return { type: 'literal', value: true };
        if (upper === 'FALSE') return { type: 'literal', value: false };
        if (upper === 'NULL') return { type: 'literal', value: null };
        return { type: 'field', path: token.text.split('.') };
      }
      default:
        throw new FormulaError(`unexpected end of formula`);
    }
  };
  const unaryOperand = (): FormulaNode => {
    let node = primary();
    while (peek().kind === 'op' && peek().text === '^') {
      next();
      node = { type: 'binary', op: '^', left: node, right: primary() };
    }
    return node;
  };
  const expression = (minimum: number): FormulaNode => {
    let left = primary();
    for (;;) {
      const token = peek();
      const precedence = token.kind === 'op' ? BINARY_PRECEDENCE[token.text] : undefined;
      if (precedence === undefined || precedence <= minimum) return left;
      next();
      const right = expression(token.text === '^' ? precedence - 1 : precedence);
      left = { type: 'binary', op: token.text, left, right };
    }
  };
  const node = expression(0);
  if (peek().kind !== 'end') throw new FormulaError(`unexpected "${peek().text}" at ${peek().at}`);
  return node;
}

/** Field paths a formula reads, for reporting rules that name fields the object does not have. */
export function fieldPaths(node: FormulaNode): string[][] {
  switch (node.type) {
    case 'field':
      return [[...node.path]];
    case 'call':
      return node.args.flatMap(fieldPaths);
    case 'unary':
      return fieldPaths(node.operand);
    case 'binary':
      return [...fieldPaths(node.left), ...fieldPaths(node.right)];
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

function isBlank(value: FormulaValue): boolean {
  return value === null || value === '';
}

function truthy(value: FormulaValue): boolean {
  return value === true;
}

function text(value: FormulaValue): string {
  if (value === null) return '';
  if (typeof value === 'object') {
    const iso = new Date(value.kind === 'date' ? value.days * MS_PER_DAY : value.ms).toISOString();
    return value.kind === 'date' ? iso.slice(0, 10) : iso.replace(/\.\d{3}Z$/, 'Z');
  }
  return String(value);
}

function comparable(value: FormulaValue): number | string | null {
  if (value === null) return null;
  if (typeof value === 'object') return value.kind === 'date' ? value.days * MS_PER_DAY : value.ms;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function compare(op: string, left: FormulaValue, right: FormulaValue): FormulaValue {
  if (op === '=' || op === '==' || op === '!=' || op === '<>') {
    const equal =
      (isBlank(left) && isBlank(right)) ||
      (!isBlank(left) && !isBlank(right) && comparable(left) === comparable(right));
    if ((isBlank(left) || isBlank(right)) && !(isBlank(left) && isBlank(right))) {
      return op === '=' || op === '==' ? false : true;
    }
    return op === '=' || op === '==' ? equal : !equal;
  }
  const a = comparable(left);
  const b = comparable(right);
  if (a === null || b === null) return null;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

function arithmetic(op: string, left: FormulaValue, right: FormulaValue): FormulaValue {
  if (left === null || right === null) return null;
  if (typeof left === 'object' && typeof right === 'number') {
    const sign = op === '-' ? -1 : 1;
    if (op !== '+' && op !== '-') throw new FormulaError(`cannot apply ${op} to a date`);
    return left.kind === 'date'
      ? { kind: 'date', days: left.days + sign * Math.trunc(right) }
      : { kind: 'datetime', ms: left.ms + sign * right * MS_PER_DAY };
  }
  if (typeof left === 'number' && typeof right === 'object' && op === '+') {
    return arithmetic(op, right, left);
  }
  if (typeof left === 'object' && typeof right === 'object' && op === '-') {
    const a = left.kind === 'date' ? left.days * MS_PER_DAY : left.ms;
    const b = right.kind === 'date' ? right.days * MS_PER_DAY : right.ms;
    return (a - b) / MS_PER_DAY;
  }
  if (typeof left !== 'number' || typeof right !== 'number') {
    throw new FormulaError(`cannot apply ${op} to ${typeof left} and ${typeof right}`);
  }
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? null : left / right;
    default:
      return left ** right;
  }
}

export function evaluateFormula(node: FormulaNode, context: FormulaContext): FormulaValue {
  const evaluate = (current: FormulaNode): FormulaValue => {
    switch (current.type) {
      case 'literal':
        return current.value;
      case 'field':
        return context.field(current.path);
      case 'unary': {
        const value = evaluate(current.operand);
        if (current.op === '!') return value === null ? null : !truthy(value);
        if (value === null) return null;
        if (typeof value !== 'number') throw new FormulaError(`cannot negate ${text(value)}`);
        return current.op === '-' ? -value : value;
      }
      case 'binary': {
        if (current.op === '&&') return truthy(evaluate(current.left)) && truthy(evaluate(current.right));
        if (current.op === '||') return truthy(evaluate(current.left)) || truthy(evaluate(current.right));
        const left = evaluate(current.left);
        const right = evaluate(current.right);
        if (current.op === '&') return text(left) + text(right);
        if (BINARY_PRECEDENCE[current.op] === 3 || BINARY_PRECEDENCE[current.op] === 4) {
          return compare(current.op, left, right);
        }
        return arithmetic(current.op, left, right);
      }
      case 'call':
        return call(current.name, current.args);
    }
  };

  const arg = (args: readonly FormulaNode[], index: number): FormulaValue => {
    const node = args[index];
    if (!node) throw new FormulaError(`missing argument ${index + 1}`);
    return evaluate(node);
  };

  const call = (name: string, args: readonly FormulaNode[]): FormulaValue => {
    switch (name) {
      case 'AND':
        return args.every((node) => truthy(evaluate(node)));
      case 'OR':
        return args.some((node) => truthy(evaluate(node)));
      case 'NOT': {
        const value = arg(args, 0);
        return value === null ? true : !truthy(value);
      }
      case 'IF':
        return truthy(arg(args, 0)) ? arg(args, 1) : args.length > 2 ? arg(args, 2) : null;
      case 'CASE': {
        const value = arg(args, 0);
        for (let index = 1; index + 1 < args.length; index += 2) {
          if (compare('=', value, arg(args, index)) === true) return arg(args, index + 1);
        }
        return args.length % 2 === 0 ? arg(args, args.length - 1) : null;
      }
      case 'ISBLANK':
      case 'ISNULL':
        return isBlank(arg(args, 0));
      case 'BLANKVALUE':
      case 'NULLVALUE': {
        const value = arg(args, 0);
        return isBlank(value) ? arg(args, 1) : value;
      }
      case 'ISPICKVAL':
        return text(arg(args, 0)) === text(arg(args, 1));
      case 'TEXT':
        return text(arg(args, 0));
      case 'VALUE': {
        const value = Number(text(arg(args, 0)));
        return Number.isNaN(value) ? null : value;
      }
      case 'ISNUMBER':
        return text(arg(args, 0)) !== '' && !Number.isNaN(Number(text(arg(args, 0))));
      case 'LEN':
        return text(arg(args, 0)).length;
      case 'TODAY':
        return context.today
          ? dateValue(context.today)
          : { kind: 'date', days: Math.floor(context.now.getTime() / MS_PER_DAY) };
      case 'NOW':
        return { kind: 'datetime', ms: context.now.getTime() };
      case 'DATE': {
        const [year, month, day] = [arg(args, 0), arg(args, 1), arg(args, 2)];
        if (typeof year !== 'number' || typeof month !== 'number' || typeof day !== 'number') return null;
        return { kind: 'date', days: Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY) };
      }
      case 'DATEVALUE': {
        const value = arg(args, 0);
        if (value === null) return null;
        if (typeof value === 'object') {
          return value.kind === 'date' ? value : { kind: 'date', days: Math.floor(value.ms / MS_PER_DAY) };
        }
        return dateValue(String(value));
      }
      case 'DATETIMEVALUE': {
        const value = arg(args, 0);
        if (value === null) return null;
        if (typeof value === 'object') {
          return value.kind === 'datetime' ? value : { kind: 'datetime', ms: value.days * MS_PER_DAY };
        }
        return dateTimeValue(
          String(value).replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? '' : 'Z')
        );
      }
      case 'YEAR':
      case 'MONTH':
      case 'DAY': {
        const value = arg(args, 0);
        if (value === null || typeof value !== 'object') return null;
        const date = new Date(value.kind === 'date' ? value.days * MS_PER_DAY : value.ms);
        return name === 'YEAR'
          ? date.getUTCFullYear()
          : name === 'MONTH'
            ? date.getUTCMonth() + 1
            : date.getUTCDate();
      }
      case 'ADDMONTHS': {
        const value = arg(args, 0);
        const months = arg(args, 1);
        if (value === null || typeof value !== 'object' || typeof months !== 'number') return null;
        const date = new Date(value.kind === 'date' ? value.days * MS_PER_DAY : value.ms);
        const day = date.getUTCDate();
        date.setUTCDate(1);
        date.setUTCMonth(date.getUTCMonth() + months);
        const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
        date.setUTCDate(Math.min(day, last));
        return value.kind === 'date'
          ? { kind: 'date', days: Math.floor(date.getTime() / MS_PER_DAY) }
          : { kind: 'datetime', ms: date.getTime() };
      }
      case 'INCLUDES':
        return text(arg(args, 0))
          .split(';')
          .includes(text(arg(args, 1)));
      case 'CONTAINS':
        return text(arg(args, 0)).includes(text(arg(args, 1)));
      case 'BEGINS':
        return text(arg(args, 0)).startsWith(text(arg(args, 1)));
      case 'UPPER':
        return text(arg(args, 0)).toUpperCase();
      case 'LOWER':
        return text(arg(args, 0)).toLowerCase();
      case 'TRIM':
        return text(arg(args, 0)).trim();
      case 'LEFT':
        return text(arg(args, 0)).slice(0, Math.max(0, Number(arg(args, 1))));
      case 'RIGHT': {
        const value = text(arg(args, 0));
        const count = Math.max(0, Number(arg(args, 1)));
        return count === 0 ? '' : value.slice(-count);
      }
      case 'MID':
        return text(arg(args, 0)).substr(Number(arg(args, 1)) - 1, Number(arg(args, 2)));
      case 'MAX':
      case 'MIN': {
        const values = args.map(evaluate);
        if (values.some((value) => typeof value !== 'number')) return null;
        return name === 'MAX' ? Math.max(...(values as number[])) : Math.min(...(values as number[]));
      }
      case 'ABS':
      case 'FLOOR':
      case 'CEILING': {
        const value = arg(args, 0);
        if (typeof value !== 'number') return null;
        return name === 'ABS' ? Math.abs(value) : name === 'FLOOR' ? Math.floor(value) : Math.ceil(value);
      }
      case 'ROUND': {
        const value = arg(args, 0);
        const digits = Number(arg(args, 1));
        if (typeof value !== 'number') return null;
        const factor = 10 ** digits;
        return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
      }
      case 'MOD': {
        const value = arg(args, 0);
        const divisor = arg(args, 1);
        if (typeof value !== 'number' || typeof divisor !== 'number' || divisor === 0) return null;
        return value % divisor;
      }
      case 'ISNEW':
        return context.isNew === true;
      case 'ISCHANGED':
      case 'PRIORVALUE': {
        const node = args[0];
        if (!node || node.type !== 'field') throw new FormulaError(`${name} needs a field`);
        const before = context.prior?.(node.path);
        if (name === 'PRIORVALUE') return before === undefined ? context.field(node.path) : before;
        if (before === undefined) return false;
        return compare('=', before, context.field(node.path)) !== true;
      }
      case 'REGEX': {
        const value = text(arg(args, 0));
        return new RegExp(`^(?:${text(arg(args, 1))})$`).test(value);
      }
      default:
        throw new FormulaError(`unknown function ${name}`);
    }
  };

  return evaluate(node);
}
