import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import CourseFeedback from '#models/course_feedback'
import { SelfPacedStatuses } from '#enums/learning'
import { enrolmentMayGiveFeedback } from '#domain/learning/course_feedback'
import { isUniqueViolation } from '#services/database_errors'
import type { CourseFeedbackAnswers } from '#validators/course_feedback'

/* What the feedback is about: one of the learner's enrolments on a session, or one of their self-paced runs. */
export type FeedbackTarget = { kind: 'enrolment' | 'self_paced'; id: number }

export type GiveFeedbackResult =
  | { type: 'given'; feedback: CourseFeedback }
  /* Not the learner's own, or no such enrolment: answered as if it did not exist. */
  | { type: 'not_found' }
  /* The learner did not attend (a no-show, a booking, a cancellation) or has not completed the self-paced course. */
  | { type: 'not_attended'; status: string }
  | { type: 'already_given'; feedback: CourseFeedback }

/* The enrolment row, locked, with what the feedback keeps of it; only the learner's own. */
async function targetRow(trx: QueryClientContract, userId: number, target: FeedbackTarget) {
  if (target.kind === 'enrolment') {
    const row = await trx
      .from('enrolments')
      .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
      .where('enrolments.id', target.id)
      .where('enrolments.user_id', userId)
      .select('enrolments.status', 'course_sessions.course_id', 'course_sessions.id as session_id')
      .forUpdate()
      .first()
    if (!row) return null
    return {
      mayGive: enrolmentMayGiveFeedback(row.status),
      status: String(row.status),
      courseId: Number(row.course_id),
      sessionId: Number(row.session_id),
    }
  }
  const row = await trx
    .from('self_paced_enrolments')
    .where('id', target.id)
    .where('user_id', userId)
    .select('status', 'course_id')
    .forUpdate()
    .first()
  if (!row) return null
  return {
    mayGive: row.status === SelfPacedStatuses.Completed,
    status: String(row.status),
    courseId: Number(row.course_id),
    sessionId: null,
  }
}

function existing(target: FeedbackTarget, client?: QueryClientContract) {
  return CourseFeedback.query(client ? { client } : undefined)
    .where(target.kind === 'enrolment' ? 'enrolment_id' : 'self_paced_enrolment_id', target.id)
    .first()
}

/*
 * A learner gives their evaluation of a course they attended (an
 * enrolment attended or completed) or completed self-paced: once per
 * enrolment, audited. A no-show, a booking not yet attended or someone
 * else's enrolment cannot be evaluated; a second evaluation is refused
 * (the unique index settles two sent at the same moment).
 */
export async function giveCourseFeedback(
  userId: number,
  target: FeedbackTarget,
  answers: CourseFeedbackAnswers,
  now = DateTime.now()
): Promise<GiveFeedbackResult> {
  try {
    return await db.transaction(async (trx): Promise<GiveFeedbackResult> => {
      const row = await targetRow(trx, userId, target)
      if (!row) return { type: 'not_found' }
      if (!row.mayGive) return { type: 'not_attended', status: row.status }
      const given = await existing(target, trx)
      if (given) return { type: 'already_given', feedback: given }
      const feedback = await CourseFeedback.create(
        {
          userId,
          courseId: row.courseId,
          sessionId: row.sessionId,
          enrolmentId: target.kind === 'enrolment' ? target.id : null,
          selfPacedEnrolmentId: target.kind === 'self_paced' ? target.id : null,
          overallRating: answers.overallRating,
          relevanceRating: answers.relevanceRating,
          wouldRecommend: answers.wouldRecommend,
          comments: answers.comments?.trim() ? answers.comments.trim() : null,
          submittedAt: now,
        },
        { client: trx }
      )
      return { type: 'given', feedback }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return { type: 'already_given', feedback: (await existing(target))! }
  }
}
