import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import AuditEvent from '#models/audit_event'
import { createAuditEvent } from '#database/factories/audit_event_factory'
import Export from '#models/export'
import User from '#models/user'
import exportsConfig from '#config/exports'
import { twoDepartments, alphaAndBetaWithAdmin } from '#tests/support/fixtures/departments'
import StaffImport from '#models/staff_import'
import {
  csvRows,
  MY_EXPORTS,
  privateExports,
  assertDatedCsvName,
  queuedExport,
} from '#tests/support/exports'
import { createExport } from '#database/factories/export_factory'
import { createTeam } from '#database/factories/fast_stream_factory'

/*
 * Two departments with an agency each. Department Alpha's tree holds four
 * people (HR, an agency developer, a deactivated analyst and the admin);
 * Beta's holds its HR and one other.
 */
async function departmentsWithPeople() {
  const departments = await twoDepartments({
    departmentA: { name: 'Department Alpha', code: 'alpha' },
    agencyA: { name: 'Alpha Agency', code: 'alpha-ag' },
    departmentB: { name: 'Department Beta', code: 'beta' },
    agencyB: { name: 'Beta Agency', code: 'beta-ag' },
    admin: { fullName: 'Zed Admin', email: 'zed.admin@example.gov.uk' },
    hrA: { fullName: 'Alfie Hart', email: 'alfie.hart@example.gov.uk' },
    hrB: { fullName: 'Bea Hall', email: 'bea.hall@example.gov.uk' },
  })
  const dev = await createUser({
    roles: ['learner', 'team_lead'],
    organisation: departments.agencyA,
    overrides: { fullName: 'Bella Dev', email: 'bella.dev@example.gov.uk', grade: 'G7' },
  })
  const analyst = await createUser({
    organisation: departments.agencyA,
    overrides: {
      fullName: 'Cyril Analyst',
      email: 'cyril.analyst@example.gov.uk',
      deactivatedAt: DateTime.fromISO('2026-01-05T10:00:00Z'),
    },
  })
  await createUser({
    organisation: departments.agencyB,
    overrides: { fullName: 'Dora Beta', email: 'dora.beta@example.gov.uk' },
  })
  const {
    departmentA: alpha,
    agencyA: alphaAgency,
    departmentB: beta,
    agencyB: betaAgency,
    admin,
    hrA,
    hrB,
  } = departments
  return { alpha, alphaAgency, beta, betaAgency, admin, hrA, dev, analyst, hrB }
}

test.group('Exports: people', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR get their tree’s people, in name order, with a header row', async ({
    client,
    assert,
  }) => {
    const { hrA, admin } = await departmentsWithPeople()
    const response = await client.get('/admin/users.csv').loginAs(hrA)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assertDatedCsvName(assert, response, 'people')
    const [header, ...rows] = csvRows(response.text())
    assert.deepEqual(header, [
      'Name',
      'Email',
      'Organisation',
      'Team',
      'Grade',
      'Profession',
      'Roles',
      'Status',
      'Last signed in',
    ])
    assert.deepEqual(
      rows.map((row) => [row[0], row[2], row[4], row[6], row[7]]),
      [
        [
          'Alfie Hart',
          'Department Alpha',
          'Higher Executive Officer (HEO)',
          'Department HR',
          'active',
        ],
        ['Bella Dev', 'Alpha Agency', 'Grade 7', 'Team lead; Learner', 'active'],
        [
          'Cyril Analyst',
          'Alpha Agency',
          'Higher Executive Officer (HEO)',
          'Learner',
          'deactivated',
        ],
        [
          'Zed Admin',
          'Department Alpha',
          'Higher Executive Officer (HEO)',
          'Capability admin',
          'active',
        ],
      ]
    )
    assert.notInclude(response.text(), 'Department Beta')
    assert.equal(rows[3][1], admin.email)
  })

  test('the export applies the list’s filters and sort', async ({ client, assert }) => {
    const { admin } = await departmentsWithPeople()
    const active = await client
      .get('/admin/users.csv')
      .qs({ q: 'a', status: 'active', role: 'learner', sort: 'email', direction: 'desc' })
      .loginAs(admin)
    active.assertStatus(200)
    // Learners whose name or email has an "a", active: by email, descending.
    assert.deepEqual(
      csvRows(active.text())
        .slice(1)
        .map((row) => row[1]),
      ['dora.beta@example.gov.uk', 'bella.dev@example.gov.uk']
    )
  })

  test('the export keeps to the account status the list is filtered by', async ({
    client,
    assert,
  }) => {
    const { hrA } = await departmentsWithPeople()
    const response = await client
      .get('/admin/users.csv')
      .qs({ account: 'deactivated' })
      .loginAs(hrA)
    response.assertStatus(200)
    assert.deepEqual(
      csvRows(response.text())
        .slice(1)
        .map((row) => row[0]),
      ['Cyril Analyst']
    )
  })

  test('the list page links to the export with its filters', async ({ client, assert }) => {
    const { hrA } = await departmentsWithPeople()
    const page = await client.get('/admin/users').qs({ q: 'dev', page: 1 }).loginAs(hrA)
    page.assertStatus(200)
    assert.include(page.text(), 'href="/admin/users.csv?q=dev&amp;sort=name&amp;direction=asc"')
  })

  test('people without the people list get no export', async ({ client, assert }) => {
    const { dev } = await departmentsWithPeople()
    for (const path of ['/admin/users.csv', '/admin/audit.csv', '/admin/organisations.csv']) {
      const response = await client.get(path).loginAs(dev)
      response.assertStatus(403)
    }
    assert.lengthOf(await Export.query().where('user_id', dev.id), 0)
  })
})

