import {
  ALL_SHEETS,
  chooseSheet,
  classifyHeader,
  columnLetter,
  decodeText,
  detectDelimiter,
  detectHeader,
  extractItems,
  gridsFromWorkbook,
  htmlToText,
  inferHeader,
  isDateFormat,
  isQuestionLike,
  jsonErrorIndex,
  otherQuestionSheets,
  parseCsv,
  parseQuestionnaire,
  parseVsaq,
  responseTypeFromLabel,
  serialToIso,
  sheetJsReadOptions,
  splitChoices,
  toCsv,
  type Grid
} from 'c/questionnaireParser';
import { QuestionnaireError } from 'c/questionnaireModel';

/** Runs `action` and returns the QuestionnaireError it throws (fails the test otherwise). */
function errorOf(action: () => unknown): QuestionnaireError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireError);
    return error as QuestionnaireError;
  }
  throw new Error('expected a QuestionnaireError, but nothing was thrown');
}

function grid(rows: string[][], merges?: Grid['merges'], name = 'Sheet1'): Grid {
  return merges ? { name, rows, merges } : { name, rows };
}

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'a simple table',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd']
      ]
    ],
    [
      'CRLF line ends',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd']
      ]
    ],
    [
      'old Mac CR line ends',
      'a,b\rc,d\r',
      [
        ['a', 'b'],
        ['c', 'd']
      ]
    ],
    ['mixed line ends', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']]],
    ['a final line end adds no row', 'a\n', [['a']]],
    ['a blank line in the middle is a blank row', 'a\n\nb', [['a'], [''], ['b']]],
    [
      'empty fields',
      'a,,b\n,,',
      [
        ['a', '', 'b'],
        ['', '', '']
      ]
    ],
    [
      'a trailing delimiter',
      'a,\nb,',
      [
        ['a', ''],
        ['b', '']
      ]
    ],
    ['quoted delimiters', '"a,b",c', [['a,b', 'c']]],
    ['escaped quotes', '"say ""yes""",x', [['say "yes"', 'x']]],
    ['an empty quoted field', '"",x', [['', 'x']]],
    ['a lone quoted empty field', '""', [['']]],
    ['multi-line cells keep their line breaks', '"line 1\nline 2",x', [['line 1\nline 2', 'x']]],
    ['CRLF inside a quoted cell becomes LF', '"line 1\r\nline 2\rline 3"', [['line 1\nline 2\nline 3']]],
    ['a BOM is dropped', '\uFEFFID,Question', [['ID', 'Question']]],
    ['spaces after a closing quote are tolerated', '"a"  ,b', [['a', 'b']]],
    ['a quote inside an unquoted field is literal', 'a"b,c', [['a"b', 'c']]],
    ['spaces around unquoted fields are kept', ' a , b ', [[' a ', ' b ']]],
    [
      'semicolons are detected',
      'ID;Question\n1;Do you encrypt data, at rest?',
      [
        ['ID', 'Question'],
        ['1', 'Do you encrypt data, at rest?']
      ]
    ],
    [
      'tabs are detected',
      'ID\tQuestion\tAnswer\n1\tA, B; C\t',
      [
        ['ID', 'Question', 'Answer'],
        ['1', 'A, B; C', '']
      ]
    ],
    ['Excel sep= line', 'sep=;\r\na;b,c\r\n', [['a', 'b,c']]],
    [
      'title lines do not confuse detection',
      'Security questionnaire\nID;Q\n1;x\n2;y',
      [['Security questionnaire'], ['ID', 'Q'], ['1', 'x'], ['2', 'y']]
    ],
    ['a key with punctuation survives', 'A&A-01.1,"HLAD-04"', [['A&A-01.1', 'HLAD-04']]],
    ['empty text', '', []],
    ['only a BOM', '\uFEFF', []]
  ])('reads %s', (_label, text, rows) => {
    expect(parseCsv(text).rows).toEqual(rows);
  });

  it('names the grid after the file', () => {
    expect(parseCsv('a', { file: 'exports/Vendor SIG.csv' }).name).toBe('Vendor SIG');
    expect(parseCsv('a').name).toBe('CSV');
    expect(parseCsv('a', { file: '.csv' }).name).toBe('.csv');
  });

  it('uses the delimiter it is given', () => {
    expect(parseCsv('a;b,c', { delimiter: ',' }).rows).toEqual([['a;b', 'c']]);
  });

  it.each<[string, string, string, number, string]>([
    ['an unterminated quote', 'ID,Question\n1,"Do you encrypt\n', 'unterminated quoted field', 2, 'B'],
    [
      'text after a closing quote',
      'ID,Question\n1,"Yes"ok',
      'unexpected text after the closing quote',
      2,
      'B'
    ],
    ['an unterminated quote in a later column', 'a,b,c\nd,e,"f', 'unterminated', 2, 'C']
  ])('rejects %s, naming row and column', (_label, text, message, row, column) => {
    const error = errorOf(() => parseCsv(text, { file: 'sig.csv' }));
    expect(error.message).toContain(message);
    expect(error).toMatchObject({ file: 'sig.csv', row, column });
    expect(error.message).toMatch(new RegExp(`^sig\\.csv, row ${row}, column ${column}: `));
    expect(error.message).toMatch(/\(line \d+\)$/);
  });

  it('reports the line where an unterminated quote opened', () => {
    const error = errorOf(() => parseCsv('a\n"b\nc\n\n'));
    expect(error.message).toContain('(line 2)');
    expect(error.row).toBe(2);
  });

  it('enforces the size, row, column and cell limits', () => {
    expect(errorOf(() => parseCsv('abcdef', { maxBytes: 5, file: 'big.csv' })).message).toBe(
      'big.csv: the CSV file is larger than the limit of 5 bytes'
    );
    expect(errorOf(() => parseCsv('é'.repeat(600), { maxBytes: 1024 })).message).toContain('1 KB');
    expect(parseCsv('é'.repeat(500), { maxBytes: 1024 }).rows).toHaveLength(1);
    expect(errorOf(() => parseCsv('😀'.repeat(5), { maxBytes: 19 })).message).toContain('larger than');
    expect(errorOf(() => parseCsv('a'.repeat(1536 * 1024), { maxBytes: 1024 * 1024 })).message).toContain(
      '1 MB'
    );
    const rows = errorOf(() => parseCsv('1\n2\n3\n4', { maxRows: 3 }));
    expect(rows).toMatchObject({ row: 4 });
    expect(rows.message).toContain('more than 3 rows');
    expect(errorOf(() => parseCsv('1\n2\n3\n', { maxRows: 2 })).row).toBe(3);
    const columns = errorOf(() => parseCsv('a,b,c,d', { maxColumns: 3 }));
    expect(columns).toMatchObject({ row: 1, column: 'D' });
    expect(errorOf(() => parseCsv('a,b,c,,,,d', { maxColumns: 3 }))).toMatchObject({ row: 1, column: 'G' });
    // Rows padded with empty cells (trailing delimiters) are not wider than what they hold.
    expect(parseCsv('a,b,c,,,,\nd,e,,,, ,', { maxColumns: 3 }).rows).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', '']
    ]);
    const cell = errorOf(() => parseCsv('ok,"tooooo long"', { maxCellLength: 5 }));
    expect(cell).toMatchObject({ row: 1, column: 'B' });
    expect(cell.message).toContain('limit of 5 characters');
  });

  it('rejects something that is not text', () => {
    expect(errorOf(() => parseCsv(42 as unknown as string)).message).toContain('expected the text');
  });
});

