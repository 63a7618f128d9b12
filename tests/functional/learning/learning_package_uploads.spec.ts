import { randomBytes } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import learningPackagesConfig from '#config/learning_packages'
import { createUser } from '#database/factories/user_factory'
import { createCourse, createProvider } from '#database/factories/learning_factory'
import { privateTempFolder } from '#tests/support/temp_folder'
import {
  manifestXml,
  ownPackageZip,
  packageWith,
  privatePackagesFolder,
  selfPacedCourse,
  uploadPackage,
  zipOf,
} from '#tests/support/learning_packages'

let packages: Awaited<ReturnType<typeof privatePackagesFolder>>
let temp: Awaited<ReturnType<typeof privateTempFolder>>

/* Nothing of a refused package is kept: no record, no module, no folder, no uploaded file. */
async function assertNothingStored(assert: any, courseId: number) {
  const [{ total: packageRows }] = await db.from('learning_packages').count('* as total')
  const [{ total: moduleRows }] = await db
    .from('course_modules')
    .where('course_id', courseId)
    .count('* as total')
  assert.equal(Number(packageRows), 0, 'no package record')
  assert.equal(Number(moduleRows), 0, 'no module')
  assert.deepEqual(await packages.entries(), [], 'no package folder, whole or partial')
  assert.deepEqual(await temp.files(), [], 'no uploaded file left in the temporary folder')
}

/* A zip whose one big entry's sizes are rewritten, in both headers, to claim `claimed` bytes. */
function withLyingSizes(zip: Buffer, claimed: number) {
  const copy = Buffer.from(zip)
  for (let at = 0; at < copy.length - 4; at += 1) {
    const signature = copy.readUInt32LE(at)
    if (signature === 0x04034b50) copy.writeUInt32LE(claimed, at + 22)
    if (signature === 0x02014b50) copy.writeUInt32LE(claimed, at + 24)
  }
  return copy
}

const BAD_PACKAGES: [string, () => Buffer, string][] = [
  [
    'a file that is not a zip',
    () => Buffer.from('just some text, not a zip'),
    'The selected file must be a zip file',
  ],
  [
    'a zip cut short',
    () => ownPackageZip('digital_awareness_scorm12').subarray(0, 200),
    'The selected file must be a zip file: it could not be opened as one',
  ],
  [
    'a zip without imsmanifest.xml',
    () => zipOf({ 'index.html': '<p>Hi</p>' }),
    'The zip file must have imsmanifest.xml in its top folder: upload the SCORM package as it was exported',
  ],
  [
    'a zip whose manifest is in a folder, not at the top',
    () => zipOf({ 'course/imsmanifest.xml': manifestXml(), 'course/index.html': '<p>Hi</p>' }),
    'The zip file must have imsmanifest.xml in its top folder: upload the SCORM package as it was exported',
  ],
  [
    'a manifest that is not XML',
    () => zipOf({ 'imsmanifest.xml': 'this is <not xml', 'index.html': '<p>Hi</p>' }),
    'The package’s imsmanifest.xml must be a readable XML manifest',
  ],
  [
    'a manifest of another SCORM edition',
    () => zipOf({ 'imsmanifest.xml': manifestXml('1.1'), 'index.html': '<p>Hi</p>' }),
    'The package must be SCORM 1.2 or SCORM 2004: its manifest says “1.1”',
  ],
  [
    'a manifest with no SCO to launch',
    () =>
      zipOf({
        'imsmanifest.xml': manifestXml().replace(
          'adlcp:scormtype="sco"',
          'adlcp:scormtype="asset"'
        ),
        'index.html': '<p>Hi</p>',
      }),
    'The package’s imsmanifest.xml must name a SCO with a launch page inside the package',
  ],
  [
    'a manifest whose launch page is not in the zip',
    () => zipOf({ 'imsmanifest.xml': manifestXml('1.2', 'start.html'), 'index.html': '<p>Hi</p>' }),
    'The package’s launch page, “start.html”, must be in the zip file',
  ],
  [
    'an entry that climbs out of the package',
    () => packageWith({ '../escaped.html': '<p>Out</p>' }),
    'The zip file must only have files inside its own folders: “../escaped.html” is an absolute path or goes outside them',
  ],
  [
    'an entry with an absolute path',
    () => packageWith({ '/etc/cron.d/evil': 'x' }),
    'The zip file must only have files inside its own folders: “/etc/cron.d/evil” is an absolute path or goes outside them',
  ],
  [
    'an entry with a drive letter',
    () => packageWith({ 'C:/evil.html': 'x' }),
    'The zip file must only have files inside its own folders: “C:/evil.html” is an absolute path or goes outside them',
  ],
  [
    'an entry with backslashes',
    () => packageWith({ '..\\..\\evil.html': 'x' }),
    'The zip file must only have files inside its own folders: “..\\..\\evil.html” is an absolute path or goes outside them',
  ],
  [
    "an entry in the run-time's reserved folder",
    () => packageWith({ '__scorm_runtime__/bridge.js': 'alert(1)' }),
    'The zip file must only have files inside its own folders: “__scorm_runtime__/bridge.js” is an absolute path or goes outside them',
  ],
  [
    'a symbolic link',
    () => packageWith({ 'secrets.txt': { link: '/etc/passwd' } }),
    'The zip file must not have symbolic links: “secrets.txt” is one',
  ],
  [
    'a zip bomb: a file that inflates to a thousand times its packed size',
    () => packageWith({ 'video.bin': Buffer.alloc(5 * 1024 * 1024) }),
    'The zip file must not have a file that unpacks to more than 200 times its packed size: “video.bin” does',
  ],
]

