import db from '@adonisjs/lucid/services/db'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import Nomination from '#models/nomination'
import User from '#models/user'
import { enrol, type EnrolResult } from '#actions/learning/enrol'
import { startSelfPaced, type StartSelfPacedResult } from '#actions/learning/start_self_paced'
import { OrganisationScope } from '#services/organisation_scope'
import {
  looksLikeEmail,
  reachRefusal,
  type NominationOutcome,
  type NominationSource,
} from '#domain/learning/nomination'

/*
 * One person as the nominator named them: by id (a list, a team, the API)
 * or by an e-mail address, with its line when it came from a file.
 */
export type Named = ({ userId: number } | { email: string }) & { line?: number }

/* What happened to one person named, in the order they were named. */
export type NominatedPerson = {
  /* 1, 2, 3… in the order named; for a file, the line. */
  position: number
  userId: number | null
  /* The address as entered, for an address that matched nobody the nominator may book. */
  entered: string | null
  outcome: NominationOutcome
  enrolmentId: number | null
  waitlistPosition: number | null
}

/* Where the people are booked: one session, or a self-paced course. */
export type NominationTarget = { sessionId: number } | { courseId: number }

export type NominateResult =
  | { type: 'nominated'; nomination: Nomination; people: NominatedPerson[] }
  /* No such session or course: the whole nomination is answered 404. */
  | { type: 'not_found' }
  /* The course is not published: nobody can be booked on it. */
  | { type: 'course_not_published' }
  /* A person named by id whom the nominator may not see (another department's): 404, nothing done. */
  | { type: 'person_not_found'; userId: number }

type Found = Pick<User, 'id' | 'email' | 'lineManagerId' | 'organisationId' | 'deactivatedAt'>

/*
 * A line manager (for their direct reports) or HR (for the people of their
 * organisations) books people on a session, or enrols them on a
 * self-paced course. Each person goes through the enrol action (or
 * startSelfPaced) on their own, in its own short transaction under the
 * session lock, exactly as if they had booked themselves; the nominator's
 * say counts as approval (ADR 21). What happened to each is stored with
 * the nomination, so its result can be read again without booking anyone
 * twice; naming someone again reports the place they already hold.
 */
export async function nominate(
  nominator: User,
  target: NominationTarget,
  named: Named[],
  source: NominationSource,
  now = new Date()
): Promise<NominateResult> {
  const where = await targetOf(target)
  if (!where) return { type: 'not_found' }
  if (where.course.status !== 'published') return { type: 'course_not_published' }

  const scope = await OrganisationScope.forUser(nominator)
  const people = await peopleNamed(named)
  const reachable = async (person: Found) =>
    reachRefusal({
      isReport: person.lineManagerId === nominator.id,
      inScope: !scope.isEmpty && (await scope.includes(person.organisationId)),
      hasScope: !scope.isEmpty,
    })

  // Someone named by id whom the nominator may not see ends the whole nomination, before any booking.
  for (const entry of named) {
    if (!('userId' in entry)) continue
    const person = people.byId.get(entry.userId)
    if (!person || (await reachable(person)) === 'unknown') {
      return { type: 'person_not_found', userId: entry.userId }
    }
  }

  const nomination = await Nomination.create({
    nominatedBy: nominator.id,
    courseId: where.course.id,
    sessionId: where.session?.id ?? null,
    source,
  })

  const seen = new Set<number>()
  const results: NominatedPerson[] = []
  for (const [index, entry] of named.entries()) {
    const position = entry.line ?? index + 1
    const result = await nominateOne(entry)
    results.push({ position, ...result })
    await db.table('nomination_people').insert({
      nomination_id: nomination.id,
      position,
      user_id: result.userId,
      entered: result.entered,
      outcome: result.outcome,
      enrolment_id: result.enrolmentId,
      waitlist_position: result.waitlistPosition,
    })
  }
  return { type: 'nominated', nomination, people: results }

  async function nominateOne(entry: Named): Promise<Omit<NominatedPerson, 'position'>> {
    const refused = (
      outcome: NominationOutcome,
      userId: number | null,
      entered: string | null
    ) => ({
      userId,
      entered,
      outcome,
      enrolmentId: null,
      waitlistPosition: null,
    })
    let person: Found | undefined
    if ('userId' in entry) {
      person = people.byId.get(entry.userId)!
    } else {
      const email = entry.email.trim()
      if (!looksLikeEmail(email)) return refused('invalid_email', null, email.slice(0, 320))
      person = people.byEmail.get(email.toLowerCase())
      if (!person || (await reachable(person)) === 'unknown') {
        return refused('unknown_email', null, email.slice(0, 320))
      }
    }
    if (seen.has(person.id)) return refused('duplicate', person.id, null)
    seen.add(person.id)
    if ((await reachable(person)) === 'not_your_report') {
      return refused('not_your_report', person.id, null)
    }
    if (person.deactivatedAt) return refused('deactivated', person.id, null)

    const learner = await User.findOrFail(person.id)
    if (where!.session) {
      const result = await enrol(learner, where!.session.id, {
        now,
        onBehalfOf: { nominatorId: nominator.id },
      })
      return { userId: person.id, entered: null, ...sessionOutcome(result) }
    }
    const result = await startSelfPaced(learner, where!.course.id, {
      nominatedBy: nominator.id,
      now,
    })
    return { userId: person.id, entered: null, ...selfPacedOutcome(result) }
  }
}

