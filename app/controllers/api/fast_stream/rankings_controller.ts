import type { HttpContext } from '@adonisjs/core/http'
import type Placement from '#models/placement'
import { Roles } from '#enums/roles'
import { apiSerializer, fieldProblems, problem } from '#services/api'
import { idParam } from '#services/params'
import { apiRankingValidator } from '#validators/fast_stream_team'
import { rankApplicants } from '#actions/fast_stream/team/rank_applicants'
import { RANKING_PROBLEMS, RANKING_ROUND_MATCHED } from '#services/ranking_messages'
import { applicantsOf } from '#queries/fast_stream/team_applicants_query'
import { placementWithDetails } from '#queries/fast_stream/team_placements_query'
import { RankingTransformer } from '#transformers/fast_stream_transformer'

/*
 * A team's ranking of its placement's applicants in the JSON API, for the
 * placement's team lead and the Fast Stream team. Applicants left out of
 * a ranking follow the ranked ones in the stated order. Another team's
 * placement answers 404, as one that does not exist, so its existence is
 * not given away.
 */
export default class RankingsController {
  async show({ auth, bouncer, params, response }: HttpContext) {
    const placement = await this.placement({ auth, bouncer, params, response })
    if (!placement) return
    return this.ranking(placement)
  }

  async update({ auth, bouncer, params, request, response }: HttpContext) {
    const placement = await this.placement({ auth, bouncer, params, response })
    if (!placement) return
    const { entrants } = await request.validateUsing(apiRankingValidator)
    const result = await rankApplicants(placement, entrants)
    switch (result.type) {
      case 'ranked':
        return this.ranking(placement)
      case 'invalid':
        return fieldProblems(
          response,
          result.problems.map((entry) => ({
            field: `entrants.${entry.index}`,
            message: RANKING_PROBLEMS[entry.code].message(entry.entrantId),
            rule: RANKING_PROBLEMS[entry.code].rule,
          }))
        )
      case 'round_matched':
        return problem(response, 409, RANKING_ROUND_MATCHED.api)
      default: {
        const unreachable: never = result
        return unreachable
      }
    }
  }

  /* The ranking as the API gives it: the saved order, then every applicant in the team's order. */
  private async ranking(placement: Placement) {
    const applicants = await applicantsOf(placement, placement.round)
    return apiSerializer.serialize(RankingTransformer.transform({ placement, applicants }))
  }

  /* The placement in the address, or null once a problem has been sent. */
  private async placement({
    auth,
    bouncer,
    params,
    response,
  }: Pick<HttpContext, 'auth' | 'bouncer' | 'params' | 'response'>) {
    const user = auth.getUserOrFail()
    const policy = bouncer.with('FastStreamPolicy')
    const teamLead = user.hasRole(Roles.TeamLead) && user.teamId !== null
    if (!teamLead && (await policy.denies('administer'))) {
      problem(
        response,
        403,
        'Only the team lead of the placement’s team and the Fast Stream team can see or change its ranking.'
      )
      return null
    }
    const placement = await placementWithDetails(idParam(params.id))
    if (!placement || (await policy.denies('managePlacement', placement))) {
      problem(response, 404, 'There is no placement with this id that you can see.')
      return null
    }
    return placement
  }
}
