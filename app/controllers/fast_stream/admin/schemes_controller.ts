import type { HttpContext } from '@adonisjs/core/http'
import type { SavedAnswer } from '#start/http_context'
import FastStreamScheme from '#models/fast_stream_scheme'
import { found, idParam } from '#services/params'
import { schemeValidator } from '#validators/fast_stream_admin'
import { saveScheme } from '#actions/fast_stream/admin/save_scheme'
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

  async store({ answerSave, bouncer, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const input = await request.validateUsing(schemeValidator)
    return answerSave(await saveScheme(input), saved('Scheme added'), nameTaken)
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

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const scheme = await findScheme(params.id)
    const input = await request.validateUsing(schemeValidator)
    return answerSave(await saveScheme(input, scheme), saved('Scheme updated'), nameTaken)
  }
}

/* A saved scheme goes back to the schemes, its name after the message. */
function saved(message: string) {
  return ({ scheme }: { scheme: FastStreamScheme }): SavedAnswer => [
    `${message}: ${scheme.name}`,
    'fast_stream.admin.schemes.index',
  ]
}

const nameTaken = () => ({ name: 'There is already a scheme with this name' })

async function findScheme(id: unknown) {
  return found(await FastStreamScheme.find(idParam(id)))
}
