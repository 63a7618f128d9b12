import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createCourse,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import {
  createCohort,
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import Export from '#models/export'
import Service from '#models/service'
import StaffImport from '#models/staff_import'
import exportsConfig from '#config/exports'
import { compliantDigitalLeader } from '#tests/support/digital_leaders'
import { twoDepartments } from '#tests/support/fixtures/departments'

/* A CSV body as rows of cells, the header first. */
function rowsOf(text: string): string[][] {
  return parse(text)
}

const MY_EXPORTS = 'see <a href="/exports">My exports</a>'

/*
 * A provider with three published courses and a draft: "Agile basics"
 * (classroom) has a session in 20 days with 3 seats, 1 booked, and one
 * in 5 days; "Data skills" (online) has a session in 10 days; "Zebra
 * design" (classroom) has none. Another provider has one course.
 */
async function catalogue() {
  const academy = await createProvider('Alpha Academy')
  const other = await createProvider('Other College')
  const agile = await createCourse({ provider: academy, title: 'Agile basics' })
  const data = await createCourse({ provider: academy, title: 'Data skills', mode: 'online' })
  await createCourse({ provider: academy, title: 'Zebra design' })
  await createCourse({ provider: academy, title: 'Draft course', status: 'draft' })
  await createCourse({ provider: other, title: 'Elsewhere' })
  const day = (days: number) =>
    DateTime.now().plus({ days }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
  const soon = await createSession({ course: agile, capacity: 3, startsAt: day(5) })
  await createSession({ course: agile, capacity: 8, startsAt: day(20), location: 'Leeds' })
  await createSession({ course: data, capacity: 4, startsAt: day(10) })
  const learner = await createUser()
  await createEnrolment(soon, learner, { waitlistPosition: null, bookedAt: DateTime.now() })
  return { academy, other, agile, data, learner }
}

test.group('Exports: course catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the catalogue exports its published courses with the next session and seats left', async ({
    client,
    assert,
  }) => {
    const { academy, learner } = await catalogue()
    const response = await client
      .get('/learning/courses.csv')
      .qs({ provider: academy.id, page: 2 })
      .loginAs(learner)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="course-catalogue-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    const [header, ...rows] = rowsOf(response.text())
    assert.deepEqual(header, [
      'Code',
      'Title',
      'Provider',
      'Mode',
      'Hours',
      'Cost (£)',
      'Next session starts',
      'Next session venue',
      'Next session location',
      'Next session online',
      'Seats left on next session',
    ])
    // By title; the draft and the other provider's course left out; 3 seats less 1 booked.
    assert.deepEqual(
      rows.map((row) => [row[1], row[2], row[3], row[4], row[5], row[8], row[9], row[10]]),
      [
        ['Agile basics', 'Alpha Academy', 'Classroom', '7', '450.00', 'London', 'no', '2'],
        ['Data skills', 'Alpha Academy', 'Online', '7', '450.00', 'London', 'no', '4'],
        ['Zebra design', 'Alpha Academy', 'Classroom', '7', '450.00', '', '', ''],
      ]
    )
    assert.match(rows[0][6], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/)
    assert.equal(rows[2][6], '')
  })

  test('the export keeps the catalogue’s filters and its sort by next session', async ({
    client,
    assert,
  }) => {
    const { academy, learner } = await catalogue()
    const bySession = await client
      .get('/learning/courses.csv')
      .qs({ provider: academy.id, sort: 'next_session' })
      .loginAs(learner)
    // Sessions in 5 and 10 days first; the course without a session last.
    assert.deepEqual(
      rowsOf(bySession.text())
        .slice(1)
        .map((row) => row[1]),
      ['Agile basics', 'Data skills', 'Zebra design']
    )

    const online = await client
      .get('/learning/courses.csv')
      .qs({ provider: academy.id, mode: 'online' })
      .loginAs(learner)
    assert.deepEqual(
      rowsOf(online.text())
        .slice(1)
        .map((row) => row[1]),
      ['Data skills']
    )

    // In Leeds only the later Agile session matches: it is the next session exported.
    const leeds = await client
      .get('/learning/courses.csv')
      .qs({ location: 'Leeds', q: 'agile' })
      .loginAs(learner)
    assert.deepEqual(
      rowsOf(leeds.text())
        .slice(1)
        .map((row) => [row[1], row[8], row[10]]),
      [['Agile basics', 'Leeds', '8']]
    )
  })

  test('the catalogue links to the export with its filters, and to My exports', async ({
    client,
    assert,
  }) => {
    const { academy, learner } = await catalogue()
    const page = await client
      .get('/learning/courses')
      .qs({ provider: academy.id, mode: 'classroom', page: 1 })
      .loginAs(learner)
    page.assertStatus(200)
    assert.include(
      page.text(),
      `href="/learning/courses.csv?mode=classroom&amp;provider=${academy.id}"`
    )
    assert.include(page.text(), MY_EXPORTS)
  })

  test('a bad catalogue filter goes back to the page with its message, or 422 to JSON', async ({
    client,
    assert,
  }) => {
    const { learner } = await catalogue()
    const page = await client
      .get('/learning/courses.csv')
      .qs({ from: '2027-02-30', mode: 'online' })
      .redirects(0)
      .loginAs(learner)
    page.assertStatus(302)
    assert.equal(page.header('location'), '/learning/courses?from=2027-02-30&mode=online')
    const shown = await client
      .get('/learning/courses')
      .qs({ from: '2027-02-30', mode: 'online' })
      .loginAs(learner)
    shown.assertTextIncludes('Date from must be a real date, like 2027-06-15')

    const json = await client
      .get('/learning/courses.csv')
      .qs({ mode: 'by pigeon', skill: 'abc' })
      .accept('json')
      .loginAs(learner)
    json.assertStatus(422)
    const messages = json.body().errors.map((error: { message: string }) => error.message)
    assert.includeMembers(messages, [
      'Select classroom, online or blended',
      'Select a skill from the list',
    ])
    assert.lengthOf(await Export.query().where('user_id', learner.id), 0)
  })
})

