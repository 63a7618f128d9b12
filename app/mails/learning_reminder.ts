import { LearningMail, myLearningLink, shortDate, ukTime } from '#mails/learning_mail'

/* To a booked learner, shortly before the session. */
export default class LearningReminder extends LearningMail {
  subjectLine() {
    const { course, session } = this.context
    return `Reminder: ${course.title} on ${shortDate(session.startsAt)} at ${ukTime(session.startsAt)}`
  }

  content() {
    const { course, session } = this.context
    return {
      heading: `${course.title} is coming up`,
      paragraphs: [
        `This is a reminder that you are booked on ${course.title}.`,
        session.onlineUrl && !session.venue && !session.location
          ? 'The session is online: the joining link is below.'
          : 'Please arrive a few minutes early.',
        'If you can no longer go, cancel your place or tell the course team as soon as you can, so someone else can have it.',
      ],
      action: myLearningLink(),
    }
  }
}
