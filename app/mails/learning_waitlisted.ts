import { LearningMail, courseOn, myLearningLink } from '#mails/learning_mail'

/* To the learner: the session is full; they are on the waiting list, at this position. */
export default class LearningWaitlisted extends LearningMail {
  subjectLine() {
    const position = this.context.enrolment.waitlistPosition
    return position
      ? `You are number ${position} on the waiting list for ${courseOn(this.context)}`
      : `You are on the waiting list for ${courseOn(this.context)}`
  }

  content() {
    const position = this.context.enrolment.waitlistPosition
    return {
      heading: 'You are on the waiting list',
      paragraphs: [
        `The session of ${this.context.course.title} is full, so you are on the waiting list${position ? `, at number ${position}` : ''}.`,
        'If a place comes up, you will be booked on it and we will e-mail you. You do not need to do anything.',
      ],
      details: position ? [{ term: 'Waiting list position', value: String(position) }] : [],
      action: myLearningLink(),
    }
  }
}
