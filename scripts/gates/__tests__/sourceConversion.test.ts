import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkSourceConversion,
  compareWithManifest,
  forbiddenPackageFiles,
  parseManifest
} from '../sourceConversion';

const fixtures = path.join(__dirname, 'fixtures', 'sourceConversion');
const fixture = (name: string): string => path.join(fixtures, name);

/** A writable copy of a fixture project, for variations that would be noise as fixtures of their own. */
const copies: string[] = [];
function copyOf(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'source-conversion-test-'));
  fs.cpSync(fixture(name), dir, { recursive: true });
  copies.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of copies.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('source conversion gate', () => {
  it('passes a package whose package.xml lists exactly what its source holds', async () => {
    const result = await checkSourceConversion(fixture('good'));

    expect(result.diagnostics).toEqual([]);
    expect(result.checked).toBe(12);
    expect(result.manifest?.version).toBe('66.0');
    expect(result.sourceApiVersion).toBe('66.0');
    expect(Object.fromEntries(result.manifest?.members ?? [])).toEqual({
      ApexClass: ['TrustBadgeController'],
      CustomField: ['Account.Soc2_Required__c', 'Audit_Cycle__c.Opinion__c'],
      CustomLabel: ['TrustBadge_Label'],
      CustomLabels: ['CustomLabels'],
      CustomObject: ['Audit_Cycle__c'],
      LightningComponentBundle: ['trustBadge'],
      ListView: ['Audit_Cycle__c.All'],
      PermissionSet: ['TrustDesk_Viewer'],
      Report: ['TrustDesk', 'TrustDesk/Audit_Cycles'],
      StaticResource: ['trustDeskStyles']
    });
  });

  it('rejects a component bundle without its js-meta.xml', async () => {
    const result = await checkSourceConversion(fixture('bundleWithoutMeta'));

    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/bundleWithoutMeta\/force-app\/main\/default\/lwc\/noConfig$/) as string,
        subject: 'LightningComponentBundle noConfig',
        message: expect.stringContaining('noConfig.js-meta.xml') as string
      })
    ]);
  });

  it('rejects a field kept outside the fields/ folder of its object', async () => {
    const result = await checkSourceConversion(fixture('fieldOutsideFields'));

    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/objects\/Audit_Cycle__c\/Auditor__c\.field-meta\.xml$/) as string,
        subject: 'CustomField Audit_Cycle__c.Auditor__c',
        message: expect.stringContaining('objects/Audit_Cycle__c/fields/Auditor__c.field-meta.xml') as string
      })
    ]);
  });

  it('rejects a component bundle whose TypeScript was never compiled to JavaScript', async () => {
    const result = await checkSourceConversion(fixture('bundleWithoutJs'));

    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/lwc\/uncompiled\/uncompiled\.js$/) as string,
        subject: 'LightningComponentBundle uncompiled',
        message: expect.stringContaining('npm run build') as string
      })
    ]);
  });

  it('rejects converted output carrying TypeScript, tests or tsconfig files', async () => {
    const project = copyOf('good');
    fs.writeFileSync(path.join(project, '.forceignore'), '**/*.md\n');
    fs.writeFileSync(
      path.join(project, 'force-app/main/default/lwc/trustBadge/tsconfig.json'),
      '{ "extends": "../../../../../tsconfig.json" }\n'
    );

    const result = await checkSourceConversion(project);

    const messages = result.diagnostics.map((diagnostic) => diagnostic.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('contains lwc/trustBadge/trustBadge.ts'),
        expect.stringContaining('contains lwc/trustBadge/__tests__'),
        expect.stringContaining('contains lwc/trustBadge/tsconfig.json')
      ])
    );
    // The tests folder is reported once, not once more for each file inside it.
    expect(messages.filter((message) => message.includes('__tests__'))).toHaveLength(1);
  });

  it('catches a component the conversion leaves out without a word', async () => {
    const project = copyOf('good');
    const objectDir = path.join(project, 'force-app/main/default/objects/Audit_Cycle__c');
    // An object definition without any value: source-deploy-retrieve drops it from package.xml.
    fs.writeFileSync(
      path.join(objectDir, 'Audit_Cycle__c.object-meta.xml'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"/>\n'
    );
    // An Apex class without its -meta.xml: dropped as well.
    fs.rmSync(path.join(project, 'force-app/main/default/classes/TrustBadgeController.cls-meta.xml'));

    const result = await checkSourceConversion(project);

    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/Audit_Cycle__c\.object-meta\.xml$/) as string,
        subject: 'CustomObject Audit_Cycle__c',
        message: expect.stringContaining('missing from the converted package.xml') as string
      }),
      expect.objectContaining({
        file: expect.stringMatching(/classes\/TrustBadgeController\.cls$/) as string,
        subject: 'ApexClass TrustBadgeController',
        message: expect.stringContaining('missing from the converted package.xml') as string
      })
    ]);
  });

  it('rejects a file that belongs to no component, and a metadata suffix it does not know', async () => {
    const project = copyOf('good');
    fs.writeFileSync(path.join(project, 'force-app/main/default/lwc/stray.js'), 'export {};\n');
    fs.mkdirSync(path.join(project, 'force-app/main/default/wibbles'));
    fs.writeFileSync(path.join(project, 'force-app/main/default/wibbles/A.wibble-meta.xml'), '<Wibble/>\n');

    const result = await checkSourceConversion(project);

    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: expect.stringMatching(/lwc\/stray\.js$/) as string,
          message: expect.stringContaining('belongs to no component') as string
        }),
        expect.objectContaining({
          file: expect.stringMatching(/A\.wibble-meta\.xml$/) as string,
          message: expect.stringContaining('does not recognise') as string
        }),
        expect.objectContaining({
          message: expect.stringContaining('source-deploy-retrieve could not convert') as string
        })
      ])
    );
  });

  it('requires sfdx-project.json to set the API version package.xml carries', async () => {
    const project = copyOf('good');
    const projectFile = path.join(project, 'sfdx-project.json');
    const config = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as Record<string, unknown>;
    delete config.sourceApiVersion;
    fs.writeFileSync(projectFile, JSON.stringify(config));

    const result = await checkSourceConversion(project);

    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        subject: 'sourceApiVersion',
        message: expect.stringContaining('no sourceApiVersion') as string
      })
    ]);
    expect(result.manifest).toBeUndefined();
  });
});

