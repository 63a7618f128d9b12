import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { attendanceValidator, cancellationValidator } from '#validators/learning_admin'
import { UK_ZONE } from '#domain/shared/uk_time'
import { recordAttendance, recordAttendanceForMany } from '#actions/learning/record_attendance'
import {
  SELECTABLE_GROUPS,
  completionDate,
  rosterAttendanceValidator,
  selectedEnrolmentIds,
} from '#validators/roster_attendance'
import { cancelEnrolment } from '#actions/learning/cancel_enrolment'
import { sessionRoster } from '#queries/learning/roster_query'
import { managedEnrolment, managedSession } from '#controllers/learning/admin/managed_records'
import {
  ENROLMENT_IS,
  cancelLinks,
  cancelWords,
  cancelledMessage,
  completionDateMessage,
  defaultCompletionParts,
  markedMessage,
  notMarkableMessage,
  notStartedMessage,
  recordedMessages,
} from '#services/roster_messages'

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
      cancelLinks: cancelLinks(),
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
        session.flash('success', markedMessage(name, mark))
        break
      case 'session_cancelled':
        session.flash('error', 'This session was cancelled, so attendance cannot be marked')
        break
      case 'not_started':
        session.flash('error', notStartedMessage(enrolment.session.startsAt))
        break
      case 'not_allowed':
        session.flash('error', notMarkableMessage(name, result.enrolment.status, mark))
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
        const { success, error } = recordedMessages(
          mark,
          result.marked,
          result.refused,
          result.completedOn
        )
        if (success) session.flash('success', success)
        if (error) session.flash('error', error)
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
      case 'not_started':
        session.flash('error', notStartedMessage(courseSession.startsAt))
        break
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
      status: ENROLMENT_IS[enrolment.status],
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
      case 'cancelled':
        session.flash(
          'success',
          cancelledMessage(enrolment.status, name, result.promoted.length > 0)
        )
        break
      case 'not_cancellable':
      case 'booking_closed':
        session.flash(
          'error',
          `${name} is ${ENROLMENT_IS[result.enrolment.status]}, so the booking cannot be cancelled`
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