test.group('Exports: large catalogue export as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    exportsConfig.jobThreshold = 2
    exportsConfig.batchSize = 2
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-more-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })

  test('a catalogue export over the threshold is written by the job, in batches, in order', async ({
    client,
    assert,
  }) => {
    const { academy, learner } = await catalogue()
    const asked = await client
      .get('/learning/courses.csv')
      .qs({ provider: academy.id, sort: 'next_session' })
      .redirects(0)
      .loginAs(learner)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', learner.id).firstOrFail()
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'catalogue')
    assert.deepEqual(record.filters, { provider: String(academy.id), sort: 'next_session' })
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    const file = await readFile(join(exportsConfig.directory, record.fileName!), 'utf8')
    assert.deepEqual(
      rowsOf(file).map((row) => [row[1], row[10]]),
      [
        ['Title', 'Seats left on next session'],
        ['Agile basics', '2'],
        ['Data skills', '4'],
        ['Zebra design', ''],
      ]
    )
    const page = await client.get(`/exports/${record.id}`).loginAs(learner)
    page.assertTextIncludes('Course catalogue')
  })
})

/*
 * An open round with three approved placements and one waiting, and an
 * entrant holding SC clearance with a shortlist of one.
 */
async function placementRound() {
  const round = await createRound({ name: 'Spring round' })
  const department = await OrganisationFactory.merge({ name: 'Department of Tests' }).create()
  const team = await createTeam(department, 'Payments team')
  const product = await createPlacement(round, {
    team,
    title: 'Product owner',
    capacity: 2,
    location: 'Leeds',
  })
  await createPlacement(round, {
    team,
    title: 'Analyst',
    digital: false,
    clearanceRequired: 'DV',
    startsOn: '2014-04-01',
  })
  await createPlacement(round, { team, title: 'Developer', capacity: 3 })
  await createPlacement(round, { team, title: 'Hidden offer', status: 'offered' })
  const closed = await createRound({ status: 'closed' })
  await createPlacement(closed, { team, title: 'Old round placement' })
  const { entrant, user } = await createEntrant({ name: 'Erin Entrant', clearance: 'SC' })
  await createShortlist(round, entrant, [product], null)
  return { round, product, entrant, user }
}

