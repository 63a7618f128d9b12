import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import type { ApiResponse } from '@japa/api-client'
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
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import { createRole, createSkill } from '#database/factories/framework_factory'
import {
  createCohort,
  createEntrant,
  createMatch,
  createPlacement,
  createRound,
  createScheme,
  createShortlist,
  createTeam,
} from '#database/factories/fast_stream_factory'
import Export from '#models/export'
import exportsConfig from '#config/exports'
import { PANEL_KEYS } from '#queries/insights/panel_keys'
import {
  createAssessment,
  createPlanItem,
  createRoleAssignment,
} from '#database/factories/capability_factory'
import {
  createCampaign,
  createCapabilityGap,
  createCapabilityPlan,
  createPlanLine,
  createService,
} from '#database/factories/workforce_factory'
import TrainingBudget from '#models/training_budget'

/*
 * Text a spreadsheet would run as a formula, one kind of data each, every
 * one of OWASP's starting characters among them: = + - @ tab and carriage
 * return.
 */
const P = {
  person: '=HYPERLINK("http://evil","person")',
  manager: '+1+1 manager',
  email: '=HYPERLINK("http://evil","email")',
  organisation: '-1+1 organisation',
  team: '\t=1 team',
  token: '=HYPERLINK("http://evil","token")',
  file: '@SUM(1) people.csv',
  course: '+1+1 course',
  approval: '-1+1 approval course',
  provider: '@SUM(1) provider',
  record: '=1+1 record',
  note: '-1+1 note',
  location: '@SUM(1) location',
  scheme: '+1 scheme',
  cohort: '@SUM(1) cohort',
  round: '=1 round',
  placement: '\r=1 placement',
  skill: '@SUM(1) skill',
  category: '+1 category',
  family: '-1 family',
  role: '=1 role',
  level: '@1 level',
  service: '@SUM(1) service',
  campaign: '=1+1 campaign',
  gap: '-1+1 gap',
  description: '\t=1 description',
  reason: '+1 reason',
} as const

/* What a spreadsheet takes for the start of a formula, and a plain decimal number it never does. */
const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

/*
 * Checks a downloaded CSV: a CSV answer, no cell that a spreadsheet would
 * run as a formula (plain numbers aside), and each of `guarded` there as
 * text behind a single quote. Returns the rows, the header first.
 */
function assertSafeCsv(assert: Assert, response: ApiResponse, guarded: string[]) {
  const path = response.request.config.endpoint
  assert.equal(response.status(), 200, path)
  assert.equal(response.header('content-type'), 'text/csv; charset=utf-8', path)
  const rows: string[][] = parse(response.text())
  const cells = rows.flat()
  const live = cells.filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell))
  assert.deepEqual(live, [], `cells a spreadsheet would run as formulas in ${path}`)
  for (const text of guarded) {
    assert.isTrue(
      cells.some((cell) => cell.startsWith(`'${text}`)),
      `${JSON.stringify(text)} written as text in ${path}`
    )
  }
  return rows
}

/* A department named like a formula, its HR, a capability admin and a learner with a team. */
async function identityWorld() {
  const organisation = await OrganisationFactory.merge({ name: P.organisation }).create()
  const team = await createTeam(organisation, P.team, { location: null })
  const admin = await createUser({ roles: ['capability_admin'], organisation })
  const hr = await createUser({
    roles: ['department_hr'],
    organisation,
    overrides: { fullName: P.manager },
  })
  const learner = await createUser({
    organisation,
    overrides: { fullName: P.person, email: P.email, teamId: team.id },
  })
  return { organisation, team, admin, hr, learner }
}

