/**
 * Merges approved message templates with the records they are sent about. A template names its merge
 * fields as `{{Object.Field}}` (`{{Account.Name}}`, `{{AuditCycle.Reaudit_Target_Date__c}}`), optionally
 * with fallback wording after a bar (`{{Contact.FirstName|colleague}}`).
 *
 * What goes to a customer must be exactly what was approved, so rendering either succeeds completely or
 * fails naming every problem: a misspelled or unknown field, an empty value without a fallback, a value
 * that cannot be read as its type, a broken `{{`. It never returns a letter with a blank or a leftover
 * placeholder in it. For the HTML channel, every character of the template and of every value is
 * escaped before the only markup the renderer itself writes (`<p>` and `<br>`) is added.
 */

/** Where the rendered text goes: a plain-text body or subject, or an HTML email body. */
export type Channel = 'text' | 'html';

/** The records a template can draw on, by the name templates use for them. */
export type MergeObjectName = 'Account' | 'Contact' | 'Opportunity' | 'AuditCycle' | 'CrisisEvent';

/** How a merge field's value is written into the text. */
export type MergeFieldType = 'text' | 'date' | 'datetime' | 'number' | 'boolean' | 'list';

/** A value as the platform returns it: dates as `YYYY-MM-DD`, datetimes as ISO strings, multi-selects `a;b`. */
export type MergeValue = string | number | boolean | Date | readonly string[] | null | undefined;

/** One record's values, keyed by field API name. */
export type MergeRecord = Readonly<Record<string, MergeValue>>;

/** The records to merge; an object the message is not about is left out or null. */
export type MergeContext = Readonly<Partial<Record<MergeObjectName, MergeRecord | null>>>;

/**
 * The merge fields templates may use, with their types. Field API names are those of the package's
 * objects (Account, Contact, Opportunity, Audit_Cycle__c, Crisis_Event__c); anything else is a typo
 * that would otherwise reach a customer as a blank.
 */
export const MERGE_FIELDS: Readonly<Record<MergeObjectName, Readonly<Record<string, MergeFieldType>>>> = {
  Account: {
    Name: 'text',
    Data_Regimes__c: 'list',
    Notification_Deadline_Hours__c: 'number'
  },
  Contact: {
    FirstName: 'text',
    LastName: 'text',
    Name: 'text',
    Salutation: 'text',
    Title: 'text',
    Email: 'text'
  },
  Opportunity: {
    Name: 'text',
    CloseDate: 'date',
    StageName: 'text',
    Security_Review_Stage__c: 'text',
    Compliance_Gate__c: 'text',
    Gate_Reason__c: 'text',
    Gate_Expected_Clear__c: 'date'
  },
  AuditCycle: {
    Name: 'text',
    Framework__c: 'text',
    Report_Type__c: 'text',
    Auditor__c: 'text',
    Opinion__c: 'text',
    Status__c: 'text',
    Period_Start__c: 'date',
    Period_End__c: 'date',
    Report_Date__c: 'date',
    Bridge_Letter_Valid_Until__c: 'date',
    Reaudit_Target_Date__c: 'date'
  },
  CrisisEvent: {
    Name: 'text',
    Event_Type__c: 'text',
    Severity__c: 'text',
    Status__c: 'text',
    Declared_At__c: 'datetime',
    Data_Regimes__c: 'list',
    Regulator_Deadline_Hours__c: 'number'
  }
};

export interface RenderOptions {
  readonly channel: Channel;
  /**
   * Fields that must have a value whether or not the template uses them or gives a fallback, e.g.
   * `['Contact.FirstName']` for a letter that must be addressed to a person.
   */
  readonly required?: readonly string[];
  /** BCP 47 locale for dates and numbers; `en-GB` ("15 March 2027") unless given. */
  readonly locale?: string;
  /** IANA time zone for date-times; `UTC` unless given. Dates (no time) never shift. */
  readonly timeZone?: string;
}

export type MergeErrorCode = 'unknown-field' | 'empty-field' | 'invalid-value' | 'malformed';

/** A problem that stops rendering, naming the merge field (or the broken text) it is about. */
export interface MergeError {
  readonly field: string;
  readonly code: MergeErrorCode;
  readonly message: string;
}

