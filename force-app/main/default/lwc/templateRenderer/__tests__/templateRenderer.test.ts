import fc from 'fast-check';
import {
  MERGE_FIELDS,
  checkTemplate,
  escapeHtml,
  listMergeFields,
  renderTemplate,
  textToHtml,
  type MergeContext,
  type MergeError,
  type MergeObjectName,
  type RenderOptions,
  type RenderResult
} from 'c/templateRenderer';

const CONTEXT: MergeContext = {
  Account: {
    Name: 'Northwind University',
    Data_Regimes__c: 'GDPR;FERPA',
    Notification_Deadline_Hours__c: 72
  },
  Contact: { FirstName: 'Ana', LastName: 'Silva', Name: 'Ana Silva', Email: 'ana@northwind.example' },
  Opportunity: {
    Name: 'Northwind LMS renewal',
    CloseDate: '2026-09-30',
    Gate_Expected_Clear__c: '2027-03-15'
  },
  AuditCycle: {
    Name: 'SOC 2 Type II FY2026',
    Opinion__c: 'Qualified',
    Reaudit_Target_Date__c: '2027-03-15',
    Bridge_Letter_Valid_Until__c: '2026-12-31'
  },
  CrisisEvent: {
    Name: 'FY2026 qualified opinion',
    Declared_At__c: '2026-03-02T09:30:00.000Z',
    Regulator_Deadline_Hours__c: 72
  }
};

const TEXT: RenderOptions = { channel: 'text' };
const HTML: RenderOptions = { channel: 'html' };

function output(result: RenderResult): string {
  if (!result.ok) {
    throw new Error(`Expected a rendered text, got ${JSON.stringify(result.errors)}`);
  }
  return result.output;
}

function errors(result: RenderResult): readonly MergeError[] {
  if (result.ok) {
    throw new Error(`Expected errors, got ${JSON.stringify(result.output)}`);
  }
  return result.errors;
}

