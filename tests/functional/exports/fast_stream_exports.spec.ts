import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
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
  createDeclaredLearning,
  createEnrolment,
  createProvider,
  createSession,
} from '#database/factories/learning_factory'
import {
  createEntrant,
  createPlacement,
  createRound,
  createScheme,
  createTeam,
} from '#database/factories/fast_stream_factory'
import Export from '#models/export'
import exportsConfig from '#config/exports'
import { pruneExports } from '#services/exports'

function rowsOf(text: string): string[][] {
  return parse(text)
}

/* Two course admins, each with a provider and a course; a session of Alpha's course with three people. */
async function twoProviders() {
  const adminA = await createUser({ roles: ['course_admin'] })
  const adminB = await createUser({ roles: ['course_admin'] })
  const alpha = await createProvider('Alpha Academy', [adminA])
  const beta = await createProvider('Beta College', [adminB])
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
    const rows = rowsOf(all.text())
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
      rowsOf(drafts.text())
        .slice(1)
        .map((row) => row[1]),
      ['Zero to product']
    )

    const other = await client.get('/learning/admin/courses.csv').loginAs(adminB)
    assert.deepEqual(
      rowsOf(other.text())
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
    const rows = rowsOf(response.text())
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
    assert.deepEqual(rowsOf(record.text()), [
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
    const rows = rowsOf(approvals.text())
    assert.lengthOf(rows, 2)
    assert.deepEqual(
      [rows[1][0], rows[1][2], rows[1][5]],
      ['Lee Learner', 'Agile foundations', 'For my new role']
    )
    const none = await client.get('/learning/approvals.csv').loginAs(learner)
    assert.lengthOf(rowsOf(none.text()), 1)
  })
})

test.group('Exports: Fast Stream', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the Fast Stream team exports entrants with the list’s filters', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const department = await OrganisationFactory.create()
    const digital = await createScheme('Digital and technology')
    await createEntrant({ name: 'Ann Entrant', scheme: digital, clearance: 'SC' })
    await createEntrant({
      name: 'Ben Entrant',
      scheme: digital,
      clearance: 'DV',
      postings: [{ organisation: department, digital: true }],
    })
    await createEntrant({ name: 'Cal Entrant', clearance: 'SC' })

    const all = await client.get('/fast-stream/admin/entrants.csv').loginAs(admin)
    all.assertStatus(200)
    const rows = rowsOf(all.text())
    assert.deepEqual(rows[0], [
      'Name',
      'Email',
      'Scheme',
      'Cohort',
      'Clearance',
      'Started on',
      'Postings',
      'Had a digital posting',
    ])
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row[2], row[5], row[6], row[7]]),
      [
        ['Ann Entrant', 'Digital and technology', '2013-09-01', '0', 'no'],
        ['Ben Entrant', 'Digital and technology', '2013-09-01', '1', 'yes'],
        ['Cal Entrant', rows[3][2], '2013-09-01', '0', 'no'],
      ]
    )

    const filtered = await client
      .get('/fast-stream/admin/entrants.csv')
      .qs({ schemeId: digital.id, digital: 'none', sort: 'name', direction: 'desc' })
      .loginAs(admin)
    assert.deepEqual(
      rowsOf(filtered.text())
        .slice(1)
        .map((row) => row[0]),
      ['Ann Entrant']
    )

    const learner = await createUser()
    const refused = await client.get('/fast-stream/admin/entrants.csv').loginAs(learner)
    refused.assertStatus(403)
  })

  test('rounds, a round’s placements and a team’s placements export', async ({
    client,
    assert,
  }) => {
    const admin = await createUser({ roles: ['fast_stream_admin'] })
    const round = await createRound({ name: 'Spring round' })
    const team = await createTeam(undefined, 'Payments team')
    const otherTeam = await createTeam(undefined, 'Tax team')
    await createPlacement(round, { team, title: 'Product owner', capacity: 2 })
    await createPlacement(round, { team, title: 'Analyst', status: 'offered' })
    await createPlacement(round, { team: otherTeam, title: 'Developer', capacity: 3 })
    const lead = await createUser({
      roles: ['team_lead'],
      overrides: { teamId: team.id, organisationId: team.organisationId },
    })

    const rounds = await client.get('/fast-stream/admin/rounds.csv').loginAs(admin)
    rounds.assertStatus(200)
    const roundRows = rowsOf(rounds.text())
    assert.equal(roundRows[0][0], 'Round')
    const spring = roundRows.find((row) => row[0] === 'Spring round')!
    assert.equal(spring[1], 'Fast Stream')
    // Waiting 1, approved 2, places approved 2 + 3, no shortlists.
    assert.deepEqual(spring.slice(7), ['1', '2', '5', '0'])

    const approved = await client
      .get(`/fast-stream/admin/rounds/${round.id}/placements.csv`)
      .qs({ status: 'approved' })
      .loginAs(admin)
    approved.assertStatus(200)
    assert.deepEqual(
      rowsOf(approved.text())
        .slice(1)
        .map((row) => [row[2], row[3], row[7], row[8]])
        .sort(),
      [
        ['Payments team', 'Product owner', '2', 'Approved'],
        ['Tax team', 'Developer', '3', 'Approved'],
      ]
    )
    const missing = await client
      .get('/fast-stream/admin/rounds/999999/placements.csv')
      .loginAs(admin)
    missing.assertStatus(404)

    const mine = await client.get('/fast-stream/team/placements.csv').loginAs(lead)
    mine.assertStatus(200)
    assert.deepEqual(
      rowsOf(mine.text())
        .slice(1)
        .map((row) => [row[0], row[3], row[8]]),
      [
        ['Spring round', 'Analyst', 'Waiting for approval'],
        ['Spring round', 'Product owner', 'Approved'],
      ]
    )
    const notAdmin = await client.get('/fast-stream/admin/rounds.csv').loginAs(lead)
    notAdmin.assertStatus(403)
  })
})

test.group('Exports: pruning', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    const saved = { ...exportsConfig }
    exportsConfig.directory = join(process.cwd(), 'tmp', `exports-prune-${process.pid}`)
    return async () => {
      await rm(exportsConfig.directory, { recursive: true, force: true })
      Object.assign(exportsConfig, saved)
    }
  })

  test('pruning removes expired exports and their files, and keeps the rest', async ({
    assert,
  }) => {
    const user = await createUser()
    await mkdir(exportsConfig.directory, { recursive: true })
    const now = DateTime.now()
    const make = async (fileName: string | null, values: Partial<Export>) => {
      if (fileName) await writeFile(join(exportsConfig.directory, fileName), 'name\n')
      return Export.create({
        userId: user.id,
        kind: 'people',
        filters: {},
        status: 'done',
        rowsDone: 0,
        rowsTotal: 0,
        fileName,
        ...values,
      })
    }
    const expired = await make('old.csv', { expiresAt: now.minus({ hours: 1 }) })
    const current = await make('new.csv', { expiresAt: now.plus({ days: 3 }) })
    const stuck = await make(null, {
      status: 'running',
      createdAt: now.minus({ days: exportsConfig.keepForDays + 1 }),
    })

    assert.equal(await pruneExports(now), 2)
    assert.isNull(await Export.find(expired.id))
    assert.isNull(await Export.find(stuck.id))
    assert.isNotNull(await Export.find(current.id))
    await assert.rejects(() => stat(join(exportsConfig.directory, 'old.csv')))
    const kept = await stat(join(exportsConfig.directory, 'new.csv'))
    assert.isTrue(kept.isFile())
  })
})
