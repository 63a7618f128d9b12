import type { HttpContext } from '@adonisjs/core/http'
import { courseValidator, sessionApiValidator, sessionFromApi } from '#validators/learning_admin'
import { defaultProviderFor, saveCourse } from '#actions/learning/save_course'
import { saveCourseSession } from '#actions/learning/save_course_session'
import { managedCourse } from '#controllers/learning/admin/managed_records'
import { courseWithSessions, sessionWithCounts } from '#queries/learning/catalogue_query'
import { CourseSessionTransformer, CourseTransformer } from '#transformers/learning_transformer'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import {
  courseProblem,
  SESSION_CANCELLED,
  SESSION_ON_SELF_PACED,
} from '#services/course_admin_messages'

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
      return fieldProblems(response, [
        {
          field: 'provider',
          message: 'Give provider: the id of the provider that runs the course',
          rule: 'required',
        },
      ])
    }
    await bouncer.with('CoursePolicy').authorize('manageProvider', providerId)
    const result = await saveCourse({ ...input, providerId })
    switch (result.type) {
      case 'saved':
        response.status(201)
        return apiSerializer.serialize(
          CourseTransformer.transform(await courseWithSessions(result.course.id))
        )
      case 'code_taken':
      case 'provider_not_found':
      case 'has_sessions':
      case 'has_self_paced_enrolments':
        return fieldProblems(response, [courseProblem(result)])
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
        response.status(201)
        return apiSerializer.serialize(
          CourseSessionTransformer.transform(await sessionWithCounts(result.session.id))
        )
      case 'invalid':
        return fieldProblems(
          response,
          Object.entries(result.errors).map(([field, { message, rule }]) => ({
            field,
            message,
            rule,
          }))
        )
      case 'session_cancelled':
        return problem(response, 409, SESSION_CANCELLED.api)
      case 'course_self_paced':
        return problem(response, 409, SESSION_ON_SELF_PACED.api)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
