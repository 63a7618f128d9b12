import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import { apiSerializer, pageOf, problem } from '#services/api'
import { idParam } from '#services/params'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import {
  eligibilityFor,
  entrantsCanSee,
  placementFacets,
  placementFilters,
  searchPlacements,
} from '#queries/fast_stream/placement_search_query'
import { shortlistFor } from '#queries/fast_stream/shortlist_query'
import { apiPlacementQueryValidator } from '#validators/fast_stream_entrant'
import { withoutBlanks } from '#services/list_pipeline'
import { PlacementTransformer } from '#transformers/fast_stream_transformer'

/*
 * A round's approved placements with the search page's filters. Entrants
 * see open rounds and whether they may take each placement; the Fast
 * Stream team sees any round.
 */
export default class PlacementsController {
  async index({ auth, bouncer, params, request, response }: HttpContext) {
    const policy = bouncer.with('FastStreamPolicy')
    const entrant = (await policy.allows('enter')) ? await entrantOf(auth.getUserOrFail()) : null
    const admin = await policy.allows('administer')
    if (!entrant && !admin) {
      return problem(
        response,
        403,
        'Only Fast Stream entrants and the Fast Stream team can see placements.'
      )
    }
    const round = await PlacementRound.find(idParam(params.id))
    const programme = entrant ? await programmeOf(entrant) : null
    if (!round || (!admin && !entrantsCanSee(round, programme))) {
      return problem(response, 404, 'There is no round with this id whose placements you can see.')
    }
    const input = await apiPlacementQueryValidator.validate(withoutBlanks(request.qs()))
    const filters = placementFilters(input, entrant)
    const shortlist = entrant ? await shortlistFor(round.id, entrant.id) : null
    const [{ rows, meta }, facets] = await Promise.all([
      searchPlacements(round, filters, {
        page: input.page ?? 1,
        perPage: input.perPage ?? 20,
        shortlistId: shortlist?.id ?? null,
      }),
      placementFacets(round, filters),
    ])
    const eligibility = entrant ? await eligibilityFor(round, entrant.id, rows) : null
    const { data, meta: pageMeta } = await apiSerializer.page(
      PlacementTransformer.paginate(
        rows.map((row) => ({
          row,
          ineligible: eligibility ? (eligibility.get(row.id) ?? null) : undefined,
        })),
        pageOf(meta)
      )
    )
    return {
      data,
      meta: {
        ...pageMeta,
        departments: facets.departments.map((option) => ({
          id: option.value,
          name: option.label,
          count: option.count,
        })),
      },
    }
  }
}
