import { DateTime } from 'luxon'
import Course from '#models/course'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import { SelfPacedStatuses } from '#enums/learning'
import { validCompletion } from '#queries/learning/self_paced_query'
import { orOnDuplicate } from '#services/database_errors'

export type StartSelfPacedResult =
  | { type: 'started'; enrolment: SelfPacedEnrolment }
  | { type: 'already_in_progress'; enrolment: SelfPacedEnrolment }
  /* A completion of the course that still counts; validUntil is null when it never expires. */
  | { type: 'already_completed'; completedOn: string; validUntil: string | null }
  /* No such course, or not published. */
  | { type: 'course_not_found' }
  /* The course runs in scheduled sessions: book a session instead. */
  | { type: 'not_self_paced' }
  /* The course needs a line manager's approval: only a nomination starts it. */
  | { type: 'approval_required' }

export type StartSelfPacedOptions = {
  /* The user id of the line manager or HR who enrols the learner; their nomination counts as approval. */
  nominatedBy?: number | null
  now?: Date
}

/*
 * A learner starts a self-paced course, or is enrolled on it by someone
 * else (nominatedBy): a published self-paced course, not already under
 * way for them, nor completed by them with a completion that still counts.
 * A course that needs approval is started only by a nomination (ADR 18).
 * Two starts at the same moment give one enrolment (the unique run index).
 */
export async function startSelfPaced(
  learner: { id: number },
  courseId: number,
  options: StartSelfPacedOptions = {}
): Promise<StartSelfPacedResult> {
  const now = options.now ?? new Date()
  const course = await Course.find(courseId)
  if (!course || course.status !== 'published') return { type: 'course_not_found' }
  if (course.delivery !== 'self_paced') return { type: 'not_self_paced' }

  const running = await inProgress(learner.id, course.id)
  if (running) return { type: 'already_in_progress', enrolment: running }

  const completion = await validCompletion(learner.id, course, now)
  if (completion) return { type: 'already_completed', ...completion }
  if (course.requiresApproval && !options.nominatedBy) return { type: 'approval_required' }

  const started = await orOnDuplicate(
    () =>
      SelfPacedEnrolment.create({
        userId: learner.id,
        courseId: course.id,
        status: SelfPacedStatuses.InProgress,
        activeCourseId: course.id,
        startedAt: DateTime.fromJSDate(now),
        completedAt: null,
        nominatedBy: options.nominatedBy ?? null,
      }),
    null
  )
  if (started) return { type: 'started', enrolment: started }
  return { type: 'already_in_progress', enrolment: (await inProgress(learner.id, course.id))! }
}

function inProgress(userId: number, courseId: number) {
  return SelfPacedEnrolment.query()
    .where('user_id', userId)
    .where('active_course_id', courseId)
    .first()
}
