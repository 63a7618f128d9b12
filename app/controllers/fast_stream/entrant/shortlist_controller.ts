import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { found } from '#services/params'
import { clearanceLabels } from '#enums/fast_stream'
import { problem } from '#services/api'
import { describeClosed } from '#queries/fast_stream/shortlist_query'
import { UK_ZONE } from '#domain/shared/uk_time'
import { reorderShortlist } from '#actions/fast_stream/entrant/reorder_shortlist'
import { submitShortlist } from '#actions/fast_stream/entrant/submit_shortlist'
import {
  shortlistOrderValidator,
  shortlistPageValidator,
  submitShortlistValidator,
} from '#validators/fast_stream_entrant'
import { withoutBlanks } from '#services/list_pipeline'
import {
  LIST_CHANGED,
  alreadySubmittedMessage,
  reorderedMessage,
  shortlistPageOf,
  shortlistPath,
  submittedMessage,
} from '#services/shortlist_pages'
import { refuseClosed, shortlistEntrant } from '#controllers/fast_stream/entrant/shortlist_entrant'

/*
 * An entrant's shortlist: their ranked choices for a round, submitted when
 * ready. A drag and drop sends the whole new order at once; each placement
 * on it changes through ShortlistPlacementsController.
 */
export default class ShortlistController {
  async show({ auth, bouncer, request, session, view }: HttpContext) {
    const entrant = await shortlistEntrant({ auth, bouncer })
    const [invalid, input] = await shortlistPageValidator.tryValidate(withoutBlanks(request.qs()))
    if (invalid) throw new RecordNotFoundException()
    const page = found(await shortlistPageOf(entrant, input.round))
    const { round, words } = page
    if (!round) return view.render('pages/fast_stream/entrant/no_round', { entrant, words })
    const overview = page.overview
    return view.render('pages/fast_stream/entrant/shortlist', {
      ...overview,
      entrant,
      words,
      clearanceLabel: clearanceLabels[entrant.clearance],
      closedMessage: overview.closed ? describeClosed(overview.closed, round) : null,
      deadline: round.preferencesCloseAt.setZone(UK_ZONE),
      submittedAtUk: overview.submittedAt?.setZone(UK_ZONE) ?? null,
      focus: session.flashMessages.get('focus', null),
      orderAction: urlFor('fast_stream.shortlist.order'),
    })
  }

  /*
   * The whole list in a new order, from a drag and drop: JSON for the
   * script, a redirect for a form. A list that changed meanwhile answers
   * 409; a closed window for choices 422 with its `code`, as the API does.
   */
  async reorder({ auth, bouncer, request, response, session }: HttpContext) {
    const entrant = await shortlistEntrant({ auth, bouncer })
    const json = request.accepts(['html', 'json']) === 'json'
    const input = await request.validateUsing(shortlistOrderValidator)
    const result = await reorderShortlist(entrant, input.round, input.placements)
    switch (result.type) {
      case 'reordered': {
        const path = await shortlistPath(result.round)
        const moved = input.moved ? result.ranked.indexOf(input.moved) : -1
        session.flash('success', await reorderedMessage(input.moved, moved))
        if (json) return response.ok({ data: { placements: result.ranked } })
        return response.redirect().toPath(moved >= 0 ? `${path}#choice-${input.moved}` : path)
      }
      case 'list_changed':
        if (json) return problem(response, 409, LIST_CHANGED, { code: 'list_changed' })
        session.flash('error', LIST_CHANGED)
        return response.redirect().toPath(await shortlistPath(result.round))
      case 'closed':
        if (json) {
          return problem(response, 422, describeClosed(result.reason, result.round), {
            code: result.reason,
          })
        }
        return refuseClosed(result, { response, session })
      case 'round_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async submit({ auth, bouncer, request, response, session }: HttpContext) {
    const entrant = await shortlistEntrant({ auth, bouncer })
    const input = await request.validateUsing(submitShortlistValidator)
    const result = await submitShortlist(entrant, input.round)
    switch (result.type) {
      case 'submitted':
        session.flash('success', submittedMessage(result.count, result.round))
        return response.redirect().toPath(await shortlistPath(result.round))
      case 'already_submitted':
        session.flash('success', alreadySubmittedMessage(result.submittedAt))
        return response.redirect().toPath(await shortlistPath(result.round))
      case 'empty':
        session.flash('error', 'Add at least one placement to your shortlist before you submit it')
        return response.redirect().toPath(await shortlistPath(result.round))
      case 'closed':
        return refuseClosed(result, { response, session })
      case 'round_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