describe('renderTemplate: values', () => {
  it.each([
    ['text field', 'Dear {{Contact.FirstName}},', 'Dear Ana,'],
    [
      'several fields',
      '{{Account.Name}} / {{Opportunity.Name}}',
      'Northwind University / Northwind LMS renewal'
    ],
    [
      'date, readable en-GB',
      'Re-audit by {{AuditCycle.Reaudit_Target_Date__c}}.',
      'Re-audit by 15 March 2027.'
    ],
    ['date on the opportunity', '{{Opportunity.CloseDate}}', '30 September 2026'],
    ['datetime in UTC', 'Declared {{CrisisEvent.Declared_At__c}}', 'Declared 2 March 2026, 09:30 UTC'],
    ['number', 'within {{CrisisEvent.Regulator_Deadline_Hours__c}} hours', 'within 72 hours'],
    ['multi-select as a list', 'Regimes: {{Account.Data_Regimes__c}}', 'Regimes: GDPR, FERPA'],
    ['spaces inside braces', '{{ Account.Name }}', 'Northwind University'],
    [
      'any letter case',
      '{{account.name}} {{AUDITCYCLE.reaudit_target_date__c}}',
      'Northwind University 15 March 2027'
    ],
    ['same field twice', '{{Contact.FirstName}} {{Contact.FirstName}}', 'Ana Ana'],
    ['fallback unused when a value exists', '{{Contact.FirstName|colleague}}', 'Ana'],
    [
      'no merge fields',
      'Plain words, {single braces} and }} alone.',
      'Plain words, {single braces} and }} alone.'
    ],
    ['empty template', '', '']
  ])('%s', (_case, template, expected) => {
    expect(output(renderTemplate(template, CONTEXT, TEXT))).toBe(expected);
  });

  it.each<[string, MergeContext, string, string]>([
    [
      'fallback for an empty value',
      { Contact: { FirstName: '  ' } },
      '{{Contact.FirstName|colleague}}',
      'colleague'
    ],
    ['fallback for a missing record', {}, 'Dear {{Contact.FirstName|customer}}', 'Dear customer'],
    ['fallback for a null record', { Contact: null }, '{{Contact.Name|team}}', 'team'],
    ['fallback trimmed', {}, '{{Contact.FirstName| valued customer }}', 'valued customer'],
    [
      'Date object for a date',
      { AuditCycle: { Report_Date__c: new Date(Date.UTC(2026, 0, 5)) } },
      '{{AuditCycle.Report_Date__c}}',
      '5 January 2026'
    ],
    [
      'datetime string for a date keeps the day',
      { Opportunity: { CloseDate: '2026-09-30T23:30:00Z' } },
      '{{Opportunity.CloseDate}}',
      '30 September 2026'
    ],
    [
      'epoch for a datetime',
      { CrisisEvent: { Declared_At__c: Date.UTC(2026, 6, 1, 8, 5) } },
      '{{CrisisEvent.Declared_At__c}}',
      '1 July 2026, 08:05 UTC'
    ],
    [
      'Date for a datetime',
      { CrisisEvent: { Declared_At__c: new Date(Date.UTC(2026, 6, 1, 8, 5)) } },
      '{{CrisisEvent.Declared_At__c}}',
      '1 July 2026, 08:05 UTC'
    ],
    [
      'numeric string',
      { Account: { Notification_Deadline_Hours__c: '48' } },
      '{{Account.Notification_Deadline_Hours__c}}',
      '48'
    ],
    [
      'large number grouped',
      { Account: { Notification_Deadline_Hours__c: 1200 } },
      '{{Account.Notification_Deadline_Hours__c}}',
      '1,200'
    ],
    [
      'array for a list',
      { CrisisEvent: { Data_Regimes__c: ['GDPR', ' CCPA ', ''] } },
      '{{CrisisEvent.Data_Regimes__c}}',
      'GDPR, CCPA'
    ],
    ['number in a text field', { AuditCycle: { Name: 2026 } }, '{{AuditCycle.Name}}', '2026'],
    ['boolean in a text field', { Opportunity: { StageName: true } }, '{{Opportunity.StageName}}', 'true'],
    ['array in a text field', { Contact: { Title: ['CISO', 'DPO'] } }, '{{Contact.Title}}', 'CISO, DPO'],
    [
      'Windows newlines in a value',
      { Opportunity: { Gate_Reason__c: 'a\r\nb' } },
      '{{Opportunity.Gate_Reason__c}}',
      'a\nb'
    ],
    ['field key in another case', { Account: { name: 'Lower Co' } }, '{{Account.Name}}', 'Lower Co'],
    [
      'value containing braces is not re-merged',
      { Account: { Name: '{{Contact.FirstName}}' } },
      '{{Account.Name}}',
      '{{Contact.FirstName}}'
    ]
  ])('%s', (_case, context, template, expected) => {
    expect(output(renderTemplate(template, context, TEXT))).toBe(expected);
  });

  it('formats dates and numbers in another locale and date-times in another time zone', () => {
    const result = renderTemplate(
      '{{AuditCycle.Reaudit_Target_Date__c}} | {{CrisisEvent.Declared_At__c}} | {{Account.Notification_Deadline_Hours__c}}',
      { ...CONTEXT, Account: { Notification_Deadline_Hours__c: 1200.5 } },
      { channel: 'text', locale: 'de-DE', timeZone: 'Europe/Berlin' }
    );
    expect(output(result)).toBe('15. März 2027 | 2. März 2026, 10:30 MEZ | 1.200,5');
  });

  it('lists the fields it merged, in canonical spelling', () => {
    const result = renderTemplate('{{account.name}} {{Contact.FirstName|x}} {{Account.Name}}', CONTEXT, TEXT);
    expect(result.ok && result.fields).toEqual(['Account.Name', 'Contact.FirstName']);
  });
});