test.group('CSV formulas: people, organisations, the audit trail and staff imports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('people, organisations and teams export formula-like names as text', async ({
    client,
    assert,
  }) => {
    const { admin } = await identityWorld()
    assertSafeCsv(assert, await client.get('/admin/users.csv').loginAs(admin), [
      P.person,
      P.email,
      P.organisation,
      P.team,
    ])
    assertSafeCsv(assert, await client.get('/admin/organisations.csv').loginAs(admin), [
      P.organisation,
    ])
    assertSafeCsv(assert, await client.get('/admin/teams.csv').loginAs(admin), [
      P.team,
      P.organisation,
    ])
  })

  test('a learner’s API token name reaches the admin’s audit CSV as text', async ({
    client,
    assert,
  }) => {
    const { admin, learner } = await identityWorld()
    const issued = await client
      .post('/profile/tokens')
      .form({ name: P.token })
      .withCsrfToken()
      .loginAs(learner)
    issued.assertStatus(201)
    const rows = assertSafeCsv(assert, await client.get('/admin/audit.csv').loginAs(admin), [
      P.token,
      P.person,
      P.email,
      P.organisation,
    ])
    const issuedRow = rows.find((row) => row[6] === `'${P.token}`)!
    assert.deepEqual(issuedRow.slice(1, 3), [`'${P.person}`, `'${P.email}`])
  })

  test('a staff import’s problems and the list of imports export uploaded text as text', async ({
    client,
    assert,
  }) => {
    const { organisation, hr } = await identityWorld()
    const file = [
      'email,name,organisation code,grade,profession,role level,line manager email',
      `"${P.email.replaceAll('"', '""')}","${P.person.replaceAll('"', '""')}",${organisation.code},G7,digital,,`,
      `"-1+1@example.gov.uk","@SUM(1) name",nowhere,G7,digital,,`,
    ].join('\n')
    const uploaded = await client
      .post('/admin/staff-imports')
      .withCsrfToken()
      .loginAs(hr)
      .file('file', Buffer.from(file + '\n'), { filename: P.file })
      .redirects(0)
    uploaded.assertStatus(302)
    const path = uploaded.header('location')!
    // The import reads e-mail addresses in lower case.
    const problems = assertSafeCsv(assert, await client.get(`${path}/problems.csv`).loginAs(hr), [
      P.email.toLowerCase(),
      P.person,
      '-1+1@example.gov.uk',
      '@SUM(1) name',
    ])
    assert.deepEqual(problems[0], ['Line', 'Email', 'Name', 'Problem'])
    assert.lengthOf(problems, 3)

    assertSafeCsv(assert, await client.get('/admin/staff-imports.csv').loginAs(hr), [
      P.file,
      P.manager,
      P.organisation,
    ])
    const template = assertSafeCsv(
      assert,
      await client.get('/admin/staff-imports/template.csv').loginAs(hr),
      []
    )
    assert.equal(template[1][1], 'Ada Lovelace')
  })
})

test.group('CSV formulas: exports written by a queued job', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    exportsConfig.jobThreshold = 0
    exportsConfig.batchSize = 1
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-formulas-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })

  test('a file written by the export job holds formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { admin, learner } = await identityWorld()
    await client.post('/profile/tokens').form({ name: P.token }).withCsrfToken().loginAs(learner)
    for (const [path, guarded] of [
      ['/admin/users.csv', [P.person, P.email, P.organisation, P.team]],
      ['/admin/audit.csv', [P.token, P.person]],
    ] as const) {
      const asked = await client.get(path).redirects(0).loginAs(admin)
      asked.assertStatus(302)
      const record = await Export.query()
        .where('user_id', admin.id)
        .orderBy('id', 'desc')
        .firstOrFail()
      assert.equal(record.status, 'done')
      assertSafeCsv(
        assert,
        await client.get(`/exports/${record.id}/download`).loginAs(admin),
        guarded as unknown as string[]
      )
    }
  })
})

/*
 * A provider, its course admin and two courses named like formulas; a
 * learner booked on one, asking their line manager for the other, with a
 * learning record of their own.
 */
async function learningWorld() {
  const organisation = await OrganisationFactory.merge({ name: P.organisation }).create()
  const courseAdmin = await createUser({ roles: ['course_admin'], organisation })
  const admin = await createUser({ roles: ['capability_admin'], organisation })
  const provider = await createProvider(P.provider, [courseAdmin])
  const course = await createCourse({ provider, title: P.course })
  const approval = await createCourse({ provider, title: P.approval, requiresApproval: true })
  const session = await createSession({ course, location: P.location })
  const asked = await createSession({ course: approval, location: P.location })
  const manager = await createUser({ organisation, overrides: { fullName: P.manager } })
  const learner = await createUser({
    organisation,
    overrides: { fullName: P.person, email: P.email, lineManagerId: manager.id },
  })
  await createEnrolment(session, learner, { waitlistPosition: null, bookedAt: DateTime.now() })
  await createEnrolment(asked, learner, { status: 'requested', requestNote: P.note })
  await createDeclaredLearning(learner, P.record, DateTime.fromISO('2026-01-10'), {
    providerName: P.provider,
  })
  return { courseAdmin, admin, session, manager, learner }
}

