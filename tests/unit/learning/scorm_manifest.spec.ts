import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { parseScormManifest, safeRelativeHref } from '#domain/learning/scorm_manifest'

const ownManifest = (name: string) =>
  readFileSync(join(app.makePath('database/demo/packages'), name, 'imsmanifest.xml'), 'utf8')

/* A manifest with the given metadata, organisation items and resources. */
function manifest(options: {
  schemaVersion?: string
  items?: string
  resources?: string
  ns?: string
}) {
  const metadata =
    options.schemaVersion === undefined
      ? ''
      : `<metadata><schema>ADL SCORM</schema><schemaversion>${options.schemaVersion}</schemaversion></metadata>`
  return `<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="${options.ns ?? 'http://www.adlnet.org/xsd/adlcp_rootv1p2'}">
  ${metadata}
  <organizations default="org"><organization identifier="org"><title>A course</title>
    ${options.items ?? '<item identifier="i1" identifierref="r1"><title>One</title></item>'}
  </organization></organizations>
  <resources>
    ${options.resources ?? '<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="start.html"/>'}
  </resources>
</manifest>`
}

test.group('SCORM manifests', () => {
  test("the service's own SCORM 1.2 manifest gives its edition, title and launch page", ({
    assert,
  }) => {
    assert.deepEqual(parseScormManifest(ownManifest('digital_awareness_scorm12')), {
      type: 'ok',
      manifest: {
        version: '1.2',
        title: 'Digital by default: the basics',
        launchHref: 'index.html',
        launchPath: 'index.html',
      },
    })
  })

  test("the service's own SCORM 2004 manifest, with sequencing, is read as 2004", ({ assert }) => {
    const result = parseScormManifest(ownManifest('digital_awareness_scorm2004'))
    assert.equal(result.type, 'ok')
    if (result.type !== 'ok') return
    assert.equal(result.manifest.version, '2004')
    assert.equal(result.manifest.title, 'Designing with data: the basics')
    assert.equal(result.manifest.launchHref, 'index.html')
  })

  test('every 2004 edition and CAM 1.3 are SCORM 2004', ({ assert }) => {
    for (const schemaVersion of ['2004 3rd Edition', '2004 4th Edition', 'CAM 1.3', '2004']) {
      const result = parseScormManifest(manifest({ schemaVersion }))
      assert.equal(result.type === 'ok' && result.manifest.version, '2004', schemaVersion)
    }
  })

  test('a manifest without a schema version is read by its adlcp namespace', ({ assert }) => {
    const old = parseScormManifest(manifest({}))
    assert.equal(old.type === 'ok' && old.manifest.version, '1.2')
    const newer = parseScormManifest(manifest({ ns: 'http://www.adlnet.org/xsd/adlcp_v1p3' }))
    assert.equal(newer.type === 'ok' && newer.manifest.version, '2004')
  })

  test('another edition, or none at all, is unsupported and says what it found', ({ assert }) => {
    assert.deepEqual(parseScormManifest(manifest({ schemaVersion: '1.1' })), {
      type: 'unsupported_version',
      found: '1.1',
    })
    assert.deepEqual(parseScormManifest(manifest({ ns: 'http://example.com/other' })), {
      type: 'unsupported_version',
      found: '',
    })
  })

  test('the launch page is the first item, depth first, that points at a SCO, with its parameters', ({
    assert,
  }) => {
    const result = parseScormManifest(
      manifest({
        schemaVersion: '1.2',
        items: `<item identifier="folder"><title>Part 1</title>
            <item identifier="i0" identifierref="asset"><title>Picture</title></item>
            <item identifier="i1" identifierref="r1" parameters="?page=2"><title>One</title></item>
          </item>`,
        resources: `<resource identifier="asset" type="webcontent" adlcp:scormtype="asset" href="picture.html"/>
          <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" xml:base="content/" href="start.html?lang=en"/>`,
      })
    )
    assert.equal(
      result.type === 'ok' && result.manifest.launchHref,
      'content/start.html?lang=en&page=2'
    )
    assert.equal(result.type === 'ok' && result.manifest.launchPath, 'content/start.html')
  })

  test('a manifest with no SCO, or whose SCO points outside the package, has nothing to launch', ({
    assert,
  }) => {
    for (const href of [
      '',
      'https://example.com/start.html',
      '/start.html',
      '../start.html',
      'a/%2e%2e/../x.html',
    ]) {
      const result = parseScormManifest(
        manifest({
          schemaVersion: '1.2',
          resources: `<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="${href}"/>`,
        })
      )
      assert.deepEqual(result, { type: 'no_launchable_sco' }, href)
    }
    const assetsOnly = parseScormManifest(
      manifest({
        schemaVersion: '1.2',
        resources: `<resource identifier="r1" type="webcontent" adlcp:scormtype="asset" href="a.html"/>`,
      })
    )
    assert.deepEqual(assetsOnly, { type: 'no_launchable_sco' })
  })

  test('text that is not XML, or XML without a manifest, is unreadable', ({ assert }) => {
    assert.deepEqual(parseScormManifest('this is not xml <'), { type: 'unreadable' })
    assert.deepEqual(parseScormManifest('<manifest><resources></manifest>'), { type: 'unreadable' })
    assert.deepEqual(parseScormManifest('<?xml version="1.0"?><package/>'), { type: 'unreadable' })
  })

  test('a launch address stays relative and inside the package', ({ assert }) => {
    assert.deepEqual(safeRelativeHref('a/b.html?x=1'), { path: 'a/b.html', href: 'a/b.html?x=1' })
    for (const href of [
      'javascript:alert(1)',
      '//evil.example/x',
      'a\\b.html',
      'a/./b.html',
      'a//b',
    ]) {
      assert.isNull(safeRelativeHref(href), href)
    }
  })
})
