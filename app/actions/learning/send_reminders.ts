import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import CourseSession from '#models/course_session'
import { EnrolmentStatuses, SessionStatuses } from '#enums/learning'
import LearningReminder from '#mails/learning_reminder'

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