test.group('CSV formulas: learning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('courses, rosters and providers export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { courseAdmin, admin, session } = await learningWorld()
    assertSafeCsv(assert, await client.get('/learning/admin/courses.csv').loginAs(courseAdmin), [
      P.course,
      P.approval,
      P.provider,
    ])
    assertSafeCsv(
      assert,
      await client.get(`/learning/admin/sessions/${session.id}/roster.csv`).loginAs(courseAdmin),
      [P.person, P.email, P.organisation]
    )
    assertSafeCsv(assert, await client.get('/learning/admin/providers.csv').loginAs(admin), [
      P.provider,
    ])
  })

  test('a learner’s catalogue, learning and record, and their manager’s approvals, export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { manager, learner } = await learningWorld()
    assertSafeCsv(assert, await client.get('/learning/courses.csv').loginAs(learner), [
      P.course,
      P.provider,
      P.location,
    ])
    assertSafeCsv(assert, await client.get('/learning/my.csv').loginAs(learner), [
      P.course,
      P.approval,
    ])
    assertSafeCsv(assert, await client.get('/learning/record.csv').loginAs(learner), [
      P.record,
      P.provider,
    ])
    assertSafeCsv(assert, await client.get('/learning/approvals.csv').loginAs(manager), [
      P.person,
      P.approval,
      P.note,
    ])
  })
})

/*
 * An open round named like a formula, with a team's placement an entrant
 * has chosen and been matched to; the scheme, cohort, team and placement
 * are named like formulas too.
 */
async function fastStreamWorld() {
  const organisation = await OrganisationFactory.merge({ name: P.organisation }).create()
  const admin = await createUser({ roles: ['fast_stream_admin'] })
  const scheme = await createScheme(P.scheme)
  const cohort = await createCohort(2013, P.cohort)
  const { entrant, user } = await createEntrant({ name: P.person, scheme, cohort })
  user.email = P.email
  await user.save()
  const round = await createRound({ name: P.round })
  const team = await createTeam(organisation, P.team)
  const lead = await createUser({
    roles: ['team_lead'],
    organisation,
    overrides: { teamId: team.id },
  })
  const placement = await createPlacement(round, {
    team,
    title: P.placement,
    location: P.location,
  })
  await createShortlist(round, entrant, [placement])
  await createMatch(round, entrant, placement, 1)
  return { admin, user, round, lead, placement }
}

test.group('CSV formulas: Fast Stream', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team’s lists and a round’s matches export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { admin, round } = await fastStreamWorld()
    assertSafeCsv(assert, await client.get('/fast-stream/admin/entrants.csv').loginAs(admin), [
      P.person,
      P.email,
      P.scheme,
      P.cohort,
    ])
    assertSafeCsv(assert, await client.get('/fast-stream/admin/rounds.csv').loginAs(admin), [
      P.round,
    ])
    assertSafeCsv(
      assert,
      await client.get(`/fast-stream/admin/rounds/${round.id}/placements.csv`).loginAs(admin),
      [P.round, P.organisation, P.team, P.placement, P.location]
    )
    assertSafeCsv(assert, await client.get('/fast-stream/admin/schemes.csv').loginAs(admin), [
      P.scheme,
    ])
    assertSafeCsv(assert, await client.get('/fast-stream/admin/cohorts.csv').loginAs(admin), [
      P.cohort,
    ])
    const matches = assertSafeCsv(
      assert,
      await client.get(`/fast-stream/admin/rounds/${round.id}/results.csv`).loginAs(admin),
      [P.person, P.email, P.scheme, P.placement, P.team, P.organisation, P.location]
    )
    assert.equal(matches[0][0], 'Entrant ID')
    const template = assertSafeCsv(
      assert,
      await client.get('/fast-stream/admin/entrants/import/template.csv').loginAs(admin),
      []
    )
    assert.equal(template[0][0], 'Email')
  })

  test('a team lead’s placements and applicants, and an entrant’s search, export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { user, lead, placement } = await fastStreamWorld()
    assertSafeCsv(assert, await client.get('/fast-stream/team/placements.csv').loginAs(lead), [
      P.round,
      P.team,
      P.placement,
      P.location,
    ])
    assertSafeCsv(
      assert,
      await client.get(`/fast-stream/team/placements/${placement.id}/applicants.csv`).loginAs(lead),
      [P.person, P.email, P.scheme, P.cohort]
    )
    assertSafeCsv(assert, await client.get('/fast-stream/placements.csv').loginAs(user), [
      P.placement,
      P.organisation,
      P.team,
      P.location,
    ])
  })
})