/* The session (with its course) or the self-paced course a nomination books people on. */
async function targetOf(target: NominationTarget) {
  if ('sessionId' in target) {
    const session = await CourseSession.find(target.sessionId)
    if (!session) return null
    const course = await Course.findOrFail(session.courseId)
    return { session, course }
  }
  const course = await Course.find(target.courseId)
  if (!course || course.delivery !== 'self_paced') return null
  return { session: null, course }
}

/* Everyone named, found in two queries: by id, and by e-mail address (in any case). */
async function peopleNamed(named: Named[]) {
  const ids = [...new Set(named.flatMap((entry) => ('userId' in entry ? [entry.userId] : [])))]
  const emails = [
    ...new Set(
      named.flatMap((entry) => ('email' in entry ? [entry.email.trim().toLowerCase()] : []))
    ),
  ]
  const columns = ['id', 'email', 'line_manager_id', 'organisation_id', 'deactivated_at'] as const
  const byId = new Map<number, Found>()
  const byEmail = new Map<string, Found>()
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await User.query()
      .whereIn('id', ids.slice(start, start + 500))
      .select(...columns)
    for (const row of rows) byId.set(row.id, row)
  }
  for (let start = 0; start < emails.length; start += 500) {
    const rows = await User.query()
      .whereIn(db.raw('LOWER(email)'), emails.slice(start, start + 500))
      .select(...columns)
    for (const row of rows) byEmail.set(row.email.toLowerCase(), row)
  }
  return { byId, byEmail }
}

/* What the enrol action made of one nominated person. */
function sessionOutcome(result: EnrolResult) {
  const none = { enrolmentId: null, waitlistPosition: null }
  switch (result.type) {
    case 'booked':
    case 'waitlisted':
      return {
        outcome: result.type,
        enrolmentId: result.enrolment.id,
        waitlistPosition: result.enrolment.waitlistPosition ?? null,
      }
    case 'already_enrolled':
      return {
        outcome: 'already_enrolled' as const,
        enrolmentId: result.enrolment.id,
        waitlistPosition: result.enrolment.waitlistPosition ?? null,
      }
    case 'course_completed':
    case 'already_on_course':
      return {
        ...none,
        outcome: result.type,
        enrolmentId: result.holding.kind === 'completed' ? null : result.holding.enrolmentId,
      }
    case 'session_not_found':
      // The course was unpublished (or the session removed) while the nomination ran.
      return { ...none, outcome: 'course_not_published' as const }
    case 'booking_closed':
    case 'session_started':
    case 'session_cancelled':
      return { ...none, outcome: result.type }
    case 'requested':
    case 'no_line_manager':
      // A nomination counts as approval, so it never asks the line manager.
      throw new Error(`A nomination was answered ${result.type}`)
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

/* What startSelfPaced made of one nominated person. */
function selfPacedOutcome(result: StartSelfPacedResult) {
  const none = { enrolmentId: null, waitlistPosition: null }
  switch (result.type) {
    case 'started':
      return { ...none, outcome: 'started' as const }
    case 'already_in_progress':
      return { ...none, outcome: 'already_on_course' as const }
    case 'already_completed':
      return { ...none, outcome: 'course_completed' as const }
    case 'course_not_found':
    case 'not_self_paced':
      return { ...none, outcome: 'course_not_published' as const }
    case 'approval_required':
      throw new Error('A nomination was answered approval_required')
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}