describe('detectDelimiter and toCsv', () => {
  it.each<[string, string]>([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1;2;3', ';'],
    ['a\tb\n1\t2', '\t'],
    ['no delimiters at all', ','],
    ['"x;y;z",b\n"1;2;3",c', ','],
    ['a;b\n"c\nd";e', ';']
  ])('detects the delimiter of %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('writes CSV that reads back to the same grid', () => {
    const rows = [
      ['ID', 'Question', 'Notes'],
      ['A&A-01.1', 'Multi\nline, "quoted"', ' padded '],
      [''],
      ['sep=;', '', '\uFEFFbom']
    ];
    const text = toCsv(rows);
    expect(text.split('\r\n')[2]).toBe('""');
    expect(parseCsv(text).rows).toEqual(rows);
    expect(parseCsv(toCsv(rows, ';')).rows).toEqual(rows);
    expect(parseCsv(toCsv(rows, '\t')).rows).toEqual(rows);
  });
});

describe('classifyHeader', () => {
  it.each<[string, string | undefined]>([
    ['Question ID', 'key'],
    ['Ques Num', 'key'],
    ['#', 'key'],
    ['Ref.', 'key'],
    ['Control ID', 'key'],
    ['Question', 'question'],
    ['Question/Request', 'question'],
    ['Consensus Assessment Questions', 'question'],
    ['Requirement', 'question'],
    ['Control', 'question'],
    ['Control Domain', 'section'],
    ['Category', 'section'],
    ['Section No', 'known'],
    ['CSP CAIQ Answer', 'answer'],
    ['Vendor Response', 'answer'],
    ['Y/N', 'answer'],
    ['Response Type', 'responseType'],
    ['Answer Options', 'choices'],
    ['Additional Information', 'comments'],
    ['CSP Implementation Description (Optional/Recommended)', 'comments'],
    ['SSRM Control Ownership', 'known'],
    ['Item', 'key'],
    ['S/N', 'key'],
    ['N°', 'key'],
    ['Nº', 'key'],
    ['Numéro', 'key'],
    ['Identifiant', 'key'],
    ['番号', 'key'],
    ['Question (please answer all)', 'question'],
    ['Questions to the Supplier', 'question'],
    ['Frage', 'question'],
    ['Pregunta', 'question'],
    ['Exigence', 'question'],
    ['質問', 'question'],
    ['Réponse', 'answer'],
    ['Antwort', 'answer'],
    ['回答', 'answer'],
    ['Catégorie', 'section'],
    ['区分', 'section'],
    ['Commentaires', 'comments'],
    ['Security Questionnaire', undefined],
    ['Please (see the guide)', undefined],
    ['Please answer every question below', undefined],
    ['Do you encrypt data at rest?', undefined],
    ['constructor', undefined],
    ['', undefined]
  ])('classifies %j as %s', (cell, role) => {
    expect(classifyHeader(cell)?.role).toBe(role);
  });

  it('reads the choices a response header names', () => {
    expect(classifyHeader('Response (Yes/No/N/A)')).toEqual({
      role: 'answer',
      rank: 0,
      choices: ['Yes', 'No', 'N/A']
    });
    expect(classifyHeader('Yes/No')).toEqual({ role: 'answer', rank: 0, choices: ['Yes', 'No'] });
  });

  it('prefers the question id over the control id as the key', () => {
    const header = detectHeader([['Control ID', 'Question ID', 'Question', 'Notes']]);
    expect(header).toMatchObject({ row: 0, key: 1, question: 2, comments: 3 });
  });
});

