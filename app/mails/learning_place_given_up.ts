import type User from '#models/user'
import { LearningMail, courseOn, serviceUrl, type LearningMailContext } from '#mails/learning_mail'

/*
 * To each person who administers the course: a learner cancelled their own
 * seat or waiting-list place, why, and whether the seat went to someone on
 * the waiting list, so the course team knows who is coming without
 * checking the roster.
 */
export default class LearningPlaceGivenUp extends LearningMail {
  constructor(
    context: LearningMailContext,
    readonly admin: User,
    /* The learners the freed seat went to, first on the waiting list. */
    readonly seatGivenTo: User[]
  ) {
    super(context)
  }

  recipient() {
    return this.admin
  }

  get wasBooked() {
    return this.context.enrolment.bookedAt !== null
  }

  subjectLine() {
    const { learner } = this.context
    return this.wasBooked
      ? `${learner.fullName} cancelled their place on ${courseOn(this.context)}`
      : `${learner.fullName} left the waiting list for ${courseOn(this.context)}`
  }

  /* What happened to the place: taken from the waiting list, free, or none freed. */
  outcome() {
    if (!this.wasBooked) {
      return 'They were on the waiting list, so no seat was freed. Everyone behind them on the list has moved up one place.'
    }
    if (!this.seatGivenTo.length) {
      return 'Nobody was on the waiting list, so the seat is free for someone else to book.'
    }
    const names = this.seatGivenTo.map((person) => person.fullName).join(' and ')
    return this.seatGivenTo.length === 1
      ? `The seat went to ${names}, who was first on the waiting list. They have been told.`
      : `The seats went to ${names}, who were first on the waiting list. They have been told.`
  }

  content() {
    const { learner, enrolment, course, session } = this.context
    return {
      heading: this.wasBooked
        ? `${learner.fullName} cancelled their place`
        : `${learner.fullName} left the waiting list`,
      paragraphs: [
        this.wasBooked
          ? `${learner.fullName} cancelled their place on ${course.title}.`
          : `${learner.fullName} gave up their place on the waiting list for ${course.title}.`,
        this.outcome(),
      ],
      details: [{ term: 'Learner', value: `${learner.fullName} (${learner.email})` }],
      note: enrolment.cancellationReason
        ? { heading: 'Reason given', text: enrolment.cancellationReason }
        : null,
      action: {
        href: serviceUrl(`/learning/admin/sessions/${session.id}`),
        text: 'See who is on this session',
      },
    }
  }
}
