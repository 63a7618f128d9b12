import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import FrameworkImport from '#models/framework_import'
import StaffImport from '#models/staff_import'
import type User from '#models/user'
import { privateTempFolder } from '#tests/support/temp_folder'

const PEOPLE = 'email,name,organisation code\nada@dft.example,Ada Lovelace,dft\n'
const FRAMEWORK =
  'role_family,role,role_level,skill,skill_level\nData,Data analyst,Analyst,SQL,Working\n'

/* A CSV-named file of the given size, in bytes. */
const sized = (bytes: number) => Buffer.alloc(bytes, 'a')

let temp: Awaited<ReturnType<typeof privateTempFolder>>

async function expectNoFileLeft(assert: any) {
  assert.deepEqual(await temp.files(), [], 'no uploaded file is left in the temporary folder')
}

function uploadTo(
  client: ApiClient,
  url: string,
  file: Buffer,
  options: { user?: User; filename?: string; csrf?: boolean } = {}
) {
  let request = client.post(url).file('file', file, { filename: options.filename ?? 'file.csv' })
  if (options.csrf !== false) request = request.withCsrfToken()
  if (options.user) request = request.loginAs(options.user)
  return request.redirects(0)
}

test.group('Uploads: where multipart bodies are read', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    temp = await privateTempFolder()
    return () => temp.restore()
  })

  test('a file sent to the sign-in page is refused with 415 and never written to disk', async ({
    client,
    assert,
  }) => {
    const response = await uploadTo(client, '/sign-in', Buffer.from(PEOPLE))
    response.assertStatus(415)
    assert.include(response.text(), 'This address does not take file uploads')
    assert.include(response.text(), '<h1>There is a problem with what was sent</h1>')
    await expectNoFileLeft(assert)
  })

  test('a file sent to an address that does not exist is refused and never written to disk', async ({
    client,
    assert,
  }) => {
    const response = await uploadTo(client, '/no-such-page', Buffer.from(PEOPLE))
    response.assertStatus(415)
    await expectNoFileLeft(assert)
  })

  test('a file sent to a form that takes no upload is refused for an admin too, as JSON when asked', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await uploadTo(client, '/framework/import/1/apply', Buffer.from(FRAMEWORK), {
      user: admin,
    }).accept('json')
    response.assertStatus(415)
    assert.equal(response.body().detail, 'This address does not take file uploads')
    await expectNoFileLeft(assert)
  })

  test('someone signed out is sent to sign in before their file is read', async ({
    client,
    assert,
  }) => {
    const response = await uploadTo(client, '/admin/staff-imports', Buffer.from(PEOPLE))
    response.assertStatus(302)
    response.assertHeader('location', '/sign-in')
    await expectNoFileLeft(assert)
  })

  test('someone without the role is refused every upload before their file is read', async ({
    client,
    assert,
  }) => {
    const learner = await createUser({ roles: ['learner'] })
    const hr = await createUser({ roles: ['department_hr'] })
    for (const [url, user] of [
      ['/admin/staff-imports', learner],
      ['/framework/import', hr],
      ['/fast-stream/admin/entrants/import', hr],
    ] as const) {
      const response = await uploadTo(client, url, Buffer.from(PEOPLE), { user })
      response.assertStatus(403)
      await expectNoFileLeft(assert)
    }
    assert.lengthOf(await StaffImport.all(), 0)
    assert.lengthOf(await FrameworkImport.all(), 0)
  })

  test('an upload without the form’s CSRF token is refused, and its file removed', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    for (const url of [
      '/admin/staff-imports',
      '/framework/import',
      '/fast-stream/admin/entrants/import',
    ]) {
      const response = await uploadTo(client, url, Buffer.from(PEOPLE), {
        user: admin,
        csrf: false,
      })
      response.assertStatus(302)
      response.assertFlashMessage('error', 'Invalid or expired CSRF token')
      await expectNoFileLeft(assert)
    }
    assert.lengthOf(await StaffImport.all(), 0)
    assert.lengthOf(await FrameworkImport.all(), 0)
  })

  test('a file refused by validation, and one imported, both leave no file behind', async ({
    client,
    assert,
  }) => {
    const dft = await OrganisationFactory.merge({ code: 'dft' }).create()
    const hr = await createUser({ roles: ['department_hr'], organisation: dft })
    const refused = await uploadTo(client, '/admin/staff-imports', Buffer.from('hello'), {
      user: hr,
      filename: 'people.pdf',
    })
    refused.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    await expectNoFileLeft(assert)

    const unreadable = await uploadTo(client, '/admin/staff-imports', Buffer.from('a,b\n1,2\n'), {
      user: hr,
    })
    unreadable.assertStatus(302)
    await expectNoFileLeft(assert)

    const imported = await uploadTo(client, '/admin/staff-imports', Buffer.from(PEOPLE), {
      user: hr,
    })
    const staffImport = await StaffImport.query().firstOrFail()
    imported.assertHeader('location', `/admin/staff-imports/${staffImport.id}`)
    await expectNoFileLeft(assert)
  })

  test('the apply step of the entrant import reads its fields and never writes a file', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const response = await client
      .post('/fast-stream/admin/entrants/import/apply')
      .loginAs(admin)
      .withCsrfToken()
      .field('content', Buffer.from('email,scheme\n').toString('base64'))
      .file('file', Buffer.from(PEOPLE), { filename: 'extra.csv' })
      .redirects(0)
    response.assertStatus(302)
    assert.match(String(response.flashMessage('error')), /^The import was not applied: /)
    await expectNoFileLeft(assert)
  })
})

