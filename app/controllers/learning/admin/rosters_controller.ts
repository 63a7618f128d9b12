import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { exportList } from '#services/exports'
import { attendanceValidator, cancellationValidator } from '#validators/learning_admin'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import {
  recordAttendance,
  recordAttendanceForMany,
  type AttendanceMark,
} from '#actions/learning/record_attendance'
import {
  SELECTABLE_GROUPS,
  completionDate,
  rosterAttendanceValidator,
  selectedEnrolmentIds,
} from '#validators/roster_attendance'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { sessionRoster } from '#queries/learning/roster_query'
import { managedEnrolment, managedSession } from '#controllers/learning/admin/managed_records'
import type { EnrolmentStatus } from '#enums/learning'
import { defaultCompletionDate, type CompletionDateRefusal } from '#domain/learning/enrolment_rules'

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

/* What cancelling gives up, in the words of the roster's link, the confirmation page and its message. */
const CANCEL_WORDS: Partial<
  Record<
    EnrolmentStatus,
    { link: string; title: string; button: string; keep: string; done: string }
  >
> = {
  booked: {
    link: 'Cancel booking',
    title: 'Cancel {name}’s booking',
    button: 'Cancel the booking',
    keep: 'Keep the booking',
    done: 'Booking cancelled for {name}',
  },
  waitlisted: {
    link: 'Remove from the waiting list',
    title: 'Remove {name} from the waiting list',
    button: 'Remove from the waiting list',
    keep: 'Keep their place on the waiting list',
    done: '{name} removed from the waiting list',
  },
  requested: {
    link: 'Cancel request',
    title: 'Cancel {name}’s request',
    button: 'Cancel the request',
    keep: 'Keep the request',
    done: 'Request cancelled for {name}',
  },
}

function cancelWords(status: EnrolmentStatus, name: string) {
  const words = CANCEL_WORDS[status] ?? CANCEL_WORDS.booked!
  return Object.fromEntries(
    Object.entries(words).map(([key, text]) => [key, text.replace('{name}', name)])
  ) as typeof words
}

/* "3 June 2026", from an ISO date. */
function dayText(isoDate: string) {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat(UkFormats.longDate)
}

/* Why a completion date was refused, under the date field. */
function completionDateMessage(refusal: CompletionDateRefusal, sessionFirstDay: string) {
  switch (refusal) {
    case 'completion_before_start':
      return `The completion date must be on or after the day the session started, ${dayText(sessionFirstDay)}`
    case 'completion_in_future':
      return 'The completion date must be today or in the past'
    default: {
      const unreachable: never = refusal
      return unreachable
    }
  }
}

/* "Ada Lovelace, Ben Okri and Cal Evans". */
function names(list: string[]) {
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
}

/* The completion date the roster's form starts with: the session's last day, or today while it runs. */
function defaultCompletionParts(endsAt: DateTime) {
  const today = DateTime.now().setZone(UK_ZONE).toISODate()!
  const day = DateTime.fromISO(defaultCompletionDate(endsAt.setZone(UK_ZONE).toISODate()!, today))
  return { day: String(day.day), month: String(day.month), year: String(day.year) }
}

/*
 * A session's roster: everyone on it by status, where course admins mark
 * attendance and completion (through recordAttendance) and cancel a
 * booking at any time (through cancelEnrolment, as an admin).
 */
export default class RostersController {
  async show({ bouncer, params, view }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    const groups = await sessionRoster(courseSession.id)
    const started = courseSession.startsAt.toMillis() <= Date.now()
    const markable = started && courseSession.status !== 'cancelled'
    return view.render('pages/learning/admin/sessions/roster', {
      course: courseSession.course,
      courseSession,
      groups,
      started,
      // Groups whose people can be ticked and marked together, in roster order.
      selectable: markable
        ? groups
            .filter((group) => group.rows.length)
            .map((group) => group.status)
            .filter((status) => (SELECTABLE_GROUPS as readonly string[]).includes(status))
        : [],
      cancelLinks: Object.fromEntries(
        Object.entries(CANCEL_WORDS).map(([status, words]) => [status, words.link])
      ),
      completedOnDefault: defaultCompletionParts(courseSession.endsAt),
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
          `Attendance can be marked once the session starts, on ${starts.toFormat(UkFormats.dateTime)}`
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
      case 'completion_before_start':
      case 'completion_in_future':
        session.flash('error', completionDateMessage(result.type, result.sessionFirstDay))
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('learning.admin.roster.show', { id: enrolment.sessionId })
  }

  /* The same attendance for the people ticked on the roster, with a summary of what changed. */
  async attendanceForMany({
    backWithErrors,
    bouncer,
    params,
    request,
    response,
    session,
  }: HttpContext) {
    const courseSession = await managedSession(bouncer, params.id)
    const input = await request.validateUsing(rosterAttendanceValidator)
    const selected = selectedEnrolmentIds(input)
    if (!selected.length) {
      return backWithErrors({ enrolments: 'Select the people to record' })
    }
    const date = input.mark === 'completed' ? completionDate(input.completedOn) : { date: null }
    if ('error' in date) return backWithErrors({ completedOn: date.error })

    const mark = input.mark
    const result = await recordAttendanceForMany(courseSession.id, selected, mark, new Date(), {
      completedOn: date.date,
    })
    switch (result.type) {
      case 'recorded': {
        const marked = result.marked.map((entry) => entry.enrolment.user.fullName)
        if (marked.length) {
          const done =
            mark === 'completed'
              ? `marked as completed on ${dayText(result.completedOn)}: the course is now on their learning record`
              : `marked ${MARKED[mark]}`
          const people = marked.length === 1 ? '1 person' : `${marked.length} people`
          session.flash('success', `${people} ${done}: ${names(marked)}`)
        }
        if (result.refused.length) {
          const reasons = result.refused.map(
            (enrolment) =>
              `${enrolment.user.fullName} is ${IS[enrolment.status]}, so cannot be marked ${MARK_NAMES[mark]}`
          )
          session.flash('error', `Not changed: ${reasons.join('; ')}`)
        }
        break
      }
      case 'none_on_session':
        return backWithErrors({ enrolments: 'Select the people to record' })
      case 'completion_before_start':
      case 'completion_in_future':
        return backWithErrors({
          completedOn: completionDateMessage(result.type, result.sessionFirstDay),
        })
      case 'session_cancelled':
        session.flash('error', 'This session was cancelled, so attendance cannot be marked')
        break
      case 'not_started': {
        const starts = courseSession.startsAt.setZone(UK_ZONE)
        session.flash(
          'error',
          `Attendance can be marked once the session starts, on ${starts.toFormat(UkFormats.dateTime)}`
        )
        break
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('learning.admin.roster.show', { id: courseSession.id })
  }

  async confirmCancel({ bouncer, params, view }: HttpContext) {
    const enrolment = await managedEnrolment(bouncer, params.id)
    return view.render('pages/learning/admin/sessions/cancel_enrolment', {
      enrolment,
      course: enrolment.session.course,
      courseSession: enrolment.session,
      status: IS[enrolment.status],
      words: cancelWords(enrolment.status, enrolment.user.fullName),
      zone: UK_ZONE,
    })
  }

  async cancel({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
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
        session.flash('success', `${cancelWords(enrolment.status, name).done}${promoted}`)
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
        return backWithErrors({ reason: 'Enter the reason for cancelling' })
      case 'not_found':
        session.flash('error', 'That booking no longer exists')
        break
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
    return response.redirect().toRoute('learning.admin.roster.show', { id: enrolment.sessionId })
  }
}