describe('comparison with package.xml', () => {
  const manifest = parseManifest(`<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
  <types><members>TrustDesk/</members><members>TrustDesk/Gates</members><name>Report</name></types>
  <types><members>Orphan</members><name>ApexClass</name></types>
  <version>66.0</version>
</Package>`);

  it('reads the version as written and folder members without their trailing slash', () => {
    expect(manifest.version).toBe('66.0');
    expect(manifest.members.get('Report')).toEqual(['TrustDesk', 'TrustDesk/Gates']);
  });

  it('names members missing on either side', () => {
    const diagnostics = compareWithManifest(
      [
        { type: 'Report', fullName: 'TrustDesk', file: '/p/reports/TrustDesk.reportFolder-meta.xml' },
        { type: 'Report', fullName: 'TrustDesk/Gates', file: '/p/reports/TrustDesk/Gates.report-meta.xml' },
        {
          type: 'PermissionSet',
          fullName: 'TrustDesk_Admin',
          file: '/p/TrustDesk_Admin.permissionset-meta.xml'
        }
      ],
      manifest
    );

    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: '/p/TrustDesk_Admin.permissionset-meta.xml',
        subject: 'PermissionSet TrustDesk_Admin',
        message: expect.stringContaining('missing from the converted package.xml') as string
      }),
      expect.objectContaining({
        file: 'package.xml',
        subject: 'ApexClass Orphan',
        message: expect.stringContaining('no source file declares it') as string
      })
    ]);
  });

  it('treats TypeScript, tests and tsconfig files as never deployable', () => {
    expect(
      forbiddenPackageFiles([
        'lwc/a/a.js',
        'lwc/a/a.ts',
        'lwc/a/__tests__',
        'lwc/a/__tests__/a.test.js',
        'lwc/tsconfig.json',
        'classes/A.cls'
      ])
    ).toEqual(['lwc/a/a.ts', 'lwc/a/__tests__', 'lwc/a/__tests__/a.test.js', 'lwc/tsconfig.json']);
  });
});
