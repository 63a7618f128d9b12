import db from '@adonisjs/lucid/services/db'
import { EnrolmentStatuses, type EnrolmentStatus } from '#enums/learning'
import { percent, subtreeOf, type SelectedOrganisation } from '#queries/insights/rollup'
import { timestampBounds, type Period } from '#queries/insights/period'

/* Enrolments that hold a paid-for seat: booked, and afterwards attended, absent or completed. */
export const SEAT_STATUSES: EnrolmentStatus[] = [
  EnrolmentStatuses.Booked,
  EnrolmentStatuses.Attended,
  EnrolmentStatuses.NoShow,
  EnrolmentStatuses.Completed,
]

/* Enrolments whose session has happened and whose attendance is known. */
const ATTENDANCE_KNOWN: EnrolmentStatus[] = [
  EnrolmentStatuses.Attended,
  EnrolmentStatuses.NoShow,
  EnrolmentStatuses.Completed,
]

/* Every enrolment status, in the order of the learner's journey. */
export const STATUS_ORDER: EnrolmentStatus[] = [
  'requested',
  'booked',
  'waitlisted',
  'attended',
  'no_show',
  'completed',
  'declined',
  'cancelled',
]

/*
 * Enrolments on sessions starting in the period, of learners in the
 * selected organisation's tree: `e`, `cs` (session), `c` (course), `u`.
 */
function enrolmentsIn(selected: SelectedOrganisation | null, period: Period, byPerson = false) {
  const [start, end] = timestampBounds(period)
  const query = db
    .from('enrolments as e')
    .join('course_sessions as cs', 'cs.id', 'e.session_id')
    .join('courses as c', 'c.id', 'cs.course_id')
    .where('cs.starts_at', '>=', start)
    .where('cs.starts_at', '<', end)
  // Everyone's enrolments need no look at who made them, unless counted by organisation.
  if (selected || byPerson) query.join('users as u', 'u.id', 'e.user_id')
  if (selected) query.whereIn('u.organisation_id', subtreeOf(selected))
  return query
}

export type Training = {
  byStatus: Array<{ status: EnrolmentStatus; enrolments: number }>
  enrolments: number
  attendanceKnown: number
  completed: number
  noShow: number
  completionRate: number | null
  noShowRate: number | null
  /* Cost of the seats taken, in pence: the course's cost for each booked, attended, absent or completed enrolment. */
  spendPence: number
}

/*
 * Training of the selected organisation's people in the period: their
 * enrolments by status, completion and no-show rates among those whose
 * attendance is known, and the spend on the seats they took. One query.
 */
export async function training(
  selected: SelectedOrganisation | null,
  period: Period
): Promise<Training> {
  const rows = await enrolmentsIn(selected, period)
    .groupBy('e.status')
    .select('e.status')
    .count('* as enrolments')
    .sum('c.cost_pence as cost')
  const counts = new Map<string, { enrolments: number; cost: number }>()
  for (const row of rows) {
    counts.set(String(row.status), {
      enrolments: Number(row.enrolments),
      cost: Number(row.cost ?? 0),
    })
  }
  const count = (status: EnrolmentStatus) => counts.get(status)?.enrolments ?? 0
  const attendanceKnown = ATTENDANCE_KNOWN.reduce((sum, status) => sum + count(status), 0)
  return {
    byStatus: STATUS_ORDER.map((status) => ({ status, enrolments: count(status) })),
    enrolments: STATUS_ORDER.reduce((sum, status) => sum + count(status), 0),
    attendanceKnown,
    completed: count('completed'),
    noShow: count('no_show'),
    completionRate: percent(count('completed'), attendanceKnown),
    noShowRate: percent(count('no_show'), attendanceKnown),
    spendPence: SEAT_STATUSES.reduce((sum, status) => sum + (counts.get(status)?.cost ?? 0), 0),
  }
}

