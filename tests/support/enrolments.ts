// The user factory first: it loads the models in an order their import cycle accepts.
import { createUser } from '#database/factories/user_factory'
import type User from '#models/user'
import type CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import type { EnrolmentStatus } from '#enums/learning'
import { enrol } from '#actions/learning/enrol'
import { OrganisationFactory } from '#database/factories/organisation_factory'
import { createEnrolment } from '#database/factories/learning_factory'

/*
 * Enrolments made the way the service makes them, through the enrol
 * action, for tests whose subject comes after a learner has enrolled.
 */

/* Enrols a learner on a session through the service; fails the test when it refuses. */
export async function enrolled(user: User, sessionId: number) {
  const result = await enrol(user, sessionId)
  if (!('enrolment' in result)) throw new Error(`Could not enrol: ${result.type}`)
  return result.enrolment as Enrolment
}

/* An enrolment's status as the database holds it now. */
export async function statusOf(enrolment: Enrolment) {
  const row = await Enrolment.findOrFail(enrolment.id)
  return row.status
}

/* Fills places on a session with enrolments of the given status, by learners of one new organisation. */
export async function fillPlaces(session: CourseSession, count: number, status: EnrolmentStatus) {
  const organisation = await OrganisationFactory.create()
  for (let i = 0; i < count; i++) {
    const learner = await createUser({ organisation })
    await createEnrolment(session, learner, {
      status,
      activeSessionId: ['booked', 'waitlisted', 'requested'].includes(status) ? session.id : null,
      waitlistPosition: status === 'waitlisted' ? i + 1 : null,
    })
  }
}
