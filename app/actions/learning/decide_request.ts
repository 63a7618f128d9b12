import { DateTime } from 'luxon'
import Enrolment from '#models/enrolment'
import type User from '#models/user'
import { EnrolmentStatuses } from '#enums/learning'
import { enrolRefusal, type EnrolRefusal } from '#domain/learning/enrolment_rules'
import {
  announceAfterCommit,
  lockSession,
  placeOrWaitlist,
  seatTransaction,
  sessionIdOf,
} from '#actions/learning/seat_allocation'

export type DecisionResult =
  | { type: 'approved'; placed: 'booked' | 'waitlisted'; enrolment: Enrolment }
  | { type: 'declined'; enrolment: Enrolment }
  | { type: 'not_found' }
  | { type: 'not_awaiting_decision'; enrolment: Enrolment }
  | { type: 'reason_needed' }
  | { type: EnrolRefusal }

/*
 * A line manager approves a direct report's request (which then takes a
 * seat or a waiting-list place) or declines it with a reason. Only the
 * learner's current line manager may decide: anyone else gets not_found.
 */
export async function decideRequest(
  manager: User,
  enrolmentId: number,
  decision: { approve: boolean; reason?: string | null },
  now = new Date()
): Promise<DecisionResult> {
  const sessionId = await sessionIdOf(enrolmentId)
  if (!sessionId) return { type: 'not_found' }
  return seatTransaction(async (trx): Promise<DecisionResult> => {
    const session = await lockSession(trx, sessionId)
    const enrolment = await Enrolment.query({ client: trx })
      .where('id', enrolmentId)
      .preload('user')
      .firstOrFail()
    if (enrolment.user.lineManagerId !== manager.id) return { type: 'not_found' }
    if (!decision.approve && !decision.reason?.trim()) return { type: 'reason_needed' }
    if (enrolment.status !== EnrolmentStatuses.Requested)
      return { type: 'not_awaiting_decision', enrolment }

    enrolment.useTransaction(trx)
    enrolment.merge({
      decidedBy: manager.id,
      decidedAt: DateTime.fromJSDate(now),
      decisionReason: decision.reason?.trim() || null,
    })
    if (!decision.approve) {
      enrolment.merge({ status: EnrolmentStatuses.Declined, activeSessionId: null })
      await enrolment.save()
      announceAfterCommit(trx, enrolment.id, ['declined'])
      return { type: 'declined', enrolment }
    }
    const refusal = enrolRefusal(session!.facts, now)
    if (refusal) return { type: refusal }
    const placed = await placeOrWaitlist(trx, session!, enrolment)
    announceAfterCommit(trx, enrolment.id, ['approved', placed])
    return { type: 'approved', placed, enrolment }
  })
}
