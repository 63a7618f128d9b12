import type User from '#models/user'
import Enrolment from '#models/enrolment'
import { enrol } from '#actions/learning/enrol'

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
