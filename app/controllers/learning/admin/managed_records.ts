import type { HttpContext } from '@adonisjs/core/http'
import Course from '#models/course'
import CourseSession from '#models/course_session'
import Enrolment from '#models/enrolment'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'

type Bouncer = HttpContext['bouncer']

/*
 * Finding a course, session or enrolment for a course admin: anyone who
 * administers no provider is refused first, an unknown id is a 404, and a
 * record of a provider the admin is not linked to is refused.
 */
export async function managedCourse(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const course = await Course.query().where('id', idParam(id)).preload('provider').first()
  if (!course) throw new RecordNotFoundException()
  await bouncer.with('CoursePolicy').authorize('manage', course)
  return course
}

export async function managedSession(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const session = await CourseSession.query()
    .where('id', idParam(id))
    .preload('course', (course) => course.preload('provider'))
    .first()
  if (!session) throw new RecordNotFoundException()
  await bouncer.with('CoursePolicy').authorize('manage', session.course)
  return session
}

export async function managedEnrolment(bouncer: Bouncer, id: unknown) {
  await bouncer.with('CoursePolicy').authorize('administer')
  const enrolment = await Enrolment.query()
    .where('id', idParam(id))
    .preload('user')
    .preload('session', (session) => session.preload('course'))
    .first()
  if (!enrolment) throw new RecordNotFoundException()
  await bouncer.with('CoursePolicy').authorize('manage', enrolment.session.course)
  return enrolment
}
