import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import CourseModule from '#models/course_module'
import Enrolment from '#models/enrolment'
import { found, idParam } from '#services/params'

type Bouncer = HttpContext['bouncer']

/*
 * Finding a course, session or enrolment for a course admin: anyone who
 * administers no provider is refused first, an unknown id is a 404, and a
 * record of a provider the admin is not linked to is refused.
 */
export async function managedCourse(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const course = found(await Course.query().where('id', idParam(id)).preload('provider').first())
  await bouncer.with('CoursePolicy').authorize('manage', course)
  return course
}

export async function managedSession(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const session = found(
    await CourseSession.query()
      .where('id', idParam(id))
      .preload('course', (course) => course.preload('provider'))
      .first()
  )
  await bouncer.with('CoursePolicy').authorize('manage', session.course)
  return session
}

export async function managedEnrolment(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const enrolment = found(
    await Enrolment.query()
      .where('id', idParam(id))
      .preload('user')
      .preload('session', (session) => session.preload('course'))
      .first()
  )
  await bouncer.with('CoursePolicy').authorize('manage', enrolment.session.course)
  return enrolment
}

/* A module of a self-paced course, with its course, for an admin of the course's provider. */
export async function managedModule(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const module = found(
    await CourseModule.query()
      .where('id', idParam(id))
      .preload('course', (course) => course.preload('provider'))
      .first()
  )
  await bouncer.with('CoursePolicy').authorize('manage', module.course)
  return module
}

/* A section of a course's edit page, where its sessions, outcomes and audiences are listed. */
export function courseSection(
  courseId: number,
  section: 'sessions' | 'outcomes' | 'audiences' | 'modules'
) {
  return `${urlFor('learning.admin.courses.edit', { id: courseId })}#${section}`
}
