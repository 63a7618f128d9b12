import { DateTime } from 'luxon'
import Enrolment from '#models/enrolment'
import Course from '#models/course'
import type User from '#models/user'
import { EnrolmentStatuses } from '#enums/learning'
import {
  courseRefusal,
  enrolRefusal,
  type CourseHolding,
  type CourseRefusal,
  type EnrolRefusal,
} from '#domain/learning/enrolment_rules'
import { courseHolding } from '#queries/learning/course_holdings_query'
import {
  announceAfterCommit,
  lockSession,
  placeOrWaitlist,
  seatTransaction,
} from '#actions/learning/seat_allocation'
import { orOnDuplicate } from '#services/database_errors'
import type { EnrolmentChange } from '#events/learning'

export type EnrolResult =
  | { type: 'requested' | 'booked' | 'waitlisted'; enrolment: Enrolment }
  | { type: 'session_not_found' }
  | { type: EnrolRefusal }
  | { type: 'already_enrolled'; enrolment: Enrolment }
  | { type: CourseRefusal; holding: CourseHolding }
  | { type: 'no_line_manager' }

/*
 * Someone booking the learner on their behalf (a nomination): their line
 * manager or HR, whose say counts as approval (ADR 21).
 */
export type OnBehalfOf = { nominatorId: number }

/*
 * A learner asks for a place on a session: a request to their line manager
 * when the course needs approval, else a seat or a waiting-list place.
 * Refused for a course they have completed or already hold a place,
 * request or waiting-list place on, whichever session that is. A
 * nomination goes through the same rules and the same lock, on the
 * learner's behalf: the nominator's say counts as approval, so the place
 * is taken at once and the nominator recorded as having decided.
 */
export async function enrol(
  learner: User,
  sessionId: number,
  options: { note?: string | null; now?: Date; onBehalfOf?: OnBehalfOf } = {}
) {
  const now = options.now ?? new Date()
  const nomination = options.onBehalfOf ?? null
  const told = (change: 'booked' | 'waitlisted'): EnrolmentChange[] =>
    nomination ? ['nominated', change] : [change]
  const result = await orOnDuplicate(
    () =>
      seatTransaction(async (trx): Promise<EnrolResult> => {
        const session = await lockSession(trx, sessionId)
        if (!session) return { type: 'session_not_found' }
        const course = await Course.query({ client: trx })
          .where('id', session.courseId)
          .firstOrFail()
        if (course.status !== 'published') return { type: 'session_not_found' }
        const existing = await Enrolment.query({ client: trx })
          .where('active_session_id', session.id)
          .where('user_id', learner.id)
          .first()
        if (existing) return { type: 'already_enrolled', enrolment: existing }

        const holding = await courseHolding(learner.id, course.id, trx)
        const held = courseRefusal(holding)
        if (held) return { type: held, holding: holding! }

        const refusal = enrolRefusal(session.facts, now)
        if (refusal) return { type: refusal }

        const enrolment = new Enrolment()
        enrolment.useTransaction(trx)
        enrolment.merge({
          sessionId: session.id,
          userId: learner.id,
          nominatedBy: nomination?.nominatorId ?? null,
        })

        if (course.requiresApproval && nomination) {
          enrolment.merge({
            decidedBy: nomination.nominatorId,
            decidedAt: DateTime.fromJSDate(now),
          })
        } else if (course.requiresApproval) {
          const manager = learner.lineManagerId
            ? await trx
                .from('users')
                .where('id', learner.lineManagerId)
                .whereNull('deactivated_at')
                .first()
            : null
          if (!manager) return { type: 'no_line_manager' }
          enrolment.merge({
            status: EnrolmentStatuses.Requested,
            activeSessionId: session.id,
            requestNote: options.note?.trim() || null,
          })
          await enrolment.save()
          announceAfterCommit(trx, enrolment.id, ['requested'])
          return { type: 'requested', enrolment }
        }

        const placed = await placeOrWaitlist(trx, session, enrolment)
        announceAfterCommit(trx, enrolment.id, told(placed))
        return { type: placed, enrolment }
      }),
    null
  )
  if (result) return result
  const existing = await Enrolment.query()
    .where('active_session_id', sessionId)
    .where('user_id', learner.id)
    .firstOrFail()
  return { type: 'already_enrolled' as const, enrolment: existing }
}
