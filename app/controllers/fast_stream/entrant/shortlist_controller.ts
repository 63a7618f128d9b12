import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { counted } from '#domain/shared/wording'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { clearanceLabels } from '#enums/fast_stream'
import { problem } from '#services/api'
import { idParam } from '#services/params'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import { programmeWords } from '#domain/fast_stream/programmes'
import { currentRound, entrantsCanSee } from '#queries/fast_stream/placement_search_query'
import { describeClosed, shortlistOverview, ukDateTime } from '#queries/fast_stream/shortlist_query'
import { UK_ZONE } from '#domain/shared/uk_time'
import { addToShortlist } from '#actions/fast_stream/entrant/add_to_shortlist'
import { removeFromShortlist } from '#actions/fast_stream/entrant/remove_from_shortlist'
import { moveOnShortlist, type MoveDirection } from '#actions/fast_stream/entrant/move_on_shortlist'
import { reorderShortlist } from '#actions/fast_stream/entrant/reorder_shortlist'
import { submitShortlist } from '#actions/fast_stream/entrant/submit_shortlist'
import type {
  PlacementNotFound,
  PlacementNotListed,
  ShortlistClosed,
} from '#actions/fast_stream/entrant/shortlist_store'
import {
  shortlistChangeValidator,
  shortlistOrderValidator,
  shortlistPageValidator,
  submitShortlistValidator,
} from '#validators/fast_stream_entrant'
import { withoutBlanks } from '#services/list_pipeline'

const LIST_CHANGED =
  'Your shortlist changed since this page was loaded, so the new order was not saved. Check the list and try again.'

/*
 * An entrant's shortlist: their ranked choices for a round. Every change
 * is a small form that works without JavaScript (add, remove, move up or
 * down, submit); a drag and drop sends the whole new order at once.
 */
