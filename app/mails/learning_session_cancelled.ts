import { LearningMail, courseOn, courseLink } from '#mails/learning_mail'

/*
 * To each learner on a session the course admin cancelled, with the reason.
 * Those who were booked get the calendar cancellation, which removes the
 * entry; nobody else was sent an invitation.
 */
export default class LearningSessionCancelled extends LearningMail {
  invite() {
    return this.context.enrolment.bookedAt !== null ? ('cancel' as const) : null
  }

  subjectLine() {
    return `Session cancelled: ${courseOn(this.context)}`
  }

  content() {
    const { session, course } = this.context
    return {
      heading: `The session of ${course.title} is cancelled`,
      paragraphs: [
        'The course team has cancelled this session, so your place on it is cancelled too.',
        this.context.enrolment.bookedAt !== null
          ? 'The attached calendar update removes the session from your calendar.'
          : null,
        'You can book another session of the course if one suits you.',
      ].filter((line): line is string => line !== null),
      note: session.cancellationReason
        ? { heading: 'Reason given', text: session.cancellationReason }
        : null,
      action: courseLink(course),
    }
  }
}
