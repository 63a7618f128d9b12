import { LearningMail, courseOn, myLearningLink } from '#mails/learning_mail'

/* To the learner: a place came up and they moved from the waiting list to a seat. */
export default class LearningPromoted extends LearningMail {
  invite() {
    return 'publish' as const
  }

  subjectLine() {
    return `A place came up: you are booked on ${courseOn(this.context)}`
  }

  content() {
    return {
      heading: 'A place came up: you are booked',
      paragraphs: [
        `Someone cancelled, so you have moved from the waiting list to a place on ${this.context.course.title}.`,
        'The calendar invitation is attached: open it to add the session to your calendar. If you can no longer go, please cancel so the next person can have the place.',
      ],
      action: myLearningLink(),
    }
  }
}
