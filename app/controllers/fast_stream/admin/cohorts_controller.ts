import type { HttpContext } from '@adonisjs/core/http'
import FastStreamCohort from '#models/fast_stream_cohort'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { cohortValidator } from '#validators/fast_stream_admin'
import { saveCohort, type SaveCohortResult } from '#actions/fast_stream/admin/save_cohort'
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

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(cohortValidator)
    return this.respond(
      await saveCohort(input),
      { backWithErrors, response, session },
      'Cohort added'
    )
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const cohort = await findCohort(params.id)
    return view.render('pages/fast_stream/admin/cohorts/form', { cohort })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const cohort = await findCohort(params.id)
    const input = await request.validateUsing(cohortValidator)
    return this.respond(
      await saveCohort(input, cohort),
      { backWithErrors, response, session },
      'Cohort updated'
    )
  }

  private respond(
    result: SaveCohortResult,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', `${message}: ${result.cohort.name}`)
        return ctx.response.redirect().toRoute('fast_stream.admin.cohorts.index')
      case 'name_taken':
        return ctx.backWithErrors({ name: 'There is already a cohort with this name' })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

async function findCohort(id: unknown) {
  const cohort = await FastStreamCohort.find(idParam(id))
  if (!cohort) throw new RecordNotFoundException()
  return cohort
}
