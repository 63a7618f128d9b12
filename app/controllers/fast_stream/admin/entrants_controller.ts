import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import { exportList } from '#services/exports'
import { entrantsList } from '#exports/fast_stream'
import FastStreamEntrant from '#models/fast_stream_entrant'
import { found, idParam } from '#services/params'
import {
  clearanceLabels,
  clearanceValues,
  gradeInWords,
  gradesTakenInWords,
  programmeLabels,
} from '#enums/fast_stream'
import { entrantCreateValidator, entrantUpdateValidator } from '#validators/fast_stream_admin'
import { saveEntrant, type SaveEntrantResult } from '#actions/fast_stream/admin/save_entrant'
import { entrantWithHistory } from '#queries/fast_stream/admin_entrants_query'
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
  async index(ctx: HttpContext) {
    const { bouncer, view } = ctx
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const { filters, page, csvHref } = await entrantsList.read(ctx)
    return view.render('pages/fast_stream/admin/entrants/index', {
      page,
      programmeLabels,
      filters,
      csvHref,
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
    const history = found(await entrantWithHistory(idParam(params.id)))
    return view.render('pages/fast_stream/admin/entrants/show', { ...history, clearanceLabels })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return this.form(view, null)
  }

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(entrantCreateValidator)
    return answerSave(await saveEntrant(input), saved('Entrant added'), refused)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return this.form(view, await findEntrant(params.id))
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const input = await request.validateUsing(entrantUpdateValidator)
    return answerSave(await saveEntrant(input, entrant), saved('Entrant updated'), refused)
  }

  private async form(view: HttpContext['view'], entrant: FastStreamEntrant | null) {
    return view.render('pages/fast_stream/admin/entrants/form', {
      entrant,
      clearanceOptions,
      ...(await schemeAndCohortOptions()),
    })
  }
}

/* A saved entrant goes on to their page, with the message. */
function saved(message: string) {
  return ({ entrant }: { entrant: FastStreamEntrant }): SavedAnswer => [
    message,
    'fast_stream.admin.entrants.show',
    { id: entrant.id },
  ]
}

/* Why an entrant was not saved, under the field at fault. */
function refused(result: Exclude<SaveEntrantResult, { type: 'saved' }>): FieldErrors {
  switch (result.type) {
    case 'person_not_found':
      return { email: 'No one has this e-mail address: add them as a person first' }
    case 'already_entrant':
      return { email: 'This person is already on the Fast Stream' }
    case 'scheme_not_found':
      return { schemeId: 'Select the entrant’s scheme from the list' }
    case 'cohort_not_found':
      return { cohortId: 'Select the entrant’s cohort from the list' }
    case 'grade_not_taken':
      return {
        schemeId: `Only people at ${gradesTakenInWords(result.programme)} can join the ${programmeLabels[result.programme]}: this person is ${gradeInWords(result.grade)}`,
      }
    case 'programme_changed':
      return {
        schemeId: `Select a scheme of the entrant’s own programme: they cannot move to the ${programmeLabels[result.programme]}`,
      }
    case 'locations_too_long':
      return { locations: 'Location preferences must be 255 characters or fewer' }
    default: {
      const unreachable: never = result
      return unreachable
    }
  }
}

export async function findEntrant(id: unknown) {
  return found(await FastStreamEntrant.query().where('id', idParam(id)).preload('user').first())
}
