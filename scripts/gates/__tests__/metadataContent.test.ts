import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Diagnostic, projectRoot } from '../../lib/diagnostics';
import { walk } from '../../lib/files';
import {
  type MetadataSchema,
  loadSourceFormatRegistry,
  loadTypingsSchema,
  loadWsdlSchema,
  wsdlIndexPath
} from '../../lib/metadataSchema';
import { validateMetadataFiles, validateMetadataXml } from '../metadataContent';

const fixtures = path.join(__dirname, 'fixtures', 'metadataContent');
const good = path.join(fixtures, 'good');
const bad = path.join(fixtures, 'bad');
const fields = path.join(bad, 'objects', 'Incident__c', 'fields');
const listViews = path.join(bad, 'objects', 'Incident__c', 'listViews');

const wsdlPresent = fs.existsSync(wsdlIndexPath());
const describeWithWsdl = wsdlPresent ? describe : describe.skip;
if (!wsdlPresent) {
  console.warn(`Skipping the WSDL schema tests: ${wsdlIndexPath()} is absent.`);
}

const registry = loadSourceFormatRegistry();
const schemas = new Map<string, () => MetadataSchema>([['typings', loadTypingsSchema]]);
if (wsdlPresent) {
  schemas.set('wsdl', loadWsdlSchema);
}

const shown = (file: string): string => path.relative(projectRoot(), file);
const metaFiles = (dir: string): string[] => walk(dir, (file) => file.endsWith('-meta.xml'));

/** Schema facts both sources must agree on. */
function expectKnownFacts(schema: MetadataSchema): void {
  const fieldType = schema.simpleType('FieldType')?.enumeration ?? [];
  expect(fieldType).toEqual(expect.arrayContaining(['Text', 'Number', 'Picklist']));
  expect(fieldType).not.toContain('Numbr');
  expect(schema.elementsOf('CustomField').get('inlineHelpText')).toMatchObject({ type: 'xsd:string' });
  expect(schema.elementsOf('CustomField').get('fullName')).toBeDefined(); // inherited from Metadata
  expect(schema.isMetadataType('CustomField')).toBe(true);
  expect(schema.isMetadataType('ValueSet')).toBe(false);
  expect(schema.baseChain('ApexClass')).toEqual(['ApexClass', 'MetadataWithContent', 'Metadata']);
}

describe('Metadata API schema sources', () => {
  it('builds the index from the @salesforce/types typings', () => {
    const schema = loadTypingsSchema();
    expect(schema.origin).toBe('typings');
    expectKnownFacts(schema);
  });

  describeWithWsdl('the WSDL index in ../shared/reference/salesforce (skipped when absent)', () => {
    it('knows the same facts as the typings', () => {
      const schema = loadWsdlSchema();
      expect(schema.origin).toBe('wsdl');
      expect(schema.apiVersion).toBe('66.0');
      expectKnownFacts(schema);
      expect(schema.elementsOf('CustomField').get('length')).toMatchObject({ type: 'xsd:int' });
    });

    it('agrees with the typings on the FieldType values', () => {
      expect(loadWsdlSchema().simpleType('FieldType')?.enumeration).toEqual(
        loadTypingsSchema().simpleType('FieldType')?.enumeration
      );
    });
  });
});

describe('source-format registry', () => {
  it('maps suffixes to the types their files hold', () => {
    expect(registry.typesBySuffix.get('field')).toEqual(['CustomField']);
    expect(registry.typesBySuffix.get('md')).toEqual(['CustomMetadata']);
    expect(registry.typesBySuffix.get('permissionset')).toEqual(['PermissionSet']);
    expect(registry.bundleTypesByFolder.get('lwc')).toBe('LightningComponentBundle');
  });
});