describe('header detection on realistic layouts', () => {
  it('reads a SIG-Lite-like sheet: titles, instructions and contact rows above a header on row 5', () => {
    const sheet = grid([
      ['Standardized Information Gathering (SIG Lite) 2024 - Vendor Questionnaire'],
      ['Instructions: Please answer each question in the Response column and add detail where needed.'],
      [],
      ['Company Name:', 'Acme Learning Inc.'],
      ['Ques Num', 'Question/Request', 'Response', 'Additional Information'],
      ['A. Risk Assessment and Treatment'],
      ['A.1', 'Is there a risk assessment program that has been approved by management?', '', ''],
      ['A.1.1', 'Does the risk assessment program include\na formal risk treatment plan?', 'Yes/No', ''],
      ['B. Security Policy'],
      ['B.1', 'Is there an information security policy that has been approved by management?'],
      ['B.1.1', 'Has the policy been reviewed in the last 12 months?', '', ''],
      [''],
      ['Completed by:', '']
    ]);
    const parsed = extractItems(sheet, { file: 'sig-lite.xlsx' });
    expect(parsed.format).toBe('xlsx');
    expect(parsed.sheet).toBe('Sheet1');
    expect(parsed.layout).toEqual({ headerRow: 4, key: 0, question: 1, answer: 2, comments: 3 });
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      ['A.1', 'A. Risk Assessment and Treatment'],
      ['A.1.1', 'A. Risk Assessment and Treatment'],
      ['B.1', 'B. Security Policy'],
      ['B.1.1', 'B. Security Policy']
    ]);
    expect(parsed.items[1]).toEqual({
      key: 'A.1.1',
      section: 'A. Risk Assessment and Treatment',
      question: 'Does the risk assessment program include\na formal risk treatment plan?',
      responseType: 'Yes/No',
      choices: ['Yes', 'No'],
      order: 1,
      origin: 'Sheet1!B8'
    });
    expect(parsed.items.length + parsed.excluded).toBe(sheet.rows.length);
    expect(parsed.warnings.join('\n')).toContain('9 rows excluded as not questions');
  });

  it('reads a CAIQ-like sheet: merged domain cells apply to every row they span, keys stay verbatim', () => {
    const sheet = grid(
      [
        ['Consensus Assessments Initiative Questionnaire v4.0.3'],
        [
          'Control Domain',
          'Question ID',
          'Question',
          'CSP CAIQ Answer',
          'SSRM Control Ownership',
          'CSP Implementation Description (Optional/Recommended)'
        ],
        [
          'Audit & Assurance',
          'A&A-01.1',
          'Are audit and assurance policies, procedures, and standards established?'
        ],
        [
          '',
          'A&A-01.2',
          'Are audit and assurance policies, procedures, and standards reviewed\nat least annually?'
        ],
        ['', 'A&A-02.1', 'Are independent audit and assurance assessments conducted at least annually?'],
        ['Application & Interface Security', 'AIS-01.1', 'Are application security policies established?'],
        ['', 'AIS-01.2', 'Are application security policies reviewed and updated at least annually?'],
        ['', '', '']
      ],
      [
        { startRow: 2, startCol: 0, endRow: 4, endCol: 0 },
        { startRow: 5, startCol: 0, endRow: 7, endCol: 0 }
      ],
      'CAIQv4.0.3'
    );
    const parsed = extractItems(sheet);
    expect(parsed.sheet).toBe('CAIQv4.0.3');
    expect(parsed.items.map((item) => `${item.key} | ${item.section}`)).toEqual([
      'A&A-01.1 | Audit & Assurance',
      'A&A-01.2 | Audit & Assurance',
      'A&A-02.1 | Audit & Assurance',
      'AIS-01.1 | Application & Interface Security',
      'AIS-01.2 | Application & Interface Security'
    ]);
    expect(parsed.items[1]?.question).toContain('\nat least annually?');
    expect(parsed.items[3]?.origin).toBe('CAIQv4.0.3!C6');
    expect(parsed.layout).toMatchObject({
      headerRow: 1,
      section: 0,
      key: 1,
      question: 2,
      answer: 3,
      comments: 5
    });
    expect(parsed.excluded).toBe(3);
  });

  it('reads a HECVAT-like sheet: sections from heading rows, HLAD keys', () => {
    const sheet = grid(
      [
        ['Higher Education Community Vendor Assessment Toolkit - Lite'],
        ['Vendor Name:', 'Northwind EdTech'],
        ['Question ID', 'Question', 'Answer', 'Additional Information'],
        ['Application/Service Security', '', '', ''],
        ['HLAD-01', 'Do you support role-based access control (RBAC) for end-users?', 'Yes/No', ''],
        [
          'HLAD-02',
          'Do you support role-based access control (RBAC) for system administrators?',
          'Yes / No / N/A',
          ''
        ],
        ['', 'Authentication, Authorization, and Account Management'],
        ['HLAD-03', 'Can employees at our institution use single sign-on (SSO) via SAML?', '', ''],
        ['HLAD-04', 'Describe your password complexity and rotation requirements.', '', 'See policy'],
        ['Question ID', 'Question', 'Answer', 'Additional Information'],
        ['HLAD-05', 'Do you log and retain administrator actions for at least 90 days?', '', '']
      ],
      [{ startRow: 3, startCol: 0, endRow: 3, endCol: 3 }],
      'HECVAT Lite'
    );
    const parsed = extractItems(sheet);
    expect(parsed.items.map((item) => [item.key, item.section, item.responseType])).toEqual([
      ['HLAD-01', 'Application/Service Security', 'Yes/No'],
      ['HLAD-02', 'Application/Service Security', 'Yes/No'],
      ['HLAD-03', 'Authentication, Authorization, and Account Management', 'Text'],
      ['HLAD-04', 'Authentication, Authorization, and Account Management', 'Text'],
      ['HLAD-05', 'Authentication, Authorization, and Account Management', 'Text']
    ]);
    expect(parsed.items[1]?.choices).toEqual(['Yes', 'No', 'N/A']);
    expect(parsed.warnings.join('\n')).toMatch(/2 header, 2 section heading/);
  });

  it('reads a buyer sheet without a key column, generating keys and saying so', () => {
    const sheet = grid([
      ['Question', 'Response', 'Comments'],
      ['Access Control'],
      ['Do you enforce multi-factor authentication for all remote access?', '', ''],
      ['Describe your password policy.', '', ''],
      ['Data Protection'],
      ['Is customer data encrypted at rest?'],
      ['Is customer data encrypted in transit?', '', 'TLS 1.2+']
    ]);
    const parsed = extractItems(sheet, { format: 'csv' });
    expect(parsed.format).toBe('csv');
    expect(parsed.sheet).toBeUndefined();
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      ['R3', 'Access Control'],
      ['R4', 'Access Control'],
      ['R6', 'Data Protection'],
      ['R7', 'Data Protection']
    ]);
    expect(parsed.warnings[0]).toBe(
      "sheet 'Sheet1' has no key column: keys were generated from row numbers (R3, R4, R6, ...)"
    );
  });

  it('keeps a terse requirement list as items rather than headings', () => {
    const parsed = extractItems(
      grid([
        ['Requirement'],
        ['Encryption at rest'],
        ['Encryption in transit'],
        ['Single sign-on'],
        ['Do you have a SOC 2 report?']
      ])
    );
    expect(parsed.items.map((item) => item.question)).toEqual([
      'Encryption at rest',
      'Encryption in transit',
      'Single sign-on',
      'Do you have a SOC 2 report?'
    ]);
  });

  it('excludes contact details, repeated headers and instructions; reads types and choices columns', () => {
    const sheet = grid([
      ['Vendor Security Questionnaire'],
      ['Name:', ''],
      ['Email:', 'jane.doe@example.com'],
      ['Phone:', '+1 555 010 0199'],
      [],
      ['#', 'Question', 'Response Type', 'Choices', 'Answer'],
      ['Please complete every question before returning the sheet.'],
      ['1', 'Do you have a SOC 2 Type II report?', 'Yes/No', '', ''],
      ['2', 'Which cloud providers host customer data?', 'Multiple Choice', 'AWS; Azure; GCP; Other', ''],
      ['#', 'Question', 'Response Type', 'Choices', 'Answer'],
      ['3', 'When was your last penetration test?', 'Date', '', ''],
      ['4', 'How many employees do you have?', 'Number', '', ''],
      ['5', 'Which region stores backups?', '', 'US\nEU\nAPAC', ''],
      ['6', 'Is data deleted at contract end?', '', 'Yes|No', ''],
      ['7', 'Do you run a bug bounty?', 'Yes/No/N/A', '', ''],
      ['8', 'Do you use subprocessors?', '', '', 'Yes / No'],
      ['9', 'Describe your SDLC.', 'Free text', 'ignored', ''],
      ['10', 'Select your hosting model.', 'Yes, No', '', ''],
      ['11', 'Pick your tier.', 'Gold/Silver', '', ''],
      ['12', 'Attach your policy.', 'File upload', '', ''],
      ['13', 'Do you have cyber insurance?', 'Boolean', 'Yes; No; N/A', ''],
      ['Primary contact:', 'Jane Doe'],
      ['jane.doe@example.com'],
      ['Company', 'Northwind'],
      ['14', '', 'Yes/No', '', '']
    ]);
    const parsed = extractItems(sheet);
    const byKey = new Map(parsed.items.map((item) => [item.key, item]));
    expect([...byKey.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13']);
    expect(byKey.get('1')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No'] });
    expect(byKey.get('2')).toMatchObject({
      responseType: 'Multiple Choice',
      choices: ['AWS', 'Azure', 'GCP', 'Other']
    });
    expect(byKey.get('3')).toMatchObject({ responseType: 'Date', choices: [] });
    expect(byKey.get('4')).toMatchObject({ responseType: 'Number', choices: [] });
    expect(byKey.get('5')).toMatchObject({ responseType: 'Single Choice', choices: ['US', 'EU', 'APAC'] });
    expect(byKey.get('6')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No'] });
    expect(byKey.get('7')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No', 'N/A'] });
    expect(byKey.get('8')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No'] });
    expect(byKey.get('9')).toMatchObject({ responseType: 'Text', choices: [] });
    expect(byKey.get('10')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No'] });
    expect(byKey.get('11')).toMatchObject({ responseType: 'Single Choice', choices: ['Gold', 'Silver'] });
    expect(byKey.get('12')).toMatchObject({ responseType: 'Text' });
    expect(byKey.get('13')).toMatchObject({ responseType: 'Yes/No', choices: ['Yes', 'No', 'N/A'] });
    const summary = parsed.warnings.find((warning) => warning.includes('excluded')) ?? '';
    expect(summary).toContain('6 contact detail');
    expect(summary).toContain('1 instruction');
    expect(summary).toContain('2 header');
    expect(summary).toContain('1 without question text');
    expect(parsed.items.length + parsed.excluded).toBe(sheet.rows.length);
  });

  it('treats numbered titles followed by sub-keys as headings', () => {
    const parsed = extractItems(
      grid([
        ['ID', 'Question'],
        ['1', 'Access Control'],
        ['1.1', 'Do you enforce MFA for administrators?'],
        ['1.2', 'Do you review access quarterly?'],
        ['2', 'Logging'],
        ['2.1', 'Are security logs retained for a year?'],
        ['3', 'Do you have a CISO?']
      ])
    );
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      ['1.1', 'Access Control'],
      ['1.2', 'Access Control'],
      ['2.1', 'Logging'],
      ['3', 'Logging']
    ]);
  });

  it.each([
    ['1.0', '1.1', '2.0', '2.1'],
    ['1.', '1.1', '2.', '2.1'],
    ['Section 1', '1.1', 'Section 2', '2.1'],
    ['1', '1,1', '2', '2,1']
  ])('treats %s-style numbered titles as headings', (first, child, second, secondChild) => {
    const parsed = extractItems(
      grid([
        ['ID', 'Question'],
        [first, 'Governance, risk and compliance program management and its oversight'],
        [child, 'Do you have an information security policy?'],
        [second, 'Access Control'],
        [secondChild, 'Do you enforce MFA for administrators?']
      ])
    );
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      [child, 'Governance, risk and compliance program management and its oversight'],
      [secondChild, 'Access Control']
    ]);
  });

  it('keeps a numbered question whose key only looks like a parent', () => {
    const parsed = extractItems(
      grid([
        ['ID', 'Question'],
        ['1.0', 'Do you have an information security policy?'],
        ['1.1', 'Is it reviewed every year?'],
        ['10', 'Do you encrypt backups?']
      ])
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['1.0', '1.1', '10']);
  });

  it('leaves out closing, thanks and attestation lines, and the signature block', () => {
    const parsed = extractItems(
      grid([
        ['ID', 'Question', 'Response'],
        ['SEC-01', 'Do you enforce MFA?', ''],
        ['', 'Thank you for completing this questionnaire.', ''],
        ['', 'By signing below, I confirm that the answers are accurate.', ''],
        ['', 'I certify that I am authorised to answer on behalf of the company.', ''],
        ['', 'The undersigned is authorised to bind the vendor.', ''],
        ['Authorized Signature:', '', ''],
        ['Date:', '', '']
      ])
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['SEC-01']);
    expect(parsed.excluded).toBe(7);
  });

  it('reads a sheet whose section titles repeat the column labels and no row names the questions', () => {
    const label = (title: string): string[] => [title, '', 'Vendor Answers', 'Additional Information'];
    const parsed = extractItems(
      grid([
        ['HEC Cloud Vendor Assessment Tool - Lite', '', '', ''],
        ['Instructions: complete each question in the Vendor Answers column.', '', '', ''],
        label('General Information'),
        ['GNRL-01', 'Vendor Name', 'Northwind', ''],
        ['GNRL-02', 'Product Description', '', ''],
        label('Company Overview'),
        ['COMP-01', 'Do you have a dedicated information security office?', '', ''],
        ['COMP-02', 'Have you had an unplanned outage in the last 12 months?', '', ''],
        label('Documentation'),
        ['DOCU-01', 'Have you undergone a SOC 2 audit?', '', '']
      ])
    );
    expect(parsed.items.map((item) => [item.key, item.section, item.question])).toEqual([
      ['GNRL-01', 'General Information', 'Vendor Name'],
      ['GNRL-02', 'General Information', 'Product Description'],
      ['COMP-01', 'Company Overview', 'Do you have a dedicated information security office?'],
      ['COMP-02', 'Company Overview', 'Have you had an unplanned outage in the last 12 months?'],
      ['DOCU-01', 'Documentation', 'Have you undergone a SOC 2 audit?']
    ]);
    expect(parsed.layout).toMatchObject({ headerRow: 2, key: 0, question: 1, answer: 2, comments: 3 });
    expect(parsed.warnings[0]).toBe(
      'no row names the question column: column B was read as the questions and column A as their keys, ' +
        'from what their cells hold'
    );
  });

  it('never takes a row holding a key such as GNRL-03 for the header', () => {
    expect(detectHeader([['GNRL-03', 'Product Description', '', '']])).toBeUndefined();
    expect(detectHeader([['Ref', 'Question', 'SOC2', 'ISO27001']])).toMatchObject({
      row: 0,
      key: 0,
      question: 1
    });
    expect(inferHeader([['Title'], ['GNRL-01', 'Vendor Name']])).toBeUndefined();
  });

  it('takes the questions from the column whose cells read as questions when the header spans two', () => {
    const parsed = extractItems(
      grid(
        [
          ['Question', '', 'Response'],
          ['A.1', 'Do you have an information security policy?', ''],
          ['A.2', 'Is the policy reviewed every year?', ''],
          ['B.1', 'Describe how access is removed when staff leave', '']
        ],
        [{ startRow: 0, startCol: 0, endRow: 0, endCol: 1 }]
      )
    );
    expect(parsed.items.map((item) => [item.key, item.question])).toEqual([
      ['A.1', 'Do you have an information security policy?'],
      ['A.2', 'Is the policy reviewed every year?'],
      ['B.1', 'Describe how access is removed when staff leave']
    ]);
    expect(parsed.warnings).toContain(
      'column B holds the questions (column A, also headed as questions, holds their keys)'
    );
  });

  it('chooses between two question headers by what their cells hold', () => {
    const parsed = extractItems(
      grid([
        ['Question', 'Question Text', 'Answer'],
        ['Q1', 'Do you encrypt data at rest?', ''],
        ['Q2', 'Do you enforce MFA for administrators?', '']
      ])
    );
    expect(parsed.items.map((item) => [item.key, item.question])).toEqual([
      ['Q1', 'Do you encrypt data at rest?'],
      ['Q2', 'Do you enforce MFA for administrators?']
    ]);
    const statements = extractItems(
      grid([
        ['Question', 'Question Text'],
        ['Do you encrypt data at rest?', 'Encryption'],
        ['Do you enforce MFA?', 'Identity']
      ])
    );
    expect(statements.items.map((item) => item.question)).toEqual([
      'Do you encrypt data at rest?',
      'Do you enforce MFA?'
    ]);
  });

  it('uses an unlabelled column of keys left of the questions', () => {
    const parsed = extractItems(
      grid([
        ['', 'Question', 'Answer'],
        ['IAM-01', 'Do you enforce MFA?', ''],
        ['IAM-02', 'Do you use SSO?', '']
      ])
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['IAM-01', 'IAM-02']);
    expect(parsed.warnings[0]).toBe('column A has no header but holds keys: it was used as the key column');
    expect(parsed.layout?.key).toBe(0);
  });

  it('does not take an unlabelled column of notes for keys, but looks past it', () => {
    const parsed = extractItems(
      grid([
        ['', '', 'Question'],
        ['see note', 'x', 'Do you enforce MFA?'],
        ['', 'y', 'Do you use SSO?']
      ])
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['R2', 'R3']);
    const other = extractItems(
      grid([
        ['', '', 'Question'],
        ['A-1', 'free text', 'Do you enforce MFA?'],
        ['A-2', 'more', 'Do you use SSO?']
      ])
    );
    expect(other.items.map((item) => item.key)).toEqual(['A-1', 'A-2']);
  });

  it('generates keys for question rows that lack one and warns about duplicates', () => {
    const parsed = extractItems(
      grid([
        ['Ref', 'Question'],
        ['', 'Do you encrypt backups with keys you manage?'],
        ['BK-1', 'Are backups tested?'],
        ['BK-1', 'Are backups stored off site?']
      ])
    );
    expect(parsed.items.map((item) => item.key)).toEqual(['R2', 'BK-1', 'BK-1']);
    expect(parsed.warnings).toEqual(
      expect.arrayContaining([
        '1 question row had no key in column A: keys generated from row numbers (R2)',
        "1 key appears more than once: 'BK-1' (rows 3, 4)"
      ])
    );
  });

  it('warns when a header has nothing below it', () => {
    const parsed = extractItems(grid([['ID', 'Question']]));
    expect(parsed.items).toEqual([]);
    expect(parsed.warnings).toContain("sheet 'Sheet1' has a header on row 1 but no question rows below it");
  });

  it('fills merged cells only downwards and never duplicates a merged question', () => {
    const parsed = extractItems(
      grid(
        [
          ['ID', 'Question', 'Section'],
          ['Q-1', 'Do you run vulnerability scans?', 'Testing'],
          ['Q-2', '', ''],
          ['Q-3', 'Do you run penetration tests?', '']
        ],
        [
          { startRow: 1, startCol: 1, endRow: 2, endCol: 1 },
          { startRow: 1, startCol: 2, endRow: 3, endCol: 2 },
          { startRow: 0, startCol: 5, endRow: 0, endCol: 6 },
          { startRow: 9, startCol: 0, endRow: 12, endCol: 0 },
          { startRow: 3, startCol: 4, endRow: 5, endCol: 4 }
        ]
      )
    );
    expect(parsed.items.map((item) => [item.key, item.section])).toEqual([
      ['Q-1', 'Testing'],
      ['Q-3', 'Testing']
    ]);
  });

  it('ignores malformed merges', () => {
    const bad = {
      name: 'S',
      rows: [
        ['ID', 'Question'],
        ['1', 'Do you?']
      ],
      merges: 'nope'
    } as unknown as Grid;
    expect(extractItems(bad).items).toHaveLength(1);
    const partly = {
      name: 'S',
      rows: [
        ['ID', 'Question'],
        ['1', 'Do you patch?']
      ],
      merges: [{ startRow: -1, startCol: 0, endRow: 1, endCol: 0 }, null]
    } as unknown as Grid;
    expect(extractItems(partly).items).toHaveLength(1);
  });
});

describe('extractItems errors', () => {
  it('says which columns it expected when no header row is found', () => {
    const error = errorOf(() =>
      extractItems(grid([['Vendor assessment'], ['Acme', 'Yes']], undefined, 'Intro'), { file: 'buyer.xlsx' })
    );
    expect(error.message).toBe(
      "buyer.xlsx: no header row found in the first 2 rows of sheet 'Intro': expected a question column headed " +
        'Question, Requirement, Control or Description, and optionally ID/#/Ref, Section/Category/Domain, ' +
        'Response/Answer, Type and Choices columns'
    );
  });

  it('only searches the first rows for the header', () => {
    const rows = [...Array.from({ length: 5 }, () => ['title']), ['ID', 'Question'], ['1', 'Do you?']];
    expect(errorOf(() => extractItems(grid(rows), { headerSearchRows: 3 })).message).toContain(
      'first 3 rows'
    );
    expect(extractItems(grid(rows)).items).toHaveLength(1);
  });

  it('names row and column letter for a cell over the limit', () => {
    const long = 'x'.repeat(51);
    const error = errorOf(() =>
      extractItems(
        grid([
          ['ID', 'Question', 'Notes'],
          ['1', 'Do you?', long]
        ]),
        { maxCellLength: 50, file: 'f.xlsx' }
      )
    );
    expect(error).toMatchObject({ file: 'f.xlsx', row: 2, column: 'C' });
    expect(error.message).toBe(
      'f.xlsx, row 2, column C: cell is 51 characters long, more than the limit of 50'
    );
  });

  it('enforces the row limit, including rows the reader did not keep', () => {
    const rows = [
      ['ID', 'Question'],
      ['1', 'Do you?'],
      ['2', 'Do you?']
    ];
    expect(errorOf(() => extractItems(grid(rows), { maxRows: 2 })).row).toBe(3);
    const truncated: Grid = { name: 'Big', rows, rowCount: 50000 };
    expect(errorOf(() => extractItems(truncated)).message).toContain("sheet 'Big' has 50000 rows");
  });

  it('enforces the column limit and the key length', () => {
    const wide = errorOf(() => extractItems(grid([['ID', 'Question', '', '', 'x']]), { maxColumns: 3 }));
    expect(wide).toMatchObject({ row: 1, column: 'D' });
    expect(extractItems(grid([['ID', 'Question', '', '', ' ']]), { maxColumns: 3 }).items).toEqual([]);
    const key = errorOf(() =>
      extractItems(
        grid([
          ['ID', 'Question'],
          ['K'.repeat(300), 'Do you?']
        ])
      )
    );
    expect(key).toMatchObject({ row: 2, column: 'A' });
    expect(key.message).toContain('more than the limit of 255');
  });

  it('rejects malformed grids with a typed error', () => {
    expect(errorOf(() => extractItems(null as unknown as Grid)).message).toContain('not a sheet');
    expect(errorOf(() => extractItems({ name: 'x', rows: [1] } as unknown as Grid)).row).toBe(1);
    expect(errorOf(() => extractItems({ name: 'x', rows: [['a', 5]] } as unknown as Grid)).column).toBe('B');
    expect(extractItems({ rows: [['ID', 'Question']] } as unknown as Grid).sheet).toBe('Sheet1');
  });
});

describe('chooseSheet', () => {
  const intro = grid([['Welcome'], ['Read the instructions first.']], undefined, 'Introduction');
  const questions = grid(
    [
      ['ID', 'Question'],
      ['1', 'Do you encrypt data at rest?'],
      ['2', 'Describe your incident response process']
    ],
    undefined,
    'Questions'
  );

  it('picks the named sheet, exactly or ignoring case and spaces', () => {
    expect(chooseSheet([intro, questions], 'Introduction').name).toBe('Introduction');
    expect(chooseSheet([intro, questions], ' questions ').name).toBe('Questions');
  });

  it('picks the sheet with the most question-like rows by default', () => {
    expect(chooseSheet([intro, questions]).name).toBe('Questions');
    expect(chooseSheet([intro, questions], '').name).toBe('Questions');
    expect(chooseSheet([intro]).name).toBe('Introduction');
  });

  it('never picks a hidden sheet unless it is named, or every sheet is hidden', () => {
    const old = {
      ...grid(
        [...questions.rows.map((row) => [...row]), ['3', 'Do you use SSO?']],
        undefined,
        'Questions 2019'
      ),
      hidden: true
    };
    expect(chooseSheet([intro, old, questions]).name).toBe('Questions');
    expect(chooseSheet([intro, old, questions], 'Questions 2019').name).toBe('Questions 2019');
    expect(chooseSheet([{ ...intro, hidden: true }, old]).name).toBe('Questions 2019');
  });

  it('prefers a sheet with a header row over one with more question-like lines', () => {
    const faq = grid(
      [
        ['Help for vendors'],
        ['How do I answer a question?'],
        ['Who do I contact with questions?'],
        ['What happens after I submit?'],
        ['Can I save and come back later?']
      ],
      undefined,
      'Instructions & FAQ'
    );
    expect(chooseSheet([faq, questions]).name).toBe('Questions');
  });

  it('names the other sheets that also hold questions, and warns that they were not read', () => {
    const more = (name: string): Grid =>
      grid(
        [
          ['ID', 'Question'],
          [`${name}-01`, 'Do you encrypt data at rest?'],
          [`${name}-02`, 'Do you review access every quarter?'],
          [`${name}-03`, 'Describe your incident response process']
        ],
        undefined,
        name
      );
    const organization = more('Organization');
    const product = more('Product');
    const hiddenCopy = { ...more('Old'), hidden: true };
    expect(otherQuestionSheets([intro, organization, product, hiddenCopy], organization)).toEqual([
      'Product'
    ]);
    const parsed = parseQuestionnaire({ fileName: 'hecvat.xlsx', grids: [intro, organization, product] });
    expect(parsed.sheet).toBe('Organization');
    expect(parsed.warnings).toContain(
      "only sheet 'Organization' was read; sheet 'Product' also holds questions: choose all sheets to import them together"
    );
    const named = parseQuestionnaire({
      fileName: 'hecvat.xlsx',
      grids: [intro, organization, product],
      sheet: 'Product'
    });
    expect(named.warnings.join(' ')).not.toContain('only sheet');
  });

  describe('all sheets at once', () => {
    const tab = (name: string, rows: string[][], hidden = false): Grid => ({
      ...grid([['ID', 'Question'], ...rows], undefined, name),
      ...(hidden ? { hidden } : {})
    });
    const organization = tab('Organization', [
      ['GNRL-01', 'Do you have a security officer?'],
      ['DOCU-01', 'Do you have a written security policy?']
    ]);
    const product = tab('Product', [
      ['APPL-01', 'Do you support SSO?'],
      ['GNRL-01', 'Does the product store institutional data?']
    ]);
    const old = tab('Old', [['OLD-01', 'Do you fax reports?']], true);

    it('reads every visible sheet with questions, in order, the sheet as the section when there is none', () => {
      const parsed = parseQuestionnaire({
        fileName: 'hecvat.xlsx',
        grids: [intro, organization, old, product],
        sheet: ALL_SHEETS
      });
      expect(parsed.sheet).toBe(ALL_SHEETS);
      expect(parsed.layout).toBeUndefined();
      expect(parsed.items.map((item) => [item.key, item.section, item.order])).toEqual([
        ['Organization!GNRL-01', 'Organization', 0],
        ['DOCU-01', 'Organization', 1],
        ['APPL-01', 'Product', 2],
        ['Product!GNRL-01', 'Product', 3]
      ]);
      expect(parsed.items[2]?.origin).toBe('Product!B2');
      expect(parsed.warnings[0]).toBe(
        "read 2 sheets ('Organization', 'Product'); 2 other sheets without questions or hidden"
      );
    });

    it('says which sheets there are when none holds questions', () => {
      const error = errorOf(() =>
        parseQuestionnaire({ fileName: 'empty.xlsx', grids: [intro, old], sheet: ALL_SHEETS })
      );
      expect(error.message).toBe(
        "empty.xlsx: no sheet holds questions: the workbook has 'Introduction', 'Old'"
      );
    });
  });

  it('lists the sheet names when the name matches none', () => {
    const error = errorOf(() => chooseSheet([intro, questions], 'CAIQ', { file: 'caiq.xlsx' }));
    expect(error.message).toBe(
      "caiq.xlsx: there is no sheet named 'CAIQ': the workbook has 'Introduction', 'Questions'"
    );
  });

  it('rejects a workbook without sheets', () => {
    expect(errorOf(() => chooseSheet([])).message).toBe('the workbook has no sheets');
  });
});

describe('small rules', () => {
  it.each<[number, string]>([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16383, 'XFD']
  ])('column %i is %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });

  it.each<[string, boolean]>([
    ['Do you encrypt data?', true],
    ['Describe your SDLC process', true],
    ['Please provide your SOC 2 report', true],
    ['Access Control', false],
    ['Yes', false],
    ['Encryption of data at rest', false]
  ])('isQuestionLike(%j) is %s', (text, expected) => {
    expect(isQuestionLike(text)).toBe(expected);
  });

  it.each<[string, string[]]>([
    ['Yes/No/N/A', ['Yes', 'No', 'N/A']],
    ['Yes / No / n/a', ['Yes', 'No', 'n/a']],
    ['A | B | A', ['A', 'B']],
    ['one, two', ['one', 'two']],
    ['single', ['single']],
    ['  ', []]
  ])('splitChoices(%j)', (text, choices) => {
    expect(splitChoices(text)).toEqual(choices);
  });

  it.each<[string, string | undefined]>([
    ['Yes/No', 'Yes/No'],
    ['Y/N', 'Yes/No'],
    ['Multi-select', 'Multiple Choice'],
    ['Drop-down', 'Single Choice'],
    ['Date', 'Date'],
    ['Percentage', 'Number'],
    ['Narrative', 'Text'],
    ['Attachment', undefined],
    ['', undefined]
  ])('responseTypeFromLabel(%j)', (label, type) => {
    expect(responseTypeFromLabel(label)).toBe(type);
  });
});

describe('decodeText', () => {
  const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

  it.each<[string, Uint8Array, string, string]>([
    ['UTF-8', Uint8Array.from(Buffer.from('Données', 'utf8')), 'Données', 'utf-8'],
    ['UTF-8 with a BOM', bytes(0xef, 0xbb, 0xbf, 0x41), 'A', 'utf-8'],
    ['UTF-16LE with a BOM', bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00), 'Aé', 'utf-16le'],
    ['UTF-16BE with a BOM', bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9), 'Aé', 'utf-16be'],
    [
      'Windows-1252',
      bytes(0x64, 0xe9, 0x20, 0x80, 0x20, 0x9c, 0x20, 0x93, 0x94, 0x81),
      'dé € œ \u201c\u201d\u0081',
      'windows-1252'
    ]
  ])('reads %s', (_, input, text, encoding) => {
    expect(decodeText(input)).toEqual({ text, encoding });
  });

  it('reads a long Windows-1252 file whole', () => {
    const input = new Uint8Array(20_000).fill(0xe9);
    expect(decodeText(input).text).toBe('é'.repeat(20_000));
  });

  it('notes a Windows-1252 guess in the warnings of what it imports', () => {
    const { text, encoding } = decodeText(
      bytes(...Buffer.from('ID,Question\nQ1,Chiffrez-vous les donn\xe9es ?\n', 'latin1'))
    );
    const parsed = parseQuestionnaire({ fileName: 'latin1.csv', text, encoding });
    expect(parsed.items[0]?.question).toBe('Chiffrez-vous les données ?');
    expect(parsed.warnings[0]).toMatch(/^the file is not UTF-8: it was read as Windows-1252/);
    expect(
      parseQuestionnaire({ fileName: 'utf8.csv', text, encoding: 'utf-8' }).warnings.join(' ')
    ).not.toContain('Windows-1252');
  });
});

