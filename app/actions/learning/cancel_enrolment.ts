import Enrolment from '#models/enrolment'
import type User from '#models/user'
import { EnrolmentStatuses } from '#enums/learning'
import { canMove, learnerMayCancel } from '#domain/learning/enrolment_rules'
import {
  announceAfterCommit,
  closeWaitlistGap,
  lockSession,
  markCancelled,
  promoteFromWaitlist,
  seatTransaction,
  sessionIdOf,
} from '#actions/learning/seat_allocation'

export type CancelResult =
  | { type: 'cancelled'; enrolment: Enrolment; promoted: number[] }
  | { type: 'not_found' }
  | { type: 'not_cancellable'; enrolment: Enrolment }
  | { type: 'booking_closed'; enrolment: Enrolment }
  | { type: 'reason_needed' }

/*
 * Cancels an enrolment with a reason. The learner may give up a seat until
 * booking closes, and a request or waiting-list place until the session
 * starts; a course admin (asAdmin) at any time. Callers acting as admin must
 * have checked that the admin manages the session's course. A freed seat goes to the
 * first person on the waiting list, and the list closes up. When the learner
 * gives up their own seat or waiting-list place, the course's admins are told.
 */
export async function cancelEnrolment(
  actor: User,
  enrolmentId: number,
  options: { reason: string | null | undefined; asAdmin?: boolean; now?: Date }
): Promise<CancelResult> {
  const reason = options.reason?.trim()
  const now = options.now ?? new Date()
  const sessionId = await sessionIdOf(enrolmentId)
  if (!sessionId) return { type: 'not_found' }
  return seatTransaction(async (trx): Promise<CancelResult> => {
    const session = (await lockSession(trx, sessionId))!
    const enrolment = await Enrolment.query({ client: trx }).where('id', enrolmentId).firstOrFail()
    if (!options.asAdmin && enrolment.userId !== actor.id) return { type: 'not_found' }
    if (!reason) return { type: 'reason_needed' }
    if (!canMove(enrolment.status, EnrolmentStatuses.Cancelled))
      return { type: 'not_cancellable', enrolment }
    if (!options.asAdmin && !learnerMayCancel(enrolment.status, session.facts, now)) {
      return { type: 'booking_closed', enrolment }
    }

    const previous = enrolment.status
    const position = enrolment.waitlistPosition
    await markCancelled(trx, enrolment, actor.id, reason, now)
    if (previous === EnrolmentStatuses.Waitlisted && position)
      await closeWaitlistGap(trx, session.id, position)

    const promoted =
      previous === EnrolmentStatuses.Booked &&
      session.status === 'scheduled' &&
      session.startsAt.toJSDate() > now
        ? await promoteFromWaitlist(trx, session)
        : []
    // A learner giving up their own seat or waiting-list place is news for the course's admins.
    const withdrawn =
      !options.asAdmin &&
      (previous === EnrolmentStatuses.Booked || previous === EnrolmentStatuses.Waitlisted)
    if (withdrawn) {
      announceAfterCommit(trx, enrolment.id, ['cancelled', 'withdrawn'], { seatGivenTo: promoted })
    } else {
      announceAfterCommit(trx, enrolment.id, ['cancelled'])
    }
    for (const id of promoted) announceAfterCommit(trx, id, ['promoted'])
    return { type: 'cancelled', enrolment, promoted }
  })
}
