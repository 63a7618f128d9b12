import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import type { ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { createUser } from '#database/factories/user_factory'
import { createRole } from '#database/factories/framework_factory'
import User from '#models/user'
import StaffImport from '#models/staff_import'
import RoleAssignment from '#models/role_assignment'
import AuditEvent from '#models/audit_event'
import { binaryFile } from '#tests/support/files'
import { transportAndRevenue } from '#tests/support/fixtures/departments'
import { createStaffImport } from '#database/factories/staff_import_factory'
import { submitAs, submitSignIn } from '#tests/support/forms'
import {
  type FormChange,
  assertPagesAndChangesAnswer,
  assertPagesAnswer,
} from '#tests/support/page_access'

const HEADER = 'email,name,organisation code,grade,profession,role level,line manager email'
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\n') + '\n')

/* DfT (code dft) with DVLA below it, and HMRC, each with its HR, and a developer role with two levels. */
async function departments() {
  const { dft, dvla, hmrc, dftHr, hmrcHr } = await transportAndRevenue({
    departmentA: { code: 'dft' },
    agencyA: { code: 'dvla', name: 'DVLA' },
    departmentB: { code: 'hmrc' },
  })
  const { levels } = await createRole({
    role: 'Software developer',
    levels: [
      { name: 'Developer', needs: { Programming: 2 } },
      { name: 'Senior developer', needs: { Programming: 3 } },
    ],
  })
  return { dft, dvla, hmrc, dftHr, hmrcHr, levels }
}

async function upload(client: any, user: User, file: Buffer, filename = 'people.csv') {
  return client
    .post('/admin/staff-imports')
    .withCsrfToken()
    .loginAs(user)
    .file('file', file, { filename })
    .redirects(0)
}

/* The upload was refused with the message on its file field, and no import was kept. */
async function assertFileRefused(assert: Assert, response: ApiResponse, message: string) {
  response.assertFlashMessage('inputErrorsBag', { file: [message] })
  assert.isNull(await StaffImport.query().first())
}

async function latestImport() {
  return StaffImport.query().orderBy('id', 'desc').firstOrFail()
}

async function rowsOf(staffImport: StaffImport, outcome: string) {
  return db
    .from('staff_import_rows')
    .where({ staff_import_id: staffImport.id, outcome })
    .orderBy('line')
    .select('line', 'email', 'reason', 'changes')
}

/* The line of each row the import cannot take, with the reason it gives. */
async function badLinesOf(staffImport: StaffImport) {
  const bad = await rowsOf(staffImport, 'bad')
  return bad.map((row) => [row.line, row.reason])
}

test.group('Staff import', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('learners are refused every staff import page with 403', async ({ client }) => {
    const learner = await createUser({ roles: ['learner'] })
    await assertPagesAnswer(
      client,
      learner,
      ['/admin/staff-imports', '/admin/staff-imports/new', '/admin/staff-imports/template.csv'],
      403
    )
  })

  test('the preview sorts rows into new, changed, unchanged and bad, each bad row with its line and reason, and saves no one', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, hmrc, dftHr, levels } = await departments()
    await createUser({
      organisation: dft,
      overrides: {
        email: 'same@dft.example',
        fullName: 'Sam Same',
        grade: 'HEO',
        profession: 'digital',
      },
    })
    await createUser({
      organisation: dft,
      overrides: { email: 'mover@dft.example', fullName: 'Mo Mover', grade: 'HEO' },
    })
    await createUser({ organisation: hmrc, overrides: { email: 'outsider@hmrc.example' } })
    void levels
    const usersBefore = await User.query().count('* as total')

    const response = await upload(
      client,
      dftHr,
      csv(
        'new.person@dft.example,New Person,dvla,EO,digital,Developer,boss@dft.example',
        'boss@dft.example,The Boss,dft,G6,digital,Senior developer,',
        'same@dft.example,Sam Same,dft,HEO,digital,,',
        'mover@dft.example,Mo Mover,dvla,SEO,,,',
        'bad-email,No Email,dft,EO,,,',
        'wrong.org@dft.example,Wrong Org,hmrc,EO,,,',
        'wrong.grade@dft.example,Wrong Grade,dft,Band 9,,,',
        'wrong.level@dft.example,Wrong Level,dft,EO,,Astronaut,',
        'new.person@dft.example,Twice Given,dft,EO,,,',
        'outsider@hmrc.example,Out Sider,dft,EO,,,',
        'loop.a@dft.example,Loop A,dft,EO,,,loop.b@dft.example',
        'loop.b@dft.example,Loop B,dft,EO,,,loop.a@dft.example',
        'orphan@dft.example,Orphan,dft,EO,,,nobody@dft.example',
        'follows.bad@dft.example,Follows Bad,dft,EO,,,wrong.grade@dft.example'
      )
    )
    const staffImport = await latestImport()
    response.assertStatus(302)
    response.assertHeader('location', `/admin/staff-imports/${staffImport.id}`)
    assert.equal(staffImport.status, 'checked')
    assert.equal(staffImport.scopeOrganisationId, dft.id)
    assert.deepEqual(
      [
        staffImport.totalRows,
        staffImport.newRows,
        staffImport.changedRows,
        staffImport.unchangedRows,
        staffImport.badRows,
      ],
      [14, 2, 1, 1, 10]
    )

    assert.deepEqual(await badLinesOf(staffImport), [
      [6, '“bad-email” is not an e-mail address'],
      [7, 'Organisation code “hmrc” is not one of your organisations'],
      [8, 'Grade “Band 9” is not a civil service grade'],
      [9, 'Role level “Astronaut” is not in the framework'],
      [10, 'E-mail is also on line 2'],
      [11, 'This e-mail belongs to someone outside your organisations'],
      [
        12,
        'Line managers would go round in a loop: loop.a@dft.example → loop.b@dft.example → loop.a@dft.example',
      ],
      [
        13,
        'Line managers would go round in a loop: loop.a@dft.example → loop.b@dft.example → loop.a@dft.example',
      ],
      [14, 'Line manager nobody@dft.example is not in the file or among your people'],
      [15, 'Line manager wrong.grade@dft.example is on line 8, which cannot be imported'],
    ])
    const changed = await rowsOf(staffImport, 'changed')
    assert.deepEqual(
      changed.map((row) => [row.email, row.changes]),
      [['mover@dft.example', 'organisation, grade, profession']]
    )
    const unchanged = await rowsOf(staffImport, 'unchanged')
    assert.deepEqual(
      unchanged.map((row) => row.email),
      ['same@dft.example']
    )

    const after = await User.query().count('* as total')
    assert.equal(Number(after[0].$extras.total), Number(usersBefore[0].$extras.total))

    const page = await client.get(`/admin/staff-imports/${staffImport.id}`).loginAs(dftHr)
    page.assertStatus(200)
    page.assertTextIncludes('Cannot be imported (10)')
    page.assertTextIncludes('Organisation code “hmrc” is not one of your organisations')
    page.assertTextIncludes('Apply: add 2, update 1')
    void dvla
    // Rows name their organisation as people know it, not by its code.
    const added = await client
      .get(`/admin/staff-imports/${staffImport.id}`)
      .qs({ outcome: 'new' })
      .loginAs(dftHr)
    added.assertTextIncludes('<td>DVLA</td>')
    added.assertTextIncludes('<td>Department for Transport</td>')
    assert.notInclude(added.text(), '<td>dvla</td>')

    const problems = await client
      .get(`/admin/staff-imports/${staffImport.id}/problems.csv`)
      .loginAs(dftHr)
    problems.assertStatus(200)
    assert.include(
      problems.text(),
      '8,wrong.grade@dft.example,Wrong Grade,Grade “Band 9” is not a civil service grade'
    )
  })

  test('applying adds and updates people with line managers and role levels, audits each, and a second run changes nothing', async ({
    client,
    assert,
  }) => {
    const { dft, dvla, dftHr, levels } = await departments()
    const mover = await createUser({
      organisation: dft,
      overrides: { email: 'mover@dft.example', fullName: 'Mo Mover', grade: 'HEO' },
    })
    const file = csv(
      'new.person@dft.example,New Person,dvla,EO,digital,Developer,boss@dft.example',
      'boss@dft.example,The Boss,dft,G6,"Digital, data and technology",Software developer / Senior developer,',
      'mover@dft.example,Mo Mover,dvla,SEO,,Developer,boss@dft.example'
    )
    await upload(client, dftHr, file)
    const staffImport = await latestImport()
    const response = await submitAs(client, dftHr).post(
      `/admin/staff-imports/${staffImport.id}/apply`
    )
    response.assertStatus(302)
    response.assertFlashMessage('success', 'Import applied: 2 people added, 1 updated')

    const boss = await User.findByOrFail('email', 'boss@dft.example')
    const person = await User.findByOrFail('email', 'new.person@dft.example')
    await mover.refresh()
    assert.deepInclude(boss.serialize(), {
      organisationId: dft.id,
      grade: 'G6',
      profession: 'digital',
      lineManagerId: null,
    })
    assert.deepInclude(person.serialize(), {
      organisationId: dvla.id,
      grade: 'EO',
      profession: 'digital',
      lineManagerId: boss.id,
    })
    assert.deepInclude(mover.serialize(), {
      organisationId: dvla.id,
      grade: 'SEO',
      profession: null,
      lineManagerId: boss.id,
    })
    assert.isNull(person.password)

    const assignment = await RoleAssignment.query()
      .where({ user_id: boss.id, active_kind: 'current' })
      .firstOrFail()
    assert.equal(assignment.roleLevelId, levels[1].id)
    assert.equal(assignment.status, 'confirmed')
    assert.equal(assignment.confirmedBy, dftHr.id)

    const created = await AuditEvent.query()
      .where({ subject_type: 'user', subject_id: String(person.id), action: 'create' })
      .firstOrFail()
    assert.equal(created.actorId, dftHr.id)
    assert.equal(created.organisationId, dvla.id)
    assert.include(String(created.after), '"roleLevel":"Developer"')
    const updated = await AuditEvent.query()
      .where({ subject_type: 'user', subject_id: String(mover.id), action: 'update' })
      .firstOrFail()
    assert.deepInclude(JSON.parse(String(updated.before)), { grade: 'HEO', lineManager: null })
    assert.deepInclude(JSON.parse(String(updated.after)), {
      grade: 'SEO',
      lineManager: 'boss@dft.example',
    })
    await staffImport.refresh()
    assert.equal(staffImport.status, 'applied')

    // The same file again: everything unchanged, nothing to apply, nobody touched.
    const events = await AuditEvent.query().where('subject_type', 'user').count('* as total')
    await upload(client, dftHr, file)
    const again = await latestImport()
    assert.deepEqual(
      [again.newRows, again.changedRows, again.unchangedRows, again.badRows],
      [0, 0, 3, 0]
    )
    await submitAs(client, dftHr).post(`/admin/staff-imports/${again.id}/apply`)
    const eventsAfter = await AuditEvent.query().where('subject_type', 'user').count('* as total')
    assert.equal(Number(eventsAfter[0].$extras.total), Number(events[0].$extras.total))
    assert.equal(
      await RoleAssignment.query()
        .where('user_id', boss.id)
        .count('* as total')
        .then((rows) => Number(rows[0].$extras.total)),
      1
    )
  })

  test('a file headed as the template heads it is read as one in lower case', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const template = await client.get('/admin/staff-imports/template.csv').loginAs(dftHr)
    const header = template.text().split('\n')[0]
    assert.equal(
      header,
      'Email,Name,Organisation code,Grade,Profession,Role level,Line manager email'
    )
    await upload(
      client,
      dftHr,
      Buffer.from(`${header}\nnew.person@dft.example,New Person,dvla,EO,digital,Developer,\n`)
    )
    const staffImport = await latestImport()
    assert.equal(staffImport.status, 'checked')
    assert.deepEqual([staffImport.newRows, staffImport.badRows], [1, 0])
  })

  test('a column left out of the file leaves that field as recorded', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await departments()
    const manager = await createUser({
      organisation: dft,
      overrides: { email: 'manager@dft.example' },
    })
    const kept = await createUser({
      organisation: dft,
      overrides: {
        email: 'kept@dft.example',
        fullName: 'Kept',
        grade: 'G7',
        profession: 'policy',
        lineManagerId: manager.id,
      },
    })
    await upload(
      client,
      dftHr,
      Buffer.from('E-mail,Full name,Organisation\nkept@dft.example,Kept Renamed,DFT\n')
    )
    const staffImport = await latestImport()
    assert.equal(staffImport.changedRows, 1)
    await submitAs(client, dftHr).post(`/admin/staff-imports/${staffImport.id}/apply`)
    await kept.refresh()
    assert.deepInclude(kept.serialize(), {
      fullName: 'Kept Renamed',
      grade: 'G7',
      profession: 'policy',
      lineManagerId: manager.id,
    })
  })

  test('a file without the required columns is refused on the upload page and nothing is kept', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const response = await upload(client, dftHr, Buffer.from('email,grade\na@dft.example,EO\n'))
    response.assertStatus(302)
    await assertFileRefused(
      assert,
      response,
      'The first row must name the columns. Missing: name, organisation code'
    )

    const notCsv = await upload(client, dftHr, Buffer.from('hello'), 'people.pdf')
    notCsv.assertStatus(302)
    notCsv.assertFlashMessage('inputErrorsBag', { file: ['The selected file must be a CSV'] })
  })

  test('a quote inside a name that is not in quotes is read as written', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const response = await upload(
      client,
      dftHr,
      csv('ada@dft.example,Ada "The" Lovelace,dft,EO,,,')
    )
    const staffImport = await latestImport()
    response.assertHeader('location', `/admin/staff-imports/${staffImport.id}`)
    const rows = await db
      .from('staff_import_rows')
      .where('staff_import_id', staffImport.id)
      .select('full_name', 'outcome')
    assert.deepEqual(
      rows.map((row) => [row.full_name, row.outcome]),
      [['Ada "The" Lovelace', 'new']]
    )
  })

  test('a file whose quotes cannot be read is refused with the line to look at', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const response = await upload(
      client,
      dftHr,
      csv('ada@dft.example,Ada Lovelace,dft,EO,,,', 'alan@dft.example,"Alan Turing,dft,EO,,,')
    )
    response.assertStatus(302)
    await assertFileRefused(
      assert,
      response,
      'The file could not be read as CSV near line 3: check its quotes and commas'
    )
  })

  test('a binary file named .csv is refused as not a CSV, not with a server error', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const response = await upload(client, dftHr, binaryFile())
    response.assertStatus(302)
    await assertFileRefused(assert, response, 'The selected file must be a CSV')

    const afterGoodRows = await upload(
      client,
      dftHr,
      Buffer.concat([csv('ada@dft.example,Ada Lovelace,dft,EO,,,'), binaryFile()])
    )
    await assertFileRefused(assert, afterGoodRows, 'The selected file must be a CSV')
  })

  test('an e-mail address must be one: quotes, angle brackets and control characters are refused', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    await upload(
      client,
      dftHr,
      csv(
        '"ada""<x>@dft.example",Ada Quote,dft,EO,,,',
        'bob<b>@dft.example,Bob Angle,dft,EO,,,',
        '"cat\t@dft.example",Cat Tab,dft,EO,,,',
        'dan\u0001@dft.example,Dan Control,dft,EO,,,',
        'eve@dft.example,Eve Manager,dft,EO,,,"boss>@dft.example"',
        'fay@dft.example,Fay\u0002 Control,dft,EO,,,'
      )
    )
    const staffImport = await latestImport()
    assert.equal(staffImport.newRows, 0)
    assert.deepEqual(await badLinesOf(staffImport), [
      [2, '“ada"<x>@dft.example” is not an e-mail address'],
      [3, '“bob<b>@dft.example” is not an e-mail address'],
      [4, '“cat\ufffd@dft.example” is not an e-mail address'],
      [5, '“dan\ufffd@dft.example” is not an e-mail address'],
      [6, 'Line manager “boss>@dft.example” is not an e-mail address'],
      [7, 'Name contains a control character'],
    ])
  })

  test('another department’s HR gets 404 for an import, its rows, progress and actions', async ({
    client,
    assert,
  }) => {
    const { dftHr, hmrcHr } = await departments()
    await upload(client, dftHr, csv('someone@dft.example,Some One,dft,EO,,,'))
    const staffImport = await latestImport()
    const path = `/admin/staff-imports/${staffImport.id}`
    const pages = [path, `${path}/progress`, `${path}/problems.csv`]
    const changes: FormChange[] = [
      ['post', `${path}/apply`, {}],
      ['post', `${path}/discard`, {}],
    ]
    await assertPagesAndChangesAnswer(assert, client, hmrcHr, { pages, changes }, 404)
    const list = await client.get('/admin/staff-imports').loginAs(hmrcHr)
    list.assertStatus(200)
    assert.notInclude(list.text(), 'people.csv')
    await staffImport.refresh()
    assert.equal(staffImport.status, 'checked')
    assert.isNull(await User.findBy('email', 'someone@dft.example'))
  })

  test('a large file is checked and applied by queued jobs, and the progress address reports it', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    const rows = Array.from(
      { length: 2_100 },
      (_, i) => `person${i}@dft.example,Person ${i},dft,EO,,,${i > 0 ? 'person0@dft.example' : ''}`
    )
    const response = await upload(client, dftHr, csv(...rows))
    response.assertStatus(302)
    const staffImport = await latestImport()
    assert.equal(staffImport.status, 'checked')
    assert.equal(staffImport.newRows, 2_100)

    const progress = await client
      .get(`/admin/staff-imports/${staffImport.id}/progress`)
      .loginAs(dftHr)
    progress.assertStatus(200)
    progress.assertBodyContains({ status: 'checked', working: false, percent: 100, total: 2_100 })

    await submitAs(client, dftHr).post(`/admin/staff-imports/${staffImport.id}/apply`)
    await staffImport.refresh()
    assert.equal(staffImport.status, 'applied')
    assert.equal(staffImport.createdPeople, 2_100)
    const head = await User.findByOrFail('email', 'person0@dft.example')
    const reports = await User.query().where('line_manager_id', head.id).count('* as total')
    assert.equal(Number(reports[0].$extras.total), 2_099)
  })

  test('while a job works, the page shows a progress bar with its percentage', async ({
    client,
    assert,
  }) => {
    const { dft, dftHr } = await departments()
    const staffImport = await createStaffImport({
      uploadedBy: dftHr.id,
      scopeOrganisationId: dft.id,
      fileName: 'big.csv',
      status: 'checking',
      presentColumns: '',
      totalRows: 200,
      processedRows: 50,
    })
    const progress = await client
      .get(`/admin/staff-imports/${staffImport.id}/progress`)
      .loginAs(dftHr)
    progress.assertBodyContains({
      status: 'checking',
      working: true,
      percent: 25,
      processed: 50,
      total: 200,
    })
    const page = await client.get(`/admin/staff-imports/${staffImport.id}`).loginAs(dftHr)
    page.assertStatus(200)
    assert.include(page.text(), '<progress id="import-progress" max="100" value="25"')
    assert.include(page.text(), '25% done')
  })

  test('a checked import can be discarded, after which it cannot be applied', async ({
    client,
    assert,
  }) => {
    const { dftHr } = await departments()
    await upload(client, dftHr, csv('someone@dft.example,Some One,dft,EO,,,'))
    const staffImport = await latestImport()
    const response = await submitAs(client, dftHr).post(
      `/admin/staff-imports/${staffImport.id}/discard`
    )
    response.assertHeader('location', '/admin/staff-imports')
    const apply = await submitAs(client, dftHr).post(`/admin/staff-imports/${staffImport.id}/apply`)
    apply.assertFlashMessage(
      'error',
      'This import cannot be applied now: it has been applied, discarded or is in progress'
    )
    assert.isNull(await User.findBy('email', 'someone@dft.example'))
    const remaining = await db
      .from('staff_import_rows')
      .where('staff_import_id', staffImport.id)
      .count('* as total')
    assert.equal(Number(remaining[0].total), 0)
  })

  test('someone added by an import cannot sign in until a password is set', async ({ client }) => {
    const { dftHr } = await departments()
    await upload(client, dftHr, csv('nopass@dft.example,No Pass,dft,EO,,,'))
    const staffImport = await latestImport()
    await client.post(`/admin/staff-imports/${staffImport.id}/apply`).withCsrfToken().loginAs(dftHr)
    const response = await submitSignIn(client, 'nopass@dft.example', 'anything at all')
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      email: ['Enter a correct email address and password'],
    })
  })
})