export default class ShortlistController {
  async show({ auth, bouncer, request, session, view }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer })
    const [invalid, input] = await shortlistPageValidator.tryValidate(
      withoutBlanks(request.qs())
    )
    if (invalid) throw new RecordNotFoundException()
    const programme = await programmeOf(entrant)
    const round = input.round
      ? await PlacementRound.find(input.round)
      : await currentRound(programme)
    if (!round) {
      if (input.round) throw new RecordNotFoundException()
      return view.render('pages/fast_stream/entrant/no_round', {
        entrant,
        words: programmeWords(programme),
      })
    }
    const overview = await shortlistOverview(round, entrant.id)
    // Another round's list is shown while the round is open, or once the entrant has one in it.
    if (input.round && !entrantsCanSee(round, programme) && !overview.shortlist) {
      throw new RecordNotFoundException()
    }
    return view.render('pages/fast_stream/entrant/shortlist', {
      ...overview,
      entrant,
      words: programmeWords(programme),
      clearanceLabel: clearanceLabels[entrant.clearance],
      closedMessage: overview.closed ? describeClosed(overview.closed, round) : null,
      deadline: round.preferencesCloseAt.setZone(UK_ZONE),
      submittedAtUk: overview.submittedAt?.setZone(UK_ZONE) ?? null,
      focus: session.flashMessages.get('focus', null),
      orderAction: '/fast-stream/shortlist/order',
    })
  }

  /* Adding is done from the placement's page, and goes back there. */
  async add({ auth, bouncer, params, response, session }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer })
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
        session.flash(
          'error',
          `Your shortlist already has ${counted(result.max, 'placement')}, the most this round takes. Remove one before you add another.`
        )
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
    const entrant = await this.entrant({ auth, bouncer })
    const { from } = await request.validateUsing(shortlistChangeValidator)
    const placementId = idParam(params.id)
    const result = await removeFromShortlist(entrant, placementId)
    const back = async (round: PlacementRound) =>
      from === 'placement'
        ? urlFor('fast_stream.placements.show', { id: placementId })
        : await this.shortlistPath(round)
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

  /*
   * The whole list in a new order, from a drag and drop: JSON for the
   * script, a redirect for a form. A list that changed meanwhile answers
   * 409; a closed window for choices 422 with its `code`, as the API does.
   */
  async reorder({ auth, bouncer, request, response, session }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer })
    const json = request.accepts(['html', 'json']) === 'json'
    const input = await request.validateUsing(shortlistOrderValidator)
    const result = await reorderShortlist(entrant, input.round, input.placements)
    switch (result.type) {
      case 'reordered': {
        const path = await this.shortlistPath(result.round)
        const moved = input.moved ? result.ranked.indexOf(input.moved) : -1
        if (moved >= 0) {
          const title = await this.titleOf(input.moved!)
          session.flash('success', `${title} is now number ${moved + 1} on your shortlist`)
        } else {
          session.flash('success', 'The new order of your shortlist is saved')
        }
        if (json) return response.ok({ data: { placements: result.ranked } })
        return response.redirect().toPath(moved >= 0 ? `${path}#choice-${input.moved}` : path)
      }
      case 'list_changed':
        if (json) return problem(response, 409, LIST_CHANGED, { code: 'list_changed' })
        session.flash('error', LIST_CHANGED)
        return response.redirect().toPath(await this.shortlistPath(result.round))
      case 'closed':
        if (json) {
          return problem(response, 422, describeClosed(result.reason, result.round), {
            code: result.reason,
          })
        }
        return this.refuseClosed(result, { response, session })
      case 'round_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  async submit({ auth, bouncer, request, response, session }: HttpContext) {
    const entrant = await this.entrant({ auth, bouncer })
    const input = await request.validateUsing(submitShortlistValidator)
    const result = await submitShortlist(entrant, input.round)
    switch (result.type) {
      case 'submitted':
        session.flash(
          'success',
          `Your shortlist of ${result.count} ${result.count === 1 ? 'placement' : 'placements'} is submitted. You can change it until ${ukDateTime(result.round.preferencesCloseAt)} (UK time).`
        )
        return response.redirect().toPath(await this.shortlistPath(result.round))
      case 'already_submitted':
        session.flash(
          'success',
          `Your shortlist was submitted on ${ukDateTime(result.submittedAt)} (UK time). Changes you make are saved straight away.`
        )
        return response.redirect().toPath(await this.shortlistPath(result.round))
      case 'empty':
        session.flash('error', 'Add at least one placement to your shortlist before you submit it')
        return response.redirect().toPath(await this.shortlistPath(result.round))
      case 'closed':
        return this.refuseClosed(result, { response, session })
      case 'round_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private async move(ctx: HttpContext, direction: MoveDirection) {
    const { auth, bouncer, params, response, session } = ctx
    const entrant = await this.entrant({ auth, bouncer })
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
        return response.redirect().toPath(await this.shortlistPath(result.round))
      }
      case 'at_top':
      case 'at_bottom': {
        const { placement } = result
        const where = result.type === 'at_top' ? 'first' : 'last'
        session.flash('error', `${placement.title} is already ${where} on your shortlist`)
        session.flash('focus', { placementId: placement.id, direction })
        return response.redirect().toPath(await this.shortlistPath(result.round))
      }
      default:
        return this.refuseListedChange(result, { response, session })
    }
  }

  private async refuseClosed(
    result: ShortlistClosed,
    { response, session }: Pick<HttpContext, 'response' | 'session'>
  ) {
    session.flash('error', describeClosed(result.reason, result.round))
    return response.redirect().toPath(await this.shortlistPath(result.round))
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
        return response
          .redirect()
          .toPath(await this.pathForPlacementRound(result.placement.roundId))
      case 'closed':
        return this.refuseClosed(result, { response, session })
      case 'placement_not_found':
        throw new RecordNotFoundException()
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* The shortlist page of the round: the plain address for the current round of its programme. */
  private async shortlistPath(round: PlacementRound) {
    const current = await currentRound(round.programme)
    return current?.id === round.id
      ? urlFor('fast_stream.shortlist.show')
      : urlFor('fast_stream.shortlist.show', {}, { qs: { round: round.id } })
  }

  private async pathForPlacementRound(roundId: number) {
    const round = await PlacementRound.find(roundId)
    return round ? this.shortlistPath(round) : urlFor('fast_stream.shortlist.show')
  }

  private async titleOf(placementId: number) {
    const placement = await Placement.find(placementId)
    return placement?.title ?? 'The placement'
  }

  /* Only entrants have a shortlist. */
  private async entrant({
    auth,
    bouncer,
  }: Pick<HttpContext, 'auth' | 'bouncer'>): Promise<FastStreamEntrant> {
    await bouncer.with('FastStreamPolicy').authorize('enter')
    return (await entrantOf(auth.getUserOrFail()))!
  }
}