test.group('Exports: large exports as jobs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 2, batchSize: 2 })

  test('an export over the threshold is written by a job to a file only its maker can fetch', async ({
    client,
    assert,
  }) => {
    const { hrA, hrB, admin } = await departmentsWithPeople()
    const { asked, record } = await queuedExport(
      client.get('/admin/users.csv').qs({ status: 'active', page: 3 }),
      hrA
    )
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'people')
    assert.deepEqual(record.filters, { status: 'active' })
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    assert.equal(record.rowsTotal, 3)
    assert.isNotNull(record.expiresAt)
    assert.equal(
      Math.round(record.expiresAt!.diff(record.finishedAt!, 'days').days),
      exportsConfig.keepForDays
    )

    const file = await readFile(join(exportsConfig.directory, record.fileName!), 'utf8')
    assert.deepEqual(
      csvRows(file).map((row) => row[0]),
      ['Name', 'Alfie Hart', 'Bella Dev', 'Zed Admin']
    )

    const progress = await client.get(`/exports/${record.id}/progress`).loginAs(hrA)
    progress.assertStatus(200)
    progress.assertBody({ status: 'done', working: false, percent: 100, done: 3, total: 3 })

    const page = await client.get(`/exports/${record.id}`).loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('The file is ready: 3 rows.')
    page.assertTextIncludes(`href="/exports/${record.id}/download"`)

    const download = await client.get(`/exports/${record.id}/download`).loginAs(hrA)
    download.assertStatus(200)
    download.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.equal(download.text(), file)

    const list = await client.get('/exports').loginAs(hrA)
    list.assertStatus(200)
    list.assertTextIncludes(`href="/exports/${record.id}"`)
    list.assertTextIncludes('Ready to download')

    for (const other of [hrB, admin]) {
      for (const path of ['', '/progress', '/download']) {
        const response = await client.get(`/exports/${record.id}${path}`).loginAs(other)
        response.assertStatus(404)
      }
      const theirs = await client.get('/exports').loginAs(other)
      assert.notInclude(theirs.text(), `href="/exports/${record.id}"`)
    }
  })

  test('the audit trail export runs as a job within the person’s scope', async ({
    client,
    assert,
  }) => {
    const { alphaAgency, betaAgency, hrA } = await departmentsWithPeople()
    await AuditEvent.query().delete()
    for (const [label, organisationId, day] of [
      ['Alpha one', alphaAgency.id, '2026-03-01'],
      ['Beta one', betaAgency.id, '2026-03-02'],
      ['Alpha two', alphaAgency.id, '2026-03-03'],
      ['Alpha three', alphaAgency.id, '2026-03-04'],
      ['Nobody’s', null, '2026-03-05'],
    ] as const) {
      await createAuditEvent({
        subjectLabel: label,
        organisationId,
        before: JSON.stringify({ location: 'Leeds' }),
        after: JSON.stringify({ location: 'York' }),
        createdAt: DateTime.fromISO(`${day}T09:00:00`),
      })
    }

    const { record } = await queuedExport(client.get('/admin/audit.csv'), hrA)
    assert.equal(record.kind, 'audit')
    assert.equal(record.rowsDone, 3)
    const rows = csvRows(await readFile(join(exportsConfig.directory, record.fileName!), 'utf8'))
    assert.deepEqual(rows[0], [
      'When',
      'Who',
      'Who email',
      'Action',
      'Type of record',
      'Record ID',
      'Record',
      'Organisation',
      'Changes',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[6], row[7], row[8]]),
      [
        ['Alpha three', 'Alpha Agency', 'Location: Leeds → York'],
        ['Alpha two', 'Alpha Agency', 'Location: Leeds → York'],
        ['Alpha one', 'Alpha Agency', 'Location: Leeds → York'],
      ]
    )
    assert.match(rows[1][0], /^2026-03-04T/)
  })

  test('a job that fails marks the export failed and says so plainly', async ({
    client,
    assert,
  }) => {
    const { hrA } = await departmentsWithPeople()
    // A file where the folder should be: the job cannot write there.
    await rm(exportsConfig.directory, { recursive: true, force: true })
    const { writeFile } = await import('node:fs/promises')
    await writeFile(exportsConfig.directory, 'not a folder')
    try {
      const { record } = await queuedExport(client.get('/admin/users.csv'), hrA)
      assert.equal(record.status, 'failed')
      const page = await client.get(`/exports/${record.id}`).loginAs(hrA)
      page.assertStatus(200)
      page.assertTextIncludes('The export did not finish')
      page.assertTextIncludes('Something went wrong while the file was being written.')
      const download = await client.get(`/exports/${record.id}/download`).loginAs(hrA)
      download.assertStatus(404)
    } finally {
      await rm(exportsConfig.directory, { force: true })
    }
  })

  test('a queued export shows its progress, and a link to check again without JavaScript', async ({
    client,
    assert,
  }) => {
    const { hrA } = await departmentsWithPeople()
    const record = await createExport(hrA, 'people', {
      filters: { q: 'a' },
      status: 'running',
      rowsDone: 1000,
      rowsTotal: 4000,
    })
    const page = await client.get(`/exports/${record.id}`).loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('value="25"')
    page.assertTextIncludes('25% done')
    page.assertTextIncludes(`<a href="/exports/${record.id}">Check progress again</a>`)
    assert.notInclude(page.text(), '/download')
    const progress = await client.get(`/exports/${record.id}/progress`).loginAs(hrA)
    progress.assertBody({ status: 'running', working: true, percent: 25, done: 1000, total: 4000 })
    const download = await client.get(`/exports/${record.id}/download`).loginAs(hrA)
    download.assertStatus(404)
  })

  test('an unknown or malformed export id answers 404', async ({ client }) => {
    const { hrA } = await departmentsWithPeople()
    for (const path of ['/exports/999999', '/exports/abc', '/exports/1.5/progress']) {
      const response = await client.get(path).loginAs(hrA)
      response.assertStatus(404)
    }
  })
})

