import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import type { Group } from '@japa/runner/core'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { parse } from 'csv-parse/sync'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import {
  createCourse,
  createDeclaredLearning,
  createEnrolment,
  createSession,
} from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  createEntrant,
  createPlacement,
  createRanking,
  createRound,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import type DevelopmentPlanItem from '#models/development_plan_item'
import Export from '#models/export'
import BuildExport from '#jobs/build_export'
import exportsConfig from '#config/exports'
import {
  createAssessment,
  createPlanItem,
  createRoleAssignment,
  createSkillClaim,
} from '#database/factories/capability_factory'

/* A CSV body as rows of cells, the header first. */
function rowsOf(text: string): string[][] {
  return parse(text)
}

const MY_EXPORTS = 'see <a href="/exports">My exports</a>'

/* Exports over two rows become jobs that read one row a batch, into a folder of their own. */
function smallJobs(group: Group) {
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    exportsConfig.jobThreshold = 2
    exportsConfig.batchSize = 1
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-last-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })
}

/* The rows of a finished export's file, the header first. */
async function fileRows(record: Export) {
  return rowsOf(await readFile(join(exportsConfig.directory, record.fileName!), 'utf8'))
}

/* Some columns of each row of a finished export's file, the header first. */
async function fileColumns(record: Export, columns: number[]) {
  const rows = await fileRows(record)
  return rows.map((row) => columns.map((column) => row[column]))
}

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
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="my-learning-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    // Summer times are an hour ahead of UTC; winter times are not. Sessions last 7 hours.
    assert.deepEqual(rowsOf(response.text()), [
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
    assert.deepEqual(rowsOf(empty.text()), [MY_LEARNING_HEADER])
    const emptyPage = await client.get('/learning/my').loginAs(newcomer)
    assert.notInclude(emptyPage.text(), 'href="/learning/my.csv"')

    const anonymous = await client.get('/learning/my.csv').redirects(0)
    anonymous.assertStatus(302)
  })
})

