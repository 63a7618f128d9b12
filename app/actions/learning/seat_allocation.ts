import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import { EnrolmentStatuses } from '#enums/learning'
import type { CourseSessionChanged, EnrolmentChange, EnrolmentChanged } from '#events/learning'

/*
 * The seat rules every enrolment change goes through. Each caller first
 * locks the session row (SELECT … FOR UPDATE on MySQL; SQLite has a single
 * writer), so counting seats and numbering the waiting list inside the
 * transaction is safe under concurrent requests: booked seats never exceed
 * capacity and waiting-list positions stay 1..n without gaps.
 */
/*
 * Runs seat work in a transaction whose FIRST statement must be
 * lockSession. On MySQL's REPEATABLE READ the snapshot for plain reads is
 * taken at the first plain read, so taking the lock first means every
 * count after it sees what the previous holder of the lock committed.
 */
export function seatTransaction<T>(
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return db.transaction(work)
}

/* The session an enrolment belongs to (it never changes), read before the seat transaction. */
export async function sessionIdOf(enrolmentId: number) {
  const row = await db.from('enrolments').where('id', enrolmentId).select('session_id').first()
  return row ? Number(row.session_id) : null
}

export async function lockSession(trx: TransactionClientContract, sessionId: number) {
  const query = CourseSession.query({ client: trx }).where('id', sessionId)
  if (trx.dialect.name !== 'better-sqlite3' && trx.dialect.name !== 'sqlite3') query.forUpdate()
  return query.first()
}

export async function bookedSeats(trx: TransactionClientContract, sessionId: number) {
  const [row] = await trx
    .from('enrolments')
    .where('session_id', sessionId)
    .where('status', EnrolmentStatuses.Booked)
    .count('* as total')
  return Number(row.total)
}

async function lastWaitlistPosition(trx: TransactionClientContract, sessionId: number) {
  const row = await trx
    .from('enrolments')
    .where('session_id', sessionId)
    .where('status', EnrolmentStatuses.Waitlisted)
    .max('waitlist_position as last')
    .first()
  return Number(row?.last ?? 0)
}

/* Gives the enrolment a seat if one is free, else the next place on the waiting list. */
export async function placeOrWaitlist(
  trx: TransactionClientContract,
  session: CourseSession,
  enrolment: Enrolment
) {
  enrolment.useTransaction(trx)
  if ((await bookedSeats(trx, session.id)) < session.capacity) {
    enrolment.merge({
      status: EnrolmentStatuses.Booked,
      waitlistPosition: null,
      bookedAt: DateTime.now(),
    })
  } else {
    enrolment.merge({
      status: EnrolmentStatuses.Waitlisted,
      waitlistPosition: (await lastWaitlistPosition(trx, session.id)) + 1,
    })
  }
  enrolment.activeSessionId = session.id
  await enrolment.save()
  return enrolment.status === EnrolmentStatuses.Booked
    ? ('booked' as const)
    : ('waitlisted' as const)
}

/* Cancels one enrolment, giving up its seat or waiting-list place (the caller closes gaps). */
export async function markCancelled(
  trx: TransactionClientContract,
  enrolment: Enrolment,
  actorId: number,
  reason: string,
  at = new Date()
) {
  enrolment.useTransaction(trx)
  enrolment.merge({
    status: EnrolmentStatuses.Cancelled,
    activeSessionId: null,
    waitlistPosition: null,
    cancelledBy: actorId,
    cancelledAt: DateTime.fromJSDate(at),
    cancellationReason: reason.slice(0, 500),
  })
  await enrolment.save()
}

/* Closes the gap a waiting-list place leaves behind it. */
export async function closeWaitlistGap(
  trx: TransactionClientContract,
  sessionId: number,
  position: number
) {
  await trx
    .from('enrolments')
    .where('session_id', sessionId)
    .where('status', EnrolmentStatuses.Waitlisted)
    .where('waitlist_position', '>', position)
    .decrement('waitlist_position', 1)
}

/*
 * Fills free seats from the front of the waiting list; returns the ids of
 * the enrolments promoted.
 */
export async function promoteFromWaitlist(trx: TransactionClientContract, session: CourseSession) {
  const promoted: number[] = []
  let free = session.capacity - (await bookedSeats(trx, session.id))
  while (free > 0) {
    const next = await Enrolment.query({ client: trx })
      .where('session_id', session.id)
      .where('status', EnrolmentStatuses.Waitlisted)
      .orderBy('waitlist_position', 'asc')
      .first()
    if (!next) break
    const position = next.waitlistPosition ?? 1
    next.merge({
      status: EnrolmentStatuses.Booked,
      waitlistPosition: null,
      bookedAt: DateTime.now(),
    })
    await next.save()
    await closeWaitlistGap(trx, session.id, position)
    promoted.push(next.id)
    free -= 1
  }
  return promoted
}

/* Tells the rest of the service what changed, once the transaction has committed. */
export function announceAfterCommit(
  trx: TransactionClientContract,
  enrolmentId: number,
  changes: EnrolmentChange[],
  details: Omit<EnrolmentChanged, 'enrolmentId' | 'changes'> = {}
) {
  trx.after('commit', () => {
    void emitter.emit('enrolment:changed', { enrolmentId, changes, ...details })
  })
}

/* Tells the rest of the service a session's time or place changed, once committed. */
export function announceSessionChangeAfterCommit(
  trx: TransactionClientContract,
  change: CourseSessionChanged
) {
  trx.after('commit', () => {
    void emitter.emit('course_session:changed', change)
  })
}