describe('gridsFromWorkbook (the shape SheetJS returns)', () => {
  it('counts formulas whose results were never saved, and says so on import', () => {
    const workbook = {
      SheetNames: ['Questionnaire'],
      Sheets: {
        Questionnaire: {
          A1: { t: 's', v: 'Ref' },
          B1: { t: 's', v: 'Question' },
          A2: { t: 's', v: 'Q1' },
          B2: { t: 'z', f: 'Bank!A1', v: 0 },
          C2: { t: 'n', f: 'Bank!B1' },
          A3: { t: 's', v: 'Q2' },
          B3: { t: 's', f: 'Bank!A2', v: 'Do you enforce MFA?' }
        }
      }
    };
    const [sheet] = gridsFromWorkbook(workbook);
    expect(sheet?.unsavedFormulas).toBe(2);
    const parsed = extractItems(sheet as Grid);
    expect(parsed.items.map((item) => item.key)).toEqual(['Q2']);
    expect(parsed.warnings).toContain(
      "2 cells of sheet 'Questionnaire' hold formulas whose results were never saved (the file was written by a " +
        'program, not saved by a spreadsheet), so they read as empty: open the file in Excel or LibreOffice, ' +
        'save it, and import it again'
    );
    const headless = { name: 'Only formulas', rows: [['x']], unsavedFormulas: 1 };
    expect(errorOf(() => extractItems(headless)).message).toContain(
      "1 cell of sheet 'Only formulas' holds a formula whose result was never saved"
    );
    expect(
      gridsFromWorkbook({ SheetNames: ['A'], Sheets: { A: { A1: { t: 's', v: 'x' } } } })[0]
    ).not.toHaveProperty('unsavedFormulas');
  });

  it('marks the sheets the workbook hides, and only those', () => {
    const workbook = {
      SheetNames: ['Visible', 'Hidden', 'VeryHidden'],
      Sheets: { Visible: { A1: { t: 's', v: 'x' } }, Hidden: {}, VeryHidden: {} },
      Workbook: {
        Sheets: [
          { name: 'Visible', Hidden: 0 },
          { name: 'Hidden', Hidden: 1 },
          { name: 'VeryHidden', Hidden: 2 },
          'junk'
        ]
      }
    };
    expect(gridsFromWorkbook(workbook).map((sheet) => [sheet.name, sheet.hidden === true])).toEqual([
      ['Visible', false],
      ['Hidden', true],
      ['VeryHidden', true]
    ]);
  });

  it('reads sparse sheets: text as displayed, dates as ISO, merges, line breaks', () => {
    const workbook = {
      SheetNames: ['Questions', 'Empty', 42],
      Sheets: {
        Questions: {
          '!ref': 'A1:D4',
          A1: { t: 's', v: 'ID', w: 'ID' },
          B1: { t: 's', v: 'Question' },
          C1: { t: 's', v: 'Due' },
          D1: { t: 'b', v: true },
          A2: { t: 'n', v: 1.1, w: '1.1' },
          B2: { t: 's', v: 'Rich text\r\nacross lines', h: '<b>Rich</b> text' },
          C2: { t: 'n', v: 45306, z: 'm/d/yy', w: '1/15/24' },
          D2: { t: 'e', v: 42, w: '#N/A' },
          A3: { t: 'n', v: 2 },
          B3: { t: 'z' },
          C3: { t: 'n', v: 45000.5, z: 'yyyy-mm-dd hh:mm' },
          D3: { t: 'd', v: new Date(Date.UTC(2024, 4, 1)) },
          A4: { t: 'b', v: false },
          C4: { t: 'd', v: '2024-05-01T10:30:00Z' },
          D4: { t: 'n', v: 0.5, z: '0.0%', w: '50.0%' },
          AA10: 'plain',
          '!merges': [{ s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }, { s: { r: -1 } }, 'bad']
        },
        Empty: {}
      },
      Workbook: { WBProps: { date1904: false } }
    };
    const [questions, empty] = gridsFromWorkbook(workbook);
    expect(questions?.name).toBe('Questions');
    expect(questions?.rows.slice(0, 4)).toEqual([
      ['ID', 'Question', 'Due', 'TRUE'],
      ['1.1', 'Rich text\nacross lines', '2024-01-15', '#N/A'],
      ['2', '', '2023-03-15T12:00:00', '2024-05-01'],
      ['FALSE', '', '2024-05-01T10:30:00', '50.0%']
    ]);
    expect(questions?.rows[9]?.[26]).toBe('plain');
    expect(questions?.merges).toEqual([{ startRow: 1, startCol: 0, endRow: 2, endCol: 0 }]);
    expect(empty).toEqual({ name: 'Empty', rows: [], merges: [] });
  });

  it('reads dense sheets and 1904 dates, and records the real size of a truncated sheet', () => {
    const workbook = {
      SheetNames: ['Dense'],
      Sheets: {
        Dense: {
          '!data': [
            [
              { t: 's', v: 'ID' },
              { t: 's', v: 'Question' }
            ],
            'x',
            [{ t: 'n', v: 0, z: 'yyyy-mm-dd' }]
          ],
          '!fullref': 'A1:B90000'
        }
      },
      Workbook: { WBProps: { date1904: true } }
    };
    const [dense] = gridsFromWorkbook(workbook, { maxRows: 3 });
    expect(dense?.rows).toEqual([['ID', 'Question'], [], ['1904-01-01']]);
    expect(dense?.rowCount).toBe(90000);
  });

  it('drops rows beyond the row limit but remembers there were more', () => {
    const workbook = {
      SheetNames: ['S'],
      Sheets: { S: { A1: { t: 's', v: 'a' }, A5: { t: 's', v: 'b' } } }
    };
    const [sheet] = gridsFromWorkbook(workbook, { maxRows: 2 });
    expect(sheet?.rows).toEqual([['a']]);
    expect(sheet?.rowCount).toBe(5);
  });

  it('rejects values that are not workbooks', () => {
    expect(errorOf(() => gridsFromWorkbook('PK', { file: 'x.xlsx' })).message).toBe(
      'x.xlsx: not a workbook: expected SheetNames and Sheets'
    );
    expect(gridsFromWorkbook({ SheetNames: ['A'], Sheets: { A: null } })).toEqual([
      { name: 'A', rows: [], merges: [] }
    ]);
  });

  it('tells SheetJS to keep number formats and to stop at the row limit', () => {
    expect(sheetJsReadOptions({ maxRows: 10 })).toMatchObject({
      cellNF: true,
      cellFormula: true,
      sheetRows: 11
    });
    expect(sheetJsReadOptions()).toMatchObject({ sheetRows: 20001 });
  });

  it.each<[string, boolean]>([
    ['m/d/yy', true],
    ['yyyy-mm-dd hh:mm', true],
    ['[h]:mm:ss', true],
    ['[$-409]mmmm d, yyyy', true],
    ['General', false],
    ['0.00%', false],
    ['#,##0 "days"', false],
    ['[Red]0.00', false],
    ['@', false]
  ])('isDateFormat(%j) is %s', (format, expected) => {
    expect(isDateFormat(format)).toBe(expected);
  });

  it.each<[number, boolean, string | undefined]>([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [60.5, false, '1900-02-29T12:00:00'],
    [61, false, '1900-03-01'],
    [45306, false, '2024-01-15'],
    [45306.75, false, '2024-01-15T18:00:00'],
    [45306.9999999, false, '2024-01-16'],
    [0.25, false, '06:00:00'],
    [0, true, '1904-01-01'],
    [-1, false, undefined],
    [Number.NaN, false, undefined]
  ])('serialToIso(%d, 1904=%s) is %s', (serial, date1904, iso) => {
    expect(serialToIso(serial, date1904)).toBe(iso);
  });
});

