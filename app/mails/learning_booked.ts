import { LearningMail, courseOn, myLearningLink, ukDate, ukTime } from '#mails/learning_mail'

/* To the learner: they have a seat; the calendar invitation is attached. */
export default class LearningBooked extends LearningMail {
  invite() {
    return 'publish' as const
  }

  subjectLine() {
    return `You are booked on ${courseOn(this.context)}`
  }

  content() {
    const { course, session } = this.context
    const closes = session.bookingClosesAt
    return {
      heading: `You are booked on ${course.title}`,
      paragraphs: [
        'Your place is confirmed. The calendar invitation is attached: open it to add the session to your calendar.',
        `If you can no longer go, cancel your place before booking closes on ${ukDate(closes)} at ${ukTime(closes)}, so someone else can have it.`,
      ],
      action: myLearningLink(),
    }
  }
}
