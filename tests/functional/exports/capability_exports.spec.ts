import { test } from '@japa/runner'
import { assertPageIncludes } from '#tests/support/page_access'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import { createCourse, createDeclaredLearning } from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import type DevelopmentPlanItem from '#models/development_plan_item'
import Export from '#models/export'
import BuildExport from '#jobs/build_export'
import {
  createAssessment,
  createPlanItem,
  createRoleAssignment,
  createSkillClaim,
} from '#database/factories/capability_factory'
import {
  csvRows,
  fileColumns,
  fileRows,
  MY_EXPORTS,
  privateExports,
  assertDatedCsvName,
  queuedExport,
} from '#tests/support/exports'
import { managerAndReport } from '#tests/support/fixtures/line_management'
import { createExport } from '#database/factories/export_factory'

/*
 * A line manager with two reports. Rita proposed a target role level,
 * assessed Service design twice (the later at level 3) and Agile (already
 * validated); Sam assessed Agile at 2 and claims Service design at 3 from
 * a course. Someone else's manager's report assessed a skill too.
 */
async function validationsQueue() {
  const {
    organisation,
    manager,
    report: rita,
  } = await managerAndReport({ report: { fullName: 'Rita Report' } })
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
    assert.deepEqual(csvRows(response.text()), [
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

    await assertPageIncludes(client, manager, '/capability/validations', [
      'href="/capability/validations.csv"',
      MY_EXPORTS,
    ])
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
    assert.deepEqual(csvRows(response.text()), [VALIDATIONS_HEADER])
  })
})

test.group('Exports: validations as a job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  privateExports(group, { jobThreshold: 2, batchSize: 1 })

  test('the job writes role levels, self-assessments and claims in the page’s order', async ({
    client,
    assert,
  }) => {
    const { manager } = await validationsQueue()
    const { record } = await queuedExport(client.get('/capability/validations.csv'), manager)
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
  const {
    organisation,
    manager,
    report: person,
  } = await managerAndReport({
    manager: { fullName: 'Mo Manager' },
    report: { fullName: 'Pat Person' },
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
    assertDatedCsvName(assert, response, 'development-plan')
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
    assert.deepEqual(csvRows(response.text()), expected)

    // Asking for someone else's plan in the query string still gives one's own.
    const own = await client
      .get('/capability/plan.csv')
      .qs({ personId: String(person.id) })
      .loginAs(colleague)
    own.assertStatus(200)
    assert.deepEqual(
      csvRows(own.text())
        .slice(1)
        .map((row) => row[0]),
      ['Service design to level 1 (Awareness)']
    )

    await assertPageIncludes(client, person, '/capability/plan', [
      'href="/capability/plan.csv"',
      MY_EXPORTS,
    ])
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
      csvRows(response.text()).map((row) => [row[0], row[8]]),
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
  privateExports(group, { jobThreshold: 2, batchSize: 1 })

  test('the job writes every part of the plan a row at a time, in the page’s order', async ({
    client,
    assert,
  }) => {
    const { manager, person } = await planWithItems()
    const { record } = await queuedExport(
      client.get(`/capability/people/${person.id}/plan.csv`),
      manager
    )
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
    const record = await createExport(hr, 'developmentPlan', {
      filters: { personId: String(person.id) },
      rowsTotal: 5,
    })
    await BuildExport.dispatch({ exportId: record.id })
    await record.refresh()
    assert.equal(record.status, 'done')
    assert.equal(record.rowsDone, 0)
    assert.deepEqual(await fileRows(record), [PLAN_HEADER])
  })
})