describe('renderTemplate: errors name the field', () => {
  it.each<[string, string, MergeContext, Array<Pick<MergeError, 'field' | 'code'>>]>([
    ['unknown field', '{{Account.Nmae}}', CONTEXT, [{ field: 'Account.Nmae', code: 'unknown-field' }]],
    ['unknown object', '{{Lead.Name}}', CONTEXT, [{ field: 'Lead.Name', code: 'unknown-field' }]],
    [
      'field not in the catalogue',
      '{{Trust_Control__c.Description__c}}',
      CONTEXT,
      [{ field: 'Trust_Control__c.Description__c', code: 'unknown-field' }]
    ],
    [
      'unknown field with a fallback',
      '{{Account.Industry|retail}}',
      CONTEXT,
      [{ field: 'Account.Industry', code: 'unknown-field' }]
    ],
    [
      'empty value',
      'Dear {{Contact.FirstName}}',
      { Contact: { FirstName: '' } },
      [{ field: 'Contact.FirstName', code: 'empty-field' }]
    ],
    [
      'null value',
      '{{AuditCycle.Reaudit_Target_Date__c}}',
      { AuditCycle: { Reaudit_Target_Date__c: null } },
      [{ field: 'AuditCycle.Reaudit_Target_Date__c', code: 'empty-field' }]
    ],
    [
      'missing record',
      '{{CrisisEvent.Name}}',
      { Account: { Name: 'x' } },
      [{ field: 'CrisisEvent.Name', code: 'empty-field' }]
    ],
    [
      'empty list',
      '{{Account.Data_Regimes__c}}',
      { Account: { Data_Regimes__c: [] } },
      [{ field: 'Account.Data_Regimes__c', code: 'empty-field' }]
    ],
    [
      'impossible date',
      '{{Opportunity.CloseDate}}',
      { Opportunity: { CloseDate: '2027-02-30' } },
      [{ field: 'Opportunity.CloseDate', code: 'invalid-value' }]
    ],
    [
      'not a date',
      '{{Opportunity.CloseDate}}',
      { Opportunity: { CloseDate: 'next spring' } },
      [{ field: 'Opportunity.CloseDate', code: 'invalid-value' }]
    ],
    [
      'number for a date',
      '{{Opportunity.CloseDate}}',
      { Opportunity: { CloseDate: 20270315 } },
      [{ field: 'Opportunity.CloseDate', code: 'invalid-value' }]
    ],
    [
      'invalid Date object',
      '{{Opportunity.CloseDate}}',
      { Opportunity: { CloseDate: new Date('x') } },
      [{ field: 'Opportunity.CloseDate', code: 'invalid-value' }]
    ],
    [
      'not a datetime',
      '{{CrisisEvent.Declared_At__c}}',
      { CrisisEvent: { Declared_At__c: 'yesterday' } },
      [{ field: 'CrisisEvent.Declared_At__c', code: 'invalid-value' }]
    ],
    [
      'boolean for a datetime',
      '{{CrisisEvent.Declared_At__c}}',
      { CrisisEvent: { Declared_At__c: true } },
      [{ field: 'CrisisEvent.Declared_At__c', code: 'invalid-value' }]
    ],
    [
      'not a number',
      '{{CrisisEvent.Regulator_Deadline_Hours__c}}',
      { CrisisEvent: { Regulator_Deadline_Hours__c: 'seventy' } },
      [{ field: 'CrisisEvent.Regulator_Deadline_Hours__c', code: 'invalid-value' }]
    ],
    [
      'boolean for a number',
      '{{CrisisEvent.Regulator_Deadline_Hours__c}}',
      { CrisisEvent: { Regulator_Deadline_Hours__c: false } },
      [{ field: 'CrisisEvent.Regulator_Deadline_Hours__c', code: 'invalid-value' }]
    ],
    [
      'number for a list',
      '{{Account.Data_Regimes__c}}',
      { Account: { Data_Regimes__c: 3 } },
      [{ field: 'Account.Data_Regimes__c', code: 'invalid-value' }]
    ],
    [
      'Date for a text',
      '{{Account.Name}}',
      { Account: { Name: new Date(0) } },
      [{ field: 'Account.Name', code: 'invalid-value' }]
    ],
    [
      'invalid value ignores the fallback',
      '{{Opportunity.CloseDate|soon}}',
      { Opportunity: { CloseDate: 'soon' } },
      [{ field: 'Opportunity.CloseDate', code: 'invalid-value' }]
    ],
    [
      'unclosed braces',
      'Dear {{Contact.FirstName',
      CONTEXT,
      [{ field: '{{Contact.FirstName', code: 'malformed' }]
    ],
    ['no object', 'Hi {{FirstName}}', CONTEXT, [{ field: '{{FirstName}}', code: 'malformed' }]],
    ['blank placeholder', 'Hi {{ }}', CONTEXT, [{ field: '{{ }}', code: 'malformed' }]],
    ['nested braces', '{{{Account.Name}}}', CONTEXT, [{ field: '{{{Account.Name}}', code: 'malformed' }]],
    [
      'empty fallback',
      '{{Contact.FirstName|}}',
      CONTEXT,
      [{ field: '{{Contact.FirstName|}}', code: 'malformed' }]
    ],
    [
      'three levels',
      '{{Opportunity.Account.Name}}',
      CONTEXT,
      [{ field: '{{Opportunity.Account.Name}}', code: 'malformed' }]
    ],
    [
      'every problem at once, in order',
      '{{Acount.Name}} {{Contact.FirstName}} {{Opportunity.CloseDate}} {{x',
      { Contact: {}, Opportunity: { CloseDate: 'never' } },
      [
        { field: '{{x', code: 'malformed' },
        { field: 'Acount.Name', code: 'unknown-field' },
        { field: 'Contact.FirstName', code: 'empty-field' },
        { field: 'Opportunity.CloseDate', code: 'invalid-value' }
      ]
    ],
    [
      'duplicates reported once',
      '{{Contact.FirstName}} {{contact.firstname}}',
      {},
      [{ field: 'Contact.FirstName', code: 'empty-field' }]
    ]
  ])('%s', (_case, template, context, expected) => {
    const found = errors(renderTemplate(template, context, TEXT));
    expect(found.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    for (const error of found) {
      expect(error.message.length).toBeGreaterThan(0);
    }
  });

  it('suggests the field an author probably meant', () => {
    const [error] = errors(renderTemplate('{{Acount.Name}}', CONTEXT, TEXT));
    expect(error?.message).toBe(
      '{{Acount.Name}} is not a merge field Trust Desk knows. Did you mean {{Account.Name}}?'
    );
  });

  it('points an object API name to the merge name templates use', () => {
    const [error] = errors(renderTemplate('{{Audit_Cycle__c.Reaudit_Target_Date__c}}', CONTEXT, TEXT));
    expect(error?.message).toContain('Did you mean {{AuditCycle.Reaudit_Target_Date__c}}?');
  });

  it('makes no suggestion when nothing is close', () => {
    const [error] = errors(renderTemplate('{{Zebra.Stripes}}', CONTEXT, TEXT));
    expect(error?.message).toBe('{{Zebra.Stripes}} is not a merge field Trust Desk knows.');
  });

  it('explains an empty value and a missing record differently, both with the fallback syntax', () => {
    const [empty] = errors(renderTemplate('{{Contact.FirstName}}', { Contact: { FirstName: '' } }, TEXT));
    const [missing] = errors(renderTemplate('{{Contact.FirstName}}', {}, TEXT));
    expect(empty?.message).toContain('is empty for this Contact');
    expect(missing?.message).toContain('no Contact was given');
    expect(empty?.message).toContain('{{Contact.FirstName|fallback text}}');
  });

  it('shortens a long broken placeholder in its error', () => {
    const [error] = errors(renderTemplate(`{{${'x'.repeat(60)}\nmore`, CONTEXT, TEXT));
    expect(error?.field).toBe(`{{${'x'.repeat(38)}…`);
  });
});

describe('renderTemplate: required fields', () => {
  it('requires a value even when the template gives a fallback', () => {
    const found = errors(
      renderTemplate(
        'Dear {{Contact.FirstName|customer}}',
        {},
        { channel: 'text', required: ['Contact.FirstName'] }
      )
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ field: 'Contact.FirstName', code: 'empty-field' });
    expect(found[0]?.message).toContain('It is required for this message.');
  });

  it('requires fields the template does not use', () => {
    const found = errors(
      renderTemplate(
        'Hello.',
        { Account: { Name: 'Acme' } },
        { channel: 'text', required: ['Account.Name', ' Contact.Email '] }
      )
    );
    expect(found.map((error) => error.field)).toEqual(['Contact.Email']);
  });

  it('reports an unknown required field', () => {
    const found = errors(renderTemplate('Hello.', CONTEXT, { channel: 'text', required: ['Contact.Phone'] }));
    expect(found).toEqual([expect.objectContaining({ field: 'Contact.Phone', code: 'unknown-field' })]);
  });

  it('passes when every required field has a value', () => {
    const result = renderTemplate('Hello {{Contact.FirstName}}.', CONTEXT, {
      channel: 'text',
      required: ['Contact.FirstName', 'Account.Name']
    });
    expect(output(result)).toBe('Hello Ana.');
  });

  it('reports a required field once when the template also leaves it empty', () => {
    const found = errors(
      renderTemplate('{{Contact.FirstName}}', {}, { channel: 'text', required: ['contact.firstname'] })
    );
    expect(found).toHaveLength(1);
  });
});