test.group('Exports: placement search', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an entrant exports the open round’s approved placements with their shortlist and rules', async ({
    client,
    assert,
  }) => {
    const { user } = await placementRound()
    const response = await client.get('/fast-stream/placements.csv').loginAs(user)
    response.assertStatus(200)
    const [header, ...rows] = rowsOf(response.text())
    assert.deepEqual(header, [
      'Title',
      'Department',
      'Organisation',
      'Team',
      'Location',
      'Starts on',
      'Places',
      'Clearance required',
      'Digital',
      'Skills developed',
      'On your shortlist',
      'You can be matched to it',
    ])
    assert.deepEqual(
      rows.map((row) => [row[0], row[1], row[4], row[5], row[6], row[7], row[8], row[10], row[11]]),
      [
        [
          'Analyst',
          'Department of Tests',
          'London',
          '2014-04-01',
          '1',
          'Developed vetting (DV)',
          'no',
          '',
          'No: Needs DV clearance: you hold SC',
        ],
        [
          'Developer',
          'Department of Tests',
          'London',
          '2014-03-01',
          '3',
          'Baseline (BPSS)',
          'yes',
          '',
          'yes',
        ],
        [
          'Product owner',
          'Department of Tests',
          'Leeds',
          '2014-03-01',
          '2',
          'Baseline (BPSS)',
          'yes',
          '1',
          'yes',
        ],
      ]
    )
    assert.notInclude(response.text(), 'Hidden offer')
    assert.notInclude(response.text(), 'Old round placement')
  })

  test('the placement export keeps the search’s filters and sort', async ({ client, assert }) => {
    const { user } = await placementRound()
    const titles = async (qs: Record<string, string>) => {
      const response = await client.get('/fast-stream/placements.csv').qs(qs).loginAs(user)
      response.assertStatus(200)
      return rowsOf(response.text())
        .slice(1)
        .map((row) => row[0])
    }
    assert.deepEqual(await titles({ digitalOnly: 'true' }), ['Developer', 'Product owner'])
    assert.deepEqual(await titles({ myClearance: 'true', sort: 'capacity' }), [
      'Developer',
      'Product owner',
    ])
    assert.deepEqual(await titles({ location: 'leeds' }), ['Product owner'])
    assert.deepEqual(await titles({ sort: 'start' }), ['Developer', 'Product owner', 'Analyst'])
    assert.deepEqual(await titles({ q: 'owner', page: '3' }), ['Product owner'])

    const page = await client
      .get('/fast-stream/placements')
      .qs({ digitalOnly: 'true' })
      .loginAs(user)
    page.assertStatus(200)
    assert.include(page.text(), 'href="/fast-stream/placements.csv?digitalOnly=true"')
    assert.include(page.text(), MY_EXPORTS)
  })

  test('bad placement filters are named; people who cannot search get no export', async ({
    client,
    assert,
  }) => {
    const { user } = await placementRound()
    const back = await client
      .get('/fast-stream/placements.csv')
      .qs({ department: 'abc' })
      .redirects(0)
      .loginAs(user)
    back.assertStatus(302)
    assert.equal(back.header('location'), '/fast-stream/placements?department=abc')

    const json = await client
      .get('/fast-stream/placements.csv')
      .qs({ sort: 'random' })
      .accept('json')
      .loginAs(user)
    json.assertStatus(422)
    assert.equal(json.body().errors[0].message, 'Sort by title, start date, department or places')

    const learner = await createUser()
    const refused = await client.get('/fast-stream/placements.csv').loginAs(learner)
    refused.assertStatus(403)
    assert.lengthOf(await Export.query(), 0)
  })
})

