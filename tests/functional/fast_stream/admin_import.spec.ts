import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { createUser } from '#database/factories/user_factory'
import { createCohort, createEntrant, createScheme } from '#database/factories/fast_stream_factory'
import FastStreamEntrant from '#models/fast_stream_entrant'
import AuditEvent from '#models/audit_event'
import type User from '#models/user'
import { binaryFile } from '#tests/support/files'
import { submitAs } from '#tests/support/forms'
import { checkedContent, checkedImport } from '#tests/support/checked_import'

/*
 * Four people; Chloe is already an entrant exactly as the file says, Dara
 * an entrant on another scheme with SC clearance (the file says DV).
 */
async function setUp() {
  const admin = await createUser({ roles: ['fast_stream_admin'] })
  const digital = await createScheme('Digital and Technology')
  await createScheme('Generalist')
  const old = await createScheme('Old scheme')
  const cohort = await createCohort(2013, '2013 intake')
  const people: Record<string, User> = {}
  for (const name of ['amira', 'ben', 'chloe', 'dara']) {
    people[name] = await createUser({
      overrides: { email: `${name}@example.gov.uk`, fullName: `${name} person` },
    })
  }
  await createEntrant({
    user: people.chloe,
    scheme: digital,
    cohort,
    clearance: 'SC',
    startedOn: '2013-09-02',
    locations: 'London, Leeds',
  })
  const dara = await createEntrant({
    user: people.dara,
    scheme: old,
    cohort,
    clearance: 'SC',
    startedOn: '2013-09-02',
    locations: 'Bristol',
  })
  return { admin, dara: dara.entrant }
}

const FILE = [
  'Email,Scheme,Cohort,Clearance,Started_On,Locations',
  'amira@example.gov.uk,Digital and Technology,2013 intake,SC,2013-09-02,London; Leeds',
  'BEN@example.gov.uk,generalist,2013 INTAKE,bpss,2013-09-02,',
  'chloe@example.gov.uk,Digital and Technology,2013 intake,SC,2013-09-02,"London, Leeds"',
  'dara@example.gov.uk,Digital and Technology,2013 intake,DV,2013-09-02,Bristol',
  'nobody@example.gov.uk,Digital and Technology,2013 intake,SC,2013-09-02,',
  'amira@example.gov.uk,Generalist,2013 intake,SC,2013-09-02,',
  ',Science,2099 intake,TOP,02/09/2013,',
  '',
  'dara@example.gov.uk,Digital and Technology,2013 intake,SC,2013-02-30,',
].join('\n')

/* A date column as yyyy-mm-dd, whichever driver read it. */
const day = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)

const { upload, apply } = checkedImport('/fast-stream/admin/entrants/import', 'entrants.csv')

/* The preview answers with one new entrant to add and no row it cannot import. */
function assertAddsOneEntrant(assert: Assert, response: ApiResponse) {
  response.assertStatus(200)
  const html = response.text().replace(/\s+/g, ' ')
  assert.include(html, 'New entrants to add</th><td class="text-right">1</td>')
  assert.include(html, 'Rows that cannot be imported</th><td class="text-right">0</td>')
}

