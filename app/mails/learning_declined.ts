import type User from '#models/user'
import { LearningMail, courseOn, courseLink } from '#mails/learning_mail'
import type { LearningMailContext } from '#mails/learning_mail'

/* To the learner: their line manager declined the request, with a reason. */
export default class LearningDeclined extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly decider: User | null = null
  ) {
    super(context)
  }

  subjectLine() {
    return `Request declined: ${courseOn(this.context)}`
  }

  content() {
    const { course, enrolment } = this.context
    const who = this.decider ? `Your line manager, ${this.decider.fullName},` : 'Your line manager'
    return {
      heading: 'Your request was declined',
      paragraphs: [
        `${who} declined your request for a place on ${course.title}.`,
        'You can talk to them about it, or ask for a place on another session.',
      ],
      note: enrolment.decisionReason
        ? { heading: 'Reason given', text: enrolment.decisionReason }
        : null,
      action: courseLink(course),
    }
  }
}
