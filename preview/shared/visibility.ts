/**
 * FlexiPage visibility rules (`UiFormulaRule`), evaluated the way Lightning pages evaluate them for the
 * current user: on a component, a Dynamic Forms field or an item of a property list such as the highlights
 * panel's dynamic actions. Criteria the preview understands:
 *
 * - `{!Record.Status__c}`: a field of the page's record; false until the record is loaded;
 * - `{!$Permission.CustomPermission.Name}`: whether the user holds the custom permission (`true`/`false`);
 *   false until the user's permissions are known, so nothing the user may lack flashes on the page;
 * - `{!$Client.FormFactor}`: always `Large`, the desktop.
 *
 * Any other criterion holds. Shared by the shell, which renders pages, and the tests.
 */
import type { VisibilityCriterion, VisibilityRule } from './pageModel';
import { asText } from './text';

export interface VisibilityContext {
  /** A field of the page's record by API name (`Status__c`, `Account__r.Name`); absent while not loaded. */
  readonly field?: (name: string) => unknown;
  /** API names of the custom permissions the user holds; absent while not known. */
  readonly customPermissions?: readonly string[];
}

/** `{!Record.Status__c}` → `Status__c`; undefined for other merge fields. */
export function recordField(leftValue: string): string | undefined {
  return /^\{!Record\.([\w.]+)\}$/.exec(leftValue.trim())?.[1];
}

/** `{!$Permission.CustomPermission.TrustDesk_Log_Notifications}` → `TrustDesk_Log_Notifications`. */
export function customPermission(leftValue: string): string | undefined {
  return /^\{!\$Permission\.CustomPermission\.(\w+)\}$/i.exec(leftValue.trim())?.[1];
}

/** The record fields a rule reads, so the page can load them with the record. */
export function ruleFields(rule: VisibilityRule | undefined): string[] {
  return (rule?.criteria ?? [])
    .map((criterion) => recordField(criterion.leftValue))
    .filter((field): field is string => field !== undefined);
}

export function compare(operator: string, left: unknown, right: string | undefined): boolean {
  const text = left === null || left === undefined ? '' : asText(left);
  const expected = right ?? '';
  switch (operator.toUpperCase()) {
    case 'EQUAL':
      return text === expected || (typeof left === 'boolean' && String(left) === expected.toLowerCase());
    case 'NE':
      return text !== expected && !(typeof left === 'boolean' && String(left) === expected.toLowerCase());
    case 'CONTAINS':
      return text.includes(expected);
    case 'GT':
      return Number(left) > Number(expected);
    case 'GE':
      return Number(left) >= Number(expected);
    case 'LT':
      return Number(left) < Number(expected);
    case 'LE':
      return Number(left) <= Number(expected);
    default:
      return true;
  }
}

/** Evaluates `1 AND (2 OR 3)` with the criteria's results; all must hold when there is no filter. */
export function evaluateFilter(filter: string | undefined, results: readonly boolean[]): boolean {
  if (!filter) return results.every(Boolean);
  const tokens = filter.toUpperCase().match(/\d+|AND|OR|NOT|\(|\)/g) ?? [];
  let position = 0;
  const expression = (): boolean => {
    let value = term();
    while (tokens[position] === 'OR') {
      position++;
      const right = term();
      value = value || right;
    }
    return value;
  };
  const term = (): boolean => {
    let value = factor();
    while (tokens[position] === 'AND') {
      position++;
      const right = factor();
      value = value && right;
    }
    return value;
  };
  const factor = (): boolean => {
    const token = tokens[position++];
    if (token === 'NOT') return !factor();
    if (token === '(') {
      const value = expression();
      position++;
      return value;
    }
    return results[Number(token) - 1] ?? true;
  };
  return expression();
}

function criterionHolds(criterion: VisibilityCriterion, context: VisibilityContext): boolean {
  const field = recordField(criterion.leftValue);
  if (field) {
    return context.field ? compare(criterion.operator, context.field(field), criterion.rightValue) : false;
  }
  const permission = customPermission(criterion.leftValue);
  if (permission) {
    if (!context.customPermissions) return false;
    const held = context.customPermissions.some((name) => name.toLowerCase() === permission.toLowerCase());
    return compare(criterion.operator, held, criterion.rightValue);
  }
  if (/\$Client\.FormFactor/i.test(criterion.leftValue)) {
    return compare(criterion.operator, 'Large', criterion.rightValue);
  }
  return true;
}

/** Whether an item with this rule shows; an item without one always does. */
export function isVisible(rule: VisibilityRule | undefined, context: VisibilityContext): boolean {
  if (!rule) return true;
  return evaluateFilter(
    rule.booleanFilter,
    rule.criteria.map((criterion) => criterionHolds(criterion, context))
  );
}
