import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CourseRequirement from '#models/course_requirement'
import type Course from '#models/course'
import type User from '#models/user'
import type { Grade } from '#enums/grades'

/* Required learning in tests: requirements set some days ago, and people who joined some days ago. */

const sqlTime = (value: DateTime) => value.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')

/* Noon, UK time, `days` days ago: a moment whose UK day is plain whatever the time of the run. */
export function noonDaysAgo(days: number) {
  return DateTime.now().setZone('Europe/London').minus({ days }).set({ hour: 12, minute: 0 })
}

/* The UK day `days` from today (negative: ago), yyyy-mm-dd. */
export function ukDay(days: number) {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!
}

/* A requirement in force, set `setDaysAgo` days ago (today unless told), for everyone unless `scope` is given. */
export async function requireCourse(
  course: Course,
  options: {
    audience:
      | { kind: 'organisation'; organisationId: number }
      | { kind: 'grade'; grades: Grade[] }
      | { kind: 'profession'; profession: string }
      | { kind: 'role_profile'; roleProfileId: number }
      | { kind: 'people'; people: User[] }
    due: { fixed: string } | { days: number }
    recurrenceMonths?: number
    scopeOrganisationId?: number
    setDaysAgo?: number
    by?: User
  }
) {
  const audience = options.audience
  const requirement = await CourseRequirement.create({
    courseId: course.id,
    audienceKind: audience.kind,
    organisationId: audience.kind === 'organisation' ? audience.organisationId : null,
    grades: audience.kind === 'grade' ? audience.grades : null,
    profession: audience.kind === 'profession' ? audience.profession : null,
    roleProfileId: audience.kind === 'role_profile' ? audience.roleProfileId : null,
    dueKind: 'fixed' in options.due ? 'fixed' : 'after_joining',
    dueOn: 'fixed' in options.due ? DateTime.fromISO(options.due.fixed) : null,
    dueDays: 'days' in options.due ? options.due.days : null,
    recurrenceMonths: options.recurrenceMonths ?? null,
    scopeOrganisationId: options.scopeOrganisationId ?? null,
    createdBy: options.by?.id ?? null,
  })
  const setAt = noonDaysAgo(options.setDaysAgo ?? 0)
  await db
    .from('course_requirements')
    .where('id', requirement.id)
    .update({ created_at: sqlTime(setAt) })
  requirement.createdAt = setAt
  if (audience.kind === 'people') {
    await db.table('course_requirement_people').multiInsert(
      audience.people.map((person) => ({
        requirement_id: requirement.id,
        user_id: person.id,
        created_at: sqlTime(setAt),
      }))
    )
  }
  return requirement
}

/* Says a person was added to the service `days` days ago: the day they joined an organisation, grade or profession audience. */
export async function joinedDaysAgo(person: User, days: number) {
  await db
    .from('users')
    .where('id', person.id)
    .update({ created_at: sqlTime(noonDaysAgo(days)) })
}
