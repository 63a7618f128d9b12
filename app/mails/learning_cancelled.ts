import { LearningMail, courseOn, myLearningLink } from '#mails/learning_mail'

/*
 * To the learner: their request, waiting-list place or booking is cancelled,
 * by them or by a course admin, with the reason. A learner who was booked
 * also gets the calendar cancellation, which removes the entry.
 */
export default class LearningCancelled extends LearningMail {
  get wasBooked() {
    return this.context.enrolment.bookedAt !== null
  }

  invite() {
    return this.wasBooked ? ('cancel' as const) : null
  }

  subjectLine() {
    return `Cancelled: your place on ${courseOn(this.context)}`
  }

  content() {
    const { enrolment, learner, course } = this.context
    const byLearner = enrolment.cancelledBy === learner.id
    return {
      heading: 'Your place is cancelled',
      paragraphs: [
        byLearner
          ? `You cancelled your place on ${course.title}.`
          : `A course administrator cancelled your place on ${course.title}.`,
        this.wasBooked
          ? 'The attached calendar update removes the session from your calendar.'
          : null,
      ].filter((line): line is string => line !== null),
      note: enrolment.cancellationReason
        ? { heading: 'Reason given', text: enrolment.cancellationReason }
        : null,
      action: myLearningLink(),
    }
  }
}
