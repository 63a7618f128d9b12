import type { HttpContext } from '@adonisjs/core/http'
import { uploadLearningPackage } from '#actions/learning/upload_learning_package'
import { courseSection, managedCourse } from '#controllers/learning/admin/managed_records'
import { learningPackageUploadValidator } from '#validators/learning_packages'
import { packageProblemMessage } from '#services/package_problems'
import { UPLOADS } from '#services/uploads'
import learningPackagesConfig from '#config/learning_packages'

/*
 * Adding an e-learning package (a SCORM 1.2 or 2004 zip) to a self-paced
 * course as its next module, for the course's admins.
 */
export default class LearningPackagesController {
  async create({ bouncer, params, response, session, view }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    if (course.delivery !== 'self_paced') {
      session.flash('error', 'Only a self-paced course has e-learning packages')
      return response.redirect().toPath(courseSection(course.id, 'modules'))
    }
    return view.render('pages/learning/admin/courses/package_form', {
      course,
      sizeLabel: UPLOADS.learningPackage.label,
      maxEntries: learningPackagesConfig.limits.maxEntries,
    })
  }

  async store({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const course = await managedCourse(bouncer, params.id)
    const { file, title, required } = await request.validateUsing(learningPackageUploadValidator)
    const result = await uploadLearningPackage(
      course,
      { zipPath: file.tmpPath!, title, required },
      auth.getUserOrFail()
    )
    switch (result.type) {
      case 'added':
        session.flash(
          'success',
          `${result.module.title} is now module ${result.module.position} of ${course.title}`
        )
        return response.redirect().toPath(courseSection(course.id, 'modules'))
      case 'not_self_paced':
        return backWithErrors({ file: 'Only a self-paced course has e-learning packages' })
      case 'refused':
        return backWithErrors({ file: packageProblemMessage(result.problem) })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