describe('renderTemplate: html channel', () => {
  it.each([
    [
      'escapes values',
      '{{Account.Name}}',
      { Account: { Name: '<b>Acme</b> & "Co" \'s' } },
      '<p>&lt;b&gt;Acme&lt;/b&gt; &amp; &quot;Co&quot; &#39;s</p>'
    ],
    [
      'escapes the template text',
      '<script>alert(1)</script> {{Account.Name}}',
      { Account: { Name: 'A' } },
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; A</p>'
    ],
    [
      'line breaks',
      'Dear {{Contact.FirstName}},\nthank you.',
      { Contact: { FirstName: 'Ana' } },
      '<p>Dear Ana,<br>thank you.</p>'
    ],
    ['paragraphs', 'One.\r\n\r\nTwo.\n  \n\n Three.', {}, '<p>One.</p>\n<p>Two.</p>\n<p>Three.</p>'],
    [
      'newlines inside a value',
      '{{Opportunity.Gate_Reason__c}}',
      { Opportunity: { Gate_Reason__c: 'a\nb\n\nc' } },
      '<p>a<br>b</p>\n<p>c</p>'
    ],
    ['escapes the fallback', '{{Contact.FirstName|<i>friend</i>}}', {}, '<p>&lt;i&gt;friend&lt;/i&gt;</p>'],
    ['empty template', '', {}, '']
  ])('%s', (_case, template, context: MergeContext, expected) => {
    expect(output(renderTemplate(template, context, HTML))).toBe(expected);
  });

  it('keeps plain text as is on the text channel', () => {
    expect(output(renderTemplate('<b>{{Account.Name}}</b>', { Account: { Name: 'A & B' } }, TEXT))).toBe(
      '<b>A & B</b>'
    );
  });
});

