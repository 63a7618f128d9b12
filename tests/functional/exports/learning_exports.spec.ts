import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import {
  createCourse,
  createDeclaredLearning,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import Export from '#models/export'
import exportsConfig from '#config/exports'
import {
  csvRows,
  fileColumns,
  MY_EXPORTS,
  privateExports,
  assertDatedCsvName,
  queuedExport,
} from '#tests/support/exports'
import { providersWithAdmins } from '#tests/support/fixtures/providers'

/* Two course admins, each with a provider and a course; a session of Alpha's course with three people. */
async function twoProviders() {
  const {
    adminA,
    adminB,
    providerA: alpha,
    providerB: beta,
  } = await providersWithAdmins({ a: 'Alpha Academy', b: 'Beta College' })
  const agile = await createCourse({ provider: alpha, title: 'Agile foundations' })
  const draft = await createCourse({ provider: alpha, title: 'Zero to product', status: 'draft' })
  const data = await createCourse({ provider: beta, title: 'Data basics' })
  const session = await createSession({ course: agile, capacity: 2 })
  const people = []
  for (const [fullName, status, position] of [
    ['Cara Booked', 'booked', null],
    ['Abe Booked', 'booked', null],
    ['Bo Waiting', 'waitlisted', 1],
  ] as const) {
    const person = await createUser({ overrides: { fullName } })
    await createEnrolment(session, person, {
      status,
      waitlistPosition: position,
      activeSessionId: session.id,
      bookedAt: status === 'booked' ? DateTime.now() : null,
    })
    people.push(person)
  }
  return { adminA, adminB, alpha, beta, agile, draft, data, session, people }
}

test.group('Exports: learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a course admin exports their providers’ courses with the list’s filters', async ({
    client,
    assert,
  }) => {
    const { adminA, adminB, agile, draft } = await twoProviders()
    const all = await client.get('/learning/admin/courses.csv').loginAs(adminA)
    all.assertStatus(200)
    const rows = csvRows(all.text())
    assert.deepEqual(rows[0], [
      'Code',
      'Title',
      'Provider',
      'Mode',
      'Status',
      'Hours',
      'Cost (£)',
      'Upcoming sessions',
      'Places booked',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row[1], row[2], row[4], row[6], row[7], row[8]]),
      [
        [agile.code, 'Agile foundations', 'Alpha Academy', 'Published', '450.00', '1', '2'],
        [draft.code, 'Zero to product', 'Alpha Academy', 'Draft', '450.00', '0', '0'],
      ]
    )

    const drafts = await client
      .get('/learning/admin/courses.csv')
      .qs({ status: 'draft' })
      .loginAs(adminA)
    assert.deepEqual(
      csvRows(drafts.text())
        .slice(1)
        .map((row) => row[1]),
      ['Zero to product']
    )

    const other = await client.get('/learning/admin/courses.csv').loginAs(adminB)
    assert.deepEqual(
      csvRows(other.text())
        .slice(1)
        .map((row) => row[1]),
      ['Data basics']
    )

    const page = await client.get('/learning/admin/courses').qs({ status: 'draft' }).loginAs(adminA)
    page.assertTextIncludes('href="/learning/admin/courses.csv?status=draft"')
  })

  test('a session’s roster exports for its course admins only', async ({ client, assert }) => {
    const { adminA, adminB, session } = await twoProviders()
    const response = await client
      .get(`/learning/admin/sessions/${session.id}/roster.csv`)
      .loginAs(adminA)
    response.assertStatus(200)
    const rows = csvRows(response.text())
    assert.deepEqual(rows[0].slice(0, 5), [
      'Name',
      'Email',
      'Organisation',
      'Status',
      'Waiting list position',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row[3], row[4]]),
      [
        ['Abe Booked', 'Booked', ''],
        ['Bo Waiting', 'On the waiting list', '1'],
        ['Cara Booked', 'Booked', ''],
      ]
    )
    const page = await client.get(`/learning/admin/sessions/${session.id}`).loginAs(adminA)
    page.assertTextIncludes(`href="/learning/admin/sessions/${session.id}/roster.csv"`)

    const other = await client
      .get(`/learning/admin/sessions/${session.id}/roster.csv`)
      .loginAs(adminB)
    assert.include([403, 404], other.status())
    assert.notInclude(other.text(), 'Abe Booked')
  })

  test('learners export their own learning record; managers their requests to approve', async ({
    client,
    assert,
  }) => {
    const { agile } = await twoProviders()
    const manager = await createUser({ overrides: { fullName: 'Mia Manager' } })
    const learner = await createUser({
      overrides: { fullName: 'Lee Learner', lineManagerId: manager.id },
    })
    const someone = await createUser({ overrides: { fullName: 'Sam Else' } })
    await createDeclaredLearning(learner, 'Service design', DateTime.fromISO('2026-01-10'), {
      providerName: 'Alpha Academy',
    })
    await createDeclaredLearning(learner, 'User research', DateTime.fromISO('2026-02-10'), {
      providerName: null,
    })
    await createDeclaredLearning(someone, 'Not mine', DateTime.fromISO('2026-02-11'))
    const record = await client.get('/learning/record.csv').loginAs(learner)
    record.assertStatus(200)
    assert.deepEqual(csvRows(record.text()), [
      ['Title', 'Provider', 'Completed on', 'Source', 'Evidence'],
      ['User research', '', '2026-02-10', 'Declared', ''],
      ['Service design', 'Alpha Academy', '2026-01-10', 'Declared', ''],
    ])

    const later = await createSession({ course: agile })
    await createEnrolment(later, learner, {
      status: 'requested',
      requestNote: 'For my new role',
      activeSessionId: null,
    })
    await createEnrolment(later, someone, { status: 'requested', activeSessionId: null })
    const approvals = await client.get('/learning/approvals.csv').loginAs(manager)
    approvals.assertStatus(200)
    const rows = csvRows(approvals.text())
    assert.lengthOf(rows, 2)
    assert.deepEqual(
      [rows[1][0], rows[1][2], rows[1][5]],
      ['Lee Learner', 'Agile foundations', 'For my new role']
    )
    const none = await client.get('/learning/approvals.csv').loginAs(learner)
    assert.lengthOf(csvRows(none.text()), 1)
  })
})

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
    assertDatedCsvName(assert, response, 'course-catalogue')
    const [header, ...rows] = csvRows(response.text())
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
      csvRows(bySession.text())
        .slice(1)
        .map((row) => row[1]),
      ['Agile basics', 'Data skills', 'Zebra design']
    )

    const online = await client
      .get('/learning/courses.csv')
      .qs({ provider: academy.id, mode: 'online' })
      .loginAs(learner)
    assert.deepEqual(
      csvRows(online.text())
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
      csvRows(leeds.text())
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
  privateExports(group, { jobThreshold: 2, batchSize: 2 })

  test('a catalogue export over the threshold is written by the job, in batches, in order', async ({
    client,
    assert,
  }) => {
    const { academy, learner } = await catalogue()
    const { asked, record } = await queuedExport(
      client.get('/learning/courses.csv').qs({ provider: academy.id, sort: 'next_session' }),
      learner
    )
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'catalogue')
    assert.deepEqual(record.filters, { provider: String(academy.id), sort: 'next_session' })
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    const file = await readFile(join(exportsConfig.directory, record.fileName!), 'utf8')
    assert.deepEqual(
      csvRows(file).map((row) => [row[1], row[10]]),
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

test.group('Exports: training providers', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

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
      csvRows(response.text()).filter((row) =>
        ['Provider', 'Alpha Academy', 'Beta College'].includes(row[0])
      ),
      [
        ['Provider', 'Code', 'Courses', 'Course admins'],
        ['Alpha Academy', academy.code, '2', '1'],
        [
          'Beta College',
          csvRows(response.text()).find((row) => row[0] === 'Beta College')![1],
          '0',
          '0',
        ],
      ]
    )
    await assertPageIncludes(client, admin, '/learning/admin/providers', [
      'href="/learning/admin/providers.csv"',
      MY_EXPORTS,
    ])

    const refused = await client.get('/learning/admin/providers.csv').loginAs(courseAdmin)
    refused.assertStatus(403)
  })
})

