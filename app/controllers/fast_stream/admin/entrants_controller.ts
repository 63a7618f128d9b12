import type { HttpContext } from '@adonisjs/core/http'
import { exportList } from '#services/exports'
import { csvHref } from '#services/list_pipeline'
import FastStreamEntrant from '#models/fast_stream_entrant'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import {
  clearanceLabels,
  clearanceValues,
  gradeInWords,
  gradesTakenInWords,
  programmeLabels,
} from '#enums/fast_stream'
import { entrantCreateValidator, entrantUpdateValidator } from '#validators/fast_stream_admin'
import { saveEntrant, type SaveEntrantResult } from '#actions/fast_stream/admin/save_entrant'
import {
  entrantFilters,
  entrantsPage,
  entrantWithHistory,
} from '#queries/fast_stream/admin_entrants_query'
import { schemeAndCohortOptions } from '#queries/fast_stream/admin_schemes_query'

export const clearanceOptions = clearanceValues.map((value) => ({
  value,
  label: clearanceLabels[value],
}))

/*
 * Fast Stream entrants for the Fast Stream team: a list with filters kept
 * in the address, each entrant's page with their posting history, and the
 * forms to add a person to the Fast Stream or change their record.
 */
export default class EntrantsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const filters = entrantFilters(request.qs())
    const page = await entrantsPage(filters)
    return view.render('pages/fast_stream/admin/entrants/index', {
      page,
      programmeLabels,
      filters,
      csvHref: csvHref('/fast-stream/admin/entrants.csv', filters),
      clearanceOptions,
      ...(await schemeAndCohortOptions()),
    })
  }

  /* The entrant list as CSV: the same filters and order, every page. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    return exportList(ctx, 'entrants')
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const found = await entrantWithHistory(idParam(params.id))
    if (!found) throw new RecordNotFoundException()
    return view.render('pages/fast_stream/admin/entrants/show', { ...found, clearanceLabels })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return this.form(view, null)
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(entrantCreateValidator)
    return this.respond(
      await saveEntrant(input),
      { backWithErrors, response, session },
      'Entrant added'
    )
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return this.form(view, await findEntrant(params.id))
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const input = await request.validateUsing(entrantUpdateValidator)
    return this.respond(
      await saveEntrant(input, entrant),
      { backWithErrors, response, session },
      'Entrant updated'
    )
  }

  private async form(view: HttpContext['view'], entrant: FastStreamEntrant | null) {
    return view.render('pages/fast_stream/admin/entrants/form', {
      entrant,
      clearanceOptions,
      ...(await schemeAndCohortOptions()),
    })
  }

  private respond(
    result: SaveEntrantResult,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', message)
        return ctx.response
          .redirect()
          .toRoute('fast_stream.admin.entrants.show', { id: result.entrant.id })
      case 'person_not_found':
        return ctx.backWithErrors({
          email: 'No one has this e-mail address: add them as a person first',
        })
      case 'already_entrant':
        return ctx.backWithErrors({ email: 'This person is already on the Fast Stream' })
      case 'scheme_not_found':
        return ctx.backWithErrors({ schemeId: 'Select the entrant’s scheme from the list' })
      case 'cohort_not_found':
        return ctx.backWithErrors({ cohortId: 'Select the entrant’s cohort from the list' })
      case 'grade_not_taken':
        return ctx.backWithErrors({
          schemeId: `Only people at ${gradesTakenInWords(result.programme)} can join the ${programmeLabels[result.programme]}: this person is ${gradeInWords(result.grade)}`,
        })
      case 'programme_changed':
        return ctx.backWithErrors({
          schemeId: `Select a scheme of the entrant’s own programme: they cannot move to the ${programmeLabels[result.programme]}`,
        })
      case 'locations_too_long':
        return ctx.backWithErrors({
          locations: 'Location preferences must be 255 characters or fewer',
        })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

export async function findEntrant(id: unknown) {
  const entrant = await FastStreamEntrant.query().where('id', idParam(id)).preload('user').first()
  if (!entrant) throw new RecordNotFoundException()
  return entrant
}