test.group('Exports: audit trail, organisations and teams', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the audit export keeps the trail’s filters and HR’s scope', async ({ client, assert }) => {
    const { alphaAgency, betaAgency, hrA, hrB } = await departmentsWithPeople()
    await AuditEvent.query().delete()
    await createAuditEvent({
      action: 'create',
      subjectLabel: 'Alpha created',
      organisationId: alphaAgency.id,
      actorId: hrA.id,
    })
    await createAuditEvent({ subjectLabel: 'Alpha updated', organisationId: alphaAgency.id })
    await createAuditEvent({
      action: 'create',
      subjectLabel: 'Beta created',
      organisationId: betaAgency.id,
    })

    const created = await client.get('/admin/audit.csv').qs({ action: 'create' }).loginAs(hrA)
    created.assertStatus(200)
    const rows = csvRows(created.text())
    assert.lengthOf(rows, 2)
    assert.deepEqual(rows[1].slice(1, 8), [
      'Alfie Hart',
      'alfie.hart@example.gov.uk',
      'Create',
      'Team',
      '1',
      'Alpha created',
      'Alpha Agency',
    ])

    const beta = await client.get('/admin/audit.csv').loginAs(hrB)
    assert.deepEqual(
      csvRows(beta.text())
        .slice(1)
        .map((row) => row[6]),
      ['Beta created']
    )
  })

  test('bad audit filters give the field’s message, or 422 to a JSON client', async ({
    client,
    assert,
  }) => {
    const { hrA } = await departmentsWithPeople()
    const page = await client
      .get('/admin/audit.csv')
      .qs({ from: '2026-02-30' })
      .redirects(0)
      .loginAs(hrA)
    page.assertStatus(302)
    assert.equal(page.header('location'), '/admin/audit')
    page.assertFlashMessage('inputErrorsBag', {
      from: ['Date from must be a real date, like 2026-03-27'],
    })

    const json = await client
      .get('/admin/audit.csv')
      .qs({ from: '2026-03-10', to: '2026-03-01' })
      .accept('json')
      .loginAs(hrA)
    json.assertStatus(422)
    assert.deepInclude(json.body().errors[0], {
      field: 'to',
      message: 'Date to must be the same as or after date from',
    })
    assert.lengthOf(await Export.query().where('user_id', hrA.id), 0)
  })

  test('organisations and delivery teams export within HR’s tree', async ({ client, assert }) => {
    const { alpha, alphaAgency, beta, hrA, dev } = await departmentsWithPeople()
    const payments = await createTeam(alphaAgency, 'Payments', { location: 'Leeds' })
    await createTeam(alpha, 'Digital hub', { location: null })
    await createTeam(beta, 'Beta team', { location: 'York' })
    await User.query().where('id', dev.id).update({ teamId: payments.id })

    const organisations = await client.get('/admin/organisations.csv').loginAs(hrA)
    organisations.assertStatus(200)
    assert.deepEqual(csvRows(organisations.text()), [
      ['Organisation', 'Code', 'Type', 'Part of', 'Transactional', 'Retired', 'People', 'Teams'],
      ['Alpha Agency', 'alpha-ag', 'Executive agency', 'Department Alpha', 'no', 'no', '1', '1'],
      ['Department Alpha', 'alpha', 'Ministerial department', '', 'no', 'no', '2', '1'],
    ])

    const teams = await client.get('/admin/teams.csv').loginAs(hrA)
    assert.deepEqual(csvRows(teams.text()), [
      ['Team', 'Organisation', 'Location', 'Members'],
      ['Payments', 'Alpha Agency', 'Leeds', '1'],
      ['Digital hub', 'Department Alpha', '', '0'],
    ])

    const oneOrganisation = await client
      .get('/admin/teams.csv')
      .qs({ organisationId: alpha.id })
      .loginAs(hrA)
    assert.deepEqual(
      csvRows(oneOrganisation.text())
        .slice(1)
        .map((row) => row[0]),
      ['Digital hub']
    )

    const outside = await client
      .get('/admin/teams.csv')
      .qs({ organisationId: beta.id })
      .loginAs(hrA)
    outside.assertStatus(404)

    const bad = await client
      .get('/admin/teams.csv')
      .qs({ organisationId: 'abc' })
      .accept('json')
      .loginAs(hrA)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].message, 'Select an organisation from the list')
  })
})

