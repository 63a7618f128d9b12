import db from '@adonisjs/lucid/services/db'
import { type DateTime } from 'luxon'
import { canMove } from '#domain/learning/enrolment_rules'
import { UK_ZONE, instantFromSql } from '#domain/shared/uk_time'
import {
  ACTIVE_ENROLMENT_STATUSES,
  enrolmentStatusLabels,
  type EnrolmentStatus,
} from '#enums/learning'

/* The order the roster lists enrolments in, one group per status. */
export const ROSTER_ORDER: EnrolmentStatus[] = [
  'booked',
  'waitlisted',
  'requested',
  'attended',
  'no_show',
  'completed',
  'cancelled',
  'declined',
]

export type RosterRow = {
  id: number
  status: EnrolmentStatus
  waitlistPosition: number | null
  fullName: string
  email: string
  organisationName: string | null
  bookedAt: DateTime | null
  requestedAt: DateTime
  cancelledAt: DateTime | null
  cancellationReason: string | null
  /* What a course admin may do with the row next. */
  may: { attended: boolean; noShow: boolean; completed: boolean; cancel: boolean }
}

/* A timestamp column in UK time; null when there is none. */
function ukTime(value: unknown) {
  return instantFromSql(value)?.setZone(UK_ZONE) ?? null
}

/* The enrolments on a session, each with its learner and their organisation. */
export function sessionEnrolments(sessionId: number) {
  return db
    .from('enrolments')
    .join('users', 'users.id', 'enrolments.user_id')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .where('enrolments.session_id', sessionId)
}

/* What a roster shows of each enrolment on a session (sessionEnrolments). */
export const ROSTER_COLUMNS = [
  'enrolments.id',
  'enrolments.status',
  'enrolments.waitlist_position',
  'enrolments.booked_at',
  'enrolments.created_at',
  'enrolments.cancelled_at',
  'enrolments.cancellation_reason',
  'users.full_name',
  'users.email',
  'organisations.name as organisation_name',
]

/*
 * Everyone on a session, one query: grouped by status in roster order,
 * the waiting list in position order, everyone else by name.
 */
export async function sessionRoster(sessionId: number) {
  const order = ROSTER_ORDER.map((status, index) => `when '${status}' then ${index}`).join(' ')
  const rows = await sessionEnrolments(sessionId)
    .select(...ROSTER_COLUMNS)
    .orderByRaw(`case enrolments.status ${order} else ${ROSTER_ORDER.length} end`)
    .orderBy('enrolments.waitlist_position', 'asc')
    .orderBy('users.full_name', 'asc')
    .orderBy('enrolments.id', 'asc')

  const groups = new Map<EnrolmentStatus, RosterRow[]>(ROSTER_ORDER.map((status) => [status, []]))
  for (const row of rows) {
    const status = row.status as EnrolmentStatus
    groups.get(status)?.push({
      id: Number(row.id),
      status,
      waitlistPosition: row.waitlist_position === null ? null : Number(row.waitlist_position),
      fullName: row.full_name,
      email: row.email,
      organisationName: row.organisation_name ?? null,
      bookedAt: ukTime(row.booked_at),
      requestedAt: ukTime(row.created_at)!,
      cancelledAt: ukTime(row.cancelled_at),
      cancellationReason: row.cancellation_reason ?? null,
      may: {
        attended: canMove(status, 'attended'),
        noShow: canMove(status, 'no_show'),
        completed: canMove(status, 'completed'),
        cancel: canMove(status, 'cancelled'),
      },
    })
  }
  return ROSTER_ORDER.map((status) => ({
    status,
    label: enrolmentStatusLabels[status],
    rows: groups.get(status)!,
  }))
}

/* How many people hold, wait for or have asked for a place on a session: those a cancellation tells. */
export async function activeEnrolmentCount(sessionId: number) {
  const row = await db
    .from('enrolments')
    .where('session_id', sessionId)
    .whereIn('status', ACTIVE_ENROLMENT_STATUSES)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
