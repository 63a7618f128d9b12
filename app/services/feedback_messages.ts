import type { DateTime } from 'luxon'
import { UK_ZONE, UkFormats } from '#domain/shared/uk_time'
import type { FeedbackTarget } from '#actions/learning/give_course_feedback'

/*
 * What the feedback form and the API say about giving feedback, in the
 * same words.
 */

function ukDay(value: DateTime) {
  return value.setZone(UK_ZONE).toFormat(UkFormats.longDate)
}

export function feedbackGivenMessage(courseTitle: string) {
  return `Thank you for your feedback on ${courseTitle}`
}

export function alreadyGivenMessage(courseTitle: string, givenAt: DateTime | null) {
  const when = givenAt ? ` on ${ukDay(givenAt)}` : ''
  return `You gave feedback on ${courseTitle}${when}. Feedback is given once for each time you take a course`
}

/* Why this enrolment or run cannot be evaluated (yet). */
export function notAttendedMessage(kind: FeedbackTarget['kind'], status: string) {
  if (kind === 'self_paced') return 'You can give feedback once you have completed the course'
  if (status === 'no_show')
    return 'You did not attend this session, so you cannot give feedback on it'
  return 'You can give feedback once you have attended the session'
}
