import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type PlacementRound from '#models/placement_round'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { idParam } from '#services/params'
import { describeClosed } from '#queries/fast_stream/shortlist_query'
import { addToShortlist } from '#actions/fast_stream/entrant/add_to_shortlist'
import { removeFromShortlist } from '#actions/fast_stream/entrant/remove_from_shortlist'
import { moveOnShortlist, type MoveDirection } from '#actions/fast_stream/entrant/move_on_shortlist'
import type {
  PlacementNotFound,
  PlacementNotListed,
  ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'
import { shortlistChangeValidator } from '#validators/fast_stream_entrant'
import {
  shortlistFullMessage,
  shortlistPath,
  shortlistPathOfRound,
} from '#services/shortlist_pages'
import { refuseClosed, shortlistEntrant } from '#controllers/fast_stream/entrant/shortlist_entrant'

/*
 * One placement on an entrant's shortlist: added from its page, removed,
 * or moved up or down, each a small form that works without JavaScript.
 */
export default class ShortlistPlacementsController {
  /* Adding is done from the placement's page, and goes back there. */
  async add({ auth, bouncer, params, response, session }: HttpContext) {
    const entrant = await shortlistEntrant({ auth, bouncer })
    const placementId = idParam(params.id)
    const result = await addToShortlist(entrant, placementId)
    const back = urlFor('fast_stream.placements.show', { id: placementId })
    switch (result.type) {
      case 'added':
        session.flash(
          'success',
          `${result.placement.title} is number ${result.rank} on your shortlist`
        )
        return response.redirect().toPath(back)
      case 'already_listed':
        session.flash(
          'success',
          `${result.placement.title} is already number ${result.rank} on your shortlist`
        )
        return response.redirect().toPath(back)
      case 'full':
        session.flash('error', shortlistFullMessage(result.max))
        return response.redirect().toPath(back)
      case 'closed':
        session.flash('error', describeClosed(result.reason, result.round))
        return response.redirect().toPath(back)
      case 'placement_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async remove({ auth, bouncer, params, request, response, session }: HttpContext) {
    const entrant = await shortlistEntrant({ auth, bouncer })
    const { from } = await request.validateUsing(shortlistChangeValidator)
    const placementId = idParam(params.id)
    const result = await removeFromShortlist(entrant, placementId)
    const back = async (round: PlacementRound) =>
      from === 'placement'
        ? urlFor('fast_stream.placements.show', { id: placementId })
        : await shortlistPath(round)
    switch (result.type) {
      case 'removed':
        session.flash(
          'success',
          result.unsubmitted
            ? `${result.placement.title} is no longer on your shortlist. Your shortlist is empty, so it is no longer submitted.`
            : `${result.placement.title} is no longer on your shortlist`
        )
        return response.redirect().toPath(await back(result.round))
      default:
        return this.refuseListedChange(result, { response, session })
    }
  }

  async moveUp(ctx: HttpContext) {
    return this.move(ctx, 'up')
  }

  async moveDown(ctx: HttpContext) {
    return this.move(ctx, 'down')
  }

  private async move(ctx: HttpContext, direction: MoveDirection) {
    const { auth, bouncer, params, response, session } = ctx
    const entrant = await shortlistEntrant({ auth, bouncer })
    const result = await moveOnShortlist(entrant, idParam(params.id), direction)
    switch (result.type) {
      case 'moved': {
        const { placement } = result
        session.flash(
          'success',
          `${placement.title} is now number ${result.rank} on your shortlist`
        )
        // Focus returns to the button pressed (autofocus); a fragment in the address would stop it.
        session.flash('focus', { placementId: placement.id, direction })
        return response.redirect().toPath(await shortlistPath(result.round))
      }
      case 'at_top':
      case 'at_bottom': {
        const { placement } = result
        const where = result.type === 'at_top' ? 'first' : 'last'
        session.flash('error', `${placement.title} is already ${where} on your shortlist`)
        session.flash('focus', { placementId: placement.id, direction })
        return response.redirect().toPath(await shortlistPath(result.round))
      }
      default:
        return this.refuseListedChange(result, { response, session })
    }
  }

  /*
   * A change to a placement on the list (a move or a removal) that cannot
   * be made: a placement not on the list sends the entrant back to the
   * list of its round.
   */
  private async refuseListedChange(
    result: PlacementNotListed | PlacementNotFound | ShortlistClosed,
    { response, session }: Pick<HttpContext, 'response' | 'session'>
  ) {
    switch (result.type) {
      case 'not_listed':
        session.flash('error', `${result.placement.title} is not on your shortlist`)
        return response.redirect().toPath(await shortlistPathOfRound(result.placement.roundId))
      case 'closed':
        return refuseClosed(result, { response, session })
      case 'placement_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }
}
