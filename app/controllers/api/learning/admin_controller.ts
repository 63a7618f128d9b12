import type { HttpContext } from '@adonisjs/core/http'
import type Course from '#models/course'
import type CourseSession from '#models/course_session'
import { courseValidator, sessionApiValidator, sessionFromApi } from '#validators/learning_admin'
import { defaultProviderFor, saveCourse } from '#actions/learning/save_course'
import { saveCourseSession } from '#actions/learning/save_course_session'
import { managedCourse } from '#controllers/learning/admin/managed_records'
import { problem } from '#services/api'

const FIELD_ERRORS = 'The request has errors in the fields listed.'

function courseResource(course: Course) {
  return {
    id: course.id,
    code: course.code,
    title: course.title,
    summary: course.summary,
    provider: { id: course.provider.id, name: course.provider.name },
    mode: course.mode,
    status: course.status,
    requiresApproval: course.requiresApproval,
    durationHours: course.durationHours,
    cost: course.costPence / 100,
    createdAt: course.createdAt.toUTC().toISO(),
    updatedAt: course.updatedAt.toUTC().toISO(),
  }
}

function sessionResource(session: CourseSession) {
  return {
    id: session.id,
    courseId: session.courseId,
    startsAt: session.startsAt.toUTC().toISO(),
    endsAt: session.endsAt.toUTC().toISO(),
    bookingClosesAt: session.bookingClosesAt.toUTC().toISO(),
    capacity: session.capacity,
    venue: session.venue,
    location: session.location,
    onlineUrl: session.onlineUrl,
    status: session.status,
  }
}

/*
 * Course admins' writes in the JSON API: a course for a provider they
 * manage, and sessions for its courses. Rules and messages are the pages'.
 */
export default class CourseAdminController {
  async storeCourse({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const input = await request.validateUsing(courseValidator)
    const providerId = input.provider ?? (await defaultProviderFor(auth.getUserOrFail()))
    if (!providerId) {
      return problem(response, 422, FIELD_ERRORS, {
        errors: [
          {
            field: 'provider',
            message: 'Give provider: the id of the provider that runs the course',
            rule: 'required',
          },
        ],
      })
    }
    await bouncer.with('CoursePolicy').authorize('manageProvider', providerId)
    const result = await saveCourse({ ...input, providerId })
    switch (result.type) {
      case 'saved':
        await result.course.load('provider')
        return response.created({ data: courseResource(result.course) })
      case 'code_taken':
        return problem(response, 422, FIELD_ERRORS, {
          errors: [
            { field: 'code', message: 'A course with this code already exists', rule: 'unique' },
          ],
        })
      case 'provider_not_found':
        return problem(response, 422, FIELD_ERRORS, {
          errors: [
            { field: 'provider', message: 'provider is not the id of a provider', rule: 'exists' },
          ],
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async storeSession({ bouncer, params, request, response }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const body = await request.validateUsing(sessionApiValidator)
    const result = await saveCourseSession(course, sessionFromApi(body))
    switch (result.type) {
      case 'saved':
        return response.created({ data: sessionResource(result.session) })
      case 'invalid':
        return problem(response, 422, FIELD_ERRORS, {
          errors: Object.entries(result.errors).map(([field, { message, rule }]) => ({
            field,
            message,
            rule,
          })),
        })
      case 'session_cancelled':
        return problem(response, 409, 'The session has been cancelled.')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