test.group('Exports: my learning as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  smallJobs(group)

  test('a long learning history is written by the job a row at a time, in order', async ({
    client,
    assert,
  }) => {
    const { learner } = await learnerWithEnrolments()
    const asked = await client.get('/learning/my.csv').redirects(0).loginAs(learner)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', learner.id).firstOrFail()
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

/*
 * A team's placement needing CTC clearance with four applicants (Amy,
 * Ben, Cat and Dan), of whom the team ranked Dan then Ben; Eve's list is
 * not submitted and Fay chose another team's placement.
 */
async function placementWithApplicants() {
  const dwp = await OrganisationFactory.merge({ code: 'dwp', name: 'Work and Pensions' }).create()
  const team = await createTeam(dwp, 'Universal Credit')
  const lead = await createUser({
    roles: ['team_lead'],
    organisation: dwp,
    overrides: { teamId: team.id },
  })
  const otherTeam = await createTeam()
  const otherLead = await createUser({ roles: ['team_lead'], overrides: { teamId: otherTeam.id } })
  const round = await createRound()
  const placement = await createPlacement(round, {
    team,
    title: 'Service designer',
    clearanceRequired: 'CTC',
    capacity: 2,
  })
  const elsewhere = await createPlacement(round, { team: otherTeam })
  const early = DateTime.fromISO('2026-05-01T09:00:00Z')
  const later = DateTime.fromISO('2026-05-02T09:00:00Z')
  const { entrant: amy, user: amyUser } = await createEntrant({ name: 'Amy Adams' })
  const { entrant: ben, user: benUser } = await createEntrant({
    name: 'Ben Brown',
    clearance: 'BPSS',
  })
  const { entrant: cat, user: catUser } = await createEntrant({
    name: 'Cat Clark',
    postings: [{ organisation: dwp, title: 'Policy' }],
  })
  const { entrant: dan, user: danUser } = await createEntrant({ name: 'Dan Dodd' })
  const { entrant: eve } = await createEntrant({ name: 'Eve Evans' })
  const { entrant: fay } = await createEntrant({ name: 'Fay Fox' })
  await createShortlist(round, amy, [elsewhere, placement], early)
  await createShortlist(round, ben, [placement], later)
  await createShortlist(round, cat, [placement, elsewhere], early)
  await createShortlist(round, dan, [elsewhere, placement], early)
  await createShortlist(round, eve, [placement], null)
  await createShortlist(round, fay, [elsewhere], early)
  await createRanking(placement, [dan, ben])
  const emails = {
    amy: amyUser.email,
    ben: benUser.email,
    cat: catUser.email,
    dan: danUser.email,
  }
  return { lead, otherLead, placement, emails }
}

const SC = 'Security check (SC)'
const UNRANKED = 'Not ranked: their choice, then when they submitted'

test.group('Exports: a placement’s applicants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the team lead exports the applicants in the team’s order, with the rules', async ({
    client,
    assert,
  }) => {
    const { lead, placement, emails } = await placementWithApplicants()
    const response = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
      .loginAs(lead)
    response.assertStatus(200)
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="placement-applicants-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    const [header, ...rows] = rowsOf(response.text())
    assert.deepEqual(header, [
      'Order',
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Clearance',
      'Their choice',
      'Submitted at',
      'Team rank',
      'Placed by',
      'Postings',
      'Previous departments',
      'Had a digital posting',
      'Needs a digital placement',
      'Can be matched here',
    ])
    // Dan and Ben as ranked; then Cat (first choice) before Amy (second choice).
    // Nobody has had a digital posting, and all joined in 2013: all need one.
    assert.deepEqual(
      rows.map((row) => [...row.slice(0, 3), ...row.slice(5)]),
      [
        [
          '1',
          'Dan Dodd',
          emails.dan,
          SC,
          '2',
          '2026-05-01T09:00:00Z',
          '1',
          'Your team’s rank',
          '0',
          '',
          'no',
          'yes',
          'yes',
        ],
        [
          '2',
          'Ben Brown',
          emails.ben,
          'Baseline (BPSS)',
          '1',
          '2026-05-02T09:00:00Z',
          '2',
          'Your team’s rank',
          '0',
          '',
          'no',
          'yes',
          'No: Holds BPSS clearance; this placement needs CTC',
        ],
        [
          '3',
          'Cat Clark',
          emails.cat,
          SC,
          '1',
          '2026-05-01T09:00:00Z',
          '',
          UNRANKED,
          '1',
          'Work and Pensions',
          'no',
          'yes',
          'No: Has already had a posting in Work and Pensions',
        ],
        [
          '4',
          'Amy Adams',
          emails.amy,
          SC,
          '2',
          '2026-05-01T09:00:00Z',
          '',
          UNRANKED,
          '0',
          '',
          'no',
          'yes',
          'yes',
        ],
      ]
    )
    assert.notInclude(response.text(), 'Eve Evans')
    assert.notInclude(response.text(), 'Fay Fox')

    const page = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants`)
      .loginAs(lead)
    page.assertTextIncludes(`href="/fast-stream/team/placements/${placement.id}/applicants.csv"`)
    page.assertTextIncludes(MY_EXPORTS)

    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const forAdmin = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
      .loginAs(admin)
    forAdmin.assertStatus(200)
    assert.deepEqual(
      rowsOf(forAdmin.text())
        .slice(1)
        .map((row) => row[1]),
      ['Dan Dodd', 'Ben Brown', 'Cat Clark', 'Amy Adams']
    )
  })

  test('another team’s lead and a learner get the page’s answer; bad ids are 404', async ({
    client,
    assert,
  }) => {
    const { otherLead, placement } = await placementWithApplicants()
    const path = `/fast-stream/team/placements/${placement.id}/applicants`
    const learner = await createUser()
    for (const user of [otherLead, learner]) {
      const page = await client.get(path).loginAs(user)
      const csv = await client.get(`${path}.csv`).loginAs(user)
      page.assertStatus(403)
      csv.assertStatus(403)
      assert.notInclude(csv.text(), 'Dan Dodd')
      const json = await client.get(`${path}.csv`).accept('json').loginAs(user)
      json.assertStatus(403)
    }
    for (const id of ['999999', 'abc', '-1', '1.5']) {
      const page = await client
        .get(`/fast-stream/team/placements/${id}/applicants`)
        .loginAs(otherLead)
      const csv = await client
        .get(`/fast-stream/team/placements/${id}/applicants.csv`)
        .loginAs(otherLead)
      page.assertStatus(404)
      csv.assertStatus(404)
    }
    assert.lengthOf(await Export.query(), 0)
  })
})

test.group('Exports: a placement’s applicants as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  smallJobs(group)

  test('the job writes ranked then unranked applicants a row at a time, in the team’s order', async ({
    client,
    assert,
  }) => {
    const { lead, placement } = await placementWithApplicants()
    const asked = await client
      .get(`/fast-stream/team/placements/${placement.id}/applicants.csv`)
      .qs({ placementId: '1' })
      .redirects(0)
      .loginAs(lead)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', lead.id).firstOrFail()
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    // The address names the placement, whatever the query string says.
    assert.deepEqual(record.filters, { placementId: String(placement.id) })
    assert.equal(record.rowsDone, 4)
    assert.deepEqual(await fileColumns(record, [0, 1, 8]), [
      ['Order', 'Name', 'Team rank'],
      ['1', 'Dan Dodd', '1'],
      ['2', 'Ben Brown', '2'],
      ['3', 'Cat Clark', ''],
      ['4', 'Amy Adams', ''],
    ])
  })

  test('a job asked for another team’s placement writes no applicants', async ({ assert }) => {
    const { otherLead, placement } = await placementWithApplicants()
    const record = await Export.create({
      userId: otherLead.id,
      kind: 'applicants',
      filters: { placementId: String(placement.id) },
      status: 'queued',
      rowsDone: 0,
      rowsTotal: 4,
    })
    await BuildExport.dispatch({ exportId: record.id })
    await record.refresh()
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 0)
    assert.lengthOf(await fileRows(record), 1)
  })
})

/*
 * A line manager with two reports. Rita proposed a target role level,
 * assessed Service design twice (the later at level 3) and Agile (already
 * validated); Sam assessed Agile at 2 and claims Service design at 3 from
 * a course. Someone else's manager's report assessed a skill too.
 */
async function validationsQueue() {
  const organisation = await OrganisationFactory.create()
  const manager = await createUser({ organisation })
  const rita = await createUser({
    organisation,
    overrides: { fullName: 'Rita Report', lineManagerId: manager.id },
  })
  const sam = await createUser({
    organisation,
    overrides: { fullName: 'Sam Second', lineManagerId: manager.id },
  })
  const design = await createSkill('Service design')
  const agile = await createSkill('Agile working')
  const self = (userId: number, skillId: number, level: number, at: string) =>
    createAssessment(userId, skillId, level, {
      assessedBy: userId,
      assessedAt: DateTime.fromISO(at),
    })
  await self(rita.id, design.id, 1, '2026-02-01T09:00:00Z')
  await self(rita.id, design.id, 3, '2026-02-03T09:00:00Z')
  const ritaAgile = await self(rita.id, agile.id, 4, '2026-02-02T09:00:00Z')
  await createAssessment(rita, agile, 4, {
    source: 'manager',
    assessedBy: manager.id,
    validatesId: ritaAgile.id,
    assessedAt: DateTime.fromISO('2026-02-04T09:00:00Z'),
  })
  await self(sam.id, agile.id, 2, '2026-02-05T09:30:00Z')
  const { levels } = await createRole({
    role: 'Product manager',
    levels: [{ name: 'Senior product manager', needs: {} }],
  })
  await createRoleAssignment(rita, levels[0], {
    kind: 'target',
    status: 'proposed',
    createdAt: DateTime.fromISO('2026-03-01T10:00:00Z'),
  })
  const record = await createDeclaredLearning(
    sam,
    'User research course',
    DateTime.fromISO('2026-02-20'),
    { courseId: null, enrolmentId: null, providerName: 'Alpha Academy', evidenceUrl: null }
  )
  await createSkillClaim(sam, design, 3, {
    learningRecordId: record.id,
    createdAt: DateTime.fromISO('2026-02-21T14:00:00Z'),
  })
  const otherManager = await createUser()
  const stranger = await createUser({ overrides: { lineManagerId: otherManager.id } })
  await self(stranger.id, design.id, 2, '2026-02-06T09:00:00Z')
  return { manager, rita, sam }
}

const VALIDATIONS_HEADER = [
  'Item',
  'Person',
  'Email',
  'Skill',
  'Level',
  'Role level',
  'From course',
  'Submitted at',
]

test.group('Exports: validations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a line manager exports what waits for them, in the page’s order', async ({
    client,
    assert,
  }) => {
    const { manager, rita, sam } = await validationsQueue()
    const response = await client.get('/capability/validations.csv').loginAs(manager)
    response.assertStatus(200)
    assert.deepEqual(rowsOf(response.text()), [
      VALIDATIONS_HEADER,
      [
        'Target role level to confirm',
        'Rita Report',
        rita.email,
        '',
        '',
        'Senior product manager (Product manager)',
        '',
        '2026-03-01T10:00:00Z',
      ],
      [
        'Self-assessment',
        'Rita Report',
        rita.email,
        'Service design',
        '3 Practitioner',
        '',
        '',
        '2026-02-03T09:00:00Z',
      ],
      [
        'Self-assessment',
        'Sam Second',
        sam.email,
        'Agile working',
        '2 Working',
        '',
        '',
        '2026-02-05T09:30:00Z',
      ],
      [
        'Skill claim',
        'Sam Second',
        sam.email,
        'Service design',
        '3 Practitioner',
        '',
        'User research course',
        '2026-02-21T14:00:00Z',
      ],
    ])

    const page = await client.get('/capability/validations').loginAs(manager)
    page.assertTextIncludes('href="/capability/validations.csv"')
    page.assertTextIncludes(MY_EXPORTS)
  })

  test('someone with no reports exports only the header, whatever the query string', async ({
    client,
    assert,
  }) => {
    const { rita } = await validationsQueue()
    const response = await client
      .get('/capability/validations.csv')
      .qs({ managerId: '1', page: '<script>' })
      .loginAs(rita)
    response.assertStatus(200)
    assert.deepEqual(rowsOf(response.text()), [VALIDATIONS_HEADER])
  })
})

test.group('Exports: validations as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  smallJobs(group)

  test('the job writes role levels, self-assessments and claims in the page’s order', async ({
    client,
    assert,
  }) => {
    const { manager } = await validationsQueue()
    const asked = await client.get('/capability/validations.csv').redirects(0).loginAs(manager)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', manager.id).firstOrFail()
    assert.equal(record.kind, 'validations')
    assert.equal(record.rowsTotal, 4)
    assert.deepEqual(await fileColumns(record, [0, 1, 3]), [
      ['Item', 'Person', 'Skill'],
      ['Target role level to confirm', 'Rita Report', ''],
      ['Self-assessment', 'Rita Report', 'Service design'],
      ['Self-assessment', 'Sam Second', 'Agile working'],
      ['Skill claim', 'Sam Second', 'Service design'],
    ])
  })
})

/*
 * A person's plan of five items (two done), their line manager, HR of
 * their department, and a colleague with a plan of their own.
 */
async function planWithItems() {
  const organisation = await OrganisationFactory.create()
  const manager = await createUser({ organisation, overrides: { fullName: 'Mo Manager' } })
  const person = await createUser({
    organisation,
    overrides: { fullName: 'Pat Person', lineManagerId: manager.id },
  })
  const hr = await createUser({ roles: ['department_hr'], organisation })
  const colleague = await createUser({ organisation })
  const design = await createSkill('Service design')
  const data = await createSkill('Data analysis')
  const cyber = await createSkill('Cyber security')
  const agile = await createCourse({ title: 'Agile delivery' })
  const research = await createCourse({ title: 'User research' })
  const nextYear = DateTime.now().year + 1
  const item = (values: Partial<DevelopmentPlanItem>) =>
    createPlanItem(person, { dueOn: null, ...values })
  await item({ kind: 'course', courseId: research.id, status: 'done' })
  await item({
    skillId: cyber.id,
    targetLevel: 4,
    status: 'done',
    dueOn: DateTime.fromISO('2021-05-05'),
  })
  await item({ skillId: data.id, targetLevel: 2 })
  await item({
    kind: 'course',
    courseId: agile.id,
    status: 'in_progress',
    dueOn: DateTime.fromISO(`${nextYear}-03-03`),
    agreedBy: manager.id,
    agreedAt: DateTime.fromISO('2026-02-01T12:00:00Z'),
  })
  await item({ skillId: design.id, targetLevel: 3, dueOn: DateTime.fromISO('2020-01-10') })
  await createPlanItem(colleague, { skillId: design.id, targetLevel: 1 })
  return { manager, person, hr, colleague, agile, research, nextYear }
}

const PLAN_HEADER = [
  'Item',
  'Kind',
  'Skill',
  'Target level',
  'Course code',
  'Course',
  'Due on',
  'Overdue',
  'Status',
  'Agreed by',
  'Agreed at',
]

test.group('Exports: development plans', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a person exports their plan: unfinished first, soonest due first, undated last', async ({
    client,
    assert,
  }) => {
    const { person, colleague, agile, research, nextYear } = await planWithItems()
    const response = await client.get('/capability/plan.csv').loginAs(person)
    response.assertStatus(200)
    assert.match(
      response.header('content-disposition') ?? '',
      /^attachment; filename="development-plan-\d{4}-\d{2}-\d{2}\.csv"$/
    )
    const expected = [
      PLAN_HEADER,
      [
        'Service design to level 3 (Practitioner)',
        'Skill',
        'Service design',
        '3',
        '',
        '',
        '2020-01-10',
        'yes',
        'Planned',
        '',
        '',
      ],
      [
        `Agile delivery (${agile.code})`,
        'Course',
        '',
        '',
        agile.code,
        'Agile delivery',
        `${nextYear}-03-03`,
        'no',
        'In progress',
        'Mo Manager',
        '2026-02-01T12:00:00Z',
      ],
      [
        'Data analysis to level 2 (Working)',
        'Skill',
        'Data analysis',
        '2',
        '',
        '',
        '',
        'no',
        'Planned',
        '',
        '',
      ],
      [
        'Cyber security to level 4 (Expert)',
        'Skill',
        'Cyber security',
        '4',
        '',
        '',
        '2021-05-05',
        'no',
        'Done',
        '',
        '',
      ],
      [
        `User research (${research.code})`,
        'Course',
        '',
        '',
        research.code,
        'User research',
        '',
        'no',
        'Done',
        '',
        '',
      ],
    ]
    assert.deepEqual(rowsOf(response.text()), expected)

    // Asking for someone else's plan in the query string still gives one's own.
    const own = await client
      .get('/capability/plan.csv')
      .qs({ personId: String(person.id) })
      .loginAs(colleague)
    own.assertStatus(200)
    assert.deepEqual(
      rowsOf(own.text())
        .slice(1)
        .map((row) => row[0]),
      ['Service design to level 1 (Awareness)']
    )

    const page = await client.get('/capability/plan').loginAs(person)
    page.assertTextIncludes('href="/capability/plan.csv"')
    page.assertTextIncludes(MY_EXPORTS)
  })

  test('the line manager exports a report’s plan; others get the page’s 404', async ({
    client,
    assert,
  }) => {
    const { manager, person, hr, colleague, agile, research } = await planWithItems()
    const path = `/capability/people/${person.id}/plan`
    const response = await client.get(`${path}.csv`).loginAs(manager)
    response.assertStatus(200)
    assert.deepEqual(
      rowsOf(response.text()).map((row) => [row[0], row[8]]),
      [
        ['Item', 'Status'],
        ['Service design to level 3 (Practitioner)', 'Planned'],
        [`Agile delivery (${agile.code})`, 'In progress'],
        ['Data analysis to level 2 (Working)', 'Planned'],
        ['Cyber security to level 4 (Expert)', 'Done'],
        [`User research (${research.code})`, 'Done'],
      ]
    )
    const page = await client.get(path).loginAs(manager)
    page.assertTextIncludes(`href="${path}.csv"`)
    page.assertTextIncludes(MY_EXPORTS)

    // The plan page is for the line manager alone: HR and colleagues get 404 from both.
    for (const user of [hr, colleague, person]) {
      const refusedPage = await client.get(path).loginAs(user)
      const refused = await client.get(`${path}.csv`).loginAs(user)
      refusedPage.assertStatus(404)
      refused.assertStatus(404)
      assert.notInclude(refused.text(), 'Service design')
    }
    for (const id of ['abc', '0', '999999', '2.5']) {
      const refused = await client.get(`/capability/people/${id}/plan.csv`).loginAs(manager)
      refused.assertStatus(404)
    }
    assert.lengthOf(await Export.query(), 0)
  })
})

test.group('Exports: development plans as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  smallJobs(group)

  test('the job writes every part of the plan a row at a time, in the page’s order', async ({
    client,
    assert,
  }) => {
    const { manager, person } = await planWithItems()
    const asked = await client
      .get(`/capability/people/${person.id}/plan.csv`)
      .redirects(0)
      .loginAs(manager)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', manager.id).firstOrFail()
    assert.equal(record.kind, 'developmentPlan')
    assert.deepEqual(record.filters, { personId: String(person.id) })
    assert.equal(record.rowsDone, 5)
    assert.deepEqual(await fileColumns(record, [1, 6, 8]), [
      ['Kind', 'Due on', 'Status'],
      ['Skill', '2020-01-10', 'Planned'],
      ['Course', `${DateTime.now().year + 1}-03-03`, 'In progress'],
      ['Skill', '', 'Planned'],
      ['Skill', '2021-05-05', 'Done'],
      ['Course', '', 'Done'],
    ])
  })

  test('a job for a plan that is no longer the person’s to see writes no items', async ({
    assert,
  }) => {
    const { hr, person } = await planWithItems()
    const record = await Export.create({
      userId: hr.id,
      kind: 'developmentPlan',
      filters: { personId: String(person.id) },
      status: 'queued',
      rowsDone: 0,
      rowsTotal: 5,
    })
    await BuildExport.dispatch({ exportId: record.id })
    await record.refresh()
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 0)
    assert.deepEqual(await fileRows(record), [PLAN_HEADER])
  })
})

/*
 * Three skills in use across two categories, needed by one, two and no
 * role levels, and one retired skill.
 */
async function someSkills() {
  await createSkill('User research', 'User-centred design')
  await createSkill('Data modelling', 'Data')
  await createRole({
    role: 'Service designer',
    levels: [
      { name: 'Service designer', needs: { 'User research': 2, 'Data modelling': 1 } },
      { name: 'Senior service designer', needs: { 'User research': 3 } },
    ],
  })
  await createSkill('Content design', 'User-centred design')
  const retired = await createSkill('Punched cards', 'Data')
  retired.retiredAt = DateTime.fromISO('2025-01-01T00:00:00Z')
  await retired.save()
}

test.group('Exports: the framework’s skills', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('anyone signed in downloads the skills in use, by category and name, with the role levels needing each', async ({
    client,
    assert,
  }) => {
    await someSkills()
    const learner = await createUser()
    const page = await client.get('/framework/skills').loginAs(learner)
    page.assertTextIncludes('href="/framework/skills.csv"')
    page.assertTextIncludes(MY_EXPORTS)

    const response = await client.get('/framework/skills.csv').loginAs(learner)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/csv/)
    assert.match(
      response.header('content-disposition') ?? '',
      /attachment; filename="framework-skills-\d{4}-\d{2}-\d{2}\.csv"/
    )
    assert.deepEqual(rowsOf(response.text()), [
      ['Skill', 'Category', 'Description', 'Role levels needing it'],
      ['Data modelling', 'Data', 'About Data modelling.', '1'],
      ['Content design', 'User-centred design', 'About Content design.', '0'],
      ['User research', 'User-centred design', 'About User research.', '2'],
    ])

    const anonymous = await client.get('/framework/skills.csv').redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', '/sign-in')
  })
})

test.group('Exports: the framework’s skills as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  smallJobs(group)

  test('the job writes the skills a row at a time, in the page’s order', async ({
    client,
    assert,
  }) => {
    await someSkills()
    const learner = await createUser()
    const asked = await client.get('/framework/skills.csv').redirects(0).loginAs(learner)
    asked.assertStatus(302)
    const record = await Export.query().where('user_id', learner.id).firstOrFail()
    assert.equal(asked.header('location'), `/exports/${record.id}`)
    assert.equal(record.kind, 'skills')
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 3)
    assert.deepEqual(await fileColumns(record, [0, 3]), [
      ['Skill', 'Role levels needing it'],
      ['Data modelling', '1'],
      ['Content design', '0'],
      ['User research', '2'],
    ])
  })
})
