import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import CourseRequirement from '#models/course_requirement'
import type User from '#models/user'
import type { OrganisationScope } from '#services/organisation_scope'
import type { Grade } from '#enums/grades'
import type { RequirementAudience, RequirementDueKind } from '#enums/required_learning'
import { UK_ZONE } from '#domain/shared/uk_time'

export type RequirementInput = {
  courseId: number
  audienceKind: RequirementAudience
  organisationId?: number
  grades?: Grade[]
  profession?: string
  roleProfileId?: number
  dueKind: RequirementDueKind
  dueOn?: Date
  dueDays?: number
  recurrenceMonths?: number
  emails?: string[]
}

export type SetRequirementResult =
  | { type: 'saved'; requirement: CourseRequirement }
  | { type: 'course_not_found' }
  | { type: 'organisation_not_found' }
  | { type: 'role_profile_not_found' }
  | { type: 'due_on_missing' }
  | { type: 'due_on_past' }
  | { type: 'people_not_found'; emails: string[] }

/*
 * Requires a course of an audience. A capability admin's requirement is
 * for everyone in the audience; department HR's only for people in their
 * organisation tree, and may name only organisations and people within
 * it. The course must not be archived; a fixed due date may not have
 * passed. Audited as the requirement is created.
 */
export async function setRequirement(
  input: RequirementInput,
  actor: User,
  scope: OrganisationScope,
  now = DateTime.now()
): Promise<SetRequirementResult> {
  const course = await db
    .from('courses')
    .where('id', input.courseId)
    .whereNot('status', 'archived')
    .first()
  if (!course) return { type: 'course_not_found' }

  if (input.audienceKind === 'organisation' && !(await scope.includes(input.organisationId))) {
    return { type: 'organisation_not_found' }
  }
  if (input.audienceKind === 'role_profile') {
    const profile = await db
      .from('role_profiles')
      .where('id', input.roleProfileId ?? 0)
      .first()
    if (!profile) return { type: 'role_profile_not_found' }
  }

  let dueOn: DateTime | null = null
  if (input.dueKind === 'fixed') {
    if (!input.dueOn) return { type: 'due_on_missing' }
    dueOn = DateTime.fromJSDate(input.dueOn, { zone: 'utc' }).startOf('day')
    if (dueOn.toISODate()! < now.setZone(UK_ZONE).toISODate()!) return { type: 'due_on_past' }
  }

  let peopleIds: number[] = []
  if (input.audienceKind === 'people') {
    const emails = [...new Set((input.emails ?? []).map((email) => email.trim().toLowerCase()))]
    const found = await scope.apply(
      db
        .from('users')
        .whereIn(db.raw('lower(email)'), emails)
        .whereNull('deactivated_at')
        .select('id', 'email'),
      'organisation_id'
    )
    const known = new Set(found.map((row) => String(row.email).toLowerCase()))
    const missing = emails.filter((email) => !known.has(email))
    if (missing.length || emails.length === 0) return { type: 'people_not_found', emails: missing }
    peopleIds = found.map((row) => Number(row.id))
  }

  const requirement = await db.transaction(async (trx) => {
    const saved = new CourseRequirement()
    saved.useTransaction(trx)
    saved.merge({
      courseId: input.courseId,
      audienceKind: input.audienceKind,
      organisationId: input.audienceKind === 'organisation' ? input.organisationId! : null,
      grades: input.audienceKind === 'grade' ? (input.grades ?? []) : null,
      profession: input.audienceKind === 'profession' ? input.profession! : null,
      roleProfileId: input.audienceKind === 'role_profile' ? input.roleProfileId! : null,
      dueKind: input.dueKind,
      dueOn,
      dueDays: input.dueKind === 'after_joining' ? (input.dueDays ?? 0) : null,
      recurrenceMonths: input.recurrenceMonths ?? null,
      scopeOrganisationId: scope.everything ? null : (scope.roots[0]?.id ?? null),
      createdBy: actor.id,
      withdrawnAt: null,
      withdrawnBy: null,
    })
    await saved.save()
    if (peopleIds.length) {
      const stamp = now.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
      await trx
        .insertQuery()
        .table('course_requirement_people')
        .multiInsert(
          peopleIds.map((userId) => ({
            requirement_id: saved.id,
            user_id: userId,
            created_at: stamp,
          }))
        )
    }
    return saved
  })
  return { type: 'saved', requirement }
}

export type WithdrawRequirementResult =
  | { type: 'withdrawn'; requirement: CourseRequirement }
  | { type: 'already_withdrawn' }
  | { type: 'not_theirs' }

/*
 * Withdraws a requirement: nobody is asked for it any more, and it leaves
 * the dashboard; the row and its history stay. Department HR withdraw only
 * requirements set within their scope; capability admins any.
 */
export async function withdrawRequirement(
  requirement: CourseRequirement,
  actor: User,
  scope: OrganisationScope
): Promise<WithdrawRequirementResult> {
  if (!scope.everything) {
    if (requirement.scopeOrganisationId === null) return { type: 'not_theirs' }
    if (!(await scope.includes(requirement.scopeOrganisationId))) return { type: 'not_theirs' }
  }
  if (requirement.withdrawnAt) return { type: 'already_withdrawn' }
  requirement.merge({ withdrawnAt: DateTime.now(), withdrawnBy: actor.id })
  await requirement.save()
  return { type: 'withdrawn', requirement }
}