/*
 * A learner booked on a summer session, on the waiting list (number 3)
 * for a winter one, and cancelled from an earlier one; another learner's
 * booking on the summer session.
 */
async function learnerWithEnrolments() {
  const learner = await createUser()
  const agile = await createCourse({ title: 'Agile basics' })
  const data = await createCourse({ title: 'Data skills' })
  const cyber = await createCourse({ title: 'Cyber security' })
  const summer = await createSession({
    course: agile,
    startsAt: DateTime.fromISO('2030-07-01T08:30:00Z'),
  })
  const winter = await createSession({
    course: data,
    startsAt: DateTime.fromISO('2030-01-15T09:30:00Z'),
    location: 'Leeds',
  })
  const earlier = await createSession({
    course: cyber,
    startsAt: DateTime.fromISO('2029-03-01T10:00:00Z'),
  })
  earlier.merge({ venue: null, location: null, onlineUrl: 'https://meet.example.gov.uk/cyber' })
  await earlier.save()
  await createEnrolment(summer, learner, {
    waitlistPosition: null,
    bookedAt: DateTime.fromISO('2029-06-01T12:00:00Z'),
    createdAt: DateTime.fromISO('2029-06-01T12:00:00Z'),
  })
  await createEnrolment(winter, learner, {
    status: 'waitlisted',
    waitlistPosition: 3,
    createdAt: DateTime.fromISO('2029-12-01T10:00:00Z'),
  })
  await createEnrolment(earlier, learner, {
    status: 'cancelled',
    waitlistPosition: null,
    bookedAt: DateTime.fromISO('2029-01-20T09:00:00Z'),
    cancelledAt: DateTime.fromISO('2029-02-10T15:45:00Z'),
    cancellationReason: 'Clashes with a deadline',
    createdAt: DateTime.fromISO('2029-01-20T09:00:00Z'),
  })
  const other = await createUser()
  await createEnrolment(summer, other, { waitlistPosition: null, bookedAt: DateTime.now() })
  return { learner, agile, data, cyber, other }
}

