import type { HttpContext } from '@adonisjs/core/http'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { finishModule, openModule } from '#actions/learning/record_module_progress'
import { withdrawSelfPaced } from '#actions/learning/withdraw_self_paced'
import { selfPacedStanding } from '#queries/learning/self_paced_query'
import { courseWithSessions } from '#queries/learning/catalogue_query'
import { found, idParam } from '#services/params'
import { courseCompletedMessage, startRefusal, startedMessage } from '#services/self_paced_messages'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import {
  moduleKindLabels,
  moduleProgressStatusLabels,
  selfPacedStatusLabels,
} from '#enums/learning'
import { formatDay } from '#transformers/learning_transformer'

/*
 * The learner's side of a self-paced course: starting it, their progress
 * through its modules, opening and finishing each, and withdrawing.
 */
export default class SelfPacedController {
  async start({ auth, bouncer, params, response, session }: HttpContext) {
    const course = await this.visibleCourse(bouncer, params.id)
    const result = await startSelfPaced(auth.getUserOrFail(), course.id)
    switch (result.type) {
      case 'started':
      case 'already_in_progress':
        session.flash('success', startedMessage(result.type, course.title))
        return response.redirect().toRoute('learning.selfPaced.show', { id: course.id })
      case 'course_not_found':
        throw new RecordNotFoundException()
      case 'already_completed':
      case 'not_self_paced':
      case 'approval_required':
        session.flash('error', startRefusal(result, course.title).message)
        return response.redirect().toRoute('learning.courses.show', { id: course.id })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async show({ auth, bouncer, params, view }: HttpContext) {
    const course = await this.visibleCourse(bouncer, params.id)
    const standing = found(await selfPacedStanding(auth.getUserOrFail().id, course.id))
    const { run, modules } = standing
    return view.render('pages/learning/self_paced', {
      course,
      standing,
      startedOn: formatDay(run.startedAt),
      completedOn: run.completedAt ? formatDay(run.completedAt) : null,
      statusLabel: selfPacedStatusLabels[run.status],
      requiredCount: modules.filter((module) => module.required).length,
      moduleKindLabels,
      moduleProgressStatusLabels,
    })
  }

  async open({ auth, params, response, session }: HttpContext) {
    const result = await openModule(auth.getUserOrFail(), idParam(params.id))
    switch (result.type) {
      case 'opened':
        return response.redirect().status(303).toPath(result.url)
      case 'not_found':
        throw new RecordNotFoundException()
      case 'package_module':
        session.flash('error', `${result.module.title} opens in its own player`)
        return response
          .redirect()
          .toRoute('learning.selfPaced.show', { id: result.module.courseId })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async finish({ auth, params, response, session }: HttpContext) {
    const result = await finishModule(auth.getUserOrFail(), idParam(params.id))
    switch (result.type) {
      case 'finished': {
        const completion = result.completion
        const detail = await courseWithSessions(result.module.courseId)
        const title = detail!.course.title
        session.flash(
          'success',
          completion.type === 'completed'
            ? courseCompletedMessage(title)
            : `You have finished ${result.module.title}`
        )
        return response
          .redirect()
          .toRoute('learning.selfPaced.show', { id: result.module.courseId })
      }
      case 'already_finished':
        session.flash('success', `You had already finished ${result.module.title}`)
        return response
          .redirect()
          .toRoute('learning.selfPaced.show', { id: result.module.courseId })
      case 'not_found':
        throw new RecordNotFoundException()
      case 'course_completed':
        session.flash('success', 'You have already completed this course')
        return response
          .redirect()
          .toRoute('learning.selfPaced.show', { id: result.module.courseId })
      case 'package_module':
        session.flash(
          'error',
          `${result.module.title} records its own progress as you work through it`
        )
        return response
          .redirect()
          .toRoute('learning.selfPaced.show', { id: result.module.courseId })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async confirmWithdraw({ auth, bouncer, params, view }: HttpContext) {
    const course = await this.visibleCourse(bouncer, params.id)
    const standing = await selfPacedStanding(auth.getUserOrFail().id, course.id)
    if (standing?.run.status !== 'in_progress') throw new RecordNotFoundException()
    return view.render('pages/learning/self_paced_withdraw', { course, standing })
  }

  async withdraw({ auth, bouncer, params, response, session }: HttpContext) {
    const course = await this.visibleCourse(bouncer, params.id)
    const result = await withdrawSelfPaced(auth.getUserOrFail(), course.id)
    switch (result.type) {
      case 'withdrawn':
        session.flash('success', `You have withdrawn from ${course.title}`)
        return response.redirect().toRoute('learning.my')
      case 'not_in_progress':
        session.flash('error', `You do not have ${course.title} in progress`)
        return response.redirect().toRoute('learning.my')
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* A course the learner may see (drafts and archived courses only to their provider's admins). */
  private async visibleCourse(bouncer: HttpContext['bouncer'], id: unknown) {
    const detail = await courseWithSessions(idParam(id))
    const course = detail?.course
    if (!course || !(await bouncer.with('CoursePolicy').allows('view', course))) {
      throw new RecordNotFoundException()
    }
    return course
  }
}
