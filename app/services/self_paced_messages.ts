import { DateTime } from 'luxon'
import type { StartSelfPacedResult } from '#actions/learning/start_self_paced'
import { UkFormats } from '#domain/shared/uk_time'

/*
 * What a learner is told when starting a self-paced course is refused:
 * the same words on the page and in the API, with the API's status.
 */

/* "3 June 2026", from an ISO date. */
function dayText(isoDate: string) {
  return DateTime.fromISO(isoDate).setLocale('en-GB').toFormat(UkFormats.longDate)
}

type StartRefusal = Exclude<
  StartSelfPacedResult,
  { type: 'started' | 'already_in_progress' | 'course_not_found' }
>

/* Why the learner cannot start the course, in a sentence, and the API's status for it. */
export function startRefusal(
  result: StartRefusal,
  title: string
): { message: string; status: number } {
  switch (result.type) {
    case 'already_completed': {
      const until = result.validUntil ? `, and it counts until ${dayText(result.validUntil)}` : ''
      return {
        message: `You completed ${title} on ${dayText(result.completedOn)}${until}, so you do not need to take it again`,
        status: 409,
      }
    }
    case 'not_self_paced':
      return {
        message: `${title} runs in scheduled sessions: book a place on one of its sessions instead`,
        status: 409,
      }
    case 'approval_required':
      return {
        message: `${title} needs your line manager’s approval, so you cannot start it yourself. Ask your line manager to enrol you on it`,
        status: 403,
      }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* What the learner is told once they have started, or had already started, a course. */
export function startedMessage(type: 'started' | 'already_in_progress', title: string) {
  return type === 'started'
    ? `You have started ${title}. Work through its modules below`
    : `You have already started ${title}: carry on where you left off`
}

/* What the learner is told when a module they finished completed the course. */
export function courseCompletedMessage(title: string) {
  return `You have completed ${title}. It is on your learning record`
}
