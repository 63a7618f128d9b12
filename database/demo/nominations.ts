import type { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
 * The demo's nominations: the first demo learner with direct reports (the
 * line manager the page tests sign in as) booked up to three of their
 * reports who hold nothing of its course on the soonest open session with
 * free seats, and gave an address that matched
 * nobody, so the result page shows people booked and one refused; later
 * they enrolled two reports on a self-paced course. The
 * enrolments name the line manager as who nominated and decided, as a
 * nomination by the line manager counts as approval (ADR 21). Adds nothing
 * when the demo already has a nomination, or has no such manager or session.
 */

const stamp = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

export const DEMO_UNKNOWN_ADDRESS = 'someone.who.left@demo.example'

export async function seedDemoNominations(client: QueryClientContract, options: { now: DateTime }) {
  if (await client.from('nominations').select('id').first()) return null
  return client.transaction(async (trx) => {
    const manager = await trx
      .from('users')
      .where('email', 'like', 'learner%@demo.example')
      .whereExists((reports) =>
        reports.from('users as reports').whereColumn('reports.line_manager_id', 'users.id')
      )
      .orderBy('email')
      .select('id')
      .first()
    if (!manager) return null
    // The soonest sessions still open for booking, on published courses, with free seats.
    const open = stamp(options.now.plus({ days: 2 }))
    const sessions = await trx
      .from('course_sessions')
      .join('courses', 'courses.id', 'course_sessions.course_id')
      .where('courses.status', 'published')
      .where('course_sessions.status', 'scheduled')
      .where('course_sessions.booking_closes_at', '>', open)
      .orderBy('course_sessions.starts_at')
      .orderBy('course_sessions.id')
      .limit(50)
      .select(
        'course_sessions.id',
        'course_sessions.capacity',
        'courses.id as course_id',
        'courses.cost_pence',
        trx
          .from('enrolments')
          .whereColumn('enrolments.session_id', 'course_sessions.id')
          .where('enrolments.status', 'booked')
          .count('*')
          .as('booked')
      )
    let session: (typeof sessions)[number] | null = null
    let reports: { id: number }[] = []
    for (const candidate of sessions) {
      const free = Number(candidate.capacity) - Number(candidate.booked)
      if (free < 1) continue
      // Reports who hold nothing of the course: no place, request or completion.
      reports = await trx
        .from('users')
        .where('line_manager_id', manager.id)
        .whereNull('deactivated_at')
        .whereNotExists((held) =>
          held
            .from('enrolments')
            .join('course_sessions', 'course_sessions.id', 'enrolments.session_id')
            .whereColumn('enrolments.user_id', 'users.id')
            .where('course_sessions.course_id', candidate.course_id)
            .whereIn('enrolments.status', ['requested', 'booked', 'waitlisted', 'attended'])
        )
        .whereNotExists((done) =>
          done
            .from('learning_records')
            .whereColumn('learning_records.user_id', 'users.id')
            .where('learning_records.course_id', candidate.course_id)
        )
        .orderBy('id')
        .limit(Math.min(3, free))
        .select('id')
      if (reports.length > 0) {
        session = candidate
        break
      }
    }
    if (!session) return null

    const at = stamp(options.now.minus({ days: 1 }))
    const [nominationId] = await trx.table('nominations').insert({
      nominated_by: manager.id,
      course_id: session.course_id,
      session_id: session.id,
      source: 'reports',
      created_at: at,
      updated_at: at,
    })
    let position = 0
    for (const report of reports) {
      position += 1
      const [enrolmentId] = await trx.table('enrolments').insert({
        session_id: session.id,
        user_id: report.id,
        status: 'booked',
        active_session_id: session.id,
        booked_at: at,
        decided_by: manager.id,
        decided_at: at,
        nominated_by: manager.id,
        cost_pence: Number(session.cost_pence ?? 0),
        created_at: at,
        updated_at: at,
      })
      await trx.table('nomination_people').insert({
        nomination_id: Number(nominationId),
        position,
        user_id: report.id,
        outcome: 'booked',
        enrolment_id: Number(enrolmentId),
      })
    }
    await trx.table('nomination_people').insert({
      nomination_id: Number(nominationId),
      position: position + 1,
      entered: DEMO_UNKNOWN_ADDRESS,
      outcome: 'unknown_email',
    })
    const started = await selfPacedNomination(trx, manager.id, options.now)
    return { nominations: started ? 2 : 1, booked: reports.length, started }
  })
}

/*
 * The same line manager's later enrolment of two reports on a published
 * self-paced course that neither has under way: started at once.
 */
async function selfPacedNomination(
  trx: TransactionClientContract,
  managerId: number,
  now: DateTime
) {
  const course = await trx
    .from('courses')
    .where('status', 'published')
    .where('delivery', 'self_paced')
    .orderBy('id')
    .select('id', 'cost_pence')
    .first()
  if (!course) return 0
  const reports = await trx
    .from('users')
    .where('line_manager_id', managerId)
    .whereNull('deactivated_at')
    .whereNotExists((taken) =>
      taken
        .from('self_paced_enrolments')
        .whereColumn('self_paced_enrolments.user_id', 'users.id')
        .where('self_paced_enrolments.course_id', course.id)
    )
    .whereNotExists((done) =>
      done
        .from('learning_records')
        .whereColumn('learning_records.user_id', 'users.id')
        .where('learning_records.course_id', course.id)
    )
    .orderBy('id', 'desc')
    .limit(2)
    .select('id')
  if (reports.length === 0) return 0
  const at = stamp(now.minus({ hours: 2 }))
  const [nominationId] = await trx.table('nominations').insert({
    nominated_by: managerId,
    course_id: course.id,
    session_id: null,
    source: 'reports',
    created_at: at,
    updated_at: at,
  })
  let position = 0
  for (const report of reports) {
    position += 1
    await trx.table('self_paced_enrolments').insert({
      user_id: report.id,
      course_id: course.id,
      status: 'in_progress',
      active_course_id: course.id,
      started_at: at,
      nominated_by: managerId,
      cost_pence: Number(course.cost_pence ?? 0),
      created_at: at,
      updated_at: at,
    })
    await trx.table('nomination_people').insert({
      nomination_id: Number(nominationId),
      position,
      user_id: report.id,
      outcome: 'started',
    })
  }
  return reports.length
}