describe('listMergeFields and checkTemplate', () => {
  it('lists fields in first-seen order, canonical when known, as written when not', () => {
    expect(
      listMergeFields(
        '{{contact.firstname}} {{Account.Name|x}} {{Contact.FirstName}} {{Acme.Thing}} {{bad}} {{x'
      )
    ).toEqual(['Contact.FirstName', 'Account.Name', 'Acme.Thing']);
  });

  it('lists nothing for a template without fields', () => {
    expect(listMergeFields('No fields here.')).toEqual([]);
  });

  it('reports what is wrong with a template whatever the values', () => {
    expect(
      checkTemplate('{{Account.Name}} {{Account.Nmae}} {{Account.Nmae}} {{}}').map((e) => [e.field, e.code])
    ).toEqual([
      ['{{}}', 'malformed'],
      ['Account.Nmae', 'unknown-field']
    ]);
    expect(checkTemplate('Dear {{Contact.FirstName|customer}}')).toEqual([]);
  });

  it('escapes and converts text to HTML on its own', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(textToHtml('a\nb')).toBe('<p>a<br>b</p>');
  });
});

// ----------------------------------------------------------------------------------------------------------
// Properties

const KNOWN_FIELDS: ReadonlyArray<{ object: MergeObjectName; field: string; type: string }> = Object.entries(
  MERGE_FIELDS
).flatMap(([object, fields]) =>
  Object.entries(fields).map(([field, type]) => ({ object: object as MergeObjectName, field, type }))
);
const TEXT_FIELDS = KNOWN_FIELDS.filter((entry) => entry.type === 'text');

