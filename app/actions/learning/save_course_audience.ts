import CourseAudience from '#models/course_audience'
import RoleProfile from '#models/role_profile'
import type Course from '#models/course'
import type { AudienceKind } from '#enums/learning'
import { deleteRecord, transactionUnlessDuplicate } from '#actions/transactions'

export type AddCourseAudienceResult =
  | { type: 'saved'; audience: CourseAudience; role: RoleProfile }
  | { type: 'role_not_found' }
  | { type: 'already_listed'; role: RoleProfile | null }

/*
 * Says a course is mandatory or recommended for a role profile. The role
 * must be live, and a course lists each role once.
 */
export async function addCourseAudience(
  course: Course,
  input: { roleProfileId: number; kind: AudienceKind }
): Promise<AddCourseAudienceResult> {
  return transactionUnlessDuplicate(
    { type: 'already_listed' as const, role: null },
    async (trx): Promise<AddCourseAudienceResult> => {
      const role = await RoleProfile.query({ client: trx })
        .where('id', input.roleProfileId)
        .whereNull('retired_at')
        .first()
      if (!role) return { type: 'role_not_found' }
      const existing = await trx
        .from('course_audiences')
        .where({ course_id: course.id, role_profile_id: role.id })
        .first()
      if (existing) return { type: 'already_listed', role }
      const audience = await CourseAudience.create(
        { courseId: course.id, roleProfileId: role.id, kind: input.kind },
        { client: trx }
      )
      return { type: 'saved', audience, role }
    }
  )
}

/* Takes a role profile off a course's audience. */
export async function removeCourseAudience(audience: CourseAudience) {
  await deleteRecord(audience)
  return { type: 'removed' as const, audience }
}