test.group('Exports: Fast Stream schemes, cohorts and training providers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team exports schemes and cohorts with their entrants', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const digital = await createScheme('Digital and technology')
    const generalist = await createScheme('Generalist')
    const older = await createCohort(2012)
    const newer = await createCohort(2014)
    await createEntrant({ scheme: digital, cohort: newer })
    await createEntrant({ scheme: digital, cohort: older })
    await createEntrant({ scheme: generalist, cohort: newer })

    const schemes = await client.get('/fast-stream/admin/schemes.csv').loginAs(admin)
    schemes.assertStatus(200)
    assert.deepEqual(rowsOf(schemes.text()), [
      ['Scheme', 'Programme', 'Description', 'Entrants'],
      ['Digital and technology', 'Fast Stream', '', '2'],
      ['Generalist', 'Fast Stream', '', '1'],
    ])

    const cohorts = await client.get('/fast-stream/admin/cohorts.csv').loginAs(admin)
    cohorts.assertStatus(200)
    assert.deepEqual(rowsOf(cohorts.text()), [
      ['Cohort', 'Intake year', 'Entrants'],
      [newer.name, '2014', '2'],
      [older.name, '2012', '1'],
    ])

    for (const path of ['/fast-stream/admin/schemes', '/fast-stream/admin/cohorts']) {
      const page = await client.get(path).loginAs(admin)
      page.assertTextIncludes(`href="${path}.csv"`)
      page.assertTextIncludes(MY_EXPORTS)
    }

    const learner = await createUser()
    for (const path of ['/fast-stream/admin/schemes.csv', '/fast-stream/admin/cohorts.csv']) {
      const refused = await client.get(path).loginAs(learner)
      refused.assertStatus(403)
    }
  })

  test('capability admins export training providers; course admins cannot', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['capability_admin'] })
    const courseAdmin = await createUser({ roles: ['course_admin'] })
    const academy = await createProvider('Alpha Academy', [courseAdmin])
    await createProvider('Beta College')
    await createCourse({ provider: academy })
    await createCourse({ provider: academy, status: 'draft' })

    const response = await client.get('/learning/admin/providers.csv').loginAs(admin)
    response.assertStatus(200)
    assert.deepEqual(
      rowsOf(response.text()).filter((row) =>
        ['Provider', 'Alpha Academy', 'Beta College'].includes(row[0])
      ),
      [
        ['Provider', 'Code', 'Courses', 'Course admins'],
        ['Alpha Academy', academy.code, '2', '1'],
        [
          'Beta College',
          rowsOf(response.text()).find((row) => row[0] === 'Beta College')![1],
          '0',
          '0',
        ],
      ]
    )
    const page = await client.get('/learning/admin/providers').loginAs(admin)
    page.assertTextIncludes('href="/learning/admin/providers.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const refused = await client.get('/learning/admin/providers.csv').loginAs(courseAdmin)
    refused.assertStatus(403)
  })
})

/* Two departments, the first with an agency, each with HR, and a capability admin. */
async function departmentsWithAdmin() {
  const departments = await twoDepartments({
    departmentA: { name: 'Department Alpha' },
    agencyA: { name: 'Alpha Agency', isTransactional: true },
    departmentB: { name: 'Department Beta' },
    hrA: { fullName: 'Alfie Hart' },
    hrB: {},
    admin: {},
  })
  const {
    departmentA: alpha,
    agencyA: alphaAgency,
    departmentB: beta,
    hrA,
    hrB,
    admin,
  } = departments
  return { alpha, alphaAgency, beta, hrA, hrB, admin }
}

