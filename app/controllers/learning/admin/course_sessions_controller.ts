import type { HttpContext } from '@adonisjs/core/http'
import type CourseSession from '#models/course_session'
import type Course from '#models/course'
import {
  cancellationValidator,
  sessionFormFields,
  sessionFormValidator,
  sessionFromForm,
} from '#validators/learning_admin'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import {
  saveCourseSession,
  type SaveSessionResult,
  type SessionField,
} from '#actions/learning/save_course_session'
import { cancelSession } from '#actions/learning/cancel_session'
import { SESSION_CANCELLED, SESSION_ON_SELF_PACED } from '#services/course_admin_messages'
import { bookedCount } from '#queries/learning/admin_courses_query'
import { activeEnrolmentCount } from '#queries/learning/roster_query'
import {
  courseSection,
  managedCourse,
  managedSession,
} from '#controllers/learning/admin/managed_records'

const sessionsOf = (courseId: number) => courseSection(courseId, 'sessions')

/* "Mon 27 Apr 2026, 09:30", in UK time. */
const when = (session: CourseSession) =>
  session.startsAt.setZone(UK_ZONE).toFormat(UkFormats.sessionStart)

/* A session's times as the form shows them: UK dates and times. */
function formValues(session: CourseSession) {
  const uk = (value: CourseSession['startsAt']) => value.setZone(UK_ZONE)
  return {
    startDate: uk(session.startsAt).toISODate(),
    startTime: uk(session.startsAt).toFormat(UkFormats.time),
    endDate: uk(session.endsAt).toISODate(),
    endTime: uk(session.endsAt).toFormat(UkFormats.time),
    closesDate: uk(session.bookingClosesAt).toISODate(),
    closesTime: uk(session.bookingClosesAt).toFormat(UkFormats.time),
  }
}

/*
 * A course's sessions: added and changed with times in UK time, and
 * cancelled with a reason, which cancels every enrolment on the session
 * and tells each learner.
 */
export default class CourseSessionsController {
  async create({ bouncer, params, view }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    return view.render('pages/learning/admin/sessions/form', {
      course,
      courseSession: null,
      values: {},
      booked: 0,
    })
  }

  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const form = await request.validateUsing(sessionFormValidator)
    const result = await saveCourseSession(course, sessionFromForm(form))
    return this.respond(result, course, { backWithErrors, response, session }, 'Session added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    return view.render('pages/learning/admin/sessions/form', {
      course: courseSession.course,
      courseSession,
      values: formValues(courseSession),
      booked: await bookedCount(courseSession.id),
    })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    const form = await request.validateUsing(sessionFormValidator)
    const result = await saveCourseSession(
      courseSession.course,
      sessionFromForm(form),
      courseSession
    )
    return this.respond(
      result,
      courseSession.course,
      { backWithErrors, response, session },
      'Changes saved to the session'
    )
  }

  async confirmCancel({ bouncer, params, view }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    return view.render('pages/learning/admin/sessions/cancel', {
      course: courseSession.course,
      courseSession,
      toTell: await activeEnrolmentCount(courseSession.id),
    })
  }

  async cancel({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    const { reason } = await request.validateUsing(cancellationValidator)
    const result = await cancelSession(auth.getUserOrFail(), courseSession.id, reason)
    const back = sessionsOf(courseSession.courseId)
    switch (result.type) {
      case 'cancelled': {
        const told = result.enrolmentsCancelled
        session.flash(
          'success',
          `Session cancelled: ${told} ${told === 1 ? 'person was' : 'people were'} told`
        )
        return response.redirect().toPath(back)
      }
      case 'already_cancelled':
        session.flash('error', `The session on ${when(courseSession)} was already cancelled`)
        return response.redirect().toPath(back)
      case 'already_started':
        session.flash(
          'error',
          `The session on ${when(courseSession)} has already started, so it cannot be cancelled`
        )
        return response.redirect().toPath(back)
      case 'reason_needed':
        return backWithErrors({ reason: 'Enter the reason for cancelling' })
      case 'not_found':
        session.flash('error', 'That session no longer exists')
        return response.redirect().toPath(back)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private respond(
    result: SaveSessionResult,
    course: Course,
    {
      backWithErrors,
      response,
      session,
    }: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved': {
        const moved = result.promoted.length
        const promoted = moved
          ? `. ${moved} ${moved === 1 ? 'person' : 'people'} moved from the waiting list to a place`
          : ''
        const told = result.told
          ? `. ${result.told} ${result.told === 1 ? 'person is' : 'people are'} being told of the new time or place`
          : ''
        session.flash('success', `${message}: ${when(result.session)}${promoted}${told}`)
        return response.redirect().toPath(sessionsOf(course.id))
      }
      case 'invalid': {
        const errors: Record<string, string> = {}
        for (const [field, problem] of Object.entries(result.errors)) {
          errors[sessionFormFields[field as SessionField]] = problem.message
        }
        return backWithErrors(errors)
      }
      case 'session_cancelled':
        session.flash('error', SESSION_CANCELLED.page)
        return response.redirect().toPath(sessionsOf(course.id))
      case 'course_self_paced':
        session.flash('error', SESSION_ON_SELF_PACED.page)
        return response.redirect().toPath(courseSection(course.id, 'modules'))
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