test.group('Exports: staff imports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR export the staff imports of their own department only', async ({
    client,
    assert,
  }) => {
    const { alpha, beta, hrA, hrB, admin } = await alphaAndBetaWithAdmin()
    const made = (values: Partial<StaffImport>) =>
      StaffImport.create({
        status: 'applied',
        presentColumns: 'email,full_name',
        totalRows: 10,
        processedRows: 10,
        newRows: 4,
        changedRows: 3,
        unchangedRows: 2,
        badRows: 1,
        createdPeople: 4,
        updatedPeople: 3,
        ...values,
      })
    await made({
      fileName: 'alpha-march.csv',
      uploadedBy: hrA.id,
      scopeOrganisationId: alpha.id,
      createdAt: DateTime.fromISO('2026-03-01T09:00:00Z'),
    })
    await made({
      fileName: 'alpha-april.csv',
      uploadedBy: hrA.id,
      scopeOrganisationId: alpha.id,
      status: 'checked',
      createdAt: DateTime.fromISO('2026-04-01T09:00:00Z'),
    })
    await made({ fileName: 'beta.csv', uploadedBy: hrB.id, scopeOrganisationId: beta.id })
    await made({ fileName: 'everyone.csv', uploadedBy: admin.id, scopeOrganisationId: null })

    const response = await client.get('/admin/staff-imports.csv').loginAs(hrA)
    response.assertStatus(200)
    const [header, ...rows] = csvRows(response.text())
    assert.deepEqual(header.slice(0, 6), [
      'File',
      'Uploaded at',
      'Uploaded by',
      'For organisation',
      'Status',
      'Rows',
    ])
    // Newest first.
    assert.deepEqual(
      rows.map((row) => [row[0], row[2], row[3], row[4], row[5], row[9], row[10]]),
      [
        [
          'alpha-april.csv',
          'Alfie Hart',
          'Department Alpha',
          'Checked, not applied',
          '10',
          '1',
          '4',
        ],
        ['alpha-march.csv', 'Alfie Hart', 'Department Alpha', 'Applied', '10', '1', '4'],
      ]
    )

    const all = await client.get('/admin/staff-imports.csv').loginAs(admin)
    assert.sameMembers(
      csvRows(all.text())
        .slice(1)
        .map((row) => row[0]),
      ['alpha-april.csv', 'alpha-march.csv', 'beta.csv', 'everyone.csv']
    )

    await assertPageIncludes(client, hrA, '/admin/staff-imports', [
      'href="/admin/staff-imports.csv"',
      MY_EXPORTS,
    ])

    const learner = await createUser({ organisation: alpha })
    const refused = await client.get('/admin/staff-imports.csv').loginAs(learner)
    refused.assertStatus(403)
  })
})