test.group('Fast Stream admin: importing entrants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the preview sorts rows into new, changed, unchanged and bad, by line and reason', async ({
    client,
    assert,
  }) => {
    const { admin } = await setUp()
    const response = await upload(client, admin, FILE)
    response.assertStatus(200)
    const html = response.text().replace(/\s+/g, ' ')
    assert.include(html, '<title>Error: Check the entrant import')
    assert.include(html, '4 rows cannot be imported')
    for (const [label, count] of [
      ['New entrants to add', 2],
      ['Entrants to change', 1],
      ['Entrants already as the file says', 1],
      ['Rows that cannot be imported', 4],
    ]) {
      assert.include(html, `${label}</th><td class="text-right">${count}</td>`)
    }
    assert.include(
      html,
      '<th scope="row" class="font-normal">6</th><td class="break-all">nobody@example.gov.uk</td><td>No one has the e-mail address nobody@example.gov.uk: add them as a person first</td>'
    )
    assert.include(html, 'Duplicate: amira@example.gov.uk is already on line 2')
    assert.include(
      html,
      '<th scope="row" class="font-normal">8</th><td class="break-all"></td><td>The e-mail address is missing; There is no scheme called “Science”; There is no cohort called “2099 intake”; The clearance must be BPSS, CTC, SC or DV, not “TOP”; The start date must be a real date written YYYY-MM-DD, not “02/09/2013”</td>'
    )
    assert.include(html, 'Duplicate: dara@example.gov.uk is already on line 5')
    assert.include(html, 'Clearance: SC → DV')
    assert.include(html, 'Scheme: Old scheme → Digital and Technology')
    assert.include(html, 'Apply: add 2, change 1')
    // Nothing is saved by the preview.
    assert.isNull(
      await FastStreamEntrant.query()
        .join('users', 'users.id', 'fast_stream_entrants.user_id')
        .where('users.email', 'amira@example.gov.uk')
        .first()
    )
  })

  test('applying adds and changes entrants in one go, audited; applying again changes nothing', async ({
    client,
    assert,
  }) => {
    const { admin, dara } = await setUp()
    const preview = await upload(client, admin, FILE)
    const content = checkedContent(preview.text())
    const before = await AuditEvent.query().count('* as total')
    const applied = await apply(client, admin, content)
    applied.assertStatus(302)
    applied.assertHeader('location', '/fast-stream/admin/entrants')
    applied.assertFlashMessage(
      'success',
      'Import applied: 2 entrants added, 1 changed; 4 rows left out'
    )

    const entrants = await db
      .from('fast_stream_entrants as e')
      .join('users as u', 'u.id', 'e.user_id')
      .join('fast_stream_schemes as s', 's.id', 'e.scheme_id')
      .whereIn('u.email', ['amira@example.gov.uk', 'ben@example.gov.uk', 'dara@example.gov.uk'])
      .orderBy('u.email')
      .select(
        'u.email',
        's.name as scheme',
        'e.clearance',
        'e.started_on',
        'e.location_preferences'
      )
    assert.deepEqual(
      entrants.map((row) => [
        row.email,
        row.scheme,
        row.clearance,
        day(row.started_on),
        row.location_preferences,
      ]),
      [
        ['amira@example.gov.uk', 'Digital and Technology', 'SC', '2013-09-02', 'London, Leeds'],
        ['ben@example.gov.uk', 'Generalist', 'BPSS', '2013-09-02', null],
        ['dara@example.gov.uk', 'Digital and Technology', 'DV', '2013-09-02', 'Bristol'],
      ]
    )
    const after = await AuditEvent.query().count('* as total')
    // Two creates, one update and the import itself.
    assert.equal(Number(after[0].$extras.total) - Number(before[0].$extras.total), 4)
    const update = await AuditEvent.query()
      .where({ subject_type: 'fast_stream_entrant', subject_id: String(dara.id), action: 'update' })
      .firstOrFail()
    assert.equal(update.actorId, admin.id)
    assert.equal(update.beforeValues.clearance, 'SC')
    assert.equal(update.afterValues.clearance, 'DV')
    assert.equal(update.afterValues.via, 'entrant import')
    const summary = await AuditEvent.query()
      .where('subject_type', 'fast_stream_entrant_import')
      .firstOrFail()
    assert.deepInclude(summary.afterValues, { new: 2, changed: 1, unchanged: 1, bad: 4 })

    const again = await apply(client, admin, content)
    again.assertFlashMessage(
      'success',
      'Nothing to change: every entrant in the file is already recorded as it says; 4 rows left out'
    )
    const last = await AuditEvent.query().count('* as total')
    assert.equal(Number(last[0].$extras.total), Number(after[0].$extras.total))

    const secondPreview = await upload(client, admin, FILE)
    const html = secondPreview.text().replace(/\s+/g, ' ')
    assert.include(html, 'Entrants already as the file says</th><td class="text-right">4</td>')
    assert.include(html, 'Applying this file would change nothing.')
    assert.notInclude(html, 'name="content"')
  })

  test('a file without the required columns, or no file, is refused with a clear message', async ({
    client,
  }) => {
    const { admin } = await setUp()
    const missing = await upload(client, admin, 'email,scheme\namira@example.gov.uk,Generalist\n')
    missing.assertStatus(302)
    missing.assertFlashMessage('inputErrorsBag', {
      file: [
        'The header row must name the columns email, scheme, cohort, clearance, started on, locations; it is missing cohort, clearance, started on',
      ],
    })
    const empty = await upload(client, admin, 'email,scheme,cohort,clearance,started on\n')
    empty.assertFlashMessage('inputErrorsBag', {
      file: ['The file has no rows of entrants under its header row'],
    })
    const none = await submitAs(client, admin).post('/fast-stream/admin/entrants/import')
    none.assertFlashMessage('inputErrorsBag', { file: ['Select a CSV file of entrants'] })
    const wrongType = await upload(client, admin, 'x', 'entrants.pdf')
    wrongType.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
  })

  test('a file headed as the template heads it is read as one in lower case', async ({
    client,
    assert,
  }) => {
    const { admin } = await setUp()
    const template = await client
      .get('/fast-stream/admin/entrants/import/template.csv')
      .loginAs(admin)
    const header = template.text().split('\n')[0]
    assert.equal(header, 'Email,Scheme,Cohort,Clearance,Started on,Locations')
    const response = await upload(
      client,
      admin,
      [header, 'amira@example.gov.uk,Digital and Technology,2013 intake,SC,2013-09-02,Leeds'].join(
        '\n'
      )
    )
    assertAddsOneEntrant(assert, response)
  })

  test('a quote inside a cell that is not in quotes is read as written', async ({
    client,
    assert,
  }) => {
    const { admin } = await setUp()
    const response = await upload(
      client,
      admin,
      [
        'email,scheme,cohort,clearance,started on,locations',
        'amira@example.gov.uk,Digital and Technology,2013 intake,SC,2013-09-02,London "Canary Wharf"',
      ].join('\n')
    )
    assertAddsOneEntrant(assert, response)
  })

  test('a file whose quotes cannot be read, or a binary one, is refused with a file error', async ({
    client,
    assert,
  }) => {
    const { admin } = await setUp()
    const unclosed = await upload(
      client,
      admin,
      [
        'email,scheme,cohort,clearance,started on',
        'amira@example.gov.uk,Generalist,2013 intake,SC,2013-09-02',
        'ben@example.gov.uk,"Generalist,2013 intake,SC,2013-09-02',
      ].join('\n')
    )
    unclosed.assertStatus(302)
    unclosed.assertFlashMessage('inputErrorsBag', {
      file: ['The file could not be read as CSV near line 3: check its quotes and commas'],
    })
    const binary = await client
      .post('/fast-stream/admin/entrants/import')
      .loginAs(admin)
      .withCsrfToken()
      .file('file', binaryFile(), { filename: 'entrants.csv' })
      .redirects(0)
    binary.assertStatus(302)
    binary.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
    assert.lengthOf(await FastStreamEntrant.all(), 2)
  })

  test('an e-mail address with quotes, angle brackets or control characters is a bad row', async ({
    client,
    assert,
  }) => {
    const { admin } = await setUp()
    const response = await upload(
      client,
      admin,
      [
        'email,scheme,cohort,clearance,started on',
        '"amira""<x>@example.gov.uk",Generalist,2013 intake,SC,2013-09-02',
        '"ben\t@example.gov.uk",Generalist,2013 intake,SC,2013-09-02',
        'ben\u0001@example.gov.uk,Generalist,2013 intake,SC,2013-09-02',
      ].join('\n')
    )
    response.assertStatus(200)
    const html = response.text().replace(/\s+/g, ' ')
    assert.include(html, 'Rows that cannot be imported</th><td class="text-right">3</td>')
    assert.include(html, '<td>“amira&quot;&lt;x&gt;@example.gov.uk” is not an e-mail address</td>')
    assert.include(html, '<td>“ben\ufffd@example.gov.uk” is not an e-mail address</td>')
  })

  test('people without the admin role cannot preview or apply an import', async ({
    client,
    assert,
  }) => {
    await setUp()
    const learner = await createUser({ roles: ['learner'] })
    const preview = await upload(client, learner, FILE)
    preview.assertStatus(403)
    const applied = await apply(client, learner, Buffer.from(FILE).toString('base64'))
    applied.assertStatus(403)
    const page = await client
      .get('/fast-stream/admin/entrants/import/template.csv')
      .loginAs(learner)
    page.assertStatus(403)
    assert.lengthOf(await FastStreamEntrant.all(), 2)
  })

  test('the template names the columns the import reads', async ({ client, assert }) => {
    const { admin } = await setUp()
    const response = await client
      .get('/fast-stream/admin/entrants/import/template.csv')
      .loginAs(admin)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(response.text(), /^Email,Scheme,Cohort,Clearance,Started on,Locations\n/)
  })
})
