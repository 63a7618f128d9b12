import { DateTime } from 'luxon'
import Enrolment from '#models/enrolment'
import type User from '#models/user'
import { ACTIVE_ENROLMENT_STATUSES, SessionStatuses } from '#enums/learning'
import {
  announceAfterCommit,
  lockSession,
  markCancelled,
  seatTransaction,
} from '#actions/learning/seat_allocation'

export type CancelSessionResult =
  | { type: 'cancelled'; enrolmentsCancelled: number }
  | { type: 'not_found' }
  | { type: 'already_cancelled' }
  | { type: 'already_started' }
  | { type: 'reason_needed' }

/*
 * A course admin cancels a session: every request, booking and waiting-list
 * place on it is cancelled too, and each learner is told.
 */
export async function cancelSession(
  actor: User,
  sessionId: number,
  reason: string | null | undefined
) {
  const text = reason?.trim()
  if (!text) return { type: 'reason_needed' } as const
  return seatTransaction(async (trx): Promise<CancelSessionResult> => {
    const session = await lockSession(trx, sessionId)
    if (!session) return { type: 'not_found' }
    if (session.status === SessionStatuses.Cancelled) return { type: 'already_cancelled' }
    if (session.startsAt <= DateTime.now()) return { type: 'already_started' }

    session.useTransaction(trx)
    session.merge({
      status: SessionStatuses.Cancelled,
      cancelledAt: DateTime.now(),
      cancellationReason: text.slice(0, 500),
    })
    await session.save()

    const active = await Enrolment.query({ client: trx })
      .where('session_id', session.id)
      .whereIn('status', ACTIVE_ENROLMENT_STATUSES)
    for (const enrolment of active) {
      await markCancelled(trx, enrolment, actor.id, `Session cancelled: ${text}`)
      announceAfterCommit(trx, enrolment.id, ['session_cancelled'])
    }
    return { type: 'cancelled', enrolmentsCancelled: active.length }
  })
}
