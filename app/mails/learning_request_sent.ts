import type User from '#models/user'
import {
  LearningMail,
  courseOn,
  serviceUrl,
  ukDate,
  ukTime,
  type LearningMailContext,
} from '#mails/learning_mail'

/* To the line manager: a direct report asks for a place on a course that needs approval. */
export default class LearningRequestSent extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly manager: User
  ) {
    super(context)
  }

  recipient() {
    return this.manager
  }

  subjectLine() {
    return `Approval needed: ${this.context.learner.fullName} asks to go on ${courseOn(this.context)}`
  }

  content() {
    const { learner, session, enrolment } = this.context
    const closes = session.bookingClosesAt
    return {
      heading: `${learner.fullName} asks to go on ${this.context.course.title}`,
      paragraphs: [
        `${learner.fullName} has asked for a place on this course. It needs your approval as their line manager before they can be booked.`,
        `Please approve or decline the request before booking closes on ${ukDate(closes)} at ${ukTime(closes)}.`,
      ],
      details: [{ term: 'Learner', value: `${learner.fullName} (${learner.email})` }],
      note: enrolment.requestNote
        ? { heading: `${learner.fullName}’s note`, text: enrolment.requestNote }
        : null,
      action: {
        href: serviceUrl('/learning/approvals'),
        text: 'Approve or decline requests from your team',
      },
    }
  }
}
