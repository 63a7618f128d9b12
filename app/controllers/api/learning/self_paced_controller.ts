import type { HttpContext } from '@adonisjs/core/http'
import { startSelfPaced } from '#actions/learning/start_self_paced'
import { finishModule } from '#actions/learning/record_module_progress'
import { withdrawSelfPaced } from '#actions/learning/withdraw_self_paced'
import { mySelfPacedPage, ownSelfPacedRun } from '#queries/learning/self_paced_query'
import { courseWithSessions } from '#queries/learning/catalogue_query'
import { SelfPacedEnrolmentTransformer } from '#transformers/self_paced_transformer'
import { pagingQueryValidator } from '#validators/api'
import { apiSerializer, pageOf, problem } from '#services/api'
import { found, idParam } from '#services/params'
import { startRefusal } from '#services/self_paced_messages'
import RecordNotFoundException from '#exceptions/record_not_found_exception'

/* One of the caller's self-paced enrolments as the API gives it anywhere. */
async function runAnswer(userId: number, runId: number) {
  const record = found(await ownSelfPacedRun(userId, runId))
  return apiSerializer.serialize(SelfPacedEnrolmentTransformer.transform(record))
}

/*
 * The caller's self-paced courses: starting one, listing theirs, finishing
 * a module and withdrawing. Rules and words are the pages'.
 */
export default class SelfPacedController {
  async index({ auth, request }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const { page, perPage } = await pagingQueryValidator.validate(request.qs())
    const listed = await mySelfPacedPage(user.id, page ?? 1, perPage ?? 25)
    return apiSerializer.page(
      SelfPacedEnrolmentTransformer.paginate(listed.rows, pageOf(listed.meta))
    )
  }

  async show({ auth, params }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    return runAnswer(user.id, idParam(params.id))
  }

  async start({ auth, bouncer, params, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const detail = await courseWithSessions(idParam(params.id))
    const course = detail?.course
    if (!course || !(await bouncer.with('CoursePolicy').allows('view', course))) {
      throw new RecordNotFoundException()
    }
    const result = await startSelfPaced(user, course.id)
    switch (result.type) {
      case 'started':
        return response.created(await runAnswer(user.id, result.enrolment.id))
      case 'already_in_progress':
        return problem(response, 409, `You have already started ${course.title}.`, {
          code: result.type,
          selfPacedEnrolment: { id: result.enrolment.id },
        })
      case 'course_not_found':
        throw new RecordNotFoundException()
      case 'already_completed': {
        const { message, status } = startRefusal(result, course.title)
        return problem(response, status, `${message}.`, {
          code: result.type,
          completedOn: result.completedOn,
          validUntil: result.validUntil,
        })
      }
      case 'not_self_paced':
      case 'approval_required': {
        const { message, status } = startRefusal(result, course.title)
        return problem(response, status, `${message}.`, { code: result.type })
      }
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async completeModule({ auth, params, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const result = await finishModule(user, idParam(params.id))
    switch (result.type) {
      case 'finished':
        return runAnswer(user.id, result.completion.enrolment.id)
      case 'already_finished':
      case 'course_completed':
        return runAnswer(user.id, result.enrolmentId)
      case 'not_found':
        throw new RecordNotFoundException()
      case 'package_module':
        return problem(
          response,
          409,
          `${result.module.title} is an e-learning package: it records its own progress as you work through it.`,
          { code: result.type }
        )
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async withdraw({ auth, params, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const record = found(await ownSelfPacedRun(user.id, idParam(params.id)))
    if (record.run.status !== 'in_progress') {
      return problem(response, 409, `${record.run.courseTitle} is not in progress.`, {
        code: 'not_in_progress',
      })
    }
    const result = await withdrawSelfPaced(user, record.run.courseId)
    switch (result.type) {
      case 'withdrawn':
        return runAnswer(user.id, result.enrolment.id)
      case 'not_in_progress':
        return problem(response, 409, `${record.run.courseTitle} is not in progress.`, {
          code: result.type,
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