test.group('Uploads: size limits', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    temp = await privateTempFolder()
    return () => temp.restore()
  })

  test('each upload has its own size limit, answered with a clear message under the field', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin', 'fast_stream_admin'] })
    for (const [url, bytes, message] of [
      ['/framework/import', 2 * 1024 * 1024, 'The selected file must be smaller than 2 MB'],
      [
        '/fast-stream/admin/entrants/import',
        1024 * 1024,
        'The selected file must be smaller than 1 MB',
      ],
      ['/admin/staff-imports', 20 * 1024 * 1024, 'The selected file must be smaller than 20 MB'],
    ] as const) {
      const response = await uploadTo(client, url, sized(bytes + 1), { user: admin })
      response.assertStatus(302)
      response.assertFlashMessage('inputErrorsBag', { file: [message] })
      await expectNoFileLeft(assert)
    }
    assert.lengthOf(await FrameworkImport.all(), 0)
    assert.lengthOf(await StaffImport.all(), 0)
  })

  test('a file over the limit is answered 413 with the field’s message when JSON is asked for', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const response = await uploadTo(client, '/framework/import', sized(3 * 1024 * 1024), {
      user: admin,
    }).accept('json')
    response.assertStatus(413)
    assert.deepEqual(response.body().errors, [
      { field: 'file', message: 'The selected file must be smaller than 2 MB' },
    ])
    await expectNoFileLeft(assert)
  })

  test('a file just under the limit is read', async ({ client, assert }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const file = Buffer.concat([Buffer.from(FRAMEWORK), sized(2 * 1024 * 1024 - 200)])
    const response = await uploadTo(client, '/framework/import', file, { user: admin })
    response.assertStatus(302)
    assert.match(response.header('location')!, /^\/framework\/import\/\d+$/)
    await expectNoFileLeft(assert)
  })
})

test.group('Uploads: rate limit', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    temp = await privateTempFolder()
    return () => temp.restore()
  })

  test('a person may upload 20 files in ten minutes; the next is refused with when to try again', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const other = await createUser({ roles: ['capability_admin'] })
    for (let i = 0; i < 20; i++) {
      const response = await uploadTo(client, '/framework/import', Buffer.from('x'), {
        user: admin,
        filename: 'notes.txt',
      })
      response.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    }
    const refused = await uploadTo(client, '/framework/import', Buffer.from(FRAMEWORK), {
      user: admin,
    })
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', {
      file: ['You have uploaded too many files in a short time: try again in 10 minutes'],
    })
    assert.lengthOf(await FrameworkImport.all(), 0)
    await expectNoFileLeft(assert)

    const json = await uploadTo(client, '/framework/import', Buffer.from(FRAMEWORK), {
      user: admin,
    }).accept('json')
    json.assertStatus(429)
    assert.isAbove(Number(json.header('retry-after')), 0)

    const someoneElse = await uploadTo(client, '/framework/import', Buffer.from(FRAMEWORK), {
      user: other,
    })
    assert.match(someoneElse.header('location')!, /^\/framework\/import\/\d+$/)
  })
})
