import type User from '#models/user'
import {
  LearningMail,
  courseOn,
  myLearningLink,
  ukDate,
  ukTime,
  type LearningMailContext,
} from '#mails/learning_mail'

/*
 * To the learner: their line manager or HR booked them on a session on
 * their behalf (a nomination), which took a seat (the invitation is
 * attached) or a waiting-list place. One e-mail, naming who booked them.
 */
export default class LearningNominated extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly placed: 'booked' | 'waitlisted',
    readonly nominator: User | null = null
  ) {
    super(context)
  }

  invite() {
    return this.placed === 'booked' ? ('publish' as const) : null
  }

  private who() {
    return this.nominator ? this.nominator.fullName : 'Your line manager or HR team'
  }

  subjectLine() {
    switch (this.placed) {
      case 'booked':
        return `${this.who()} has booked you on ${courseOn(this.context)}`
      case 'waitlisted':
        return `${this.who()} has put you on the waiting list for ${courseOn(this.context)}`
      default: {
        const unreachable: never = this.placed
        return unreachable
      }
    }
  }

  content() {
    const { course, enrolment, session } = this.context
    const position = enrolment.waitlistPosition
    const closes = session.bookingClosesAt
    const cancel = `If you cannot go, cancel your place before booking closes on ${ukDate(closes)} at ${ukTime(closes)}, so someone else can have it.`
    const opening = `${this.who()} has booked you on ${course.title}.`
    switch (this.placed) {
      case 'booked':
        return {
          heading: `You are booked on ${course.title}`,
          paragraphs: [
            `${opening} Your place is confirmed. The calendar invitation is attached: open it to add the session to your calendar.`,
            cancel,
          ],
          action: myLearningLink(),
        }
      case 'waitlisted':
        return {
          heading: 'You are on the waiting list',
          paragraphs: [
            `${opening} The session is full, so you are ${position ? `number ${position} ` : ''}on the waiting list.`,
            'If a place comes up, you will be booked on it and we will e-mail you. You do not need to do anything.',
          ],
          details: position ? [{ term: 'Waiting list position', value: String(position) }] : [],
          action: myLearningLink(),
        }
      default: {
        const unreachable: never = this.placed
        return unreachable
      }
    }
  }
}
