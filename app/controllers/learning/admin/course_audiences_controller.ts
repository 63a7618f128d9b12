import type { HttpContext } from '@adonisjs/core/http'
import CourseAudience from '#models/course_audience'
import { courseAudienceValidator } from '#validators/learning_admin'
import { addCourseAudience, removeCourseAudience } from '#actions/learning/save_course_audience'
import { courseSection, managedCourse } from '#controllers/learning/admin/managed_records'
import { found, idParam } from '#services/params'
import { audienceKindLabels } from '#enums/learning'

/* The role profiles a course is mandatory or recommended for, on the course's edit page. */
export default class CourseAudiencesController {
  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const input = await request.validateUsing(courseAudienceValidator)
    const result = await addCourseAudience(course, input)
    switch (result.type) {
      case 'saved':
        session.flash(
          'success',
          `${course.title} is now ${audienceKindLabels[input.kind].toLowerCase()} for ${result.role.name}`
        )
        return response.redirect().toPath(courseSection(course.id, 'audiences'))
      case 'role_not_found':
        return backWithErrors({ roleProfileId: 'Select a role from the list' })
      case 'already_listed':
        return backWithErrors({
          roleProfileId: 'The course already lists this role: remove it first to change it',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('CoursePolicy').authorize('administer')
    const audience = found(
      await CourseAudience.query().where('id', idParam(params.id)).preload('roleProfile').first()
    )
    const course = await managedCourse(bouncer, audience.courseId)
    await removeCourseAudience(audience)
    session.flash('success', `${audience.roleProfile.name} removed from ${course.title}`)
    return response.redirect().toPath(courseSection(course.id, 'audiences'))
  }
}