export type RenderResult =
  | {
      readonly ok: true;
      /** The text for the channel: plain text, or escaped HTML with `<p>` and `<br>`. */
      readonly output: string;
      /** The merge fields used, canonical spelling, first-seen order. */
      readonly fields: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly MergeError[] };

const DEFAULT_LOCALE = 'en-GB';
const DEFAULT_TIME_ZONE = 'UTC';
const OPEN = '{{';
const CLOSE = '}}';
const FALLBACK_SEPARATOR = '|';
const FIELD_PATH = /^([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)$/;

/** Object API names an author may write by habit, and the merge name templates use instead. */
const MERGE_NAME_BY_API_NAME: Readonly<Record<string, MergeObjectName>> = {
  audit_cycle__c: 'AuditCycle',
  crisis_event__c: 'CrisisEvent'
};
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;
const MULTI_SELECT_SEPARATOR = ';';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};

interface Placeholder {
  /** The path as written, trimmed, e.g. `account.name`. */
  readonly written: string;
  readonly fallback?: string;
}

type Part = string | Placeholder;

interface ResolvedField {
  readonly object: MergeObjectName;
  readonly field: string;
  readonly type: MergeFieldType;
  /** `Object.Field` in the catalogue's spelling. */
  readonly path: string;
}

interface Tokens {
  readonly parts: readonly Part[];
  readonly errors: readonly MergeError[];
}

/** Locale-bound formatters, created once per render. */
class Formatters {
  private readonly date: Intl.DateTimeFormat;
  private readonly time: Intl.DateTimeFormat;
  private readonly zonedDate: Intl.DateTimeFormat;
  private readonly number: Intl.NumberFormat;

  constructor(locale: string, timeZone: string) {
    const day: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
    this.date = new Intl.DateTimeFormat(locale, { ...day, timeZone: 'UTC' });
    this.zonedDate = new Intl.DateTimeFormat(locale, { ...day, timeZone });
    this.time = new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short'
    });
    this.number = new Intl.NumberFormat(locale);
  }

  /** The text for a non-empty value, or undefined when it cannot be read as the type. */
  format(type: MergeFieldType, value: Exclude<MergeValue, null | undefined>): string | undefined {
    switch (type) {
      case 'date':
        return this.formatDate(value);
      case 'datetime':
        return this.formatDatetime(value);
      case 'number':
        return this.formatNumber(value);
      case 'boolean':
        return formatBoolean(value);
      case 'list':
        return formatList(value);
      default:
        return formatText(value);
    }
  }

  private formatDate(value: Exclude<MergeValue, null | undefined>): string | undefined {
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? undefined : this.date.format(value);
    }
    if (typeof value !== 'string') return undefined;
    const match = ISO_DATE.exec(value.trim());
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2027-02-30 over into March: a date that does not exist is not a date.
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return this.date.format(date);
  }

  private formatDatetime(value: Exclude<MergeValue, null | undefined>): string | undefined {
    let instant: Date | undefined;
    if (value instanceof Date) {
      instant = value;
    } else if (typeof value === 'number') {
      instant = new Date(value);
    } else if (typeof value === 'string' && ISO_DATE.test(value.trim())) {
      instant = new Date(value.trim());
    }
    if (!instant || Number.isNaN(instant.getTime())) return undefined;
    const parts = this.time.formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((candidate) => candidate.type === type)?.value ?? '';
    return `${this.zonedDate.format(instant)}, ${part('hour')}:${part('minute')} ${part('timeZoneName')}`.trim();
  }

  private formatNumber(value: Exclude<MergeValue, null | undefined>): string | undefined {
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? this.number.format(number) : undefined;
  }
}

/**
 * Renders a template for one channel.
 *
 * @example
 * renderTemplate('Dear {{Contact.FirstName}}, re-audit by {{AuditCycle.Reaudit_Target_Date__c}}.', {
 *   Contact: { FirstName: 'Ana' },
 *   AuditCycle: { Reaudit_Target_Date__c: '2027-03-15' }
 * }, { channel: 'text' });
 * // { ok: true, output: 'Dear Ana, re-audit by 15 March 2027.', fields: [...] }
 */