test.group('E-learning packages: uploading', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    packages = await privatePackagesFolder()
    temp = await privateTempFolder()
    return async () => {
      await temp.restore()
      await packages.restore()
    }
  })

  test("a course admin adds the service's own SCORM 1.2 package: unpacked, and the course's next module", async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const response = await uploadPackage(
      client,
      course,
      admin,
      ownPackageZip('digital_awareness_scorm12')
    )
    response.assertStatus(302)
    response.assertHeader('location', `/learning/admin/courses/${course.id}/edit#modules`)
    response.assertFlashMessage(
      'success',
      `Digital by default: the basics is now module 1 of ${course.title}`
    )
    const saved = await db.from('learning_packages').where('course_id', course.id).firstOrFail()
    assert.equal(saved.scorm_version, '1.2')
    assert.equal(saved.title, 'Digital by default: the basics')
    assert.equal(saved.launch_href, 'index.html')
    assert.equal(Number(saved.file_count), 4)
    assert.equal(saved.uploaded_by, admin.id)
    const module = await db.from('course_modules').where('package_id', saved.id).firstOrFail()
    assert.equal(module.kind, 'scorm')
    assert.equal(module.position, 1)
    assert.equal(module.title, 'Digital by default: the basics')
    assert.deepEqual(await packages.entries(), [saved.storage_key])
    assert.sameMembers(await readdir(join(learningPackagesConfig.directory, saved.storage_key)), [
      'imsmanifest.xml',
      'index.html',
      'lesson.css',
      'lesson.js',
    ])
    const audited = await db
      .from('audit_events')
      .where({ subject_type: 'learning_package', subject_id: String(saved.id), action: 'create' })
      .first()
    assert.exists(audited, 'the upload is audited')
    assert.deepEqual(await temp.files(), [])
  })

  test("the service's own SCORM 2004 package is added as SCORM 2004, with the title given", async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const response = await client
      .post(`/learning/admin/courses/${course.id}/packages`)
      .loginAs(admin)
      .withCsrfToken()
      .file('file', ownPackageZip('digital_awareness_scorm2004'), { filename: 'lesson.zip' })
      .field('title', 'Publishing performance')
      .field('required', 'false')
      .redirects(0)
    response.assertStatus(302)
    const saved = await db.from('learning_packages').where('course_id', course.id).firstOrFail()
    assert.equal(saved.scorm_version, '2004')
    const module = await db.from('course_modules').where('package_id', saved.id).firstOrFail()
    assert.equal(module.title, 'Publishing performance')
    assert.isFalse(Boolean(module.required))
  })

  for (const [what, zip, message] of BAD_PACKAGES) {
    test(`${what} is refused with its own message, and nothing is kept`, async ({
      client,
      assert,
    }) => {
      const { admin, course } = await selfPacedCourse()
      const response = await uploadPackage(client, course, admin, zip())
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { file: [message] })
      await assertNothingStored(assert, course.id)
    })
  }

  test('a zip bomb whose headers claim a tiny size is stopped while inflating, not trusted', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const bomb = withLyingSizes(packageWith({ 'video.bin': Buffer.alloc(20 * 1024 * 1024) }), 10)
    const response = await uploadPackage(client, course, admin, bomb)
    response.assertStatus(302)
    const message = (response.flashMessages().inputErrorsBag as Record<string, string[]>).file[0]
    assert.match(message, /^The zip file (could not be unpacked|must not have a file that unpacks)/)
    await assertNothingStored(assert, course.id)
  })

  test('a zip with more files than the limit is refused before any is unpacked', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const limit = learningPackagesConfig.limits.maxEntries
    learningPackagesConfig.limits.maxEntries = 5
    try {
      const response = await uploadPackage(
        client,
        course,
        admin,
        packageWith({ 'a.js': 'a', 'b.js': 'b', 'c.js': 'c', 'd.js': 'd' })
      )
      response.assertFlashMessage('inputErrorsBag', {
        file: ['The zip file must have 5 files or fewer'],
      })
    } finally {
      learningPackagesConfig.limits.maxEntries = limit
    }
    await assertNothingStored(assert, course.id)
  })

  test('a zip that unpacks to more than the limit in all is refused part way, with nothing kept', async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const limit = learningPackagesConfig.limits.maxUncompressedBytes
    learningPackagesConfig.limits.maxUncompressedBytes = 3 * 1024 * 1024
    try {
      // Random bytes do not compress: no ratio guard, only the total stops them.
      const response = await uploadPackage(
        client,
        course,
        admin,
        packageWith({
          'one.bin': randomBytes(2 * 1024 * 1024),
          'two.bin': randomBytes(2 * 1024 * 1024),
        })
      )
      response.assertFlashMessage('inputErrorsBag', {
        file: ['The zip file must unpack to less than 3 MB'],
      })
    } finally {
      learningPackagesConfig.limits.maxUncompressedBytes = limit
    }
    await assertNothingStored(assert, course.id)
  })

  test('a zip over 100 MB is refused before it is read to the end', async ({ client, assert }) => {
    const { admin, course } = await selfPacedCourse()
    const response = await uploadPackage(
      client,
      course,
      admin,
      Buffer.alloc(100 * 1024 * 1024 + 1, 'a')
    ).accept('json')
    response.assertStatus(413)
    assert.equal(response.body().detail, 'The selected file must be smaller than 100 MB')
    await assertNothingStored(assert, course.id)
  })

  test('a file not named .zip is refused as not a zip file', async ({ client, assert }) => {
    const { admin, course } = await selfPacedCourse()
    const response = await uploadPackage(client, course, admin, packageWith(), 'package.txt')
    response.assertFlashMessage('inputErrorsBag', {
      file: ['The selected file must be a zip file'],
    })
    await assertNothingStored(assert, course.id)
  })

  test('a course delivered in sessions takes no package', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['learner', 'course_admin'] })
    const course = await createCourse({ provider: await createProvider(undefined, [admin]) })
    const response = await uploadPackage(client, course, admin, packageWith())
    response.assertFlashMessage('inputErrorsBag', {
      file: ['Only a self-paced course has e-learning packages'],
    })
    await assertNothingStored(assert, course.id)
    const form = await client
      .get(`/learning/admin/courses/${course.id}/packages/create`)
      .loginAs(admin)
      .redirects(0)
    form.assertStatus(302)
  })

  test("another provider's course admin and a learner cannot add a package, and their file is never kept", async ({
    client,
    assert,
  }) => {
    const { course } = await selfPacedCourse()
    const otherAdmin = await createUser({ roles: ['learner', 'course_admin'] })
    await createProvider(undefined, [otherAdmin])
    const learner = await createUser()
    const byOther = await uploadPackage(client, course, otherAdmin, packageWith()).accept('json')
    byOther.assertStatus(403)
    const byLearner = await uploadPackage(client, course, learner, packageWith()).accept('json')
    byLearner.assertStatus(403)
    const form = await client
      .get(`/learning/admin/courses/${course.id}/packages/create`)
      .loginAs(otherAdmin)
    form.assertStatus(403)
    await assertNothingStored(assert, course.id)
  })

  test("removing a package's module removes the package's record and its files", async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    await uploadPackage(client, course, admin, ownPackageZip('digital_awareness_scorm12'))
    const module = await db.from('course_modules').where('course_id', course.id).firstOrFail()
    assert.lengthOf(await packages.entries(), 1)
    const response = await client
      .delete(`/learning/admin/modules/${module.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await assertNothingStored(assert, course.id)
    const audited = await db
      .from('audit_events')
      .where({ subject_type: 'learning_package', action: 'delete' })
      .first()
    assert.exists(audited, 'the removal is audited')
  })

  test("the upload form names the limits and sends the file with the module's fields", async ({
    client,
    assert,
  }) => {
    const { admin, course } = await selfPacedCourse()
    const page = await client
      .get(`/learning/admin/courses/${course.id}/packages/create`)
      .loginAs(admin)
    page.assertStatus(200)
    assert.include(page.text(), 'enctype="multipart/form-data"')
    assert.include(page.text().replace(/\s+/g, ' '), 'up to 100 MB, with up to 5,000 files')
  })
})