const MY_LEARNING_HEADER = [
  'Course code',
  'Course',
  'Session starts (UK time)',
  'Session ends (UK time)',
  'Place',
  'Session cancelled',
  'Status',
  'Waiting list position',
  'Requested at (UK time)',
  'Booked at (UK time)',
  'Cancelled at (UK time)',
  'Reason',
]

test.group('Exports: my learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a learner exports all their enrolments, latest session first, in UK time', async ({
    client,
    assert,
  }) => {
    const { learner, agile, data, cyber } = await learnerWithEnrolments()
    const response = await client.get('/learning/my.csv').loginAs(learner)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assertDatedCsvName(assert, response, 'my-learning')
    // Summer times are an hour ahead of UTC; winter times are not. Sessions last 7 hours.
    assert.deepEqual(csvRows(response.text()), [
      MY_LEARNING_HEADER,
      [
        agile.code,
        'Agile basics',
        '2030-07-01T09:30:00+01:00',
        '2030-07-01T16:30:00+01:00',
        'Aviation House, London',
        'no',
        'Booked',
        '',
        '2029-06-01T13:00:00+01:00',
        '2029-06-01T13:00:00+01:00',
        '',
        '',
      ],
      [
        data.code,
        'Data skills',
        '2030-01-15T09:30:00+00:00',
        '2030-01-15T16:30:00+00:00',
        'Aviation House, Leeds',
        'no',
        'On the waiting list',
        '3',
        '2029-12-01T10:00:00+00:00',
        '',
        '',
        '',
      ],
      [
        cyber.code,
        'Cyber security',
        '2029-03-01T10:00:00+00:00',
        '2029-03-01T17:00:00+00:00',
        'Online',
        'no',
        'Cancelled',
        '',
        '2029-01-20T09:00:00+00:00',
        '2029-01-20T09:00:00+00:00',
        '2029-02-10T15:45:00+00:00',
        'Clashes with a deadline',
      ],
    ])
  })

  test('My learning links to the export; a learner with nothing gets the header alone', async ({
    client,
    assert,
  }) => {
    const { learner } = await learnerWithEnrolments()
    const page = await client.get('/learning/my').loginAs(learner)
    page.assertStatus(200)
    page.assertTextIncludes('href="/learning/my.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const newcomer = await createUser()
    const empty = await client.get('/learning/my.csv').qs({ page: 'abc' }).loginAs(newcomer)
    empty.assertStatus(200)
    assert.deepEqual(csvRows(empty.text()), [MY_LEARNING_HEADER])
    const emptyPage = await client.get('/learning/my').loginAs(newcomer)
    assert.notInclude(emptyPage.text(), 'href="/learning/my.csv"')

    const anonymous = await client.get('/learning/my.csv').redirects(0)
    anonymous.assertStatus(302)
  })
})

test.group('Exports: my learning as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 2, batchSize: 1 })

  test('a long learning history is written by the job a row at a time, in order', async ({
    client,
    assert,
  }) => {
    const { learner } = await learnerWithEnrolments()
    const { asked, record } = await queuedExport(client.get('/learning/my.csv'), learner)
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'myLearning')
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    assert.deepEqual(await fileColumns(record, [1, 6]), [
      ['Course', 'Status'],
      ['Agile basics', 'Booked'],
      ['Data skills', 'On the waiting list'],
      ['Cyber security', 'Cancelled'],
    ])
  })
})
