import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors, SavedAnswer } from '#start/http_context'
import FastStreamPosting from '#models/fast_stream_posting'
import { found, idParam } from '#services/params'
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

  async store({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const input = await request.validateUsing(postingValidator)
    const result = await savePosting(entrant, input)
    return answerSave(result, saved('Posting added', entrant), refused)
  }

  async edit({ bouncer, params, view }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    return this.form(view, entrant, await findPosting(entrant, params.postingId))
  }

  async update({ answerSave, bouncer, params, request }: HttpContext) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const entrant = await findEntrant(params.id)
    const posting = await findPosting(entrant, params.postingId)
    const input = await request.validateUsing(postingValidator)
    const result = await savePosting(entrant, input, posting)
    return answerSave(result, saved('Posting updated', entrant), refused)
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
}

/* A saved posting goes back to its entrant's page, its title after the message. */
function saved(message: string, entrant: FastStreamEntrant) {
  return ({ posting }: { posting: FastStreamPosting }): SavedAnswer => [
    `${message}: ${posting.title}`,
    'fast_stream.admin.entrants.show',
    { id: entrant.id },
  ]
}

const FIELD_ERRORS: Record<Exclude<SavePostingResult['type'], 'saved'>, FieldErrors> = {
  organisation_not_found: {
    organisationId: 'Select the organisation of the posting from the list',
  },
  ends_before_start: { endsOn: 'The end date must be after the start date' },
}
const refused = (result: { type: keyof typeof FIELD_ERRORS }) => FIELD_ERRORS[result.type]

/* A posting of this entrant; another entrant's posting does not exist here. */
async function findPosting(entrant: FastStreamEntrant, id: unknown) {
  return found(
    await FastStreamPosting.query().where('id', idParam(id)).where('entrant_id', entrant.id).first()
  )
}
