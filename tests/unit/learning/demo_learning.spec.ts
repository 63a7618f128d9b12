import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DemoSeeder from '#database/seeders/demo_seeder'
import { readCourseSeed } from '#database/demo/learning'
import mail from '@adonisjs/mail/services/main'
import { ACTIVE_ENROLMENT_STATUSES, enrolmentStatusLabels } from '#enums/learning'
import { sendReminders } from '#actions/learning/send_reminders'
import LearningReminder from '#mails/learning_reminder'
import { rowCount } from '#tests/support/database'

const LEARNER_EMAIL = /^learner\d{2}@demo\.example$/

/* The course with this code, with its audiences by role profile name. */
async function courseWithAudiences(code: string) {
  const course = await db.from('courses').where('code', code).first()
  const audiences = await db
    .from('course_audiences')
    .join('role_profiles', 'role_profiles.id', 'course_audiences.role_profile_id')
    .where('course_audiences.course_id', course.id)
    .select('role_profiles.name', 'course_audiences.kind')
  return { course, audiences: new Map(audiences.map((row) => [row.name, row.kind])) }
}

test.group('Demo learning data', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('fills the catalogue and shows enrolments in every state', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')

    // The catalogue.
    const seeds = readCourseSeed()
    const courses = await db.from('courses').whereIn(
      'code',
      seeds.map((seed) => seed.code)
    )
    assert.isAtLeast(courses.length, 32)
    assert.lengthOf(courses, seeds.length)

    const serviceManager = await courseWithAudiences('GDS-SM01')
    assert.equal(serviceManager.course.title, 'Service Manager programme')
    assert.isTrue(Boolean(serviceManager.course.requires_approval))
    assert.equal(serviceManager.audiences.get('Service Manager'), 'mandatory')
    const masterclass = await courseWithAudiences('DLN-DL01')
    assert.equal(masterclass.course.title, "Digital Leaders' masterclass")
    assert.equal(masterclass.audiences.get('Digital Leader'), 'mandatory')

    const gds = await db
      .from('providers')
      .join('provider_admins', 'provider_admins.provider_id', 'providers.id')
      .join('users', 'users.id', 'provider_admins.user_id')
      .where('providers.name', 'GDS Academy')
      .select('users.email')
    assert.include(
      gds.map((row) => row.email),
      'courses@demo.example'
    )

    // Sessions: every published classroom course can be booked on a future date.
    const classroom = courses.filter(
      (course) => course.status === 'published' && course.mode === 'classroom'
    )
    const upcoming = await db
      .from('course_sessions')
      .whereIn(
        'course_id',
        classroom.map((course) => course.id)
      )
      .where('status', 'scheduled')
      .where('starts_at', '>', now)
      .select('course_id')
    const withUpcoming = new Set(upcoming.map((row) => Number(row.course_id)))
    for (const course of classroom) {
      assert.isTrue(withUpcoming.has(Number(course.id)), `${course.code} has an upcoming session`)
    }
    const cancelledSessions = await db
      .from('course_sessions')
      .where('status', 'cancelled')
      .where('starts_at', '>', now)
    assert.isAtLeast(cancelledSessions.length, 1)
    assert.isTrue(cancelledSessions.every((session) => session.cancellation_reason))

    // Seats and waiting lists follow the rules the actions keep.
    const sessions = await db.from('course_sessions').select('id', 'capacity')
    const enrolments = await db.from('enrolments')
    for (const session of sessions) {
      const mine = enrolments.filter((row) => row.session_id === session.id)
      const booked = mine.filter((row) => row.status === 'booked').length
      assert.isAtMost(booked, Number(session.capacity), `session ${session.id} is not overbooked`)
      const positions = mine
        .filter((row) => row.status === 'waitlisted')
        .map((row) => Number(row.waitlist_position))
        .sort((a, b) => a - b)
      assert.deepEqual(
        positions,
        positions.map((_, index) => index + 1),
        `session ${session.id} numbers its waiting list 1..n`
      )
    }
    const fullWithQueue = sessions.filter((session) => {
      const mine = enrolments.filter((row) => row.session_id === session.id)
      return (
        mine.filter((row) => row.status === 'booked').length === Number(session.capacity) &&
        mine.filter((row) => row.status === 'waitlisted').length === 4
      )
    })
    assert.isAtLeast(fullWithQueue.length, 1, 'a full session has a waiting list of four')

    // Every state, each with the fields its action writes.
    for (const status of Object.keys(enrolmentStatusLabels)) {
      assert.isTrue(
        enrolments.some((row) => row.status === status),
        `some enrolment is ${status}`
      )
    }
    for (const row of enrolments) {
      const active = ACTIVE_ENROLMENT_STATUSES.includes(row.status)
      assert.equal(row.active_session_id, active ? row.session_id : null, `enrolment ${row.id}`)
      assert.equal(row.waitlist_position !== null, row.status === 'waitlisted')
      if (['booked', 'attended', 'no_show', 'completed'].includes(row.status))
        assert.isNotNull(row.booked_at, `enrolment ${row.id} has booked_at`)
      if (row.status === 'cancelled') {
        assert.isNotNull(row.cancelled_at)
        assert.isNotNull(row.cancelled_by)
        assert.isNotEmpty(row.cancellation_reason)
      }
      if (row.status === 'declined') {
        assert.isNotNull(row.decided_by)
        assert.isNotEmpty(row.decision_reason)
      }
      if (row.status === 'requested') assert.isNull(row.decided_at)
    }
    assert.isTrue(
      enrolments.some(
        (row) =>
          row.status === 'cancelled' &&
          String(row.cancellation_reason).startsWith('Session cancelled:')
      ),
      'some enrolments were cancelled with their session'
    )
    assert.isTrue(
      enrolments.some((row) => row.status === 'cancelled' && row.cancelled_by === row.user_id),
      'some learners cancelled for themselves'
    )

    // Requests wait for line managers who can sign in as learnerNN.
    const requests = await db
      .from('enrolments')
      .join('users as learners', 'learners.id', 'enrolments.user_id')
      .join('users as managers', 'managers.id', 'learners.line_manager_id')
      .where('enrolments.status', 'requested')
      .select('learners.email as learner', 'managers.email as manager')
    assert.isTrue(requests.some((row) => LEARNER_EMAIL.test(row.manager)))
    const decisions = await db
      .from('enrolments')
      .join('users', 'users.id', 'enrolments.user_id')
      .whereNotNull('enrolments.decided_by')
      .select('enrolments.decided_by', 'users.line_manager_id')
    assert.isTrue(decisions.every((row) => row.decided_by === row.line_manager_id))

    // Completions wrote learning records (and skill claims); some learning was declared.
    const completed = enrolments.filter((row) => row.status === 'completed')
    const records = await db.from('learning_records')
    const recordByEnrolment = new Map(records.map((row) => [row.enrolment_id, row]))
    const sessionEnds = await db.from('course_sessions').select('id', 'ends_at')
    const endsOf = new Map(sessionEnds.map((row) => [row.id, row.ends_at]))
    const time = (value: unknown) =>
      value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(String(value))
    const isoDay = (value: unknown) =>
      value instanceof Date ? DateTime.fromJSDate(value).toISODate() : String(value).slice(0, 10)
    for (const row of completed) {
      const record = recordByEnrolment.get(row.id)
      assert.exists(record, `completed enrolment ${row.id} has a learning record`)
      assert.equal(record.source, 'enrolment')
      assert.equal(record.user_id, row.user_id)
      assert.equal(
        isoDay(record.completed_on),
        time(endsOf.get(row.session_id)).setZone('Europe/London').toISODate(),
        `completed enrolment ${row.id} is dated the day its session ended`
      )
    }
    assert.isTrue(records.some((row) => row.source === 'declared' && row.enrolment_id === null))
    const claims = await db.from('skill_claims').where('status', 'pending')
    assert.isAtLeast(claims.length, 1)
  }).timeout(60000)

  test('running the demo seeder twice adds nothing', async ({ assert }) => {
    await new DemoSeeder(db.connection()).run()
    const tables = [
      'providers',
      'provider_admins',
      'courses',
      'course_outcomes',
      'course_audiences',
      'course_sessions',
      'enrolments',
      'learning_records',
      'skill_claims',
      'audit_events',
    ]
    const counts = await Promise.all(tables.map(rowCount))
    assert.isAtLeast(counts[tables.indexOf('enrolments')], 1)

    await new DemoSeeder(db.connection()).run()
    assert.deepEqual(await Promise.all(tables.map(rowCount)), counts)
  }).timeout(60000)

  test('people are booked on sessions starting in the next two days, so the reminder job e-mails them', async ({
    assert,
    cleanup,
  }) => {
    await new DemoSeeder(db.connection()).run()
    const now = DateTime.utc()
    const soon = await db
      .from('course_sessions as s')
      .join('enrolments as e', 'e.session_id', 's.id')
      .join('users as u', 'u.id', 'e.user_id')
      .where('s.status', 'scheduled')
      .whereNull('s.reminder_sent_at')
      .where('e.status', 'booked')
      .where('s.starts_at', '>', now.toFormat('yyyy-MM-dd HH:mm:ss'))
      .where('s.starts_at', '<=', now.plus({ hours: 48 }).toFormat('yyyy-MM-dd HH:mm:ss'))
      .select('s.id', 'u.email')
    assert.isAtLeast(new Set(soon.map((row) => row.id)).size, 2, 'two sessions start soon')
    assert.includeMembers(
      soon.map((row) => row.email),
      ['learner02@demo.example', 'learner06@demo.example'],
      'named learners can see a session starting tomorrow'
    )

    const fake = mail.fake()
    cleanup(() => mail.restore())
    const result = await sendReminders({ hours: 48 })
    assert.isAtLeast(result.sessions, 2)
    assert.equal(result.sent, soon.length, 'everyone booked is reminded')
    assert.equal(result.failed, 0)
    fake.mails.assertSent(LearningReminder, (reminder) =>
      reminder.message.hasTo('learner02@demo.example')
    )
  }).timeout(60000)
})