/*
 * A role named like a formula (family, role, level) needing a skill named
 * like one; a person in that role who assessed the skill and plans to
 * reach it, with their line manager and their department's HR.
 */
async function capabilityWorld() {
  const organisation = await OrganisationFactory.merge({ name: P.organisation }).create()
  const skill = await createSkill(P.skill, P.category)
  const { levels } = await createRole({
    family: P.family,
    role: P.role,
    levels: [{ name: P.level, needs: { [P.skill]: 3 } }],
  })
  const hr = await createUser({ roles: ['department_hr'], organisation })
  const manager = await createUser({ organisation, overrides: { fullName: P.manager } })
  const person = await createUser({
    organisation,
    overrides: { fullName: P.person, email: P.email, lineManagerId: manager.id },
  })
  await createRoleAssignment(person, levels[0])
  await createAssessment(person, skill, 2, {
    assessedBy: person.id,
    assessedAt: DateTime.fromISO('2026-02-01T09:00:00Z'),
  })
  await createPlanItem(person, { skillId: skill.id, targetLevel: 3, dueOn: null })
  return { hr, manager, person }
}

test.group('CSV formulas: capability and the framework', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('validations, development plans and the team matrix export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { hr, manager, person } = await capabilityWorld()
    assertSafeCsv(assert, await client.get('/capability/validations.csv').loginAs(manager), [
      P.person,
      P.email,
      P.skill,
    ])
    assertSafeCsv(assert, await client.get('/capability/plan.csv').loginAs(person), [P.skill])
    assertSafeCsv(
      assert,
      await client.get(`/capability/people/${person.id}/plan.csv`).loginAs(manager),
      [P.skill]
    )
    const matrix = assertSafeCsv(assert, await client.get('/capability/team.csv').loginAs(hr), [
      P.person,
      P.email,
      P.level,
      P.skill,
    ])
    // Numbers stay numbers: required 3, level 2, gap 1.
    assert.deepEqual(matrix[1].slice(4), ['3', '2', 'no', '1'])
  })

  test('the skills list and the framework file export formula-like names as text', async ({
    client,
    assert,
  }) => {
    const { person } = await capabilityWorld()
    assertSafeCsv(assert, await client.get('/framework/skills.csv').loginAs(person), [
      P.skill,
      P.category,
    ])
    const framework = assertSafeCsv(
      assert,
      await client.get('/framework/export.csv').loginAs(person),
      [P.family, P.role, P.level, P.skill]
    )
    assert.deepEqual(framework, [
      ['Role family', 'Role', 'Role level', 'Skill', 'Skill level'],
      [`'${P.family}`, `'${P.role}`, `'${P.level}`, `'${P.skill}`, 'Practitioner'],
    ])
  })
})

/*
 * A transactional department named like a formula, its HR, a Digital
 * Leader and Service Manager named like one, and a service, campaign,
 * plan line and gap named like formulas.
 */
async function workforceWorld() {
  const organisation = await OrganisationFactory.merge({
    name: P.organisation,
    isTransactional: true,
  }).create()
  const hr = await createUser({ roles: ['department_hr'], organisation })
  const leader = await createUser({
    organisation,
    overrides: { fullName: P.person, email: P.email },
  })
  organisation.digitalLeaderId = leader.id
  await organisation.save()
  await createService(organisation, P.service, {
    annualTransactions: 250_000,
    serviceManagerId: leader.id,
  })
  const skill = await createSkill(P.skill, P.category)
  const { role } = await createRole({
    family: P.family,
    role: P.role,
    levels: [{ name: P.level, needs: { [P.skill]: 2 } }],
  })
  await createCampaign(organisation, role, {
    title: P.campaign,
    posts: 2,
    stage: 'advertised',
    hires: 0,
    location: P.location,
  })
  const plan = await createCapabilityPlan(organisation, 2025)
  await createPlanLine(plan, role, {
    postsNeeded: 3,
    inPostOverride: 1,
    overrideReason: P.reason,
    plannedToRecruit: 0,
    plannedToTrain: 0,
  })
  await createCapabilityGap(organisation, 'skill', P.gap, {
    roleProfileId: role.id,
    skillId: skill.id,
    description: P.description,
    severity: 'high',
  })
  return { organisation, hr, leader, role }
}

