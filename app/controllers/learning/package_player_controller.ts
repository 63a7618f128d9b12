import type { HttpContext } from '@adonisjs/core/http'
import CourseModule from '#models/course_module'
import LearningPackage from '#models/learning_package'
import ModuleProgress from '#models/module_progress'
import SelfPacedEnrolment from '#models/self_paced_enrolment'
import { moduleProgressStatusLabels, SelfPacedStatuses } from '#enums/learning'
import { recordPackageProgress } from '#actions/learning/record_package_progress'
import { packageProgressValidator } from '#validators/learning_packages'
import { issueLaunchToken, verifyLaunchToken } from '#services/launch_tokens'
import { problem } from '#services/api'
import { found, idParam } from '#services/params'

/* What the player page says once a commit is recorded. */
function progressMessage(status: keyof typeof moduleProgressStatusLabels, runCompleted: boolean) {
  if (runCompleted)
    return 'You have completed this module and the course: it is on your learning record'
  if (status === 'completed') return 'You have completed this module'
  return 'Your progress in this module is saved'
}

/*
 * The player of an e-learning package: a page of the service that shows
 * the package in a sandboxed frame (its files come from their own address
 * with a launch token), and records what the package reports through the
 * page's script (resources/js/package_player.js).
 */
export default class PackagePlayerController {
  async show({ auth, params, response, session, view }: HttpContext) {
    const learner = auth.getUserOrFail()
    const module = found(
      await CourseModule.query()
        .where('id', idParam(params.id))
        .where('kind', 'scorm')
        .whereNotNull('package_id')
        .preload('course')
        .first()
    )
    const enrolment = await SelfPacedEnrolment.query()
      .where({ user_id: learner.id, course_id: module.courseId })
      .whereIn('status', [SelfPacedStatuses.InProgress, SelfPacedStatuses.Completed])
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .first()
    if (!enrolment) {
      session.flash('error', `Start ${module.course.title} to open its e-learning`)
      return response.redirect().toRoute('learning.courses.show', { id: module.courseId })
    }
    const learningPackage = found(await LearningPackage.find(module.packageId))
    const launchToken = issueLaunchToken({
      enrolmentId: enrolment.id,
      packageId: learningPackage.id,
    })
    const progress = await ModuleProgress.query()
      .where({ self_paced_enrolment_id: enrolment.id, module_id: module.id })
      .first()
    return view.render('pages/learning/package_player', {
      module,
      course: module.course,
      learningPackage,
      launchToken,
      frameSrc: `/learning/packages/${learningPackage.id}/play/${launchToken}/${learningPackage.launchHref}`,
      status: moduleProgressStatusLabels[progress?.status ?? 'not_started'],
    })
  }

  async progress({ auth, params, request, response }: HttpContext) {
    const { launchToken, ...values } = await request.validateUsing(packageProgressValidator)
    const learningPackage = found(await LearningPackage.find(idParam(params.id)))
    const grant = verifyLaunchToken(launchToken, learningPackage.id)
    if (!grant) {
      return problem(
        response,
        403,
        'Open the e-learning package again: its launch token has expired or is not for this package'
      )
    }
    const result = await recordPackageProgress(auth.getUserOrFail(), learningPackage, grant, values)
    switch (result.type) {
      case 'recorded':
        return response.json({
          status: result.progress.status,
          success: result.progress.success,
          score: result.progress.score,
          moduleCompleted: result.moduleCompleted,
          courseCompleted: result.courseCompleted,
          runCompleted: result.runCompleted,
          message: progressMessage(result.progress.status, result.runCompleted),
        })
      case 'invalid':
        return problem(response, 422, 'The package sent values that cannot be recorded', {
          errors: result.errors,
        })
      case 'not_found':
        return problem(response, 404, 'You are not taking this e-learning package')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
