import { DateTime } from 'luxon'
import { createRole } from '#database/factories/framework_factory'
import {
  createAudience,
  createCompletion,
  createCourse,
} from '#database/factories/learning_factory'
import CourseAudience from '#models/course_audience'
import Organisation from '#models/organisation'
import RoleLevel from '#models/role_level'
import RoleProfile from '#models/role_profile'
import User from '#models/user'
import Course from '#models/course'
import { DIGITAL_LEADER_PROFILE } from '#domain/workforce/digital_leader_standing'
import { createRoleAssignment } from '#database/factories/capability_factory'

/*
 * The Digital Leader role profile with one level and a published course
 * mandatory for it (the Digital Leaders' course), made once per test.
 */
export async function digitalLeaderTraining() {
  const existing = await RoleProfile.findBy('name', DIGITAL_LEADER_PROFILE)
  if (existing) {
    const level = await RoleLevel.query().where('role_profile_id', existing.id).firstOrFail()
    const course = await Course.query()
      .whereIn(
        'id',
        CourseAudience.query()
          .where('role_profile_id', existing.id)
          .where('kind', 'mandatory')
          .select('course_id')
      )
      .firstOrFail()
    return { role: existing, level, course }
  }
  const { role, levels } = await createRole({
    family: 'Leadership',
    role: DIGITAL_LEADER_PROFILE,
    levels: [{ name: 'Digital Leader', needs: {} }],
  })
  const course = await createCourse({ title: 'Digital Leaders’ programme' })
  await createAudience(course, role, 'mandatory')
  return { role, level: levels[0], course }
}

/* Gives a person a current role level in force, confirmed. */
export async function holdRole(person: User, roleLevelId: number) {
  await createRoleAssignment(person, roleLevelId, { confirmedAt: DateTime.now() })
}

/* Records a course as completed through the service (a learning record from an enrolment). */
export async function completeCourse(person: User, course: Course) {
  await createCompletion(person, course)
}

/*
 * Names a person the organisation's Digital Leader with everything action
 * 01 asks: Senior Civil Service, on the board, in the Digital Leader role,
 * the Digital Leaders' course completed.
 */
export async function compliantDigitalLeader(organisation: Organisation, person: User) {
  const { level, course } = await digitalLeaderTraining()
  await User.query().where('id', person.id).update({ grade: 'SCS2' })
  person.grade = 'SCS2'
  await holdRole(person, level.id)
  await completeCourse(person, course)
  await Organisation.query()
    .where('id', organisation.id)
    .update({ digitalLeaderId: person.id, digitalLeaderOnBoard: true })
  organisation.digitalLeaderId = person.id
  organisation.digitalLeaderOnBoard = true
  return person
}
