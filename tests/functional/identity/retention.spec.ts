import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
// The user factory first: loading #models/organisation before #models/user trips the models' import cycle.
import { createUser } from '#database/factories/user_factory'
import { createAuditEvent } from '#database/factories/audit_event_factory'
import AuditEvent from '#models/audit_event'
import { applyRetention } from '#actions/identity/apply_retention'
import { retentionTask } from '#start/scheduler'
import { newToken } from '#services/password_links'
import RetentionApply from '../../../commands/retention_apply.js'
import { ALPHA_AND_BETA, twoDepartments } from '#tests/support/fixtures/departments'
import { personWithRecords } from '#tests/support/fixtures/personal_data'
import { dashboardFigures } from '#tests/support/dashboard_figures'

const sql = (time: DateTime) => time.toUTC().toSQL({ includeOffset: false })!

/* Tables whose rows are a person's ways in: deleted by anonymisation. */
const WAYS_IN = [
  ['two_step_verifications', 'user_id'],
  ['recovery_codes', 'user_id'],
  ['password_links', 'user_id'],
  ['auth_access_tokens', 'tokenable_id'],
  ['user_identities', 'user_id'],
  ['exports', 'user_id'],
] as const

/* How many rows each of a person's ways in has. */
async function waysInOf(userId: number) {
  const counts: Record<string, number> = {}
  for (const [table, column] of WAYS_IN) {
    const row = await db.from(table).where(column, userId).count('* as total').first()
    counts[table] = Number(row.total)
  }
  return counts
}

/* Everything the database holds, table by table, to show a dry run changes nothing. */
async function everyRow() {
  const tables = [
    'users',
    'enrolments',
    'skill_assessments',
    'skill_claims',
    'development_plan_items',
    'learning_records',
    'fast_stream_entrants',
    'placement_matches',
    'audit_events',
    ...WAYS_IN.map(([table]) => table),
  ]
  const rows: Record<string, unknown[]> = {}
  for (const table of tables) rows[table] = await db.from(table).orderByRaw('1')
  return rows
}

/*
 * A leaver past their keeping time (left 7 years ago), a leaver within it
 * (5 years ago) and a person in post, each with a record of every kind; an
 * audit event 8 years old and one 6 years old; a password link that ran
 * out 100 days ago and one 10 days ago.
 */
async function leaversAndOldRecords() {
  const departments = await twoDepartments({
    ...ALPHA_AND_BETA,
    admin: { email: 'central.admin@example.gov.uk', fullName: 'Cara Admin' },
  })
  const manager = await createUser({
    organisation: departments.agencyA,
    overrides: { fullName: 'Sam Manager', email: 'sam.manager@example.gov.uk' },
  })
  const now = DateTime.now()
  const lapsed = await personWithRecords(departments.agencyA, {
    name: 'Lee Leaver',
    email: 'lee.leaver@example.gov.uk',
    manager,
    leftOn: now.minus({ years: 7 }),
  })
  const recent = await personWithRecords(departments.agencyA, {
    name: 'Rae Recent',
    email: 'rae.recent@example.gov.uk',
    manager,
    leftOn: now.minus({ years: 5 }),
  })
  const inPost = await personWithRecords(departments.departmentB, {
    name: 'Ivy Inpost',
    email: 'ivy.inpost@example.gov.uk',
    manager,
  })
  const oldEvent = await createAuditEvent({ createdAt: now.minus({ years: 8 }) })
  const keptEvent = await createAuditEvent({ createdAt: now.minus({ years: 6 }) })
  const link = async (expiresAt: DateTime) => {
    const token = newToken()
    const [id] = await db.table('password_links').insert({
      user_id: inPost.person.id,
      kind: 'reset',
      selector: token.selector,
      secret_hash: token.secretHash,
      expires_at: sql(expiresAt),
      created_at: sql(expiresAt.minus({ hours: 1 })),
    })
    return Number(id)
  }
  const oldLink = await link(now.minus({ days: 100 }))
  const keptLink = await link(now.minus({ days: 10 }))
  return { ...departments, lapsed, recent, inPost, oldEvent, keptEvent, oldLink, keptLink }
}