describe('parseVsaq', () => {
  const questionnaire = {
    questionnaire: [
      {
        type: 'block',
        text: 'Web Application',
        items: [
          { type: 'info', text: 'Tell us about the application.' },
          { type: 'line', id: 'app_name', text: 'The name of the application:' },
          {
            type: 'block',
            text: 'Authentication &amp; <i>sessions</i>',
            cond: 'app_login',
            items: [
              {
                type: 'radiogroup',
                id: 'auth_mfa',
                text: '<p>Do you support multi-factor authentication?</p>',
                choices: [{ auth_mfa_yes: 'Yes, for all users.' }, { auth_mfa_no: 'No.' }]
              },
              { type: 'tip', id: 'warn_mfa', cond: 'auth_mfa_no', text: 'MFA is recommended.' },
              {
                type: 'checkgroup',
                text: 'Which factors do you support?',
                defaultChoice: true,
                choices: [{ auth_factor_totp: 'TOTP' }, { auth_factor_webauthn: '<b>WebAuthn</b>' }]
              },
              { type: 'checkgroup', choices: [{ auth_factor_sms: 'SMS' }, { auth_factor_email: 'Email' }] },
              { type: 'radiogroup', id: 'auth_store', text: 'Storage?', choices: ['Hashed', 'Plain'] },
              { type: 'spacer' }
            ]
          },
          { type: 'yesno', id: 'app_tls', text: 'TLS only?', yes: 'Always', no: '' },
          { type: 'check', id: 'app_hsts', text: 'HSTS enabled' },
          { type: 'upload', id: 'app_diagram', text: 'Upload an architecture diagram' },
          { type: 'box', id: 42, text: 'Numeric id' },
          { type: 'mystery', text: 'Unknown' }
        ]
      }
    ]
  };

  it('walks nested blocks, keeps answerable items and counts the rest', () => {
    const parsed = parseVsaq(questionnaire, { file: 'webapp.json' });
    expect(parsed.format).toBe('vsaq');
    expect(parsed.items.map((item) => [item.key, item.section, item.responseType])).toEqual([
      ['app_name', 'Web Application', 'Text'],
      ['auth_mfa', 'Authentication & sessions', 'Yes/No'],
      ['auth_factor', 'Authentication & sessions', 'Multiple Choice'],
      ['auth_factor_2', 'Authentication & sessions', 'Multiple Choice'],
      ['auth_store', 'Authentication & sessions', 'Single Choice'],
      ['app_tls', 'Web Application', 'Yes/No'],
      ['app_hsts', 'Web Application', 'Yes/No'],
      ['app_diagram', 'Web Application', 'Text'],
      ['42', 'Web Application', 'Text']
    ]);
    expect(parsed.excluded).toBe(4);
    expect(parsed.items[1]).toEqual({
      key: 'auth_mfa',
      section: 'Authentication & sessions',
      question: 'Do you support multi-factor authentication?',
      responseType: 'Yes/No',
      choices: ['Yes, for all users.', 'No.'],
      order: 1,
      origin: 'webapp.json#/questionnaire/0/items/2/items/0'
    });
    expect(parsed.items[2]?.choices).toEqual(['TOTP', 'WebAuthn', 'None of the above.']);
    expect(parsed.items[3]?.question).toBe('Which factors do you support?');
    expect(parsed.items[5]?.choices).toEqual(['Always', 'No']);
    expect(parsed.warnings).toEqual([
      "2 choice groups have no id: keys derived from their choice ids ('auth_factor', 'auth_factor_2')",
      "4 items are shown only under a condition (cond), e.g. 'auth_mfa', 'auth_factor', 'auth_factor_2' and 1 more: imported as answerable items",
      '1 item had no text: the question was taken from the text just before it',
      'unknown item types skipped: mystery (1)'
    ]);
  });

  it('reads JSON text, with or without a BOM, and a bare list of blocks', () => {
    const text = `\uFEFF${JSON.stringify(questionnaire)}`;
    expect(parseVsaq(text).items).toHaveLength(9);
    expect(parseVsaq(JSON.stringify(questionnaire.questionnaire)).items[0]?.origin).toBe('vsaq#/0/items/1');
  });

  it('warns about duplicate ids and empty questionnaires', () => {
    const parsed = parseVsaq({
      questionnaire: [
        { type: 'line', id: 'a', text: 'A?' },
        { type: 'line', id: 'a', text: 'Again?' },
        { type: 'radiogroup', text: 'One choice', choices: [{ only_choice: 'Only' }] }
      ]
    });
    expect(parsed.items.map((item) => item.key)).toEqual(['a', 'a', 'only_choice']);
    expect(parsed.warnings).toContain("duplicate item ids: 'a'");
    expect(parseVsaq({ questionnaire: [] }).warnings).toEqual(['the questionnaire has no answerable items']);
    expect(
      parseVsaq({ questionnaire: [{ type: 'checkgroup', choices: [{ x_a: 'A' }, { y_b: 'B' }] }] }).items[0]
        ?.key
    ).toBe('x_a+y_b');
  });

  it('names line and column for invalid JSON', () => {
    const error = errorOf(() =>
      parseVsaq('{\n  "questionnaire": [\n    {"type": }\n  ]\n}', { file: 'bad.json' })
    );
    expect(error.message).toMatch(/^bad\.json, line 3, column \d+: invalid JSON: /);
    expect(error.line).toBe(3);
    expect(error.row).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['an empty file', '   ', 'the file is empty'],
    ['a JSON scalar', '42', "expected an object with a 'questionnaire' list"],
    ['an object without questionnaire', { blocks: [] }, "expected an object with a 'questionnaire' list"],
    [
      'an item without type',
      { questionnaire: [{ text: 'x' }] },
      "expected an item with a 'type' at #/questionnaire/0"
    ],
    [
      'a block whose items are not a list',
      { questionnaire: [{ type: 'block', items: {} }] },
      "the 'items' of the block"
    ],
    [
      'a line without id',
      { questionnaire: [{ type: 'line', text: 'Name?' }] },
      'the line item at #/questionnaire/0 has no id'
    ],
    [
      'a group without choices',
      { questionnaire: [{ type: 'radiogroup', id: 'r' }] },
      "has no 'choices' list"
    ],
    [
      'a malformed choice',
      { questionnaire: [{ type: 'checkgroup', id: 'c', choices: [{ a: 1 }] }] },
      'choice 1 of the checkgroup'
    ]
  ])('rejects %s', (_label, input, message) => {
    const error = errorOf(() => parseVsaq(input, { file: 'q.json' }));
    expect(error.message).toContain(message);
    expect(error.file).toBe('q.json');
  });

  it('limits nesting depth and size', () => {
    let node: Record<string, unknown> = { type: 'line', id: 'deep', text: 'Deep?' };
    for (let depth = 0; depth < 70; depth++) {
      node = { type: 'block', items: [node] };
    }
    expect(errorOf(() => parseVsaq({ questionnaire: [node] })).message).toContain(
      'nested more than 64 levels'
    );
    expect(errorOf(() => parseVsaq('{"questionnaire":[]}', { maxBytes: 10 })).message).toContain(
      'larger than'
    );
  });

  it.each<[string, number]>([
    ['{}', -1],
    [' [ ] ', -1],
    ['{"a":[1,-2.5e+3,{"b":null}],"c":"x\\u0041\\n","d":true,"e":false}', -1],
    ['"text"', -1],
    ['', 0],
    ['{', 1],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ['{1:2}', 1],
    ['[1,]', 3],
    ['[1 2]', 3],
    ['"abc', 4],
    ['"a\u0001"', 2],
    ['"\\x"', 1],
    ['01', 1],
    ['nul', 0],
    ['{"a":1}}', 7],
    ['[tru]', 1]
  ])('locates the first JSON error in %j at %i', (text, index) => {
    expect(jsonErrorIndex(text)).toBe(index);
  });

  it('reports a JSON error at the end of the file', () => {
    const error = errorOf(() => parseVsaq('{"questionnaire": [\r\n'));
    expect(error.message).toBe('line 2, column 1: invalid JSON: the file ends too early');
  });

  it('converts VSAQ HTML to text', () => {
    expect(
      htmlToText('<p>One&nbsp;&amp; two</p><ul><li>a</li><li>b &#8212; &#x2014; &bogus;</li></ul>')
    ).toBe('One & two\n- a\n- b \u2014 \u2014 &bogus;');
    expect(htmlToText('x &#xD800; &#99999999;')).toBe('x &#xD800; &#99999999;');
  });
});