test.group('Exports: staff imports and strategy actions 01 and 02', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('department HR export the staff imports of their own department only', async ({
    client,
    assert,
  }) => {
    const { alpha, beta, hrA, hrB, admin } = await departmentsWithAdmin()
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
    const [header, ...rows] = rowsOf(response.text())
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
      rowsOf(all.text())
        .slice(1)
        .map((row) => row[0]),
      ['alpha-april.csv', 'alpha-march.csv', 'beta.csv', 'everyone.csv']
    )

    const page = await client.get('/admin/staff-imports').loginAs(hrA)
    page.assertTextIncludes('href="/admin/staff-imports.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const learner = await createUser({ organisation: alpha })
    const refused = await client.get('/admin/staff-imports.csv').loginAs(learner)
    refused.assertStatus(403)
  })

  test('actions 01 and 02 export every organisation and service in HR’s scope', async ({
    client,
    assert,
  }) => {
    const { alpha, alphaAgency, beta, hrA } = await departmentsWithAdmin()
    const leader = await createUser({
      organisation: alphaAgency,
      overrides: { fullName: 'Lena Leader', email: 'lena.leader@example.gov.uk' },
    })
    await compliantDigitalLeader(alphaAgency, leader)
    const manager = await createUser({
      organisation: alpha,
      overrides: { fullName: 'Sam Manager' },
    })
    await Service.create({
      organisationId: alpha.id,
      name: 'Apply for a permit',
      annualTransactions: 250_000,
      phase: 'live',
      isExemplar: false,
      serviceManagerId: null,
    })
    await Service.create({
      organisationId: alphaAgency.id,
      name: 'Book a test',
      annualTransactions: 120_000,
      phase: 'beta',
      isExemplar: true,
      serviceManagerId: manager.id,
    })
    await Service.create({
      organisationId: alpha.id,
      name: 'Small service',
      annualTransactions: 100_000,
      phase: 'live',
      isExemplar: false,
      serviceManagerId: null,
    })
    await Service.create({
      organisationId: beta.id,
      name: 'Beta service',
      annualTransactions: 500_000,
      phase: 'live',
      isExemplar: false,
      serviceManagerId: null,
    })

    const leaders = await client.get('/workforce/compliance/digital-leaders.csv').loginAs(hrA)
    leaders.assertStatus(200)
    assert.deepEqual(rowsOf(leaders.text()), [
      [
        'Organisation',
        'Type',
        'Digital Leader',
        'Digital Leader email',
        'Meets action 01',
        'Reason',
      ],
      ['Alpha Agency', 'Executive agency', 'Lena Leader', 'lena.leader@example.gov.uk', 'yes', ''],
      ['Department Alpha', 'Ministerial department', '', '', 'no', 'No Digital Leader named'],
    ])

    const services = await client.get('/workforce/compliance/services.csv').loginAs(hrA)
    services.assertStatus(200)
    // No mandatory Service Manager course exists, so a named manager is not yet trained.
    assert.deepEqual(rowsOf(services.text()), [
      [
        'Service',
        'Organisation',
        'Transactions a year',
        'Service Manager',
        'Meets action 02',
        'Status',
      ],
      ['Book a test', 'Alpha Agency', '120000', 'Sam Manager', 'no', 'Service Manager not trained'],
      ['Apply for a permit', 'Department Alpha', '250000', '', 'no', 'No Service Manager named'],
    ])

    const page = await client.get('/workforce/compliance').loginAs(hrA)
    page.assertStatus(200)
    page.assertTextIncludes('href="/workforce/compliance/digital-leaders.csv"')
    page.assertTextIncludes('href="/workforce/compliance/services.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const learner = await createUser({ organisation: alpha })
    for (const path of [
      '/workforce/compliance/digital-leaders.csv',
      '/workforce/compliance/services.csv',
    ]) {
      const refused = await client.get(path).loginAs(learner)
      refused.assertStatus(403)
    }
  })
})