async function runCommand(...args: string[]) {
  const ace = await app.container.make('ace')
  ace.ui.switchMode('raw')
  const command = await ace.create(RetentionApply, args)
  await command.exec()
  command.assertSucceeded()
  return command.logger.getLogs().map((log) => log.message)
}

test.group('Retention', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a dry run lists the leavers past their keeping time and the records it would delete, and changes nothing', async ({
    assert,
  }) => {
    const { lapsed } = await leaversAndOldRecords()
    const before = await everyRow()

    const outcome = await applyRetention({ dryRun: true })
    assert.deepEqual(
      outcome.leavers.map((leaver) => leaver.id),
      [lapsed.person.id]
    )
    assert.equal(outcome.auditEventsDeleted, 1)
    assert.equal(outcome.passwordLinksDeleted, 1)

    const logs = await runCommand('--dry-run')
    assert.include(logs.join('\n'), 'Would anonymise 1 leaver who left before')
    assert.include(logs.join('\n'), `person ${lapsed.person.id} (organisation`)
    assert.include(logs.join('\n'), 'Would delete 1 audit event from before')
    assert.include(logs.join('\n'), 'Would delete 1 password link that ran out before')
    assert.notInclude(logs.join('\n'), 'Lee Leaver')

    assert.deepEqual(await everyRow(), before)
  })

  test('leavers past their keeping time are anonymised, old records deleted, and the dashboards read the same', async ({
    client,
    assert,
  }) => {
    const { admin, lapsed, recent, inPost, oldEvent, keptEvent, oldLink, keptLink } =
      await leaversAndOldRecords()
    const figuresBefore = await dashboardFigures(client, admin)
    const userRow = (id: number) => db.from('users').where('id', id).firstOrFail()
    const leaverBefore = await userRow(lapsed.person.id)
    const recentBefore = await userRow(recent.person.id)
    const inPostBefore = await userRow(inPost.person.id)
    const waysInBefore = await waysInOf(recent.person.id)
    assert.deepEqual(waysInBefore, {
      two_step_verifications: 1,
      recovery_codes: 10,
      password_links: 1,
      auth_access_tokens: 1,
      user_identities: 1,
      exports: 1,
    })
    const enrolmentsBefore = await db.from('enrolments').orderBy('id')

    const outcome = await applyRetention()
    assert.deepEqual(
      outcome.leavers.map((leaver) => leaver.id),
      [lapsed.person.id]
    )

    // The leaver's name and address are replaced; what counts in the figures stays.
    const id = lapsed.person.id
    const leaverAfter = await userRow(id)
    assert.equal(leaverAfter.full_name, `Former employee ${id}`)
    assert.equal(leaverAfter.email, `former-${id}@anonymised.invalid`)
    assert.isNull(leaverAfter.password)
    assert.isNull(leaverAfter.last_signed_in_at)
    assert.isNotNull(leaverAfter.anonymised_at)
    for (const column of [
      'organisation_id',
      'team_id',
      'grade',
      'profession',
      'line_manager_id',
      'deactivated_at',
      'created_at',
    ]) {
      assert.deepEqual(leaverAfter[column], leaverBefore[column], column)
    }
    // Nobody else is touched.
    assert.deepEqual(await userRow(recent.person.id), recentBefore)
    assert.deepEqual(await userRow(inPost.person.id), inPostBefore)
    assert.deepEqual(await waysInOf(recent.person.id), waysInBefore)
    assert.deepEqual(await waysInOf(inPost.person.id), { ...waysInBefore, password_links: 2 })

    // Their ways in are deleted; their records stay without the free text about them.
    assert.deepEqual(await waysInOf(id), {
      two_step_verifications: 0,
      recovery_codes: 0,
      password_links: 0,
      auth_access_tokens: 0,
      user_identities: 0,
      exports: 0,
    })
    const enrolmentsAfter = await db.from('enrolments').orderBy('id')
    assert.deepEqual(
      enrolmentsAfter,
      enrolmentsBefore.map((row) =>
        row.id === lapsed.enrolment.id
          ? { ...row, request_note: null, decision_reason: null, cancellation_reason: null }
          : row
      )
    )
    const assessments = await db.from('skill_assessments').where('user_id', id).orderBy('id')
    assert.deepEqual(
      assessments.map((row) => [row.id, row.level, row.comment]),
      [
        [lapsed.ownAssessment.id, 2, null],
        [lapsed.validated.id, 3, null],
      ]
    )
    const kept = await db.from('skill_assessments').where('user_id', recent.person.id)
    assert.include(
      kept.map((row) => row.comment),
      'Strong work on the benefits service'
    )
    const valueOf = async (table: string, rowId: number, column: string) => {
      const row = await db.from(table).where('id', rowId).firstOrFail()
      return row[column]
    }
    assert.isNull(await valueOf('skill_claims', lapsed.claim.id, 'comment'))
    assert.isNull(await valueOf('development_plan_items', lapsed.planItem.id, 'notes'))
    assert.isNull(await valueOf('learning_records', lapsed.completion.id, 'evidence_url'))
    const entrant = await db.from('fast_stream_entrants').where('id', lapsed.entrant.id).first()
    assert.isNull(entrant.location_preferences)
    assert.equal(entrant.clearance, 'SC')
    const match = await db.from('placement_matches').where('id', lapsed.match.id).first()
    assert.isNull(match.adjusted_reason)
    assert.equal(match.choice, 1)
    assert.equal(
      await valueOf('placement_matches', recent.match.id, 'adjusted_reason'),
      'Moved at Rae Recent’s request'
    )

    // The trail about them no longer names them.
    const about = await AuditEvent.findOrFail(lapsed.about.id)
    assert.equal(about.subjectLabel, `former-${id}@anonymised.invalid`)
    assert.deepEqual(about.beforeValues, { fullName: `Former employee ${id}`, grade: 'EO' })
    assert.deepEqual(about.afterValues, { fullName: `Former employee ${id}`, grade: 'HEO' })
    assert.isNull(about.ip)
    assert.isNull(await valueOf('audit_events', lapsed.by.id, 'ip'))
    assert.equal(await valueOf('audit_events', recent.by.id, 'ip'), '192.0.2.11')

    // Old audit events and password links past their keeping time are deleted.
    assert.isNull(await AuditEvent.find(oldEvent.id))
    assert.isNotNull(await AuditEvent.find(keptEvent.id))
    assert.isNull(await db.from('password_links').where('id', oldLink).first())
    assert.isNotNull(await db.from('password_links').where('id', keptLink).first())

    // One summary event, without the personal data removed, and the reason for the anonymisation.
    const summary = await AuditEvent.query().where('action', 'retention_applied')
    assert.lengthOf(summary, 1)
    assert.isNull(summary[0].actorId)
    assert.deepInclude(summary[0].afterValues, {
      leaversAnonymised: 1,
      auditEventsDeleted: 1,
      passwordLinksDeleted: 1,
    })
    const anonymised = await AuditEvent.query().where({
      action: 'anonymise',
      subject_type: 'user',
      subject_id: String(id),
    })
    assert.lengthOf(anonymised, 1)
    assert.deepEqual(anonymised[0].afterValues, { reason: 'retention' })
    const trail = JSON.stringify(await db.from('audit_events'))
    assert.notInclude(trail, 'lee.leaver@example.gov.uk')
    assert.notInclude(trail, 'Lee Leaver')

    assert.deepEqual(await dashboardFigures(client, admin), figuresBefore)

    // A second run finds nothing to do, and writes nothing.
    const again = await applyRetention()
    assert.deepEqual(again.leavers, [])
    assert.equal(again.auditEventsDeleted + again.passwordLinksDeleted, 0)
    assert.lengthOf(await AuditEvent.query().where('action', 'retention_applied'), 1)
  })

  test('the command applies the keeping times, and the schedule runs it each night', async ({
    assert,
  }) => {
    const { lapsed } = await leaversAndOldRecords()
    const logs = await runCommand()
    assert.include(logs.join('\n'), 'Anonymised 1 leaver who left before')
    assert.include(logs.join('\n'), 'Deleted 1 audit event from before')
    const leaver = await db.from('users').where('id', lapsed.person.id).firstOrFail()
    assert.equal(leaver.full_name, `Former employee ${lapsed.person.id}`)

    assert.equal(retentionTask.name, 'retention:apply')
    assert.equal(retentionTask.cron, '15 3 * * *')
  })
})
