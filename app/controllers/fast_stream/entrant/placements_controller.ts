import type { HttpContext } from '@adonisjs/core/http'
import Placement from '#models/placement'
import PlacementRound from '#models/placement_round'
import type FastStreamEntrant from '#models/fast_stream_entrant'
import RecordNotFoundException from '#exceptions/record_not_found_exception'
import { PlacementStatuses, clearanceLabels, placementSortLabels } from '#enums/fast_stream'
import { idParam } from '#services/params'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import { programmeWords } from '#domain/fast_stream/programmes'
import {
  currentRound,
  eligibilityFor,
  entrantsCanSee,
  placementDetails,
  placementFacets,
  placementFilters,
  searchPlacements,
  skillChoices,
} from '#queries/fast_stream/placement_search_query'
import {
  preferencesClosedReason,
  shortlistFor,
  shortlistSize,
} from '#queries/fast_stream/shortlist_query'
import { UK_ZONE } from '#domain/shared/uk_time'
import { readPlacementFilters } from '#validators/fast_stream_entrant'
import { exportList } from '#services/exports'
import { backToListWithErrors, csvHref } from '#services/list_pipeline'

/* The shortlist page of the round: the plain address for the current round of its programme. */
async function shortlistHref(round: PlacementRound) {
  const current = await currentRound(round.programme)
  return current?.id === round.id
    ? '/fast-stream/shortlist'
    : `/fast-stream/shortlist?round=${round.id}`
}

/*
 * The placement search and the placement page: for entrants, with their
 * shortlist and whether the rules let them take each placement; Fast Stream
 * admins may look at the same pages.
 */
export default class PlacementsController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    const entrant = await this.searcher({ auth, bouncer })
    const programme = entrant ? await programmeOf(entrant) : null
    // An entrant reads of their own programme; the team running both, of the round's.
    const round = await currentRound(programme)
    if (!round) {
      return view.render('pages/fast_stream/entrant/no_round', {
        entrant,
        words: programmeWords(programme),
      })
    }

    const { filters: input, errors } = await readPlacementFilters(request.qs())
    const filters = placementFilters(input, entrant)
    const shortlist = entrant ? await shortlistFor(round.id, entrant.id) : null
    const [{ rows, meta }, facets, skills, listed] = await Promise.all([
      searchPlacements(round, filters, { page: input.page, shortlistId: shortlist?.id ?? null }),
      placementFacets(round, filters),
      skillChoices(round),
      shortlist ? shortlistSize(shortlist.id) : 0,
    ])
    const eligibility = entrant ? await eligibilityFor(round, entrant.id, rows) : new Map()
    return view.render('pages/fast_stream/entrant/placements', {
      round,
      words: programmeWords(round.programme),
      deadline: round.preferencesCloseAt.setZone(UK_ZONE),
      entrant,
      clearanceLabel: entrant ? clearanceLabels[entrant.clearance] : null,
      placements: rows,
      eligibility,
      meta,
      facets,
      skills,
      listed,
      entered: request.qs(),
      filters: input,
      errors,
      sort: input.sort ?? 'title',
      sortOptions: Object.entries(placementSortLabels).map(([value, label]) => ({ value, label })),
      csvHref: csvHref('/fast-stream/placements.csv', { ...input, page: undefined }),
    })
  }

  /* The placements the search finds, every page, as CSV: what the page would show this person. */
  async csv(ctx: HttpContext) {
    await this.searcher(ctx)
    const { errors } = await readPlacementFilters(ctx.request.qs())
    if (backToListWithErrors(ctx, '/fast-stream/placements', errors)) return
    return exportList(ctx, 'placementSearch')
  }

  /*
   * Approved placements only; an entrant sees those of open rounds of their
   * programme, an admin those of any round.
   */
  async show({ auth, bouncer, params, view }: HttpContext) {
    const entrant = await this.searcher({ auth, bouncer })
    const found = await Placement.find(idParam(params.id))
    if (!found || found.status !== PlacementStatuses.Approved) throw new RecordNotFoundException()
    const round = await PlacementRound.findOrFail(found.roundId)
    const admin = await bouncer.with('FastStreamPolicy').allows('administer')
    const programme = entrant ? await programmeOf(entrant) : null
    if (!admin && !entrantsCanSee(round, programme)) throw new RecordNotFoundException()

    const shortlist = entrant ? await shortlistFor(round.id, entrant.id) : null
    const placement = (await placementDetails(found.id, shortlist?.id ?? null))!
    const eligibility = entrant ? await eligibilityFor(round, entrant.id, [placement]) : null
    return view.render('pages/fast_stream/entrant/placement', {
      placement,
      round,
      words: programmeWords(round.programme),
      entrant,
      ineligible: eligibility?.get(placement.id) ?? null,
      closed: preferencesClosedReason(round),
      opensAt: round.preferencesOpenAt.setZone(UK_ZONE),
      deadline: round.preferencesCloseAt.setZone(UK_ZONE),
      listed: shortlist ? await shortlistSize(shortlist.id) : 0,
      shortlistHref: await shortlistHref(round),
      clearanceLabels,
    })
  }

  /* Entrants, and the Fast Stream team; everyone else is refused. */
  private async searcher({
    auth,
    bouncer,
  }: Pick<HttpContext, 'auth' | 'bouncer'>): Promise<FastStreamEntrant | null> {
    if (await bouncer.with('FastStreamPolicy').allows('enter')) {
      return entrantOf(auth.getUserOrFail())
    }
    await bouncer.with('FastStreamPolicy').authorize('administer')
    return null
  }
}
