import type { HttpContext } from '@adonisjs/core/http'
import PlacementRound from '#models/placement_round'
import { listEnvelope, problem } from '#services/api'
import { idParam } from '#services/params'
import { entrantOf, programmeOf } from '#queries/fast_stream/entrant_query'
import {
  eligibilityFor,
  entrantsCanSee,
  placementFacets,
  searchPlacements,
  type Ineligible,
  type PlacementRow,
} from '#queries/fast_stream/placement_search_query'
import { shortlistFor } from '#queries/fast_stream/shortlist_query'
import { apiPlacementQueryValidator } from '#validators/fast_stream_entrant'
import { withoutBlanks } from '#services/list_pipeline'

/* A placement as the API shows it; eligibility is the caller's, null when they are not an entrant. */
export function placementResource(row: PlacementRow, ineligible: Ineligible | null | undefined) {
  const judged = ineligible !== undefined
  return {
    id: row.id,
    roundId: row.roundId,
    title: row.title,
    description: row.description,
    location: row.location,
    startsOn: row.startsOn.toISODate(),
    capacity: row.capacity,
    clearanceRequired: row.clearanceRequired,
    digital: row.isDigital,
    team: { id: row.teamId, name: row.teamName },
    organisation: { id: row.organisationId, name: row.organisationName },
    department: row.department,
    service: row.service,
    skills: row.skills,
    shortlistRank: row.shortlistRank,
    eligible: judged ? ineligible === null : null,
    ineligibleCode: ineligible?.code ?? null,
    ineligibleReason: ineligible?.reason ?? null,
  }
}

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
    const filters = {
      q: input.q,
      department: input.department,
      location: input.location,
      skill: input.skill,
      digitalOnly: input.digitalOnly,
      clearance: entrant && input.myClearance ? entrant.clearance : undefined,
      sort: input.sort,
    }
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
    const envelope = listEnvelope(
      rows.map((row) =>
        placementResource(row, eligibility ? (eligibility.get(row.id) ?? null) : undefined)
      ),
      meta.total,
      meta.currentPage,
      meta.perPage
    )
    return {
      ...envelope,
      meta: {
        ...envelope.meta,
        departments: facets.departments.map((option) => ({
          id: option.value,
          name: option.label,
          count: option.count,
        })),
      },
    }
  }
}
