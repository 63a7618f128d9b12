import type { HttpContext } from '@adonisjs/core/http'
import FastStreamPosting from '#models/fast_stream_posting'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { postingValidator } from '#validators/fast_stream_admin'
import {
  removePosting,
  savePosting,
  type SavePostingResult,
} from '#actions/fast_stream/admin/save_posting'
import { organisationChoices } from '#queries/fast_stream/admin_entrants_query'
import { findEntrant } from '#controllers/fast_stream/admin/entrants_controller'
import type FastStreamEntrant from '#models/fast_stream_entrant'

/* An entrant's posting history, kept by the Fast Stream team: add, correct and remove postings. */
export default class PostingsController {
  async create({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    return this.form(view, entrant, null)
  }

  async store({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const input = await request.validateUsing(postingValidator)
    const result = await savePosting(entrant, input)
    return this.respond(result, entrant, { backWithErrors, response, session }, 'Posting added')
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    return this.form(view, entrant, await findPosting(entrant, params.postingId))
  }

  async update({ backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const posting = await findPosting(entrant, params.postingId)
    const input = await request.validateUsing(postingValidator)
    const result = await savePosting(entrant, input, posting)
    return this.respond(result, entrant, { backWithErrors, response, session }, 'Posting updated')
  }

  async destroy({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const posting = await findPosting(entrant, params.postingId)
    await removePosting(posting)
    session.flash('success', `Posting removed: ${posting.title}`)
    return response.redirect().toRoute('fast_stream.admin.entrants.show', { id: entrant.id })
  }

  private async form(
    view: HttpContext['view'],
    entrant: FastStreamEntrant,
    posting: FastStreamPosting | null
  ) {
    return view.render('pages/fast_stream/admin/entrants/posting_form', {
      entrant,
      posting,
      organisations: await organisationChoices(),
    })
  }

  private respond(
    result: SavePostingResult,
    entrant: FastStreamEntrant,
    ctx: Pick<HttpContext, 'backWithErrors' | 'response' | 'session'>,
    message: string
  ) {
    switch (result.type) {
      case 'saved':
        ctx.session.flash('success', `${message}: ${result.posting.title}`)
        return ctx.response
          .redirect()
          .toRoute('fast_stream.admin.entrants.show', { id: entrant.id })
      case 'organisation_not_found':
        return ctx.backWithErrors({
          organisationId: 'Select the organisation of the posting from the list',
        })
      case 'ends_before_start':
        return ctx.backWithErrors({ endsOn: 'The end date must be after the start date' })
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}

/* A posting of this entrant; another entrant's posting does not exist here. */
async function findPosting(entrant: FastStreamEntrant, id: unknown) {
  const posting = await FastStreamPosting.query()
    .where('id', idParam(id))
    .where('entrant_id', entrant.id)
    .first()
  if (!posting) throw new RecordNotFoundException()
  return posting
}
