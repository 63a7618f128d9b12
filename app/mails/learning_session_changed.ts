import { DateTime } from 'luxon'
import { EnrolmentStatuses } from '#enums/learning'
import type { SessionArrangements } from '#domain/learning/session_arrangements'
import {
  LearningMail,
  myLearningLink,
  sessionPlace,
  sessionWhen,
  shortDate,
  type LearningMailContext,
  type MailChange,
} from '#mails/learning_mail'

/*
 * To each learner on a session whose time or place a course admin changed:
 * what it was and what it is now. Booked learners get the updated calendar
 * invitation, which replaces the entry the booking e-mail added; learners
 * with a request or a waiting-list place are reminded they have no seat yet.
 */
export default class LearningSessionChanged extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly before: SessionArrangements
  ) {
    super(context)
  }

  get isBooked() {
    return this.context.enrolment.status === EnrolmentStatuses.Booked
  }

  invite() {
    return this.isBooked ? ('publish' as const) : null
  }

  /* What differs between the arrangements before and the session as it is now. */
  changes(): MailChange[] {
    const { session } = this.context
    const was = {
      startsAt: DateTime.fromISO(this.before.startsAt),
      endsAt: DateTime.fromISO(this.before.endsAt),
    }
    const changes: MailChange[] = []
    const whenBefore = `${sessionWhen(was)} (UK time)`
    const whenNow = `${sessionWhen(session)} (UK time)`
    if (whenBefore !== whenNow) {
      changes.push({ term: 'Date and time', before: whenBefore, after: whenNow })
    }
    const placeBefore = sessionPlace(this.before)
    const placeNow = sessionPlace(session)
    if (placeBefore !== placeNow) {
      changes.push({ term: 'Place', before: placeBefore, after: placeNow })
    }
    const linkBefore = this.before.onlineUrl || 'None'
    const linkNow = session.onlineUrl || 'None'
    if (linkBefore !== linkNow) {
      changes.push({ term: 'Joining link', before: linkBefore, after: linkNow })
    }
    return changes
  }

  subjectLine() {
    // The date the learner knows the session by: the one it had before the change.
    const { course } = this.context
    return `Change to ${course.title} on ${shortDate(DateTime.fromISO(this.before.startsAt))}`
  }

  /* Where the learner stands on the session: a seat, a waiting-list place or a request. */
  standing(): string[] {
    const { course, enrolment } = this.context
    switch (enrolment.status) {
      case EnrolmentStatuses.Waitlisted: {
        const position = enrolment.waitlistPosition
        return [
          `The course team has changed the session of ${course.title} you are on the waiting list for.`,
          `You do not have a place on it yet: you are ${position ? `number ${position} ` : ''}on the waiting list. If a place comes up, you will be booked on it and we will e-mail you.`,
        ]
      }
      case EnrolmentStatuses.Requested:
        return [
          `The course team has changed the session of ${course.title} you have asked to go on.`,
          'You do not have a place on it yet: your request is waiting for your line manager’s approval.',
        ]
      default:
        return [
          `The course team has changed the session of ${course.title} you are booked on. Your place is still booked.`,
          'The updated calendar invitation is attached: open it to update the entry in your calendar.',
          'If you can no longer go, cancel your place or tell the course team as soon as you can, so someone else can have it.',
        ]
    }
  }

  content() {
    return {
      heading: `The session of ${this.context.course.title} has changed`,
      paragraphs: this.standing(),
      changes: this.changes(),
      action: myLearningLink(),
    }
  }
}
