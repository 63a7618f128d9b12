import { DateTime } from 'luxon'
import type Enrolment from '#models/enrolment'
import type User from '#models/user'
import type { EnrolmentStatus } from '#enums/learning'
import type { AttendanceMark } from '#actions/learning/record_attendance'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import { defaultCompletionDate, type CompletionDateRefusal } from '#domain/learning/enrolment_rules'

/*
 * The words of a session's roster: what marking attendance and cancelling
 * a place tell the course admin, and the completion date the form offers.
 */

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
export const ENROLMENT_IS: Record<EnrolmentStatus, string> = {
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

export function cancelWords(status: EnrolmentStatus, name: string) {
  const words = CANCEL_WORDS[status] ?? CANCEL_WORDS.booked!
  return Object.fromEntries(
    Object.entries(words).map(([key, text]) => [key, text.replace('{name}', name)])
  ) as typeof words
}

/* The roster's cancel link for each status that can be cancelled. */
export function cancelLinks() {
  return Object.fromEntries(
    Object.entries(CANCEL_WORDS).map(([status, words]) => [status, words.link])
  )
}

/* "3 June 2026", from an ISO date. */
function dayText(isoDate: string) {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat(UkFormats.longDate)
}

/* "Ada Lovelace, Ben Okri and Cal Evans". */
function names(list: string[]) {
  if (list.length <= 1) return list.join('')
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
}

export function markedMessage(name: string, mark: AttendanceMark) {
  return `${name} marked ${MARKED[mark]}`
}

export function notMarkableMessage(name: string, status: EnrolmentStatus, mark: AttendanceMark) {
  return `${name} is ${ENROLMENT_IS[status]}, so cannot be marked ${MARK_NAMES[mark]}`
}

export function notStartedMessage(startsAt: DateTime) {
  return `Attendance can be marked once the session starts, on ${startsAt.setZone(UK_ZONE).toFormat(UkFormats.dateTime)}`
}

/* Why a completion date was refused, under the date field. */
export function completionDateMessage(refusal: CompletionDateRefusal, sessionFirstDay: string) {
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

/* What marking the people ticked on the roster did: who was marked, and who could not be. */
export function recordedMessages(
  mark: AttendanceMark,
  marked: { enrolment: { user: Pick<User, 'fullName'> } }[],
  refused: (Pick<Enrolment, 'status'> & { user: Pick<User, 'fullName'> })[],
  completedOn: string
) {
  const done =
    mark === 'completed'
      ? `marked as completed on ${dayText(completedOn)}: the course is now on their learning record`
      : `marked ${MARKED[mark]}`
  const people = marked.length === 1 ? '1 person' : `${marked.length} people`
  const reasons = refused.map((enrolment) =>
    notMarkableMessage(enrolment.user.fullName, enrolment.status, mark)
  )
  return {
    success: marked.length
      ? `${people} ${done}: ${names(marked.map((entry) => entry.enrolment.user.fullName))}`
      : null,
    error: refused.length ? `Not changed: ${reasons.join('; ')}` : null,
  }
}

export function cancelledMessage(status: EnrolmentStatus, name: string, promoted: boolean) {
  const next = promoted ? ': the first person on the waiting list now has the place' : ''
  return `${cancelWords(status, name).done}${next}`
}

/* The completion date the roster's form starts with: the session's last day, or today while it runs. */
export function defaultCompletionParts(endsAt: DateTime) {
  const today = DateTime.now().setZone(UK_ZONE).toISODate()!
  const day = DateTime.fromISO(defaultCompletionDate(endsAt.setZone(UK_ZONE).toISODate()!, today))
  return { day: String(day.day), month: String(day.month), year: String(day.year) }
}
