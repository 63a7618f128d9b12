import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import { programmeWords } from '#domain/fast_stream/programmes'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { found, idParam } from '#services/params'
import { withoutBlanks } from '#services/list_pipeline'
import {
  chosenPlacement,
  moveConfirmValidator,
  moveValidator,
} from '#validators/fast_stream_matching'
import { matchState, postingDates } from '#actions/fast_stream/matching/run_match'
import {
  checkMove,
  moveEntrant,
  MOVE_CHECK_PAIRS_SHOWN,
  type CheckMoveResult,
  type PostingOverlap,
} from '#actions/fast_stream/matching/move_entrant'
import {
  findMatch,
  placementChoices,
  type EntrantMatchRow,
  type PlacementChoice,
} from '#queries/fast_stream/match_results_query'

/* The select's options: no placement, then the placements grouped by department. */
function placementOptions(placements: PlacementChoice[], round: PlacementRound) {
  const groups = new Map<string, Array<{ value: string; label: string }>>()
  for (const placement of placements) {
    const options = groups.get(placement.department) ?? []
    options.push({
      value: String(placement.id),
      label: `${placement.title}, ${placement.team} (${placement.filled} of ${placement.capacity} ${placement.capacity === 1 ? 'place' : 'places'} filled)`,
    })
    groups.set(placement.department, options)
  }
  return [
    {
      value: 'none',
      label: `No placement: leave the ${programmeWords(round.programme).one} unmatched`,
    },
    ...[...groups].map(([label, options]) => ({ label, options })),
  ]
}

/*
 * Moving one entrant by hand while the result is unpublished: choose a
 * placement (or none), see what the move does to the result, confirm it.
 */
export default class MovesController {
  async show({ bouncer, params, request, response, session, view }: HttpContext) {
    const { round, match } = await this.find(bouncer, params)
    if (matchState(round) !== 'matched') return this.notAdjustable(round, response, session)

    let errors: Record<string, string[]> | null = null
    let check = null
    let chosen: string | undefined
    // The form was sent (a GET, so the check needs no JavaScript and keeps nothing).
    if (request.qs().placement !== undefined) {
      const [error, input] = await moveValidator.tryValidate(withoutBlanks(request.qs()))
      if (error) {
        errors = { placement: [error.messages[0].message] }
      } else {
        chosen = input.placement
        const result = await checkMove(
          round,
          { entrantId: match.entrantId, placementId: match.placement?.id ?? null },
          chosenPlacement(input.placement)
        )
        const problem = this.problem(result, match, round)
        if (problem) errors = { placement: [problem] }
        else if (result.type === 'checked') check = result.check
      }
    }
    const placements = await placementChoices(round)
    const target =
      chosen && chosen !== 'none' ? placements.find((p) => String(p.id) === chosen) : null
    return view.render('pages/fast_stream/matching/move', {
      round,
      match,
      errors,
      check,
      chosen: chosen ?? request.qs().placement ?? '',
      target: target ?? null,
      options: placementOptions(placements, round),
      pairsShown: MOVE_CHECK_PAIRS_SHOWN,
    })
  }

  async update({ auth, backWithErrors, bouncer, params, request, response, session }: HttpContext) {
    const { round, match } = await this.find(bouncer, params)
    const { placement, reason } = await request.validateUsing(moveConfirmValidator)
    const placementId = chosenPlacement(placement)
    const result = await moveEntrant(
      round,
      match.matchId,
      placementId,
      reason,
      auth.getUserOrFail()
    )
    const fail = (text: string) => backWithErrors({ placement: text })
    switch (result.type) {
      case 'moved': {
        const moved = await findMatch(round, match.matchId)
        session.flash(
          'success',
          moved?.placement
            ? `${match.name} moved to ${moved.placement.title}`
            : `${match.name} now has no placement`
        )
        return response
          .redirect()
          .toRoute(
            'fast_stream.matching.results',
            { id: round.id },
            { qs: { outcome: 'adjusted' } }
          )
      }
      case 'not_adjustable':
        return this.notAdjustable(round, response, session)
      case 'match_not_found':
        throw new RecordNotFoundException()
      case 'placement_not_found':
        return fail('Select a placement approved in this round')
      case 'unchanged':
        return fail(this.unchanged(match))
      case 'posting_overlap':
        return fail(this.overlapping(result, match, round))
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  private problem(result: CheckMoveResult, match: EntrantMatchRow, round: PlacementRound) {
    switch (result.type) {
      case 'checked':
        return null
      case 'placement_not_found':
        return 'Select a placement approved in this round'
      case 'unchanged':
        return this.unchanged(match)
      case 'posting_overlap':
        return this.overlapping(result, match, round)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* Why the entrant can take no placement in the round: their posting would overlap the new one. */
  private overlapping(result: PostingOverlap, match: EntrantMatchRow, round: PlacementRound) {
    const { posting } = result
    const window =
      round.postingStartsOn && round.postingEndsOn
        ? ` (${postingDates(round.postingStartsOn, round.postingEndsOn)})`
        : ''
    return `Select no placement: ${match.name}’s posting “${posting.title}” (${postingDates(posting.startsOn, posting.endsOn)}) overlaps this round’s postings${window}`
  }

  private unchanged(match: EntrantMatchRow) {
    return match.placement
      ? `Select a different placement: ${match.name} already has this one`
      : `Select a placement: ${match.name} already has none`
  }

  private notAdjustable(
    round: PlacementRound,
    response: HttpContext['response'],
    session: HttpContext['session']
  ) {
    session.flash(
      'error',
      'Entrants can only be moved while the round is matched and not yet published'
    )
    return response.redirect().toRoute('fast_stream.matching.results', { id: round.id })
  }

  private async find(bouncer: HttpContext['bouncer'], params: Record<string, unknown>) {
    await bouncer.with('FastStreamPolicy').authorize('administer')
    const round = found(await PlacementRound.find(idParam(params.id)))
    const match = found(await findMatch(round, idParam(params.matchId)))
    return { round, match }
  }
}