/** Any string at all, including markup, quotes, entities, braces, newlines and astral characters. */
const anyString = fc.string({ unit: 'binary', maxLength: 60 });
const nonBlank = anyString.filter((value) => value.trim() !== '');

function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderTemplate: properties', () => {
  it('never lets a value inject markup in html mode', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_FIELDS), nonBlank, anyString, (entry, value, prose) => {
        const template = `${prose.replace(/[{}]/g, '')}{{${entry.object}.${entry.field}}}`;
        const result = renderTemplate(template, { [entry.object]: { [entry.field]: value } }, HTML);
        const html = output(result);
        const withoutOwnTags = html.replace(/<\/?p>|<br>/g, '');
        expect(withoutOwnTags).not.toMatch(/[<>"']/);
        expect(withoutOwnTags.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      })
    );
  });

  it('keeps every character of the text in html mode', () => {
    fc.assert(
      fc.property(nonBlank, (value) => {
        const text = output(renderTemplate('{{Account.Name}}', { Account: { Name: value } }, TEXT));
        const html = output(renderTemplate('{{Account.Name}}', { Account: { Name: value } }, HTML));
        const flattened = unescapeHtml(
          html
            .replace(/<\/p>\n<p>/g, ' ')
            .replace(/<br>/g, ' ')
            .replace(/<\/?p>/g, '')
        );
        const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');
        expect(words(flattened)).toEqual(words(text));
      })
    );
  });

  it('never leaves a placeholder of a known field behind', () => {
    const valueWithoutBraces = nonBlank.filter((value) => !value.includes('{{'));
    fc.assert(
      fc.property(
        fc.array(fc.record({ entry: fc.constantFrom(...TEXT_FIELDS), value: valueWithoutBraces }), {
          minLength: 1,
          maxLength: 6
        }),
        fc.constantFrom<RenderOptions>(TEXT, HTML),
        (uses, options) => {
          const context: Record<string, Record<string, string>> = {};
          for (const { entry, value } of uses) {
            context[entry.object] = { ...context[entry.object], [entry.field]: value };
          }
          const template = uses.map(({ entry }) => `{{${entry.object}.${entry.field}}}`).join(' and ');
          const rendered = output(renderTemplate(template, context, options));
          expect(rendered).not.toContain('{{');
        }
      )
    );
  });

  it('always reports an unknown field by name', () => {
    const identifier = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/);
    const unknownPath = fc
      .tuple(identifier, identifier)
      .map(([object, field]) => `${object}.${field}`)
      .filter(
        (path) => !KNOWN_FIELDS.some((e) => `${e.object}.${e.field}`.toLowerCase() === path.toLowerCase())
      );
    fc.assert(
      fc.property(
        unknownPath,
        anyString,
        fc.constantFrom<RenderOptions>(TEXT, HTML),
        (path, prose, options) => {
          const template = `${prose.replace(/[{}]/g, '')}{{${path}}}`;
          const found = errors(renderTemplate(template, CONTEXT, options));
          expect(found).toContainEqual(expect.objectContaining({ field: path, code: 'unknown-field' }));
          expect(found.find((e) => e.field === path)?.message).toContain(path);
        }
      )
    );
  });

  it('always reports an empty field by name instead of leaving a blank', () => {
    const blank = fc.constantFrom<string | null | undefined>('', ' ', '\n\t', null, undefined);
    fc.assert(
      fc.property(fc.constantFrom(...KNOWN_FIELDS), blank, (entry, value) => {
        const path = `${entry.object}.${entry.field}`;
        const found = errors(
          renderTemplate(`Dear {{${path}}}`, { [entry.object]: { [entry.field]: value } }, TEXT)
        );
        expect(found).toEqual([expect.objectContaining({ field: path, code: 'empty-field' })]);
      })
    );
  });

  it('never throws, whatever the template', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom<RenderOptions>(TEXT, HTML), (template, options) => {
        const result = renderTemplate(template, CONTEXT, options);
        expect(Array.isArray(listMergeFields(template))).toBe(true);
        expect(result.ok ? result.output : '').not.toContain('{{');
      })
    );
  });
});