describe.each([...schemas.keys()])('metadata content gate with the %s schema', (source) => {
  let schema: MetadataSchema;
  beforeAll(() => {
    schema = (schemas.get(source) ?? loadTypingsSchema)();
  });

  const check = (file: string): Diagnostic[] => validateMetadataFiles([file], schema, registry);

  it('accepts well-formed source: object, fields, list view, LWC, permission set, custom metadata', () => {
    const files = metaFiles(good);
    expect(files).toHaveLength(9);
    expect(validateMetadataFiles(files, schema, registry)).toEqual([]);
  });

  it.each([
    [
      'a misspelt enumeration value',
      path.join(fields, 'Misspelt_Type__c.field-meta.xml'),
      7,
      'CustomField.type',
      /^"Numbr" is not a valid FieldType \(allowed: AutoNumber, Lookup, .* and \d+ more\); did you mean "Number"\?$/
    ],
    [
      'an undeclared element',
      path.join(fields, 'Undeclared_Element__c.field-meta.xml'),
      6,
      'CustomField.colour',
      /^element "colour" is not declared for CustomField$/
    ],
    [
      'a file whose suffix does not match its root',
      path.join(fields, 'Wrong_Root__c.field-meta.xml'),
      2,
      'CustomObject',
      /^a "\.field-meta\.xml" file holds CustomField, not CustomObject$/
    ],
    [
      'a root that is no Metadata type',
      path.join(fields, 'Unknown_Root__c.field-meta.xml'),
      2,
      'CustomFeld',
      /^root element "CustomFeld" is not a Metadata API type; did you mean "CustomField"\?$/
    ],
    [
      'a boolean that is not true or false',
      path.join(fields, 'Not_A_Boolean__c.field-meta.xml'),
      6,
      'CustomField.required',
      /^"yes" is not a valid xsd:boolean \(expected true or false\)$/
    ],
    [
      'a number that is not a number',
      path.join(fields, 'Not_A_Number__c.field-meta.xml'),
      5,
      'CustomField.length',
      /^"eighty" is not a valid xsd:(int|double) \(expected a (whole )?number\)$/
    ],
    [
      'an element repeated that may appear once',
      path.join(fields, 'Repeated_Label__c.field-meta.xml'),
      6,
      'CustomField.label',
      /^element "label" is repeated; CustomField allows it once$/
    ],
    [
      'a bad enumeration value in a list view',
      path.join(listViews, 'Bad_Scope.listView-meta.xml'),
      5,
      'ListView.filterScope',
      /^"Everyone" is not a valid FilterScope \(allowed: Everything, Mine, Queue, .*\)$/
    ],
    [
      'a bad enumeration value nested in a list view filter',
      path.join(listViews, 'Bad_Operation.listView-meta.xml'),
      8,
      'ListView.filters.operation',
      /^"is" is not a valid FilterOperation \(allowed: equals, notEqual, .*\)$/
    ],
    [
      'an undeclared element nested in a permission set',
      path.join(bad, 'permissionsets', 'Misspelt_Permission.permissionset-meta.xml'),
      5,
      'PermissionSet.objectPermissions.allowCreat',
      /^element "allowCreat" is not declared for PermissionSetObjectPermissions; did you mean "allowCreate"\?$/
    ],
    [
      'a custom metadata value that contradicts its xsi:type',
      path.join(bad, 'customMetadata', 'Gate_Setting.Bad_Flag.md-meta.xml'),
      10,
      'CustomMetadata.values.value',
      /^"maybe" is not a valid xsd:boolean \(expected true or false\)$/
    ],
    [
      'an undeclared element in an LWC bundle',
      path.join(bad, 'lwc', 'incidentBadge', 'incidentBadge.js-meta.xml'),
      6,
      'LightningComponentBundle.targets.targets',
      /^element "targets" is not declared for Targets; did you mean "target"\?$/
    ]
  ])('rejects %s', (_case, file, line, subject, message) => {
    const diagnostics = check(file);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: shown(file), line, subject });
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it('has a test for every bad fixture', () => {
    // Keeps the table above and the fixture folder in step.
    const rejected = metaFiles(bad).filter((file) => check(file).length === 1);
    expect(rejected).toEqual(metaFiles(bad));
    expect(rejected).toHaveLength(12);
  });

  describe('a truncated file', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metadata-content-'));
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const truncate = (at: (xml: string) => number): string => {
      const source = path.join(good, 'objects', 'Incident__c', 'fields', 'Severity__c.field-meta.xml');
      const xml = fs.readFileSync(source, 'utf8');
      const file = path.join(dir, 'Severity__c.field-meta.xml');
      fs.writeFileSync(file, xml.slice(0, at(xml)));
      return file;
    };

    it('fails naming the file and the line the text ends on', () => {
      const file = truncate((xml) => xml.indexOf('<valueSet>') + '<valueSet>'.length);
      expect(check(file)).toEqual([
        {
          file,
          line: 12,
          column: 13,
          message: 'not well-formed XML: the file ends inside <CustomField> > <valueSet>; is it truncated?'
        }
      ]);
    });

    it("fails with the parser's message and line when cut inside a tag", () => {
      const file = truncate((xml) => xml.indexOf('</inlineHelpText>') + '</inline'.length);
      expect(check(file)).toEqual([
        {
          file,
          line: 6,
          column: 71,
          message: "not well-formed XML: Closing tag 'inline' doesn't have proper closing."
        }
      ]);
    });

    it('fails when empty', () => {
      const file = truncate(() => 0);
      expect(check(file)).toEqual([
        expect.objectContaining({ file, message: 'not well-formed XML: Start tag expected.' })
      ]);
    });
  });

  describe('source-format rules', () => {
    const field = (body: string, prolog = ''): string =>
      `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</CustomField>\n`;
    const validate = (
      xml: string,
      file = 'objects/Incident__c/fields/Example__c.field-meta.xml'
    ): Diagnostic[] => validateMetadataXml(file, xml, schema, registry);

    it('does not care about element order', () => {
      expect(validate(field('<type>Text</type>\n<length>80</length>\n<label>Example</label>'))).toEqual([]);
      expect(validate(field('<label>Example</label>\n<length>80</length>\n<type>Text</type>'))).toEqual([]);
    });

    it('allows repeated elements the schema declares as lists', () => {
      const values = ['A', 'B']
        .map((value) => `<value><fullName>${value}</fullName><default>false</default></value>`)
        .join('');
      const body = `<type>Picklist</type><valueSet><valueSetDefinition><sorted>false</sorted>${values}</valueSetDefinition></valueSet>`;
      expect(validate(field(body))).toEqual([]);
    });

    it('finds the line past comments and CDATA that look like elements', () => {
      const body =
        '<!-- <type>Numbr</type> -->\n<description><![CDATA[<type>]]></description>\n<type>Numbr</type>';
      expect(validate(field(body))).toEqual([
        expect.objectContaining({ line: 5, subject: 'CustomField.type' })
      ]);
    });

    it('rejects text where a complex type is expected and elements where a value is expected', () => {
      expect(validate(field('<valueSet>Low</valueSet><type><value>Text</value></type>'))).toEqual([
        expect.objectContaining({
          subject: 'CustomField.valueSet',
          message: 'ValueSet holds elements, not text ("Low")'
        }),
        expect.objectContaining({
          subject: 'CustomField.type',
          message: 'expected a FieldType value, found child elements (value)'
        })
      ]);
    });

    it('rejects a suffix no metadata type uses', () => {
      expect(
        validate(field('<type>Text</type>'), 'objects/Incident__c/fields/Example__c.fieldd-meta.xml')
      ).toEqual([
        expect.objectContaining({ message: '".fieldd-meta.xml" is not a source-format metadata file suffix' })
      ]);
    });

    it('rejects more than one root element', () => {
      expect(validate(`${field('<type>Text</type>')}<CustomField/>`)).toEqual([
        expect.objectContaining({ message: 'expected one root element, found 2: CustomField, CustomField' })
      ]);
    });

    it('ignores namespace, xsi and fqn attributes', () => {
      const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
      const xml = field(
        `<description ${xsi} xsi:nil="true"/><label fqn="x">Example</label><type>Text</type>`
      );
      expect(validate(xml)).toEqual([]);
    });
  });
});