/* Completed enrolments per organisation (with its path) in the period, for rolling up into departments. */
export async function completedByOrganisation(
  selected: SelectedOrganisation | null,
  period: Period
) {
  const rows = await enrolmentsIn(selected, period, true)
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('e.status', EnrolmentStatuses.Completed)
    .groupBy('u.organisation_id', 'o.path')
    .select('u.organisation_id', 'o.path')
    .count('* as completed')
  return rows.map((row) => ({
    organisationId: Number(row.organisation_id),
    path: String(row.path),
    completed: Number(row.completed),
  }))
}

export type SessionFillLine = {
  sessions: number
  places: number
  taken: number
  fillRate: number | null
}

export type SessionFill = {
  total: SessionFillLine
  courses: Array<{ id: number; code: string; title: string } & SessionFillLine>
}

/*
 * How full the catalogue's sessions starting in the period are: places
 * and seats taken (by anyone), per course and overall. Cancelled sessions
 * are left out. The same places every learner sees in the catalogue.
 */
export async function sessionFill(period: Period): Promise<SessionFill> {
  const [start, end] = timestampBounds(period)
  // Seats taken, counted per session of the period only, through the (session, status) index.
  const placeholders = SEAT_STATUSES.map(() => '?').join(', ')
  const inPeriod = db
    .from('course_sessions as cs')
    .where('cs.status', 'scheduled')
    .where('cs.starts_at', '>=', start)
    .where('cs.starts_at', '<', end)
    .select('cs.id', 'cs.course_id', 'cs.capacity')
    .select(
      db.raw(
        `(select count(*) from enrolments e where e.session_id = cs.id and e.status in (${placeholders})) as taken`,
        SEAT_STATUSES
      )
    )
  const rows = await db
    .from(inPeriod.as('s'))
    .join('courses as c', 'c.id', 's.course_id')
    .groupBy('c.id', 'c.code', 'c.title')
    .select('c.id', 'c.code', 'c.title')
    .count('* as sessions')
    .sum('s.capacity as places')
    .select(db.raw('coalesce(sum(s.taken), 0) as taken'))
    .orderBy('places', 'desc')
    .orderBy('c.title')
  const courses = rows.map((row) => {
    const places = Number(row.places ?? 0)
    const seats = Number(row.taken ?? 0)
    return {
      id: Number(row.id),
      code: String(row.code),
      title: String(row.title),
      sessions: Number(row.sessions),
      places,
      taken: seats,
      fillRate: percent(seats, places),
    }
  })
  const sessions = courses.reduce((sum, row) => sum + row.sessions, 0)
  const places = courses.reduce((sum, row) => sum + row.places, 0)
  const seats = courses.reduce((sum, row) => sum + row.taken, 0)
  return { total: { sessions, places, taken: seats, fillRate: percent(seats, places) }, courses }
}

export type WaitingLists = {
  waitlisted: number
  courses: Array<{ id: number; code: string; title: string; waitlisted: number; sessions: number }>
}

/*
 * Demand for more sessions: per course, how many of the selected
 * organisation's people wait on the waiting lists of its sessions starting
 * in the period, and on how many sessions. Largest demand first.
 */
export async function waitingLists(
  selected: SelectedOrganisation | null,
  period: Period
): Promise<WaitingLists> {
  const rows = await enrolmentsIn(selected, period)
    .where('e.status', EnrolmentStatuses.Waitlisted)
    .groupBy('c.id', 'c.code', 'c.title')
    .select('c.id', 'c.code', 'c.title')
    .count('* as waitlisted')
    .countDistinct('cs.id as sessions')
    .orderBy('waitlisted', 'desc')
    .orderBy('c.title')
  const courses = rows.map((row) => ({
    id: Number(row.id),
    code: String(row.code),
    title: String(row.title),
    waitlisted: Number(row.waitlisted),
    sessions: Number(row.sessions),
  }))
  return { waitlisted: courses.reduce((sum, row) => sum + row.waitlisted, 0), courses }
}