describe('parseQuestionnaire', () => {
  const csv = 'ID,Question\nA&A-01.1,Are audit policies established?\n';

  it('picks the parser by extension', () => {
    expect(parseQuestionnaire({ fileName: 'caiq.csv', text: csv }).items[0]?.key).toBe('A&A-01.1');
    expect(parseQuestionnaire({ fileName: 'q.json', text: '{"questionnaire":[]}' }).format).toBe('vsaq');
    const grids = [
      grid(
        [
          ['ID', 'Question'],
          ['HLAD-04', 'Do you?']
        ],
        undefined,
        'HECVAT'
      )
    ];
    const parsed = parseQuestionnaire({ fileName: 'hecvat.xlsx', grids, sheet: 'HECVAT' });
    expect(parsed).toMatchObject({ format: 'xlsx', sheet: 'HECVAT' });
    expect(parsed.items[0]?.key).toBe('HLAD-04');
  });

  it('falls back to the content when the extension says nothing', () => {
    expect(parseQuestionnaire({ fileName: 'download', text: ' {"questionnaire":[]}' }).format).toBe('vsaq');
    expect(parseQuestionnaire({ fileName: '', text: csv }).format).toBe('csv');
    expect(parseQuestionnaire({ fileName: 'x', grids: [grid([['Question'], ['Do you?']])] }).format).toBe(
      'xlsx'
    );
    expect(parseQuestionnaire({ fileName: 'x.txt', text: csv }, { format: 'csv' }).items).toHaveLength(1);
  });

  it('says what is missing', () => {
    expect(errorOf(() => parseQuestionnaire({ fileName: 'a.csv' })).message).toBe(
      "a.csv: the file's text is needed to read it as CSV"
    );
    expect(errorOf(() => parseQuestionnaire({ fileName: 'a.xlsx', text: 'x' })).message).toContain(
      'read the file with SheetJS'
    );
    expect(errorOf(() => parseQuestionnaire({ fileName: 'a.pdf' })).message).toContain(
      'cannot tell the format'
    );
    expect(errorOf(() => parseQuestionnaire(undefined as unknown as { fileName: string })).message).toContain(
      'nothing to import'
    );
  });
});