export function renderTemplate(
  template: string,
  context: MergeContext,
  options: RenderOptions
): RenderResult {
  const { parts, errors: syntaxErrors } = tokenize(template);
  const errors: MergeError[] = [...syntaxErrors];
  const fields: string[] = [];
  const formatters = new Formatters(options.locale ?? DEFAULT_LOCALE, options.timeZone ?? DEFAULT_TIME_ZONE);
  let text = '';

  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const resolved = resolveField(part.written);
    if (!resolved) {
      errors.push(unknownFieldError(part.written));
      continue;
    }
    if (!fields.includes(resolved.path)) {
      fields.push(resolved.path);
    }
    const value = formatValue(resolved, context, formatters);
    if (value.ok) {
      text += value.text;
    } else if (value.error.code === 'empty-field' && part.fallback !== undefined) {
      text += part.fallback;
    } else {
      errors.push(value.error);
    }
  }

  for (const path of options.required ?? []) {
    const resolved = resolveField(path.trim());
    if (!resolved) {
      errors.push(unknownFieldError(path.trim()));
      continue;
    }
    const value = formatValue(resolved, context, formatters);
    if (!value.ok) {
      errors.push({ ...value.error, message: `${value.error.message} It is required for this message.` });
    }
  }

  const distinct = dedupe(errors);
  if (distinct.length > 0) {
    return { ok: false, errors: distinct };
  }
  return { ok: true, output: options.channel === 'html' ? textToHtml(text) : text, fields };
}

/**
 * The merge fields a template uses, in first-seen order, without duplicates: known fields in the
 * catalogue's spelling (`Account.Name` for `{{ account.name }}`), unknown ones as written.
 * Broken placeholders are left out; `checkTemplate` reports them.
 */
export function listMergeFields(template: string): string[] {
  const fields: string[] = [];
  for (const part of tokenize(template).parts) {
    if (typeof part === 'string') continue;
    const path = resolveField(part.written)?.path ?? part.written;
    if (!fields.includes(path)) {
      fields.push(path);
    }
  }
  return fields;
}

/**
 * Problems a template has whatever it is merged with: broken `{{`, fields that do not exist, an empty
 * fallback. For template authors, before a template is submitted for approval.
 */
export function checkTemplate(template: string): MergeError[] {
  const { parts, errors } = tokenize(template);
  const problems = [...errors];
  for (const part of parts) {
    if (typeof part !== 'string' && !resolveField(part.written)) {
      problems.push(unknownFieldError(part.written));
    }
  }
  return dedupe(problems);
}

/** Escapes the five characters that are markup in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] ?? character);
}

/**
 * Plain text to an HTML fragment: blank lines separate paragraphs, single line breaks become `<br>`,
 * and everything else is escaped text.
 */
