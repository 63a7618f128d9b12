import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { attendanceValidator, cancellationValidator, UK_ZONE } from '#validators/learning_admin'
import { recordAttendance, type AttendanceMark } from '#actions/learning/record_attendance'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { sessionRoster } from '#queries/learning/roster_query'
import {
  backWithErrors,
  managedEnrolment,
  managedSession,
} from '#controllers/learning/admin/managed_records'
import type { EnrolmentStatus } from '#enums/learning'

const MARKED: Record<AttendanceMark, string> = {
  attended: 'as attended',
  no_show: 'as a no-show',
  completed: 'as completed: the course is now on their learning record',
}

const MARK_NAMES: Record<AttendanceMark, string> = {
  attended: 'attended',
  no_show: 'a no-show',
  completed: 'completed',
}

/* "Sam is …, so cannot be marked attended." */
const IS: Record<EnrolmentStatus, string> = {
  requested: 'awaiting approval',
  booked: 'booked',
  waitlisted: 'on the waiting list',
  attended: 'marked as attended',
  no_show: 'marked as a no-show',
  completed: 'marked as completed',
  declined: 'declined',
  cancelled: 'cancelled',
}

const rosterOf = (sessionId: number) => `/learning/admin/sessions/${sessionId}`

/*
 * A session's roster: everyone on it by status, where course admins mark
 * attendance and completion (through recordAttendance) and cancel a
 * booking at any time (through cancelEnrolment, as an admin).
 */
export default class RostersController {
  async show({ bouncer, params, view }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    const groups = await sessionRoster(courseSession.id)
    return view.render('pages/learning/admin/sessions/roster', {
      course: courseSession.course,
      courseSession,
      groups,
      started: courseSession.startsAt.toMillis() <= Date.now(),
      zone: UK_ZONE,
    })
  }

  /* Everyone on the session as CSV, for a course admin of its course. */
  async csv(ctx: HttpContext) {
    const courseSession = await managedSession(ctx.bouncer, ctx.params.id)
    return exportList(ctx, 'roster', { sessionId: String(courseSession.id) })
  }

  async attendance({ bouncer, params, request, response, session }: HttpContext) {
    const enrolment = await managedEnrolment(bouncer, params.id)
    const { mark } = await request.validateUsing(attendanceValidator)
    const result = await recordAttendance(enrolment.id, mark)
    const name = enrolment.user.fullName
    switch (result.type) {
      case 'marked':
        session.flash('success', `${name} marked ${MARKED[mark]}`)
        break
      case 'session_cancelled':
        session.flash('error', 'This session was cancelled, so attendance cannot be marked')
        break
      case 'not_started': {
        const starts = enrolment.session.startsAt.setZone(UK_ZONE)
        session.flash(
          'error',
          `Attendance can be marked once the session starts, on ${starts.toFormat("d LLL yyyy 'at' HH:mm")}`
        )
        break
      }
      case 'not_allowed':
        session.flash(
          'error',
          `${name} is ${IS[result.enrolment.status]}, so cannot be marked ${MARK_NAMES[mark]}`
        )
        break
      case 'not_found':
        session.flash('error', 'That booking no longer exists')
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toPath(rosterOf(enrolment.sessionId))
  }

  async confirmCancel({ bouncer, params, view }: HttpContext) {
    const enrolment = await managedEnrolment(bouncer, params.id)
    return view.render('pages/learning/admin/sessions/cancel_enrolment', {
      enrolment,
      course: enrolment.session.course,
      courseSession: enrolment.session,
      status: IS[enrolment.status],
      zone: UK_ZONE,
    })
  }

  async cancel({ auth, bouncer, params, request, response, session }: HttpContext) {
    const enrolment = await managedEnrolment(bouncer, params.id)
    const { reason } = await request.validateUsing(cancellationValidator)
    const result = await cancelEnrolment(auth.getUserOrFail(), enrolment.id, {
      reason,
      asAdmin: true,
    })
    const name = enrolment.user.fullName
    switch (result.type) {
      case 'cancelled': {
        const promoted = result.promoted.length
          ? ': the first person on the waiting list now has the place'
          : ''
        session.flash('success', `Booking cancelled for ${name}${promoted}`)
        break
      }
      case 'not_cancellable':
      case 'booking_closed':
        session.flash(
          'error',
          `${name} is ${IS[result.enrolment.status]}, so the booking cannot be cancelled`
        )
        break
      case 'reason_needed':
        return backWithErrors({ response, session }, { reason: 'Enter the reason for cancelling' })
      case 'not_found':
        session.flash('error', 'That booking no longer exists')
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toPath(rosterOf(enrolment.sessionId))
  }
}
