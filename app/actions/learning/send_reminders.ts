import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import CourseSession from '#models/course_session'
import { EnrolmentStatuses, SessionStatuses } from '#enums/learning'
import LearningReminder from '#mails/learning_reminder'
import RequiredLearningReminder from '#mails/required_learning_reminder'
import CourseRequirement from '#models/course_requirement'
import {
  compliancePeopleQuery,
  personStanding,
  ukToday,
  type LoadedRequirement,
} from '#queries/learning/required_learning_query'
import { keysetBatches, type KeyColumn } from '#services/csv_export'
import { reminderKind } from '#domain/learning/required_learning'
import { isoDateFromSql } from '#domain/shared/uk_time'

export type RemindersResult = { sessions: number; sent: number; failed: number }

/* In the form and zone Lucid writes timestamps in, so text order is time order. */
function sqlTimestamp(value: DateTime) {
  return value.toFormat('yyyy-MM-dd HH:mm:ss')
}

/*
 * Reminds each learner booked on a scheduled session that starts within the
 * next `hours` hours, once per session: the session's reminder_sent_at is
 * set afterwards, and sessions that have it are skipped, so running this
 * again (from cron, say hourly) sends nothing twice. A failed send is logged
 * and not retried; runs must not overlap.
 */
export async function sendReminders(options: { hours?: number; now?: Date } = {}) {
  const now = DateTime.fromJSDate(options.now ?? new Date())
  const until = now.plus({ hours: options.hours ?? 48 })

  const sessions = await CourseSession.query()
    .where('status', SessionStatuses.Scheduled)
    .whereNull('reminder_sent_at')
    .where('starts_at', '>', sqlTimestamp(now))
    .where('starts_at', '<=', sqlTimestamp(until))
    .preload('course')
    .preload('enrolments', (enrolments) =>
      enrolments.where('status', EnrolmentStatuses.Booked).preload('user')
    )

  const result: RemindersResult = { sessions: sessions.length, sent: 0, failed: 0 }
  for (const session of sessions) {
    for (const enrolment of session.enrolments) {
      if (!enrolment.user.isActive) continue
      const reminder = new LearningReminder({
        enrolment,
        learner: enrolment.user,
        session,
        course: session.course,
      })
      try {
        await mail.send(reminder)
        result.sent += 1
      } catch (error) {
        result.failed += 1
        logger.error(
          { err: error, enrolmentId: enrolment.id, sessionId: session.id },
          'Could not send a session reminder'
        )
      }
    }
  }

  if (sessions.length) {
    const stamp = sqlTimestamp(DateTime.now())
    await db
      .from('course_sessions')
      .whereIn(
        'id',
        sessions.map((session) => session.id)
      )
      .whereNull('reminder_sent_at')
      .update({ reminder_sent_at: stamp, updated_at: stamp })
  }
  return result
}

export type RequirementRemindersResult = { requirements: number; sent: number; failed: number }

/* People a batch of reminders reads at a time. */
const REMINDER_BATCH = 500

/*
 * Reminds people of the courses required of them: once from 30 days
 * before the due day, once on it and once after it (overdue, or expired
 * and due again). Each reminder sent is recorded with its requirement,
 * person, due day and kind, and one recorded is never sent again, so the
 * command can run daily (or more often) without repeating itself; a new
 * due day (a recurrence) starts afresh. A failed send is logged, not
 * recorded, and tried again on the next run.
 */
export async function sendRequirementReminders(options: { now?: Date } = {}) {
  const now = DateTime.fromJSDate(options.now ?? new Date())
  const today = ukToday(now)
  const requirements = (await CourseRequirement.query()
    .whereNull('withdrawn_at')
    .preload('course')) as LoadedRequirement[]
  const result: RequirementRemindersResult = {
    requirements: requirements.length,
    sent: 0,
    failed: 0,
  }
  for (const requirement of requirements) {
    const { query } = await compliancePeopleQuery(requirement, null, {}, today)
    query.whereIn('a.state', ['due', 'overdue', 'expired'])
    const keys: KeyColumn[] = [{ column: 'a.id', key: 'id', direction: 'asc' }]
    for await (const batch of keysetBatches<Record<string, any>>(
      () => query.clone(),
      keys,
      REMINDER_BATCH
    )) {
      const owed = batch
        .map((row) => ({ row, person: personStanding(requirement, row, today) }))
        .map((entry) => ({ ...entry, kind: reminderKind(entry.person.standing, today) }))
        .filter((entry) => entry.kind !== null)
      if (owed.length === 0) continue
      const sent = await db
        .from('course_requirement_reminders')
        .where('requirement_id', requirement.id)
        .whereIn(
          'user_id',
          owed.map((entry) => entry.person.id)
        )
        .select('user_id', 'due_on', 'kind')
      const done = new Set(
        sent.map((row) => `${row.user_id}|${isoDateFromSql(row.due_on)}|${row.kind}`)
      )
      for (const { person, kind } of owed) {
        const dueOn = person.standing.dueOn!
        if (done.has(`${person.id}|${dueOn}|${kind}`)) continue
        try {
          await mail.send(
            new RequiredLearningReminder({
              person: { email: person.email, name: person.fullName },
              course: { id: requirement.courseId, title: requirement.course.title },
              kind: kind!,
              dueOn,
              expired: person.standing.state === 'expired',
            })
          )
        } catch (error) {
          result.failed += 1
          logger.error(
            { err: error, requirementId: requirement.id, userId: person.id },
            'Could not send a required learning reminder'
          )
          continue
        }
        await db.table('course_requirement_reminders').insert({
          requirement_id: requirement.id,
          user_id: person.id,
          due_on: dueOn,
          kind,
          sent_at: sqlTimestamp(DateTime.now().toUTC()),
        })
        result.sent += 1
      }
    }
  }
  return result
}