test.group('CSV formulas: workforce', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('services, campaigns, plans, gaps and actions 01 and 02 export formula-like text as text', async ({
    client,
    assert,
  }) => {
    const { hr } = await workforceWorld()
    assertSafeCsv(assert, await client.get('/workforce/services.csv').loginAs(hr), [
      P.organisation,
      P.service,
      P.person,
      P.email,
    ])
    assertSafeCsv(assert, await client.get('/workforce/campaigns.csv').loginAs(hr), [
      P.organisation,
      P.role,
      P.campaign,
      P.location,
    ])
    assertSafeCsv(assert, await client.get('/workforce/plans.csv').loginAs(hr), [
      P.organisation,
      P.role,
      P.reason,
    ])
    assertSafeCsv(assert, await client.get('/workforce/gaps.csv').loginAs(hr), [
      P.organisation,
      P.role,
      P.skill,
      P.gap,
      P.description,
    ])
    assertSafeCsv(
      assert,
      await client.get('/workforce/compliance/digital-leaders.csv').loginAs(hr),
      [P.organisation, P.person, P.email]
    )
    assertSafeCsv(assert, await client.get('/workforce/compliance/services.csv').loginAs(hr), [
      P.service,
      P.organisation,
      P.person,
    ])
  })
})

/* What each dashboard panel's CSV shows of the workforce and dashboard world's names. */
const PANEL_TEXT: Record<(typeof PANEL_KEYS)[number], string[]> = {
  'capability-coverage': [P.organisation, P.family],
  'skill-gaps': [P.family, P.category],
  'headcount': [P.family, P.role],
  'training': [],
  'session-fill': [P.course],
  'waiting-lists': [P.course],
  'training-budgets': [P.organisation],
  'digital-leaders': [P.organisation, P.person],
  'service-managers': [P.organisation],
  'fast-stream': [P.round],
  'future-leaders': [],
  'trends': [],
}

test.group('CSV formulas: dashboard panels', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every dashboard panel’s CSV holds formula-like names as text', async ({
    client,
    assert,
  }) => {
    const { organisation, hr, leader, role } = await workforceWorld()
    const [level] = await role.related('roleLevels').query()
    await createRoleAssignment(leader, level)
    const course = await createCourse({ title: P.course })
    const session = await createSession({
      course,
      capacity: 1,
      startsAt: DateTime.fromISO('2025-06-10T09:30:00Z'),
    })
    for (const [fullName, status] of [
      ['Bo Booked', 'booked'],
      ['Wyn Waiting', 'waitlisted'],
    ] as const) {
      const person = await createUser({ organisation, overrides: { fullName } })
      await createEnrolment(session, person, {
        status,
        activeSessionId: session.id,
        waitlistPosition: status === 'waitlisted' ? 1 : null,
      })
    }
    await TrainingBudget.create({
      organisationId: organisation.id,
      financialYear: 2025,
      amountPence: 100_000,
    })
    const round = await createRound({ status: 'published', name: P.round })
    const team = await createTeam(organisation, P.team)
    const placement = await createPlacement(round, { team, title: P.placement })
    const { entrant } = await createEntrant({ name: P.person })
    await createMatch(round, entrant, placement, 1)

    for (const key of PANEL_KEYS) {
      assertSafeCsv(
        assert,
        await client.get(`/insights/${key}.csv`).qs({ year: 2025 }).loginAs(hr),
        PANEL_TEXT[key]
      )
    }
    assertSafeCsv(
      assert,
      await client.get('/insights/skill-gaps.csv').qs({ rows: 'organisation' }).loginAs(hr),
      [P.organisation, P.category]
    )
  })
})
