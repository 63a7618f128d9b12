import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { EnrolmentStatuses } from '#enums/learning'
import { enrolRefusal } from '#domain/learning/enrolment_rules'
import { sessionPlace, sessionWhen, ukDate, ukDateTime } from '#queries/learning/my_learning_query'
import { instantFromSql } from '#domain/shared/uk_time'
import { formatCost } from '#transformers/learning_transformer'
import { budgetsOfBookings, type BudgetStanding } from '#queries/learning/training_budgets_query'
import { financialYearName, financialYearOf } from '#domain/learning/training_budgets'
import { ukSterling } from '#domain/shared/uk_format'

/* Enrolments of a line manager's direct reports, with their learner, session and course. */
export function reportsEnrolments(managerId: number) {
  return db
    .from('enrolments')
    .join('users', 'users.id', 'enrolments.user_id')
    .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
    .join('courses', 'courses.id', 'course_sessions.course_id')
    .where('users.line_manager_id', managerId)
}

/*
 * Requests from a line manager's direct reports that wait for their
 * decision, oldest first so nobody waits longest, with what the manager
 * weighs: the cost, the seats left on the session, and whether the course
 * is mandatory for the role the requester holds. One joined query a page.
 */
export async function pendingApprovals(managerId: number, page = 1, perPage = 25) {
  const now = DateTime.now()
  const booked = db
    .from('enrolments as seats')
    .whereColumn('seats.session_id', 'course_sessions.id')
    .where('seats.status', EnrolmentStatuses.Booked)
    .count('*')
    .as('booked_count')
  const mandatory = db
    .from('course_audiences')
    .join('role_levels', 'role_levels.role_profile_id', 'course_audiences.role_profile_id')
    .join('role_assignments', 'role_assignments.role_level_id', 'role_levels.id')
    .whereColumn('course_audiences.course_id', 'courses.id')
    .where('course_audiences.kind', 'mandatory')
    .whereColumn('role_assignments.user_id', 'users.id')
    .where('role_assignments.active_kind', 'current')
    .count('*')
    .as('mandatory_count')
  const result = await reportsEnrolments(managerId)
    .join('organisations', 'organisations.id', 'users.organisation_id')
    .where('enrolments.status', EnrolmentStatuses.Requested)
    .select(
      'enrolments.cost_pence as booking_cost_pence',
      'users.organisation_id',
      'organisations.path as organisation_path',
      'enrolments.id',
      'enrolments.request_note',
      'enrolments.created_at',
      'users.full_name',
      'users.email',
      'course_sessions.id as session_id',
      'course_sessions.starts_at',
      'course_sessions.ends_at',
      'course_sessions.booking_closes_at',
      'course_sessions.status as session_status',
      'course_sessions.venue',
      'course_sessions.location',
      'course_sessions.online_url',
      'course_sessions.capacity',
      'courses.id as course_id',
      'courses.title as course_title',
      'courses.cost_pence',
      booked,
      mandatory
    )
    .orderBy('enrolments.created_at', 'asc')
    .orderBy('enrolments.id', 'asc')
    .paginate(page, perPage)

  // What is left of each learner's training budget for the year of the session (ADR 20).
  const bookings = result.all().map((row) => ({
    organisationId: Number(row.organisation_id),
    path: String(row.organisation_path),
    financialYear: financialYearOf(instantFromSql(row.starts_at)!),
  }))
  const budgetOf = await budgetsOfBookings(bookings)

  const rows = result.all().map((row, index) => {
    const startsAt = instantFromSql(row.starts_at)!
    const bookingClosesAt = instantFromSql(row.booking_closes_at)!
    const { organisationId, financialYear } = bookings[index]
    return {
      id: Number(row.id),
      learnerName: row.full_name as string,
      learnerEmail: row.email as string,
      courseId: Number(row.course_id),
      courseTitle: row.course_title as string,
      // The price the request was made at, which is what it commits.
      cost: formatCost(Number(row.booking_cost_pence)),
      budget: budgetWords(budgetOf(organisationId, financialYear), financialYear),
      seatsLeft: Math.max(0, Number(row.capacity) - Number(row.booked_count)),
      capacity: Number(row.capacity),
      mandatoryForTheirRole: Number(row.mandatory_count) > 0,
      when: sessionWhen(startsAt, instantFromSql(row.ends_at)!),
      place: sessionPlace({ venue: row.venue, location: row.location, onlineUrl: row.online_url }),
      note: row.request_note as string | null,
      requestedOn: ukDate(instantFromSql(row.created_at)!),
      bookingClosesOn: ukDateTime(bookingClosesAt),
      refusal: enrolRefusal(
        {
          status: row.session_status,
          startsAt: startsAt.toJSDate(),
          bookingClosesAt: bookingClosesAt.toJSDate(),
        },
        now.toJSDate()
      ),
    }
  })
  return {
    rows,
    meta: result.getMeta() as { total: number; currentPage: number; lastPage: number },
  }
}

/*
 * What a line manager reads of the learner's training budget: what is
 * left for the session's financial year (the request already counted),
 * and by how much it is over, if it is. A warning, never a refusal (ADR 20).
 */
function budgetWords(standing: BudgetStanding | null, year: number) {
  const yearName = financialYearName(year)
  if (!standing || standing.amountPence === null || standing.remainingPence === null) {
    return { text: `No training budget is set for ${yearName}`, overBy: null, whose: null }
  }
  const whose = `${standing.organisationName}’s training budget for ${yearName}`
  if (standing.remainingPence < 0) {
    return {
      text: `${ukSterling(-standing.remainingPence)} over ${whose} (${ukSterling(standing.amountPence)}), with this request`,
      overBy: ukSterling(-standing.remainingPence),
      whose,
    }
  }
  return {
    text: `${ukSterling(standing.remainingPence)} left of ${whose} (${ukSterling(standing.amountPence)}), with this request`,
    overBy: null,
    whose,
  }
}

export type PendingApproval = Awaited<ReturnType<typeof pendingApprovals>>['rows'][number]

/*
 * A direct report's enrolment as the manager's messages name it (learner and
 * course), or null when the learner does not report to this manager.
 */
export async function decisionSubject(managerId: number, enrolmentId: number) {
  const row = await reportsEnrolments(managerId)
    .where('enrolments.id', enrolmentId)
    .select('users.full_name', 'courses.title', 'course_sessions.booking_closes_at')
    .first()
  return row
    ? {
        learnerName: row.full_name as string,
        courseTitle: row.title as string,
        bookingClosesOn: ukDateTime(instantFromSql(row.booking_closes_at)!),
      }
    : null
}