export function textToHtml(text: string): string {
  return normalizeNewlines(text)
    .split(/\n[ \t]*\n\s*/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function tokenize(template: string): Tokens {
  const parts: Part[] = [];
  const errors: MergeError[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf(OPEN, position);
    if (open < 0) {
      parts.push(template.slice(position));
      break;
    }
    if (open > position) {
      parts.push(template.slice(position, open));
    }
    const close = template.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) {
      const snippet = excerpt(template.slice(open));
      errors.push({
        field: snippet,
        code: 'malformed',
        message: `"${snippet}" opens a merge field with {{ but never closes it with }}.`
      });
      break;
    }
    const inner = template.slice(open + OPEN.length, close);
    const placeholder = parsePlaceholder(inner);
    if (typeof placeholder === 'string') {
      errors.push({ field: excerpt(`${OPEN}${inner}${CLOSE}`), code: 'malformed', message: placeholder });
    } else {
      parts.push(placeholder);
    }
    position = close + CLOSE.length;
  }
  return { parts, errors };
}

/** A placeholder, or the reason it is not one. */
function parsePlaceholder(inner: string): Placeholder | string {
  const separator = inner.indexOf(FALLBACK_SEPARATOR);
  const written = (separator < 0 ? inner : inner.slice(0, separator)).trim();
  const shown = `{{${inner}}}`;
  if (inner.includes('{') || inner.includes('}')) {
    return `"${excerpt(shown)}" is not a merge field: braces cannot be nested.`;
  }
  if (!FIELD_PATH.test(written)) {
    return `"${excerpt(shown)}" is not a merge field: write {{Object.Field}}, e.g. {{Account.Name}}.`;
  }
  if (separator < 0) {
    return { written };
  }
  const fallback = inner.slice(separator + 1).trim();
  if (fallback === '') {
    return `"${excerpt(shown)}" has an empty fallback: write the text to use after |, or remove the |.`;
  }
  return { written, fallback };
}

function excerpt(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

function resolveField(written: string): ResolvedField | undefined {
  const match = FIELD_PATH.exec(written);
  if (!match) return undefined;
  const object = (Object.keys(MERGE_FIELDS) as MergeObjectName[]).find(
    (name) => name.toLowerCase() === match[1]?.toLowerCase()
  );
  if (!object) return undefined;
  const catalogue = MERGE_FIELDS[object];
  const field = Object.keys(catalogue).find((name) => name.toLowerCase() === match[2]?.toLowerCase());
  const type = field === undefined ? undefined : catalogue[field];
  if (field === undefined || type === undefined) return undefined;
  return { object, field, type, path: `${object}.${field}` };
}

function unknownFieldError(written: string): MergeError {
  const suggestion = closestKnownField(written);
  const hint = suggestion ? ` Did you mean {{${suggestion}}}?` : '';
  return {
    field: written,
    code: 'unknown-field',
    message: `{{${written}}} is not a merge field Trust Desk knows.${hint}`
  };
}

/** The catalogue field nearest to a misspelling (at most two edits away), to make the error actionable. */
function closestKnownField(written: string): string | undefined {
  const [object = '', field = ''] = written.split('.');
  const alias = MERGE_NAME_BY_API_NAME[object.toLowerCase()];
  const target = (alias ? `${alias}.${field}` : written).toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const [objectName, fields] of Object.entries(MERGE_FIELDS)) {
    for (const fieldName of Object.keys(fields)) {
      const candidate = `${objectName}.${fieldName}`;
      const distance = editDistance(target, candidate.toLowerCase(), bestDistance);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      );
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length] ?? limit, limit);
}

type Formatted =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: MergeError };

function formatValue(resolved: ResolvedField, context: MergeContext, formatters: Formatters): Formatted {
  const record = context[resolved.object];
  const empty = (message: string): Formatted => ({
    ok: false,
    error: { field: resolved.path, code: 'empty-field', message }
  });
  if (!record) {
    return empty(
      `{{${resolved.path}}} has no value: no ${resolved.object} was given for this message. ` +
        `Choose one, or write {{${resolved.path}|fallback text}}.`
    );
  }
  const value = valueOf(record, resolved.field);
  if (isEmpty(value)) {
    return empty(
      `{{${resolved.path}}} is empty for this ${resolved.object}. Fill it in on the record, ` +
        `or write {{${resolved.path}|fallback text}}.`
    );
  }
  const text = formatters.format(resolved.type, value);
  if (text === undefined) {
    return {
      ok: false,
      error: {
        field: resolved.path,
        code: 'invalid-value',
        message: `{{${resolved.path}}} holds "${excerpt(String(value))}", which is not a valid ${resolved.type}.`
      }
    };
  }
  return { ok: true, text };
}

function valueOf(record: MergeRecord, field: string): MergeValue {
  if (Object.prototype.hasOwnProperty.call(record, field)) {
    return record[field];
  }
  const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function isEmpty(value: MergeValue): value is null | undefined {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every((item) => typeof item !== 'string' || item.trim() === '');
  return false;
}

function formatBoolean(value: Exclude<MergeValue, null | undefined>): string | undefined {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === 'true' ? 'Yes' : 'No';
  }
  return undefined;
}

function formatList(value: Exclude<MergeValue, null | undefined>): string | undefined {
  const items = Array.isArray(value)
    ? (value as readonly string[])
    : typeof value === 'string'
      ? value.split(MULTI_SELECT_SEPARATOR)
      : undefined;
  return items
    ?.map((item) => item.trim())
    .filter((item) => item !== '')
    .join(', ');
}

function formatText(value: Exclude<MergeValue, null | undefined>): string | undefined {
  if (typeof value === 'string') return normalizeNewlines(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return formatList(value);
  return undefined;
}

function dedupe(errors: readonly MergeError[]): MergeError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.code}\u0000${error.field.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
