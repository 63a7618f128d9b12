import type { HttpContext } from '@adonisjs/core/http'
import FastStreamScheme from '#models/fast_stream_scheme'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { schemeValidator } from '#validators/fast_stream_admin'
import { saveScheme, type SaveSchemeResult } from '#actions/fast_stream/admin/save_scheme'
import { schemesWithCounts } from '#queries/fast_stream/admin_schemes_query'
import { exportList } from '#services/exports'
import { programmeLabels, programmeValues } from '#enums/fast_stream'

const programmeOptions = programmeValues.map((value) => ({ value, label: programmeLabels[value] }))

/* Fast Stream schemes: listed with their entrants, added and renamed by the Fast Stream team. */
export default class SchemesController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/schemes/index', {
      schemes: await schemesWithCounts(),
      programmeLabels,
    })
  }

  /* Every scheme with its entrants, as CSV. */
  async csv(ctx: HttpContext) {
    await ctx.bouncer.with('FastStreamPolicy').authorize('administer')
    return exportList(ctx, 'schemes')
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return view.render('pages/fast_stream/admin/schemes/form', { scheme: null, programmeOptions })
  }

  async store({ backWithErrors, bouncer, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(schemeValidator)
    return this.respond(
      await saveScheme(input),
      { backWithErrors, response, session },
      'Scheme added'
    )
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const scheme = await findScheme(params.id)
    return view.render('pages/fast_stream/admin/schemes/form', {
      scheme,
      programmeOptions,
      programmeLabels,
    })
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const scheme = await findScheme(params.id)
    const input = await request.validateUsing(schemeValidator)
    return this.respond(
      await saveScheme(input, scheme),
      { backWithErrors, response, session },
      'Scheme updated'
    )
  }

  private respond(
    result: SaveSchemeResult,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', `${message}: ${result.scheme.name}`)
        return ctx.response.redirect().toRoute('fast_stream.admin.schemes.index')
      case 'name_taken':
        return ctx.backWithErrors({ name: 'There is already a scheme with this name' })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

async function findScheme(id: unknown) {
  const scheme = await FastStreamScheme.find(idParam(id))
  if (!scheme) throw new RecordNotFoundException()
  return scheme
}
