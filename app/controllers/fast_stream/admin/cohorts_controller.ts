import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import FastStreamCohort from '#models/fast_stream_cohort'
import { found, idParam } from '#services/params'
import { cohortValidator } from '#validators/fast_stream_admin'
import { saveCohort } from '#actions/fast_stream/admin/save_cohort'
import { cohortsWithCounts } from '#queries/fast_stream/admin_schemes_query'
import { exportList } from '#services/exports'

/* Cohorts by intake year: listed with their entrants, added and changed by the Fast Stream team. */
export default class CohortsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/cohorts/index', {
      cohorts: await cohortsWithCounts(),
    })
  }

  /* Every cohort with its entrants, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    return exportList(ctx, 'cohorts')
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/cohorts/form', { cohort: null })
  }

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(cohortValidator)
    return answerSave(await saveCohort(input), saved('Cohort added'), nameTaken)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const cohort = await findCohort(params.id)
    return view.render('pages/fast_stream/admin/cohorts/form', { cohort })
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const cohort = await findCohort(params.id)
    const input = await request.validateUsing(cohortValidator)
    return answerSave(await saveCohort(input, cohort), saved('Cohort updated'), nameTaken)
  }
}

/* A saved cohort goes back to the cohorts, its name after the message. */
function saved(message: string) {
  return ({ cohort }: { cohort: FastStreamCohort }): SavedAnswer => [
    `${message}: ${cohort.name}`,
    'fast_stream.admin.cohorts.index',
  ]
}

const nameTaken = () => ({ name: 'There is already a cohort with this name' })

async function findCohort(id: unknown) {
  return found(await FastStreamCohort.find(idParam(id)))
}
