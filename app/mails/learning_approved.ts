import type User from '#models/user'
import {
  LearningMail,
  courseOn,
  myLearningLink,
  type LearningMailContext,
} from '#mails/learning_mail'

/*
 * To the learner: their line manager approved the request, which took a
 * seat (the invitation is attached) or a waiting-list place. One e-mail
 * for both, rather than an approval and then a booking.
 */
export default class LearningApproved extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly placed: 'booked' | 'waitlisted',
    readonly decider: User | null = null
  ) {
    super(context)
  }

  invite() {
    return this.placed === 'booked' ? ('publish' as const) : null
  }

  subjectLine() {
    return this.placed === 'booked'
      ? `Request approved: you are booked on ${courseOn(this.context)}`
      : `Request approved: you are on the waiting list for ${courseOn(this.context)}`
  }

  content() {
    const { course, enrolment } = this.context
    const who = this.decider ? `Your line manager, ${this.decider.fullName},` : 'Your line manager'
    const position = enrolment.waitlistPosition
    return {
      heading: 'Your request is approved',
      paragraphs: [
        `${who} approved your request for a place on ${course.title}.`,
        this.placed === 'booked'
          ? 'You are booked. The calendar invitation is attached: open it to add the session to your calendar.'
          : `The session is full, so you are ${position ? `number ${position} ` : ''}on the waiting list. We will e-mail you if a place comes up.`,
      ],
      action: myLearningLink(),
    }
  }
}
